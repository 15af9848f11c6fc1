"""The forms of the performance evaluation (indicator sets, rounds, scores) and of the county
portals' monthly evaluation. Numbers are accepted in Persian, Arabic-Indic and Latin digits."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, SelectField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from core.forms.fields import JalaliDateField, PersianIntegerField, PersianStringField, PersianTextAreaField
from core.text import to_fa_digits

from ..models.evaluation import APPROVERS, MAX_SCORE, PORTAL_CRITERIA, WEIGHT_TOTAL

MAX_CATEGORIES = 10
MAX_WINNERS = 20


def _max(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


def _between(low, high, message):
    return NumberRange(min=low, max=high, message=message)


def approver_titles():
    return {"info_council": _("The provincial information council"),
            "council": _("The PR coordination council (until the information council approves)")}


def portal_criteria_titles():
    return {"updating": _("Updating"), "quality": _("News quality"), "coverage": _("Coverage of events")}


class IndicatorSetForm(FlaskForm):
    name = PersianStringField(_l("Name"), validators=[DataRequired(_l("Enter the name of the set.")), _max(200)])
    description = PersianTextAreaField(_l("Description"), validators=[_max(5000)])


class IndicatorRowForm(Form):
    """One indicator of the grid; a row left without title and weight is no indicator."""

    title = PersianStringField(_l("Indicator"), validators=[_max(300)])
    group_title = PersianStringField(_l("Indicator group"), validators=[_max(100)])
    weight = PersianIntegerField(_l("Weight"), validators=[
        Optional(), _between(1, WEIGHT_TOTAL, _l("A weight is a whole number from 1 to 100."))])
    guidance = PersianTextAreaField(_l("Scoring guidance"), validators=[_max(2000)])

    @property
    def is_blank(self):
        return not self.title.data and self.weight.data is None and not self.group_title.data \
            and not self.guidance.data

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.is_blank:
            return valid
        if not self.title.data:
            self.title.errors.append(_("Enter the indicator's title."))
            valid = False
        if self.weight.data is None and not self.weight.errors:
            self.weight.errors.append(_("Enter the indicator's weight."))
            valid = False
        return valid


class IndicatorsForm(FlaskForm):
    rows = FieldList(FormField(IndicatorRowForm))


class ApprovalForm(FlaskForm):
    approver = SelectField(_l("Approving body"), choices=lambda: list(approver_titles().items()), default="council",
                           validators=[DataRequired()])
    approved_on = JalaliDateField(_l("Approval date"), validators=[DataRequired(_l("Enter the approval date."))])
    approval_reference = PersianStringField(
        _l("Resolution or letter"), description=_l("The resolution's number and meeting, or the letter's number."),
        validators=[DataRequired(_l("Enter the resolution or letter that approved it.")), _max(200)])

    def validate_approver(self, field):
        if field.data not in APPROVERS:
            raise ValidationError(_("Choose who approved it."))


class RoundForm(FlaskForm):
    title = PersianStringField(_l("Title"), description=_l("For example ارزیابی هفته دولت ۱۴۰۴."),
                               validators=[DataRequired(_l("Enter the title of the evaluation.")), _max(200)])
    set_id = SelectField(_l("Indicator set"), coerce=int, validate_choice=False,
                         description=_l("Only approved sets can be used."))
    held_on = JalaliDateField(_l("Date of the evaluation"),
                              validators=[DataRequired(_l("Enter the date of the evaluation."))])
    category_lines = PersianTextAreaField(
        _l("Categories of units"), description=_l("One per line; each unit is ranked within its category."),
        default="دستگاه‌های اجرایی بزرگ\nدستگاه‌های اجرایی کوچک",
        validators=[DataRequired(_l("Enter at least one category."))])
    winners = PersianIntegerField(_l("Winners per category"), default=3, validators=[
        DataRequired(_l("Enter how many units of each category win.")),
        _between(1, MAX_WINNERS, _l("From 1 to 20 winners per category."))])
    signer_name = PersianStringField(_l("Plaques signed by"), validators=[_max(100)])
    signer_position = PersianStringField(_l("Position of the signer"), validators=[_max(200)])
    note = PersianTextAreaField(_l("Note"), validators=[_max(5000)])

    @property
    def category_titles(self):
        return [line.strip() for line in (self.category_lines.data or "").split("\n") if line.strip()]

    def validate_category_lines(self, field):
        titles = self.category_titles
        if len(titles) > MAX_CATEGORIES:
            raise ValidationError(_("At most %(count)s categories.", count=to_fa_digits(MAX_CATEGORIES)))
        if len(set(titles)) != len(titles):
            raise ValidationError(_("Each category may appear only once."))
        if any(len(title) > 200 for title in titles):
            raise ValidationError(_("A category's title may have at most 200 characters."))

    def validate_set_id(self, field):
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_("Choose an approved indicator set."))


class EntriesForm(FlaskForm):
    """The category of each unit in a round: ``category-<unit id>`` fields added per request."""


class ScoreRowForm(Form):
    score = PersianIntegerField(_l("Score"), validators=[
        Optional(), _between(0, MAX_SCORE, _l("A score is a whole number from 0 to 100."))])
    evidence = PersianTextAreaField(_l("Evidence"), validators=[_max(2000)])


class ScoresForm(FlaskForm):
    rows = FieldList(FormField(ScoreRowForm))


class PortalRowForm(Form):
    unit_id = HiddenField()
    updating = PersianIntegerField(_l("Updating"), validators=[Optional(), _between(
        0, PORTAL_CRITERIA["updating"], _l("From 0 to %(max)s points.", max=to_fa_digits(PORTAL_CRITERIA["updating"])))])
    quality = PersianIntegerField(_l("News quality"), validators=[Optional(), _between(
        0, PORTAL_CRITERIA["quality"], _l("From 0 to %(max)s points.", max=to_fa_digits(PORTAL_CRITERIA["quality"])))])
    coverage = PersianIntegerField(_l("Coverage of events"), validators=[Optional(), _between(
        0, PORTAL_CRITERIA["coverage"], _l("From 0 to %(max)s points.", max=to_fa_digits(PORTAL_CRITERIA["coverage"])))])
    note = PersianStringField(_l("Note"), validators=[_max(500)])

    @property
    def values(self):
        return [getattr(self, key).data for key in PORTAL_CRITERIA]

    @property
    def is_blank(self):
        return all(value is None for value in self.values) and not self.note.data

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not self.is_blank and any(value is None for value in self.values):
            for key in PORTAL_CRITERIA:
                field = getattr(self, key)
                if field.data is None and not field.errors:
                    field.errors.append(_("Score every criterion, or leave the row empty."))
            valid = False
        return valid


class PortalMonthForm(FlaskForm):
    rows = FieldList(FormField(PortalRowForm))
