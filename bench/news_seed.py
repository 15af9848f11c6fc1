"""The news module's benchmark volume, on top of ``flask seed-demo`` (which seeds its demo years).

Brings the news tables up to the issue's figures: 15,000 news items (with their channels,
officials and topics), 10,000 events of the photo archive with 150,000 photo rows, 1,000
captions and clips, plus press conferences, media contacts and announcements, all spread over
``--years`` years ending today. Each option is a total: only what the demo left missing is added.
Multi-row INSERTs, no ORM objects. Photos are rows only (no files): the pages measured read rows;
a thumbnail the browser would fetch is not requested by the benchmark.

    .venv/bin/python bench/news_seed.py --items 15000 --events 10000 --photos 150000
"""
import argparse
import random
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, time as clock, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, text  # noqa: E402

from app import create_app  # noqa: E402
from core.db import db, refresh_statistics  # noqa: E402
from core.demo_data import COUNTIES, FIRST_NAMES, LAST_NAMES  # noqa: E402
from core.models import Organization, Person, User  # noqa: E402
from core.photos.counts import recount_photos  # noqa: E402
from core.photos.models import Photo  # noqa: E402
from core.text import normalize_fa  # noqa: E402
from plugins.news.models import (Announcement, Caption, Channel, Event, NewsItem, OutletContact,  # noqa: E402
                                 PressConference, Publication, Topic)
from plugins.news.models.events import event_officials  # noqa: E402
from plugins.news.models.items import item_officials, item_topics  # noqa: E402

BATCH = 5000
PHOTO_ENTITY = "news_events"

# Titles built from what a governorate's news desk writes every day.
ACTS = ["بازدید {who} از {what} {where}", "نشست {who} با {whom} {where}", "افتتاح {what} {where} با حضور {who}",
        "تاکید {who} بر تسریع {what} {where}", "آیین بهره‌برداری از {what} {where}", "جلسه شورای {council} {where}",
        "دیدار مردمی {who} در {where}", "گزارش عملکرد {whom} {where} به {who}"]
WHO = ["استاندار", "معاون سیاسی استاندار", "معاون عمرانی استاندار", "معاون اقتصادی استاندار", "فرماندار",
       "مدیرکل مدیریت بحران", "مشاور امور بانوان استاندار"]
WHAT = ["طرح‌های عمرانی", "پروژه آبرسانی", "مدرسه ۱۲ کلاسه", "بیمارستان", "کارخانه فولاد", "بزرگراه",
        "طرح آبخیزداری", "مجتمع فرهنگی", "ایستگاه آتش‌نشانی", "پارک بانوان", "شبکه فاضلاب", "واحدهای مسکن ملی"]
WHOM = ["مدیران کل", "فرمانداران", "نمایندگان مجلس", "اصحاب رسانه", "فعالان اقتصادی", "خیرین مدرسه‌ساز",
        "بخشداران", "دهیاران"]
COUNCILS = ["اداری", "برنامه‌ریزی و توسعه", "تامین", "آموزش و پرورش", "ترافیک", "سلامت و امنیت غذایی"]
LEADS = ["به گزارش روابط عمومی استانداری، {title} امروز برگزار شد.",
         "{title}؛ در این دیدار بر پیگیری مطالبات مردم تاکید شد."]
PLACES = ["سالن جلسات استانداری", "فرمانداری", "محل طرح", "سالن همایش‌های استانداری", "دفتر استاندار"]
EVENT_KINDS = {"meeting": 40, "visit": 30, "ceremony": 20, "press_conference": 5, "other": 5}
ITEM_TYPES = {"news": 80, "photo_report": 10, "interview": 4, "note": 3, "announcement": 3}
STATUSES = {"published": 93, "review": 2, "draft": 5}
QUOTES = ["امنیت پایدار حاصل همدلی مردم و مسئولان است", "توسعه استان بدون مشارکت مردم ممکن نیست",
          "هیچ طرح نیمه‌تمامی در استان رها نمی‌شود", "رسانه‌ها چشم بینای مدیران هستند"]


def _weighted(rng, weights, k):
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def _title(rng, where):
    return rng.choice(ACTS).format(who=rng.choice(WHO), what=rng.choice(WHAT), whom=rng.choice(WHOM),
                                   council=rng.choice(COUNCILS), where=where)


def _searchable(fields, row):
    row["search_text"] = normalize_fa(" ".join(str(row[name]) for name in fields if row.get(name)))
    return row


def _insert(table, rows):
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start:start + BATCH])


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model).execution_options(include_deleted=True))


def _stamp(day, rng):
    return datetime.combine(day, clock(rng.randint(5, 15), rng.randint(0, 59)), tzinfo=UTC)


class Volume:
    """What the steps share: the random source, the span of days, and the directory's rows."""

    def __init__(self, rng, years, deleted_fraction):
        self.rng = rng
        self.deleted_fraction = deleted_fraction
        self.end = date.today()
        self.days = 365 * years
        # The people the news covers: those the demo made officials (positions of the governorate),
        # else any people of the directory.
        officials = db.session.scalars(select(Person.id).where(Person.position.like("%استاندار%")).limit(40)).all()
        self.officials = officials or db.session.scalars(select(Person.id).limit(30)).all()
        self.authors = db.session.scalars(select(User.id).where(User.role.in_(("admin", "head", "staff")))
                                          .limit(20)).all()
        self.channels = db.session.execute(select(Channel.id, Channel.kind)).all()
        self.topics = db.session.scalars(select(Topic.id)).all()
        self.outlets = db.session.scalars(select(Organization.id).where(Organization.type == "press")).all()

    def day(self):
        return self.end - timedelta(days=self.rng.randrange(self.days))

    def deleted(self, day):
        return _stamp(day, self.rng) + timedelta(days=3) if self.rng.random() < self.deleted_fraction else None

    def officials_of(self, low=1, high=2):
        return self.rng.sample(self.officials, min(len(self.officials), self.rng.randint(low, high)))


def add_events(volume, count):
    rng, rows = volume.rng, []
    for kind in _weighted(rng, EVENT_KINDS, count):
        day = volume.day()
        where = rng.choice(COUNTIES)
        stamp = _stamp(day, rng)
        rows.append(_searchable(Event.__search_fields__, {
            "kind": kind, "title": _title(rng, where), "date": day, "place": f"{rng.choice(PLACES)} {where}",
            "description": "", "photographer": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "created_at": stamp, "updated_at": stamp, "deleted_at": volume.deleted(day)}))
    first_id = (db.session.scalar(select(func.max(Event.id))) or 0) + 1
    _insert(Event.__table__, rows)
    ids = db.session.scalars(select(Event.id).where(Event.id >= first_id)
                             .execution_options(include_deleted=True)).all()
    _insert(event_officials, [{"event_id": event_id, "person_id": person_id}
                              for event_id in ids for person_id in volume.officials_of()])


def add_photos(volume, count):
    """``count`` photo rows over the events (15 an event on average, at random), each with the
    fields an uploaded JPEG gets; no files behind them. An event's photos are inserted together,
    events in date order, as uploads after each event leave them. The INSERTs are no ORM flush, so
    the events' frames are recounted after them (core.photos.counts)."""
    rng = volume.rng
    events = db.session.execute(select(Event.id, Event.date).order_by(Event.date, Event.id)
                                .execution_options(include_deleted=True)).all()
    per_event = Counter(event_id for event_id, _day in rng.choices(events, k=count))
    rows, serial = [], _count(Photo)
    for event_id, day in events:
        for position in range(1, per_event[event_id] + 1):
            serial += 1
            taken = _stamp(day, rng) + timedelta(minutes=position)
            rows.append({
                "entity": PHOTO_ENTITY, "entity_id": event_id, "caption": "", "sort_order": position,
                # The core's shape of stored name, with no file behind it: a lost file answers 404.
                "stored_name": f"{serial:032x}.jpg", "original_name": f"IMG_{serial:05d}.JPG",
                "content_type": "image/jpeg", "size": rng.randint(1_500_000, 6_000_000),
                "checksum": f"{serial:064x}", "width": 4000, "height": 3000, "thumb_width": 600,
                "thumb_height": 450, "view_width": 1600, "view_height": 1200, "taken_at": taken,
                "taken_from_exif": True, "camera": "Canon EOS 80D",
                "uploaded_by_id": rng.choice(volume.authors) if volume.authors else None,
                "uploaded_at": taken + timedelta(hours=3), "deleted_at": None})
            if len(rows) == BATCH:
                _insert(Photo.__table__, rows)
                rows = []
    _insert(Photo.__table__, rows)
    recount_photos(PHOTO_ENTITY)


def add_items(volume, count):
    rng = volume.rng
    events = db.session.execute(select(Event.id, Event.date, Event.title)).all()
    first_id = (db.session.scalar(select(func.max(NewsItem.id))) or 0) + 1
    rows = []
    types = _weighted(rng, ITEM_TYPES, count)
    statuses = _weighted(rng, STATUSES, count)
    for kind, status in zip(types, statuses, strict=True):
        # A photo report is of an event, on its day; other items are of any day.
        event_id, day, title = rng.choice(events) if kind == "photo_report" and events else (None, None, None)
        day = day or volume.day()
        title = title or _title(rng, rng.choice(COUNTIES))
        stamp = _stamp(day, rng)
        rows.append(_searchable(NewsItem.__search_fields__, {
            "type": kind, "title": title, "lead": rng.choice(LEADS).format(title=title), "body": "",
            "status": status, "date": day, "published_at": stamp if status == "published" else None,
            "event_id": event_id, "author_id": rng.choice(volume.authors) if volume.authors else None,
            "published_by_id": volume.authors[0] if status == "published" and volume.authors else None,
            "created_at": stamp, "updated_at": stamp, "deleted_at": volume.deleted(day)}))
    _insert(NewsItem.__table__, rows)
    items = db.session.execute(select(NewsItem.id, NewsItem.date, NewsItem.status).where(NewsItem.id >= first_id)
                               .execution_options(include_deleted=True)).all()
    by_kind = {}
    for channel_id, kind in volume.channels:
        by_kind.setdefault(kind, []).append(channel_id)
    publications, officials, topics = [], [], []
    for item_id, day, status in items:
        officials += [{"item_id": item_id, "person_id": person_id} for person_id in volume.officials_of(0, 2)]
        topics += [{"item_id": item_id, "topic_id": topic_id}
                   for topic_id in rng.sample(volume.topics, rng.randint(1, 2))]
        if status != "published":
            continue
        # Every item on the site, most on the internal network, a sixth to the ministry, and
        # republished on one to three messengers.
        chosen = by_kind.get("site", [])[:1]
        chosen += [c for c in by_kind.get("internal", []) if rng.random() < 0.7]
        chosen += [c for c in by_kind.get("ministry", []) if rng.random() < 0.17]
        messengers = by_kind.get("messenger", [])
        chosen += rng.sample(messengers, min(len(messengers), rng.randint(1, 3)))
        stamp = _stamp(day, rng)
        publications += [{"item_id": item_id, "channel_id": channel_id, "published_on": day, "link": "",
                          "created_at": stamp, "updated_at": stamp} for channel_id in chosen]
    _insert(Publication.__table__, publications)
    _insert(item_officials, officials)
    _insert(item_topics, topics)


def add_captions(volume, count):
    rng = volume.rng
    messengers = [channel_id for channel_id, kind in volume.channels if kind == "messenger"]
    rows = []
    for _ in range(count):
        day = volume.day()
        stamp = _stamp(day, rng)
        rows.append(_searchable(Caption.__search_fields__, {
            "kind": rng.choices(["caption", "clip"], [75, 25])[0], "title": "", "quote": rng.choice(QUOTES),
            "date": day, "official_id": rng.choice(volume.officials), "event_id": None, "link": "",
            "channel_id": rng.choice(messengers) if messengers else None,
            "created_at": stamp, "updated_at": stamp, "deleted_at": volume.deleted(day)}))
    _insert(Caption.__table__, rows)


def add_media_work(volume, conferences, contacts, announcements):
    rng = volume.rng
    rows = []
    for _ in range(conferences):
        day = volume.day()
        held = day < volume.end and rng.random() < 0.8
        stamp = _stamp(day, rng)
        rows.append(_searchable(PressConference.__search_fields__, {
            "kind": rng.choices(["conference", "briefing"], [80, 20])[0],
            "subject": f"تشریح {rng.choice(WHAT)} استان", "official_id": rng.choice(volume.officials),
            "organization_id": None, "proposed_on": day, "start_time": clock(10), "place": rng.choice(PLACES),
            "status": "held" if held else rng.choice(["proposed", "approved", "cancelled"]),
            "held_on": day if held else None, "note": "", "cancel_reason": "",
            "created_at": stamp, "updated_at": stamp, "deleted_at": None}))
    _insert(PressConference.__table__, rows)
    rows = []
    for _ in range(contacts):
        day = volume.day()
        stamp = _stamp(day, rng)
        rows.append(_searchable(OutletContact.__search_fields__, {
            "kind": rng.choice(["visit", "meeting"]), "date": day,
            "organization_id": rng.choice(volume.outlets) if volume.outlets else None,
            "subject": f"{rng.choice(['بازدید از', 'دیدار با'])} {rng.choice(WHOM)}", "note": "",
            "created_at": stamp, "updated_at": stamp, "deleted_at": None}))
    _insert(OutletContact.__table__, rows)
    rows = []
    for _ in range(announcements):
        day = volume.day()
        stamp = _stamp(day, rng)
        rows.append(_searchable(Announcement.__search_fields__, {
            "title": f"همایش {rng.choice(WHAT)}", "body": "", "event_on": day + timedelta(days=3),
            "event_time": clock(9), "place": rng.choice(PLACES), "sent_on": day, "letter_number": "",
            "all_agencies": True, "created_at": stamp, "updated_at": stamp, "deleted_at": None}))
    _insert(Announcement.__table__, rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=15000, help="news items in all")
    parser.add_argument("--events", type=int, default=10000, help="events of the photo archive in all")
    parser.add_argument("--photos", type=int, default=150000, help="photos of those events in all")
    parser.add_argument("--captions", type=int, default=1000, help="photo captions and clips in all")
    parser.add_argument("--conferences", type=int, default=300)
    parser.add_argument("--contacts", type=int, default=500, help="visits to outlets and meetings with reporters")
    parser.add_argument("--announcements", type=int, default=500)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--deleted-fraction", type=float, default=0.01, help="share of rows in the trash")
    parser.add_argument("--seed", type=int, default=1404)
    args = parser.parse_args(argv)

    app = create_app()
    with app.app_context():
        if "news" not in app.extensions["ravabet_plugins"].loaded_keys():
            print("bench news seed: the news plugin is not loaded; nothing to add")
            return
        volume = Volume(random.Random(args.seed), args.years, args.deleted_fraction)
        photos = select(func.count()).select_from(Photo).where(Photo.entity == PHOTO_ENTITY)

        def missing(model, total):
            return max(0, total - _count(model))

        steps = [
            ("events", lambda: add_events(volume, missing(Event, args.events))),
            ("photos", lambda: add_photos(volume, max(0, args.photos - db.session.scalar(photos)))),
            ("news items", lambda: add_items(volume, missing(NewsItem, args.items))),
            ("captions", lambda: add_captions(volume, missing(Caption, args.captions))),
            ("conferences, contacts, announcements", lambda: add_media_work(
                volume, missing(PressConference, args.conferences), missing(OutletContact, args.contacts),
                missing(Announcement, args.announcements))),
        ]
        for label, step in steps:
            began = time.perf_counter()
            step()
            db.session.commit()
            print(f"bench news seed: {label} added in {time.perf_counter() - began:.1f} s", flush=True)
        if db.engine.dialect.name == "postgresql":  # as bench/seed.py: the plans of a settled database
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        else:  # SQLite plans by its statistics too (core.db.refresh_statistics)
            refresh_statistics()
        totals = {model.__tablename__: _count(model)
                  for model in (NewsItem, Event, Caption, PressConference, OutletContact, Announcement)}
        totals["photos of events"] = db.session.scalar(photos)
        print(f"bench news seed: totals {totals}", flush=True)


if __name__ == "__main__":
    main()
