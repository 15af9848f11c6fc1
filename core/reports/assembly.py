"""Assembling the activity report of a period from the ``ravabet_report_items`` hook.

Items are grouped into one section per department: a plugin's items go to the department its
module is assigned to (``ModuleState.department_id``), a core part's (the committee kit's) to the
item's ``department_id``; the rest to «سایر». Sections follow the order set on the report's
settings page. The whole assembly runs the hooks plus three queries (modules, departments with
their order, the period's draft), however many rows the modules count.
"""
import logging

from sqlalchemy import bindparam, select

from core.db import built_once, built_rows, db
from core.extensions import request_gettext as _
from core.jalali import jalali_date
from core.models import Department, ModuleState
from core.plugins.manager import registry
from core.reports.annotations import annotate, annotation
from core.reports.document import OTHER, Report, apply_adjustments, new_item
from core.reports.models import ReportDraft, ReportSectionOrder

log = logging.getLogger(__name__)


@built_once
def _draft():
    return select(ReportDraft).where(ReportDraft.period_key == bindparam("key"))


@built_once
def _draft_adjustments():
    """The period's saved edits alone: the page reads them on every request, the draft itself only
    when an edit is saved (a column read on the connection, past the ORM's execute)."""
    return select(ReportDraft.adjustments).where(ReportDraft.period_key == bindparam("key"))


def period_key(period):
    """The draft's key: the period's query arguments (a year-to-date report is kept per year)."""
    args = period.as_args()
    if period.kind == "ytd":
        args["y"] = str(jalali_date(period.end).year)
    return "&".join(f"{name}={value}" for name, value in sorted(args.items()))


@built_once
def _departments():
    return (select(Department.id, Department.name, ReportSectionOrder.position)
            .outerjoin(ReportSectionOrder, ReportSectionOrder.department_id == Department.id))


@built_once
def _module_departments():
    return select(ModuleState.key, ModuleState.department_id)


def department_order():
    """``[(id, name)]`` of every department in the report's order (one query)."""
    rows = built_rows(_departments()).all()
    rows.sort(key=lambda row: (row.position is None, row.position or 0, row.name))
    return [(row.id, row.name) for row in rows]


def _text(item, period):
    text = str(item["text"]).strip()
    if "previous" in item:
        text = annotate(text, annotation(item["previous"], item.get("occurred") or period.start))
    return text


def collect(period):
    """``[(section key, item)]`` from the enabled modules and the core, in module order."""
    plugins = registry()
    module_rank = {key: rank for rank, key in enumerate(plugins.records)}
    departments = dict(built_rows(_module_departments()).all())
    collected, seen = [], set()
    for name, raw in plugins.call_flat("ravabet_report_items", period=period):
        if not isinstance(raw, dict) or not raw.get("key") or not raw.get("text"):
            log.error("report item of %s without key or text: %r", name, raw)
            continue
        module = None if name in plugins.core_names else name
        key = f"{module or 'core'}:{raw['key']}"
        if key in seen:
            log.error("report item key %s given twice", key)
            continue
        seen.add(key)
        department_id = raw.get("department_id") or departments.get(module)
        item = new_item(key, _text(raw, period), module=module,
                        details=[str(detail) for detail in raw.get("details") or ()])
        collected.append((module_rank.get(module, len(module_rank)), str(department_id or OTHER), item))
    collected.sort(key=lambda entry: entry[0])
    return [(section, item) for _rank, section, item in collected]


def build(period, with_draft=True):
    """The report of ``period``: fresh items, with the period's saved edits unless told not to."""
    order = department_order()
    titles = {str(department_id): name for department_id, name in order}
    titles[OTHER] = _("Other (no department)")
    report = Report(period=period, sections=[], section_order=list(titles), section_titles=titles)
    by_section = {}
    for section_key, item in collect(period):
        if section_key not in titles:  # a department deleted since
            section_key = OTHER
        by_section.setdefault(section_key, []).append(item)
    report.sections = [{"key": key, "title": titles[key], "items": by_section[key]}
                       for key in report.section_order if key in by_section]
    if with_draft:
        saved = built_rows(_draft_adjustments(), {"key": period_key(period)}).first()
        if saved is not None:
            apply_adjustments(report, saved.adjustments)
    return report


def save_draft(report, adjustments, user):
    """Store the live report's edits for its period (created on the first edit)."""
    key = period_key(report.period)
    draft = db.session.scalar(_draft(), {"key": key})
    if draft is None:
        draft = ReportDraft(period_key=key)
        db.session.add(draft)
    draft.adjustments = adjustments
    draft.updated_by_id = getattr(user, "id", None)
    return draft
