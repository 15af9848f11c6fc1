"""pytest fixtures shared by the core's tests and every plugin's tests (loaded with ``-p core.testing``).

The database is built once per test session by running the real migrations (every head), on a
SQLite file by default or on ``DATABASE_URL`` (PostgreSQL: the ``public`` schema is recreated).
Each test then runs inside a transaction that is rolled back, using SAVEPOINTs for the app's own
commits, so every test starts from a clean database.
"""
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import g, request_started, request_tearing_down
from flask_sqlalchemy.session import Session as FlaskSQLAlchemySession
from sqlalchemy import create_engine, text

DEFAULT_PASSWORD = "correct horse battery"


def _reset_database(url):
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def env_plugin_paths():
    """The folders in RAVABET_PLUGIN_PATHS (os.pathsep separated)."""
    return [path for path in os.environ.get("RAVABET_PLUGIN_PATHS", "").split(os.pathsep) if path]


@pytest.fixture(scope="session")
def ravabet_plugin_paths():
    """Extra plugin folders for the test app: RAVABET_PLUGIN_PATHS, so a plugin kept outside
    plugins/ can run its own tests; tests/conftest.py adds the scaffolded example."""
    return env_plugin_paths()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


@pytest.fixture(scope="session")
def app_config(database_url, ravabet_plugin_paths, tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_DIR": str(instance),
        "FILES_DIR": str(instance / "files"),
        "PLUGIN_PATHS": [str(p) for p in ravabet_plugin_paths],
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "localhost.test",
        "JOBS_BACKEND": "eager",  # jobs run inside enqueue(), in the test's transaction
    }


@pytest.fixture(scope="session")
def make_app(app_config):
    """Build another app on the test database, e.g. ``make_app(PLUGINS_ONLY=["sample"])``."""
    from app import create_app

    def factory(**overrides):
        return create_app({**app_config, **overrides})

    return factory


@pytest.fixture(scope="session")
def app(make_app, database_url):
    from flask_migrate import upgrade

    _reset_database(database_url)
    application = make_app()
    with application.app_context():
        upgrade(revision="heads")
        _MIGRATED_ROWS[:] = _migrated_rows()
    return application


_MIGRATED_ROWS = []  # [(table, rows)], filled once per test session by the ``app`` fixture


def _migrated_rows():
    """The rows the migrations themselves insert (a plugin's default channels, say), which a fresh
    install has: ``delete_all_rows`` puts them back."""
    from core.db import db

    with db.engine.connect() as connection:
        return [(table, rows) for table in db.metadata.sorted_tables
                if (rows := [dict(row._mapping) for row in connection.execute(table.select())])]


class _ConnectionSession(FlaskSQLAlchemySession):
    """Flask-SQLAlchemy's session picks an engine per model; in tests every query must go
    through the test's own connection (and its transaction)."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return self.bind if self.bind is not None else super().get_bind(mapper, clause, bind, **kwargs)


@contextmanager
def _fresh_g_per_request():
    """Requests made during a test reuse the test's app context (and so its session, which keeps
    the test's view of the data current), but each must start with an empty ``g`` as it would in
    production: the logged-in user and the per-request caches live there."""
    saved = []

    def started(sender, **extra):
        saved.append(dict(g.__dict__))
        g.__dict__.clear()

    def finished(sender, **extra):
        if saved:  # a test's own test_request_context() tears down without having started
            g.__dict__.clear()
            g.__dict__.update(saved.pop())

    request_started.connect(started)
    request_tearing_down.connect(finished)
    try:
        yield
    finally:
        request_started.disconnect(started)
        request_tearing_down.disconnect(finished)


@pytest.fixture(autouse=True)
def _rollback(request):
    """Wrap every test that uses the app in a transaction rolled back at the end."""
    if "app" not in request.fixturenames or request.node.get_closest_marker("committing"):
        yield
        return
    application = request.getfixturevalue("app")
    from core.db import db

    with application.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {"bind": connection, "join_transaction_mode": "create_savepoint", "class_": _ConnectionSession})
        try:
            with application.test_request_context(), _fresh_g_per_request():
                yield
        finally:
            db.session.remove()
            db.session = original
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """Create a user: ``make_user("staff", departments=[dept])``."""
    from core.auth.passwords import hash_password
    from core.db import db
    from core.models import User

    counter = iter(range(1, 10_000))

    def factory(role="staff", username=None, departments=(), heads=(), password=DEFAULT_PASSWORD, **fields):
        username = username or f"{role}{next(counter)}"
        user = User(username=username, full_name=fields.pop("full_name", f"کاربر {username}"), role=role,
                    password_hash=hash_password(password), **fields)
        user.departments.extend(departments)
        db.session.add(user)
        db.session.flush()
        for department in heads:
            department.head = user
        db.session.commit()
        return user

    return factory


@pytest.fixture
def make_department(app):
    from core.db import db
    from core.models import Department

    counter = iter(range(1, 10_000))

    def factory(name=None, **fields):
        department = Department(name=name or f"واحد {next(counter)}", **fields)
        db.session.add(department)
        db.session.commit()
        return department

    return factory


@pytest.fixture
def login(client):
    """Log a user in through the real login form: ``login(user)``."""

    def do_login(user, password=DEFAULT_PASSWORD, test_client=None):
        c = test_client or client
        response = c.post("/login", data={"username": user.username, "password": password})
        assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]
        return c

    return do_login


@pytest.fixture
def enable_module(app):
    """Turn a plugin on (or off) and optionally assign it: ``enable_module("sample", department)``.

    Writes the module's row directly, so it works for plugins of any app built with make_app."""
    from core.db import db
    from core.models import ModuleState

    def do_enable(key, department=None, enabled=True):
        state = db.session.get(ModuleState, key) or ModuleState(key=key)
        state.enabled = enabled
        if department is not None:
            state.department_id = department.id
        db.session.add(state)
        db.session.commit()

    return do_enable


@pytest.fixture
def count_queries(app):
    """``with count_queries() as statements: ...`` lists the SQL statements run inside the block
    (transaction bookkeeping such as SAVEPOINT excluded), for tests that bound queries per page."""
    from sqlalchemy import event

    from core.db import db

    bookkeeping = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT", "ROLLBACK")

    @contextmanager
    def counting():
        statements = []

        def before(conn, cursor, statement, params, context, executemany):
            if not statement.lstrip().upper().startswith(bookkeeping):
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return counting


def persian_text(html):
    """The visible text of an HTML answer, for assertions on Persian content."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="session")
def chromium_path():
    """Debian's Chromium, or skip browser tests with the reason shown."""
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")
    return path


def pytest_configure(config):
    config.addinivalue_line("markers", "committing: the test commits for real (no rollback)")
    import plugins

    # Test modules import plugins.<key> when collected, before the app joins these to the package.
    for path in env_plugin_paths():
        if path not in plugins.__path__:
            plugins.__path__.append(path)


# --- browser tests --------------------------------------------------------------------------------

def delete_all_rows():
    """Return the database to its freshly migrated state (browser tests commit for real; the next
    tests expect a clean database): every table emptied, then the migrations' own rows put back."""
    from core.db import db

    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
        for table, rows in _MIGRATED_ROWS:
            connection.execute(table.insert(), rows)


class LiveServer:
    def __init__(self, app, url):
        self.app = app
        self.url = url

    def __call__(self, path=""):
        return self.url + path


@pytest.fixture(scope="module")
def live_server(app, make_app):
    """The app served on a free local port in a thread, with CSRF on as in production.

    Its data is committed for real, so tests using it are marked ``committing`` (no rollback) and
    every table is emptied when the module's tests are done."""
    import threading

    from werkzeug.serving import make_server

    server_app = make_app(WTF_CSRF_ENABLED=True, SERVER_NAME=None)
    server = make_server("127.0.0.1", 0, server_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(server_app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with server_app.app_context():
            delete_all_rows()


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Debian's Chromium driven by Playwright (no browser download). Actions and ``expect`` wait up
    to 10 s: the suite shares 2 cores with PostgreSQL, and a swap can take longer than the 5 s default."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fa-IR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def catalog_problems(plugin_folder):
    """``(missing, unused)`` msgids of a plugin's Persian catalog against what its code and
    templates use (its babel.cfg): every message translated, none left over."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg
    from babel.messages.pofile import read_po

    folder = Path(plugin_folder)
    with open(folder / "translations/fa/LC_MESSAGES/messages.po", "rb") as po_file:
        catalog = read_po(po_file, locale="fa")
    with open(folder / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    used = {message if isinstance(message, str) else message[0]
            for _file, _line, message, _comments, _context in extract_from_dir(
                str(folder), method_map, options_map, keywords={**DEFAULT_KEYWORDS, "_l": None})}
    missing = sorted(m for m in used if not (catalog.get(m) and catalog.get(m).string))
    unused = sorted(m.id for m in catalog if m.id and m.id not in used)
    return missing, unused


def pick_person(page, field, name):
    """In a Playwright ``page``, search a person field (core.forms.people) for ``name`` and tick the
    match. Waits for the page to finish loading first: text typed before htmx has bound the field
    would search nothing."""
    page.wait_for_load_state("load")
    page.fill(f"#{field}", name)
    page.locator(f"#{field}-options label", has_text=name).locator("input").check()


def module_fixtures(module, department_name):
    """The usual fixtures of a department module's tests, for its conftest.py:

        department, head, staff, viewer, head_client, staff_client = module_fixtures("news", "واحد خبر")

    ``department`` runs the module (turned on), ``head`` heads it, ``staff`` works in it, ``viewer``
    only reads; ``head_client`` is a logged-in client of its own (usable beside ``staff_client``,
    the default client logged in as staff)."""

    @pytest.fixture
    def department(make_department, enable_module):
        made = make_department(department_name)
        enable_module(module, made)
        return made

    @pytest.fixture
    def head(make_user, department):
        return make_user("head", departments=[department], heads=[department])

    @pytest.fixture
    def staff(make_user, department):
        return make_user("staff", departments=[department])

    @pytest.fixture
    def viewer(make_user):
        return make_user("viewer")

    @pytest.fixture
    def head_client(app, login, head):
        return login(head, test_client=app.test_client())

    @pytest.fixture
    def staff_client(login, staff):
        return login(staff)

    return department, head, staff, viewer, head_client, staff_client
