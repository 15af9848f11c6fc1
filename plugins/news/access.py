"""Who may publish and who may see confidential bulletins, beyond the plain permissions."""
from flask import g, has_request_context
from sqlalchemy import select

from core.db import db
from core.permissions import user_can

from .models import Editor


def is_delegated_editor(user):
    """Has the department head delegated publishing to ``user`` (news_editors)?"""
    if user is None or not user.is_authenticated:
        return False
    if has_request_context():
        cache = g.setdefault("news_editor", {})
        if user.id not in cache:
            cache[user.id] = db.session.scalar(select(Editor.id).where(Editor.user_id == user.id)) is not None
        return cache[user.id]
    return db.session.scalar(select(Editor.id).where(Editor.user_id == user.id)) is not None


def may_publish(user):
    """The department head (``news.publish``) or a delegated editor who may edit news."""
    return user_can(user, "news.publish") or (user_can(user, "news.edit") and is_delegated_editor(user))


def may_see_confidential(user):
    return user_can(user, "news.confidential")
