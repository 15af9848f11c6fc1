"""Login, logout, throttling and lockout, password change."""
from datetime import timedelta

from sqlalchemy import func, select

from core.db import db, utcnow
from core.models import LoginAttempt
from core.testing import DEFAULT_PASSWORD


def _login(client, username, password, **environ):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base=environ)


def test_every_page_but_login_and_health_needs_login(client):
    response = client.get("/admin/modules/")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
    assert client.get("/login").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_login_with_persian_digits_in_username_and_logout(client, make_user):
    make_user("staff", username="user12")
    response = _login(client, "user۱۲", DEFAULT_PASSWORD)
    assert response.status_code in (302, 303)
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 303
    assert client.get("/").status_code == 302


def test_wrong_password_shows_persian_message_and_is_recorded(client, make_user):
    make_user("staff", username="ali")
    response = _login(client, "ali", "wrong password")
    assert response.status_code == 422
    assert "نام کاربری یا گذرواژه نادرست است" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.username == "ali", LoginAttempt.success.is_(False))) == 1


def test_account_locks_after_repeated_failures(app, client, make_user):
    user = make_user("staff", username="locked")
    for _ in range(app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]):
        _login(client, "locked", "nope nope")
    assert user.is_locked()
    # even the right password is refused while locked, with a Persian message and the time
    response = _login(client, "locked", DEFAULT_PASSWORD)
    assert response.status_code == 422
    assert "قفل" in response.get_data(as_text=True)
    # when the lock has passed the right password works again
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert _login(client, "locked", DEFAULT_PASSWORD).status_code in (302, 303)


def test_address_is_throttled_across_accounts(app, client, make_user):
    make_user("staff", username="victim")
    limit = app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    for index in range(limit):
        _login(client, f"guess{index}", "x", REMOTE_ADDR="10.9.8.7")
    response = _login(client, "victim", DEFAULT_PASSWORD, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 422
    assert "از این نشانی" in response.get_data(as_text=True)
    # another address is not affected
    assert _login(client, "victim", DEFAULT_PASSWORD, REMOTE_ADDR="10.9.8.8").status_code in (302, 303)


def test_inactive_user_cannot_log_in(client, make_user):
    make_user("staff", username="gone", active=False)
    assert _login(client, "gone", DEFAULT_PASSWORD).status_code == 422


def test_open_redirect_is_refused(client, make_user):
    make_user("staff", username="safe")
    response = client.post("/login?next=https://evil.example/", data={"username": "safe", "password": DEFAULT_PASSWORD})
    assert response.headers["Location"] == "/"


def test_password_change(client, make_user, login):
    user = make_user("staff")
    login(user)
    short = client.post("/account/password", data={"current": DEFAULT_PASSWORD, "new": "short", "confirm": "short"})
    assert short.status_code == 422 and "دست‌کم" in short.get_data(as_text=True)
    wrong = client.post("/account/password", data={"current": "bad", "new": "a long new secret", "confirm": "a long new secret"})
    assert wrong.status_code == 422
    ok = client.post("/account/password", data={"current": DEFAULT_PASSWORD, "new": "a long new secret",
                                                "confirm": "a long new secret"})
    assert ok.status_code == 303
    client.post("/logout")
    assert _login(client, user.username, "a long new secret").status_code in (302, 303)


def test_must_change_password_is_enforced(client, make_user, login):
    user = make_user("staff", must_change_password=True)
    login(user)
    assert client.get("/").headers["Location"].endswith("/account/password")
    htmx = client.get("/", headers={"HX-Request": "true"})
    assert htmx.headers["HX-Redirect"].endswith("/account/password")


def test_passwords_are_argon2(make_user):
    assert make_user("staff").password_hash.startswith("$argon2id$")
