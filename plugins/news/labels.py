"""Persian labels of the plugin's stored codes, and the choices the forms offer."""
from flask_babel import lazy_gettext as _l

from core.extensions import translated
from core.rendering import badge

ITEM_TYPE_LABELS = {
    "news": _l("News"),
    "photo_report": _l("Photo report"),
    "interview": _l("Interview"),
    "note": _l("Commentary"),
    "announcement": _l("Notice"),
}
ITEM_STATUS_LABELS = {
    "draft": _l("Draft"),
    "review": _l("Under review"),
    "published": _l("Published"),
}
CHANNEL_KIND_LABELS = {
    "site": _l("Governorate website"),
    "internal": _l("Internal network"),
    "ministry": _l("Ministry of interior website"),
    "messenger": _l("Messenger"),
    "other": _l("Other"),
}
EVENT_KIND_LABELS = {
    "meeting": _l("Meeting"),
    "visit": _l("Visit"),
    "ceremony": _l("Ceremony"),
    "press_conference": _l("Press conference"),
    "other": _l("Other"),
}
CAPTION_KIND_LABELS = {"caption": _l("Photo caption"), "clip": _l("Clip")}
CONTACT_KIND_LABELS = {"visit": _l("Visit to an outlet"), "meeting": _l("Meeting with reporters")}
CONFERENCE_KIND_LABELS = {"conference": _l("Press conference"), "briefing": _l("Press briefing")}
CONFERENCE_STATUS_LABELS = {
    "proposed": _l("Proposed"),
    "approved": _l("Approved"),
    "held": _l("Held"),
    "cancelled": _l("Cancelled"),
}
BULLETIN_STATUS_LABELS = {"draft": _l("Draft"), "final": _l("Final")}
ENTRY_KIND_LABELS = {"news": _l("News item"), "coverage": _l("Media coverage")}

LABELS = {
    "item_type": ITEM_TYPE_LABELS, "item_status": ITEM_STATUS_LABELS, "channel_kind": CHANNEL_KIND_LABELS,
    "event_kind": EVENT_KIND_LABELS, "caption_kind": CAPTION_KIND_LABELS, "contact_kind": CONTACT_KIND_LABELS,
    "conference_kind": CONFERENCE_KIND_LABELS, "conference_status": CONFERENCE_STATUS_LABELS,
    "bulletin_status": BULLETIN_STATUS_LABELS, "entry_kind": ENTRY_KIND_LABELS,
}


def label(group, code):
    """The Persian label of ``code`` in ``group`` (the template filter ``news_label``), translated
    from the request's catalog (lists show one on every row)."""
    return translated(LABELS[group].get(code, code))


class Labels(dict):
    """A group's labels translated once for a page (a list shows one on every row); a code without
    a label stands for itself, as in ``label``."""

    def __missing__(self, code):
        return str(code)


def labels(group):
    """The labels of ``group`` translated from the request's catalog (the template global ``news_labels``)."""
    return Labels({code: translated(title) for code, title in LABELS[group].items()})


# The colour of a news item's status: published green, under review amber, draft grey.
ITEM_STATUS_BADGES = {"published": "on", "review": "resolution-in_progress", "draft": "off"}


def item_status_badge(status):
    """A news item's status as a badge (the template filter ``item_status_badge``): in Python, not a
    macro, as the list shows one on each of its rows."""
    return badge(label("item_status", status), ITEM_STATUS_BADGES.get(status, "off"))


# The colour of a press conference's status, after the meetings' statuses of the same meaning.
CONFERENCE_STATUS_BADGES = {"proposed": "meeting-planned", "approved": "role-chair", "held": "meeting-held",
                            "cancelled": "meeting-cancelled"}
OVERDUE = _l("Overdue")
OVERDUE_TITLE = _l("Its day has passed and it was neither held nor cancelled.")


def conference_status_badges(conference):
    """A press conference's status as a badge, with «معوق» when its day has passed and it is still
    open (the template filter ``conference_status_badges``)."""
    return conference_badges(conference.status, conference.is_overdue)


def conference_badges(status, overdue):
    """``conference_status_badges`` of a status and whether it is overdue: in Python, not a macro,
    as the timetable shows it on each of its rows (read as plain rows)."""
    html = badge(label("conference_status", status), f"conference-{status} {CONFERENCE_STATUS_BADGES[status]}") + "\n"
    if overdue:
        html += badge(translated(OVERDUE), "overdue", title=translated(OVERDUE_TITLE))
    return html


def choices(group):
    return [(code, title) for code, title in LABELS[group].items()]
