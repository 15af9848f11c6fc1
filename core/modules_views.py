"""The module settings page: a department head turns their department's modules on and off."""
from flask import Blueprint, abort, flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from core import modules as module_service
from core.db import db
from core.permissions import permission_required, user_can
from core.rendering import redirect_to, render

bp = Blueprint("modules", __name__)


def _may_toggle(state):
    if current_user.is_admin:
        return True
    return state is not None and state.department_id is not None and user_can(
        current_user, "modules.toggle", department_id=state.department_id)


@bp.route("/")
@permission_required("modules.toggle")
def settings():
    rows = [(record, state) for record, state in module_service.module_rows()
            if record.loaded and _may_toggle(state)]
    return render("modules/settings.html", rows=rows)


@bp.route("/<key>/toggle", methods=["POST"])
@permission_required("modules.toggle")
def toggle(key):
    rows = dict((record.key, state) for record, state in module_service.module_rows() if record.loaded)
    if key not in rows:
        abort(404)
    if not _may_toggle(rows[key]):
        abort(403)
    state = module_service.set_enabled(key, not (rows[key] and rows[key].enabled))
    db.session.commit()
    record = next(r for r, _s in module_service.module_rows() if r.key == key)
    flash(_("Module %(title)s was turned on.", title=record.title) if state.enabled
          else _("Module %(title)s was turned off. Its data is kept.", title=record.title), "success")
    return redirect_to(url_for("modules.settings"))
