"""Search across the core and every enabled module: the ``search`` blueprint at /search, the
query (``SearchQuery``) and the bounded look-up each module's ``ravabet_search`` uses."""
from flask import Blueprint

from core.search.query import SearchGroup, SearchQuery, run_groups, search_group

bp = Blueprint("search", __name__)

from core.search import views  # noqa: E402,F401

__all__ = ["SearchGroup", "SearchQuery", "bp", "run_groups", "search_group"]
