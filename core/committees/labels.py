"""Persian names of the kit's stored codes (member roles, meeting and resolution statuses)."""
from flask_babel import lazy_gettext as _l

ROLE_TITLES = {
    "chair": _l("Chair"),
    "deputy": _l("Deputy chair"),
    "secretary": _l("Secretary"),
    "member": _l("Member"),
}
MEETING_STATUS_TITLES = {
    "planned": _l("Planned"),
    "held": _l("Held"),
    "cancelled": _l("Cancelled"),
}
RESOLUTION_STATUS_TITLES = {
    "open": _l("Open"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
}


def role_title(code):
    return str(ROLE_TITLES.get(code, code))


def meeting_status_title(code):
    return str(MEETING_STATUS_TITLES.get(code, code))


def resolution_status_title(code):
    return str(RESOLUTION_STATUS_TITLES.get(code, code))
