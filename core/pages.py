"""The home page, the health check and the Persian error pages.

The home page's figures load like the dashboard's parts: a slot per module that htmx fills from
/home/tiles/<key>, so the page itself answers at once; without JavaScript a ``<noscript>``
refresh leads to ``?full=1``, the page with every figure inline."""
from flask import Blueprint, abort, current_app, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import text
from werkzeug.exceptions import HTTPException

from core.db import db
from core.dashboard.sections import build_section, build_sections, find_source, sources
from core.rendering import render
from core.period_picker import PeriodPicker
from core.permissions import authenticated, permission_required, public, user_can

bp = Blueprint("pages", __name__)


@bp.route("/")
@authenticated
def home():
    picker = PeriodPicker.from_args(request.args)
    tiles, slots = [], []
    if user_can(current_user, "dashboard.view"):
        if request.args.get("full") == "1":
            sections = build_sections(picker.period, current_user, compare=False, charts=False)
            tiles = [tile for section in sections for tile in section.tiles]
        else:
            slots = sources()
    return render_template("pages/home.html", picker=picker, period=picker.period, period_error=picker.error,
                           tiles=tiles, slots=slots)


@bp.route("/home/tiles/<key>")
@permission_required("dashboard.view")
def home_tiles(key):
    """One module's figures for the home page (its slot's content)."""
    source = find_source(key)
    if source is None:  # unknown, or its module is turned off
        abort(404)
    picker = PeriodPicker.from_args(request.args)
    section = build_section(source, picker.period, current_user, compare=False, charts=False)
    if not section.tiles and request.htmx:
        return make_response("", 200)  # nothing to show: the slot goes away
    return render("pages/home.html", block="tiles", picker=picker, period=picker.period, period_error=None,
                  tiles=section.tiles, slots=[])


@bp.route("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any failure means the database is not usable
        current_app.logger.error("health check failed: %s", error)
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


ERROR_MESSAGES = {
    400: lambda: _("The request was not understood."),
    403: lambda: _("You do not have permission to see this page."),
    404: lambda: _("The page was not found."),
    405: lambda: _("This action is not allowed here."),
    413: lambda: _("The file is larger than allowed."),
    422: lambda: _("The information sent is not valid."),
    500: lambda: _("An unexpected error happened. It was logged; try again later."),
}


def _error_page(error):
    code = error.code if isinstance(error, HTTPException) else 500
    if code == 500:
        db.session.rollback()
    message = ERROR_MESSAGES.get(code, ERROR_MESSAGES[500])()
    if request.htmx:
        return current_app.response_class(message, status=code, mimetype="text/plain")
    return render_template("errors/error.html", code=code, message=message), code


def init_app(app):
    for code in ERROR_MESSAGES:
        app.register_error_handler(code, _error_page)
