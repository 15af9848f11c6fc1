"""The forms of voting: the member's identification and ballot on the public pages, and the
staff's entry of a paper batch (one per person and batch) and its settling by a manager."""
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from core.admin.forms import MultiCheckboxField
from core.forms.fields import NationalCodeField, PersianIntegerField, PersianStringField
from core.text import fa_number, to_ascii_digits

from ..models.voting import PAPER_FIGURE_LABELS, PAPER_FIGURES

CODE_LENGTH = 6


class IdentifyForm(FlaskForm):
    """The member proves who they are before a one-time code is sent to their mobile."""

    member_number = PersianStringField(_l("Member number"), validators=[
        DataRequired(_l("Enter your member number.")), Length(max=20, message=_l("The member number is too long."))],
        filters=(lambda value: to_ascii_digits(value) if value else value,))
    national_code = NationalCodeField(_l("National code"), validators=[DataRequired(_l("Enter your national code."))])


class CandidatesField(MultiCheckboxField):
    """The final list's candidates as checkboxes; an id not on the list gets a Persian message."""

    def pre_validate(self, form):
        offered = {value for value, _label in self.choices}
        if any(value not in offered for value in self.data or ()):
            raise ValidationError(_("A chosen candidate is not on the final list of this election."))


class BallotForm(FlaskForm):
    """The one-time code and the choices; who votes is the code's member (kept in the session),
    never a field of this form."""

    code = PersianStringField(_l("One-time code"), validators=[DataRequired(_l("Enter the code sent to you by SMS."))],
                              filters=(lambda value: to_ascii_digits(value) if value else value,))
    candidates = CandidatesField(_l("Candidates"), coerce=int, validate_choice=False)

    def __init__(self, *args, max_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_choices = max_choices

    def validate_code(self, field):
        if not re.fullmatch(rf"[0-9]{{{CODE_LENGTH}}}", field.data or ""):
            raise ValidationError(_("The code has %(count)s digits.", count=fa_number(CODE_LENGTH)))

    def validate_candidates(self, field):
        if len(set(field.data or ())) > self.max_choices:
            raise ValidationError(_("Choose at most %(count)s candidates.", count=fa_number(self.max_choices)))


def _count_field(label):
    return PersianIntegerField(label, validators=[
        InputRequired(_l("Enter a number (0 when there is none).")),
        NumberRange(min=0, message=_l("The number cannot be negative."))])


class PaperFiguresForm(FlaskForm):
    """A batch's figures and each candidate's votes (fields ``votes_<candidate id>``, added by
    ``paper_form``); the equations of a batch must hold, each broken one named."""

    issued = _count_field(PAPER_FIGURE_LABELS["issued"])
    cast = _count_field(PAPER_FIGURE_LABELS["cast"])
    spoiled = _count_field(PAPER_FIGURE_LABELS["spoiled"])
    unused = _count_field(PAPER_FIGURE_LABELS["unused"])
    valid = _count_field(PAPER_FIGURE_LABELS["valid"])
    blank = _count_field(PAPER_FIGURE_LABELS["blank"])
    invalid = _count_field(PAPER_FIGURE_LABELS["invalid"])

    candidates = ()
    max_choices = 1

    def vote_fields(self):
        return [(candidate, self[f"votes_{candidate.id}"]) for candidate in self.candidates]

    def figures(self):
        return {name: self[name].data for name in PAPER_FIGURES}

    def votes(self):
        return {candidate.id: field.data for candidate, field in self.vote_fields()}

    def validate(self, extra_validators=None):
        if not super().validate(extra_validators):
            return False
        f = self.figures()
        problems = []
        if f["issued"] != f["cast"] + f["spoiled"] + f["unused"]:
            problems.append(_("Ballots issued must equal ballots cast + spoiled + unused: %(issued)s ≠ %(cast)s + "
                              "%(spoiled)s + %(unused)s.", **{k: fa_number(v) for k, v in f.items()}))
        if f["cast"] != f["valid"] + f["blank"] + f["invalid"]:
            problems.append(_("Valid + blank + invalid ballots must equal ballots cast: %(valid)s + %(blank)s + "
                              "%(invalid)s ≠ %(cast)s.", **{k: fa_number(v) for k, v in f.items()}))
        total = sum(self.votes().values())
        if total > f["valid"] * self.max_choices:
            problems.append(_("The candidates' votes (%(total)s in all) cannot exceed valid ballots × most choices "
                              "on a ballot (%(valid)s × %(choices)s).", total=fa_number(total),
                              valid=fa_number(f["valid"]), choices=fa_number(self.max_choices)))
        self.form_errors.extend(problems)
        too_many = [field for _candidate, field in self.vote_fields() if field.data > f["valid"]]
        for field in too_many:
            field.errors.append(_("A candidate cannot have more votes than the valid ballots (%(valid)s).",
                                  valid=fa_number(f["valid"])))
        return not problems and not too_many


def paper_form(candidates, max_choices, base=PaperFiguresForm, **kwargs):
    """The figures form with a votes field per candidate of the final list."""
    fields = {f"votes_{candidate.id}": _count_field(f"{fa_number(candidate.code)} — {candidate}")
              for candidate in candidates}
    form_class = type("PaperEntryForm", (base,), {**fields, "candidates": candidates, "max_choices": max_choices})
    return form_class(**kwargs)


class NewBatchForm(FlaskForm):
    label = PersianStringField(_l("Label"), description=_l("Where the box was, e.g. the conference hall."),
                               validators=[Length(max=200, message=_l("The label is too long."))])
