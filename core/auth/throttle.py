"""Failed-login throttling per account and per address, counted in the database so every
worker process agrees. Repeated failures on an account lock it for a while."""
from flask import current_app
from sqlalchemy import func, select

from core.db import db, utcnow
from core.models import LoginAttempt, User


def _failures_since(column, value, since):
    return db.session.scalar(
        select(func.count()).select_from(LoginAttempt)
        .where(column == value, LoginAttempt.success.is_(False), LoginAttempt.at >= since)
    )


def address_blocked(address):
    config = current_app.config
    since = utcnow() - config["LOGIN_FAILURE_WINDOW"]
    return _failures_since(LoginAttempt.address, address, since) >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"]


def record_attempt(username, address, success, user: User | None):
    """Store the attempt; lock the account when it reaches the failure limit."""
    config = current_app.config
    db.session.add(LoginAttempt(username=username[:64], address=address[:64], success=success))
    if user is None:
        return
    if success:
        user.last_login_at = utcnow()
        return
    db.session.flush()
    # Count from the window start, the last success or the end of the last lock, whichever is latest.
    since = max(utcnow() - config["LOGIN_FAILURE_WINDOW"], _last_success(username) or since_epoch(),
                user.locked_until or since_epoch())
    if _failures_since(LoginAttempt.username, username, since) >= config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]:
        user.locked_until = utcnow() + config["LOGIN_LOCKOUT"]


def _last_success(username):
    return db.session.scalar(
        select(func.max(LoginAttempt.at)).where(LoginAttempt.username == username, LoginAttempt.success.is_(True))
    )


def since_epoch():
    from datetime import UTC, datetime

    return datetime(1970, 1, 1, tzinfo=UTC)
