"""The councils' meetings and training in the activity report and on the dashboard.

The committee kit's helpers (core.committees.stats, kind "council") give one item per committee,
the two bodies' included, with its meetings by type (board meetings, critique sessions, trips…)
and its resolutions; the committee's name tells the provincial council from the county
governorates' one. This part adds what the kit does not count: the bodies' training sessions
with person-hours and certificates, and the board committees (کمیته‌ها) with their members."""
from sqlalchemy import case, func, literal_column, null, or_, select, type_coerce, union_all

from core.committees import stats
from core.committees.models import Committee, CommitteeMember, Meeting
from core.db import built_once, built_rows, db
from core.extensions import request_gettext as _
from core.jalali import to_jalali_input
from core.stats import (PERIOD_END, PERIOD_START, counts_in, figure_values, in_any, in_period, monthly_counts,
                        per_period, period_params)
from core.text import fa_number, to_ascii_digits

from ..models import Body
from ..models.documents import Certificate
from ..models.trainings import Training, is_training, present_attendance


@built_once
def _trainings():
    """Per committee: its training sessions held in the period, the latest one before it, the
    person-hours of the period's sessions and the certificates issued in the period, one row a
    committee with one of them: the three sets' per-committee rows summed (one statement: each
    costs more to run through the ORM than to read; summing rows already grouped is twice as fast
    as grouping the union's raw rows)."""
    in_period_held = func.count(case((in_period(Meeting.date), Meeting.id)))
    sessions = (select(Meeting.committee_id, in_period_held.label("session"),
                       func.max(case((Meeting.date < PERIOD_START, Meeting.date))).label("previous"),
                       type_coerce(null(), Training.hours.type).label("hours"),
                       literal_column("0").label("certificate"))
                .where(is_training(Meeting.status == "held", Meeting.date <= PERIOD_END))
                .group_by(Meeting.committee_id))
    hours = (present_attendance().add_columns(Meeting.committee_id, literal_column("0"), null(),
                                              func.sum(Training.hours), literal_column("0"))
             .where(in_period(Meeting.date)).group_by(Meeting.committee_id))
    certificates = (select(Meeting.committee_id, literal_column("0"), null(), null(), func.count(Certificate.id))
                    .select_from(Certificate).join(Certificate.meeting)
                    .where(in_period(Certificate.issued_on), Certificate.revoked_on.is_(None))
                    .group_by(Meeting.committee_id))
    rows = union_all(sessions, hours, certificates).subquery()
    return (select(rows.c.committee_id, Committee.name, func.sum(rows.c.session),
                   func.sum(rows.c.hours), func.sum(rows.c.certificate), func.max(rows.c.previous))
            .join(Committee, Committee.id == rows.c.committee_id)
            .group_by(rows.c.committee_id, Committee.name)
            .having(or_(func.sum(rows.c.session) > 0, func.count(rows.c.hours) > 0, func.sum(rows.c.certificate) > 0)))


def _training_figures(period):
    """``{committee id: [name, sessions, person-hours, certificates, previous session]}`` of the
    bodies whose training shows in the period (one query; the previous session is kept for the
    bodies with sessions in the period, the only ones annotated)."""
    return {committee_id: [name, sessions, hours or 0, certificates, previous if sessions else None]
            for committee_id, name, sessions, hours, certificates, previous
            in built_rows(_trainings(), period_params(period))}


def _training_sentence(name, sessions, person_hours, certificates):
    values = {"committee": name, "count": fa_number(sessions), "hours": fa_number(person_hours),
              "certificates": fa_number(certificates)}
    if not sessions:
        return _("%(certificates)s training certificates issued for the training sessions of %(committee)s.",
                 **values)
    if person_hours and certificates:
        return _("%(count)s training sessions of %(committee)s held with %(hours)s person-hours of training; "
                 "%(certificates)s training certificates issued.", **values)
    if person_hours:
        return _("%(count)s training sessions of %(committee)s held with %(hours)s person-hours of training.",
                 **values)
    return _("%(count)s training sessions of %(committee)s held.", **values)


@built_once
def _board_seats():
    """``(committee id, name, person id)`` of the seats on the board committees (council
    committees other than the bodies) whose term overlaps the period."""
    return (select(Committee.id, Committee.name, CommitteeMember.person_id)
            .join(CommitteeMember, CommitteeMember.committee_id == Committee.id)
            .where(Committee.kind == "council", Committee.id.not_in(select(Body.committee_id)),
                   or_(CommitteeMember.term_start.is_(None), CommitteeMember.term_start <= PERIOD_END),
                   or_(CommitteeMember.term_end.is_(None), CommitteeMember.term_end >= PERIOD_START))
            .order_by(Committee.name, Committee.id))


def _board_committees(period):
    """The names of the board committees with members in the period (in the database's order of
    names), and how many people sit on them (one query over their seats, a few dozen)."""
    seats = built_rows(_board_seats(), period_params(period)).all()
    names = {committee_id: name for committee_id, name, _person in seats}  # in the rows' order
    return list(names.values()), len({person_id for _id, _name, person_id in seats})


def report_items(period):
    items = stats.report_items(period, kind="council")
    for committee_id, (name, sessions, hours, certificates, previous) in sorted(
            _training_figures(period).items(), key=lambda entry: entry[1][0]):
        item = {"key": f"trainings.{committee_id}", "text": _training_sentence(name, sessions, hours, certificates)}
        if sessions and previous is not None:
            # «پس از N سال» when training resumes after a gap; not «برای اولین بار»: the council
            # trained its members long before its sessions were recorded here.
            item["previous"] = previous
        items.append(item)
    names, people = _board_committees(period)
    if names:
        items.append({"key": "board_committees", "text": _(
            "%(count)s committees of the council at work (%(names)s) with %(members)s members.",
            count=fa_number(len(names)), names="، ".join(names), members=fa_number(people))})
    return items


def _period_args(period):
    return {"kind": "custom", "from": to_ascii_digits(to_jalali_input(period.start)),
            "to": to_ascii_digits(to_jalali_input(period.end))}


def metrics(period, user, periods=None):
    periods = periods or [period]
    hours = db.session.execute(present_attendance().where(in_any(periods, Meeting.date))
                               .add_columns(*per_period(periods, Meeting.date, value=Training.hours))).one()
    certificates = counts_in(periods, Certificate.issued_on, Certificate.revoked_on.is_(None))
    return stats.dashboard_metrics(period, user, kind="council", endpoint_prefix="council.committees_",
                                   permission="council.view", periods=periods) + [
        {"key": "trainings.person_hours", "title": _("Person-hours of training"),
         **figure_values(float(total or 0) for total in hours),
         "endpoint": "council.person_hours", "url_args": _period_args(period), "permission": "council.view"},
        {"key": "trainings.certificates", "title": _("Training certificates issued"), **figure_values(certificates),
         "endpoint": "council.certificates", "permission": "council.view"},
    ]


def charts(period, user):
    charts = stats.dashboard_charts(period, user, kind="council", permission="council.view")
    sessions = monthly_counts(Meeting.date, period, is_training(Meeting.status == "held"))
    if any(count for _jy, _jm, count in sessions):
        certificates = monthly_counts(Certificate.issued_on, period, Certificate.revoked_on.is_(None))
        charts.append({"key": "trainings", "title": _("Training sessions and certificates per month"),
                       "series": [{"title": _("Training sessions held"), "counts": sessions},
                                  {"title": _("Training certificates issued"), "counts": certificates}],
                       "permission": "council.view"})
    return charts
