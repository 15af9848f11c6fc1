"""The committee kit's own hook implementations (registered as a core part in core.setup): the
plain committees' figures and monthly trend on the dashboard, their items in the activity report,
and demo data.
A plugin's committees are reported by the plugin, with the helpers of core.committees.stats."""
from flask_babel import lazy_gettext as _l

from core.committees import stats
from core.plugins.hookspecs import hookimpl

# The dashboard names this part's section with these.
TITLE = _l("Committees")
ICON = "⚑"


@hookimpl
def ravabet_dashboard_metrics(period, user):
    return stats.dashboard_metrics(period, user)


@hookimpl
def ravabet_dashboard_charts(period, user):
    return stats.dashboard_charts(period, user)


@hookimpl
def ravabet_report_items(period):
    return stats.report_items(period)


@hookimpl
def ravabet_demo_data(session, context):
    from core.committees.demo import add_demo_committees

    add_demo_committees(session, context)
