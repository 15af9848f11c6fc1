"""Demo committees for ``flask seed-demo``: plain committees of the directorate with members from
the demo directory, meetings over ``context.years`` years, and resolutions (some overdue)."""
from datetime import time, timedelta

from core.committees.models import AgendaItem, Attendance, Committee, CommitteeMember, Meeting, Resolution
from core.jalali import format_date, today
from core.text import to_fa_digits

NEWS = "واحد خبر و اطلاع‌رسانی"
COUNCIL = "دبیرخانه شورای هماهنگی روابط عمومی‌ها"

# name, department, description, active, meetings a year
COMMITTEES = [
    ("کارگروه رسانه‌ای اقتصاد مقاومتی", NEWS,
     "هماهنگی اطلاع‌رسانی طرح‌ها و دستاوردهای اقتصاد مقاومتی استان و پایش بازتاب رسانه‌ای آن‌ها", True, 10),
    ("کمیسیون رسانه‌ای شورای تامین استان", NEWS,
     "مدیریت اطلاع‌رسانی رویدادهای امنیتی و انتظامی و هماهنگی پیام رسانه‌ای دستگاه‌ها در شرایط خاص", True, 8),
    ("دبیرخانه مدیران کل روابط عمومی منطقه ۵ کشور", COUNCIL,
     "هم‌اندیشی و تبادل تجربه مدیران کل روابط عمومی استانداری‌های منطقه ۵ کشور", True, 4),
    ("ستاد اطلاع‌رسانی سرشماری عمومی نفوس و مسکن", NEWS,
     "اطلاع‌رسانی مراحل سرشماری در استان؛ مأموریت ستاد پایان یافته است", False, 6),
]
TYPE_WEIGHTS = [("general", 10), ("board", 2), ("training", 3), ("critique", 2), ("visit", 1)]
PLACES = ["سالن جلسات استانداری یزد", "اتاق جلسات معاونت سیاسی، امنیتی و اجتماعی", "سالن شهید رجایی استانداری",
          "دفتر اداره کل روابط عمومی استانداری", "سالن همایش‌های صدا و سیمای مرکز یزد"]
TITLES = {
    "general": ["بررسی برنامه اطلاع‌رسانی فصل جاری", "هماهنگی پوشش خبری رویدادهای استان",
                "جمع‌بندی عملکرد و برنامه ماه آینده", "بررسی گزارش پایش رسانه‌ای"],
    "board": ["تصمیم‌گیری درباره دستور جلسات آینده", "بررسی پیشنهادهای اعضا"],
    "training": ["کارگاه تولید محتوای کوتاه برای پیام‌رسان‌ها", "آموزش نگارش خبر و گزارش",
                 "کارگاه عکاسی خبری با تلفن همراه", "آموزش مدیریت اطلاع‌رسانی در بحران"],
    "critique": ["نشست نقد عملکرد رسانه‌ای دستگاه‌ها", "نقد و بررسی بازتاب اخبار استان در رسانه‌های ملی"],
    "visit": ["بازدید از روابط عمومی فرمانداری میبد", "بازدید از خانه مطبوعات استان",
              "بازدید از طرح‌های اقتصاد مقاومتی شهرستان اردکان"],
}
AGENDA = [
    "گزارش دبیر از اقدامات انجام‌شده پس از جلسه قبل",
    "بررسی برنامه اطلاع‌رسانی هفته دولت",
    "هماهنگی پوشش خبری سفر هیئت دولت به استان",
    "بررسی بازتاب رسانه‌ای طرح‌های افتتاح‌شده",
    "تعیین سخنگوی هر دستگاه برای رویدادهای پیش رو",
    "پیشنهاد محورهای تولید محتوا برای ماه آینده",
    "بررسی شکایات مردمی منتشرشده در فضای مجازی",
]
RESOLUTIONS = [
    "تهیه گزارش تصویری از طرح‌های اقتصاد مقاومتی هر شهرستان و ارسال به دبیرخانه",
    "برگزاری نشست خبری مدیرکل با اصحاب رسانه درباره طرح‌های در دست اجرا",
    "معرفی یک کارشناس رابط رسانه‌ای از هر دستگاه به دبیرخانه",
    "تولید دست‌کم دو گزارش مستند از دستاوردهای دستگاه در ماه",
    "انتشار اطلاعیه مشترک درباره زمان‌بندی اجرای طرح",
    "ارسال فهرست پرسش‌های پرتکرار مردمی و پاسخ آن‌ها برای انتشار در پایگاه خبری",
    "هماهنگی با صدا و سیمای مرکز برای پخش گفتگوی ویژه",
    "تشکیل کارگروه فرعی برای پایش اخبار فضای مجازی",
    "ارائه گزارش پیشرفت برنامه‌ها در جلسه بعد",
    "پیگیری انتشار اخبار استان در خبرگزاری‌های ملی",
    "تهیه بسته خبری دستاوردهای سه‌ماهه و ارسال به رسانه‌های استان",
    "برگزاری کارگاه آموزشی تولید محتوای کوتاه برای کارشناسان روابط عمومی",
    "راه‌اندازی کانال اطلاع‌رسانی مشترک در پیام‌رسان‌های داخلی",
    "تدوین تقویم رویدادهای رسانه‌ای شش ماه دوم سال",
    "پاسخ به شبهات منتشرشده درباره طرح در فضای مجازی ظرف ۴۸ ساعت",
    "مستندسازی تصویری افتتاح طرح‌های هفته دولت در همه شهرستان‌ها",
    "هماهنگی بازدید خبرنگاران از طرح‌های نیمه‌تمام استان",
    "ارسال گزارش ماهانه پایش رسانه‌ای به معاون سیاسی، امنیتی و اجتماعی استاندار",
    "تهیه فهرست سخنگویان دستگاه‌ها و اعلام به رسانه‌ها",
    "تولید موشن‌گرافیک معرفی طرح‌های اشتغال‌زا",
]
GUESTS = ["نماینده صدا و سیمای مرکز یزد", "مدیر خانه مطبوعات استان", "کارشناس معاونت هماهنگی امور اقتصادی",
          "نماینده ستاد خبری فرماندهی انتظامی استان"]
MINUTES = ("جلسه با تلاوت آیاتی از کلام‌الله مجید آغاز شد. رئیس جلسه ضمن تشکر از حضور اعضا، گزارشی از "
           "اقدامات انجام‌شده ارائه کرد و اعضا دیدگاه‌های خود را درباره دستور جلسه بیان کردند. پس از بحث و "
           "تبادل نظر، مصوبات زیر به تصویب رسید.")
ROLES = ["chair", "deputy", "secretary"]


def _weighted_type(rng):
    return rng.choices([key for key, _ in TYPE_WEIGHTS], weights=[w for _, w in TYPE_WEIGHTS])[0]


def _members(session, context, committee, start):
    rng = context.random
    people = rng.sample(context.people, k=min(len(context.people), rng.randint(8, 11)))
    members = []
    for index, person in enumerate(people):
        role = ROLES[index] if index < len(ROLES) else "member"
        letter_date = start - timedelta(days=rng.randint(5, 20))
        member = CommitteeMember(
            committee=committee, person=person, role=role, term_start=start,
            term_end=None if index < 7 else today() - timedelta(days=rng.randint(60, 300)),
            letter_number=to_fa_digits(f"{rng.randint(1000, 9999)}/{rng.randint(10, 99)}/ص"),
            letter_date=letter_date)
        session.add(member)
        members.append(member)
    return members


def _resolutions(context, committee, meeting, members, organizations, pool):
    """1 to 4 resolutions, their texts drawn from ``pool`` (refilled when used up) so a committee
    does not repeat itself meeting after meeting."""
    rng, day = context.random, today()
    made = []
    for number in range(1, rng.randint(1, 4) + 1):
        if not pool:
            pool.extend(rng.sample(RESOLUTIONS, k=len(RESOLUTIONS)))
        text = pool.pop()
        due = meeting.date + timedelta(days=rng.randint(15, 60))
        if due < day - timedelta(days=180):  # long ago: nearly all settled
            status = rng.choices(["done", "in_progress", "open"], weights=[198, 1, 1])[0]
        elif due < day:
            status = rng.choices(["done", "in_progress", "open"], weights=[75, 10, 15])[0]
        else:
            status = rng.choice(["open", "open", "in_progress"])
        person = rng.choice(members).person if rng.random() < 0.6 else None
        resolution = Resolution(
            committee=committee, meeting=meeting, number=number, text=text, due_date=due, status=status,
            responsible_person=person,
            responsible_organization=(person.organization if person else rng.choice(organizations)),
            done_on=min(due, day) - timedelta(days=rng.randint(0, 10)) if status == "done" else None,
            evidence="گزارش انجام کار به دبیرخانه ارسال شد." if status == "done" else "")
        made.append(resolution)
    return made


def _meeting(context, committee, members, day, status):
    rng = context.random
    kind = _weighted_type(rng)
    meeting = Meeting(committee=committee, type=kind, title=rng.choice(TITLES[kind]), date=day,
                      start_time=rng.choice([time(9, 0), time(10, 0), time(10, 30), time(14, 0)]),
                      place=rng.choice(PLACES), status=status,
                      guests="\n".join(rng.sample(GUESTS, k=rng.randint(0, 2))),
                      minutes=MINUTES if status == "held" else "")
    for position, text in enumerate(rng.sample(AGENDA, k=rng.randint(2, 4)), 1):
        meeting.agenda_items.append(AgendaItem(position=position, text=text))
    for member in members:
        if (member.term_end is None or member.term_end >= day) and member.term_start <= day:
            present = status == "held" and rng.random() < 0.82
            meeting.attendance.append(Attendance(member=member, invited=True, present=present))
    return meeting


def add_demo_committees(session, context):
    rng, day = context.random, today()
    span = 365 * context.years
    organizations = [o for o in context.organizations if o.type in ("agency", "county")]
    for name, department, description, active, per_year in COMMITTEES:
        committee = Committee(name=name, department=context.departments[department], description=description,
                              active=active)
        session.add(committee)
        start = day - timedelta(days=span + 30)
        members = _members(session, context, committee, start)
        resolutions, pool = [], []
        end = day if active else start + timedelta(days=span // 2)
        meeting_day = start + timedelta(days=rng.randint(5, 30))
        while meeting_day < end:
            status = "cancelled" if rng.random() < 0.05 else "held"
            meeting = _meeting(context, committee, members, meeting_day, status)
            session.add(meeting)
            if status == "held":
                made = _resolutions(context, committee, meeting, members, organizations, pool)
                session.add_all(made)
                resolutions += made
            meeting_day += timedelta(days=int(365 / per_year) + rng.randint(-8, 8))
        if active:
            upcoming = _meeting(context, committee, members, day + timedelta(days=rng.randint(3, 20)), "planned")
            overdue = [r for r in resolutions if r.status != "done" and r.due_date < day]
            for offset, resolution in enumerate(overdue):
                upcoming.agenda_items.insert(offset, AgendaItem(
                    resolution=resolution,
                    text=f"پیگیری مصوبه {to_fa_digits(resolution.number)} جلسه {format_date(resolution.meeting.date)}: "
                         f"{resolution.text}"))
            for position, item in enumerate(upcoming.agenda_items, 1):
                item.position = position
            session.add(upcoming)
    session.flush()
