"""``mount_committee_pages``: the kit's pages for one kind of committee, under any blueprint.

The core mounts them for plain committees at /committees/ (core.committees.blueprint); a plugin
mounts them under its own blueprint for the committees it owns (``Committee.kind`` = its key):

    bp = Blueprint("council", __name__)
    kit = mount_committee_pages(bp, kind="council", meeting_form=CouncilMeetingForm)
    # /council/committees/ ... endpoints council.committees_index, council.committees_meeting, ...

See docs/plugins.md ("Committee kit") for the whole example."""
from flask_babel import lazy_gettext as _l

from core.committees.forms import MeetingForm
from core.committees.kit import CommitteeKit
from core.committees.views import add_routes

KITS: dict[str | None, CommitteeKit] = {}  # by kind: the pages of a committee's kind (core.committees.owners)


def mount_committee_pages(bp, kind, *, url_prefix="/committees", endpoint_prefix="committees_", title=None,
                          view_permission=None, edit_permission=None, manage_permission=None,
                          meeting_form=MeetingForm):
    """Add the committee pages (list, committee, members, meetings, agenda, attendance, minutes
    PDF, resolutions, files) for committees of ``kind`` to ``bp``.

    :param bp: the blueprint to add the routes to (a plugin's own, before it is registered).
    :param kind: the committees' kind: the plugin key (None is the core's plain committees).
    :param url_prefix: where the pages live inside the blueprint.
    :param endpoint_prefix: prefix of the endpoint names (``<bp>.<prefix>index``, ...).
    :param title: the Persian heading of the committee list (default «کمیته‌ها»).
    :param view_permission: reading the pages (default ``<kind>.view``).
    :param edit_permission: members, meetings, resolutions and files (default ``<kind>.edit``).
    :param manage_permission: creating and deleting committees (default: the edit permission).
    :param meeting_form: ``MeetingForm`` or a subclass adding fields, whose values are kept in
        ``Meeting.extra`` and shown on the meeting page and in the minutes.
    :return: the ``CommitteeKit`` (its ``url(name, **values)`` builds the pages' URLs).
    """
    if not issubclass(meeting_form, MeetingForm):
        raise TypeError("meeting_form must be core.committees.forms.MeetingForm or a subclass of it")
    edit_permission = edit_permission or f"{kind}.edit"
    kit = CommitteeKit(
        kind=kind, blueprint=bp.name, prefix=endpoint_prefix, title=title or _l("Committees"),
        view_permission=view_permission or f"{kind}.view", edit_permission=edit_permission,
        manage_permission=manage_permission or edit_permission, meeting_form=meeting_form,
    )
    add_routes(bp, kit, url_prefix.rstrip("/"))
    KITS[kind] = kit
    return kit
