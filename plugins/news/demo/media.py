"""A year of media relations: the reporters' beats, the press house as an outlet, about forty
visits to outlets and meetings with reporters (روز خبرنگار in Mordad among them), and about 140
SMS bulletins of the department, stored as the core's batches (module "news") with their
recipients' statuses, mostly delivered, so the report's reach has figures to count.

Batches are inserted directly: ``send_sms`` would enqueue a job per bulletin."""
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import insert

from core.jalali import format_date, jalali_today, parse_jalali_date, today
from core.sms.length import measure
from core.sms.models import SmsBatch, SmsMessage

from ..models import OutletContact, Reporter

BEATS = ["سیاسی", "اقتصادی", "اجتماعی", "فرهنگی", "ورزشی"]
VISITS = [
    "بازدید مدیرکل روابط عمومی استانداری از {outlet}",
    "نشست هم‌اندیشی با مدیر و خبرنگاران {outlet}",
    "هماهنگی پوشش خبری سفر استانی با {outlet}",
    "بازدید از تحریریه {outlet} و بررسی همکاری‌های خبری",
    "تقدیر از فعالیت‌های {outlet} در پوشش اخبار استان",
]
MEETINGS = [
    "دیدار معاون سیاسی، امنیتی و اجتماعی استاندار با خبرنگاران",
    "نشست صمیمی مدیرکل روابط عمومی با عکاسان خبری",
    "جلسه توجیهی خبرنگاران پیش از سفر هیئت دولت",
    "دیدار با دبیران سرویس رسانه‌های استان",
]
NOTES = ["", "", "درخواست‌های خبرنگاران برای دسترسی به مدیران ثبت و پیگیری شد.",
         "قرار شد فهرست نشست‌های خبری ماه آینده برای رسانه‌ها فرستاده شود.",
         "بر اطلاع‌رسانی به‌موقع اخبار سفرهای شهرستانی تأکید شد."]
# (title, text): {official} a position, {day} a Jalali date, {place} a place of Yazd province.
BULLETINS = [
    ("دعوت به نشست خبری", "نشست خبری {official} با اصحاب رسانه {day} ساعت ۱۰ در سالن شهید رجایی استانداری "
                          "برگزار می‌شود. حضور خبرنگاران و عکاسان محترم موجب امتنان است."),
    ("برنامه سفر شهرستانی", "{official} {day} به شهرستان {place} سفر می‌کند. خودروی اعزام خبرنگاران ساعت ۷ "
                            "از مقابل استانداری حرکت می‌کند."),
    ("خبر فوری", "{official}: ستاد مدیریت بحران استان برای مقابله با گردوغبار در {place} فعال شد. "
                 "مشروح خبر در پایگاه اطلاع‌رسانی استانداری."),
    ("خبرنامه روزانه", "خبرنامه روابط عمومی استانداری یزد، {day}: بازدید {official} از طرح‌های عمرانی "
                       "{place}؛ جلسه شورای برنامه‌ریزی استان؛ آیین افتتاح مدرسه خیرساز."),
    ("اطلاعیه", "آیین افتتاح طرح‌های هفته دولت در {place} {day} با حضور {official} برگزار می‌شود."),
    ("پوشش خبری", "از خبرنگاران محترم برای پوشش جلسه شورای اداری استان با حضور {official} {day} "
                  "ساعت ۸ صبح دعوت می‌شود."),
    ("تبریک", "روابط عمومی استانداری یزد {day} را به همه خبرنگاران و فعالان رسانه‌ای استان تبریک می‌گوید."),
]
PLACES = ["میبد", "اردکان", "تفت", "مهریز", "ابرکوه", "بافق", "خاتم", "اشکذر", "بهاباد", "زارچ"]
BULLETINS_A_YEAR = 140
CONTACTS_A_YEAR = 40


def _journalist_day():
    """17 Mordad (روز خبرنگار) of this Jalali year, or of the last one while it is still ahead."""
    year = jalali_today().year
    day = parse_jalali_date(f"{year}/05/17")
    return day if day <= today() else parse_jalali_date(f"{year - 1}/05/17")


def _reporters(session, rng, base):
    for person in base.reporters:
        beat = "عکاس" if "عکاس" in person.position else rng.choice(BEATS)
        session.add(Reporter(person=person, beat=beat))


def _contacts(session, rng, base, span):
    outlets = base.outlets  # the core's demo directory lists the press house among them
    reporters = base.reporters
    journalist_day = _journalist_day()
    session.add(OutletContact(kind="meeting", date=journalist_day, subject="دیدار استاندار با خبرنگاران به مناسبت "
                              "روز خبرنگار", note="از ۱۲ خبرنگار و عکاس برگزیده استان تقدیر شد.",
                              people=rng.sample(reporters, min(12, len(reporters)))))
    for _number in range(CONTACTS_A_YEAR * (span // 365) - 1):
        day = today() - timedelta(days=rng.randrange(span))
        if rng.random() < 0.6:
            outlet = rng.choice(outlets)
            met = [p for p in reporters if p.organization is outlet]
            session.add(OutletContact(kind="visit", date=day, organization=outlet,
                                      subject=rng.choice(VISITS).format(outlet=outlet.name),
                                      note=rng.choice(NOTES), people=rng.sample(met, min(len(met), 2))))
        else:
            session.add(OutletContact(kind="meeting", date=day, subject=rng.choice(MEETINGS), note=rng.choice(NOTES),
                                      people=rng.sample(reporters, min(len(reporters), rng.randint(3, 8)))))


def _audiences(context, base):
    """The people of the core's demo SMS groups (made after this plugin's demo data, so the
    bulletins name their recipients directly): the reporters, and the PR managers now and then."""
    reporters = [p for p in base.reporters if p.mobile]
    managers = [p for p in context.people if p.position == "مدیر روابط عمومی" and p.mobile]
    return reporters, managers


def _bulletins(session, context, base, span, sender_id):
    rng = context.random
    reporters, managers = _audiences(context, base)
    days = sorted(rng.sample(range(span), min(span, BULLETINS_A_YEAR * span // 365)), reverse=True)
    officials = [official.position for official in base.officials[:5]]
    rows = []
    for offset in days:
        day = today() - timedelta(days=offset)
        title, template = rng.choice(BULLETINS)
        text = template.format(official=rng.choice(officials), place=rng.choice(PLACES),
                               day=format_date(day + timedelta(days=rng.randint(0, 2))))
        recipients = reporters + managers if rng.random() < 0.3 else reporters
        length = measure(text)
        written = datetime.combine(day, time(rng.randint(4, 13), rng.randint(0, 59)), tzinfo=UTC)
        batch = SmsBatch(title=title, text=text, parts=length.parts, encoding=length.encoding, backend="outbox",
                         status="done", module="news", created_by_id=sender_id, created_at=written,
                         started_at=written, finished_at=written + timedelta(minutes=1))
        session.add(batch)
        session.flush()
        for person in recipients:
            row = {"batch_id": batch.id, "mobile": person.mobile, "name": person.full_name, "person_id": person.id,
                   "sent_at": written, "status_at": written + timedelta(minutes=3), "error": "",
                   "status": "delivered", "provider_status": 10}
            if offset == 0:  # today's delivery reports have not come yet
                row.update(status="sent", status_at=None, provider_status=4)
            elif rng.random() < 0.05:
                row.update(status="failed", error="نرسید: شاید گوشی خاموش یا خارج از دسترس باشد.", provider_status=11)
            rows.append(row)
    if rows:
        session.execute(insert(SmsMessage), rows)


def seed(session, context, base):
    rng, span = context.random, 365 * context.years
    _reporters(session, rng, base)
    _contacts(session, rng, base, span)
    sender = context.users.get("staff")
    _bulletins(session, context, base, span, sender.id if sender else None)
