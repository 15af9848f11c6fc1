"""Admin: every installed plugin, its load status, department and state."""
from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from core import modules as module_service
from core.admin import bp
from core.db import db
from core.models import Department
from core.permissions import permission_required
from core.plugins.manager import registry
from core.rendering import redirect_to, render


@bp.route("/modules/")
@permission_required("departments.manage")
def modules():
    departments = db.session.scalars(select(Department).order_by(Department.name)).all()
    return render("admin/modules.html", rows=module_service.module_rows(), departments=departments,
                  runtime_errors=registry().runtime_errors)


@bp.route("/modules/<key>/assign", methods=["POST"])
@permission_required("departments.manage")
def assign_module(key):
    if key not in registry().records:
        abort(404)
    raw = request.form.get("department_id", "")
    department = db.session.get(Department, int(raw)) if raw.isdigit() else None
    if raw and department is None:
        abort(400)
    module_service.assign(key, department.id if department else None)
    db.session.commit()
    flash(_("The module was assigned."), "success")
    return redirect_to(url_for("admin.modules"))
