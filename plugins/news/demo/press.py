"""Demo press conferences of the deputies and directors-general (most held, a few approved ahead,
one or two cancelled, one overdue) and the year's event announcements to the agencies."""
from datetime import time, timedelta

from core.jalali import today

from ..models import Announcement, PressConference

# What each kind of official talks about; the key is a word of the official's position.
SUBJECTS = {
    "سیاسی": ["برنامه‌های انتخاباتی و مشارکت مردم", "امنیت و نظم عمومی در ایام نوروز"],
    "عمرانی": ["پیشرفت طرح‌های عمرانی نیمه‌تمام استان", "وضعیت تأمین آب شرب شهرهای استان"],
    "اقتصادی": ["اشتغال و سرمایه‌گذاری در استان", "رفع موانع تولید و واحدهای راکد صنعتی"],
    "بانوان": ["برنامه‌های هفته ملی زن و خانواده", "توانمندسازی زنان سرپرست خانوار"],
    "راه": ["آزادراه یزد ـ اصفهان و راه‌های روستایی", "طرح نهضت ملی مسکن در استان"],
    "آموزش": ["آغاز سال تحصیلی و کمبود نیروی انسانی مدارس", "مدرسه‌سازی با مشارکت خیران"],
    "کشاورزی": ["خشکسالی و مدیریت مصرف آب کشاورزی", "خرید تضمینی گندم و پسته"],
    "بحران": ["آمادگی برای سیلاب‌های فصلی", "مانور زلزله و آمادگی دستگاه‌ها"],
    "دارایی": ["مولدسازی دارایی‌های دولت در استان", "عملکرد بودجه و منابع استانی"],
}
PLACES = ["سالن شهید رجائی استانداری", "اتاق خبرنگاران استانداری", "خانه مطبوعات استان یزد",
          "سالن جلسات اداره کل"]
CANCEL_REASONS = ["سفر ناگهانی مدیرکل به تهران برای جلسه هیئت دولت",
                  "هم‌زمانی با مراسم عزای عمومی و تعطیلی ادارات"]
TIMES = [time(9, 0), time(10, 0), time(10, 30), time(11, 0), time(12, 0)]

EVENTS = [
    ("همایش تجلیل از روابط عمومی‌های برتر استان", "تالار فرهنگ یزد"),
    ("مراسم گرامیداشت روز ملی خبرنگار", "هتل صفاییه یزد"),
    ("نمایشگاه دستاوردهای دولت در هفته دولت", "محل دائمی نمایشگاه‌های بین‌المللی یزد"),
    ("جشنواره رسانه‌ای ابوذر استان یزد", "سالن همایش‌های صدا و سیمای مرکز یزد"),
    ("مراسم بزرگداشت روز جهانی یزد", "میدان امیرچخماق"),
    ("کارگاه آموزشی سواد رسانه‌ای مدیران روابط عمومی", "سالن شهید رجائی استانداری"),
    ("جلسه شورای اطلاع‌رسانی استان", "سالن شهید رجائی استانداری"),
    ("مانور سراسری زلزله و ایمنی مدارس", "مدارس سراسر استان"),
    ("آیین افتتاح طرح‌های عمرانی هفته دولت", "شهرستان‌های استان"),
    ("همایش هفته منابع طبیعی و کاشت نهال", "پارک جنگلی شهید صدوقی"),
    ("راهپیمایی ۲۲ بهمن", "مسیرهای راهپیمایی شهر یزد"),
    ("نشست هم‌اندیشی مدیران روابط عمومی با اصحاب رسانه", "خانه مطبوعات استان یزد"),
    ("اجلاسیه شهدای استان", "حسینیه شهدای یزد"),
]
BODY = ("به استحضار می‌رساند {title} در تاریخ مقرر با حضور مسئولان استانی برگزار می‌شود.\n"
        "خواهشمند است دستور فرمایید ضمن اطلاع‌رسانی مناسب در مجاری رسانه‌ای آن دستگاه، "
        "نماینده روابط عمومی جهت هماهنگی‌های لازم در محل حضور یابد.")
SIGNER = "مجتبی فلاح‌زاده"


def _subject(official, rng):
    for word, subjects in SUBJECTS.items():
        if word in official.position:
            return rng.choice(subjects)
    return "گزارش عملکرد دستگاه"


def _workday(day):
    """The day, or the Saturday after it when it falls on the weekend (Thursday, Friday)."""
    while day.weekday() in (3, 4):
        day += timedelta(days=1)
    return day


def _near(items, day, rng):
    """Up to three news items of the held day ±3 days."""
    near = [item for item in items if abs((item.date - day).days) <= 3]
    return rng.sample(near, min(len(near), rng.randint(1, 3)))


def _conferences(session, context, base, year_end, past_year):
    rng = context.random
    speakers = [official for official in base.officials if "معاون" in official.position
                or "مدیرکل" in official.position]
    head = context.users.get("head")
    # Days relative to the year's last day: nine held, two cancelled, one overdue, three ahead.
    plan = ([("held", -offset) for offset in (330, 290, 250, 210, 170, 130, 95, 55, 20)]
            + [("cancelled", -310), ("cancelled", -150), ("approved", -10)]
            + [("approved", 6), ("approved", 13), ("proposed", 24)])
    for status, offset in plan:
        if past_year and status in ("approved", "proposed"):  # only this year's can still be open
            status = "held"
        official = rng.choice(speakers)
        proposed_on = _workday(year_end + timedelta(days=offset))
        conference = PressConference(
            kind="briefing" if rng.random() < 0.2 else "conference", subject=_subject(official, rng),
            official=official, organization=official.organization, proposed_on=proposed_on,
            start_time=rng.choice(TIMES), place=rng.choice(PLACES), status=status,
            note="هماهنگی با دفتر مدیرکل و دعوت از خبرنگاران یک روز قبل" if rng.random() < 0.3 else "")
        if status != "proposed":
            conference.approved_by = head
        if status == "held":
            conference.held_on = _workday(proposed_on + timedelta(days=rng.choice((0, 0, 0, 1, 2))))
            conference.outlets = rng.sample(base.outlets, min(len(base.outlets), rng.randint(3, 6)))
            conference.items = _near(base.items, conference.held_on, rng)
        if status == "cancelled":
            conference.cancel_reason = rng.choice(CANCEL_REASONS)
        session.add(conference)


def _announcements(session, context, year_end):
    rng = context.random
    agencies = [org for org in context.organizations if org.type in ("agency", "county")]
    for number in range(25):
        title, place = EVENTS[number % len(EVENTS)]
        event_on = year_end - timedelta(days=rng.randint(-20, 360))
        sent_on = _workday(min(event_on - timedelta(days=rng.randint(2, 10)), year_end - timedelta(days=3)))
        all_agencies = rng.random() < 0.7
        session.add(Announcement(
            title=title, body=BODY.format(title=title), event_on=event_on, event_time=rng.choice(TIMES),
            place=place, sent_on=sent_on, letter_number=f"{rng.randint(1200, 9800)}/{rng.choice((215, 216, 218))}",
            all_agencies=all_agencies, signer=SIGNER,
            recipients=[] if all_agencies else rng.sample(agencies, min(len(agencies), rng.randint(3, 6)))))


def seed(session, context, base):
    for year in range(context.years):
        year_end = today() - timedelta(days=365 * year)
        _conferences(session, context, base, year_end, past_year=year > 0)
        _announcements(session, context, year_end)
