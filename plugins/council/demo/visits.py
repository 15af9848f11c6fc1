"""Demo visits of this Jalali year: the secretariat's visits to 18 agencies' PR units and the county
council's tour of four counties (periodic and surprise visits), with findings, problems and
follow-up actions, some of them overdue."""
from datetime import timedelta

from core.jalali import Period, today

from ..models.visits import Visit, VisitAction

UNIT_VISITS = 18
COUNTIES = 4
FINDINGS = (
    "بانک اطلاعات خبرنگاران و رسانه‌ها به‌روز است و آرشیو خبری به صورت منظم نگهداری می‌شود.",
    "سامانه پاسخگویی به شکایات مردمی فعال است و میانگین زمان پاسخ به پیام‌ها کمتر از سه روز است.",
    "برنامه سالانه روابط عمومی تدوین شده و گزارش عملکرد ماهانه به دبیرخانه شورا ارسال می‌شود.",
    "پایگاه خبری دستگاه به‌روز است و اخبار در پیام‌رسان‌های داخلی نیز منتشر می‌شود.",
    "آرشیو عکس رویدادها منظم است و نشریه داخلی به صورت فصلی منتشر می‌شود.",
    "روابط عمومی در جلسات شورای مدیران حضور دارد و در تصمیم‌گیری‌ها مشارکت داده می‌شود.",
)
PROBLEMS = (
    "کمبود نیروی متخصص عکاسی و تولید محتوای چندرسانه‌ای.",
    "نبود اتاق خبر و تجهیزات لازم برای پوشش رویدادها.",
    "بودجه روابط عمومی برای تبلیغات محیطی کافی نیست.",
    "جایگاه سازمانی روابط عمومی در چارت تشکیلاتی پایین است.",
    "",
)
ACTIONS = (
    "تامین یک دستگاه دوربین عکاسی برای پوشش خبری",
    "برگزاری دوره آموزشی تولید محتوای چندرسانه‌ای برای کارشناسان",
    "پیگیری ارتقای جایگاه روابط عمومی در چارت سازمانی",
    "راه‌اندازی کانال رسمی دستگاه در پیام‌رسان ایتا",
    "ارسال گزارش عملکرد شش‌ماهه به دبیرخانه شورا",
    "تجهیز اتاق خبر و استودیوی کوچک ضبط",
    "به‌روزرسانی بانک اطلاعات خبرنگاران",
)


def _actions(session, visit, rng, unit, visitors):
    for text in rng.sample(ACTIONS, rng.randint(1, 3)):
        due = visit.date + timedelta(days=rng.randint(15, 60))
        # Mostly the unit's organization, sometimes one of the visitors.
        owner = {"owner_person": visitors[0]} if visitors and rng.random() < 0.2 else {"owner_organization": unit.organization}
        action = VisitAction(visit=visit, text=text, due_date=due, **owner)
        session.add(action)
        roll = rng.random()
        if due < today() and roll < 0.65:  # most of those due are done; the rest are overdue
            action.status, action.done_on = "done", due - timedelta(days=rng.randint(0, 10))
        else:
            action.status = "in_progress" if roll < 0.85 else "open"


def seed(session, context, demo):
    rng = context.random
    start, end = Period.year_to_date().start, today() - timedelta(days=3)
    span = max(1, (end - start).days)
    visitors = [member.person for member in demo.members.get("provincial", []) if member.role == "manager"][:12]
    plans = [("unit", unit) for unit in rng.sample(demo.units.get("provincial", []),
                                                   min(UNIT_VISITS, len(demo.units.get("provincial", []))))]
    for unit in rng.sample(demo.units.get("county", []), min(COUNTIES, len(demo.units.get("county", [])))):
        plans += [("county_periodic", unit)] + [("county_surprise", unit)] * (rng.random() < 0.5)
    for kind, unit in plans:
        chosen = rng.sample(visitors, min(2, len(visitors)))
        visit = Visit(kind=kind, unit=unit, date=start + timedelta(days=rng.randrange(span)),
                      findings=rng.choice(FINDINGS), problems=rng.choice(PROBLEMS), visitors=chosen)
        session.add(visit)
        _actions(session, visit, rng, unit, chosen)
