"""The kit's records as owners of files and photos (``core.attachments.register_attachment_owner``):
the files and photos of a meeting, a member (appointment letters) or a resolution (evidence) are
seen by whoever may see its committee's pages, and changed by whoever may edit them, for plain
committees and plugins' alike (a plugin's are gone while the plugin is off)."""
from flask import g, has_request_context
from sqlalchemy import select

from core.attachments import DOCUMENTS, SCANS, register_attachment_owner
from core.committees.models import Committee, CommitteeMember, Meeting, Resolution
from core.committees.mount import KITS
from core.committees.types import type_title
from core.db import db
from core.jalali import format_date
from core.permissions import user_can
from core.plugins.manager import enabled_modules


def _found(model, entity_id):
    """``(row, committee, kit)``, or None when the row, its committee or its pages are gone; one
    query, kept for the request (a page asks for view, edit and a description in turn)."""
    cache = g.setdefault("committee_file_owners", {}) if has_request_context() else {}
    key = (model, entity_id)
    if key not in cache:
        cache[key] = db.session.execute(select(model, Committee).join(Committee, Committee.id == model.committee_id)
                                        .where(model.id == entity_id)).first()
    found = cache[key]
    if found is None:
        return None
    row, committee = found
    kit = KITS.get(committee.kind)
    if kit is None or (committee.kind is not None and committee.kind not in enabled_modules()):
        return None
    return row, committee, kit


def _access(model, permission):
    def check(user, entity_id):
        found = _found(model, entity_id)
        if found is None:
            return None
        _row, committee, kit = found
        return user_can(user, getattr(kit, permission), department_id=committee.department_id)
    return check


def _describe_meeting(meeting_id):
    found = _found(Meeting, meeting_id)
    if found is None:
        return None
    meeting, committee, kit = found
    heading = type_title(meeting.type) + (f": {meeting.title}" if meeting.title else "")
    return (f"{heading}، {format_date(meeting.date)}، {committee.name}",
            kit.url("meeting", committee_id=committee.id, meeting_id=meeting.id))


def _describe_member(member_id):
    found = _found(CommitteeMember, member_id)
    if found is None:
        return None
    member, committee, kit = found
    return (f"{member.person.full_name}، {committee.name}",
            kit.url("edit_member", committee_id=committee.id, member_id=member.id))


def _describe_resolution(resolution_id):
    found = _found(Resolution, resolution_id)
    if found is None:
        return None
    resolution, committee, kit = found
    return (resolution.text[:80], kit.url("meeting", committee_id=committee.id, meeting_id=resolution.meeting_id)
            + "#resolutions")


for _entity, _model, _describe, _kinds in (
        ("committee_meetings", Meeting, _describe_meeting, DOCUMENTS),
        ("committee_members", CommitteeMember, _describe_member, SCANS),
        ("committee_resolutions", Resolution, _describe_resolution, DOCUMENTS)):
    register_attachment_owner(_entity, can_view=_access(_model, "view_permission"),
                              can_edit=_access(_model, "edit_permission"), describe=_describe, kinds=_kinds)
