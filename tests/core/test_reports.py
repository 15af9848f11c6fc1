"""The activity report page: items of the enabled modules grouped by department in the configured
order, the period picker, editing before export (hide, reorder, reword, manual highlights), the
printable page, permissions and a bounded number of queries."""
import datetime
import re

import pytest
from sqlalchemy import select

from core.db import db
from core.jalali import Period, jalali_today, today
from core.plugins.hookspecs import hookimpl
from core.reports.assembly import build
from core.reports.models import ReportDraft, ReportSectionOrder
from core.testing import persian_text

# The sample plugin's sentence; the core may add an annotation such as «(برای اولین بار)» after it.
SAMPLE_TEXT = "ثبت {} مورد در کمیته نمونه"


class ExtraItems:
    """A core part giving report items chosen by the test (like the committee kit does): the
    list ``items``, or what ``make(period)`` returns."""

    def __init__(self):
        self.items = []
        self.make = None

    @hookimpl
    def ravabet_report_items(self, period):
        return self.make(period) if self.make else [dict(item) for item in self.items]


@pytest.fixture
def extra(app):
    registry = app.extensions["ravabet_plugins"]
    source = ExtraItems()
    registry.pm.register(source, name="core:tests.extra_items")
    registry.core_names.add("core:tests.extra_items")
    yield source
    registry.pm.unregister(name="core:tests.extra_items")
    registry.core_names.discard("core:tests.extra_items")


@pytest.fixture
def news(make_department):
    return make_department(name="واحد خبر")


@pytest.fixture
def sample_on(enable_module, news):
    enable_module("sample", news)
    return news


def add_items(count, day=None, title="جلسه هماهنگی"):
    from plugins.sample.models import Item

    day = day or today()
    db.session.add_all(Item(title=f"{title} {i}", date=day) for i in range(count))
    db.session.commit()


@pytest.fixture
def head_client(client, make_user, login, news):
    login(make_user("head", heads=[news]))
    return client


def text_of(response):
    return persian_text(response.get_data(as_text=True))


def sections_in(html):
    return re.findall(r'<h3 id="section-[^"]+">([^<]+)</h3>', html)


def test_report_groups_items_by_module_department_and_numbers_them(head_client, sample_on, extra, make_department):
    council = make_department(name="دبیرخانه شورا")
    add_items(3)
    extra.items = [
        {"key": "meetings", "text": "برگزاری ۴ جلسه شورا.", "department_id": council.id},
        {"key": "plain", "text": "تهیه بولتن خبری."},
    ]
    response = head_client.get("/reports/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # Departments by name until an order is set, «سایر» last.
    assert sections_in(html) == ["دبیرخانه شورا", "واحد خبر", "سایر"]
    text = persian_text(html)
    assert SAMPLE_TEXT.format("۳") in text and "برگزاری ۴ جلسه شورا." in text and "تهیه بولتن خبری." in text
    assert re.search(r'class="item-number">۱</span>', html)
    assert "گزارش مختصر فعالیت‌ها" in text


def test_section_order_follows_the_setting(head_client, sample_on, extra, make_department):
    council = make_department(name="دبیرخانه شورا")
    add_items(2)
    extra.items = [{"key": "meetings", "text": "برگزاری ۴ جلسه شورا.", "department_id": council.id}]
    assert sections_in(head_client.get("/reports/").get_data(as_text=True)) == ["دبیرخانه شورا", "واحد خبر"]

    page = head_client.get("/reports/settings")
    assert page.status_code == 200 and "واحد خبر" in text_of(page)
    response = head_client.post("/reports/settings/move", data={"department": str(sample_on.id), "direction": "up"})
    assert response.status_code == 303
    assert sections_in(head_client.get("/reports/").get_data(as_text=True)) == ["واحد خبر", "دبیرخانه شورا"]
    positions = dict(db.session.execute(select(ReportSectionOrder.department_id, ReportSectionOrder.position)).all())
    assert positions[sample_on.id] < positions[council.id]

    # With htmx only the list comes back, in the new order.
    fragment = head_client.post("/reports/settings/move", data={"department": str(sample_on.id), "direction": "down"},
                                headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and fragment.index("دبیرخانه شورا") < fragment.index("واحد خبر")


def test_period_picker_chooses_the_period(head_client, sample_on):
    from plugins.sample.models import Item

    jy = jalali_today().year
    last_year = Period.year(jy - 1)
    db.session.add(Item(title="بازدید", date=last_year.start + datetime.timedelta(days=40)))
    db.session.commit()
    assert SAMPLE_TEXT.format("۱") not in text_of(head_client.get("/reports/"))  # year to date by default
    text = text_of(head_client.get(f"/reports/?kind=year&y={jy - 1}"))
    assert SAMPLE_TEXT.format("۱") in text and last_year.label in text
    first = Period.first_months(jy - 1, 2)
    assert SAMPLE_TEXT.format("۱") in text_of(head_client.get(f"/reports/?kind=first&y={jy - 1}&n=2"))
    assert first.label in text_of(head_client.get(f"/reports/?kind=first&y={jy - 1}&n=2"))
    # Persian digits in a custom range; a wrong date gets a Persian message, not an error page.
    custom = head_client.get("/reports/?kind=custom&from=۱۴۰۳/۰۱/۰۱&to=۱۴۰۳/۰۲/۳۱")
    assert custom.status_code == 200 and "از ۱ فروردین ۱۴۰۳ تا ۳۱ اردیبهشت ۱۴۰۳" in text_of(custom)
    wrong = head_client.get("/reports/?kind=custom&from=۱۴۰۲/۱۲/۳۰&to=۱۴۰۳/۰۲/۳۱")
    assert wrong.status_code == 200 and "وجود ندارد" in text_of(wrong)


def _post(client, data, htmx=False, path="/reports/items"):
    return client.post(path, data=data, headers={"HX-Request": "true"} if htmx else {})


def test_hide_reorder_reword_and_restore_items(head_client, sample_on, extra):
    add_items(2)
    extra.items = [{"key": "a", "text": "مورد الف."}, {"key": "b", "text": "مورد ب."}]
    # No JavaScript: a redirect back to the item.
    response = _post(head_client, {"key": "core:b", "action": "up"})
    assert response.status_code == 303 and response.headers["Location"].endswith("#item-core-b")
    text = text_of(head_client.get("/reports/"))
    assert text.index("مورد ب.") < text.index("مورد الف.")

    # htmx: the report block comes back in place.
    response = _post(head_client, {"key": "core:a", "action": "hide"}, htmx=True)
    assert response.status_code == 200 and response.headers["HX-Retarget"] == "#report"
    fragment = response.get_data(as_text=True)
    assert 'id="report"' in fragment and "<html" not in fragment and "پنهان در خروجی" in fragment
    assert "مورد الف." not in text_of(head_client.get("/reports/print"))

    page = head_client.get("/reports/items/text?key=sample:sample.items")
    assert page.status_code == 200 and SAMPLE_TEXT.format("۲") in text_of(page)
    response = head_client.post("/reports/items/text?key=sample:sample.items",
                                data={"text": "ثبت دو مورد مهم در كميته نمونه"})
    assert response.status_code == 303
    text = text_of(head_client.get("/reports/"))
    assert "ثبت دو مورد مهم در کمیته نمونه" in text  # Arabic ك and ي stored as Persian
    assert "متن ویرایش‌شده" in text and SAMPLE_TEXT.format("۲") in text  # the data's wording beside it

    # Edits are kept for the period and follow new data; restoring brings back the data's wording.
    add_items(1)
    assert "ثبت دو مورد مهم در کمیته نمونه" in text_of(head_client.get("/reports/print"))
    _post(head_client, {"key": "sample:sample.items", "action": "reset"})
    _post(head_client, {"key": "core:a", "action": "show"})
    text = text_of(head_client.get("/reports/print"))
    assert SAMPLE_TEXT.format("۳") in text and "مورد الف." in text
    draft = db.session.scalar(select(ReportDraft))
    assert draft.adjustments["order"]


def test_empty_wording_is_refused_in_persian(head_client, sample_on):
    add_items(1)
    response = head_client.post("/reports/items/text?key=sample:sample.items", data={"text": "  "},
                                headers={"HX-Request": "true"})
    assert response.status_code == 422 and "متن بند را بنویسید" in text_of(response)
    assert SAMPLE_TEXT.format("۱") in text_of(head_client.get("/reports/print"))
    assert head_client.get("/reports/items/text?key=nothing:here").status_code == 404
    assert _post(head_client, {"key": "nothing:here", "action": "hide"}).status_code == 404
    assert _post(head_client, {"key": "sample:sample.items", "action": "explode"}).status_code == 400


def test_manual_highlights_are_added_kept_and_removed(head_client, sample_on, make_department):
    add_items(1)
    other = make_department(name="کمیته رفاه")
    response = _post(head_client, {"section": str(other.id), "text": "کسب رتبه اول ارزیابی هفته دولت"},
                     path="/reports/manual")
    assert response.status_code == 303
    html = head_client.get("/reports/").get_data(as_text=True)
    assert "کمیته رفاه" in sections_in(html) and "کسب رتبه اول ارزیابی هفته دولت" in html
    assert "افزوده دستی" in persian_text(html)
    assert "کسب رتبه اول ارزیابی هفته دولت" in text_of(head_client.get("/reports/print"))

    invalid = _post(head_client, {"section": str(other.id), "text": ""}, htmx=True, path="/reports/manual")
    assert invalid.status_code == 422 and 'id="manual-form"' in invalid.get_data(as_text=True)

    key = db.session.scalar(select(ReportDraft)).adjustments["manual"][0]["key"]
    _post(head_client, {"key": key, "action": "remove"})
    assert "کسب رتبه اول ارزیابی" not in text_of(head_client.get("/reports/"))
    # Only manual items can be removed.
    assert _post(head_client, {"key": "sample:sample.items", "action": "remove"}).status_code == 404


def test_a_year_to_date_draft_is_kept_per_year():
    from core.reports.assembly import period_key

    this_year = Period.year_to_date(datetime.date(2025, 5, 1))
    assert period_key(this_year) == period_key(Period.year_to_date(datetime.date(2025, 6, 1)))
    assert period_key(this_year) != period_key(Period.year_to_date(datetime.date(2026, 5, 1)))
    assert period_key(Period.month(1403, 2)) == "kind=month&m=2&y=1403"


def test_disabled_modules_items_disappear(head_client, sample_on, enable_module):
    add_items(2)
    assert SAMPLE_TEXT.format("۲") in text_of(head_client.get("/reports/"))
    enable_module("sample", enabled=False)
    html = head_client.get("/reports/").get_data(as_text=True)
    assert SAMPLE_TEXT.format("۲") not in html and "واحد خبر" not in sections_in(html)


def test_permissions(client, make_user, login, sample_on):
    add_items(1)
    staff = make_user("staff", departments=[sample_on])
    login(staff)
    page = client.get("/reports/")
    assert page.status_code == 200 and SAMPLE_TEXT.format("۱") in text_of(page)
    assert 'name="action"' not in page.get_data(as_text=True)  # no editing buttons
    assert client.get("/reports/print").status_code == 200
    for path, data in [("/reports/items", {"key": "sample:sample.items", "action": "hide"}),
                       ("/reports/manual", {"section": "other", "text": "متن"}),
                       ("/reports/editions/new", {"title": "نسخه"}),
                       ("/reports/settings/move", {"department": str(sample_on.id), "direction": "up"})]:
        assert client.post(path, data=data).status_code == 403, path
    assert client.get("/reports/items/text?key=sample:sample.items").status_code == 403
    assert client.get("/reports/settings").status_code == 403
    assert db.session.scalar(select(ReportDraft)) is None

    viewer_client = login(make_user("viewer"), test_client=client.application.test_client())
    assert viewer_client.get("/reports/").status_code == 200
    assert viewer_client.post("/reports/items", data={"key": "sample:sample.items", "action": "hide"}).status_code == 403


def test_navigation_shows_the_report_to_those_who_may_see_it(client, make_user, login):
    login(make_user("viewer"))
    assert 'href="/reports/"' in client.get("/").get_data(as_text=True)


def test_report_queries_do_not_grow_with_rows(head_client, sample_on, count_queries):
    add_items(3)
    period = Period.year_to_date()
    build(period)  # the enabled modules are then read once per request (g), as in a page
    with count_queries() as few:
        build(period)
    with count_queries() as few_page:
        assert head_client.get("/reports/").status_code == 200
    add_items(300)
    with count_queries() as many:
        report = build(period)
    with count_queries() as many_page:
        assert head_client.get("/reports/").status_code == 200
    assert any(item["text"].startswith(SAMPLE_TEXT.format("۳۰۳")) for item in report.items())
    assert len(many) == len(few) <= 10, many
    assert len(many_page) == len(few_page), many_page


def test_inline_wording_editor_with_htmx(head_client, sample_on):
    add_items(1)
    form = head_client.get("/reports/items/text?key=sample:sample.items", headers={"HX-Request": "true",
                                                                                   "HX-Target": "item-sample-sample-items"})
    html = form.get_data(as_text=True)
    assert form.status_code == 200 and html.lstrip().startswith("<form") and "<html" not in html
    assert SAMPLE_TEXT.format("۱") in html and 'hx-target="#report"' in html  # cancel swaps the report back
    cancel = head_client.get("/reports/", headers={"HX-Request": "true", "HX-Target": "report"})
    assert cancel.get_data(as_text=True).lstrip().startswith('<div id="report"')
