"""The committee kit's pages for the council's committees (/council/committees/): the two bodies'
committees, where their general, board, critique and training meetings and trips to the counties
are held with attendance, and the board's committees (کمیته‌ها) with their members.

Their meetings and resolutions' due dates go to the calendar, open resolutions to the deadlines,
and their meetings to the search, as the kit's own hooks do for the plain committees."""
from flask import request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from core.committees import hooks
from core.committees.models import Committee, Meeting
from core.committees.mount import mount_committee_pages
from core.committees.types import type_title
from core.db import db
from core.permissions import user_can
from core.search.query import SearchGroup

from ..blueprint import bp
from ..bodies import body_committee
from ..models.members import BODIES

kit = mount_committee_pages(bp, kind="council", title=_l("Councils and committees"),
                            manage_permission="council.manage")


@bp.before_request
def _make_body_committees():
    """The bodies' committees exist before anyone who may record their meetings opens the kit's
    pages (made once, in the module's department)."""
    if not (request.endpoint or "").startswith(kit.endpoint("")) or not user_can(current_user, "council.edit"):
        return
    for key in BODIES:
        body_committee(key)
    if db.session.new:
        db.session.commit()


def calendar_entries(start, end, user):
    return hooks.calendar_entries(start, end, user, kit)


def deadlines(until):
    return hooks.resolution_deadlines(until, kit)


def search_groups(query, user, limit):
    return [SearchGroup(
        "meetings", _l("Meetings of the councils and committees"), (Meeting.search_text,),
        lambda match: select(Meeting).join(Meeting.committee).options(contains_eager(Meeting.committee))
        .where(Committee.kind == kit.kind, match).order_by(Meeting.date.desc(), Meeting.id.desc()),
        hit=lambda m: {"title": f"{m.committee.name}: {m.title or type_title(m.type)}", "date": m.date,
                       "url": kit.url("meeting", committee_id=m.committee_id, meeting_id=m.id),
                       "detail": m.place},
        more_url=lambda: url_for(kit.endpoint("all_meetings"), q=query.text))]
