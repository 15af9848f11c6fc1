"""The committee kit's own hook implementations (registered as a core part in core.setup): the
plain committees' figures and monthly trend on the dashboard, their items in the activity report,
their committees, meetings and resolutions in the search, their resolutions' deadlines in the
notifications, their meetings and resolutions' due dates on the calendar, and demo data.
A plugin's committees are reported by the plugin, with the helpers of core.committees.stats."""
from datetime import datetime
from textwrap import shorten

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from core.committees import stats
from core.committees.models import Committee, Meeting, Resolution
from core.committees.types import type_title
from core.db import db
from core.jalali import TIMEZONE
from core.permissions import DEPARTMENT_BOUND_ROLES, user_can
from core.plugins.hookspecs import hookimpl
from core.search.query import SearchGroup
from core.text import fa_number

# The dashboard names this part's section with these.
TITLE = _l("Committees")
ICON = "⚑"


@hookimpl
def ravabet_dashboard_metrics(period, user, periods):
    return stats.dashboard_metrics(period, user, periods=periods)


@hookimpl
def ravabet_dashboard_charts(period, user):
    return stats.dashboard_charts(period, user)


@hookimpl
def ravabet_report_items(period):
    return stats.report_items(period)


@hookimpl
def ravabet_demo_data(session, context):
    from core.committees.demo import add_demo_committees

    add_demo_committees(session, context)


def _visible_committees(statement, user):
    """Plain committees only (a plugin searches its own), in the departments the user may see."""
    statement = statement.where(Committee.kind.is_(None))
    if not user.is_admin and user.role in DEPARTMENT_BOUND_ROLES:
        statement = statement.where(Committee.department_id.in_(user.department_ids()))
    return statement


@hookimpl
def ravabet_search(query, user, limit):
    if not user_can(user, "committees.view"):
        return None
    return [
        SearchGroup("committees", _l("Committees"), (Committee.search_text,), lambda match: _visible_committees(
            select(Committee).where(match).order_by(Committee.id.desc()), user), hit=lambda c: {
            "title": c.name, "url": url_for("committees.committee", committee_id=c.id), "detail": c.description},
            more_url=lambda: url_for("committees.index", q=query.text)),
        SearchGroup("meetings", _l("Meetings"), (Meeting.search_text,), lambda match: _visible_committees(
            select(Meeting).join(Meeting.committee).where(match)
            .options(contains_eager(Meeting.committee)).order_by(Meeting.date.desc(), Meeting.id.desc()), user),
            hit=lambda m: {
            "title": f"{m.committee.name}: {m.title or type_title(m.type)}", "date": m.date,
            "url": url_for("committees.meeting", committee_id=m.committee_id, meeting_id=m.id),
            "detail": " · ".join(p for p in (m.place, m.minutes) if p)},
            more_url=lambda: url_for("committees.all_meetings", q=query.text)),
        SearchGroup("resolutions", _l("Resolutions"), (Resolution.search_text,), lambda match: _visible_committees(
            select(Resolution).join(Resolution.committee).where(match)
            .options(contains_eager(Resolution.committee), selectinload(Resolution.meeting))
            .order_by(Resolution.id.desc()), user), hit=lambda r: {
            "title": r.text, "detail": r.committee.name, "date": r.meeting.date,
            "url": url_for("committees.meeting", committee_id=r.committee_id, meeting_id=r.meeting_id)
            + "#resolutions"},
            more_url=lambda: url_for("committees.all_resolutions", q=query.text)),
    ]


def resolution_deadlines(until, kit):
    """The open resolutions of ``kit``'s committees due on or before ``until``, as
    ``ravabet_deadlines`` returns them: each notifies its committee's department (one query). A
    plugin that mounts the kit reports its own committees' resolutions with its ``kit``."""
    rows = db.session.execute(
        select(Resolution.id, Resolution.text, Resolution.due_date, Resolution.committee_id, Resolution.meeting_id,
               Committee.name, Committee.department_id)
        .join(Resolution.committee).join(Resolution.meeting)
        .where(Resolution.status != "done", Resolution.due_date.is_not(None), Resolution.due_date <= until,
               Committee.kind.is_(None) if kit.kind is None else Committee.kind == kit.kind)
        .order_by(Resolution.due_date))
    return [{"key": f"resolution:{rid}", "due": due, "department_id": department_id,
             "title": _("Resolution of %(committee)s: %(text)s", committee=name, text=shorten(text, 120)),
             "url": kit.url("meeting", committee_id=committee_id, meeting_id=meeting_id) + "#resolutions"}
            for rid, text, due, committee_id, meeting_id, name, department_id in rows]


@hookimpl
def ravabet_deadlines(until):
    from core.committees.blueprint import kit

    return resolution_deadlines(until, kit)


def calendar_entries(start, end, user, kit):
    """The meetings (not cancelled) and the due dates of open resolutions of ``kit``'s committees
    from ``start`` to ``end``, in the departments ``user`` may see, as ``ravabet_calendar_entries``
    returns them (two queries). A plugin that mounts the kit shows its committees with its ``kit``."""
    if not user_can(user, kit.view_permission):
        return []
    departments = stats.visible_departments(user)

    def visible(statement):
        statement = statement.where(Committee.kind.is_(None) if kit.kind is None else Committee.kind == kit.kind)
        return statement if departments is None else statement.where(Committee.department_id.in_(departments))

    meetings = db.session.scalars(visible(
        select(Meeting).join(Meeting.committee).options(contains_eager(Meeting.committee))
        .where(Meeting.date.between(start, end), Meeting.status != "cancelled")))
    resolutions = db.session.execute(visible(
        select(Resolution.number, Resolution.text, Resolution.due_date, Resolution.committee_id,
               Resolution.meeting_id, Committee.name).join(Resolution.committee)
        .where(Resolution.due_date.between(start, end), Resolution.status != "done")))
    entries = []
    for meeting in meetings:
        when = ({"start": datetime.combine(meeting.date, meeting.start_time, tzinfo=TIMEZONE)}
                if meeting.start_time else {"date": meeting.date})
        entries.append({**when, "kind": "meeting", "title": meeting.title or meeting.committee.name,
                        "detail": " · ".join(part for part in (
                            meeting.committee.name if meeting.title else type_title(meeting.type), meeting.place)
                            if part),
                        "url": kit.url("meeting", committee_id=meeting.committee_id, meeting_id=meeting.id)})
    for number, text, due, committee_id, meeting_id, name in resolutions:
        entries.append({"date": due, "kind": "deadline", "detail": shorten(text, 120, placeholder="…"),
                        "title": _("Resolution %(number)s of %(committee)s due", number=fa_number(number),
                                   committee=name),
                        "url": kit.url("meeting", committee_id=committee_id, meeting_id=meeting_id) + "#resolutions"})
    return entries


@hookimpl
def ravabet_calendar_entries(start, end, user):
    from core.committees.blueprint import kit

    return calendar_entries(start, end, user, kit)
