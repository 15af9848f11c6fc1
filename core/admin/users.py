"""Admin: users — list, create, edit, deactivate, unlock and reset passwords."""
from flask import abort, flash, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from core.admin import bp
from core.admin.forms import PasswordResetForm, UserCreateForm, UserEditForm
from core.auth.passwords import hash_password
from core.db import db, get_or_404, utcnow
from core.exporting import Column, export_list
from core.listing import ListQuery
from core.models import Department, User, department_members
from core.models.accounts import ROLES
from core.permissions import ROLE_TITLES, permission_required
from core.rendering import redirect_to, render, render_form
from core.text import ZWNJ, clean_text, to_ascii_digits

STATUSES = ("active", "inactive", "locked")


def _without_zwnj(column):
    return func.replace(column, ZWNJ, "")


def search_words(value):
    """The words of a users search. Names are saved through clean_text; the query gets the same
    treatment, and ZWNJ is ignored on both sides so "علی اکبر" and "علی‌اکبر" match."""
    return clean_text(value).replace(ZWNJ, "").split()


def word_condition(name, username, **escaping):
    """A user whose name (ZWNJ ignored) contains ``name`` or whose username contains ``username``
    (the word in ASCII digits); ``escaping``: ``autoescape=True`` for values, ``escape="/"`` for
    bound parameters valued with ``core.db.like_escaped`` (the search box's statement, built once)."""
    return or_(_without_zwnj(User.full_name).icontains(name, **escaping), User.username.icontains(username, **escaping))


def _search(statement, value):
    for word in search_words(value):
        statement = statement.where(word_condition(word, to_ascii_digits(word), autoescape=True))
    return statement


def _by_role(statement, value):
    return statement.where(User.role == value) if value in ROLES else statement


def _by_department(statement, value):
    if not value.isdigit():
        return statement
    members = select(department_members.c.user_id).where(department_members.c.department_id == int(value))
    return statement.where(User.id.in_(members))


def _by_status(statement, value):
    if value == "active":
        return statement.where(User.active.is_(True))
    if value == "inactive":
        return statement.where(User.active.is_(False))
    if value == "locked":
        return statement.where(User.locked_until > utcnow())
    return statement


USER_LIST = ListQuery(
    select(User).options(selectinload(User.departments)),
    filters={"q": _search, "role": _by_role, "department": _by_department, "status": _by_status},
    sorts={"full_name": User.full_name, "username": User.username, "role": User.role,
           "last_login": User.last_login_at},
    default_sort="full_name",
)


EXPORT_COLUMNS = [
    Column(_l("Full name"), "full_name", width=28),
    Column(_l("Username"), "username", width=16),
    Column(_l("Role"), lambda user: ROLE_TITLES.get(user.role, user.role), width=18),
    Column(_l("Departments"), lambda user: "، ".join(d.name for d in user.departments), width=36),
    Column(_l("Active"), "active", kind="bool", width=10),
    Column(_l("Last login"), "last_login_at", kind="datetime", width=20),
]


def _all_departments():
    return db.session.scalars(select(Department).order_by(Department.name)).all()


def _role_choices():
    # Only an admin may make someone an admin: a non-admin holding users.manage cannot promote.
    roles = ROLES if current_user.is_admin else [r for r in ROLES if r != "admin"]
    return [(role, str(ROLE_TITLES[role])) for role in roles]


def _set_choices(form):
    form.role.choices = _role_choices()
    form.departments.choices = [(d.id, d.name) for d in _all_departments()]


def _get_user(user_id):
    user = get_or_404(User, user_id)
    if user.is_admin and not current_user.is_admin:
        abort(403)
    return user


def _chosen_departments(ids):
    return db.session.scalars(select(Department).where(Department.id.in_(ids))).all() if ids else []


@bp.route("/users/")
@permission_required("users.manage")
def users():
    export = export_list(USER_LIST, EXPORT_COLUMNS, title=_("Users"), filename=_("users"))
    if export is not None:
        return export
    page = USER_LIST.page(db.session)
    return render("admin/users.html", block="results", page=page, departments=_all_departments(),
                  roles=ROLES, statuses=STATUSES)


@bp.route("/users/new", methods=["GET", "POST"])
@permission_required("users.manage")
def create_user():
    form = UserCreateForm()
    _set_choices(form)
    if form.validate_on_submit():
        user = User(username=form.username.data, full_name=form.full_name.data, role=form.role.data,
                    password_hash=hash_password(form.password.data), active=True,
                    must_change_password=form.must_change_password.data)
        user.departments = list(_chosen_departments(form.departments.data))
        db.session.add(user)
        db.session.commit()
        flash(_("The user %(name)s was created.", name=user.full_name), "success")
        return redirect_to(url_for("admin.edit_user", user_id=user.id))
    return render_form("admin/users_form.html", form, user=None)


@bp.route("/users/<int:user_id>/", methods=["GET", "POST"])
@permission_required("users.manage")
def edit_user(user_id):
    user = _get_user(user_id)
    form = UserEditForm(full_name=user.full_name, role=user.role, active=user.active,
                        departments=[d.id for d in user.departments])
    _set_choices(form)
    if form.validate_on_submit():
        if user.id == current_user.id:
            if form.role.data != user.role:
                form.role.errors.append(_("You cannot change your own role."))
            if not form.active.data:
                form.active.errors.append(_("You cannot deactivate your own account."))
        if not form.errors:
            user.full_name = form.full_name.data
            user.role = form.role.data
            user.active = form.active.data
            user.departments = list(_chosen_departments(form.departments.data))
            db.session.commit()
            flash(_("The changes to %(name)s were saved.", name=user.full_name), "success")
            return redirect_to(url_for("admin.edit_user", user_id=user.id))
    return render_form("admin/users_form.html", form, user=user)


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@permission_required("users.manage")
def deactivate_user(user_id):
    user = _get_user(user_id)
    if user.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "danger")
        return redirect_to(url_for("admin.edit_user", user_id=user.id))
    user.active = False
    db.session.commit()
    flash(_("%(name)s was deactivated and can no longer log in.", name=user.full_name), "success")
    return redirect_to(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@permission_required("users.manage")
def reactivate_user(user_id):
    user = _get_user(user_id)
    user.active = True
    db.session.commit()
    flash(_("%(name)s was reactivated and can log in again.", name=user.full_name), "success")
    return redirect_to(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
@permission_required("users.manage")
def unlock_user(user_id):
    user = _get_user(user_id)
    # "Locked until now" rather than None: the failure counter in core.auth.throttle restarts from
    # the end of the last lock, so the old failures cannot lock the account again at once.
    user.locked_until = utcnow()
    db.session.commit()
    flash(_("The account of %(name)s was unlocked.", name=user.full_name), "success")
    return redirect_to(url_for("admin.edit_user", user_id=user.id))


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@permission_required("users.manage")
def reset_password(user_id):
    user = _get_user(user_id)
    form = PasswordResetForm()
    if form.validate_on_submit():
        user.password_hash = hash_password(form.password.data)
        user.must_change_password = True
        db.session.commit()
        flash(_("The password of %(name)s was reset. They must choose a new one at their next login.",
                name=user.full_name), "success")
        return redirect_to(url_for("admin.edit_user", user_id=user.id))
    return render_form("admin/users_password.html", form, user=user)
