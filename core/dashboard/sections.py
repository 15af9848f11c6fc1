"""Collecting the dashboard: one section per enabled module (or core part) that implements
``ravabet_dashboard_metrics`` or ``ravabet_dashboard_charts``.

Each section is built on its own, in a guard: a module whose hook raises (or returns something
malformed) gets a section with an error message and the others are unaffected. Sections are built
all at once (no JavaScript, the PDF) or one per request (the page's lazy htmx slots).
"""
import logging
import traceback
from dataclasses import dataclass, field
from functools import cached_property

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.dashboard.charts import Chart, month_label
from core.jalali import JalaliDateError, Period, days_in_month, jalali_today
from core.permissions import user_can
from core.plugins.manager import enabled_modules, registry
from core.text import fa_number

log = logging.getLogger(__name__)
METRICS_HOOK = "ravabet_dashboard_metrics"
CHARTS_HOOK = "ravabet_dashboard_charts"
TREND_MONTHS = 12


class HookFailed(Exception):
    """A source's hook raised (already logged)."""


@dataclass(frozen=True)
class Source:
    """A module (or a core part) that contributes to the dashboard."""

    name: str   # the plugin manager's name: the plugin key, or "core:<module>"
    key: str    # in URLs and element ids
    title: str
    icon: str = ""


@dataclass
class Change:
    """A figure against the same figure of an earlier period."""

    label: str          # e.g. "نسبت به دوره قبل"
    period_label: str   # the earlier period, e.g. "مهر ۱۴۰۳"
    base: float | None  # the earlier figure; None when the module did not give one
    value: float

    @cached_property  # read several times per tile by the template
    def percent(self):
        if not self.base:
            return None
        return (self.value - self.base) / abs(self.base) * 100

    @cached_property
    def direction(self):
        """up, down, same, or none (no earlier data to compare with)."""
        percent = self.percent
        if percent is None:
            return "none"
        rounded = round(percent, 1)
        return "up" if rounded > 0 else "down" if rounded < 0 else "same"

    @property
    def arrow(self):
        return {"up": "▲", "down": "▼"}.get(self.direction, "")

    @property
    def figure(self):
        """«۱۲٪», «۳٫۵٪», «بدون تغییر» or «بدون داده قبلی»."""
        direction = self.direction
        if direction == "none":
            return _("no earlier data")
        if direction == "same":
            return _("no change")
        size = abs(self.percent)
        return f"{fa_number(round(size)) if size >= 10 else fa_number(round(size, 1))}٪"

    @property
    def text(self):
        """«▲ ۱۲٪», «▼ ۳٫۵٪», or the figure alone when there is no direction."""
        return f"{self.arrow} {self.figure}".strip()

    @property
    def words(self):
        """«افزایش ۱۲٪», «کاهش ۳٫۵٪»: for the PDF, whose font has no arrows."""
        if self.direction == "up":
            return _("up %(percent)s", percent=self.figure)
        if self.direction == "down":
            return _("down %(percent)s", percent=self.figure)
        return self.figure


@dataclass
class Tile:
    key: str
    title: str
    value: float
    unit: str = ""
    url: str | None = None
    lower_is_better: bool = False
    changes: list[Change] = field(default_factory=list)

    @property
    def value_text(self):
        return fa_number(self.value)


@dataclass
class Section:
    source: Source
    period: Period
    tiles: list[Tile] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    error: str | None = None

    @property
    def empty(self):
        return not (self.tiles or self.charts or self.error)


def sources():
    """The contributing core parts, then the enabled modules by title."""
    plugins = registry()
    enabled = enabled_modules()
    found = {}
    for hook_name in (METRICS_HOOK, CHARTS_HOOK):
        for impl in getattr(plugins.pm.hook, hook_name).get_hookimpls():
            name = impl.plugin_name
            if name in found or not (name in plugins.core_names or name in enabled):
                continue
            if name in plugins.core_names:
                module = plugins.pm.get_plugin(name)
                key = name.removeprefix("core:")
                found[name] = Source(name, key, str(getattr(module, "TITLE", key)), getattr(module, "ICON", ""))
            else:
                record = plugins.records[name]
                found[name] = Source(name, name, record.title, record.icon)
    return sorted(found.values(), key=lambda s: (not s.name.startswith("core:"), s.title))


def find_source(key):
    return next((source for source in sources() if source.key == key), None)


def trend_period(period):
    """The months a trend chart shows for ``period``: the 12 Jalali months that end with the
    period's last month (the last one clipped to the period's end), or the period itself when it
    is longer."""
    months = period.months()
    if len(months) >= TREND_MONTHS:
        return period
    jy, jm = months[-1][0], months[-1][1]
    back = jy * 12 + jm - 1 - (TREND_MONTHS - 1)
    sy, sm = divmod(back, 12)
    start = Period.month(sy, sm + 1).start
    return Period(start, period.end, "custom", f"{month_label(sy, sm + 1)} تا {month_label(jy, jm)}")


def _hook_impl(source, hook_name):
    return next((impl for impl in getattr(registry().pm.hook, hook_name).get_hookimpls()
                 if impl.plugin_name == source.name), None)


def _hook_result(source, hook_name, **kwargs):
    """One source's implementation of a hook; a failure is logged and kept as the registry does
    for other hooks, then raised to the section's guard."""
    impl = _hook_impl(source, hook_name)
    if impl is None:
        return []
    try:
        return impl.function(*(kwargs[arg] for arg in impl.argnames)) or []
    except Exception as error:
        registry().runtime_errors[source.name] = traceback.format_exc()
        log.exception("hook %s of plugin %s failed", hook_name, source.name)
        raise HookFailed(hook_name) from error


def _visible(items, user):
    return [item for item in items if not item.get("permission") or user_can(user, item["permission"])]


def _url(item, source):
    if not item.get("endpoint"):
        return None
    try:
        return url_for(item["endpoint"], **item.get("url_args", {}))
    except Exception:  # a bad endpoint must not hide the figure
        log.exception("dashboard metric of %s has a bad endpoint", source.name)
        return None


def _earlier(period):
    """(label, earlier period) pairs a figure is compared with; one may be missing at the ends
    of the supported years."""
    pairs = []
    for label, make in ((_l("against the previous period"), period.previous),
                        (_l("against the same period last year"), period.same_period_last_year)):
        try:
            pairs.append((label, make()))
        except JalaliDateError:
            continue
    return pairs


def _values_by_key(source, period, user):
    return {str(item["key"]): item["value"]
            for item in _visible(_hook_result(source, METRICS_HOOK, period=period, user=user), user)}


def _figures(source, periods, user):
    """The source's visible figures of ``periods[0]``, each with its values in ``periods``:
    ``[(item, [value, ...])]``. A hook that takes ``periods`` is called once and gives ``values``;
    one that does not is called once per period (the earlier ones only when it gave figures)."""
    impl = _hook_impl(source, METRICS_HOOK)
    if impl is not None and "periods" in impl.argnames:
        items = _visible(_hook_result(source, METRICS_HOOK, period=periods[0], user=user, periods=periods), user)
        figures = [(item, list(item["values"])) for item in items]
        if any(len(values) != len(periods) for _item, values in figures):
            raise ValueError(f"dashboard figures of {source.name} need one value per period")
        return figures
    items = _visible(_hook_result(source, METRICS_HOOK, period=periods[0], user=user), user)
    bases = [_values_by_key(source, period, user) for period in periods[1:]] if items else []
    return [(item, [item["value"], *(values.get(str(item["key"])) for values in bases)]) for item in items]


def build_section(source, period, user, compare=True, charts=True):
    """The section of one source for ``period``: its visible figures (with changes against the
    previous period and the same period last year when ``compare``) and its trend charts."""
    section = Section(source, period)
    try:
        earlier = _earlier(period) if compare else []
        for item, (value, *bases) in _figures(source, [period, *(before for _label, before in earlier)], user):
            section.tiles.append(Tile(
                key=str(item["key"]), title=str(item["title"]), value=value,
                unit=str(item.get("unit") or ""), url=_url(item, source),
                lower_is_better=bool(item.get("lower_is_better")),
                changes=[Change(str(label), before.label, base, value)
                         for (label, before), base in zip(earlier, bases)],
            ))
        if charts:
            trend = trend_period(period)
            section.charts = [Chart.from_hook(item) for item in
                              _visible(_hook_result(source, CHARTS_HOOK, period=trend, user=user), user)]
    except Exception as error:
        if not isinstance(error, HookFailed):  # the hook ran but gave something unusable
            registry().runtime_errors[source.name] = traceback.format_exc()
            log.exception("the dashboard figures or charts of %s are malformed", source.name)
        section.tiles, section.charts = [], []
        section.error = _("The figures of this part could not be computed. The error was logged; "
                          "the rest of the dashboard is not affected.")
    return section


def build_sections(period, user, **options):
    """Every source's section that has something to show this user."""
    sections = (build_section(source, period, user, **options) for source in sources())
    return [section for section in sections if not section.empty]


def last_month():
    """The last whole Jalali month: the usual period of the monthly dashboard report."""
    today = jalali_today()
    if today.day == days_in_month(today.year, today.month):
        return Period.month(today.year, today.month)
    return Period.month(today.year, today.month - 1) if today.month > 1 else Period.month(today.year - 1, 12)

