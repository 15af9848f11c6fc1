"""Content analysis (تحلیل محتوا): the period's published news items counted by topic, official,
channel and type, with each one's share and monthly trend.

Everything is counted in SQL with GROUP BY, a fixed number of queries whatever the data: one for
the period's total, one for its monthly trend, and per table one for the counts and one for the
monthly counts of its first rows (the chart's series). Each figure links to the news list
filtered by what it counts; each table downloads as XLSX/CSV (``?table=<key>&format=xlsx``).
"""
from dataclasses import dataclass

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, case, func, literal_column, select

from core.dashboard.charts import PALETTE, Chart
from core.db import db
from core.exporting import Column, export_format, export_response
from core.jalali import to_jalali_input
from core.models import Person
from core.period_picker import PeriodPicker
from core.permissions import permission_required
from core.rendering import render
from core.stats import count_in, in_days, monthly_counts
from core.text import to_ascii_digits

from ..blueprint import bp
from ..labels import label
from ..models import Channel, NewsItem, Publication, Topic
from ..models.items import item_officials, item_topics

# The chart of a table shows its first rows as series: as many as the core's charts draw.
TREND_SERIES = len(PALETTE)
PUBLISHED = NewsItem.status == "published"


@dataclass(frozen=True)
class Dimension:
    """One way of counting the items: the table's ``key`` (in ``?table=``), its titles, the news
    list's filter argument it links to, the column it groups by and the joins that reach it."""

    key: str
    title: object
    heading: object
    arg: str
    column: object
    names: tuple = ()
    joins: tuple = ()

    def name(self, row):
        if self.key == "types":
            return str(label("item_type", row.key))
        return " ".join(str(part) for part in row[2:])

    def select(self, *columns):
        """``columns`` of the published items joined to this dimension (items in the trash are
        left out by the ORM)."""
        statement = select(*columns).select_from(NewsItem)
        for target, onclause in self.joins:
            statement = statement.join(target, onclause)
        return statement.where(PUBLISHED)


DIMENSIONS = (
    Dimension("topics", _l("By topic"), _l("Topic"), "topic", item_topics.c.topic_id, (Topic.name,),
              ((item_topics, item_topics.c.item_id == NewsItem.id), (Topic, Topic.id == item_topics.c.topic_id))),
    Dimension("officials", _l("By official"), _l("Official"), "official", item_officials.c.person_id,
              (Person.first_name, Person.last_name),
              ((item_officials, item_officials.c.item_id == NewsItem.id),
               (Person, Person.id == item_officials.c.person_id))),
    Dimension("channels", _l("By publication channel"), _l("Channel"), "channel", Publication.channel_id,
              (Channel.name,),
              ((Publication, Publication.item_id == NewsItem.id), (Channel, Channel.id == Publication.channel_id))),
    Dimension("types", _l("By type"), _l("Type"), "type", NewsItem.type),
)
BY_KEY = {dimension.key: dimension for dimension in DIMENSIONS}


@dataclass
class Row:
    key: object
    name: str
    count: int
    share: float  # percent of the period's published items
    url: str


@dataclass
class Table:
    dimension: Dimension
    rows: list
    chart: Chart | None = None


def _list_args(period):
    """The news list's arguments for the period's published items."""
    return {"start": to_ascii_digits(to_jalali_input(period.start)),
            "end": to_ascii_digits(to_jalali_input(period.end)), "status": "published"}


def _rows(dimension, period, total):
    """The counts of ``dimension`` in ``period``, largest first (one GROUP BY query)."""
    count = func.count().label("count")
    statement = (dimension.select(dimension.column.label("key"), count, *dimension.names)
                 .where(in_days(NewsItem.date, period.start, period.end))
                 .group_by(dimension.column, *dimension.names)
                 .order_by(count.desc(), *dimension.names, dimension.column))
    list_args = _list_args(period)
    return [Row(row.key, dimension.name(row), row.count, round(100 * row.count / total, 1) if total else 0.0,
                url_for("news.index", **{dimension.arg: row.key}, **list_args))
            for row in db.session.execute(statement)]


def _trend(dimension, period, rows):
    """The monthly counts of the first rows as a chart (one GROUP BY query over month and key)."""
    top = rows[:TREND_SERIES]
    if not top:
        return None
    months = period.months()
    # Month numbers written into the SQL and grouped over a subquery, as core.stats.monthly_counts
    # does, so that PostgreSQL accepts the GROUP BY.
    bucket = case(*[(in_days(NewsItem.date, start, end), literal_column(str(index), Integer))
                    for index, (_jy, _jm, start, end) in enumerate(months)]).label("bucket")
    keyed = (dimension.select(bucket, dimension.column.label("key"))
             .where(in_days(NewsItem.date, period.start, period.end),
                    dimension.column.in_([row.key for row in top]))
             .subquery())
    counts = {(int(index), key): count for index, key, count in db.session.execute(
        select(keyed.c.bucket, keyed.c.key, func.count()).group_by(keyed.c.bucket, keyed.c.key))}
    series = [{"title": row.name,
               "counts": [(jy, jm, counts.get((index, row.key), 0)) for index, (jy, jm, _s, _e) in enumerate(months)]}
              for row in top]
    return Chart.from_hook({"key": dimension.key, "title": _("%(table)s, per month", table=dimension.title),
                            "series": series})


EXPORT_COLUMNS = {
    dimension.key: [Column(dimension.heading, "name", width=40),
                    Column(_l("News items"), "count", kind="number", width=14),
                    Column(_l("Share of the period's news items (percent)"), "share", kind="number", width=22)]
    for dimension in DIMENSIONS
}


@bp.route("/analysis/")
@permission_required("news.view")
def analysis():
    picker = PeriodPicker.from_args(request.args)
    period = picker.period
    total = count_in(period, NewsItem.date, PUBLISHED)
    fmt = export_format()
    if fmt is not None:
        dimension = BY_KEY.get(request.args.get("table", ""))
        if dimension is None:
            abort(404)
        title = _("Content analysis, %(table)s", table=dimension.title)
        return export_response(_rows(dimension, period, total), EXPORT_COLUMNS[dimension.key], title=title,
                               filename=f"{title} {period.label}", fmt=fmt)
    tables = []
    for dimension in DIMENSIONS:
        rows = _rows(dimension, period, total)
        tables.append(Table(dimension, rows, _trend(dimension, period, rows)))
    trend = Chart.from_hook({"key": "all", "title": _("Published news items per month"),
                             "counts": monthly_counts(NewsItem.date, period, PUBLISHED)})
    return render("news/analysis/index.html", picker=picker, period=period, total=total, tables=tables,
                  trend=trend, columns=EXPORT_COLUMNS, list_url=url_for("news.index", **_list_args(period)))
