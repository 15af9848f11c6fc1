"""The notifications page: the user's own, newest first, unread marked; mark one or all read."""
from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select, update

from core.db import db, utcnow
from core.listing import ListQuery
from core.notifications import bp
from core.notifications.models import Notification
from core.permissions import authenticated
from core.rendering import redirect_to, render, render_block

TEMPLATE = "notifications/index.html"


def _listing():
    return ListQuery(
        select(Notification).where(Notification.user_id == current_user.id),
        filters={"show": lambda s, v: s.where(Notification.read_at.is_(None)) if v == "unread" else s},
        sorts={"created": Notification.id},
        default_sort="-created",
    )


def _own(notification_id):
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    return notification


def _list_args():
    """The list's arguments, carried by the mark-read forms so the page comes back as it was."""
    return {k: v for k, v in request.values.items() if k in ("show", "page") and v}


def _after_change():
    """The list again: for htmx its results and, out of band, the navigation's count."""
    args = _list_args()
    if request.htmx:
        page = _listing().page(db.session, args=args)
        html = render_block(TEMPLATE, "results", page=page, list_args=args)
        html += render_template("notifications/_nav_link.html", oob=True)
        return html
    return redirect_to(url_for("notifications.index", **args))


@bp.route("/")
@authenticated
def index():
    page = _listing().page(db.session)
    return render(TEMPLATE, block="results", page=page, list_args=_list_args())


@bp.route("/<int:notification_id>/read", methods=["POST"])
@authenticated
def mark_read(notification_id):
    notification = _own(notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    return _after_change()


@bp.route("/read-all", methods=["POST"])
@authenticated
def mark_all_read():
    db.session.execute(update(Notification)
                       .where(Notification.user_id == current_user.id, Notification.read_at.is_(None))
                       .values(read_at=utcnow()))
    db.session.commit()
    if not request.htmx:
        flash(_("Every notification is marked as read."), "success")
    return _after_change()


@bp.route("/<int:notification_id>/open")
@authenticated
def open_notification(notification_id):
    """Mark it read and go to its page (only a path of this site)."""
    notification = _own(notification_id)
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.commit()
    target = urlsplit(notification.url or "")
    if target.scheme or target.netloc or not notification.url.startswith("/"):
        return redirect(url_for("notifications.index"))
    return redirect(notification.url)
