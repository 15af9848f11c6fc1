"""The ``committees`` blueprint at /committees/: the plain committees admins create from the UI."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from core.committees import owners, types  # noqa: F401  (owners: the kit's records own files and photos)
from core.committees.labels import meeting_status_title, resolution_status_title, role_title
from core.committees.mount import mount_committee_pages

bp = Blueprint("committees", __name__)
kit = mount_committee_pages(bp, kind=None, url_prefix="", endpoint_prefix="", title=_l("Committees"),
                            view_permission="committees.view", edit_permission="committees.edit",
                            manage_permission="committees.manage")
bp.add_app_template_filter(role_title, "committee_role")
bp.add_app_template_filter(meeting_status_title, "meeting_status")
bp.add_app_template_filter(resolution_status_title, "resolution_status")
bp.add_app_template_filter(types.type_title, "meeting_type")
# Plugins are loaded by now: their meeting types join the kit's defaults.
bp.record_once(lambda state: types.collect(state.app))
