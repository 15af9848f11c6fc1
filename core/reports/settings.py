"""The report's settings: the order of the departments' sections."""
from flask import abort, redirect, request, url_for
from sqlalchemy import select

from core.db import db
from core.permissions import permission_required
from core.rendering import render
from core.reports import bp
from core.reports.assembly import department_order
from core.reports.forms import SectionMoveForm
from core.reports.models import ReportSectionOrder
from core.text import to_ascii_digits


@bp.route("/settings")
@permission_required("reports.edit")
def settings():
    return render("reports/settings.html", departments=department_order(), form=SectionMoveForm(formdata=None))


@bp.route("/settings/move", methods=["POST"])
@permission_required("reports.edit")
def move_section():
    form = SectionMoveForm()
    if not form.validate_on_submit():
        abort(400)
    order = [department_id for department_id, _name in department_order()]
    department_id = to_ascii_digits(form.department.data)
    if not department_id.isdigit() or int(department_id) not in order:
        abort(404)
    index = order.index(int(department_id))
    target = index - 1 if form.direction.data == "up" else index + 1
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
    # Every department gets its place, so the order no longer depends on names.
    rows = {row.department_id: row for row in db.session.scalars(select(ReportSectionOrder))}
    for position, key in enumerate(order):
        row = rows.get(key) or ReportSectionOrder(department_id=key)
        row.position = position
        db.session.add(row)
    db.session.commit()
    if request.htmx:
        return render("reports/settings.html", block="order", departments=department_order(),
                      form=SectionMoveForm(formdata=None), moved=int(department_id))
    return redirect(url_for("reports.settings") + f"#section-{department_id}", code=303)
