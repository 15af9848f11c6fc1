"""The core's models. Plugins keep theirs in plugins/<key>/models.py."""
from core.models.accounts import Department, LoginAttempt, RolePermission, User, department_members
from core.models.audit import AuditLog
from core.models.directory import Organization, Person
from core.models.modules import ModuleState

__all__ = [
    "AuditLog",
    "Department",
    "LoginAttempt",
    "ModuleState",
    "Organization",
    "Person",
    "RolePermission",
    "User",
    "department_members",
]
