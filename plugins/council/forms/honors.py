"""The forms of honors (تجلیل: ceremonies and their honorees) and campaigns (پویش‌ها: the
campaign with its participating units, and its events)."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import Form, SelectField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from core.admin.forms import MultiCheckboxField
from core.db import db
from core.extensions import request_gettext as _
from core.forms.fields import JalaliDateField, PersianIntegerField, PersianStringField, PersianTextAreaField
from core.forms.people import OrganizationField, PersonField
from core.jalali import format_date
from core.models import Organization
from core.text import fa_number, to_fa_digits

from ..bodies import body_titles
from ..models import Unit
from ..models.honors import HONOREE_KINDS, CampaignEvent, Honoree
from ..models.members import BODIES

HASHTAG = re.compile(r"#?[\w\u200c]+")


def honoree_kind_titles():
    return {"top_manager": _("Top manager"), "retiree": _("Retiree"), "top_expert": _("Top expert"),
            "other": _("Other")}


def honoree_kind_plurals():
    """The kinds as the report counts them: «۱۲ مدیر برتر و ۵ بازنشسته»."""
    return {"top_manager": _("top managers"), "retiree": _("retirees"), "top_expert": _("top experts"),
            "other": _("others")}


def honoree_summary(counts):
    """«۱۲ مدیر برتر و ۵ بازنشسته» from ``{kind: count}``, in the kinds' order, zeros left out."""
    plurals = honoree_kind_plurals()
    parts = [f"{fa_number(counts[kind])} {plurals[kind]}" for kind in HONOREE_KINDS if counts.get(kind)]
    return join_and(parts)


def join_and(parts):
    """«الف، ب و ج»."""
    if len(parts) < 2:
        return "".join(parts)
    return _("%(first)s and %(last)s", first="، ".join(parts[:-1]), last=parts[-1])


def event_kind_titles():
    return {"qa_session": _("Q&A session"), "service_desk": _("Service desk"), "radio": _("Radio programme"),
            "tv": _("TV programme"), "social_post": _("Social media post"), "meeting": _("Meeting"),
            "other": _("Other")}


def unit_choices():
    """``[(id, name)]`` of the PR units, the provincial council's first, by name (one query)."""
    rows = db.session.execute(select(Unit.id, Unit.body, Organization.name).join(Unit.organization)).all()
    rows.sort(key=lambda row: (BODIES.index(row.body) if row.body in BODIES else len(BODIES), row.name))
    return [(row.id, row.name) for row in rows]


def _max(length):
    return Length(max=length, message=_l("At most %(max)s characters.", max=to_fa_digits(length)))


def _optional_id(value):
    return int(value) if str(value or "").isdigit() else None


class CeremonyForm(FlaskForm):
    body = SelectField(_l("Council"), choices=lambda: list(body_titles().items()), default="provincial")
    title = PersianStringField(_l("Title"), validators=[DataRequired(_l("Enter the title of the ceremony.")),
                                                         _max(300)])
    date = JalaliDateField(_l("Date"), validators=[DataRequired(_l("Enter the date of the ceremony."))])
    occasion = PersianStringField(_l("Occasion"), validators=[_max(200)],
                                  description=_l("For example: Public Relations Day (27 Ordibehesht)."))
    place = PersianStringField(_l("Place"), validators=[_max(200)])
    note = PersianTextAreaField(_l("Note"), validators=[_max(5000)])


class HonoreeForm(FlaskForm):
    """A person honored at ``ceremony``; the organization and position default to the person's
    own in the directory (the view fills them when left empty)."""

    person = PersonField(_l("Person"), validators=[DataRequired(_l("Choose the person honored."))],
                         description=_l("A council member or a retiree, from the directory."))
    kind = SelectField(_l("Honored as"), choices=lambda: list(honoree_kind_titles().items()), default="top_manager")
    organization = OrganizationField(_l("Organization"),
                                     description=_l("Left empty: the person's organization in the directory."))
    position = PersianStringField(_l("Position"), validators=[_max(200)],
                                  description=_l("Left empty: the person's position in the directory."))
    citation = PersianTextAreaField(_l("Citation"), validators=[_max(2000)],
                                    description=_l("Why they are honored; it is printed on the plaque."))

    def __init__(self, *args, ceremony, honoree=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ceremony, self.honoree = ceremony, honoree

    def validate_person(self, field):
        if field.data is None:
            return
        taken = select(Honoree.id).where(Honoree.ceremony_id == self.ceremony.id, Honoree.person_id == field.data.id)
        if self.honoree is not None:
            taken = taken.where(Honoree.id != self.honoree.id)
        if db.session.scalar(taken) is not None:
            raise ValidationError(_("%(name)s is already honored at this ceremony.", name=field.data.full_name))


class CampaignForm(FlaskForm):
    title = PersianStringField(_l("Title"), validators=[DataRequired(_l("Enter the title of the campaign.")),
                                                         _max(300)])
    hashtag = PersianStringField(_l("Hashtag"), validators=[_max(100)], description=_l("For example: #پاسخگو_هستیم"))
    start_date = JalaliDateField(_l("Start date"), validators=[DataRequired(_l("Enter the start date."))])
    end_date = JalaliDateField(_l("End date"), description=_l("Left empty while the campaign goes on."))
    description = PersianTextAreaField(_l("Description"), validators=[_max(5000)])
    units = MultiCheckboxField(_l("Participating PR units"), coerce=int)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.units.choices = unit_choices()

    def validate_hashtag(self, field):
        """Spaces become underscores, as hashtags are written; one leading «#»."""
        if not field.data:
            return
        tag = "#" + re.sub(r"\s+", "_", field.data.strip()).lstrip("#")
        if not HASHTAG.fullmatch(tag):
            raise ValidationError(_("A hashtag holds only letters, digits and «_», like #پاسخگو_هستیم."))
        field.data = tag

    def validate_end_date(self, field):
        start = self.start_date.data
        if field.data and start and field.data < start:
            raise ValidationError(_("The end date must not be before the start date."))
        if self.campaign is None or start is None:
            return
        # Its events must stay within the new dates.
        outside = select(CampaignEvent.date).where(CampaignEvent.campaign_id == self.campaign.id,
                                                   CampaignEvent.date < start)
        if field.data:
            outside = select(CampaignEvent.date).where(
                CampaignEvent.campaign_id == self.campaign.id,
                (CampaignEvent.date < start) | (CampaignEvent.date > field.data))
        dates = db.session.scalars(outside.order_by(CampaignEvent.date)).all()
        if dates:
            raise ValidationError(_("%(count)s events of the campaign fall outside these dates (the first on "
                                    "%(date)s); change their dates first.", count=fa_number(len(dates)),
                                    date=format_date(dates[0])))


class EventForm(FlaskForm):
    """An event of ``campaign``, on a day within the campaign's dates."""

    date = JalaliDateField(_l("Date"), validators=[DataRequired(_l("Enter the date of the event."))])
    title = PersianStringField(_l("Title"), validators=[DataRequired(_l("Enter the title of the event.")), _max(300)])
    unit = SelectField(_l("PR unit"), coerce=_optional_id, validate_choice=False)
    kind = SelectField(_l("Kind"), choices=lambda: list(event_kind_titles().items()), default="qa_session")
    reach = PersianIntegerField(_l("Reach or attendance"), validators=[
        Optional(), NumberRange(min=0, message=_l("The number cannot be negative."))],
        description=_l("The audience, participants or views it reached."))
    link = PersianStringField(_l("Link"), validators=[_max(500)])
    note = PersianTextAreaField(_l("Note"), validators=[_max(2000)])

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.unit.choices = [("", "—"), *unit_choices()]

    def validate_unit(self, field):
        if field.data is not None and field.data not in {unit_id for unit_id, _name in field.choices[1:]}:
            raise ValidationError(_("Choose from the list."))

    def validate_date(self, field):
        campaign = self.campaign
        if field.data is None:
            return
        if field.data < campaign.start_date or (campaign.end_date and field.data > campaign.end_date):
            if campaign.end_date:
                raise ValidationError(_("The event must be within the campaign, from %(start)s to %(end)s.",
                                        start=format_date(campaign.start_date), end=format_date(campaign.end_date)))
            raise ValidationError(_("The event must not be before the campaign's start, %(start)s.",
                                    start=format_date(campaign.start_date)))

    def validate_link(self, field):
        if field.data and not re.match(r"https?://\S+$", field.data):
            raise ValidationError(_("Enter a web address starting with http:// or https://."))


class DateFilterForm(Form):
    """The date filters of the honors and campaigns lists, read from the query string (a GET
    form, no CSRF token); a mistyped date is shown with its error and left out of the query."""

    start = JalaliDateField(_l("From date"))
    end = JalaliDateField(_l("To date"))
