"""Security defaults: headers, cookies, CSRF (htmx included), session expiry for htmx, health."""
import re

import pytest

from config import ProductionConfig
from core.testing import DEFAULT_PASSWORD


def test_security_headers_and_strict_csp(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html  # nothing inline for the CSP to block
    assert 'lang="fa" dir="rtl"' in html


def test_security_headers_come_once_and_a_views_own_are_kept(make_app, client, make_user, login):
    from core.permissions import public

    login(make_user("staff", username="headers"))
    page = client.get("/")
    assert page.headers.getlist("Cache-Control") == ["no-store"]
    assert page.headers.getlist("X-Frame-Options") == ["DENY"]

    app = make_app()

    @app.route("/own-headers")
    @public
    def own_headers():
        return "", 200, {"x-frame-options": "SAMEORIGIN", "Referrer-Policy": "no-referrer"}

    response = app.test_client().get("/own-headers")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]  # names match in any case
    assert response.headers.getlist("Referrer-Policy") == ["no-referrer"]
    assert response.headers.getlist("X-Content-Type-Options") == ["nosniff"]


def test_cookies_are_httponly_and_samesite(client, make_user):
    make_user("staff", username="cookie")
    response = client.post("/login", data={"username": "cookie", "password": DEFAULT_PASSWORD, "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("session="))
    remember = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session, remember):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure_and_secret_is_required(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig.check({"SECRET_KEY": "dev-only-not-secret"})
    assert ProductionConfig.SESSION_COOKIE_SECURE and ProductionConfig.REMEMBER_COOKIE_SECURE


def test_production_app_refuses_to_start_without_secret(monkeypatch):
    from app import create_app

    monkeypatch.setenv("RAVABET_CONFIG", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


@pytest.fixture
def csrf_app(app, make_app):
    return make_app(WTF_CSRF_ENABLED=True)


def _token(html):
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def test_csrf_is_enforced_for_forms_and_htmx(csrf_app, make_user):
    make_user("admin", username="csrfadmin")
    client = csrf_app.test_client()
    token = _token(client.get("/login").get_data(as_text=True))
    # without a token the login form is refused with a Persian page
    refused = client.post("/login", data={"username": "csrfadmin", "password": DEFAULT_PASSWORD})
    assert refused.status_code == 400 and "اعتبار فرم" in refused.get_data(as_text=True)
    ok = client.post("/login", data={"username": "csrfadmin", "password": DEFAULT_PASSWORD, "csrf_token": token})
    assert ok.status_code in (302, 303)
    # an htmx POST without the header gets a plain-text Persian message for the page to show
    htmx_refused = client.post("/logout", headers={"HX-Request": "true"})
    assert htmx_refused.status_code == 400 and htmx_refused.mimetype == "text/plain"
    assert "اعتبار فرم" in htmx_refused.get_data(as_text=True)
    token = _token(client.get("/").get_data(as_text=True))
    assert client.post("/logout", headers={"HX-Request": "true", "X-CSRFToken": token}).status_code == 303


def test_expired_session_on_htmx_request_redirects_the_browser(client):
    response = client.get("/admin/modules/", headers={"HX-Request": "true",
                                                      "HX-Current-URL": "http://localhost.test/admin/modules/"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/login?next=")


def test_health_reports_database(client):
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


def test_health_answers_503_when_database_is_unreachable(make_app):
    broken = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/none")
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503 and response.get_json()["database"] == "unreachable"


def test_error_pages_are_persian(client, make_user, login):
    login(make_user("staff"))
    response = client.get("/no/such/page")
    assert response.status_code == 404 and "صفحه پیدا نشد" in response.get_data(as_text=True)
    forbidden = client.get("/admin/modules/")
    assert forbidden.status_code == 403 and "اجازهٔ دیدن" in forbidden.get_data(as_text=True)


def test_the_user_is_read_afresh_from_its_row_on_every_request(client, make_user, login):
    """Outside a test the session starts empty: the user is made from its row (core.db.loaded)."""
    from sqlalchemy import select, update

    from core.db import db
    from core.models import User

    user = make_user("staff", username="fresh")
    user_id, old_hash = user.id, user.password_hash
    login(user)
    db.session.expunge_all()  # as a new request's session: the user is not in it yet
    assert client.get("/").status_code == 200

    db.session.expunge_all()
    changed = client.post("/account/password", data={"current": DEFAULT_PASSWORD, "new": "a long new secret",
                                                     "confirm": "a long new secret"})
    assert changed.status_code == 303  # the loaded user's change is saved
    assert db.session.scalar(select(User.password_hash).where(User.id == user_id)) != old_hash

    db.session.execute(update(User).where(User.id == user_id).values(active=False))
    db.session.expunge_all()
    assert client.get("/").status_code == 302  # deactivated: out at the very next request


def test_a_user_made_from_its_row_is_as_if_loaded(app, make_user):
    """core.db.loaded puts the row's columns into the instance's state: persistent, nothing to
    flush, its relationships loaded on first use."""
    from sqlalchemy import inspect

    from core.db import db
    from core.models import Department
    from core.security import _load_user

    department = Department(name="واحد خبر")
    db.session.add(department)
    user = make_user("staff", username="from_row", departments=[department])
    user_id = user.id
    db.session.expunge_all()
    loaded_user = _load_user(str(user_id))
    state = inspect(loaded_user)
    assert state.persistent and not state.modified and not db.session.dirty
    assert loaded_user.username == "from_row" and loaded_user.role == "staff" and loaded_user.active
    assert [d.name for d in loaded_user.departments] == ["واحد خبر"]
    loaded_user.full_name = "نام تازه"
    assert loaded_user in db.session.dirty  # a change is tracked as on a loaded row
