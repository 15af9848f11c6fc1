"""The forms of the board election: its setup, registration (public and by staff), vetting,
objections, the supervisory board and its sign-off."""
import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from core.db import db
from core.forms.fields import (JalaliDateField, NationalCodeField, PersianIntegerField, PersianStringField,
                               PersianTextAreaField)
from core.forms.people import PersonField
from core.jalali import TIMEZONE, format_date, today
from core.text import clean_text, to_ascii_digits, to_fa_digits

from ..bodies import body_titles
from ..models import Election

MAX_CLAUSES = 30


def _max(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


def _choices(titles):
    return [SelectChoice(value, title) for value, title in titles.items()]


def mode_titles():
    return {"electronic": _("Electronic, with a one-time SMS code"), "paper": _("Paper ballots")}


# The schedule in its order: each date may not come before the one above it.
SCHEDULE = ("registration_start", "registration_end", "vetting_end", "objections_end", "voting_date",
            "results_date")


class ElectionForm(FlaskForm):
    body = SelectField(_l("Council"), choices=lambda: _choices(body_titles()))
    term = PersianIntegerField(_l("Board term"), description=_l("The board's term number, e.g. 12 for the twelfth."),
                               validators=[InputRequired(_l("Enter the term number.")),
                                           NumberRange(min=1, max=200, message=_l("Enter a term from 1 to 200."))])
    title = PersianStringField(_l("Title"), validators=[DataRequired(_l("Enter the title.")), _max(200)])
    seats = PersianIntegerField(_l("Seats"), validators=[
        InputRequired(_l("Enter the number of seats.")),
        NumberRange(min=1, max=50, message=_l("Enter from 1 to 50 seats."))])
    alternates = PersianIntegerField(_l("Alternate seats"), default=0, validators=[
        Optional(), NumberRange(min=0, max=50, message=_l("Enter from 0 to 50 alternates."))])
    max_choices = PersianIntegerField(_l("Most choices on a ballot"), validators=[Optional()],
                                      description=_l("Empty: as many as the seats."))
    registration_start = JalaliDateField(_l("Registration from"),
                                         validators=[DataRequired(_l("Enter the first day of registration."))])
    registration_end = JalaliDateField(_l("Registration to"),
                                       validators=[DataRequired(_l("Enter the last day of registration."))])
    vetting_end = JalaliDateField(_l("Vetting until"), validators=[DataRequired(_l("Enter the last day of vetting."))])
    objections_end = JalaliDateField(_l("Objections until"),
                                     validators=[DataRequired(_l("Enter the last day for objections."))])
    voting_date = JalaliDateField(_l("Voting day"), validators=[DataRequired(_l("Enter the voting day."))])
    results_date = JalaliDateField(_l("Results day"), validators=[DataRequired(_l("Enter the day of the results."))])
    mode = RadioField(_l("Voting"), choices=lambda: _choices(mode_titles()), default="electronic")
    clause_list = PersianTextAreaField(_l("Eligibility clauses of the statute"), validators=[_max(10000)],
                                   description=_l("One clause per line, in the statute's order."),
                                   filters=(lambda text: text or "",))
    note = PersianTextAreaField(_l("Note"), validators=[_max(5000)])

    def __init__(self, *args, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election

    def validate_term(self, field):
        if field.data is None:
            return
        taken = select(Election.id).where(Election.body == self.body.data, Election.term == field.data)
        if self.election is not None:
            taken = taken.where(Election.id != self.election.id)
        if db.session.scalar(taken) is not None:
            raise ValidationError(_("This council already has an election for the %(term)s term.",
                                    term=to_fa_digits(field.data)))

    def validate_max_choices(self, field):
        if field.data is not None and self.seats.data and not 1 <= field.data <= self.seats.data:
            raise ValidationError(_("A ballot may hold from 1 to %(seats)s choices (the seats).",
                                    seats=to_fa_digits(self.seats.data)))

    def validate_clause_list(self, field):
        if len(self.clause_texts()) > MAX_CLAUSES:
            raise ValidationError(_("At most %(count)s clauses.", count=to_fa_digits(MAX_CLAUSES)))

    def clause_texts(self):
        return [line for line in (clean_text(line) for line in (self.clause_list.data or "").split("\n")) if line]

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        # Each date no earlier than the one before it in the schedule; the message names both.
        fields = [getattr(self, name) for name in SCHEDULE]
        for earlier, later in zip(fields, fields[1:]):
            if earlier.data and later.data and later.data < earlier.data:
                later.errors.append(_("%(field)s cannot be before %(earlier)s (%(date)s).", field=later.label.text,
                                      earlier=earlier.label.text, date=format_date(earlier.data)))
                valid = False
        return valid


class RegistrationForm(FlaskForm):
    """The public registration of a candidate: the member number and the national code prove
    who registers."""

    member_number = PersianStringField(_l("Member number"), validators=[
        DataRequired(_l("Enter your member number.")), _max(20)],
        filters=(lambda text: to_ascii_digits(text) if text else text,),
        render_kw={"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"})
    national_code = NationalCodeField(_l("National code"), validators=[DataRequired(_l("Enter your national code."))],
                                      render_kw={"autocomplete": "off", "dir": "ltr"})
    statement = PersianTextAreaField(_l("A short statement (optional)"), validators=[_max(1000)],
                                     description=_l("At most 1,000 characters; it is shown to the vetting board."))


class StaffRegistrationForm(FlaskForm):
    """A candidate registered by the secretariat (for a member who came in person)."""

    member_number = RegistrationForm.member_number
    statement = PersianTextAreaField(_l("Statement"), validators=[_max(1000)])


def vetting_form(clauses, may_decide, data=None):
    """The vetting of one candidate: met or not met per clause with a reason, and (for those who
    decide) the overall decision."""

    class VettingForm(FlaskForm):
        def validate(self, extra_validators=None):
            valid = super().validate(extra_validators)
            for clause in clauses:
                met, reason = self[f"met_{clause.id}"], self[f"reason_{clause.id}"]
                if met.data == "0" and not reason.data:
                    reason.errors.append(_("Say why this clause is not met."))
                    valid = False
            if may_decide and valid:
                valid = self._check_decision()
            return valid

        def _check_decision(self):
            if self.decision.data == "approved" and any(self[f"met_{clause.id}"].data != "1" for clause in clauses):
                self.decision.errors.append(_("A candidate is approved only when every clause is met."))
                return False
            if self.decision.data == "rejected" and not self.decision_reason.data:
                self.decision_reason.errors.append(_("A rejection needs its reason."))
                return False
            return True

    for clause in clauses:
        setattr(VettingForm, f"met_{clause.id}", RadioField(
            clause.text, choices=[SelectChoice("1", _l("Met")), SelectChoice("0", _l("Not met"))],
            validators=[InputRequired(_l("Say whether this clause is met."))]))
        setattr(VettingForm, f"reason_{clause.id}", PersianStringField(_l("Reason"), validators=[_max(500)]))
    if may_decide:
        VettingForm.decision = RadioField(_l("Decision"), default="", choices=[
            SelectChoice("", _l("Not decided yet")), SelectChoice("approved", _l("Found eligible")),
            SelectChoice("rejected", _l("Rejected"))])
        VettingForm.decision_reason = PersianTextAreaField(_l("Reason for the decision"), validators=[_max(2000)])
    return VettingForm(data=data)


class ObjectionForm(FlaskForm):
    filed_on = JalaliDateField(_l("Filed on"), default=today,
                               validators=[DataRequired(_l("Enter the date it was filed."))])
    text = PersianTextAreaField(_l("The objection"), validators=[DataRequired(_l("Enter the objection.")), _max(3000)])

    def __init__(self, *args, candidate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate

    def validate_filed_on(self, field):
        if field.data is None:
            return
        election, decided = self.candidate.election, self.candidate.decided_at
        if field.data > today():
            raise ValidationError(_("An objection cannot be filed on a future date."))
        if field.data > election.objections_end:
            raise ValidationError(_("Objections were accepted until %(date)s.",
                                    date=format_date(election.objections_end)))
        if decided is not None and field.data < tehran_day(decided):
            raise ValidationError(_("An objection cannot be filed before the rejection (%(date)s).",
                                    date=format_date(decided)))


class ObjectionDecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[SelectChoice("accepted", _l("Accepted: the candidate is approved")),
                                                   SelectChoice("rejected", _l("Rejected: the rejection stands"))],
                          validators=[InputRequired(_l("Choose the decision."))])
    reason = PersianTextAreaField(_l("Reason"), validators=[DataRequired(_l("Enter the reason for the decision.")),
                                                            _max(2000)])


def supervisor_role_titles():
    return {"chair": _("Chair"), "member": _("Member")}


class SupervisorForm(FlaskForm):
    person = PersonField(_l("Person"), validators=[DataRequired(_l("Choose the supervisor from the directory."))])
    role = SelectField(_l("Role"), choices=lambda: _choices(supervisor_role_titles()), default="member")


class SignOffForm(FlaskForm):
    """A supervisor's sign-off of the results (recorded for them), and their objection if any."""

    signed_on = JalaliDateField(_l("Signed off on"), description=_l("Empty while they have not signed off."))
    objection = PersianTextAreaField(_l("Objection"), validators=[_max(3000)])

    def __init__(self, *args, election=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election

    def validate_signed_on(self, field):
        if field.data is None:
            return
        if field.data > today():
            raise ValidationError(_("A sign-off cannot be dated in the future."))
        closed = self.election.voting_closed_at
        if closed is not None and field.data < tehran_day(closed):
            raise ValidationError(_("A sign-off cannot be dated before the vote closed (%(date)s).",
                                    date=format_date(closed)))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if valid and self.signed_on.data is None and not self.objection.data:
            self.form_errors.append(_("Enter the date of the sign-off, or the objection, or both."))
            return False
        return valid


def tehran_day(moment):
    """The day in Tehran of a stored UTC timestamp (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(TIMEZONE).date()
