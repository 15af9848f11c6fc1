"""Campaigns (پویش‌ها): the campaign with its units and events, counts per unit and per kind, the
active/finished filter, dates kept consistent, permissions, the calendar and the search."""
import datetime
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from core.db import db
from core.jalali import today
from plugins.council.models.honors import Campaign, CampaignEvent
from plugins.council.views.campaigns import calendar_entries

from .conftest import text_of

MEHR_1_1404 = datetime.date(2025, 9, 23)
MEHR_30_1404 = datetime.date(2025, 10, 22)


@pytest.fixture
def make_campaign():
    def factory(title="پویش پاسخگویی", hashtag="#پاسخگو_هستیم", start_date=MEHR_1_1404, end_date=MEHR_30_1404,
                units=()):
        campaign = Campaign(title=title, hashtag=hashtag, start_date=start_date, end_date=end_date, units=list(units))
        db.session.add(campaign)
        db.session.commit()
        return campaign
    return factory


@pytest.fixture
def make_event():
    def factory(campaign, title="نشست پرسش و پاسخ مدیرکل", date=MEHR_1_1404, kind="qa_session", unit=None, reach=None):
        event = CampaignEvent(campaign_id=campaign.id, title=title, date=date, kind=kind, unit=unit, reach=reach)
        db.session.add(event)
        db.session.commit()
        return event
    return factory


def test_a_campaign_with_its_units_and_events_counted_per_unit_and_kind(staff_client, make_unit):
    roads, water = make_unit("اداره کل راهداری استان یزد"), make_unit("شرکت آب منطقه‌ای یزد")
    meybod = make_unit("فرمانداری میبد", body="county")
    response = staff_client.post("/council/campaigns/new", data={
        "title": "پویش پاسخگویی مدیران", "hashtag": "پاسخگو هستیم", "start_date": "۱۴۰۴/۰۷/۰۱",
        "end_date": "۱۴۰۴/۰۷/۳۰", "units": [str(roads.id), str(water.id)]})
    assert response.status_code == 303
    campaign = db.session.scalar(select(Campaign))
    assert campaign.hashtag == "#پاسخگو_هستیم" and {u.id for u in campaign.units} == {roads.id, water.id}

    for data in ({"date": "۱۴۰۴/۰۷/۰۵", "title": "نشست پرسش و پاسخ مدیرکل راهداری", "unit": str(roads.id),
                  "kind": "qa_session", "reach": "۱۲۰"},
                 {"date": "1404/07/06", "title": "برنامه رادیویی آب", "unit": str(water.id), "kind": "radio",
                  "reach": "5,000"},
                 {"date": "۱۴۰۴/۰۷/۰۸", "title": "میز خدمت فرمانداری", "unit": str(meybod.id), "kind": "service_desk"}):
        assert staff_client.post(f"/council/campaigns/{campaign.id}/events/new", data=data).status_code == 303
    assert db.session.scalar(select(func.sum(CampaignEvent.reach))) == 5120
    assert meybod in campaign.units  # an event's unit joins the campaign

    page = text_of(staff_client.get(f"/council/campaigns/{campaign.id}"))
    assert "روابط عمومی‌های مشارکت‌کننده (۳)" in page and "با دسترسی به ۵٬۱۲۰ نفر" in page
    assert "نشست پرسش و پاسخ" in page and "برنامه رادیویی" in page and "میز خدمت" in page
    filtered = text_of(staff_client.get(f"/council/campaigns/{campaign.id}", query_string={"kind": "radio"},
                                        headers={"HX-Request": "true"}))
    assert "برنامه رادیویی آب" in filtered and "میز خدمت فرمانداری" not in filtered
    export = staff_client.get(f"/council/campaigns/{campaign.id}", query_string={"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.data)).active.values)
    assert rows[0][:3] == ("تاریخ", "عنوان", "روابط عمومی") and len(rows) == 4 and rows[1][1] == "نشست پرسش و پاسخ مدیرکل راهداری"
    listing = text_of(staff_client.get("/council/campaigns/"))
    assert "پویش پاسخگویی مدیران" in listing and "#پاسخگو_هستیم" in listing and "پایان‌یافته" in listing


def test_bad_input_is_refused_in_persian_and_changes_nothing(staff_client, make_campaign, make_event):
    response = staff_client.post("/council/campaigns/new", data={
        "title": "", "hashtag": "پاسخ!گو", "start_date": "۱۴۰۴/۰۷/۳۰", "end_date": "۱۴۰۴/۰۷/۰۱"})
    assert response.status_code == 422
    page = text_of(response)
    assert "عنوان پویش را وارد کنید" in page and "هشتگ فقط حرف، رقم و «_» دارد" in page
    assert "تاریخ پایان نباید پیش از تاریخ شروع باشد" in page
    assert db.session.scalar(select(func.count()).select_from(Campaign)) == 0

    campaign = make_campaign()
    make_event(campaign, date=MEHR_30_1404)
    outside = staff_client.post(f"/council/campaigns/{campaign.id}/events/new", data={
        "date": "۱۴۰۴/۰۸/۰۵", "title": "پست مجازی", "kind": "social_post", "reach": "-3", "link": "iran.ir"})
    assert outside.status_code == 422
    page = text_of(outside)
    assert "رویداد باید در بازهٔ پویش، از ۱ مهر ۱۴۰۴ تا ۳۰ مهر ۱۴۰۴، باشد" in page
    assert "عدد نمی‌تواند منفی باشد" in page and "نشانی وبی وارد کنید که با http:// یا https:// شروع شود" in page
    shrink = staff_client.post(f"/council/campaigns/{campaign.id}/edit", data={
        "title": campaign.title, "start_date": "۱۴۰۴/۰۷/۰۱", "end_date": "۱۴۰۴/۰۷/۱۵"})
    assert shrink.status_code == 422
    assert "۱ رویداد پویش بیرون از این بازه است (نخستین آن‌ها در ۳۰ مهر ۱۴۰۴)" in text_of(shrink)
    assert campaign.end_date == MEHR_30_1404
    assert db.session.scalar(select(func.count()).select_from(CampaignEvent)) == 1


def test_the_list_filters_running_and_finished_campaigns(staff_client, make_campaign, make_event, count_queries):
    day = today()
    make_campaign(title="پویش گذشته", start_date=day - datetime.timedelta(days=60),
                  end_date=day - datetime.timedelta(days=30))
    running = make_campaign(title="پویش جاری", start_date=day - datetime.timedelta(days=3), end_date=None)
    make_campaign(title="پویش آینده", start_date=day + datetime.timedelta(days=10), end_date=None)

    def titles(**args):
        return text_of(staff_client.get("/council/campaigns/", query_string=args))

    assert "پویش جاری" in titles(status="active") and "پویش گذشته" not in titles(status="active")
    assert "پویش آینده" not in titles(status="active") and "پویش آینده" in titles(status="upcoming")
    assert "پویش گذشته" in titles(status="finished") and "پویش جاری" not in titles(status="finished")

    staff_client.get("/council/campaigns/")  # a request after a commit reloads the user
    with count_queries() as statements:
        staff_client.get("/council/campaigns/")
    few = len(statements)
    for number in range(5):
        make_event(running, title=f"رویداد {number}", date=day)
        make_campaign(title=f"پویش {number}")
    staff_client.get("/council/campaigns/")
    with count_queries() as statements:
        staff_client.get("/council/campaigns/")
    assert len(statements) == few


def test_permissions(app, department, login, viewer, make_user, make_department, make_campaign, make_event):
    campaign = make_campaign()
    event = make_event(campaign)
    client = app.test_client()
    assert client.get("/council/campaigns/").status_code == 302
    login(viewer, test_client=client)
    assert client.get(f"/council/campaigns/{campaign.id}").status_code == 200
    assert client.post(f"/council/campaigns/events/{event.id}/delete").status_code == 403
    outsider = make_user("staff", username="outsider", departments=[make_department("واحد خبر")])
    login(outsider, test_client=client)
    assert client.post(f"/council/campaigns/{campaign.id}/delete").status_code == 403
    assert client.get(f"/council/campaigns/{campaign.id}/events/new").status_code == 403
    assert not campaign.is_deleted and not event.is_deleted


def test_events_and_spans_on_the_calendar_and_in_the_search(staff_client, make_campaign, make_event, make_unit):
    campaign = make_campaign()
    make_event(campaign, title="برنامه رادیویی پاسخگویی", date=datetime.date(2025, 10, 1), kind="radio",
               unit=make_unit("شرکت گاز استان یزد"))
    entries = calendar_entries(datetime.date(2025, 9, 30), datetime.date(2025, 10, 5), None)
    span = next(entry for entry in entries if entry["kind"] == "campaign")
    assert (span["date"], span["end_date"], span["title"]) == (
        datetime.date(2025, 9, 30), datetime.date(2025, 10, 5), "#پاسخگو_هستیم")
    event = next(entry for entry in entries if entry["kind"] == "campaign_event")
    assert "شرکت گاز استان یزد" in event["detail"] and "برنامه رادیویی" in event["detail"]
    assert calendar_entries(datetime.date(2025, 11, 1), datetime.date(2025, 11, 30), None) == []
    page = text_of(staff_client.get("/search", query_string={"q": "پاسخگويي"}))
    assert "برنامه رادیویی پاسخگویی" in page
    assert "پویش پاسخگویی" in text_of(staff_client.get("/search", query_string={"q": "پاسخگو_هستیم"}))
