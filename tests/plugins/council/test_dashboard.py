"""The council's dashboard figures for several periods at once: one call gives, per figure, what
one call per period gives, over the demo's year of every part."""
import random

from core.db import db
from core.demo import DemoContext
from core.jalali import Period, jalali_today
from plugins.council import demo, reports


def test_the_figures_of_several_periods_come_from_one_call(app, department, staff, count_queries):
    context = DemoContext(random=random.Random(1403), departments={demo.DEPARTMENT: department})
    council = demo.CouncilDemo(department=department)
    for part in demo.PARTS:
        part.seed(db.session, context, council)
        db.session.flush()
    db.session.commit()
    now = jalali_today()
    year = Period.year_to_date()
    # The current month holds today, for the live turnout of an open vote.
    periods = [year, year.previous(), year.same_period_last_year(), Period.month(now.year, now.month)]
    with app.test_request_context():
        one_by_one = [{m["key"]: m["value"] for m in reports.metrics(period, staff)} for period in periods]
        with count_queries() as statements:
            metrics = reports.metrics(year, staff, periods)
        few = len(statements)
        with count_queries() as statements:
            reports.metrics(year, staff, periods[:1])
    assert len(statements) == few  # the same queries, whatever the periods
    assert [m["key"] for m in metrics] == list(one_by_one[0])
    for metric in metrics:
        assert metric["values"] == [values.get(metric["key"]) for values in one_by_one], metric["key"]
    assert sum(1 for m in metrics for value in m["values"] if value) > len(metrics)  # the demo has figures

