"""One mounting of the kit's pages: which committees (their ``kind``), under which blueprint and
endpoint prefix, guarded by which permissions, with which meeting form."""
from dataclasses import dataclass

from flask import url_for
from flask_login import current_user

from core.committees.forms import MeetingForm
from core.committees.types import types_for
from core.permissions import DEPARTMENT_BOUND_ROLES, user_can


@dataclass
class CommitteeKit:
    kind: str | None  # None: the plain committees of /committees/
    blueprint: str
    prefix: str  # endpoint prefix inside the blueprint, e.g. "committees_"
    title: object  # the heading of the committee list
    view_permission: str
    edit_permission: str
    manage_permission: str
    meeting_form: type = MeetingForm

    def endpoint(self, name):
        return f"{self.blueprint}.{self.prefix}{name}"

    def url(self, name, **values):
        return url_for(self.endpoint(name), **values)

    def can_view(self, committee=None):
        return user_can(current_user, self.view_permission, _department(committee))

    def can_edit(self, committee=None):
        return user_can(current_user, self.edit_permission, _department(committee))

    def can_manage(self, committee=None):
        return user_can(current_user, self.manage_permission, _department(committee))

    def visible_departments(self):
        """The departments whose committees the user may see, or None for all of them."""
        if current_user.is_admin or current_user.role not in DEPARTMENT_BOUND_ROLES:
            return None
        return current_user.department_ids()

    def meeting_types(self):
        return types_for(self.kind)


def _department(committee):
    return committee.department_id if committee is not None else None
