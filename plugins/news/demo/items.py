"""A year of news items: about four a working day (the department's ~125 a month), mostly news,
then photo reports of the archive's events, interviews, commentaries and notices, nearly all
published on the governorate's site and many on the internal network, the ministry's site and the
messengers; a few drafts and items under review in the last week."""
from datetime import datetime, time, timedelta

from sqlalchemy import insert, select

from core.jalali import TIMEZONE, today
from core.text import normalize_fa

from ..models import NewsItem, Publication
from ..models.items import item_officials, item_topics

COUNTIES = ["میبد", "اردکان", "تفت", "مهریز", "ابرکوه", "بافق", "خاتم", "اشکذر", "بهاباد", "یزد"]

# (title template, lead template, topics): {official} is a position (استاندار یزد), {county} a county.
NEWS = [
    ("{official} از طرح‌های عمرانی شهرستان {county} بازدید کرد",
     "{official} در سفر به شهرستان {county} روند اجرای طرح‌های نیمه‌تمام را بررسی کرد.", ["عمرانی"]),
    ("جلسه شورای برنامه‌ریزی و توسعه شهرستان {county} با حضور {official} برگزار شد",
     "در این جلسه اعتبارات سال جاری شهرستان {county} تخصیص یافت.", ["اقتصادی", "عمرانی"]),
    ("{official}: تأمین آب پایدار {county} اولویت نخست استان است",
     "{official} در نشست با کشاورزان {county} بر مدیریت مصرف آب تأکید کرد.", ["کشاورزی و آب"]),
    ("افتتاح مدرسه خیرساز در شهرستان {county} با حضور {official}",
     "این مدرسه با مشارکت خیران و در زمینی به مساحت ۲ هزار مترمربع ساخته شده است.", ["آموزش", "اجتماعی"]),
    ("نشست {official} با فعالان اقتصادی شهرستان {county}",
     "مشکلات واحدهای تولیدی {county} در این نشست بررسی و برای رفع آن‌ها تصمیم‌گیری شد.", ["اقتصادی"]),
    ("جلسه شورای تأمین شهرستان {county} به ریاست {official} برگزار شد",
     "وضعیت نظم و امنیت عمومی {county} در این جلسه بررسی شد.", ["امنیتی و انتظامی"]),
    ("{official} در جمع مردم {county}: خدمت‌رسانی به مردم بی‌وقفه ادامه دارد",
     "{official} در دیدار مردمی {county} به درخواست‌های شهروندان رسیدگی کرد.", ["اجتماعی", "سیاسی"]),
    ("بازدید {official} از بیمارستان در حال ساخت {county}",
     "پیشرفت فیزیکی این بیمارستان به ۷۰ درصد رسیده است.", ["بهداشت و درمان", "عمرانی"]),
    ("ستاد مدیریت بحران استان با حضور {official} تشکیل جلسه داد",
     "آمادگی دستگاه‌ها برای مقابله با سیلاب و گردوغبار در {county} بررسی شد.", ["مدیریت بحران"]),
    ("آیین گرامیداشت هفته تربیت بدنی در {county} با حضور {official} برگزار شد",
     "در این آیین از ورزشکاران برتر شهرستان {county} تجلیل شد.", ["ورزش و جوانان", "فرهنگی"]),
    ("{official} از نمایشگاه صنایع‌دستی {county} بازدید کرد",
     "هنرمندان {county} در این نمایشگاه آثار خود را عرضه کرده‌اند.", ["فرهنگی", "اقتصادی"]),
    ("کلنگ احداث ۵۰۰ واحد مسکونی در {county} به زمین زده شد",
     "{official} در این آیین گفت مسکن مردم از اولویت‌های دولت است.", ["عمرانی", "اجتماعی"]),
]
PHOTO_REPORT = ("گزارش تصویری | {event}", "تصاویر {event}")
INTERVIEWS = [
    ("گفت‌وگو با {official} درباره برنامه‌های توسعه شهرستان {county}",
     "{official} در گفت‌وگو با روابط عمومی استانداری از برنامه‌های امسال گفت.", ["اقتصادی", "سیاسی"]),
    ("{official} در گفت‌وگوی ویژه: آب، مهم‌ترین چالش یزد است",
     "مشروح گفت‌وگو با {official} درباره وضعیت منابع آب استان.", ["کشاورزی و آب"]),
]
NOTES = [
    ("یادداشت | یزد و فرصت‌های گردشگری که نباید از دست برود",
     "یادداشتی درباره ظرفیت‌های گردشگری شهرستان {county}.", ["فرهنگی", "اقتصادی"]),
    ("یادداشت | مشارکت مردم، رمز موفقیت طرح‌های عمرانی",
     "نگاهی به تجربه طرح‌های مشارکتی در {county}.", ["عمرانی", "اجتماعی"]),
]
NOTICES = [
    ("اطلاعیه استانداری یزد درباره تعطیلی ادارات شهرستان {county}",
     "به دلیل شرایط جوی، ادارات شهرستان {county} فردا تعطیل است.", ["مدیریت بحران"]),
    ("اطلاعیه ستاد انتخابات استان درباره ثبت‌نام داوطلبان",
     "داوطلبان می‌توانند تا پایان هفته در فرمانداری {county} ثبت‌نام کنند.", ["انتخابات", "سیاسی"]),
]
# (type, its share of the items): mostly news, as the department writes.
TYPE_WEIGHTS = [("news", 72), ("photo_report", 15), ("interview", 5), ("note", 3), ("announcement", 5)]
TEXTS = {"news": NEWS, "interview": INTERVIEWS, "note": NOTES, "announcement": NOTICES}
# How often a published item reaches each channel, by channel name (the site almost always).
CHANNEL_SHARES = {"پایگاه اطلاع‌رسانی استانداری": 0.96, "شبکه داخلی": 0.6, "پایگاه اطلاع‌رسانی وزارت کشور": 0.25,
                  "ایتا": 0.7, "سروش": 0.35, "بله": 0.5, "گپ": 0.15, "اینستاگرام": 0.3}
CHANNEL_LINKS = {"site": "https://www.ostan-yz.ir/news/{n}", "ministry": "https://www.moi.ir/fa/news/{n}"}
MESSENGER_LINKS = {"ایتا": "https://eitaa.com/ostandari_yazd/{n}", "سروش": "https://splus.ir/ostandari_yazd/{n}",
                   "بله": "https://ble.ir/ostandari_yazd/{n}", "گپ": "https://gap.im/ostandari_yazd/{n}",
                   "اینستاگرام": "https://www.instagram.com/p/yazd{n}/"}
BODY = ("به گزارش روابط عمومی استانداری یزد، {lead} "
        "در ادامه بر پیگیری مصوبات و گزارش پیشرفت کار در جلسه بعد تأکید شد.\n"
        "گفتنی است این برنامه با همکاری دستگاه‌های اجرایی و فرمانداری شهرستان {county} اجرا می‌شود.")


def _daily_count(rng, day):
    if day.weekday() == 4:  # Friday
        return rng.choice((0, 0, 1))
    return rng.choice((2, 3, 4, 4, 5, 5))


def _text(rng, kind, base, events_by_day, day):
    """(kind, title, lead, topics, officials, event) of an item of ``kind`` on ``day``."""
    officials = rng.sample(base.officials, rng.choice((1, 1, 2)))
    # A county governor (فرماندار شهرستان میبد) is covered in his own county.
    county = next((name for name in COUNTIES if f"شهرستان {name}" in officials[0].position), rng.choice(COUNTIES))
    event = None
    if kind == "photo_report":
        nearby = [event for offset in (0, -1, -2) for event in events_by_day.get(day + timedelta(days=offset), ())]
        if nearby:
            event = rng.choice(nearby)
            title, lead = (text.format(event=event.title) for text in PHOTO_REPORT)
            return kind, title, lead, [], list(event.officials) or officials, event
        kind = "news"  # no event to report in pictures that day
    title, lead, topics = rng.choice(TEXTS[kind])
    values = {"official": officials[0].position, "county": county}
    return kind, title.format(**values), lead.format(**values), topics, officials, event


def _publications(rng, base, day, number):
    """The rows of one published item's publications (without its id yet)."""
    rows = []
    for channel in base.channels:
        if rng.random() >= CHANNEL_SHARES.get(channel.name, 0.2):
            continue
        template = CHANNEL_LINKS.get(channel.kind) or MESSENGER_LINKS.get(channel.name, "")
        published_on = day if channel.kind in ("site", "internal") else day + timedelta(days=rng.choice((0, 0, 1)))
        rows.append({"channel_id": channel.id, "published_on": min(published_on, today()),
                     "link": template.format(n=number) if template else ""})
    return rows


def seed(session, context, base):
    """Inserted in bulk (a row-by-row flush of ~1,200 items and ~5,000 publications takes seconds);
    the search text is computed here as SearchableMixin would on a flush."""
    rng = context.random
    head, staff = context.users.get("head"), context.users.get("staff")
    author_ids = [user.id for user in (staff, staff, head) if user is not None] or [None]
    topic_ids = {topic.name: topic.id for topic in base.topics}
    events_by_day = {}
    for event in base.events:
        events_by_day.setdefault(event.date, []).append(event)
    kinds, weights = zip(*TYPE_WEIGHTS)
    last = today()
    day = last - timedelta(days=365 * context.years - 1)
    number = 48000  # the site's running article number
    rows, links = [], []  # links: (officials, topic ids, publications) of each row
    while day <= last:
        recent = (last - day).days < 7
        for _index in range(_daily_count(rng, day)):
            kind, title, lead, topic_names, officials, event = _text(
                rng, rng.choices(kinds, weights)[0], base, events_by_day, day)
            names = (topic_names or [rng.choice(base.topics).name])[:rng.choice((1, 2))]
            body = BODY.format(lead=lead, county=rng.choice(COUNTIES))
            row = {"type": kind, "title": title, "lead": lead, "body": body, "date": day, "status": "published",
                   "event_id": event.id if event else None, "author_id": rng.choice(author_ids),
                   "published_at": None, "published_by_id": None,
                   "search_text": normalize_fa(" ".join((title, lead, body)))}
            publications = []
            if recent:
                row["status"] = rng.choice(("draft", "review", "published", "published"))
            if row["status"] == "published":
                number += 1
                clock = time(rng.randint(8, 20), rng.choice((0, 10, 15, 20, 30, 40, 45, 50)))
                row["published_at"] = min(datetime.combine(day, clock, tzinfo=TIMEZONE), datetime.now(TIMEZONE))
                row["published_by_id"] = head.id if head else None
                publications = _publications(rng, base, day, number)
            rows.append(row)
            links.append((officials, [topic_ids[name] for name in names if name in topic_ids], publications))
        day += timedelta(days=1)
    ids = session.scalars(insert(NewsItem).returning(NewsItem.id, sort_by_parameter_order=True), rows).all()
    officials, topics, publications = [], [], []
    for item_id, (people, filed_under, item_publications) in zip(ids, links):
        officials += [{"item_id": item_id, "person_id": person.id} for person in people]
        topics += [{"item_id": item_id, "topic_id": topic_id} for topic_id in filed_under]
        publications += [{**publication, "item_id": item_id} for publication in item_publications]
    session.execute(insert(item_officials), officials)
    session.execute(insert(item_topics), topics)
    session.execute(insert(Publication), publications)
    base.items.extend(session.scalars(select(NewsItem).where(NewsItem.id.in_(ids)).order_by(NewsItem.date)))
