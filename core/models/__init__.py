"""The core's models. Plugins keep theirs in plugins/<key>/models.py."""
from core.committees.models import AgendaItem, Attendance, Committee, CommitteeMember, Meeting, Resolution
from core.models.accounts import Department, LoginAttempt, RolePermission, User, department_members
from core.models.attachments import Attachment
from core.models.audit import AuditLog
from core.models.directory import Organization, Person
from core.models.modules import ModuleState
from core.photos.models import Photo

__all__ = [
    "AgendaItem",
    "Attachment",
    "Attendance",
    "AuditLog",
    "Committee",
    "CommitteeMember",
    "Department",
    "LoginAttempt",
    "Meeting",
    "ModuleState",
    "Organization",
    "Person",
    "Photo",
    "Resolution",
    "RolePermission",
    "User",
    "department_members",
]
