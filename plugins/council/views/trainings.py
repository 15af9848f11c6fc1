"""Training (آموزش): the bodies' training sessions of a Jalali period with their topic, instructor,
hours, present attendees and person-hours; a new session with its details in one go, or the
details of a training meeting made on the kit's pages; person-hours per member, unit and month.

The session itself (date, status, attendance) is the committee kit's meeting; its details are
``council_trainings``. Every figure is counted in SQL, a fixed number of queries per page."""
from dataclasses import dataclass
from types import SimpleNamespace
from decimal import Decimal

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import Integer, case, func, literal_column, or_, select
from sqlalchemy.orm import selectinload

from core.committees import queries
from core.committees.models import Attendance, CommitteeMember, Meeting
from core.db import db, get_or_404
from core.exporting import Column, export_format, export_list, export_response
from core.listing import ListQuery
from core.models import Organization, Person
from core.period_picker import ARG_NAMES, PeriodPicker
from core.permissions import permission_required, user_can
from core.rendering import redirect_to, render, render_form
from core.search.index import matches
from core.search.query import SearchGroup
from core.jalali import MONTH_NAMES
from core.text import normalize_fa, to_fa_digits

from ..blueprint import bp
from ..bodies import body_committee, body_titles
from ..forms.trainings import NewTrainingForm, TrainingForm
from ..models import Body, Member, Unit
from ..models.documents import Certificate
from ..models.trainings import Training, instructor_level_titles, is_training, present_attendance, present_counts, totals
from .meetings import kit


@dataclass
class SessionRow:
    """A training meeting as the list shows it."""

    meeting: Meeting
    training: Training | None
    present: int
    certificates: int

    @property
    def person_hours(self):
        return self.present * self.training.hours if self.training is not None else None


def _level_title(training):
    return instructor_level_titles().get(training.instructor_level, training.instructor_level) if training else None


SESSION_COLUMNS = [
    Column(_l("Date"), lambda r: r.meeting.date, kind="date", width=14),
    Column(_l("Council"), lambda r: r.meeting.committee.name, width=34),
    Column(_l("Topic"), lambda r: r.training.topic if r.training else r.meeting.title, width=40),
    Column(_l("Instructor"), lambda r: r.training.instructor if r.training else None, width=24),
    Column(_l("Instructor level"), lambda r: _level_title(r.training), width=12),
    Column(_l("Hours"), lambda r: r.training.hours if r.training else None, kind="number", width=8),
    Column(_l("Present"), "present", kind="number", width=10),
    Column(_l("Person-hours"), "person_hours", kind="number", width=12),
    Column(_l("Certificates"), "certificates", kind="number", width=10),
]


def _session_rows(meetings):
    """The list's rows for ``meetings`` (three queries whatever their number)."""
    ids = [m.id for m in meetings]
    trainings = {t.meeting_id: t for t in db.session.scalars(select(Training).where(Training.meeting_id.in_(ids)))}
    present = present_counts(ids)
    certificates = dict(db.session.execute(
        select(Certificate.meeting_id, func.count()).where(Certificate.meeting_id.in_(ids), Certificate.revoked_on.is_(None))
        .group_by(Certificate.meeting_id)).all()) if ids else {}
    return [SessionRow(m, trainings.get(m.id), present.get(m.id, 0), certificates.get(m.id, 0)) for m in meetings]


def _keep(statement, _value):
    """The period picker's arguments are applied by the base statement; listing them as filters
    keeps them in the list's sort, page and export links."""
    return statement


def _search(statement, value):
    for word in normalize_fa(value).split():
        statement = statement.where(or_(matches(Training.search_text, word), matches(Meeting.search_text, word)))
    return statement


def _listing(period):
    statement = (select(Meeting).outerjoin(Training, Training.meeting_id == Meeting.id)
                 .where(is_training(Meeting.date.between(period.start, period.end)))
                 .options(selectinload(Meeting.committee)))
    return ListQuery(
        statement,
        filters={
            "search": _search,  # not "q": the period picker's quarter is "q"
            "body": lambda s, v: s.where(Meeting.committee_id.in_(select(Body.committee_id).where(Body.key == v))),
            "level": lambda s, v: s.where(Training.instructor_level == v),
            "status": lambda s, v: s.where(Meeting.status == v),
            **{name: _keep for name in ARG_NAMES},
        },
        sorts={"date": Meeting.date, "hours": Training.hours, "topic": Training.topic},
        default_sort="-date",
    )


@bp.route("/trainings/")
@permission_required("council.view")
def trainings():
    picker = PeriodPicker.from_args(request.args)
    listing = _listing(picker.period)
    export = export_list(listing, SESSION_COLUMNS, title=_("Training sessions"),
                         filename=f"{_('Training sessions')} {picker.period.label}", prepare=_session_rows)
    if export is not None:
        return export
    page = listing.page(db.session)
    return render("council/trainings/index.html", block="results", picker=picker, period=picker.period, page=page,
                  rows=_session_rows(page.items), totals=totals(picker.period), columns=SESSION_COLUMNS,
                  bodies=body_titles(), levels=instructor_level_titles())


def _training_meeting(meeting_id):
    """A training meeting of one of the bodies, which the user may edit in its department."""
    meeting = get_or_404(Meeting, meeting_id)
    is_body = db.session.scalar(select(Body.id).where(Body.committee_id == meeting.committee_id))
    if meeting.type != "training" or is_body is None:
        abort(404)
    if not user_can(current_user, "council.edit", meeting.committee.department_id):
        abort(403)
    return meeting


def _save_details(form, training):
    for name in ("topic", "instructor", "instructor_level", "hours"):
        setattr(training, name, getattr(form, name).data)


@bp.route("/trainings/new", methods=["GET", "POST"])
@permission_required("council.edit")
def training_new():
    form = NewTrainingForm()
    if form.validate_on_submit():
        committee = body_committee(form.body.data)
        if committee is None:
            abort(404)
        meeting = Meeting(committee_id=committee.id, type="training", title=form.topic.data, date=form.date.data,
                          start_time=form.start_time.data, place=form.place.data or "", status=form.status.data)
        # As the kit does for a new meeting: every member seated on that day is invited.
        meeting.attendance = [Attendance(member_id=seat.id, invited=True, present=False)
                              for seat in queries.members_on(committee.id, form.date.data)]
        db.session.add(meeting)
        db.session.flush()
        training = Training(meeting_id=meeting.id)
        _save_details(form, training)
        db.session.add(training)
        db.session.commit()
        if meeting.status == "held":
            flash(_("The training session was saved. Tick who was present, then issue the certificates."), "success")
            return redirect_to(kit.url("edit_meeting", committee_id=committee.id, meeting_id=meeting.id) + "#present")
        flash(_("The training session was saved."), "success")
        return redirect_to(kit.url("meeting", committee_id=committee.id, meeting_id=meeting.id))
    return render_form("council/trainings/new.html", form)


@bp.route("/trainings/<int:meeting_id>/details", methods=["GET", "POST"])
@permission_required("council.edit")
def training_details(meeting_id):
    meeting = _training_meeting(meeting_id)
    training = db.session.get(Training, meeting.id)
    form = TrainingForm(obj=training, topic=None if training else meeting.title)
    if form.validate_on_submit():
        if training is None:
            training = Training(meeting_id=meeting.id)
            db.session.add(training)
        _save_details(form, training)
        db.session.commit()
        flash(_("The details of the training session were saved."), "success")
        return redirect_to(url_for("council.session_certificates", meeting_id=meeting.id))
    return render_form("council/trainings/details.html", form, meeting=meeting, training=training,
                       meeting_url=kit.url("meeting", committee_id=meeting.committee_id, meeting_id=meeting.id))


# --- person-hours per member, unit and month --------------------------------------------------

@dataclass
class HoursRow:
    name: str
    detail: str
    sessions: int
    person_hours: Decimal


def _hours_by_member(period):
    rows = db.session.execute(
        present_attendance()
        .join(Member, Member.seat_id == CommitteeMember.id).join(Member.person).join(Member.unit)
        .join(Organization, Organization.id == Unit.organization_id)
        .add_columns(Member.id, Person.first_name, Person.last_name, Organization.name,
                     func.count(), func.sum(Training.hours))
        .where(Meeting.date.between(period.start, period.end))
        .group_by(Member.id, Person.first_name, Person.last_name, Organization.name)
        .order_by(func.sum(Training.hours).desc(), Person.last_name, Person.first_name))
    return [HoursRow(f"{first} {last}", unit, count, Decimal(hours)) for _id, first, last, unit, count, hours in rows]


def _hours_by_unit(period):
    rows = db.session.execute(
        present_attendance()
        .join(Member, Member.seat_id == CommitteeMember.id).join(Member.unit)
        .join(Organization, Organization.id == Unit.organization_id)
        .add_columns(Unit.id, Organization.name, Unit.body, func.count(func.distinct(Member.id)),
                     func.sum(Training.hours))
        .where(Meeting.date.between(period.start, period.end))
        .group_by(Unit.id, Organization.name, Unit.body)
        .order_by(func.sum(Training.hours).desc(), Organization.name))
    titles = body_titles()
    return [HoursRow(name, titles.get(body, body), people, Decimal(hours)) for _id, name, body, people, hours in rows]


def _hours_by_month(period):
    months = period.months()
    bucket = case(*[(Meeting.date.between(start, end), literal_column(str(index), Integer))
                    for index, (_jy, _jm, start, end) in enumerate(months)]).label("bucket")
    inner = (present_attendance().add_columns(bucket, Meeting.id.label("meeting_id"), Training.hours.label("hours"))
             .where(Meeting.date.between(period.start, period.end)).subquery())
    found = {int(index): (sessions, hours) for index, sessions, hours in db.session.execute(
        select(inner.c.bucket, func.count(func.distinct(inner.c.meeting_id)), func.sum(inner.c.hours))
        .group_by(inner.c.bucket)) if index is not None}
    return [HoursRow(f"{MONTH_NAMES[jm - 1]} {to_fa_digits(jy)}", "", *found.get(index, (0, Decimal(0))))
            for index, (jy, jm, _start, _end) in enumerate(months)]


BREAKDOWNS = {
    "member": (_l("Per member"), _hours_by_member, _l("Member"), _l("PR unit"), _l("Sessions attended")),
    "unit": (_l("Per unit"), _hours_by_unit, _l("PR unit"), _l("Council"), _l("Members trained")),
    "month": (_l("Per month"), _hours_by_month, _l("Month"), None, _l("Sessions")),
}


def _hours_columns(name_title, detail_title, count_title):
    columns = [Column(name_title, "name", width=30)]
    if detail_title is not None:
        columns.append(Column(detail_title, "detail", width=34))
    return columns + [Column(count_title, "sessions", kind="number", width=14),
                      Column(_l("Person-hours"), lambda r: r.person_hours, kind="number", width=14)]


@bp.route("/trainings/person-hours")
@permission_required("council.view")
def person_hours():
    picker = PeriodPicker.from_args(request.args)
    by = request.args.get("by", "member")
    if by not in BREAKDOWNS:
        abort(404)
    title, rows_of, *titles = BREAKDOWNS[by]
    rows = rows_of(picker.period)
    columns = _hours_columns(*titles)
    fmt = export_format()
    if fmt is not None:
        heading = _("Person-hours of training, %(breakdown)s", breakdown=title)
        return export_response(rows, columns, title=heading, filename=f"{heading} {picker.period.label}", fmt=fmt)
    return render("council/trainings/person_hours.html", picker=picker, period=picker.period, by=by,
                  table=SimpleNamespace(items=rows),  # what ui.columns_table reads of a list's page
                  columns=columns, breakdowns={key: value[0] for key, value in BREAKDOWNS.items()},
                  total=sum((row.person_hours for row in rows), Decimal(0)))


# --- search ------------------------------------------------------------------------------------

def search_groups(query, user, limit):
    return [SearchGroup(
        "trainings", _l("Training sessions"), (Training.search_text,),
        lambda match: select(Training).join(Training.meeting).where(is_training(), match)
        .options(selectinload(Training.meeting)).order_by(Meeting.date.desc()),
        hit=lambda t: {"title": t.topic, "date": t.meeting.date,
                       "detail": " · ".join(p for p in (t.instructor, t.meeting.place) if p),
                       "url": url_for("council.session_certificates", meeting_id=t.meeting_id)},
        # The list shows a period and the hits may be older: no "all results" link.
        more_url=None)]
