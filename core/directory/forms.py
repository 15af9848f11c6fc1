"""Forms of the directory: an organization and a person (with an optional photo)."""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from itsdangerous import BadSignature, URLSafeTimedSerializer
from wtforms import BooleanField, HiddenField, SelectField
from wtforms.validators import DataRequired, Optional, Regexp, ValidationError

from core import files
from core.directory.labels import organization_type_choices
from core.directory.lookups import (
    national_code_taken_message,
    organization_name_taken_message,
    organizations_by_name,
    people_with_national_codes,
)
from core.forms.fields import MobileField, NationalCodeField, PersianStringField
from core.text import normalize_fa, to_ascii_digits, to_fa_digits

KEPT_PHOTO_MAX_AGE = 24 * 3600


def _max(length):
    def check(form, field):
        if field.data and len(field.data) > length:
            raise ValidationError(_("At most %(max)s characters.", max=to_fa_digits(length)))
    return check


def _ascii_digits(value):
    return to_ascii_digits(value) if value else value


def _optional_id(value):
    return int(value) if value not in (None, "", "None") else None


class OrganizationForm(FlaskForm):
    name = PersianStringField(_l("Name"), validators=[DataRequired(_l("Enter the name.")), _max(200)])
    type = SelectField(_l("Type"), choices=organization_type_choices,
                       validators=[DataRequired(_l("Choose the type."))])
    city = PersianStringField(_l("City"), validators=[_max(100)])
    phone = PersianStringField(_l("Phone"), filters=[_ascii_digits], validators=[_max(50)],
                               render_kw={"inputmode": "tel", "dir": "ltr"})
    address = PersianStringField(_l("Address"), validators=[_max(500)])

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, obj=organization, **kwargs)
        self.organization_id = organization.id if organization is not None else None

    def validate_name(self, field):
        for other in organizations_by_name().get(normalize_fa(field.data), []):
            if other.id != self.organization_id:
                raise ValidationError(organization_name_taken_message(other))


def _photo_signer():
    return URLSafeTimedSerializer(current_app.secret_key, salt="directory.person-photo")


class PersonForm(FlaskForm):
    first_name = PersianStringField(_l("First name"),
                                    validators=[DataRequired(_l("Enter the first name.")), _max(100)])
    last_name = PersianStringField(_l("Last name"),
                                   validators=[DataRequired(_l("Enter the last name.")), _max(100)])
    national_code = NationalCodeField(_l("National code"))
    mobile = MobileField(_l("Mobile"), render_kw={"dir": "ltr"})
    email = PersianStringField(_l("Email"), filters=[_ascii_digits], validators=[
        Optional(), _max(200),
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter an email address like name@example.ir.")),
    ], render_kw={"dir": "ltr", "inputmode": "email", "autocomplete": "email"})
    organization_id = SelectField(_l("Organization"), coerce=_optional_id, validate_choice=True)
    position = PersianStringField(_l("Position"), validators=[_max(200)])
    photo = FileField(_l("Photo"), description=_l("A JPEG, PNG or WebP image of at most 5 MB."),
                      render_kw={"accept": "image/jpeg,image/png,image/webp"})
    # A photo received with a form that had other errors, so the user need not choose it again.
    kept_photo = HiddenField()
    remove_photo = BooleanField(_l("Remove the photo"))

    def __init__(self, *args, person=None, organizations=(), **kwargs):
        super().__init__(*args, obj=person, **kwargs)
        self.person_id = person.id if person is not None else None
        self.organization_id.choices = [("", _l("No organization"))] + [(o.id, o.name) for o in organizations]
        self.new_photo = None

    def validate_national_code(self, field):
        if field.data:
            owner = people_with_national_codes([field.data], exclude_id=self.person_id).get(field.data)
            if owner is not None:
                raise ValidationError(national_code_taken_message(owner))

    def validate_photo(self, field):
        upload = field.data
        if upload and getattr(upload, "filename", ""):
            try:
                self.new_photo = files.save_image(upload)
            except files.FileRejected as error:
                self.kept_photo.data = ""
                raise ValidationError(str(error)) from None
            self.kept_photo.data = _photo_signer().dumps(self.new_photo)
        elif self.kept_photo.data:
            try:
                self.new_photo = _photo_signer().loads(self.kept_photo.data, max_age=KEPT_PHOTO_MAX_AGE)
            except BadSignature:
                self.kept_photo.data = ""
