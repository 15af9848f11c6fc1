"""The kit's figures for a period, counted in SQL: meetings held (by type) and resolutions made,
carried out and overdue. Two queries per call, whatever the number of committees and rows (the
report's two serve every kind of committee, once a request).

``report_items`` and ``dashboard_metrics`` serve the plain committees through the kit's own hook
implementations (core.committees.hooks); a plugin calls them with its ``kind`` from its own
``ravabet_report_items`` / ``ravabet_dashboard_metrics`` to report its committees the same way."""
from flask import has_request_context, request
from sqlalchemy import case, func, select

from core.committees.models import Committee, Meeting, Resolution
from core.committees.types import type_title
from core.db import built_once, built_rows, db
from core.extensions import request_gettext as _
from core.jalali import to_jalali_input
from core.models import Department
from core.permissions import DEPARTMENT_BOUND_ROLES
from core.stats import TODAY, figure_values, in_any, in_period, monthly_counts, per_period, period_params
from core.text import fa_number, to_ascii_digits


def _sum(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _kind_is(kind):
    return Committee.kind.is_(None) if kind is None else Committee.kind == kind


_REPORT_GROUP = (Committee.kind, Committee.id, Committee.name, Committee.department_id)


@built_once
def _held_meetings():
    """Rows of ``(kind, committee id, name, department id, meeting type, count)`` of the meetings
    held in the period."""
    return (select(*_REPORT_GROUP, Meeting.type, func.count(Meeting.id))
            .join(Meeting.committee).join(Committee.department)
            .where(Meeting.status == "held", in_period(Meeting.date))
            .group_by(*_REPORT_GROUP, Meeting.type))


@built_once
def _resolution_figures():
    """Rows of ``(kind, committee id, name, department id, made, done, overdue)`` for the
    resolutions of the period's meetings (overdue: due date passed and not done, as of today)."""
    return (select(*_REPORT_GROUP, func.count(Resolution.id), _sum(Resolution.status == "done"),
                   _sum(Resolution.overdue_on(TODAY)))
            .join(Resolution.meeting).join(Meeting.committee).join(Committee.department)
            .where(in_period(Meeting.date), Meeting.status != "cancelled")
            .group_by(*_REPORT_GROUP))


def _report_figures(period):
    """``{kind: (committees, meetings held by type, resolutions)}`` of the period, every kind's
    committees at once: the kit's hook and the plugins each report their kind from the same two
    queries, run once a request (kept in the request's environ: ``g`` lives as long as the app
    context, which may hold several requests)."""
    cache = request.environ.setdefault("ravabet.committee_report_figures", {}) if has_request_context() else {}
    key = (period.start, period.end)
    if key not in cache:
        figures = cache[key] = {}

        def of(kind):
            return figures.setdefault(kind, ({}, {}, {}))

        params = period_params(period)
        for kind, committee_id, name, department_id, type_key, count in built_rows(_held_meetings(), params):
            committees, by_type, _resolutions = of(kind)
            committees[committee_id] = (name, department_id)
            by_type.setdefault(committee_id, []).append((type_key, count))
        for kind, committee_id, name, department_id, made, done, overdue in built_rows(
                _resolution_figures(), params):
            committees, _by_type, resolutions = of(kind)
            committees[committee_id] = (name, department_id)
            resolutions[committee_id] = (made, done, overdue)
    return cache[key]


def _resolutions_sentence(made, done, overdue):
    count, done_text, overdue_text = fa_number(made), fa_number(done), fa_number(overdue)
    if done == made > 1:
        return _("%(count)s resolutions adopted, all of them carried out.", count=count)
    if done and overdue:
        return _("%(count)s resolutions adopted, %(done)s of them carried out and %(overdue)s overdue.",
                 count=count, done=done_text, overdue=overdue_text)
    if done:
        return _("%(count)s resolutions adopted, %(done)s of them carried out.", count=count, done=done_text)
    if overdue:
        return _("%(count)s resolutions adopted, %(overdue)s of them overdue.", count=count, overdue=overdue_text)
    return _("%(count)s resolutions adopted.", count=count)


def report_items(period, kind=None):
    """One activity-report item per committee of ``kind`` with meetings or resolutions in the
    period, e.g. «برگزاری ۱۲ جلسه کارگروه … (۹ جلسه عمومی، ۳ نشست آموزشی). تصویب ۲۰ مصوبه که
    ۱۵ مورد آن اجرا شده …», each with the committee's ``department_id``."""
    committees, by_type, resolutions = _report_figures(period).get(kind, ({}, {}, {}))
    items = []
    for committee_id, (name, department_id) in sorted(committees.items(), key=lambda entry: entry[1][0]):
        parts = []
        types = sorted(by_type.get(committee_id, []), key=lambda entry: -entry[1])
        held = sum(count for _key, count in types)
        if held:
            breakdown = ""
            if len(types) > 1:
                breakdown = " (" + "، ".join(f"{fa_number(count)} {type_title(key)}" for key, count in types) + ")"
            parts.append(_("%(count)s meetings of %(committee)s held%(breakdown)s.",
                           count=fa_number(held), committee=name, breakdown=breakdown))
        if committee_id in resolutions:
            sentence = _resolutions_sentence(*resolutions[committee_id])
            parts.append(sentence if held else f"{name}: {sentence}")
        items.append({"key": f"committee.{committee_id}", "text": " ".join(parts), "department_id": department_id})
    return items


def visible_departments(user):
    """The departments whose committees ``user`` may see, or None for every department."""
    if user.is_admin or user.role not in DEPARTMENT_BOUND_ROLES:
        return None
    return user.department_ids()


def _held_per_period(periods, kind, departments):
    """``{(department id, name): {meeting type: [held in each period]}}``, one query."""
    statement = (select(Committee.department_id, Department.name, Meeting.type, *per_period(periods, Meeting.date))
                 .select_from(Meeting).join(Meeting.committee).join(Committee.department)
                 .where(_kind_is(kind), Meeting.status == "held", in_any(periods, Meeting.date))
                 .group_by(Committee.department_id, Department.name, Meeting.type))
    if departments is not None:
        statement = statement.where(Committee.department_id.in_(departments))
    held = {}
    for department_id, name, type_key, *counts in db.session.execute(statement):
        held.setdefault((department_id, name), {})[type_key] = counts
    return held


def _resolutions_per_period(periods, kind, departments):
    """``{(department id, name): [(made, done, overdue) in each period]}`` for the resolutions of
    the periods' meetings (overdue as of today), one query."""
    statement = (select(Committee.department_id, Department.name, *per_period(periods, Meeting.date),
                        *per_period(periods, Meeting.date, Resolution.status == "done"),
                        *per_period(periods, Meeting.date, Resolution.is_overdue))
                 .select_from(Resolution).join(Resolution.meeting).join(Meeting.committee).join(Committee.department)
                 .where(_kind_is(kind), in_any(periods, Meeting.date), Meeting.status != "cancelled")
                 .group_by(Committee.department_id, Department.name))
    if departments is not None:
        statement = statement.where(Committee.department_id.in_(departments))
    n = len(periods)
    return {(department_id, name): list(zip(figures[:n], figures[n:2 * n], figures[2 * n:]))
            for department_id, name, *figures in db.session.execute(statement)}


def dashboard_metrics(period, user, kind=None, endpoint_prefix="committees.", permission="committees.view",
                      periods=None):
    """Tiles per department running committees of ``kind`` that ``user`` may see: meetings held
    (and per type), resolutions adopted, carried out and overdue. Each links to the list it counts
    (``<endpoint_prefix>all_meetings`` / ``all_resolutions`` of the kit's pages). With ``periods``
    (``period`` first) each tile has ``values`` too, as the dashboard hook gives them: None where
    the period has no such tile (a department without activity, a single meeting type). Two
    queries."""
    periods = periods or [period]
    departments = visible_departments(user)
    held = _held_per_period(periods, kind, departments)
    resolutions = _resolutions_per_period(periods, kind, departments)
    # A department has tiles in a period when it held meetings or adopted resolutions in it.
    active = [{department for department, types in held.items() if any(counts[i] for counts in types.values())} |
              {department for department, figures in resolutions.items() if figures[i][0]}
              for i in range(len(periods))]
    names = dict(active[0])
    dates = {"start": to_ascii_digits(to_jalali_input(period.start)),
             "end": to_ascii_digits(to_jalali_input(period.end))}

    def tile(department_id, key, title, values, endpoint, **args):
        if len(names) > 1:
            title = f"{title} ({names[department_id]})"
        return {"key": f"{department_id}.{key}", "title": title, **figure_values(values),
                "department_id": department_id, "endpoint": endpoint_prefix + endpoint, "permission": permission,
                "url_args": {"department": department_id, **dates, **args}}

    metrics = []
    for department in sorted(active[0], key=lambda entry: (entry[1], entry[0])):
        department_id = department[0]
        types = held.get(department, {})
        present = [department in active[i] for i in range(len(periods))]

        def values_of(figure):
            return [figure(i) if present[i] else None for i in range(len(periods))]

        current = sorted(((key, counts[0]) for key, counts in types.items() if counts[0]), key=lambda entry: -entry[1])
        metrics.append(tile(department_id, "meetings_held", _("Committee meetings held"),
                            values_of(lambda i: sum(counts[i] for counts in types.values())),
                            "all_meetings", status="held"))
        if len(current) > 1:
            # An earlier period shows a type's tile only when it held meetings of several types.
            several = [sum(1 for counts in types.values() if counts[i]) > 1 for i in range(len(periods))]
            metrics += [tile(department_id, f"meetings_held.{key}", _("Held: %(type)s", type=type_title(key)),
                             values_of(lambda i, key=key: types[key][i] if several[i] and types[key][i] else None),
                             "all_meetings", status="held", type=key) for key, _count in current]
        figures = resolutions.get(department, [(0, 0, 0)] * len(periods))
        metrics += [
            tile(department_id, "resolutions", _("Resolutions adopted"), values_of(lambda i: figures[i][0]),
                 "all_resolutions"),
            tile(department_id, "resolutions_done", _("Resolutions carried out"), values_of(lambda i: figures[i][1]),
                 "all_resolutions", status="done"),
            {**tile(department_id, "resolutions_overdue", _("Overdue resolutions"),
                    values_of(lambda i: figures[i][2]), "all_resolutions", status="overdue"),
             "lower_is_better": True},
        ]
    return metrics


def dashboard_charts(period, user, kind=None, permission="committees.view"):
    """The trend of meetings held per Jalali month by the committees of ``kind`` that ``user``
    may see (one query)."""
    committees = select(Committee.id).where(_kind_is(kind))
    departments = visible_departments(user)
    if departments is not None:
        committees = committees.where(Committee.department_id.in_(departments))
    counts = monthly_counts(Meeting.date, period, Meeting.status == "held", Meeting.committee_id.in_(committees))
    if not any(count for _jy, _jm, count in counts):
        return []
    return [{"key": "meetings_held", "title": _("Committee meetings held per month"), "counts": counts,
             "permission": permission}]
