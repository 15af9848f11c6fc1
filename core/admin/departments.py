"""Admin: departments — list with member counts, create, edit, delete when no module is assigned."""
from flask import flash, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core import modules as module_service
from core.admin import bp
from core.admin.forms import DepartmentForm
from core.db import db, get_or_404
from core.models import Department, ModuleState, User, department_members
from core.permissions import ROLE_TITLES, permission_required
from core.rendering import redirect_to, render, render_form



def _user_label(user):
    role = ROLE_TITLES.get(user.role, user.role)
    if user.active:
        return _("%(name)s (%(role)s)", name=user.full_name, role=role)
    return _("%(name)s (%(role)s, inactive)", name=user.full_name, role=role)


def _set_choices(form, department):
    users = db.session.scalars(select(User).order_by(User.full_name)).all()
    # Inactive users are offered only when they already hold the place, so saving keeps them.
    current = set() if department is None else {u.id for u in department.members} | {department.head_id}
    offered = [u for u in users if u.active or u.id in current]
    heads = [u for u in offered if u.role == "head"]
    others = [u for u in offered if u.role != "head"]
    form.head_id.choices = [(0, _("No head"))] + [(u.id, _user_label(u)) for u in heads + others]
    form.members.choices = [(u.id, _user_label(u)) for u in offered]


def _assigned_modules(department):
    return [(record, state) for record, state in module_service.module_rows()
            if state is not None and state.department_id == department.id]


def _save(form, department):
    department.name = form.name.data
    department.head_id = form.head_id.data or None
    ids = form.members.data or []
    department.members = list(db.session.scalars(select(User).where(User.id.in_(ids)))) if ids else []


@bp.route("/departments/")
@permission_required("departments.manage")
def departments():
    members = (select(department_members.c.department_id, func.count().label("n"))
               .group_by(department_members.c.department_id).subquery())
    modules = (select(ModuleState.department_id, func.count().label("n"))
               .group_by(ModuleState.department_id).subquery())
    rows = db.session.execute(
        select(Department, func.coalesce(members.c.n, 0), func.coalesce(modules.c.n, 0))
        .outerjoin(members, members.c.department_id == Department.id)
        .outerjoin(modules, modules.c.department_id == Department.id)
        .options(selectinload(Department.head))
        .order_by(Department.name)
    ).all()
    return render("admin/departments.html", rows=rows)


@bp.route("/departments/new", methods=["GET", "POST"])
@permission_required("departments.manage")
def create_department():
    form = DepartmentForm()
    _set_choices(form, None)
    if form.validate_on_submit():
        department = Department()
        _save(form, department)
        db.session.add(department)
        db.session.commit()
        flash(_("The department %(name)s was created.", name=department.name), "success")
        return redirect_to(url_for("admin.edit_department", department_id=department.id))
    return render_form("admin/departments_form.html", form, department=None, modules=[])


@bp.route("/departments/<int:department_id>/", methods=["GET", "POST"])
@permission_required("departments.manage")
def edit_department(department_id):
    department = get_or_404(Department, department_id)
    form = DepartmentForm(department=department, name=department.name, head_id=department.head_id or 0,
                          members=[u.id for u in department.members])
    _set_choices(form, department)
    if form.validate_on_submit():
        _save(form, department)
        db.session.commit()
        flash(_("The changes to %(name)s were saved.", name=department.name), "success")
        return redirect_to(url_for("admin.edit_department", department_id=department.id))
    return render_form("admin/departments_form.html", form, department=department,
                       modules=_assigned_modules(department))


@bp.route("/departments/<int:department_id>/delete", methods=["POST"])
@permission_required("departments.manage")
def delete_department(department_id):
    department = get_or_404(Department, department_id)
    if _assigned_modules(department):
        message = _("%(name)s still has modules assigned to it. Assign them to another department first.",
                    name=department.name)
        flash(message, "danger")
        return redirect_to(url_for("admin.edit_department", department_id=department.id))
    name = department.name
    db.session.delete(department)
    db.session.commit()
    flash(_("The department %(name)s was deleted.", name=name), "success")
    return redirect_to(url_for("admin.departments"))
