"""Content analysis: the period's published items counted by topic, official, channel and type,
linked to the news list, charted per month, exported, in a fixed number of queries."""
import datetime
import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from core.db import db
from plugins.news.models import NewsItem, Topic

from .conftest import ABAN_25_1403, text_of

ABAN_3_1403 = datetime.date(2024, 10, 24)
MEHR_20_1403 = datetime.date(2024, 10, 11)
ABAN = "kind=month&y=1403&m=8"
SITE, INTERNAL, EITAA = "پایگاه اطلاع‌رسانی استانداری", "شبکه داخلی", "ایتا"


def topic(name):
    return db.session.scalar(select(Topic).where(Topic.name == name))


@pytest.fixture
def dataset(make_item, make_person):
    """Aban 1403: three published items (two on building, one on the economy too), plus a draft,
    an item in the trash and one of Mehr, which Aban's figures leave out."""
    governor = make_person("مهدی", "صادقیان", "استاندار یزد")
    deputy = make_person("علی", "آقازاده", "معاون سیاسی، امنیتی و اجتماعی استاندار")
    building, economy = topic("عمرانی"), topic("اقتصادی")
    make_item("افتتاح پل میبد", date=ABAN_3_1403, channels=(SITE, INTERNAL), topics=[building, economy],
              officials=[governor])
    make_item("گزارش تصویری سفر استاندار", type="photo_report", channels=(SITE,), topics=[building],
              officials=[governor, deputy])
    make_item("اطلاعیه تعطیلی ادارات")
    make_item("پیش‌نویس خبر", status="draft", topics=[building])
    make_item("خبر مهرماه", date=MEHR_20_1403, channels=(EITAA,), topics=[building], officials=[governor])
    trashed = make_item("خبر حذف‌شده", topics=[building], officials=[deputy])
    trashed.soft_delete()
    db.session.commit()
    return {"governor": governor, "deputy": deputy, "building": building, "economy": economy}


def figures(response):
    """Each linked figure of the page: {(filter argument, value): (count text, the link's arguments)}."""
    found = {}
    for href, text in re.findall(r'<a href="(/news/\?[^"]*)">([^<]+)</a>', response.get_data(as_text=True)):
        args = {name: values[0] for name, values in parse_qs(urlsplit(html.unescape(href)).query).items()}
        for name in ("topic", "official", "channel", "type"):
            if name in args:
                found[(name, args[name])] = (text, args)
    return found


def test_the_month_figures_count_published_items_by_topic_official_channel_and_type(staff_client, dataset):
    response = staff_client.get(f"/news/analysis/?{ABAN}")
    assert response.status_code == 200
    found = figures(response)
    building, economy = str(dataset["building"].id), str(dataset["economy"].id)
    assert found[("topic", building)][0] == "۲" and found[("topic", economy)][0] == "۱"
    assert found[("official", str(dataset["governor"].id))][0] == "۲"
    assert found[("official", str(dataset["deputy"].id))][0] == "۱"
    site = db.session.scalar(select(NewsItem).where(NewsItem.title == "افتتاح پل میبد")).publications[0].channel_id
    assert found[("channel", str(site))][0] == "۲"
    assert found[("type", "news")][0] == "۲" and found[("type", "photo_report")][0] == "۱"
    assert found[("topic", building)][1] == {"topic": building, "start": "1403/08/01", "end": "1403/08/30",
                                             "status": "published"}
    text = text_of(response)
    assert "۶۶٫۷٪" in text and "۳۳٫۳٪" in text  # shares of the three items
    assert "مهدی صادقیان" in text and "گزارش تصویری" in text
    assert "<svg" in response.get_data(as_text=True) and "عمرانی" in text


def test_the_period_chosen_changes_the_figures_and_the_monthly_trend(staff_client, dataset):
    response = staff_client.get("/news/analysis/?kind=custom&from=۱۴۰۳/۰۷/۰۱&to=۱۴۰۳/۰۸/۳۰")
    found = figures(response)
    assert found[("topic", str(dataset["building"].id))][0] == "۳"
    assert found[("official", str(dataset["governor"].id))][0] == "۳"
    page = response.get_data(as_text=True)
    # the building topic's bars: one item in Mehr, two in Aban
    assert "مهر ۱۴۰۳: ۱ (عمرانی)" in page and "آبان ۱۴۰۳: ۲ (عمرانی)" in page
    empty = staff_client.get("/news/analysis/?kind=month&y=1402&m=1")
    assert "در این دوره خبری منتشر نشده است" in text_of(empty)
    wrong = staff_client.get("/news/analysis/?kind=month&y=99&m=1")
    assert wrong.status_code == 200 and "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد" in text_of(wrong)


def test_the_page_takes_a_fixed_number_of_queries(staff_client, dataset, make_item, make_person, count_queries):
    staff_client.get(f"/news/analysis/?{ABAN}")
    with count_queries() as few:
        staff_client.get(f"/news/analysis/?{ABAN}")
    topics = db.session.scalars(select(Topic)).all()
    for n in range(12):
        make_item(f"خبر شماره {n}", date=ABAN_25_1403 - datetime.timedelta(days=n), channels=(SITE, EITAA),
                  topics=topics[n % 6:n % 6 + 3], officials=[make_person("مدیر", f"شماره {n}", "مدیرکل")],
                  type=("news", "interview", "note")[n % 3])
    with count_queries() as many:
        staff_client.get(f"/news/analysis/?{ABAN}")
    # The plugin's own queries (the core's per-request ones vary with what its caches hold).
    ours = [[statement for statement in run if "news_" in statement] for run in (few, many)]
    assert len(ours[0]) == len(ours[1]) <= 4  # one per table


def test_each_table_downloads_as_xlsx_and_csv(staff_client, dataset):
    response = staff_client.get(f"/news/analysis/?{ABAN}&table=topics&format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "موضوع"
    assert rows[1:] == [("عمرانی", 2, 66.7), ("اقتصادی", 1, 33.3)]
    officials = staff_client.get(f"/news/analysis/?{ABAN}&table=officials&format=csv").data.decode("utf-8-sig")
    assert "مهدی صادقیان,2,66.7" in officials and "علی آقازاده,1,33.3" in officials
    assert staff_client.get(f"/news/analysis/?{ABAN}&table=nothing&format=csv").status_code == 404


def test_viewers_read_the_analysis(login, viewer, department):
    assert login(viewer).get("/news/analysis/").status_code == 200
