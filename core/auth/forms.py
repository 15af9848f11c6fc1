from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from core.text import to_ascii_digits

MIN_PASSWORD_LENGTH = 10


def _strip(value):
    return to_ascii_digits(value.strip()) if value else value


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), filters=[_strip],
                           validators=[DataRequired(_l("Enter your username.")), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
    remember = BooleanField(_l("Remember me on this computer"))


def new_password_field(label):
    return PasswordField(label, validators=[
        DataRequired(_l("Enter the new password.")),
        Length(min=MIN_PASSWORD_LENGTH, max=200,
               message=_l("The password must be at least %(min)d characters long.")),
    ])


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))])
    new = new_password_field(_l("New password"))
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[EqualTo("new", _l("The two passwords are not the same."))])
