"""Permissions: declared by the core and by plugins, granted to roles, checked per request.

A permission has default roles; an admin may grant or revoke it per role (RolePermission rows).
Admins hold every permission. Head and staff users hold a module's permissions only in the
department the module is assigned to (or, with ``department_id``, in that department); viewers
read across departments.
"""
from dataclasses import dataclass
from functools import wraps

from flask import abort, current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from werkzeug.local import LocalProxy

from core.db import plain_rows
from core.extensions import request_g

DEPARTMENT_BOUND_ROLES = ("head", "staff")
ROLE_TITLES = {
    "admin": _l("System administrator"),
    "head": _l("Department head"),
    "staff": _l("Staff"),
    "viewer": _l("Viewer"),
}


@dataclass(frozen=True)
class Permission:
    code: str
    title: str
    roles: tuple[str, ...] = ()
    module: str | None = None  # the plugin key, None for the core


CORE_PERMISSIONS = [
    Permission("dashboard.view", _l("See the dashboard"), ("head", "staff", "viewer")),
    Permission("users.manage", _l("Manage users")),
    Permission("roles.manage", _l("Change role permissions")),
    Permission("departments.manage", _l("Manage departments and assign modules")),
    Permission("modules.toggle", _l("Turn their department's modules on and off"), ("head",)),
    Permission("directory.view", _l("See the directory"), ("head", "staff", "viewer")),
    Permission("directory.edit", _l("Edit the directory"), ("head", "staff")),
    Permission("directory.import", _l("Import into the directory"), ("head",)),
    Permission("audit.view", _l("See the audit log")),
    Permission("trash.manage", _l("See the trash and restore"), ("head",)),
    Permission("trash.purge", _l("Delete permanently from the trash")),
    Permission("committees.view", _l("See committees, their meetings and resolutions"), ("head", "staff", "viewer")),
    Permission("committees.edit", _l("Record members, meetings and resolutions of their department's committees"),
               ("head", "staff")),
    Permission("committees.manage", _l("Create and delete committees")),
    Permission("reports.view", _l("See the activity report and its editions"), ("head", "staff", "viewer")),
    Permission("reports.edit", _l("Edit the activity report and save, change or delete its editions"),
               ("head",)),
    Permission("sms.view", _l("See sent SMS messages and their delivery, SMS groups and the opt-out list"),
               ("head", "staff", "viewer")),
    Permission("sms.send", _l("Send SMS messages"), ("head", "staff")),
    Permission("sms.manage", _l("Manage SMS groups and the opt-out list"), ("head",)),
    Permission("jobs.manage", _l("See every user's background jobs, run them again and cancel them")),
    Permission("calendar.view", _l("See the calendar"), ("head", "staff", "viewer")),
    Permission("calendar.manage", _l("Correct the holidays and occasions of a year and set the working week")),
]


class PermissionTable:
    """Every declared permission, per app."""

    def __init__(self):
        self.permissions: dict[str, Permission] = {}

    def add(self, permission, module=None):
        if module is not None:
            if not permission.code.startswith(module + "."):
                raise ValueError(f"permission {permission.code} must start with {module}.")
            permission = Permission(permission.code, permission.title, permission.roles, module)
        self.permissions[permission.code] = permission

    def role_grants(self):
        """{role: set of codes}: defaults with the admin's changes applied (one query per request)."""
        request_globals = request_g()
        if request_globals is not None and "role_grants" in request_globals:
            return request_globals.role_grants
        from core.models import RolePermission

        grants = {role: {p.code for p in self.permissions.values() if role in p.roles}
                  for role in ROLE_TITLES}
        rows = RolePermission.__table__
        for role, code, granted in plain_rows(select(rows.c.role, rows.c.permission, rows.c.granted)):
            if role in grants and code in self.permissions:
                (grants[role].add if granted else grants[role].discard)(code)
        if request_globals is not None:
            request_globals.role_grants = grants
        return grants


def permission_table() -> PermissionTable:
    return current_app.extensions["ravabet_permissions"]


def module_department(key):
    from core.plugins.manager import module_states

    return module_states().get(key, (False, None))[1]


def user_can(user, code, department_id=None):
    # The user behind ``current_user`` once: each attribute read through the proxy looks it up again.
    user = user._get_current_object() if isinstance(user, LocalProxy) else user
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.role == "admin":
        return True
    table = permission_table()
    permission = table.permissions.get(code)
    if permission is None or code not in table.role_grants().get(user.role, ()):
        return False
    if user.role in DEPARTMENT_BOUND_ROLES:
        if department_id is None and permission.module:
            department_id = module_department(permission.module)
            if department_id is None:
                return False
        if department_id is not None:
            return department_id in user.department_ids()
    return True


# --- view declarations (read by the access check and the route-walker test) ---------------------

def public(view):
    """Mark a view as open to anyone, logged in or not (verification pages, login, health)."""
    view.access = "public"
    return view


def authenticated(view):
    """Mark a view as open to every logged-in user."""
    view.access = "authenticated"
    return view


def permission_required(code):
    """Mark and guard a view: the user must hold ``code``."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not user_can(current_user, code):
                abort(403)
            return view(*args, **kwargs)

        wrapped.access = "permission"
        wrapped.permission = code
        return wrapped

    return decorator
