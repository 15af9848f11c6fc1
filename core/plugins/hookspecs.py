"""The hooks a Ravabet plugin can implement.

Every hook is documented here: what it is for, its arguments, what it returns and when it is
called. ``tests/core/test_hookspecs.py`` fails when a hook has no docstring or no test, and
docs/plugins.md shows each one in use.

Boot-time hooks are called once per plugin in ``create_app``; if one raises, the plugin is marked
as failed (shown on the admin modules page) and unregistered, and the app starts without it.

Request-time hooks are called only for plugins whose module is enabled (core parts are always
on), each implementation in its own guard: one that raises is logged and skipped, the others run.
Their results are collected in a list, most recently registered plugin first.

Hooks return data (dicts, lists, blueprints), never rendered HTML.
"""
import pluggy

hookspec = pluggy.HookspecMarker("ravabet")
hookimpl = pluggy.HookimplMarker("ravabet")


# --- boot-time hooks ---------------------------------------------------------------------------

@hookspec(firstresult=True)
def ravabet_plugin_info():
    """Describe the plugin.

    Called once at start-up, before any other hook of the plugin.

    :return: a dict with ``key`` (the URL prefix, table prefix and Alembic branch label: lower
        case letters, digits and underscores), ``title`` (Persian title shown in navigation and
        settings), ``icon`` (a short emoji or symbol), ``version`` (string) and optionally
        ``description`` (Persian). Required: a plugin without it fails to load.
    """


@hookspec
def ravabet_blueprints():
    """Give the plugin's Flask blueprint(s).

    Called once at start-up. The first blueprint must be named after the plugin key; it is
    registered with ``url_prefix="/<key>"`` and its routes answer 404 while the module is
    disabled. Templates go in ``plugins/<key>/templates/<key>/``.

    :return: a ``flask.Blueprint`` or a list of them.
    """


@hookspec
def ravabet_migrations_dir():
    """Point Alembic at the plugin's revisions.

    Called once at start-up. The folder holds an Alembic branch labelled with the plugin key
    whose first revision ``depends_on`` the core revision it needs; ``flask db upgrade`` applies
    all heads.

    :return: an absolute path (str or Path) to the folder of revision files, or None.
    """


@hookspec
def ravabet_permissions():
    """Declare the plugin's permissions.

    Called once at start-up. Codes must start with ``"<key>."``. A permission's default roles
    get it unless an admin changes that on the roles page. Head and staff users hold a module's
    permissions only in the department the module is assigned to; viewers read everywhere.

    :return: a list of ``core.permissions.Permission``.
    """


@hookspec
def ravabet_template_helpers():
    """Add Jinja filters and globals.

    Called once at start-up.

    :return: a dict with optional keys ``filters`` and ``globals``, each a dict of name to
        callable. Names should start with the plugin key to avoid clashes.
    """


@hookspec
def ravabet_cli_commands():
    """Add ``flask`` CLI commands.

    Called once at start-up.

    :return: a list of ``click.Command`` (a ``click.Group`` named after the plugin key is the
        convention: ``flask --app app <key> ...``).
    """


@hookspec
def ravabet_demo_data(session, context):
    """Create realistic Persian demo data for ``flask seed-demo``.

    Called by ``seed-demo`` for every loaded plugin, after the core's demo organizations,
    people, departments and users exist.

    :param session: the SQLAlchemy session to add rows to (committed by the caller).
    :param context: a ``core.demo.DemoContext`` with ``departments`` (dict by name),
        ``users`` (dict by username), ``organizations``, ``people``, ``random`` (a seeded
        ``random.Random``) and ``years`` (how many years of history to create; 1 by default,
        the benchmark asks for 10).
    :return: None.
    """


@hookspec
def ravabet_meeting_types():
    """Add meeting types to the committee kit (core.committees), beside its defaults: general,
    board, training, critique session and visit.

    Called once at start-up, when the kit's blueprint is registered. A key that is malformed or
    already taken fails the plugin.

    :return: a list of dicts: ``key`` (stored with each meeting: lower case letters, digits and
        underscores), ``title`` (Persian) and optionally ``kinds``: the committee kinds (plugin
        keys) the type is offered for, or ``"all"`` for every committee, plain ones included;
        by default only the plugin's own committees (``kind`` = the plugin key).
    """


# --- request-time hooks (enabled modules only) ---------------------------------------------------

@hookspec
def ravabet_nav_items(user):
    """Add entries to the main navigation.

    Called on every full page render for the logged-in user.

    :param user: the current ``core.models.User``.
    :return: a list of dicts: ``title`` (Persian), ``endpoint`` (Flask endpoint) and optionally
        ``url_args`` (dict), ``permission`` (code the user must hold; the item is hidden
        otherwise), ``icon``, ``order`` (int, lower first) and ``section``: ``"main"`` (the
        navigation bar, the default: a department module's own pages), ``"reports"`` (the «گزارش و
        آمار» menu) or ``"admin"`` (the administration menu).
    """


@hookspec
def ravabet_dashboard_metrics(period, user, periods):
    """Contribute figures to the dashboard (and the home page's summary).

    Called when the dashboard is shown: for the chosen period, then again for the previous
    period and the same period last year (the figures are matched by ``key`` and shown with the
    change in percent). Count in SQL (``core.stats.count_in``); the calls must not run more
    queries as the rows grow. A core part (``registry.register_core``) names its dashboard
    section with module attributes ``TITLE`` and ``ICON``.

    An implementation that takes ``periods`` is called once instead, and gives each figure
    ``values``, one per period (``core.stats.counts_in`` counts them in one query; None where
    the figure has no value in an earlier period). Implementations without it keep working.

    :param period: a ``core.jalali.Period``.
    :param user: the current user (hide what they may not see).
    :param periods: ``period`` and the earlier periods it is compared with, in that order (only
        ``period`` on the home page); an implementation may leave it out (see above).
    :return: a list of dicts: ``key`` (unique within the plugin), ``title`` (Persian),
        ``value`` (number; with ``periods``: ``values``, a list of one number per period, the
        first shown), optional ``unit`` (Persian), ``endpoint`` and ``url_args`` of the list
        the figure counts, ``permission``, ``lower_is_better`` (True when a fall is good
        news, e.g. overdue resolutions: the change is then coloured the other way round), and
        ``department_id`` (the department the figure belongs to, when a core part such as the
        committee kit serves several departments; its titles then name the department too).
    """


@hookspec
def ravabet_dashboard_charts(period, user):
    """Contribute monthly trend charts to the dashboard and its monthly PDF report.

    Called when the module's part of the dashboard is shown, with the months a trend covers:
    the 12 Jalali months that end with the chosen period's last month (or the chosen period
    when it is longer). Count with ``core.stats.monthly_counts(date_column, period, *where)``:
    one query per series.

    :param period: a ``core.jalali.Period`` (kind ``custom``) spanning the trend's months; its
        first and last months may be partial.
    :param user: the current user (hide what they may not see).
    :return: a list of dicts: ``key`` (unique within the plugin), ``title`` (Persian), either
        ``counts`` (one series: ``[(jalali_year, jalali_month, count), ...]`` for every month of
        ``period`` in order, as ``monthly_counts`` returns) or ``series`` (up to four:
        ``[{"title": Persian, "counts": [...]}, ...]`` over the same months), and optionally
        ``unit`` (Persian) and ``permission``.
    """


@hookspec
def ravabet_report_items(period):
    """Contribute numbered items to the activity report (گزارش مختصر فعالیت‌ها).

    Called when the report is assembled for a period (the /reports/ page, its exports and the
    comparison of a saved edition with fresh data). Build the text from counts computed in SQL,
    with Persian digits (``core.text.fa_number``); return nothing for a period without activity.
    The items of a module go to the section of the department its module is assigned to; users
    may hide, reorder and reword them before export, and edits are found again by ``key``.

    :param period: a ``core.jalali.Period``.
    :return: a list of dicts: ``key`` (stable id of the item within the plugin), ``text``
        (Persian sentence) and optionally:

        - ``details``: list of Persian strings (detail rows, shown on request);
        - ``previous``: the date (or timestamp) of the latest earlier occurrence of this kind of
          activity, or None when there is none, found with
          ``core.reports.previous_occurrence(date_column, period.start, *where)`` (one query).
          The core then adds «برای اولین بار» (None) or «پس از N سال» (N or more years before,
          ``REPORT_GAP_YEARS``, default 2) to the text; leave the key out for no annotation;
        - ``occurred``: the date of the first occurrence within the period, from which the gap
          is counted (default: the start of the period);
        - ``department_id``: the department whose section the item belongs to, for core parts
          such as the committee kit and for plugins serving several departments (default: the
          module's department; without one, the «سایر» section).
    """


@hookspec
def ravabet_calendar_entries(start, end, user):
    """Put the module's dated records on the calendar (/calendar/: a Jalali month and the agenda
    list): meetings, press conferences, bookings, ceremonies, deadlines.

    Called when the calendar shows a month (the grid or the agenda), once per page, with the
    month's first and last days. Return the entries overlapping those days that ``user`` may see,
    with a fixed number of queries (a page must not run more queries as rows grow). The official
    holidays and the occasions are the core's own entries; a module does not return them.

    :param start: the first day shown (``datetime.date``, a day in Tehran).
    :param end: the last day shown (inclusive).
    :param user: the current user.
    :return: a list of dicts: ``title`` (Persian); either ``date`` (a ``datetime.date``: an all-day
        entry, with optional ``end_date``, inclusive, for several days) or ``start`` (a
        ``datetime``, aware or naive UTC) with optional ``end`` and ``all_day`` (default False:
        the time is shown); ``kind``: ``meeting``, ``press_conference``, ``booking``,
        ``ceremony``, ``deadline`` (or ``occasion``), which gives its colour and Persian label
        (another kind needs ``kind_title``, shown in the neutral colour); the record's page as
        ``url``, or ``endpoint`` and ``url_args``; and optionally ``detail`` (a short Persian line:
        the place, the committee) and ``permission`` (a code the user must hold, checked in
        ``department_id`` when given; the entry is hidden otherwise).
    """


@hookspec
def ravabet_search(query, user, limit):
    """Contribute search hits to /search (the box in the navigation of every page).

    Called when a user searches, with a query of at least two letters. Match with
    ``query.match(Model.search_text)`` (``SearchableMixin`` keeps that column normalized, as the
    query's words are: ي/ی, ك/ک, Persian/Arabic/Latin digits and ZWNJ compare equal), show only
    what the user may see, and let the core run each group: stopping at ``limit`` rows and
    counting no further than 100, the search stays fast on years of data. Return plain text: the
    core escapes it and marks the matched words.

    A group is best a ``core.search.SearchGroup`` (its searched columns, a function of the match
    condition building its statement, its hit function and a function giving ``more_url``): the
    core builds and runs it only when the text indexes show every word in one of its columns.

    :param query: a ``core.search.SearchQuery``: ``text`` (as typed, cleaned; for a list URL's
        ``?q=``), ``words`` (normalized) and ``match(*columns)`` (an SQL condition: every word in
        one of the columns).
    :param user: the current user (return nothing they may not see).
    :param limit: the most hits per group.
    :return: a list of groups (None for nothing): ``SearchGroup``s, or dicts (as
        ``core.search.search_group`` runs a built statement into) with ``key`` (unique within the plugin),
        ``title`` (Persian name of the kind of record, e.g. «افراد»), ``hits`` (a list of dicts:
        ``title``, ``url`` and optionally ``detail``, a longer text shown cut around the first match,
        and ``date``), and optionally ``total`` (the number of matches, counted up to 101),
        ``more_url`` (the module's own list filtered by the query) and ``permission`` (a code the
        user must hold to see the group). The page shows the groups under the module's title.
    """


@hookspec
def ravabet_deadlines(until):
    """List the open deadlines that are near or passed, for in-app notifications.

    Called by the daily deadline check (``flask notifications deadlines``, run by a timer, see
    docs/operations.md). The core notifies each recipient once when a deadline is near (due
    within ``NOTIFY_DEADLINE_DAYS``, 3 by default) and once more when it has passed; running the
    check again adds nothing. Query only open items (one or two queries, not one per item).

    :param until: the last due date of interest (today plus the notice days): return every open
        item due on or before it, overdue ones included.
    :return: a list of dicts: ``key`` (stable id of the item within the plugin, e.g.
        ``"resolution:42"``), ``title`` (Persian: what is due), ``due`` (a date), ``url`` (its
        page) and the recipients: ``department_id`` (every member and the head of that department)
        and/or ``user_ids`` (a list of user ids).
    """
