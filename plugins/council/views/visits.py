"""Visits (بازدیدها): the secretariat's visits to the agencies' PR units and the county council's
surprise or periodic visits to the counties, with their findings, the problems raised and the
follow-up actions; the actions of every visit in one list, by status and overdue."""
from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from core.attachments import DOCUMENTS, attachments_of, register_attachment_owner
from core.db import db, get_or_404
from core.exporting import Column, export_list
from core.jalali import today
from core.listing import ListQuery, code_filter, date_range, id_filter
from core.permissions import module_department, permission_required, user_can
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup

from ..blueprint import bp
from ..bodies import body_titles
from ..forms.visits import ActionForm, VisitFilterForm, VisitForm, unit_choices
from ..models import Unit
from ..models.visits import ACTION_STATUS_TITLES, VISIT_KIND_TITLES, Visit, VisitAction

ENTITY = "council_visits"


def _visit_access(code):
    def check(user, visit_id):
        visit = db.session.get(Visit, visit_id)
        if visit is None or visit.is_deleted:
            return None
        return user_can(user, code)
    return check


register_attachment_owner(
    ENTITY, can_view=_visit_access("council.view"), can_edit=_visit_access("council.edit"),
    describe=lambda visit_id: (db.session.get(Visit, visit_id).title, url_for("council.visit", visit_id=visit_id)),
    kinds=DOCUMENTS)


def _body_filter(statement, value):
    return statement.where(Visit.unit_id.in_(select(Unit.id).where(Unit.body == value)))


VISITS = ListQuery(
    select(Visit).options(selectinload(Visit.unit).selectinload(Unit.organization),
                          selectinload(Visit.visitors), selectinload(Visit.actions)),
    search_column=Visit.search_text,
    filters={"kind": code_filter(Visit.kind, VISIT_KIND_TITLES), "unit": id_filter(Visit.unit_id), "body": _body_filter,
             **date_range(Visit.date)},
    sorts={"date": Visit.date},
    default_sort="-date",
)


def _overdue_filter(statement, value):
    return statement.where(VisitAction.is_overdue) if value == "1" else statement


ACTIONS = ListQuery(
    select(VisitAction).join(Visit, Visit.id == VisitAction.visit_id).options(
        selectinload(VisitAction.visit).selectinload(Visit.unit).selectinload(Unit.organization),
        selectinload(VisitAction.owner_person), selectinload(VisitAction.owner_organization)),
    search_column=VisitAction.search_text,
    filters={"status": code_filter(VisitAction.status, ACTION_STATUS_TITLES), "overdue": _overdue_filter,
             "body": _body_filter},
    sorts={"due": VisitAction.due_date, "visit": Visit.date},
    default_sort="due",
)


def _names(people):
    return "، ".join(person.full_name for person in people)


def _action_counts(visit):
    done = sum(action.status == "done" for action in visit.actions)
    return f"{done}/{len(visit.actions)}"


VISIT_COLUMNS = [
    Column(_l("Date of the visit"), "date", kind="date", width=14),
    Column(_l("Kind of visit"), "kind_title", width=20),
    Column(_l("Unit visited"), "unit.organization.name", width=36),
    Column(_l("Visitors"), lambda visit: _names(visit.visitors), width=36),
    Column(_l("Findings"), "findings", width=60),
    Column(_l("Problems raised"), "problems", width=60),
    Column(_l("Actions done"), _action_counts, kind="text", width=12),
]


def _action_status(action):
    return f"{action.status_title} ({_('Overdue')})" if action.is_overdue else action.status_title


ACTION_COLUMNS = [
    Column(_l("Follow-up action"), "text", width=50),
    Column(_l("Responsible"), "owner", width=30),
    Column(_l("Due date"), "due_date", kind="date", width=14),
    Column(_l("Status"), _action_status, width=16),
    Column(_l("Done on"), "done_on", kind="date", width=14),
    Column(_l("Unit visited"), "visit.unit.organization.name", width=36),
    Column(_l("Date of the visit"), "visit.date", kind="date", width=14),
]


def _filters():
    filters = VisitFilterForm(request.args)
    filters.validate()
    return filters, {name: value for name, value in request.args.items() if name not in filters.errors}


@bp.route("/visits/")
@permission_required("council.view")
def visits():
    filters, args = _filters()
    export = export_list(VISITS, VISIT_COLUMNS, title=_("Visits to PR units and counties"), filename=_("visits"),
                         args=args)
    if export is not None:
        return export
    page = VISITS.page(db.session, args)
    return render("council/visits/list.html", block="results", page=page, filters=filters,
                  kinds=VISIT_KIND_TITLES, bodies=body_titles(), units=unit_choices())


@bp.route("/visits/new", methods=["GET", "POST"])
@permission_required("council.edit")
def visit_new():
    form = VisitForm(kind=request.args.get("kind", "unit"))
    if form.validate_on_submit():
        visit = Visit()
        form.populate_obj(visit)
        db.session.add(visit)
        db.session.commit()
        flash(_("The visit was recorded. Add its follow-up actions below."), "success")
        return redirect_to(url_for(".visit", visit_id=visit.id))
    return render_form("council/visits/form.html", form, visit=None)


def _visit_page(visit, action_form=None, status=200):
    may_edit = user_can(current_user, "council.edit")
    if action_form is None and may_edit:
        action_form = ActionForm(formdata=None)
    return render("council/visits/visit.html", block="action_form" if status != 200 else None, status=status,
                  visit=visit, may_edit=may_edit, form=action_form,
                  files=attachments_of(ENTITY, [visit.id])[visit.id])


@bp.route("/visits/<int:visit_id>")
@permission_required("council.view")
def visit(visit_id):
    return _visit_page(get_or_404(Visit, visit_id))


@bp.route("/visits/<int:visit_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def visit_edit(visit_id):
    visit = get_or_404(Visit, visit_id)
    form = VisitForm(obj=visit)
    if form.validate_on_submit():
        form.populate_obj(visit)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".visit", visit_id=visit.id))
    return render_form("council/visits/form.html", form, visit=visit)


@bp.route("/visits/<int:visit_id>/delete", methods=["POST"])
@permission_required("council.edit")
def visit_delete(visit_id):
    visit = get_or_404(Visit, visit_id)
    visit.soft_delete(current_user)
    db.session.commit()
    flash(_("The visit was moved to the trash."), "success")
    return redirect_to(url_for(".visits"))


@bp.route("/visits/<int:visit_id>/actions", methods=["POST"])
@permission_required("council.edit")
def action_new(visit_id):
    visit = get_or_404(Visit, visit_id)
    form = ActionForm()
    if form.validate_on_submit():
        action = VisitAction(visit_id=visit.id)
        form.populate_obj(action)
        db.session.add(action)
        db.session.commit()
        flash(_("The follow-up action was added."), "success")
        return redirect_to(url_for(".visit", visit_id=visit.id) + "#actions")
    return _visit_page(visit, action_form=form, status=422)


@bp.route("/visits/actions/")
@permission_required("council.view")
def visit_actions():
    args = request.args
    export = export_list(ACTIONS, ACTION_COLUMNS, title=_("Follow-up actions of the visits"),
                         filename=_("visit actions"))
    if export is not None:
        return export
    page = ACTIONS.page(db.session, args)
    return render("council/visits/actions.html", block="results", page=page, statuses=ACTION_STATUS_TITLES,
                  bodies=body_titles())


@bp.route("/visits/actions/<int:action_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def action_edit(action_id):
    action = get_or_404(VisitAction, action_id)
    form = ActionForm(obj=action)
    if form.validate_on_submit():
        form.populate_obj(action)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".visit", visit_id=action.visit_id) + "#actions")
    return render_form("council/visits/action_form.html", form, action=action)


@bp.route("/visits/actions/<int:action_id>/done", methods=["POST"])
@permission_required("council.edit")
def action_done(action_id):
    action = get_or_404(VisitAction, action_id)
    if action.status != "done":
        action.status, action.done_on = "done", today()
        db.session.commit()
        flash(_("The action was marked as done."), "success")
    return redirect_to(request.referrer or url_for(".visit", visit_id=action.visit_id))


@bp.route("/visits/actions/<int:action_id>/delete", methods=["POST"])
@permission_required("council.edit")
def action_delete(action_id):
    action = get_or_404(VisitAction, action_id)
    action.soft_delete(current_user)
    db.session.commit()
    flash(_("The action was moved to the trash."), "success")
    return redirect_to(url_for(".visit", visit_id=action.visit_id) + "#actions")


def calendar_entries(start, end, user):
    """The visits on their day, and the open actions on their due day (two queries: the units and
    their organizations, which the titles name, are joined in)."""
    visits = db.session.scalars(select(Visit).options(joinedload(Visit.unit).joinedload(Unit.organization))
                                .where(Visit.date.between(start, end)))
    entries = [{"date": visit.date, "kind": "council_visit", "kind_title": _("Visit"), "title": visit.title,
                "endpoint": "council.visit", "url_args": {"visit_id": visit.id}} for visit in visits]
    actions = db.session.scalars(select(VisitAction).join(Visit, Visit.id == VisitAction.visit_id)
                                 .options(contains_eager(VisitAction.visit).joinedload(Visit.unit)
                                          .joinedload(Unit.organization))
                                 .where(VisitAction.status != "done", VisitAction.due_date.between(start, end)))
    entries += [{"date": action.due_date, "kind": "deadline", "title": str(action),
                 "detail": str(action.visit.unit), "endpoint": "council.visit",
                 "url_args": {"visit_id": action.visit_id}} for action in actions]
    return entries


def deadlines(until):
    """Every action not done whose due date is on or before ``until``, overdue ones included."""
    rows = db.session.execute(select(VisitAction.id, VisitAction.text, VisitAction.due_date, VisitAction.visit_id)
                              .join(Visit, Visit.id == VisitAction.visit_id)
                              .where(VisitAction.status != "done", VisitAction.due_date <= until))
    department_id = module_department("council")
    return [{"key": f"council_visit_action:{action_id}", "title": text[:100], "due": due,
             "url": url_for("council.visit", visit_id=visit_id) + "#actions", "department_id": department_id}
            for action_id, text, due, visit_id in rows]


def _visit_hit(visit):
    return {"title": visit.title, "url": url_for("council.visit", visit_id=visit.id),
            "detail": visit.findings[:200], "date": visit.date}


def search_groups(query, user, limit):
    return [SearchGroup("council_visits", _l("Visits"), (Visit.search_text,),
                        lambda match: select(Visit).options(selectinload(Visit.unit).selectinload(Unit.organization))
                        .where(match).order_by(Visit.date.desc()),
                        hit=_visit_hit, more_url=lambda: url_for("council.visits", q=query.text))]
