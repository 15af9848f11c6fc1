"""Users in the search, for those who manage them (a core part's ``ravabet_search``)."""
from flask import url_for
from flask_babel import lazy_gettext as _l

from core.admin.users import USER_LIST
from core.models import User
from core.permissions import ROLE_TITLES, user_can
from core.plugins.hookspecs import hookimpl
from core.search.query import search_group

TITLE = _l("Users")
ICON = "⚙"


def _hit(user):
    departments = "، ".join(d.name for d in user.departments)
    return {"title": user.full_name, "url": url_for("admin.edit_user", user_id=user.id),
            "detail": " · ".join(p for p in (user.username, str(ROLE_TITLES.get(user.role, user.role)), departments) if p)}


@hookimpl
def ravabet_search(query, user, limit):
    if not user_can(user, "users.manage"):
        return None
    # The users list's own search (names as saved, ZWNJ ignored), so «more» shows the same rows.
    statement = USER_LIST.filtered({"q": query.text}).order_by(User.full_name)
    return [search_group("users", _l("Users"), statement, limit=limit, hit=_hit, permission="users.manage",
                         more_url=url_for("admin.users", q=query.text))]
