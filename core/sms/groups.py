"""Saved groups of recipients: people of the directory and extra numbers with names."""
from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from core.db import db, get_or_404
from core.listing import ListQuery
from core.models import Person
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.sms import bp
from core.sms.forms import GroupForm, NumbersForm, PickForm
from core.sms.models import SmsGroup, SmsGroupMember
from core.sms.picker import chosen_people, search_people
from core.text import fa_number


def _members(statement):
    """Members whose person is not in the trash (extra numbers have no person)."""
    return (statement.outerjoin(Person, Person.id == SmsGroupMember.person_id)
            .where(or_(SmsGroupMember.person_id.is_(None), Person.id.is_not(None))))


def member_counts(group_ids):
    if not group_ids:
        return {}
    return dict(db.session.execute(_members(
        select(SmsGroupMember.group_id, func.count()).where(SmsGroupMember.group_id.in_(group_ids)))
        .group_by(SmsGroupMember.group_id)).all())


@bp.route("/groups/")
@permission_required("sms.view")
def groups():
    listing = ListQuery(select(SmsGroup), search_column=SmsGroup.search_text, sorts={"name": SmsGroup.name},
                        default_sort="name")
    page = listing.page(db.session)
    return render("sms/groups.html", block="results", page=page, counts=member_counts([g.id for g in page.items]))


@bp.route("/groups/new", methods=["GET", "POST"])
@permission_required("sms.manage")
def new_group():
    form = GroupForm()
    if form.validate_on_submit():
        group = SmsGroup(name=form.name.data, description=form.description.data or "")
        db.session.add(group)
        db.session.commit()
        flash(_("The group %(name)s was made; now add its members.", name=group.name), "success")
        return redirect_to(url_for("sms.group", group_id=group.id))
    return render_form("sms/group_form.html", form, group=None)


@bp.route("/groups/<int:group_id>/edit", methods=["GET", "POST"])
@permission_required("sms.manage")
def edit_group(group_id):
    group = get_or_404(SmsGroup, group_id)
    form = GroupForm(obj=group)
    if form.validate_on_submit():
        group.name, group.description = form.name.data, form.description.data or ""
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for("sms.group", group_id=group.id))
    return render_form("sms/group_form.html", form, group=group)


@bp.route("/groups/<int:group_id>/delete", methods=["POST"])
@permission_required("sms.manage")
def delete_group(group_id):
    group = get_or_404(SmsGroup, group_id)
    group.soft_delete(current_user)
    db.session.commit()
    flash(_("The group %(name)s was moved to the trash. It can be restored from there.", name=group.name), "success")
    return redirect_to(url_for("sms.groups"))


def _group_page(group, *, pick=None, numbers=None, status=200):
    pick = pick or PickForm(formdata=None)
    numbers = numbers or NumbersForm(formdata=None)
    listing = ListQuery(
        _members(select(SmsGroupMember).where(SmsGroupMember.group_id == group.id))
        .options(selectinload(SmsGroupMember.person).selectinload(Person.organization)),
        sorts={"name": func.coalesce(Person.last_name, SmsGroupMember.name)}, default_sort="name")
    chosen = chosen_people(pick.person_ids.data or [])
    member_ids = set(db.session.scalars(select(SmsGroupMember.person_id).where(
        SmsGroupMember.group_id == group.id, SmsGroupMember.person_id.is_not(None))))
    results = search_people(pick.person_query.data or "", exclude_ids=member_ids | {p.id for p in chosen})
    block = {"picker": "picker", "numbers-form": "numbers"}.get(request.htmx.target, "results") if request.htmx else None
    return render("sms/group.html", block=block, status=status, group=group, page=listing.page(db.session),
                  pick=pick, numbers=numbers, chosen=chosen, results=results,
                  searched=bool((pick.person_query.data or "").strip()),
                  total=member_counts([group.id]).get(group.id, 0))


@bp.route("/groups/<int:group_id>")
@permission_required("sms.view")
def group(group_id):
    return _group_page(get_or_404(SmsGroup, group_id))


@bp.route("/groups/<int:group_id>/people", methods=["POST"])
@permission_required("sms.manage")
def add_people(group_id):
    group = get_or_404(SmsGroup, group_id)
    pick = PickForm()
    if request.form.get("action") != "add" or (request.htmx and request.htmx.target == "picker"):
        return _group_page(group, pick=pick)
    if not pick.validate_on_submit():
        return _group_page(group, pick=pick, status=422)
    existing = set(db.session.scalars(select(SmsGroupMember.person_id).where(SmsGroupMember.group_id == group.id)))
    people = [p for p in chosen_people(pick.person_ids.data or []) if p.id not in existing]
    if not people:
        pick.person_query.errors = [_("Find people and tick them first; those already in the group are not "
                                      "added again.")]
        return _group_page(group, pick=pick, status=422)
    db.session.add_all(SmsGroupMember(group_id=group.id, person_id=p.id) for p in people)
    db.session.commit()
    without = sum(1 for p in people if not p.mobile)
    flash(_("%(count)s people were added to the group.", count=fa_number(len(people))), "success")
    if without:
        flash(_("%(count)s of them have no mobile number in the directory yet.", count=fa_number(without)),
              "warning")
    return redirect_to(url_for("sms.group", group_id=group.id))


@bp.route("/groups/<int:group_id>/numbers", methods=["POST"])
@permission_required("sms.manage")
def add_numbers(group_id):
    group = get_or_404(SmsGroup, group_id)
    form = NumbersForm()
    if not form.validate_on_submit():
        return _group_page(group, numbers=form, status=422)
    existing = set(db.session.scalars(select(SmsGroupMember.mobile).where(
        SmsGroupMember.group_id == group.id, SmsGroupMember.mobile.is_not(None))))
    added = {}
    for mobile, name in form.pairs:
        if mobile not in existing and mobile not in added:
            added[mobile] = name
    db.session.add_all(SmsGroupMember(group_id=group.id, mobile=mobile, name=name) for mobile, name in added.items())
    db.session.commit()
    flash(_("%(count)s numbers were added to the group.", count=fa_number(len(added))), "success")
    if len(form.pairs) > len(added):
        flash(_("%(count)s numbers were already in the group and were not added again.",
                count=fa_number(len(form.pairs) - len(added))), "warning")
    return redirect_to(url_for("sms.group", group_id=group.id))


@bp.route("/groups/<int:group_id>/members/<int:member_id>/remove", methods=["POST"])
@permission_required("sms.manage")
def remove_member(group_id, member_id):
    group = get_or_404(SmsGroup, group_id)
    member = db.session.get(SmsGroupMember, member_id)
    if member is None or member.group_id != group.id:
        abort(404)
    name = str(member)
    db.session.delete(member)
    db.session.commit()
    flash(_("%(name)s was removed from the group.", name=name), "success")
    return redirect_to(url_for("sms.group", group_id=group_id))
