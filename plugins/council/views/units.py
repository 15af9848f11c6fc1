"""شناسنامه روابط عمومی‌ها: the PR units of both councils with their managers, member counts and
profile completeness (the checklist in models/members.py), each unit's page with its current
members and history, and the members: list, form, page, the end of a membership.

Recording a new manager for a unit that has one ends the previous manager's membership on the
new one's start date (the partial unique index allows one current manager); every change keeps
the member's seat in their council's committee in step (bodies.sync_seat)."""
from collections import namedtuple

from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, selectinload

from core.db import db, get_or_404
from core.exporting import Column, export_list
from core.jalali import format_date, today
from core.listing import ListQuery, id_filter, record_id
from core.models import Organization, Person
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.search.index import matches
from core.text import normalize_fa, to_fa_digits

from ..blueprint import bp
from ..bodies import body_titles, sync_seat
from ..forms.cards import status_labels
from ..forms.members import (
    EndMembershipForm,
    MemberFilterForm,
    MemberForm,
    UnitFilterForm,
    UnitForm,
    body_of,
)
from ..models import Card, Member, Unit
from ..models.members import (
    EDUCATION_LABELS,
    MEMBER_CHECKS,
    ROLE_LABELS,
    completeness,
    current_managers,
    member_points,
    next_member_number,
    unit_profiles,
)

ROLE_ORDER = {"manager": 0, "deputy": 1, "expert": 2}


def text_search(*columns):
    """A list filter: every typed word is in one of ``columns`` (normalized search texts)."""
    def apply(statement, value):
        for word in normalize_fa(value).split():
            statement = statement.where(or_(*(matches(column, word) for column in columns)))
        return statement
    return apply


def labels(mapping, code):
    return str(mapping[code]) if code in mapping else ""


# --- units ------------------------------------------------------------------------------------

UnitRow = namedtuple("UnitRow", "unit manager members percent")
POINTS = member_points()

UNITS = ListQuery(
    select(Unit).join(Unit.organization).outerjoin(POINTS, POINTS.c.unit_id == Unit.id)
    .options(contains_eager(Unit.organization)),
    filters={"q": text_search(Organization.search_text, Unit.search_text),
             "body": lambda statement, value: statement.where(Unit.body == value)},
    sorts={"name": Organization.name, "members": func.coalesce(POINTS.c.members, 0),
           "completeness": completeness(POINTS)},
    default_sort="name",
)

UNIT_COLUMNS = [
    Column(_l("PR unit"), "unit.organization.name", width=44),
    Column(_l("Council"), lambda row: body_titles()[row.unit.body], width=36),
    Column(_l("Manager"), lambda row: row.manager.person.full_name if row.manager else "", width=24),
    Column(_l("Members"), "members", width=10),
    Column(_l("Profile completeness (percent)"), "percent", width=14),
    Column(_l("Phone"), "unit.phone", kind="text", width=16),
    Column(_l("Email"), "unit.email", width=26),
]


def with_profiles(units):
    ids = [unit.id for unit in units]
    profiles, managers = unit_profiles(ids), current_managers(ids)
    return [UnitRow(unit, managers.get(unit.id), *profiles.get(unit.id, (0, 0))) for unit in units]


@bp.route("/")
@permission_required("council.view")
def units():
    filters = UnitFilterForm(request.args)
    export = export_list(UNITS, UNIT_COLUMNS, title=_("PR units"), filename=_("council PR units"),
                         prepare=with_profiles)
    if export is not None:
        return export
    page = UNITS.page(db.session)
    page.items = with_profiles(page.items)
    return render("council/units/list.html", block="results", page=page, filters=filters, bodies=body_titles())


def _unit_or_404(unit_id):
    return db.one_or_404(select(Unit).where(Unit.id == unit_id).options(selectinload(Unit.organization)))


def _missing_of_unit(unit, manager):
    missing = [] if manager else [_("a current manager")]
    missing += [] if unit.phone else [_("the unit's phone")]
    return missing + ([] if unit.email else [_("the unit's email")])


def missing_of_member(member):
    """What the member's profile lacks, in the checklist's words."""
    checks = ((member.position, _("position")), (member.education, _("education")),
              (member.person.mobile, _("mobile")), (member.person.photo, _("photo")),
              (member.start_date, _("start date")))
    return [name for value, name in checks if not value]


@bp.route("/units/<int:unit_id>")
@permission_required("council.view")
def unit(unit_id):
    unit = _unit_or_404(unit_id)
    members = db.session.scalars(select(Member).where(Member.unit_id == unit.id)
                                 .options(selectinload(Member.person))).all()
    current = sorted((m for m in members if m.is_current),
                     key=lambda m: (ROLE_ORDER.get(m.role, 9), m.person.last_name, m.person.first_name))
    former = sorted((m for m in members if not m.is_current), key=lambda m: m.end_date, reverse=True)
    manager = next((m for m in current if m.role == "manager"), None)
    _count, percent = unit_profiles([unit.id]).get(unit.id, (0, 0))
    return render("council/units/unit.html", unit=unit, current=current, former=former, manager=manager,
                  percent=percent, unit_missing=_missing_of_unit(unit, manager), missing_of=missing_of_member,
                  bodies=body_titles(), roles=ROLE_LABELS, educations=EDUCATION_LABELS, checks=MEMBER_CHECKS)


@bp.route("/units/new", methods=["GET", "POST"])
@permission_required("council.edit")
def unit_new():
    form = UnitForm()
    if form.validate_on_submit():
        unit = Unit(body=body_of(form.organization.data))
        form.populate_obj(unit)
        db.session.add(unit)
        db.session.commit()
        flash(_("The PR unit of %(name)s was added.", name=unit.organization.name), "success")
        return redirect_to(url_for(".unit", unit_id=unit.id))
    return render_form("council/units/unit_form.html", form, unit=None)


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def unit_edit(unit_id):
    unit = _unit_or_404(unit_id)
    form = UnitForm(obj=unit, unit=unit)
    if form.validate_on_submit():
        form.populate_obj(unit)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".unit", unit_id=unit.id))
    return render_form("council/units/unit_form.html", form, unit=unit)


# --- members ----------------------------------------------------------------------------------

def _membership(statement, value):
    if value == "former":
        return statement.where(Member.end_date.is_not(None))
    return statement if value == "all" else statement.where(Member.end_date.is_(None))


MEMBERS = ListQuery(
    select(Member).join(Member.person).join(Member.unit).join(Unit.organization)
    .options(contains_eager(Member.person), contains_eager(Member.unit).contains_eager(Unit.organization)),
    filters={
        "q": text_search(Member.search_text, Person.search_text, Organization.search_text),
        "body": lambda statement, value: statement.where(Unit.body == value),
        "unit": id_filter(Member.unit_id),
        "role": lambda statement, value: statement.where(Member.role == value),
        "education": lambda statement, value: statement.where(Member.education == value),
        "status": _membership,
    },
    sorts={"name": (Person.last_name, Person.first_name), "unit": Organization.name, "role": Member.role,
           "number": (func.length(Member.member_number), Member.member_number), "start": Member.start_date},
    default_sort="name",
)

MEMBER_COLUMNS = [
    Column(_l("Member number"), "member_number", kind="text", width=12),
    Column(_l("Name"), "person.full_name", width=24),
    Column(_l("PR unit"), "unit.organization.name", width=40),
    Column(_l("Council"), lambda member: body_titles()[member.unit.body], width=34),
    Column(_l("Role"), lambda member: labels(ROLE_LABELS, member.role), width=12),
    Column(_l("Position"), "position", width=24),
    Column(_l("Education"), lambda member: labels(EDUCATION_LABELS, member.education), width=16),
    Column(_l("Field of study"), "field_of_study", width=22),
    Column(_l("Mobile"), "person.mobile", kind="text", width=14),
    Column(_l("Start date"), "start_date", kind="date", width=12),
    Column(_l("End date"), "end_date", kind="date", width=12),
]


def _unit_choices():
    return db.session.scalars(select(Unit).join(Unit.organization).options(contains_eager(Unit.organization))
                              .order_by(Organization.name)).all()


@bp.route("/members/")
@permission_required("council.view")
def members():
    args = {"status": "current", **request.args.to_dict()}
    filters = MemberFilterForm(data=args)
    filters.unit.choices = [("", _("All PR units")), *((str(u.id), u.organization.name) for u in _unit_choices())]
    export = export_list(MEMBERS, MEMBER_COLUMNS, title=_("Council members"), filename=_("council members"),
                         args=args)
    if export is not None:
        return export
    page = MEMBERS.page(db.session, args)
    return render("council/units/members.html", block="results", page=page, filters=filters,
                  roles=ROLE_LABELS, bodies=body_titles())


def _member_or_404(member_id):
    return db.one_or_404(select(Member).where(Member.id == member_id)
                         .options(selectinload(Member.person), selectinload(Member.unit).selectinload(Unit.organization)))


@bp.route("/members/<int:member_id>")
@permission_required("council.view")
def member(member_id):
    member = _member_or_404(member_id)
    cards = db.session.scalars(select(Card).where(Card.member_id == member.id)
                               .order_by(Card.issued_on.desc(), Card.id.desc())).all()
    return render("council/units/member.html", member=member, cards=cards, missing=missing_of_member(member),
                  roles=ROLE_LABELS, educations=EDUCATION_LABELS, bodies=body_titles(), statuses=status_labels())


def _end_previous_manager(member, form):
    """When ``form`` makes ``member`` the current manager of a unit that has another one, end
    that one's membership on the new start date. Returns ``(ok, previous)``; not ok (the error on
    the form, nothing changed) when the previous manager started later."""
    if form.role.data != "manager" or not (member.id is None or member.is_current):
        return True, None
    previous = db.session.scalar(select(Member).where(
        Member.unit_id == form.unit_id.data, Member.role == "manager", Member.end_date.is_(None),
        Member.id != (member.id or 0)))
    if previous is None:
        return True, None
    start = form.start_date.data
    if previous.start_date and previous.start_date > start:
        form.start_date.errors.append(_(
            "The current manager, %(name)s, started on %(date)s; a new manager cannot start before that.",
            name=str(previous), date=format_date(previous.start_date)))
        return False, None
    previous.end_date = start
    sync_seat(previous)
    db.session.flush()  # the partial unique index sees the previous manager leave first
    return True, previous


def _save_member(form, member):
    """Save a valid form into ``member``; False (errors on the form, nothing saved) otherwise."""
    ok, previous = _end_previous_manager(member, form)
    if not ok:
        return False
    form.populate_obj(member)
    member.education = member.education or ""
    member.unit = db.session.get(Unit, form.unit_id.data)
    db.session.add(member)
    db.session.flush()
    sync_seat(member)
    try:
        db.session.commit()
    except IntegrityError:  # a member number taken meanwhile
        db.session.rollback()
        form.member_number.errors.append(_("This member number was just given to someone else; save again "
                                           "to take the next one."))
        form.member_number.data = to_fa_digits(next_member_number())
        return False
    if previous is not None:
        flash(_("The membership of %(name)s as manager ended on %(date)s.", name=str(previous),
                date=format_date(previous.end_date)), "success")
    return True


@bp.route("/members/new", methods=["GET", "POST"])
@permission_required("council.edit")
def member_new():
    form = MemberForm(units=_unit_choices())
    if request.method == "GET":
        form.unit_id.data = record_id(request.args.get("unit")) or 0
        form.member_number.data = to_fa_digits(next_member_number())
        form.role.data = "expert"
    if form.validate_on_submit() and _save_member(form, member := Member()):
        flash(_("%(name)s was added to the council's members.", name=str(member)), "success")
        return redirect_to(url_for(".member", member_id=member.id))
    return render_form("council/units/member_form.html", form, member=None)


@bp.route("/members/<int:member_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def member_edit(member_id):
    member = _member_or_404(member_id)
    form = MemberForm(obj=member, member=member, units=_unit_choices())
    if request.method == "GET" and member.member_number:
        form.member_number.data = to_fa_digits(member.member_number)
    if form.validate_on_submit():
        if _save_member(form, member):
            flash(_("The changes were saved."), "success")
            return redirect_to(url_for(".member", member_id=member.id))
        member = _member_or_404(member_id)
    return render_form("council/units/member_form.html", form, member=member)


@bp.route("/members/<int:member_id>/end", methods=["GET", "POST"])
@permission_required("council.edit")
def member_end(member_id):
    member = _member_or_404(member_id)
    if not member.is_current:
        abort(404)
    form = EndMembershipForm(member=member)
    if request.method == "GET":
        form.end_date.data = today()
    if form.validate_on_submit():
        member.end_date = form.end_date.data
        sync_seat(member)
        db.session.commit()
        flash(_("The membership of %(name)s ended on %(date)s.", name=str(member),
                date=format_date(member.end_date)), "success")
        return redirect_to(url_for(".unit", unit_id=member.unit_id))
    return render_form("council/units/end_form.html", form, member=member)


@bp.route("/members/<int:member_id>/delete", methods=["POST"])
@permission_required("council.edit")
def member_delete(member_id):
    member = _member_or_404(member_id)
    member.soft_delete(current_user)
    if member.seat is not None:
        member.seat.soft_delete(current_user)
    db.session.commit()
    flash(_("%(name)s was moved to the trash. It can be restored from there.", name=str(member)), "success")
    return redirect_to(url_for(".unit", unit_id=member.unit_id))


# --- search -----------------------------------------------------------------------------------

def search_groups(query, user, limit):
    """PR units by their organization's name, and members by name, organization or member number."""
    def unit_statement(match):
        return (select(Unit).join(Unit.organization).options(contains_eager(Unit.organization))
                .where(match).order_by(Organization.name))

    def member_statement(match):
        return (select(Member).join(Member.person).join(Member.unit).join(Unit.organization)
                .options(contains_eager(Member.person), contains_eager(Member.unit).contains_eager(Unit.organization))
                .where(match).order_by(Member.end_date.is_not(None), Person.last_name, Person.first_name))

    def member_hit(member):
        detail = f"{labels(ROLE_LABELS, member.role)}، {member.unit.organization.name}"
        if member.member_number:
            detail += "، " + _("member number %(number)s", number=to_fa_digits(member.member_number))
        if not member.is_current:
            detail += "، " + _("former member")
        return {"title": member.person.full_name, "url": url_for("council.member", member_id=member.id),
                "detail": detail}

    return [
        SearchGroup("units", _("PR units of the councils"), (Organization.search_text, Unit.search_text),
                    unit_statement,
                    hit=lambda unit: {"title": unit.organization.name, "url": url_for("council.unit", unit_id=unit.id),
                                      "detail": body_titles()[unit.body]},
                    more_url=lambda: url_for("council.units", q=query.text)),
        SearchGroup("members", _("Council members"), (Member.search_text, Person.search_text, Organization.search_text),
                    member_statement, hit=member_hit,
                    more_url=lambda: url_for("council.members", q=query.text, status="all")),
    ]
