"""Persian labels of the directory's stored codes."""
from flask_babel import lazy_gettext as _l

from core.models.directory import ORGANIZATION_TYPES

ORGANIZATION_TYPE_LABELS = {
    "agency": _l("Executive agency"),
    "county": _l("County governorate"),
    "press": _l("Press outlet"),
    "ngo": _l("NGO"),
    "university": _l("University"),
    "company": _l("Company"),
}


def organization_type_label(code):
    return ORGANIZATION_TYPE_LABELS.get(code, code)


def organization_type_choices():
    return [(code, ORGANIZATION_TYPE_LABELS[code]) for code in ORGANIZATION_TYPES]
