"""Forms of the admin pages: users, password resets, departments, role permissions.

Choices that come from the database (roles, departments, users) are set by the views."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from core.auth.forms import MIN_PASSWORD_LENGTH
from core.db import db
from core.forms.fields import PersianStringField
from core.models import Department, User
from core.text import to_ascii_digits

USERNAME_PATTERN = r"^[A-Za-z0-9._-]+$"


class MultiCheckboxField(SelectMultipleField):
    """A multi-select shown as a list of checkboxes (``ui.checkbox_list``): works without
    JavaScript and stays readable on a phone."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _ascii(value):
    return to_ascii_digits(value.strip()) if value else value


def _password_fields():
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter a password.")),
        Length(min=MIN_PASSWORD_LENGTH, max=200, message=_l("The password must be at least 10 characters long.")),
    ])
    confirm = PasswordField(_l("Repeat the password"),
                            validators=[EqualTo("password", _l("The two passwords are not the same."))])
    return password, confirm


def _full_name_field():
    return PersianStringField(_l("Full name"), validators=[
        DataRequired(_l("Enter the full name.")), Length(max=200, message=_l("The text is too long."))])


class UserCreateForm(FlaskForm):
    username = StringField(_l("Username"), filters=[_ascii], validators=[
        DataRequired(_l("Enter a username.")),
        Length(min=3, max=64, message=_l("The username must be 3 to 64 characters long.")),
        Regexp(USERNAME_PATTERN, message=_l("Use only English letters, digits, dot, dash and underscore.")),
    ], description=_l("English letters, digits, dot, dash and underscore; used to log in."))
    full_name = _full_name_field()
    role = SelectField(_l("Role"), default="staff")
    departments = MultiCheckboxField(_l("Departments"), coerce=int)
    password, confirm = _password_fields()
    must_change_password = BooleanField(_l("Must change the password at the next login"), default=True)

    def validate_username(self, field):
        taken = db.session.scalar(
            select(User.id).where(func.lower(User.username) == field.data.lower()))
        if taken is not None:
            raise ValidationError(_l("This username is already taken. Choose another one."))


class UserEditForm(FlaskForm):
    full_name = _full_name_field()
    role = SelectField(_l("Role"))
    departments = MultiCheckboxField(_l("Departments"), coerce=int)
    active = BooleanField(_l("Active (may log in)"))


class PasswordResetForm(FlaskForm):
    password, confirm = _password_fields()


class DepartmentForm(FlaskForm):
    name = PersianStringField(_l("Name"), validators=[
        DataRequired(_l("Enter the department's name.")), Length(max=200, message=_l("The text is too long."))])
    head_id = SelectField(_l("Head"), coerce=int,
                          description=_l("Usually a user with the department head role."))
    members = MultiCheckboxField(_l("Members"), coerce=int)

    def __init__(self, *args, department=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._department = department

    def validate_name(self, field):
        statement = select(Department.id).where(Department.name == field.data)
        if self._department is not None:
            statement = statement.where(Department.id != self._department.id)
        if db.session.scalar(statement) is not None:
            raise ValidationError(_l("A department with this name already exists."))


class RolePermissionsForm(FlaskForm):
    """Only the CSRF token: the matrix's checkboxes are read as ``grant=role:code`` values."""
