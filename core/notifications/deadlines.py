"""The daily deadline check: every enabled module's ``ravabet_deadlines`` (the committee kit's
overdue resolutions among them) becomes notifications, once per deadline, stage and user.

Run by ``flask notifications deadlines`` from a daily timer (docs/operations.md). Idempotent: a
notification's ``key`` names the module, the item and the stage (``near`` while due within
``NOTIFY_DEADLINE_DAYS``, ``passed`` after), and a user never gets the same key twice.
"""
import datetime
import logging
from contextlib import nullcontext

from flask import current_app, has_request_context
from flask_babel import gettext as _
from sqlalchemy import select

from core.db import db
from core.jalali import format_date, today
from core.notifications.models import Notification
from core.notifications.service import department_user_ids
from core.plugins.manager import registry

log = logging.getLogger(__name__)
HOOK = "ravabet_deadlines"
DEFAULT_NOTICE_DAYS = 3
KEY_BATCH = 500


def _text(entry, stage):
    date = format_date(entry["due"])
    if stage == "passed":
        return _("Overdue since %(date)s: %(title)s", date=date, title=entry["title"])
    return _("Due on %(date)s: %(title)s", date=date, title=entry["title"])


def _existing(keys):
    found = set()
    keys = list(keys)
    for start in range(0, len(keys), KEY_BATCH):
        found |= set(db.session.execute(
            select(Notification.user_id, Notification.key).where(Notification.key.in_(keys[start:start + KEY_BATCH]))
        ).all())
    return found


def check_deadlines(day=None):
    """Notify the recipients of every deadline near or passed on ``day`` (today in Tehran by
    default) who were not notified of it yet; commit and return the number of notifications."""
    day = day or today()
    days = current_app.config.get("NOTIFY_DEADLINE_DAYS", DEFAULT_NOTICE_DAYS)
    context = nullcontext() if has_request_context() else current_app.test_request_context("/")
    with context:  # modules build URLs with url_for: outside a request (the CLI) it gives paths
        added = _notify_deadlines(day, day + datetime.timedelta(days=days))
    db.session.commit()
    return added


def _notify_deadlines(day, until):
    from core.models import User

    planned = []
    for name, entry in registry().call_flat(HOOK, until=until):
        try:
            stage = "passed" if entry["due"] < day else "near"
            key = f"deadline:{name.removeprefix('core:')}:{entry['key']}:{stage}"[:200]
            planned.append((key, entry, stage))
        except (KeyError, TypeError):
            log.error("deadline of %s is malformed: %r", name, entry)
    departments = department_user_ids({e["department_id"] for _k, e, _s in planned if e.get("department_id")})
    active = set(db.session.scalars(select(User.id).where(User.active.is_(True))))
    existing = _existing(key for key, _e, _s in planned)
    added = 0
    for key, entry, stage in planned:
        recipients = set(entry.get("user_ids") or ()) | departments.get(entry.get("department_id"), set())
        text = _text(entry, stage)[:500]
        for user_id in sorted(recipients & active):
            if (user_id, key) not in existing:
                db.session.add(Notification(user_id=user_id, kind="deadline", text=text, url=entry.get("url", ""),
                                            key=key))
                existing.add((user_id, key))
                added += 1
    return added


def check_once_a_day():
    """Run the check on the first request of each day in this process (``before_app_request``),
    for servers without the daily timer. Off in tests unless ``NOTIFY_DEADLINES_ON_REQUEST`` is
    set; a failure is logged and the request goes on (the next day tries again)."""
    app = current_app._get_current_object()
    if not app.config.get("NOTIFY_DEADLINES_ON_REQUEST", not app.testing):
        return
    day = today()
    if app.extensions.get("ravabet_deadlines_checked") == day:
        return
    app.extensions["ravabet_deadlines_checked"] = day
    try:
        check_deadlines(day)
    except Exception:  # another worker racing on the same keys, a module's bad data: never the page
        db.session.rollback()
        log.exception("the daily deadline check failed")
