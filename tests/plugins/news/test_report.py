"""The news section of the activity report: Persian sentences from the period's counts, the
«پس از N سال» of a press conference, nothing for a quiet period, no confidential title, and a
number of queries that does not grow with the rows."""
import datetime
import uuid

import pytest

from core.db import db, utcnow
from core.jalali import Period, today
from core.photos.models import Photo
from core.sms.models import SmsBatch, SmsMessage
from plugins.news.models import (Announcement, Bulletin, Caption, Event, OutletContact, PressConference)
from plugins.news.reports import report_items

from .conftest import ABAN_25_1403, text_of

ABAN_1403 = Period.month(1403, 8)  # 2024-10-22 .. 2024-11-20, 30 days
DAY = datetime.timedelta(days=1)
YEAR = datetime.timedelta(days=365)


def add_photos(event, count, **fields):
    for index in range(count):
        db.session.add(Photo(
            entity="news_events", entity_id=event.id, sort_order=index, stored_name=f"{uuid.uuid4().hex}.jpg",
            original_name=f"IMG_{index}.jpg", content_type="image/jpeg", size=1000, checksum=uuid.uuid4().hex,
            width=4000, height=3000, thumb_width=600, thumb_height=450, view_width=1600, view_height=1200,
            taken_at=utcnow(), **fields))


def add_event(title, date, photos=0):
    event = Event(title=title, date=date, kind="meeting", place="سالن جلسات استانداری")
    db.session.add(event)
    db.session.flush()
    add_photos(event, photos)
    return event


def add_sms(day, delivered_to, module="news"):
    created = datetime.datetime.combine(day, datetime.time(8), tzinfo=datetime.UTC)
    batch = SmsBatch(title="خبرنامه", text="خبر روز", parts=1, encoding="ucs2", backend="console", status="done",
                     module=module, created_at=created, updated_at=created)
    db.session.add(batch)
    db.session.flush()
    db.session.add_all(SmsMessage(batch_id=batch.id, mobile=mobile, status="delivered") for mobile in delivered_to)


def add_conference(official, held_on, status="held", kind="conference", subject="نشست خبری"):
    conference = PressConference(subject=subject, official=official, kind=kind, status=status,
                                 proposed_on=held_on or ABAN_25_1403, held_on=held_on)
    db.session.add(conference)
    return conference


@pytest.fixture
def month(department, make_item, make_person):
    """Aban 1403 of a small department, with rows around it that must not count."""
    channels = ("شبکه داخلی", "پایگاه اطلاع‌رسانی وزارت کشور", "ایتا", "سروش")
    make_item(title="افتتاح بیمارستان میبد", channels=channels)
    make_item(title="جلسه شورای اداری", channels=("شبکه داخلی", "ایتا"))
    make_item(title="بازدید از مزرعه", date=ABAN_25_1403 - 3 * DAY, channels=("پایگاه اطلاع‌رسانی وزارت کشور",))
    make_item(title="گزارش تصویری نمایشگاه کتاب", type="photo_report")
    make_item(title="در دست بررسی", status="review")
    make_item(title="پیش‌نویس", status="draft", channels=("شبکه داخلی",))
    make_item(title="ماه قبل", date=ABAN_1403.start - DAY, channels=("شبکه داخلی",))
    make_item(title="در سطل زباله", channels=("ایتا",)).soft_delete(None)

    hall = add_event("جلسه شورای اداری استان", ABAN_25_1403, photos=3)
    add_photos(hall, 1, deleted_at=utcnow())
    add_event("بازدید از طرح‌های عمرانی", ABAN_25_1403 - DAY)
    add_event("مراسم ماه قبل", ABAN_1403.start - DAY, photos=2)

    db.session.add_all([
        Caption(kind="caption", quote="امنیت پایدار حاصل همدلی است", date=ABAN_25_1403),
        Caption(kind="caption", quote="توسعه یزد با مشارکت مردم", date=ABAN_25_1403),
        Caption(kind="clip", quote="گزارش ویدیویی سفر", date=ABAN_25_1403),
        OutletContact(kind="visit", date=ABAN_25_1403, subject="بازدید از خانه مطبوعات"),
        OutletContact(kind="visit", date=ABAN_25_1403, subject="بازدید از خبرگزاری ایرنا"),
        OutletContact(kind="meeting", date=ABAN_25_1403, subject="دیدار با خبرنگاران"),
        Announcement(title="همایش سالانه", event_on=ABAN_25_1403, sent_on=ABAN_25_1403 - DAY),
        Bulletin(year=1403, month=8, title="بولتن آبان ۱۴۰۳"),
        Bulletin(year=1403, month=8, title="گزارش ویژه امنیتی", confidential=True),
        Bulletin(year=1403, month=7, title="بولتن مهر ۱۴۰۳"),
    ])
    add_sms(ABAN_25_1403, ["09131111111", "09132222222"])
    add_sms(ABAN_25_1403, ["09131111111", "09133333333"])
    add_sms(ABAN_25_1403, ["09134444444"], module="other")

    governor = make_person(first_name="مهدی", last_name="صادقیان", position="استاندار یزد")
    deputy = make_person(first_name="علی", last_name="آقازاده", position="معاون سیاسی استاندار")
    add_conference(governor, ABAN_25_1403, subject="تشریح سفر رئیس‌جمهور")
    add_conference(governor, ABAN_25_1403 - 3 * YEAR - 10 * DAY)
    add_conference(deputy, ABAN_25_1403 - DAY, kind="briefing")
    add_conference(deputy, ABAN_25_1403 - YEAR)
    add_conference(deputy, None, status="proposed")
    db.session.commit()


def texts(period=ABAN_1403):
    return {item["key"]: item["text"] for item in report_items(period)}


def test_a_month_in_persian_sentences(app, month):
    assert texts() == {
        "items": "تولید ۵ خبر و انتشار ۴ خبر (۳ خبر، ۱ گزارش تصویری)، به طور میانگین روزانه ۰٫۱ خبر.",
        "events": "آرشیو تصاویر ۲ رویداد با ۳ فریم عکس.",
        "captions": "تهیه ۲ عکس‌نوشته و ۱ کلیپ.",
        "internal": "انتشار ۲ مطلب در شبکه داخلی.",
        "ministry": "ارسال ۲ خبر به پایگاه اطلاع‌رسانی وزارت کشور.",
        "messengers": "بازنشر ۳ خبر در پیام‌رسان‌ها (ایتا ۲، سروش ۱).",
        "sms": "ارسال ۲ پیامک خبری با دسترسی به ۳ نفر.",
        "conferences": "برگزاری ۲ نشست خبری (۱ نشست خبری، ۱ نشست توجیهی خبری).",
        "bulletins": "تهیه ۲ بولتن خبری که ۱ مورد آن محرمانه است.",
        "contacts": "انجام ۲ بازدید از رسانه‌ها و ۱ دیدار با خبرنگاران.",
        "announcements": "ارسال ۱ اطلاع‌رسانی رویداد.",
    }


def test_details_name_latest_items_and_never_a_confidential_title(app, month):
    items = {item["key"]: item for item in report_items(ABAN_1403)}
    assert items["items"]["details"][0] == "۲۵ آبان ۱۴۰۳: گزارش تصویری نمایشگاه کتاب"
    assert len(items["items"]["details"]) == 4 and "در دست بررسی" not in " ".join(items["items"]["details"])
    assert items["bulletins"]["details"] == ["بولتن آبان ۱۴۰۳"]
    assert "امنیتی" not in str(report_items(ABAN_1403))


def test_all_published_and_one_type_is_said_once(app, department, make_item):
    for day in range(3):
        make_item(title=f"خبر {day}", date=ABAN_25_1403 - day * DAY)
    assert texts() == {"items": "تولید و انتشار ۳ خبر، به طور میانگین روزانه ۰٫۱ خبر."}


def test_the_average_counts_the_days_up_to_today(app, department, make_item):
    day_one = today()  # the report counts Tehran's days
    for day in range(6):
        make_item(title=f"خبر {day}", date=day_one - day * DAY)
    period = Period.custom(day_one - 2 * DAY, day_one + 30 * DAY)  # three days so far
    assert texts(period)["items"].endswith("به طور میانگین روزانه ۱٫۰ خبر.")


def test_press_conference_after_years_for_its_official(app, month):
    item = next(item for item in report_items(ABAN_1403) if item["key"] == "conferences")
    # The latest earlier conference, whoever held it, is the item's annotation; the core words it.
    assert item["previous"] == ABAN_25_1403 - YEAR
    assert item["occurred"] == ABAN_25_1403 - DAY
    # The governor's previous one is three years old: a line of its own.
    assert item["details"] == ["نشست خبری مهدی صادقیان، استاندار یزد، پس از ۳ سال."]


def test_the_report_page_says_after_n_years(app, department, head_client, make_person):
    governor = make_person(first_name="مهدی", last_name="صادقیان", position="استاندار یزد")
    add_conference(governor, ABAN_25_1403)
    add_conference(governor, ABAN_25_1403 - 4 * YEAR - 10 * DAY)
    # A trashed conference in between does not count as the previous one.
    add_conference(governor, ABAN_25_1403 - YEAR).soft_delete(None)
    db.session.commit()
    text = text_of(head_client.get("/reports/?kind=month&y=1403&m=8"))
    assert "برگزاری ۱ نشست خبری (پس از ۴ سال)." in text
    assert "خبر و اطلاع‌رسانی" in text


def test_a_quiet_period_has_no_items(app, month):
    assert report_items(Period.month(1403, 6)) == []


def test_nothing_when_the_module_is_off(app, month, head_client, enable_module):
    assert "آرشیو تصاویر ۲ رویداد" in text_of(head_client.get("/reports/?kind=month&y=1403&m=8"))
    enable_module("news", enabled=False)
    assert "آرشیو تصاویر" not in text_of(head_client.get("/reports/?kind=month&y=1403&m=8"))


def test_queries_do_not_grow_with_rows(app, month, make_item, make_person, count_queries):
    with count_queries() as few:
        report_items(ABAN_1403)
    for index in range(20):
        make_item(title=f"خبر {index}", type=("news", "interview", "note")[index % 3],
                  channels=("ایتا", "بله", "گپ", "شبکه داخلی"))
        add_event(f"رویداد {index}", ABAN_25_1403, photos=2)
        official = make_person(first_name="رضا", last_name=f"شریفی {index}", position="مدیرکل")
        add_conference(official, ABAN_25_1403)
        add_conference(official, ABAN_25_1403 - 5 * YEAR)
        db.session.add(Bulletin(year=1403, month=8, title=f"بولتن {index}", confidential=bool(index % 2)))
    db.session.commit()
    with count_queries() as many:
        items = report_items(ABAN_1403)
    assert len(many) == len(few) <= 13, many
    assert len(next(item for item in items if item["key"] == "conferences")["details"]) == 21
