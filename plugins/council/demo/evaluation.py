"""Demo rows of the evaluation: the indicator set approved by the council (ten indicators
weighing 100 in all) and a draft newer version, the Government Week evaluation of the last
Shahrivar with every provincial unit scored in two categories, and a year of monthly scores of
the county governorates' news portals, each county with its own level and drift."""
import jdatetime

from core.jalali import jalali_today

from ..models.evaluation import (PORTAL_CRITERIA, EvaluationCategory, EvaluationEntry, EvaluationRound,
                                 EvaluationScore, Indicator, IndicatorSet, PortalScore)

SET_NAME = "شاخص‌های ارزیابی عملکرد روابط عمومی‌های دستگاه‌های اجرایی استان"
INDICATORS = (  # title, group, weight, guidance
    ("تولید و انتشار به‌هنگام خبر و گزارش", "اطلاع‌رسانی", 15, "تعداد و به‌هنگام بودن خبرهای منتشرشده در سامانه‌ها"),
    ("پاسخگویی به رسانه‌ها و افکار عمومی", "اطلاع‌رسانی", 12, "نشست‌های خبری، پاسخ به پرسش‌ها و جوابیه‌ها"),
    ("فعالیت در فضای مجازی و پیام‌رسان‌های داخلی", "رسانه‌های نوین", 12, "حضور فعال در ایتا، بله، سروش و روبیکا"),
    ("روزآمدی و کیفیت پایگاه اینترنتی", "رسانه‌های نوین", 10, "به‌روزرسانی، دسترس‌پذیری و اطلاعات خدمات"),
    ("افکارسنجی و ارزیابی رضایت مردم", "افکارسنجی", 8, "اجرای نظرسنجی و به‌کارگیری نتایج آن"),
    ("برگزاری برنامه‌های مناسبتی و آیینی", "ارتباطات مردمی", 8, "هفته دولت، دهه فجر و مناسبت‌های ملی"),
    ("ارتباطات مردمی و ملاقات‌های عمومی", "ارتباطات مردمی", 10, "میز خدمت، سامد و ملاقات مردمی مدیران"),
    ("مستندسازی و آرشیو تصویری", "مستندسازی", 7, "آرشیو عکس و فیلم با فهرست و جستجو"),
    ("حضور و مشارکت در جلسات شورای هماهنگی", "هماهنگی", 10, "حضور مدیر روابط عمومی در جلسات و اجرای مصوبات"),
    ("آموزش و توانمندسازی کارکنان روابط عمومی", "هماهنگی", 8, "ساعت آموزش کارکنان در سال"),
)
# The draft's changes: the virtual space weighs more, the archive less.
DRAFT_WEIGHTS = {2: 15, 7: 4}
CATEGORIES = ("دستگاه‌های اجرایی بزرگ", "دستگاه‌های اجرایی کوچک")
EVIDENCE = ("گزارش عملکرد شش‌ماهه", "فهرست خبرهای منتشرشده", "صورتجلسات و فهرست حضور", "گزارش سامانه سامد",
            "نتایج نظرسنجی", "گواهی‌های آموزشی", "")
PORTAL_NOTES = {1: "به‌روزرسانی کم در تعطیلات نوروز", 6: "پوشش کامل هفته دولت", 11: "پوشش خوب دهه فجر"}


def _gregorian(jy, jm, jd):
    return jdatetime.date(jy, jm, jd).togregorian()


def _indicator_set(version, weights=None, **fields):
    indicator_set = IndicatorSet(name=SET_NAME, version=version, **fields)
    indicator_set.indicators = [
        Indicator(position=i, title=title, group_title=group, weight=(weights or {}).get(i, weight), guidance=guidance)
        for i, (title, group, weight, guidance) in enumerate(INDICATORS)]
    return indicator_set


def _clamp(value, high):
    return max(0, min(high, round(value)))


def seed(session, context, demo):
    rng = context.random
    today = jalali_today()
    # The last Government Week (first week of Shahrivar) that has passed.
    year = today.year if (today.month, today.day) > (6, 7) else today.year - 1
    approved = _indicator_set(1, description="مصوب شورای هماهنگی تا تصویب شورای اطلاع‌رسانی استان",
                              approver="council", approved_on=_gregorian(year, 4, 20),
                              approval_reference="مصوبه ۳ جلسه ۱۱۲ شورای هماهنگی روابط عمومی‌ها")
    draft = _indicator_set(2, DRAFT_WEIGHTS, description="پیشنهاد برای ارائه به شورای اطلاع‌رسانی استان",
                           previous=approved)
    session.add_all([approved, draft])
    session.flush()
    units = demo.units.get("provincial", [])
    if units:
        _government_week(session, rng, year, approved, units)
    _portals(session, rng, today, demo.units.get("county", []))


def _government_week(session, rng, year, indicator_set, units):
    evaluation_round = EvaluationRound(
        title=f"ارزیابی عملکرد روابط عمومی‌ها در هفته دولت {year}", indicator_set=indicator_set,
        held_on=_gregorian(year, 6, 5), winners=3, signer_name="محمدعلی طاهری", signer_position="استاندار یزد",
        note="ارزیابی بر پایهٔ گزارش عملکرد و بازدید میدانی کارگروه ارزیابی شورا")
    evaluation_round.categories = [EvaluationCategory(title=title, position=i) for i, title in enumerate(CATEGORIES)]
    session.add(evaluation_round)
    session.flush()
    for number, unit in enumerate(units):
        level = rng.uniform(50, 92)
        entry = EvaluationEntry(round_id=evaluation_round.id, unit_id=unit.id,
                                category_id=evaluation_round.categories[number % 2].id)
        entry.scores = [EvaluationScore(indicator_id=indicator.id, score=_clamp(rng.gauss(level, 9), 100),
                                        evidence=rng.choice(EVIDENCE))
                        for indicator in indicator_set.indicators]
        session.add(entry)


def _portals(session, rng, today, counties):
    """Twelve months up to the last one, each county drifting from its own level."""
    months = []
    jy, jm = today.year, today.month
    for _step in range(12):
        jy, jm = (jy, jm - 1) if jm > 1 else (jy - 1, 12)
        months.append((jy, jm))
    months.reverse()
    for unit in counties:
        level, drift = rng.uniform(50, 82), rng.uniform(-1.2, 2.2)
        for index, (jy, jm) in enumerate(months):
            share = min(1.0, max(0.2, (level + drift * index + rng.gauss(0, 4)) / 100))
            values = {key: _clamp(high * share + rng.gauss(0, 1.5), high) for key, high in PORTAL_CRITERIA.items()}
            note = PORTAL_NOTES.get(jm, "") if rng.random() < 0.3 else ""
            session.add(PortalScore(unit_id=unit.id, year=jy, month=jm, note=note, **values))

