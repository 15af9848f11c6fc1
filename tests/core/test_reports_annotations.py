"""Automatic annotations of report items: «برای اولین بار» and «پس از N سال», from the date a
plugin finds with ``previous_occurrence`` (one query) and passes as the item's ``previous``."""
import datetime

from core.db import db
from core.jalali import Period
from core.reports import previous_occurrence, previous_occurrences
from core.reports.annotations import annotate, annotation, full_years
from tests.core.test_reports import extra, head_client, news, sample_on, text_of  # noqa: F401  (fixtures)

YEAR_1403 = Period.year(1403)


def test_wording_of_the_annotations(app):
    start = YEAR_1403.start
    assert annotation(None, start) == "برای اولین بار"
    assert annotation(datetime.date(2021, 3, 20), start) == "پس از ۳ سال"  # 29 Esfand 1399
    assert annotation(datetime.date(2023, 1, 1), start) == ""  # one year and a bit: nothing to say
    assert annotation(datetime.date(2023, 1, 1), start, at_least=1) == "پس از ۱ سال"
    # Timestamps count in Tehran time.
    assert full_years(datetime.datetime(2020, 3, 19, 21, 0, tzinfo=datetime.UTC), start) == 4
    assert full_years(datetime.date(2020, 3, 21), datetime.date(2024, 3, 19)) == 3  # a day short of 4


def test_the_minimum_gap_is_a_setting(app):
    app.config["REPORT_GAP_YEARS"] = 5
    try:
        assert annotation(datetime.date(2021, 3, 20), YEAR_1403.start) == ""
    finally:
        app.config.pop("REPORT_GAP_YEARS")


def test_the_annotation_goes_before_the_full_stop():
    assert annotate("برگزاری جشنواره.", "برای اولین بار") == "برگزاری جشنواره (برای اولین بار)."
    assert annotate("برگزاری جشنواره", "پس از ۳ سال") == "برگزاری جشنواره (پس از ۳ سال)"
    assert annotate("برگزاری جشنواره.", "") == "برگزاری جشنواره."


def test_previous_occurrence_is_one_query_and_skips_the_trash(app, sample_on, count_queries):
    from plugins.sample.models import Item

    with count_queries() as statements:
        assert previous_occurrence(Item.date, YEAR_1403.start) is None
    assert len(statements) == 1
    old, older, trashed = (Item(title=t, date=d) for t, d in [
        ("نمایشگاه", datetime.date(2021, 5, 1)), ("نمایشگاه", datetime.date(2019, 5, 1)),
        ("نمایشگاه", datetime.date(2022, 5, 1))])
    other_kind = Item(title="همایش", date=datetime.date(2023, 5, 1))
    inside = Item(title="نمایشگاه", date=datetime.date(2024, 5, 1))
    db.session.add_all([old, older, trashed, other_kind, inside])
    db.session.flush()
    trashed.soft_delete()
    db.session.commit()
    assert previous_occurrence(Item.date, YEAR_1403.start, Item.title == "نمایشگاه") == datetime.date(2021, 5, 1)
    assert previous_occurrence(Item.date, YEAR_1403.start) == datetime.date(2023, 5, 1)



def test_previous_occurrences_of_several_kinds_in_one_query(app, sample_on, count_queries):
    from plugins.sample.models import Item

    with count_queries() as statements:
        assert previous_occurrences(Item.date, YEAR_1403.start, Item.title) == {}
    assert len(statements) == 1
    trashed = Item(title="همایش", date=datetime.date(2023, 6, 1))
    db.session.add_all([Item(title="نمایشگاه", date=datetime.date(2021, 5, 1)),
                        Item(title="نمایشگاه", date=datetime.date(2019, 5, 1)),
                        Item(title="همایش", date=datetime.date(2022, 5, 1)), trashed,
                        Item(title="جشنواره", date=datetime.date(2024, 5, 1))])  # within the year: not earlier
    db.session.flush()
    trashed.soft_delete()
    db.session.commit()
    assert previous_occurrences(Item.date, YEAR_1403.start, Item.title) == {
        "نمایشگاه": datetime.date(2021, 5, 1), "همایش": datetime.date(2022, 5, 1)}
    assert previous_occurrences(Item.date, YEAR_1403.start, Item.title, Item.title != "همایش") == {
        "نمایشگاه": datetime.date(2021, 5, 1)}

def test_annotations_on_the_report_page(head_client, extra):
    """A core part reports the exhibitions, conferences and festivals of the sample table with the
    date of the previous one, as a plugin would."""
    from plugins.sample.models import Item

    extra.make = lambda period: [
        {"key": title, "text": f"برگزاری {title} استانی.",
         "previous": previous_occurrence(Item.date, period.start, Item.title == title)}
        for title in ("نمایشگاه", "همایش", "جشنواره")]
    db.session.add_all([Item(title="نمایشگاه", date=datetime.date(2020, 6, 1)),
                        Item(title="همایش", date=datetime.date(2023, 12, 1))])
    db.session.commit()
    text = text_of(head_client.get("/reports/?kind=year&y=1403"))
    assert "برگزاری نمایشگاه استانی (پس از ۳ سال)." in text
    assert "برگزاری همایش استانی." in text  # the previous one was only months before
    assert "برگزاری جشنواره استانی (برای اولین بار)." in text
