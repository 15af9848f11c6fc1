"""Requests every registered route as anonymous, staff, the head of another department and admin,
and fails on any answer the permission table does not allow.

Routes come from the app's URL map, so every route a plugin adds is walked too: each view must
declare its access (core.permissions: public, authenticated or permission_required).
"""
import pytest
from flask_login import AnonymousUserMixin
from werkzeug.routing.converters import FloatConverter, IntegerConverter, UUIDConverter

from core.permissions import user_can
from core.security import view_access

# Requests that would end the walking user's session.
SKIPPED = {("auth.logout", "POST")}


def _sample_value(converter):
    if isinstance(converter, (IntegerConverter, FloatConverter)):
        return 999999  # no such row: a walk must not change the walking users themselves
    if isinstance(converter, UUIDConverter):
        return "00000000-0000-0000-0000-000000000000"
    return "x"


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if (rule.endpoint, method) in SKIPPED:
                continue
            args = {name: _sample_value(conv) for name, conv in rule._converters.items()}
            yield rule.endpoint, method, rule.build(args, append_unknown=False)[1]


@pytest.fixture
def walkers(app, make_user, make_department, login, enable_module):
    """Clients for each kind of user; every plugin is on and assigned to the staff's department."""
    own, other = make_department(name="واحد پیمایش"), make_department(name="واحد دیگر")
    for key in app.extensions["ravabet_plugins"].loaded_keys():
        enable_module(key, own)
    users = {
        "anonymous": None,
        "staff": make_user("staff", departments=[own]),
        "other head": make_user("head", heads=[other]),
        "admin": make_user("admin"),
    }
    clients = {}
    for name, user in users.items():
        clients[name] = app.test_client()
        if user is not None:
            login(user, test_client=clients[name])
    return users, clients


def _allowed(app, endpoint, user):
    access = view_access(endpoint)
    if access == "public":
        return True
    if not user.is_authenticated:
        return False
    if access == "authenticated":
        return True
    return user_can(user, app.view_functions[endpoint].permission)


def test_every_view_declares_its_access(app):
    undeclared = sorted(
        endpoint for endpoint, view in app.view_functions.items()
        if endpoint != "static" and not endpoint.endswith(".static")
        and getattr(view, "access", None) not in ("public", "authenticated", "permission")
    )
    assert not undeclared, f"views without an access declaration: {undeclared}"


def test_every_route_answers_only_whom_the_permission_table_allows(app, walkers):
    users, clients = walkers
    problems = []
    routes = list(_routes(app))
    assert len(routes) > 10
    for endpoint, method, url in routes:
        for name, client in clients.items():
            response = client.open(url, method=method)
            status = response.status_code
            with app.test_request_context():
                allowed = _allowed(app, endpoint, users[name] or AnonymousUserMixin())
            login_redirect = status in (302, 303) and "/login" in response.headers.get("Location", "")
            if status >= 500:
                problems.append(f"{method} {url} as {name}: server error {status}")
            elif allowed and (status in (401, 403) or (login_redirect and endpoint != "auth.login")):
                problems.append(f"{method} {url} as {name}: refused ({status}) but allowed")
            elif not allowed and users[name] is None and not (login_redirect or status == 401):
                problems.append(f"{method} {url} as anonymous: answered {status}, expected the login page")
            elif not allowed and users[name] is not None and status != 403:
                problems.append(f"{method} {url} as {name}: answered {status}, expected 403")
    assert not problems, "\n".join(problems)
