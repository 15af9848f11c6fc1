"""Demo SMS for ``flask seed-demo``: the groups «خبرنگاران», «مدیران روابط عمومی» and «همکاران»
from the demo directory, an opt-out, and messages sent through the outbox over ``context.years``
years (mostly delivered, some undelivered, the latest still waiting for delivery reports)."""
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import insert

from core.jalali import format_date, today
from core.sms.length import measure
from core.sms.models import SmsBatch, SmsGroup, SmsGroupMember, SmsMessage, SmsOptOut

TEXTS = [
    ("reporters", "نشست خبری استاندار یزد با اصحاب رسانه، {day} ساعت ۱۰ در سالن شهید رجایی استانداری برگزار می‌شود. "
                  "حضور خبرنگاران و عکاسان محترم موجب امتنان است."),
    ("reporters", "بازدید استاندار از طرح‌های اقتصاد مقاومتی شهرستان اردکان، {day} ساعت ۸. "
                  "خودروی اعزام خبرنگاران ساعت ۷ از مقابل استانداری حرکت می‌کند."),
    ("managers", "جلسه شورای هماهنگی روابط عمومی‌های دستگاه‌های اجرایی استان، {day} ساعت ۹ در سالن جلسات استانداری. "
                 "لطفاً گزارش عملکرد ماه را همراه داشته باشید."),
    ("managers", "مهلت ارسال گزارش عملکرد هفته دولت تا {day} است. روابط عمومی استانداری یزد"),
    ("colleagues", "همکاران گرامی، جلسه هماهنگی برنامه‌های دهه فجر {day} ساعت ۱۱ در دفتر اداره کل برگزار می‌شود."),
]


def _group(session, name, description, people, extra=()):
    group = SmsGroup(name=name, description=description)
    group.members = [SmsGroupMember(person_id=p.id) for p in people]
    group.members += [SmsGroupMember(mobile=mobile, name=label) for mobile, label in extra]
    session.add(group)
    return group


def add_demo_sms(session, context):
    rng, day = context.random, today()
    people = [p for p in context.people if p.mobile]
    groups = {
        "reporters": [p for p in people if p.position in ("خبرنگار", "عکاس خبری", "دبیر سرویس استان")],
        "managers": [p for p in people if p.position == "مدیر روابط عمومی"],
        "colleagues": rng.sample([p for p in people if p.position == "کارشناس روابط عمومی"], 8),
    }
    _group(session, "خبرنگاران", "خبرنگاران، عکاسان و دبیران سرویس رسانه‌های استان", groups["reporters"])
    _group(session, "مدیران روابط عمومی", "مدیران روابط عمومی دستگاه‌های اجرایی و فرمانداری‌ها", groups["managers"])
    _group(session, "همکاران", "همکاران اداره کل روابط عمومی استانداری",
           groups["colleagues"], [("09131234560", "راننده اداره کل"), ("09131234561", "دبیرخانه")])
    opted_out = rng.choice(groups["reporters"]).mobile
    session.add(SmsOptOut(mobile=opted_out, reason="درخواست تلفنی خبرنگار"))
    sender = context.users.get("staff")
    session.flush()
    span = 365 * context.years
    sent_day = day - timedelta(days=span)
    while True:
        key, template = rng.choice(TEXTS)
        text = template.format(day=format_date(sent_day + timedelta(days=2)))
        length = measure(text)
        written = datetime.combine(sent_day, time(rng.randint(4, 10), rng.randint(0, 59)), tzinfo=UTC)
        batch = SmsBatch(text=text, parts=length.parts, encoding=length.encoding, backend="outbox", status="done",
                         created_by_id=sender.id if sender else None, created_at=written, started_at=written,
                         finished_at=written + timedelta(minutes=1))
        session.add(batch)
        session.flush()
        latest = sent_day == day
        rows = []
        for person in groups[key]:
            row = {"batch_id": batch.id, "mobile": person.mobile, "name": person.full_name, "person_id": person.id}
            if person.mobile == opted_out:
                rows.append({**row, "status": "skipped", "error": "در فهرست انصراف است.", "provider_status": None,
                             "sent_at": None, "status_at": None})
                continue
            status = "sent" if latest else ("failed" if rng.random() < 0.06 else "delivered")
            rows.append({**row, "status": status, "provider_status": {"sent": 4, "failed": 11, "delivered": 10}[status],
                         "error": "نرسید: شاید گوشی خاموش یا خارج از دسترس باشد." if status == "failed" else "",
                         "sent_at": written, "status_at": None if latest else written + timedelta(minutes=3)})
        session.execute(insert(SmsMessage), rows)
        if sent_day == day:
            break
        sent_day = min(sent_day + timedelta(days=rng.randint(9, 20)), day)
    session.flush()
