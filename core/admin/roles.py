"""Admin: the role × permission matrix. Only the admin's departures from a permission's default
roles are stored (RolePermission rows); a choice equal to the default removes its row."""
from flask import flash, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from core.admin import bp
from core.admin.forms import RolePermissionsForm
from core.db import db
from core.models import RolePermission
from core.permissions import permission_required, permission_table
from core.plugins.manager import registry
from core.rendering import redirect_to, render

EDITABLE_ROLES = ("head", "staff", "viewer")  # admins always hold every permission


def permission_groups():
    """[(title, [Permission])]: the core's first, then each plugin's by its Persian title."""
    by_module = {}
    for permission in permission_table().permissions.values():
        by_module.setdefault(permission.module, []).append(permission)
    records = registry().records
    plugins = sorted((key for key in by_module if key is not None),
                     key=lambda key: records[key].title if key in records else key)
    groups = [(_("Core"), by_module[None])] if None in by_module else []
    return groups + [(records[key].title if key in records else key, by_module[key]) for key in plugins]


def _save(shown, chosen):
    """Apply the checkboxes the page showed (``role:code`` in ``shown``): a permission declared
    after the page was loaded, or a request without the matrix, changes nothing."""
    rows = {(row.role, row.permission): row for row in db.session.scalars(select(RolePermission))}
    for permission in permission_table().permissions.values():
        for role in EDITABLE_ROLES:
            key = f"{role}:{permission.code}"
            if key not in shown:
                continue
            granted = key in chosen
            row = rows.get((role, permission.code))
            if granted == (role in permission.roles):
                if row is not None:
                    db.session.delete(row)
            elif row is None:
                db.session.add(RolePermission(role=role, permission=permission.code, granted=granted))
            else:
                row.granted = granted


@bp.route("/roles/", methods=["GET", "POST"])
@permission_required("roles.manage")
def roles():
    form = RolePermissionsForm()
    if form.validate_on_submit():
        _save(set(request.form.getlist("shown")), set(request.form.getlist("grant")))
        db.session.commit()
        flash(_("The role permissions were saved. They apply from the next page each user opens."), "success")
        return redirect_to(url_for("admin.roles"))
    return render("admin/roles.html", form=form, groups=permission_groups(), roles=EDITABLE_ROLES,
                  grants=permission_table().role_grants())
