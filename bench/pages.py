"""The pages the benchmark drives, and the SQL statements each one runs.

Run against the seeded database (same environment as the server); prints JSON: for every page
its path, whether it is an htmx request, the demo users allowed to see it, the response size and
the number of SQL statements one request runs (counted with an SQLAlchemy cursor event in a
Flask test client, after one warm-up request of the same page).

The core's main pages are listed here; every enabled plugin module adds its navigation items
(full page and htmx fragment), so new modules are measured without editing the benchmark.
"""
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import url_for  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

from app import create_app  # noqa: E402
from core.db import db  # noqa: E402
from core.jalali import jalali_today  # noqa: E402
from core.models import Person, User  # noqa: E402
from core.plugins.manager import enabled_modules  # noqa: E402

USERS = ("admin", "staff")
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def core_pages(people_pages, search_word):
    """(name, endpoint, url arguments, htmx)."""
    return [
        ("home", "pages.home", {}, False),
        ("people", "directory.people", {}, False),
        ("people search", "directory.people", {"q": search_word}, False),
        ("people search htmx", "directory.people", {"q": search_word}, True),
        ("people later page", "directory.people", {"page": max(1, people_pages // 2)}, False),
        ("people later page htmx", "directory.people", {"page": max(1, people_pages // 2) + 1}, True),
        ("people sorted", "directory.people", {"sort": "-organization"}, False),
        ("organizations", "directory.organizations", {}, False),
        ("organizations filter htmx", "directory.organizations", {"type": "press"}, True),
        ("users", "admin.users", {}, False),
        ("users search htmx", "admin.users", {"q": "زهرا"}, True),
        ("audit log", "audit.log", {}, False),
        ("audit log filter", "audit.log", {"action": "update", "entity": "people"}, False),
        ("audit log filter htmx", "audit.log", {"action": "delete", "entity": "organizations"}, True),
        ("module settings", "modules.settings", {}, False),
        ("dashboard (all parts inline)", "dashboard.index", {"full": "1"}, False),
        ("activity report", "reports.index", {}, False),
        ("committees", "committees.index", {}, False),
        ("calendar", "calendar.month", {}, False),
        ("calendar htmx", "calendar.month", {}, True),
        ("sms outbox", "sms.outbox", {}, False),
        ("search", "search.index", {"q": search_word}, False),
        ("notifications", "notifications.index", {}, False),
    ]


def plugin_pages(app, admin):
    """Each enabled module's navigation items, as a full page and as an htmx fragment."""
    registry = app.extensions["ravabet_plugins"]
    pages = []
    with app.test_request_context("/"):
        enabled = enabled_modules()
        for key, item in registry.call_flat("ravabet_nav_items", user=admin):
            if key.startswith("core:") or key not in enabled:
                continue
            title = f"{key}: {item['endpoint'].split('.')[-1]}"
            pages.append((title, item["endpoint"], item.get("url_args", {}), False))
            pages.append((title + " htmx", item["endpoint"], item.get("url_args", {}), True))
    return pages


# Pages of a module beyond its navigation item, measured while the module is on: the lists and
# searches its users open most (name, endpoint, url arguments, htmx).
MODULE_PAGES = {
    "news": [
        ("news: search", "news.index", {"q": "افتتاح"}, False),
        ("news: search htmx", "news.index", {"q": "افتتاح"}, True),
        # Channel 3: the ministry's site, the third channel the news migration makes.
        ("news: published on a channel htmx", "news.index", {"status": "published", "channel": 3}, True),
        ("news: events", "news.events", {}, False),
        ("news: events search htmx", "news.events", {"q": "بازدید"}, True),
        ("news: photos", "news.photos", {}, False),
        ("news: press conferences", "news.conferences", {}, False),
        ("news: analysis", "news.analysis", {}, False),
        ("news: site search", "search.index", {"q": "افتتاح بیمارستان"}, False),
        ("activity report (last year)", "reports.index", {"kind": "year", "y": "{last_year}"}, False),
    ],
}


# What a module's issue asks to stay within the core's targets, measured as a mix of its own
# (label, names of the pages above and of its navigation items). The news module: its lists, the
# searches and the activity report, at 15,000 news items and 150,000 photos.
MODULE_MIXES = {
    "news": ("news: lists, search, report", (
        "news: index", "news: index htmx", "news: search", "news: search htmx", "news: published on a channel htmx",
        "news: events", "news: events search htmx", "news: photos", "news: press conferences",
        "news: site search", "activity report (last year)")),
}


def module_pages():
    """The MODULE_PAGES of the enabled modules."""
    last_year = str(jalali_today().year - 1)
    return [(name, endpoint, {key: value.format(last_year=last_year) if isinstance(value, str) else value
                              for key, value in args.items()}, htmx)
            for key in enabled_modules() for name, endpoint, args, htmx in MODULE_PAGES.get(key, ())]


def login(client, username, password):
    page = client.get("/login")
    token = CSRF_FIELD.search(page.get_data(as_text=True)).group(1)
    # The production config makes the test client speak https, where a POST needs its referrer.
    response = client.post("/login", data={"csrf_token": token, "username": username, "password": password},
                           headers={"Referer": "https://localhost/login"})
    if response.status_code not in (302, 303) or "/login" in response.headers.get("Location", ""):
        raise SystemExit(f"bench pages: logging in as {username} failed ({response.status_code})")


def main():
    password = os.environ.get("RAVABET_PASSWORD") or "ravabet-demo"
    app = create_app()
    clients = {}
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.username == "admin"))
        people = db.session.scalar(select(func.count()).select_from(Person))
        people_pages = -(-people // app.config["PAGE_SIZE"])
        # The most common last name: a search with many hits.
        word = db.session.scalar(select(Person.last_name).group_by(Person.last_name)
                                 .order_by(func.count().desc()).limit(1)) or "علی"
        core = core_pages(people_pages, word)
        specs = core + plugin_pages(app, admin)
        with app.test_request_context("/"):
            specs += module_pages()
            urls = [(name, url_for(endpoint, **args), htmx) for name, endpoint, args, htmx in specs]

        engine = db.engine

    # Requests run outside that app context, so each gets its own g (and its own current_user).
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
    for username in USERS:
        clients[username] = app.test_client()
        login(clients[username], username, password)

    pages = []
    for name, url, htmx in urls:
        headers = {"HX-Request": "true", "HX-Target": "results", "HX-Current-URL": url} if htmx else {}
        page = {"name": name, "path": url, "htmx": htmx, "users": [], "queries": {}, "bytes": None}
        for username, client in clients.items():
            client.get(url, headers=headers)  # warm-up: first-use caches, compiled templates
            statements.clear()
            response = client.get(url, headers=headers)
            if response.status_code != 200:
                continue
            page["users"].append(username)
            page["queries"][username] = len(statements)
            if page["bytes"] is None:
                page["bytes"] = len(response.get_data())
        if not page["users"]:
            raise SystemExit(f"bench pages: {name} ({url}) answered no demo user with 200")
        pages.append(page)
    names = {page["name"] for page in pages}
    with app.test_request_context("/"):
        # The core's pages alone: the yardstick a module's mix is held against in the same run
        # (the machine's speed drifts from day to day; the two mixes share it).
        mixes = {"core pages": [name for name, *_rest in core]}
        mixes.update({label: [name for name in wanted if name in names]
                      for key, (label, wanted) in MODULE_MIXES.items() if key in enabled_modules()})
    json.dump({"pages": pages, "mixes": mixes, "search_word": word, "people_pages": people_pages}, sys.stdout,
              ensure_ascii=False)


if __name__ == "__main__":
    main()
