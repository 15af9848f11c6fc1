"""The search page: one box, the hits of every enabled module the user may see, grouped by
module and by kind, each group with its count and a link to the module's own filtered list."""
from flask import current_app, request
from flask_login import current_user

from core.permissions import authenticated, user_can
from core.plugins.manager import registry
from core.rendering import render
from core.search import bp
from core.search.highlight import highlight
from core.search.query import COUNT_CAP, SearchQuery, run_groups

HOOK = "ravabet_search"
DEFAULT_LIMIT = 5
DETAIL_LENGTH = 160


def _module_title(name):
    plugins = registry()
    if name in plugins.core_names:
        module = plugins.pm.get_plugin(name)
        return str(getattr(module, "TITLE", name)), getattr(module, "ICON", "")
    record = plugins.records[name]
    return record.title, record.icon


def _visible(group, user):
    return (isinstance(group, dict) and isinstance(group.get("hits"), (list, tuple)) and group["hits"]
            and group.get("title") and (not group.get("permission") or user_can(user, group["permission"])))


def _hits(group, limit):
    """The group's well-formed hits (a dict with a title and a URL), at most ``limit``."""
    return [hit for hit in group["hits"] if isinstance(hit, dict) and hit.get("title") and hit.get("url")][:limit]


def collect(query, user, limit):
    """``[{key, title, icon, total, groups: [group, ...]}, ...]``: the modules with hits, in the
    order the hook answered (the core first), each group's hits cut to ``limit``."""
    modules = []
    for name, groups in reversed(registry().call(HOOK, query=query, user=user, limit=limit)):
        if not isinstance(groups, (list, tuple)):
            continue
        groups = [group for group in run_groups(groups, query, user, limit) if _visible(group, user)]
        groups = [dict(group, hits=_hits(group, limit)) for group in groups]
        groups = [group for group in groups if group["hits"]]
        if not groups:
            continue
        for group in groups:
            if not isinstance(group.get("total"), int) or group["total"] < len(group["hits"]):
                group["total"] = len(group["hits"])
        title, icon = _module_title(name)
        modules.append({"key": name.removeprefix("core:").removeprefix("core.").replace(".", "-"), "title": title,
                        "icon": icon, "groups": groups,
                        "total": sum(min(g["total"], COUNT_CAP + 1) for g in groups)})
    return modules


@bp.route("/search")
@authenticated
def index():
    query = SearchQuery.parse(request.args.get("q"))
    limit = current_app.config.get("SEARCH_GROUP_LIMIT", DEFAULT_LIMIT)
    modules = collect(query, current_user, limit) if query.usable else []
    return render("search/index.html", block="results", query=query, modules=modules,
                  highlight=lambda text, length=None: highlight(text, query.words, length),
                  detail_length=DETAIL_LENGTH, count_cap=COUNT_CAP)
