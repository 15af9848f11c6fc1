"""Forms of the member cards: issuing one, issuing for every current member without a valid
card, revoking, the list's filters and the public verification form."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import Form, SelectField
from wtforms.validators import DataRequired, ValidationError

from core.db import db
from core.forms.fields import JalaliDateField, PersianStringField
from core.jalali import format_date, today
from core.text import to_ascii_digits, to_fa_digits

from ..models import Card
from ..models.documents import CARD_STATUSES
from .members import as_int, body_choices, max_length


def status_labels():
    return {"valid": _("In force"), "expired": _("Expired"), "revoked": _("Revoked")}


class ValidityMixin:
    """``issued_on`` and ``valid_until`` of a card: not issued in the future, valid after issue."""

    def validate_issued_on(self, field):
        if field.data > today():
            raise ValidationError(_("The issue date is in the future."))

    def validate_valid_until(self, field):
        if self.issued_on.data and field.data <= self.issued_on.data:
            raise ValidationError(_("The card must stay valid after its issue date."))


class CardForm(ValidityMixin, FlaskForm):
    member_id = SelectField(_l("Member"), coerce=as_int, validate_choice=False)
    number = PersianStringField(_l("Card number"), filters=[lambda v: to_ascii_digits(v or "").upper()],
                                validators=[DataRequired(_l("Enter the card number.")), max_length(20)])
    issued_on = JalaliDateField(_l("Issued on"), validators=[DataRequired(_l("Enter the issue date."))])
    valid_until = JalaliDateField(_l("Valid until"), validators=[DataRequired(_l("Enter the last day of validity."))],
                                  description=_l("Two years by default."))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.member_id.choices = [(0, "—"), *((m.id, f"{m.person.full_name} — {m.unit.organization.name}")
                                              for m in members)]

    def validate_member_id(self, field):
        if field.data not in {value for value, _label in field.choices} or not field.data:
            raise ValidationError(_("Choose a current member."))
        valid = db.session.scalar(select(Card).where(Card.member_id == field.data, Card.in_status("valid")))
        if valid is not None:
            raise ValidationError(_("This member holds card %(number)s, valid until %(date)s; revoke it first.",
                                    number=to_fa_digits(valid.number), date=format_date(valid.valid_until)))

    def validate_number(self, field):
        if db.session.scalar(select(Card.id).where(Card.number == field.data)):
            raise ValidationError(_("Card number %(number)s is taken.", number=to_fa_digits(field.data)))


class BulkIssueForm(ValidityMixin, FlaskForm):
    body = SelectField(_l("Council"), choices=lambda: body_choices(_("Both councils")))
    issued_on = JalaliDateField(_l("Issued on"), validators=[DataRequired(_l("Enter the issue date."))])
    valid_until = JalaliDateField(_l("Valid until"), validators=[DataRequired(_l("Enter the last day of validity."))])


class RevokeForm(FlaskForm):
    revoked_on = JalaliDateField(_l("Revoked on"), validators=[DataRequired(_l("Enter the date of revoking."))])
    revoke_reason = PersianStringField(_l("Reason for revoking"), validators=[
        DataRequired(_l("Write why the card is revoked.")), max_length(300)])

    def validate_revoked_on(self, field):
        if field.data > today():
            raise ValidationError(_("The date of revoking is in the future."))


class CardFilterForm(Form):
    q = PersianStringField(_l("Search"))
    status = SelectField(_l("Status"), validate_choice=False,
                         choices=lambda: [("", _("Any status")), *((s, status_labels()[s]) for s in CARD_STATUSES)])
    body = SelectField(_l("Council"), choices=lambda: body_choices(_("Both councils")), validate_choice=False)
    start = JalaliDateField(_l("Issued from"))
    end = JalaliDateField(_l("Issued to"))


class VerifyForm(Form):
    """Read from the query string: the public page needs no session."""

    number = PersianStringField(_l("Card or certificate number, or its verification code"),
                                filters=[lambda v: to_ascii_digits(v or "").upper()],
                                validators=[DataRequired(_l("Enter the number printed on the card or "
                                                            "certificate.")), max_length(30)])

