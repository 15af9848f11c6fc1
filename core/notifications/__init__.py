"""In-app notifications: ``notify(...)`` for modules, the daily deadline check, the page at
/notifications/ and the unread count in the navigation."""
from flask import Blueprint

from core.notifications.deadlines import check_once_a_day
from core.notifications.models import KIND_TITLES, Notification
from core.notifications.service import notify, unread_count

bp = Blueprint("notifications", __name__)
bp.add_app_template_global(unread_count, "unread_notifications")
bp.before_app_request(check_once_a_day)

from core.notifications import views  # noqa: E402,F401

__all__ = ["KIND_TITLES", "Notification", "bp", "notify", "unread_count"]
