"""Content analysis (تحلیل محتوا): the period's published news items counted by topic, official,
channel and type, with each one's share and monthly trend.

Everything is counted in SQL with GROUP BY, one query per table whatever the data: its values
counted per month, with each value's total (a window sum), which give the table and its chart's
series; the types' counts also give the period's total and monthly trend. Each figure links to
the news list filtered by what it counts; each table downloads as XLSX/CSV
(``?table=<key>&format=xlsx``).
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
from core.stats import in_days
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
        return " ".join(str(getattr(row, f"name{index}")) for index in range(len(self.names)))

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


def _month_bucket(months):
    """The index of a row's month in ``months`` (the period's: the rows are in the period, so it is
    the first month whose end the row does not pass). The numbers are written into the SQL: as
    bound parameters PostgreSQL would not know their type."""
    return case(*[(NewsItem.date <= end, literal_column(str(index), Integer))
                  for index, (_jy, _jm, _start, end) in enumerate(months)]).label("bucket")


def _counts(dimension, period, bucket):
    """The period's items counted per value of ``dimension`` and per month (``bucket``), in one
    GROUP BY query: ``[(row, {month index: count}), ...]`` with each value's total, largest first."""
    names = [name.label(f"name{index}") for index, name in enumerate(dimension.names)]
    # Grouped over a subquery: PostgreSQL would not accept GROUP BY on a CASE whose bound
    # parameters differ from the selected one's.
    keyed = (dimension.select(bucket, dimension.column.label("key"), *names)
             .where(in_days(NewsItem.date, period.start, period.end)).subquery())
    names = [keyed.c[name.name] for name in names]
    total = func.sum(func.count()).over(partition_by=keyed.c.key).label("total")
    statement = (select(keyed.c.key, keyed.c.bucket, func.count().label("count"), total, *names)
                 .group_by(keyed.c.key, keyed.c.bucket, *names)
                 .order_by(total.desc(), *names, keyed.c.key))
    counts = {}
    for row in db.session.execute(statement):
        counts.setdefault(row.key, (row, {}))[1][int(row.bucket)] = row.count
    return list(counts.values())


def _rows(dimension, counts, period, total):
    """The table's rows: each value's count and share of the period's items."""
    list_args = _list_args(period)
    return [Row(row.key, dimension.name(row), int(row.total), round(100 * int(row.total) / total, 1) if total else 0.0,
                url_for("news.index", **{dimension.arg: row.key}, **list_args))
            for row, _by_month in counts]


def _monthly(by_month, months):
    """``[(jy, jm, count), ...]`` for every month, 0 for those without items."""
    return [(jy, jm, by_month.get(index, 0)) for index, (jy, jm, _start, _end) in enumerate(months)]


def _trend(dimension, counts, rows, months):
    """The monthly counts of the first rows as a chart."""
    if not rows:
        return None
    series = [{"title": row.name, "counts": _monthly(by_month, months)}
              for row, (_row, by_month) in zip(rows[:TREND_SERIES], counts)]
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
    months = period.months()
    bucket = _month_bucket(months)
    # Every item has one type: the types' counts add up to the period's total, month by month.
    by_type = _counts(BY_KEY["types"], period, bucket)
    total = sum(int(row.total) for row, _by_month in by_type)

    def counts_of(dimension):
        return by_type if dimension.key == "types" else _counts(dimension, period, bucket)

    fmt = export_format()
    if fmt is not None:
        dimension = BY_KEY.get(request.args.get("table", ""))
        if dimension is None:
            abort(404)
        title = _("Content analysis, %(table)s", table=dimension.title)
        return export_response(_rows(dimension, counts_of(dimension), period, total), EXPORT_COLUMNS[dimension.key],
                               title=title, filename=f"{title} {period.label}", fmt=fmt)
    tables = []
    for dimension in DIMENSIONS:
        counts = counts_of(dimension)
        rows = _rows(dimension, counts, period, total)
        tables.append(Table(dimension, rows, _trend(dimension, counts, rows, months)))
    every_month = {}
    for _row, by_month in by_type:
        for index, count in by_month.items():
            every_month[index] = every_month.get(index, 0) + count
    trend = Chart.from_hook({"key": "all", "title": _("Published news items per month"),
                             "counts": _monthly(every_month, months)})
    return render("news/analysis/index.html", picker=picker, period=period, total=total, tables=tables,
                  trend=trend, columns=EXPORT_COLUMNS, list_url=url_for("news.index", **_list_args(period)))
