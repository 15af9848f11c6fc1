"""Saved editions of the activity report in the search (a core part's ``ravabet_search``)."""
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from core.permissions import user_can
from core.plugins.hookspecs import hookimpl
from core.reports.models import ReportEdition
from core.search.query import SearchGroup

TITLE = _l("Activity report")
ICON = "▤"


def _hit(edition):
    return {"title": edition.title, "url": url_for("reports.edition", edition_id=edition.id),
            "detail": edition.period_label, "date": edition.created_at}


@hookimpl
def ravabet_search(query, user, limit):
    if not user_can(user, "reports.view"):
        return None
    return [SearchGroup("editions", _l("Saved editions of the activity report"), (ReportEdition.search_text,),
                        lambda match: select(ReportEdition).where(match).order_by(ReportEdition.created_at.desc()),
                        hit=_hit, more_url=lambda: url_for("reports.editions", q=query.text))]
