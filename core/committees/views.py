"""The kit's pages, added to a blueprint for one ``CommitteeKit`` (see core.committees.mount).

Every route is guarded at the door by the kit's view, edit or manage permission and then, for a
committee's pages, by the same permission in the committee's department
(``user_can(user, code, department_id=committee.department_id)``): staff of another
department get 403. A committee of another kind answers 404.
"""
from flask import abort, flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import case, false, func, select
from sqlalchemy.orm import selectinload

from core import attachments
from core.committees import queries
from core.committees.labels import meeting_status_title, resolution_status_title
from core.committees.types import type_title
from core.committees.forms import AttachmentForm, CommitteeForm, MeetingFilterForm, MemberForm, ResolutionForm
from core.committees.meetings import (
    extra_details,
    extra_values,
    meeting_form_data,
    save_meeting,
    setup_meeting_form,
)
from core.committees.models import Committee, CommitteeMember, Meeting, Resolution
from core.db import db, get_or_404
from core.exporting import Column, export_list
from core.jalali import today
from core.listing import ListQuery, date_range, id_filter
from core.models import Attachment, Department, Person
from core.permissions import permission_required
from core.photos.service import photo_strip
from core.rendering import redirect_to, render, render_form
from core.text import to_fa_digits

ENTITIES = {"committee_members": CommitteeMember, "committee_meetings": Meeting,
            "committee_resolutions": Resolution}


RESOLUTION_STATUS_FILTERS = {
    "open": lambda s: s.where(Resolution.status == "open"),
    "in_progress": lambda s: s.where(Resolution.status == "in_progress"),
    "done": lambda s: s.where(Resolution.status == "done"),
    "overdue": lambda s: s.where(Resolution.is_overdue),
    "pending": lambda s: s.where(Resolution.status != "done"),
}


# The exports of the three lists read (row, its counts) pairs.
COMMITTEE_COLUMNS = [
    Column(_l("Name"), lambda r: r[0].name, width=36),
    Column(_l("Department"), lambda r: r[0].department.name, width=24),
    Column(_l("Active"), lambda r: r[0].active, kind="bool", width=10),
    Column(_l("Current members"), lambda r: r[1]["members"], width=12),
    Column(_l("Meetings held"), lambda r: r[1]["held"], width=12),
    Column(_l("Next meeting"), lambda r: r[1]["next_meeting"], kind="date", width=14),
    Column(_l("Pending resolutions"), lambda r: r[1]["open"], width=14),
    Column(_l("Overdue"), lambda r: r[1]["overdue"], width=10),
]
MEETING_COLUMNS = [
    Column(_l("Date"), lambda r: r[0].date, kind="date", width=14),
    Column(_l("Time"), lambda r: to_fa_digits(f"{r[0].start_time:%H:%M}") if r[0].start_time else None, width=8),
    Column(_l("Committee"), lambda r: r[0].committee.name, width=30),
    Column(_l("Type"), lambda r: type_title(r[0].type), width=16),
    Column(_l("Title"), lambda r: r[0].title, width=30),
    Column(_l("Place"), lambda r: r[0].place, width=20),
    Column(_l("Status"), lambda r: meeting_status_title(r[0].status), width=12),
    Column(_l("Invited"), lambda r: r[1]["invited"], width=10),
    Column(_l("Present"), lambda r: r[1]["present"], width=10),
    Column(_l("Resolutions"), lambda r: r[1]["resolutions"], width=10),
]
RESOLUTION_COLUMNS = [
    Column(_l("Committee"), lambda r: r.committee.name, width=30),
    Column(_l("Meeting"), lambda r: r.meeting.date, kind="date", width=14),
    Column(_l("Number"), "number", width=8),
    Column(_l("Resolution"), "text", width=60),
    Column(_l("Responsible"), "responsible", width=30),
    Column(_l("Due date"), "due_date", kind="date", width=14),
    Column(_l("Status"), lambda r: resolution_status_title(r.status), width=12),
    Column(_l("Overdue"), "is_overdue", kind="bool", width=10),
    Column(_l("Done on"), "done_on", kind="date", width=14),
    Column(_l("Evidence"), "evidence", width=40),
]


def _with_counts(count):
    """Pair each exported row with its counts, found in one grouped query for all of them."""
    def prepare(rows):
        counts = count([row.id for row in rows])
        return [(row, counts[row.id]) for row in rows]
    return prepare


def add_routes(bp, kit, url_prefix):
    """Add the kit's routes to ``bp`` under ``url_prefix`` with endpoints ``kit.prefix + name``."""

    def route(rule, name, permission, methods=("GET",)):
        def decorator(view):
            bp.add_url_rule(url_prefix + rule, kit.prefix + name, permission_required(permission)(view),
                            methods=list(methods))
            return view
        return decorator

    def kind_filter(statement):
        statement = statement.where(Committee.kind.is_(None) if kit.kind is None else Committee.kind == kit.kind)
        departments = kit.visible_departments()
        if departments is not None:
            statement = statement.where(Committee.department_id.in_(departments))
        return statement

    def get_committee(committee_id, need="view"):
        committee = get_or_404(Committee, committee_id)
        if committee.kind != kit.kind:
            abort(404)
        allowed = {"view": kit.can_view, "edit": kit.can_edit, "manage": kit.can_manage}[need]
        if not allowed(committee):
            abort(403)
        return committee

    def get_child(model, child_id, committee):
        child = get_or_404(model, child_id)
        if child.committee_id != committee.id:
            abort(404)
        return child

    def department_choices():
        statement = select(Department.id, Department.name).order_by(Department.name)
        departments = kit.visible_departments()
        if departments is not None:
            statement = statement.where(Department.id.in_(departments))
        return [("", _("Choose…"))] + [tuple(row) for row in db.session.execute(statement)]

    def export_name(name, committee):
        return f"{name}-{committee.name}" if committee is not None else name

    def page(template, **context):
        return render(template, kit=kit, **context)

    # --- committees ------------------------------------------------------------------------

    @route("/", "index", kit.view_permission)
    def index():
        listing = ListQuery(
            kind_filter(select(Committee).join(Committee.department).options(selectinload(Committee.department))),
            search_column=Committee.search_text,
            filters={
                "department": id_filter(Committee.department_id),
                "state": lambda s, v: s.where(Committee.active.is_(v != "inactive")),
            },
            sorts={"name": Committee.name, "department": Department.name},
            default_sort="name",
        )
        export = export_list(listing, COMMITTEE_COLUMNS, title=kit.title, filename=str(kit.title),
                             prepare=_with_counts(queries.committee_counts))
        if export is not None:
            return export
        result = listing.page(db.session)
        counts = queries.committee_counts(c.id for c in result.items)
        return render("committees/index.html", block="results", kit=kit, page=result, counts=counts,
                      departments=department_choices()[1:], today=today())

    def save_committee(form, committee):
        committee.name = form.name.data
        committee.description = form.description.data or ""
        committee.active = form.active.data
        if "department_id" in form:
            committee.department_id = form.department_id.data

    def name_taken(form, committee_id=None):
        statement = select(Committee.id).where(Committee.name == form.name.data,
                                               Committee.kind.is_(None) if kit.kind is None else Committee.kind == kit.kind)
        if committee_id is not None:
            statement = statement.where(Committee.id != committee_id)
        if db.session.scalar(statement.limit(1)) is not None:
            form.name.errors.append(_("A committee with this name already exists."))
            return True
        return False

    @route("/new", "new", kit.manage_permission, methods=("GET", "POST"))
    def new():
        form = CommitteeForm()
        form.department_id.choices = department_choices()
        if form.validate_on_submit() and not name_taken(form):
            if not kit.can_manage(Committee(department_id=form.department_id.data)):
                abort(403)
            committee = Committee(kind=kit.kind)
            save_committee(form, committee)
            db.session.add(committee)
            db.session.commit()
            flash(_("%(name)s was created. Add its members next.", name=committee.name), "success")
            return redirect_to(kit.url("committee", committee_id=committee.id))
        return render_form("committees/committee_form.html", form, kit=kit, committee=None)

    @route("/<int:committee_id>/", "committee", kit.view_permission)
    def committee(committee_id):
        committee = get_committee(committee_id)
        day = today()
        members = queries.members_on(committee.id, day)
        upcoming = db.session.scalars(
            select(Meeting).where(Meeting.committee_id == committee.id, Meeting.status == "planned",
                                  Meeting.date >= day).order_by(Meeting.date).limit(3)).all()
        recent = db.session.scalars(
            select(Meeting).where(Meeting.committee_id == committee.id, Meeting.status == "held")
            .order_by(Meeting.date.desc()).limit(5)).all()
        overdue = queries.overdue_resolutions(committee.id)
        counts = queries.committee_counts([committee.id])[committee.id]
        return page("committees/committee.html", committee=committee, members=members, upcoming=upcoming,
                    recent=recent, overdue=overdue, counts=counts,
                    meeting_counts=queries.meeting_counts([m.id for m in [*upcoming, *recent]]))

    @route("/<int:committee_id>/edit", "edit", kit.edit_permission, methods=("GET", "POST"))
    def edit(committee_id):
        committee = get_committee(committee_id, "edit")
        form = CommitteeForm(obj=committee)
        if kit.can_manage(committee):
            form.department_id.choices = department_choices()
        else:
            del form.department_id  # moving a committee to another department is the manager's call
        if form.validate_on_submit() and not name_taken(form, committee.id):
            save_committee(form, committee)
            db.session.commit()
            flash(_("The changes were saved."), "success")
            return redirect_to(kit.url("committee", committee_id=committee.id))
        return render_form("committees/committee_form.html", form, kit=kit, committee=committee)

    @route("/<int:committee_id>/delete", "delete", kit.manage_permission, methods=("POST",))
    def delete(committee_id):
        committee = get_committee(committee_id, "manage")
        committee.soft_delete(current_user)
        db.session.commit()
        flash(_("%(name)s was moved to the trash. It can be restored from there.", name=committee.name), "success")
        return redirect_to(kit.url("index"))

    # --- members ---------------------------------------------------------------------------

    @route("/<int:committee_id>/members/", "members", kit.view_permission)
    def members(committee_id):
        committee = get_committee(committee_id)
        past = request.args.get("show") == "past"
        statement = (select(CommitteeMember).join(CommitteeMember.person)
                     .where(CommitteeMember.committee_id == committee.id)
                     .options(selectinload(CommitteeMember.person).selectinload(Person.organization))
                     .order_by(queries.ROLE_ORDER, Person.last_name, Person.first_name))
        statement = statement.where(~CommitteeMember.is_current if past else CommitteeMember.is_current)
        rows = db.session.scalars(statement).all()
        letters = attachments.attachments_of("committee_members", [m.id for m in rows], purpose="letter")
        # Counted with CASE, not GROUP BY is_current: PostgreSQL does not match the two copies of
        # the expression (each binds its own "today").
        current_count, total = db.session.execute(
            select(func.count(case((CommitteeMember.is_current, 1))), func.count(CommitteeMember.id))
            .join(CommitteeMember.person).where(CommitteeMember.committee_id == committee.id)).one()
        return page("committees/members.html", committee=committee, members=rows, past=past, letters=letters,
                    current_count=current_count, past_count=total - current_count)

    def member_overlaps(form, committee, member_id=None):
        """Another membership of the same person in this committee whose term overlaps."""
        start, end = form.term_start.data, form.term_end.data
        statement = select(CommitteeMember.id).where(
            CommitteeMember.committee_id == committee.id, CommitteeMember.person_id == form.person_id.data)
        if member_id is not None:
            statement = statement.where(CommitteeMember.id != member_id)
        if end is not None:
            statement = statement.where((CommitteeMember.term_start.is_(None)) | (CommitteeMember.term_start <= end))
        if start is not None:
            statement = statement.where((CommitteeMember.term_end.is_(None)) | (CommitteeMember.term_end >= start))
        if db.session.scalar(statement.limit(1)) is not None:
            form.person_id.errors.append(_("This person is already a member of the committee for this term."))
            return True
        return False

    def save_member(form, member):
        for name in ("person_id", "role", "term_start", "term_end", "letter_date"):
            setattr(member, name, getattr(form, name).data)
        member.letter_number = form.letter_number.data or ""
        db.session.flush()
        old_letters = attachments.attachments_of("committee_members", [member.id], purpose="letter")[member.id]
        if form.letter.stored is not None or form.remove_letter.data:
            for old in old_letters:
                old.soft_delete(current_user)
        if form.letter.stored is not None:
            attachments.attach(form.letter.stored, "committee_members", member.id, "letter", current_user)

    def member_form(committee, member=None):
        form = MemberForm(obj=member)
        form.person_id.choices = [("", _("Choose…"))] + queries.people_choices()
        if request.method == "GET" and member is None and request.args.get("person", "").isdigit():
            form.person_id.data = int(request.args["person"])
        return form

    @route("/<int:committee_id>/members/new", "new_member", kit.edit_permission, methods=("GET", "POST"))
    def new_member(committee_id):
        committee = get_committee(committee_id, "edit")
        form = member_form(committee)
        if form.validate_on_submit() and not member_overlaps(form, committee):
            member = CommitteeMember(committee_id=committee.id)
            db.session.add(member)
            save_member(form, member)
            db.session.commit()
            flash(_("%(name)s was added to the committee.", name=member.person.full_name), "success")
            return redirect_to(kit.url("members", committee_id=committee.id))
        return render_form("committees/member_form.html", form, kit=kit, committee=committee, member=None,
                           letter=None)

    @route("/<int:committee_id>/members/<int:member_id>/edit", "edit_member", kit.edit_permission,
           methods=("GET", "POST"))
    def edit_member(committee_id, member_id):
        committee = get_committee(committee_id, "edit")
        member = get_child(CommitteeMember, member_id, committee)
        form = member_form(committee, member)
        if form.validate_on_submit() and not member_overlaps(form, committee, member.id):
            save_member(form, member)
            db.session.commit()
            flash(_("The changes were saved."), "success")
            return redirect_to(kit.url("members", committee_id=committee.id))
        letter = (attachments.attachments_of("committee_members", [member.id], purpose="letter")[member.id] or [None])[-1]
        return render_form("committees/member_form.html", form, kit=kit, committee=committee, member=member,
                           letter=letter)

    @route("/<int:committee_id>/members/<int:member_id>/delete", "delete_member", kit.edit_permission,
           methods=("POST",))
    def delete_member(committee_id, member_id):
        committee = get_committee(committee_id, "edit")
        member = get_child(CommitteeMember, member_id, committee)
        member.soft_delete(current_user)
        db.session.commit()
        flash(_("%(name)s was moved to the trash. It can be restored from there.", name=str(member)), "success")
        return redirect_to(kit.url("members", committee_id=committee.id))

    # --- meetings --------------------------------------------------------------------------

    def meeting_listing(committee):
        statement = kind_filter(select(Meeting).join(Meeting.committee).options(selectinload(Meeting.committee)))
        if committee is not None:
            statement = statement.where(Meeting.committee_id == committee.id)
        return ListQuery(
            statement,
            search_column=Meeting.search_text,
            filters={
                "committee": id_filter(Meeting.committee_id),
                "department": id_filter(Committee.department_id),
                "type": lambda s, v: s.where(Meeting.type == v),
                "status": lambda s, v: s.where(Meeting.status == v),
                **date_range(Meeting.date),
            },
            sorts={"date": Meeting.date, "type": Meeting.type, "committee": Committee.name},
            default_sort="-date",
        )

    def meetings_page(committee):
        filters = MeetingFilterForm(request.args)
        filters.validate()
        listing = meeting_listing(committee)
        export = export_list(listing, MEETING_COLUMNS, title=_("Meetings"), filename=export_name(_("meetings"), committee),
                             prepare=_with_counts(queries.meeting_counts))
        if export is not None:
            return export
        result = listing.page(db.session)
        committees = None
        if committee is None:
            committees = db.session.execute(kind_filter(select(Committee.id, Committee.name)).order_by(Committee.name)).all()
        return render("committees/meetings.html", block="results", kit=kit, committee=committee, page=result,
                      filters=filters, committees=committees, departments=department_choices()[1:],
                      counts=queries.meeting_counts(m.id for m in result.items))

    @route("/meetings/", "all_meetings", kit.view_permission)
    def all_meetings():
        return meetings_page(None)

    @route("/<int:committee_id>/meetings/", "meetings", kit.view_permission)
    def meetings(committee_id):
        return meetings_page(get_committee(committee_id))

    @route("/<int:committee_id>/meetings/new", "new_meeting", kit.edit_permission, methods=("GET", "POST"))
    def new_meeting(committee_id):
        committee = get_committee(committee_id, "edit")
        form = kit.meeting_form()
        choices = setup_meeting_form(form, kit, committee, None)
        if form.validate_on_submit():
            meeting = Meeting(committee_id=committee.id)
            db.session.add(meeting)
            save_meeting(form, meeting, choices)
            db.session.commit()
            flash(_("The meeting was saved."), "success")
            return redirect_to(kit.url("meeting", committee_id=committee.id, meeting_id=meeting.id))
        return render_form("committees/meeting_form.html", form, kit=kit, committee=committee, meeting=None,
                           choices=choices)

    @route("/<int:committee_id>/meetings/<int:meeting_id>", "meeting", kit.view_permission)
    def meeting(committee_id, meeting_id):
        committee = get_committee(committee_id)
        meeting = get_child(Meeting, meeting_id, committee)
        data = meeting_form_data(meeting)
        resolutions = db.session.scalars(
            select(Resolution).where(Resolution.meeting_id == meeting.id)
            .options(selectinload(Resolution.responsible_person), selectinload(Resolution.responsible_organization))
            .order_by(Resolution.number, Resolution.id)).all()
        files = attachments.attachments_of("committee_meetings", [meeting.id])[meeting.id]
        return page("committees/meeting.html", committee=committee, meeting=meeting, data=data,
                    resolutions=resolutions, files=files, extra=extra_details(kit, meeting),
                    upload_form=AttachmentForm(formdata=None), photos=photo_strip("committee_meetings", meeting.id))

    @route("/<int:committee_id>/meetings/<int:meeting_id>/edit", "edit_meeting", kit.edit_permission,
           methods=("GET", "POST"))
    def edit_meeting(committee_id, meeting_id):
        committee = get_committee(committee_id, "edit")
        meeting = get_child(Meeting, meeting_id, committee)
        data = meeting_form_data(meeting)
        form = kit.meeting_form(obj=meeting, agenda="\n".join(data.free_agenda), guests=meeting.guests,
                                carry_over=data.carried_ids, invited=data.invited_ids, present=data.present_ids,
                                **extra_values(kit, meeting))
        choices = setup_meeting_form(form, kit, committee, meeting, data)
        if form.validate_on_submit():
            save_meeting(form, meeting, choices)
            db.session.commit()
            flash(_("The changes were saved."), "success")
            return redirect_to(kit.url("meeting", committee_id=committee.id, meeting_id=meeting.id))
        return render_form("committees/meeting_form.html", form, kit=kit, committee=committee, meeting=meeting,
                           choices=choices)

    @route("/<int:committee_id>/meetings/<int:meeting_id>/delete", "delete_meeting", kit.edit_permission,
           methods=("POST",))
    def delete_meeting(committee_id, meeting_id):
        committee = get_committee(committee_id, "edit")
        meeting = get_child(Meeting, meeting_id, committee)
        meeting.soft_delete(current_user)
        db.session.commit()
        flash(_("The meeting was moved to the trash with its resolutions. It can be restored from there."),
              "success")
        return redirect_to(kit.url("meetings", committee_id=committee.id))

    @route("/<int:committee_id>/meetings/<int:meeting_id>/minutes.pdf", "minutes_pdf", kit.view_permission)
    def minutes_pdf(committee_id, meeting_id):
        from core.committees.minutes import minutes_response

        committee = get_committee(committee_id)
        return minutes_response(kit, committee, get_child(Meeting, meeting_id, committee))

    @route("/<int:committee_id>/meetings/<int:meeting_id>/files", "upload_attachment", kit.edit_permission,
           methods=("POST",))
    def upload_attachment(committee_id, meeting_id):
        committee = get_committee(committee_id, "edit")
        meeting = get_child(Meeting, meeting_id, committee)
        form = AttachmentForm()
        if form.validate_on_submit():
            attachments.attach(form.file.stored, "committee_meetings", meeting.id, user=current_user)
            db.session.commit()
            flash(_("%(name)s was attached.", name=form.file.stored.original_name), "success")
        else:
            for errors in form.errors.values():
                for error in errors:
                    flash(error, "danger")
        return redirect_to(kit.url("meeting", committee_id=committee.id, meeting_id=meeting.id) + "#files")

    def owned_attachment(committee, attachment_id):
        attachment = get_or_404(Attachment, attachment_id)
        model = ENTITIES.get(attachment.entity)
        owner = db.session.get(model, attachment.entity_id) if model is not None else None
        if owner is None or owner.is_deleted or owner.committee_id != committee.id:
            abort(404)
        return attachment, owner

    @route("/<int:committee_id>/files/<int:attachment_id>", "attachment", kit.view_permission)
    def attachment(committee_id, attachment_id):
        committee = get_committee(committee_id)
        found, _owner = owned_attachment(committee, attachment_id)
        return attachments.serve(found)

    @route("/<int:committee_id>/files/<int:attachment_id>/delete", "delete_attachment", kit.edit_permission,
           methods=("POST",))
    def delete_attachment(committee_id, attachment_id):
        committee = get_committee(committee_id, "edit")
        found, owner = owned_attachment(committee, attachment_id)
        found.soft_delete(current_user)
        db.session.commit()
        flash(_("%(name)s was moved to the trash. It can be restored from there.", name=found.original_name),
              "success")
        if isinstance(owner, Meeting):
            return redirect_to(kit.url("meeting", committee_id=committee.id, meeting_id=owner.id) + "#files")
        if isinstance(owner, Resolution):
            return redirect_to(kit.url("edit_resolution", committee_id=committee.id, resolution_id=owner.id))
        return redirect_to(kit.url("edit_member", committee_id=committee.id, member_id=owner.id))

    # --- resolutions -----------------------------------------------------------------------

    def resolutions_page(committee):
        statement = kind_filter(
            select(Resolution).join(Resolution.meeting).join(Meeting.committee)
            .options(selectinload(Resolution.meeting), selectinload(Resolution.committee),
                     selectinload(Resolution.responsible_person), selectinload(Resolution.responsible_organization)))
        if committee is not None:
            statement = statement.where(Resolution.committee_id == committee.id)
        listing = ListQuery(
            statement,
            search_column=Resolution.search_text,
            filters={
                "committee": id_filter(Resolution.committee_id),
                "department": id_filter(Committee.department_id),
                "status": lambda s, v: RESOLUTION_STATUS_FILTERS.get(v, lambda s: s.where(false()))(s),
                **date_range(Meeting.date),
            },
            sorts={"due": Resolution.due_date, "meeting": Meeting.date, "committee": Committee.name},
            default_sort="-meeting",
        )
        filters = MeetingFilterForm(request.args)
        filters.validate()
        export = export_list(listing, RESOLUTION_COLUMNS, title=_("Resolutions"),
                             filename=export_name(_("resolutions"), committee))
        if export is not None:
            return export
        result = listing.page(db.session)
        evidence = attachments.attachments_of("committee_resolutions", [r.id for r in result.items], "evidence")
        committees = None
        if committee is None:
            committees = db.session.execute(kind_filter(select(Committee.id, Committee.name)).order_by(Committee.name)).all()
        return render("committees/resolutions.html", block="results", kit=kit, committee=committee, page=result,
                      filters=filters, committees=committees, departments=department_choices()[1:],
                      evidence=evidence)

    @route("/resolutions/", "all_resolutions", kit.view_permission)
    def all_resolutions():
        return resolutions_page(None)

    @route("/<int:committee_id>/resolutions/", "resolutions", kit.view_permission)
    def resolutions(committee_id):
        return resolutions_page(get_committee(committee_id))

    def resolution_form(resolution=None):
        form = ResolutionForm(obj=resolution)
        form.responsible_person_id.choices = [("", _("No one"))] + queries.people_choices()
        form.responsible_organization_id.choices = [("", _("No organization"))] + queries.organization_choices()
        return form

    def save_resolution(form, resolution):
        for name in ("text", "responsible_person_id", "responsible_organization_id", "due_date", "status"):
            setattr(resolution, name, getattr(form, name).data)
        resolution.evidence = form.evidence.data or ""
        if resolution.status == "done":
            resolution.done_on = resolution.done_on or today()
        else:
            resolution.done_on = None
        db.session.flush()
        if form.evidence_file.stored is not None:
            attachments.attach(form.evidence_file.stored, "committee_resolutions", resolution.id, "evidence",
                               current_user)

    @route("/<int:committee_id>/meetings/<int:meeting_id>/resolutions/new", "new_resolution", kit.edit_permission,
           methods=("GET", "POST"))
    def new_resolution(committee_id, meeting_id):
        committee = get_committee(committee_id, "edit")
        meeting = get_child(Meeting, meeting_id, committee)
        form = resolution_form()
        if form.validate_on_submit():
            number = db.session.scalar(select(func.coalesce(func.max(Resolution.number), 0))
                                       .where(Resolution.meeting_id == meeting.id)
                                       .execution_options(include_deleted=True)) + 1
            resolution = Resolution(committee_id=committee.id, meeting_id=meeting.id, number=number)
            db.session.add(resolution)
            save_resolution(form, resolution)
            db.session.commit()
            flash(_("The resolution was saved."), "success")
            if request.form.get("then") == "another":
                return redirect_to(kit.url("new_resolution", committee_id=committee.id, meeting_id=meeting.id))
            return redirect_to(kit.url("meeting", committee_id=committee.id, meeting_id=meeting.id) + "#resolutions")
        return render_form("committees/resolution_form.html", form, kit=kit, committee=committee, meeting=meeting,
                           resolution=None, evidence=[])

    @route("/<int:committee_id>/resolutions/<int:resolution_id>/edit", "edit_resolution", kit.edit_permission,
           methods=("GET", "POST"))
    def edit_resolution(committee_id, resolution_id):
        committee = get_committee(committee_id, "edit")
        resolution = get_child(Resolution, resolution_id, committee)
        form = resolution_form(resolution)
        if form.validate_on_submit():
            save_resolution(form, resolution)
            db.session.commit()
            flash(_("The changes were saved."), "success")
            return redirect_to(kit.url("meeting", committee_id=committee.id, meeting_id=resolution.meeting_id)
                               + "#resolutions")
        evidence = attachments.attachments_of("committee_resolutions", [resolution.id], "evidence")[resolution.id]
        return render_form("committees/resolution_form.html", form, kit=kit, committee=committee,
                           meeting=resolution.meeting, resolution=resolution, evidence=evidence)

    @route("/<int:committee_id>/resolutions/<int:resolution_id>/delete", "delete_resolution", kit.edit_permission,
           methods=("POST",))
    def delete_resolution(committee_id, resolution_id):
        committee = get_committee(committee_id, "edit")
        resolution = get_child(Resolution, resolution_id, committee)
        resolution.soft_delete(current_user)
        db.session.commit()
        flash(_("The resolution was moved to the trash. It can be restored from there."), "success")
        return redirect_to(kit.url("meeting", committee_id=committee.id, meeting_id=resolution.meeting_id)
                           + "#resolutions")
