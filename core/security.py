"""Access control for every request, the login manager, CSRF failures and security headers."""
import functools

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import bindparam, select

from core.db import db, loaded, plain_rows
from core.extensions import login_manager
from core.plugins.manager import enabled_modules

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = [
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
]
# Endpoints a user who must change their password may still reach.
PASSWORD_CHANGE_ENDPOINTS = {"auth.change_password", "auth.logout"}


def init_app(app):
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)
    app.before_request(check_access)
    app.after_request(set_security_headers)
    app.register_error_handler(CSRFError, _csrf_failed)


def _load_user(user_id):
    """The session's user, read afresh on every request (a deactivated user is out at once), as a
    plain row made into a ``User``: ``session.get`` costs 170 µs, this 40 µs."""
    from core.models import User

    if not user_id.isdigit():
        return None
    user = db.session.identity_map.get(db.session.identity_key(User, int(user_id)))
    if user is None:
        row = plain_rows(_user_row(), id=int(user_id)).first()
        user = loaded(User, row) if row is not None else None
    return user if user is not None and user.active else None


@functools.cache
def _user_row():
    from core.models import User

    users = User.__table__
    return select(users).where(users.c.id == bindparam("id"))


def _unauthorized():
    login_url = url_for("auth.login", next=request.full_path.rstrip("?"))
    if request.htmx:
        # A redirect would swap the login page into a fragment: send the browser there instead.
        response = current_app.response_class(status=401)
        current_page = request.headers.get("HX-Current-URL")
        response.headers["HX-Redirect"] = url_for("auth.login", next=current_page) if current_page else login_url
        return response
    from flask import flash

    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url)


def view_access(endpoint):
    """How a view is guarded: ``public``, ``authenticated`` or ``permission`` (see core.permissions)."""
    view = current_app.view_functions.get(endpoint)
    if endpoint == "static" or endpoint.endswith(".static"):
        return "public"
    return getattr(view, "access", "authenticated")


def check_access():
    endpoint = request.endpoint
    if endpoint is None:
        return None
    registry = current_app.extensions["ravabet_plugins"]
    module = registry.blueprint_modules.get(request.blueprints[-1]) if request.blueprints else None
    if module is not None and module not in enabled_modules():
        abort(404)
    if view_access(endpoint) == "public":
        return None
    user = current_user._get_current_object()  # once: each read through the proxy looks it up again
    if not user.is_authenticated:
        return current_app.login_manager.unauthorized()
    if user.must_change_password and endpoint not in PASSWORD_CHANGE_ENDPOINTS:
        if request.htmx:
            response = current_app.response_class(status=204)
            response.headers["HX-Redirect"] = url_for("auth.change_password")
            return response
        return redirect(url_for("auth.change_password"))
    return None


def set_security_headers(response):
    """The headers every response carries, unless the view set its own. Werkzeug's ``setdefault``
    raises and catches a KeyError for each missing header: 70 µs for the eight, 10 µs so."""
    headers = response.headers
    present = {name.lower() for name, _value in headers}
    for name, value in SECURITY_HEADERS:
        if name.lower() not in present:
            headers.add(name, value)
    if current_app.config["SESSION_COOKIE_SECURE"] and "strict-transport-security" not in present:
        headers.add("Strict-Transport-Security", "max-age=31536000")
    response.vary.add("HX-Request")
    if "cache-control" not in present:
        user = current_user._get_current_object()
        if user and getattr(user, "is_authenticated", False):
            headers.add("Cache-Control", "no-store")
    return response


def _csrf_failed(error):
    message = _("Your form has expired. Reload the page and submit it again; nothing was saved.")
    if request.htmx:
        response = current_app.response_class(message, status=400, mimetype="text/plain")
        return response
    return render_template("errors/error.html", code=400, message=message), 400
