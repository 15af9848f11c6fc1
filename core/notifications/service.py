"""``notify``: the one way modules send in-app notifications, and the unread count of the
navigation."""
import functools
from collections.abc import Iterable

from flask_login import current_user
from sqlalchemy import bindparam, func, select

from core.db import db, plain_rows
from core.extensions import request_g
from core.models import Department, User, department_members
from core.notifications.models import Notification
from core.text import clean_text

TEXT_LENGTH = 500


def department_user_ids(department_ids):
    """``{department id: {user ids}}``: each department's members and head, in two queries."""
    department_ids = set(department_ids)
    found = {department_id: set() for department_id in department_ids}
    if not department_ids:
        return found
    members = select(department_members.c.department_id, department_members.c.user_id).where(
        department_members.c.department_id.in_(department_ids))
    heads = select(Department.id, Department.head_id).where(Department.id.in_(department_ids),
                                                            Department.head_id.is_not(None))
    for department_id, user_id in db.session.execute(members.union(heads)):
        found[department_id].add(user_id)
    return found


def recipient_ids(recipients):
    """User ids from a user, a department (its members and head), a user id, or a mix of them."""
    if isinstance(recipients, (User, Department, int)) or not isinstance(recipients, Iterable):
        recipients = [recipients]
    user_ids, department_ids = set(), set()
    for recipient in recipients:
        if isinstance(recipient, Department):
            department_ids.add(recipient.id)
        elif isinstance(recipient, User):
            user_ids.add(recipient.id)
        elif isinstance(recipient, int):
            user_ids.add(recipient)
        else:
            raise TypeError(f"cannot notify {recipient!r}: give users, user ids or departments")
    for members in department_user_ids(department_ids).values():
        user_ids |= members
    return user_ids


def add_notifications(user_ids, kind, text, url="", key=None):
    """Add one notification per active user of ``user_ids`` (without one of ``key`` yet); the
    number added."""
    if not user_ids:
        return 0
    active = select(User.id).where(User.id.in_(user_ids), User.active.is_(True))
    if key is not None:
        already = select(Notification.user_id).where(Notification.key == key)
        active = active.where(User.id.not_in(already))
    text = (clean_text(str(text)) or "")[:TEXT_LENGTH]
    added = 0
    for user_id in db.session.scalars(active):
        db.session.add(Notification(user_id=user_id, kind=kind, text=text, url=url or "", key=key))
        added += 1
    return added


def notify(users_or_department, kind, text, url="", *, key=None):
    """Notify users of something that needs them.

    :param users_or_department: a ``User``, a ``Department`` (its members and head), a user id, or
        a list of them. Inactive users are skipped.
    :param kind: ``assignment`` (something was given to them), ``approval`` (waiting for their
        approval), ``deadline`` or ``notice``.
    :param text: the Persian sentence shown (at most 500 characters).
    :param url: the page to open (a path such as ``url_for(...)`` gives).
    :param key: optional; with one, a user gets at most one notification of that key, so calling
        again (a daily check, a retried job) adds nothing.
    :return: the number of notifications added to the session; the caller's commit saves them
        with its own changes.
    """
    return add_notifications(recipient_ids(users_or_department), kind, text, url, key)


def unread_count(user=None):
    """The user's unread notifications: one query per request, kept on ``g``."""
    # The user behind ``current_user`` once: each attribute read through the proxy looks it up again.
    user = user or current_user._get_current_object()
    if not getattr(user, "is_authenticated", False):
        return 0
    request_globals = request_g()
    if request_globals is not None and "unread_notifications" in request_globals:
        return request_globals.unread_notifications
    count = plain_rows(_unread_statement(), user_id=user.id).scalar()
    if request_globals is not None:
        request_globals.unread_notifications = count
    return count


@functools.cache
def _unread_statement():
    """Built once: building the count and its cache key afresh cost four times its run (the
    layout shows the count on every page)."""
    notifications = Notification.__table__
    return select(func.count()).where(notifications.c.user_id == bindparam("user_id"),
                                      notifications.c.read_at.is_(None))
