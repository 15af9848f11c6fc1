"""Demo appointment-opinion requests of this Jalali year: seven answered with mixed opinions and
one still under review, from agencies of the provincial council, signed by the department head."""
from datetime import timedelta

from core.demo import national_code
from core.jalali import Period, today
from core.models import Person

from ..models.appointments import QUALIFICATION_TITLES, AppointmentRequest

NOMINEES = (("محمدرضا", "فلاح"), ("فاطمه", "شریفی"), ("علی", "دهقانی‌زاده"), ("سعید", "زارع"),
            ("مریم", "حکیمی"), ("حسین", "مروتی"), ("زهره", "کریمی"), ("مهدی", "ابوالحسنی"))
# (opinion, reasons); the last request is still under review.
OPINIONS = (
    ("approve", ""),
    ("approve", "سوابق و تحصیلات نامزد با شرایط احراز سمت مدیر روابط عمومی منطبق است."),
    ("conditional", "گذراندن دوره تخصصی مدیریت روابط عمومی شورا در شش ماه نخست\nارائه برنامه سالانه روابط عمومی به دبیرخانه شورا"),
    ("approve", ""),
    ("reject", "نداشتن سابقه کار در روابط عمومی\nنداشتن تحصیلات مرتبط با رشته‌های ارتباطات و روابط عمومی"),
    ("conditional", "گذراندن دوره آموزشی کار با رسانه‌ها پیش از صدور حکم"),
    ("approve", ""),
    (None, ""),
)
POSITIONS = ("مدیر روابط عمومی", "رئیس اداره روابط عمومی", "مدیر روابط عمومی و امور بین‌الملل")


def seed(session, context, demo):
    rng = context.random
    agencies = [unit.organization for unit in demo.units.get("provincial", [])]
    if not agencies:
        return
    start = Period.year_to_date().start
    span = max(1, (today() - start).days - 30)
    signer = demo.department.head
    for index, ((first_name, last_name), (opinion, reasons)) in enumerate(zip(NOMINEES, OPINIONS)):
        nominee = Person(first_name=first_name, last_name=last_name, national_code=national_code(rng))
        received = (start + timedelta(days=rng.randrange(span)) if opinion
                    else today() - timedelta(days=rng.randint(2, 6)))
        row = AppointmentRequest(
            received_on=received, agency=agencies[index * 3 % len(agencies)], nominee=nominee,
            letter_number=f"{rng.randint(10, 99)}/{rng.randint(1000, 9999)}", position=rng.choice(POSITIONS),
            review_notes="سوابق کاری، تحصیلات و دوره‌های آموزشی نامزد بررسی شد.",
            qualifications=[code for code in QUALIFICATION_TITLES if rng.random() < (0.8 if opinion != "reject" else 0.3)],
            status="under_review")
        if opinion:
            row.status, row.opinion, row.reasons, row.signed_by = "answered", opinion, reasons, signer
            row.opinion_on = min(received + timedelta(days=rng.randint(4, 20)), today())
            row.opinion_number = f"{rng.randint(100, 999)}/ش"
        session.add_all([nominee, row])
