"""Users in the search, for those who manage them (a core part's ``ravabet_search``)."""
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from sqlalchemy.orm import selectinload

from core.admin.users import search_words, word_condition
from core.db import built_once, built_rows, db, like_escaped
from core.models import User
from core.permissions import ROLE_TITLES, user_can
from core.plugins.hookspecs import hookimpl
from core.search.query import COUNT_CAP, found_group
from core.text import to_ascii_digits

TITLE = _l("Users")
ICON = "⚙"


def _hit(user):
    departments = "، ".join(d.name for d in user.departments)
    return {"title": user.full_name, "url": url_for("admin.edit_user", user_id=user.id),
            "detail": " · ".join(p for p in (user.username, str(ROLE_TITLES.get(user.role, user.role)), departments) if p)}


@built_once
def _matching_ids(count):
    """The ids of the users matching ``count`` words (``:name<i>``, ``:username<i>``) in the users
    list's order, ``COUNT_CAP + 1`` at most (their number the total): built once per number of
    words, its words bound, where building and running the list's statement through the ORM cost
    ~0.6 ms a search, most of them finding no user."""
    statement = select(User.id)
    for i in range(count):
        statement = statement.where(word_condition(bindparam(f"name{i}"), bindparam(f"username{i}"), escape="/"))
    return statement.order_by(User.full_name).limit(COUNT_CAP + 1)


@built_once
def _users_by_id():
    return select(User).options(selectinload(User.departments)).where(User.id.in_(bindparam("ids", expanding=True)))


@hookimpl
def ravabet_search(query, user, limit):
    if not user_can(user, "users.manage"):
        return None
    # The users list's own search (names as saved, ZWNJ ignored), so «more» shows the same rows.
    words = search_words(query.text)
    params = {}
    for i, word in enumerate(words):
        params.update({f"name{i}": like_escaped(word), f"username{i}": like_escaped(to_ascii_digits(word))})
    ids = built_rows(_matching_ids(len(words)), params).scalars().all()
    if not ids:
        return []
    found = {row.id: row for row in db.session.scalars(_users_by_id(), {"ids": ids[:limit]})}
    return [found_group("users", _l("Users"), [found[id_] for id_ in ids[:limit] if id_ in found], len(ids), _hit,
                   lambda: url_for("admin.users", q=query.text), "users.manage")]
