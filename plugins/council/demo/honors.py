"""Demo honors and campaigns: the Public Relations Day ceremonies (27 Ordibehesht) of this year and
last year honoring top managers, top experts and retirees, the county council's honoring of its
top county PR managers, the #پاسخگو_هستیم campaign with about thirty events of many units, and a
smaller campaign still running."""
import datetime

import jdatetime

from core.jalali import jalali_today, today
from core.models import Person

from ..models.honors import Campaign, CampaignEvent, Ceremony, Honoree

RETIREES = (("محمدعلی", "شریفی", "مدیر اسبق روابط عمومی اداره کل آموزش و پرورش"),
            ("فاطمه", "زارع‌زاده", "کارشناس اسبق روابط عمومی دانشگاه علوم پزشکی"),
            ("غلامرضا", "فلاح‌تفتی", "مدیر اسبق روابط عمومی شرکت آب منطقه‌ای"),
            ("اکرم", "میرحسینی", "کارشناس اسبق روابط عمومی اداره کل بهزیستی"),
            ("حسن", "دهقان‌منشادی", "مدیر اسبق روابط عمومی فرمانداری مهریز"),
            ("عباس", "کریمی‌ندوشن", "مدیر اسبق روابط عمومی اداره کل راه و شهرسازی"),
            ("معصومه", "طالبی", "کارشناس اسبق روابط عمومی اداره کل فرهنگ و ارشاد اسلامی"))
MANAGER_CITATIONS = ("به پاس تلاش‌های ارزنده در اطلاع‌رسانی به‌موقع و شفاف از خدمات دستگاه",
                     "به پاس کسب رتبهٔ برتر در ارزیابی عملکرد روابط عمومی‌ها",
                     "به پاس ابتکار در تولید محتوای رسانه‌ای و ارتباط مؤثر با مردم",
                     "به پاس پاسخگویی مستمر به پرسش‌های مردم و رسانه‌ها")
RETIREE_CITATION = "به پاس سال‌ها خدمت صادقانه در عرصهٔ روابط عمومی و اطلاع‌رسانی"
EXPERT_CITATION = "به پاس تلاش خستگی‌ناپذیر در پوشش خبری رویدادهای استان"
# (kind, title, reach range) of the #پاسخگو_هستیم events.
EVENTS = (("qa_session", "نشست پرسش و پاسخ مدیرکل با مردم", (40, 250)),
          ("service_desk", "میز خدمت در نماز جمعه", (80, 400)),
          ("radio", "گفت‌وگوی زنده در برنامه رادیویی «سلام یزد»", (5000, 20000)),
          ("tv", "حضور در برنامه تلویزیونی «یزد امروز»", (10000, 40000)),
          ("social_post", "پاسخ به پرسش‌های مردم در صفحهٔ مجازی", (1500, 12000)),
          ("meeting", "دیدار مردمی مدیرکل", (30, 150)))
WATER_EVENTS = (("social_post", "انتشار پوستر صرفه‌جویی در مصرف آب"), ("radio", "برنامه رادیویی مدیریت مصرف آب"),
                ("meeting", "نشست هم‌اندیشی روابط عمومی‌ها دربارهٔ کم‌آبی"), ("social_post", "کلیپ «هر قطره، یک زندگی»"))


def _day(jy, jm, jd):
    return jdatetime.date(jy, jm, jd).togregorian()


def _honor(session, ceremony, person, kind, organization, position, citation):
    session.add(Honoree(ceremony=ceremony, person=person, kind=kind, organization=organization,
                        position=position or "", citation=citation))


def _members(demo, body, role=None):
    return [member for member in demo.members.get(body, []) if role is None or member.role == role]


def _retirees(session):
    people = [Person(first_name=first, last_name=last, position=position) for first, last, position in RETIREES]
    session.add_all(people)
    return people


def _pr_day(session, rng, demo, jy, retirees, managers=12, experts=3, retired=5):
    ceremony = Ceremony(body="provincial", title=f"مراسم گرامیداشت روز ارتباطات و روابط عمومی {jy}",
                        date=_day(jy, 2, 27), occasion="روز ارتباطات و روابط عمومی (۲۷ اردیبهشت)",
                        place="تالار شهید رجائی استانداری یزد",
                        note="با حضور استاندار و مدیران کل دستگاه‌های اجرایی استان")
    session.add(ceremony)
    for member in rng.sample(_members(demo, "provincial", "manager"),
                             min(managers, len(_members(demo, "provincial", "manager")))):
        _honor(session, ceremony, member.person, "top_manager", member.unit.organization, member.position,
               rng.choice(MANAGER_CITATIONS))
    for member in rng.sample(_members(demo, "provincial", "expert"),
                             min(experts, len(_members(demo, "provincial", "expert")))):
        _honor(session, ceremony, member.person, "top_expert", member.unit.organization, member.position,
               EXPERT_CITATION)
    for person in rng.sample(retirees, min(retired, len(retirees))):
        _honor(session, ceremony, person, "retiree", None, person.position, RETIREE_CITATION)


def _county_ceremony(session, rng, demo, jy):
    ceremony = Ceremony(body="county", title="تجلیل از مدیران روابط عمومی برتر فرمانداری‌ها",
                        date=_day(jy, 6, 4), occasion="هفتهٔ دولت", place="سالن جلسات فرمانداری یزد")
    session.add(ceremony)
    managers = _members(demo, "county", "manager")
    for member in rng.sample(managers, min(3, len(managers))):
        _honor(session, ceremony, member.person, "top_manager", member.unit.organization, member.position,
               "به پاس کسب رتبهٔ برتر در ارزیابی ماهانهٔ پایگاه خبری فرمانداری‌ها")


def _responsive_campaign(session, rng, demo, jy):
    start, end = _day(jy, 6, 1), _day(jy, 6, 31)
    units = demo.units.get("provincial", [])[:22] + demo.units.get("county", [])[:6]
    campaign = Campaign(title="پویش پاسخگویی مدیران به مردم", hashtag="#پاسخگو_هستیم", start_date=start,
                        end_date=end, units=list(units),
                        description="پویش استانی پاسخگویی مدیران دستگاه‌های اجرایی به پرسش‌ها و مطالبات مردم "
                                    "در هفتهٔ دولت، با نشست‌های پرسش و پاسخ، میزهای خدمت و برنامه‌های رادیویی و تلویزیونی")
    session.add(campaign)
    session.flush()
    for number in range(30):
        kind, title, (low, high) = rng.choice(EVENTS)
        unit = units[number % len(units)] if units else None
        session.add(CampaignEvent(
            campaign_id=campaign.id, date=start + datetime.timedelta(days=rng.randrange((end - start).days + 1)),
            title=title, unit=unit, kind=kind,
            reach=rng.randrange(low, high) // 10 * 10,
            link="https://www.ostan-yz.ir/" if kind in ("social_post", "tv") else ""))


def _water_campaign(session, rng, demo, jy):
    start = _day(jy, 8, 15)
    units = demo.units.get("provincial", [])[:4]
    campaign = Campaign(title="پویش صرفه‌جویی در مصرف آب", hashtag="#با_هم_برای_آب", start_date=start,
                        units=list(units), description="پویش مشترک روابط عمومی‌ها برای مدیریت مصرف آب در تابستان کم‌آب یزد")
    session.add(campaign)
    session.flush()
    for number, (kind, title) in enumerate(WATER_EVENTS):
        day = start + datetime.timedelta(days=3 * number)
        if day > today():
            break
        session.add(CampaignEvent(campaign_id=campaign.id, date=day, title=title, kind=kind,
                                  unit=units[number % len(units)] if units else None,
                                  reach=rng.randrange(800, 6000) // 10 * 10))


def seed(session, context, demo):
    rng = context.random
    jy = jalali_today().year
    retirees = _retirees(session)
    _pr_day(session, rng, demo, jy, retirees)
    _pr_day(session, rng, demo, jy - 1, retirees, managers=8, experts=2, retired=3)
    _county_ceremony(session, rng, demo, jy)
    _responsive_campaign(session, rng, demo, jy)
    _water_campaign(session, rng, demo, jy)
