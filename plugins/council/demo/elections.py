"""The demo's board elections: the provincial council's twelfth term, held this year (22 registered,
21 approved, one rejected whose objection was rejected too, the final list with its codes, five
supervisors who all signed off, the results published; the voting part adds the votes), and the
county council's fifth term, in its registration now."""
import datetime

from core.jalali import TIMEZONE, jalali_today, today
from core.text import persian_sort_key

from ..models import Candidate, Clause, Election, Objection, Supervisor, Vetting
from ..views.elections import FIRST_CODE

CLAUSES = (
    "دست‌کم دو سال سابقه عضویت در شورا (بند ۱ ماده ۸ اساسنامه)",
    "مدیریت یا معاونت روابط عمومی یکی از دستگاه‌های عضو",
    "مدرک تحصیلی کارشناسی یا بالاتر",
    "نداشتن سابقه محکومیت قطعی انتظامی یا کیفری",
)
STATEMENTS = (
    "پیگیری آموزش‌های تخصصی برای کارشناسان روابط عمومی شهرستان‌ها",
    "راه‌اندازی سامانه مشترک اطلاع‌رسانی دستگاه‌های اجرایی استان",
    "تقویت ارتباط روابط عمومی‌ها با رسانه‌های استانی و ملی",
    "برگزاری نشست‌های نقدانه منظم و انتشار گزارش عملکرد شورا",
    "",
)
REJECTION = "سابقه عضویت نامزد در شورا کمتر از دو سال است (بند ۱ ماده ۸ اساسنامه)."
OBJECTION = "سابقه همکاری من با شورا به عنوان کارشناس پیش از انتصاب به مدیریت روابط عمومی محاسبه نشده است."
OBJECTION_REASON = "سابقه کارشناسی عضویت در شورا به شمار نمی‌آید؛ بند ۱ ماده ۸ عضویت دستگاه را ملاک می‌داند."
SUPERVISOR_NOTE = "آغاز رای‌گیری به دلیل قطعی شبکه ۱۵ دقیقه با تأخیر انجام شد؛ در نتیجه اثری نداشت."


def _at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TIMEZONE).astimezone(datetime.UTC)


def _clauses():
    return [Clause(position=index, text=text) for index, text in enumerate(CLAUSES, 1)]


def _register(session, rnd, election, members):
    candidates = []
    days = (election.registration_end - election.registration_start).days
    for member in members:
        day = election.registration_start + datetime.timedelta(days=rnd.randint(0, max(days, 0)))
        candidate = Candidate(election=election, member=member, registered_at=_at(min(day, today()), rnd.randint(8, 21),
                                                                                   rnd.randint(0, 59)),
                              statement=rnd.choice(STATEMENTS), status="registered")
        session.add(candidate)
        candidates.append(candidate)
    return candidates


def _held(session, rnd, demo, directory):
    """The twelfth term of the provincial council, voted about three months into this year."""
    members = demo.members.get("provincial", [])
    if len(members) < 30:
        return None
    year_start = jalali_today().replace(month=1, day=1).togregorian()
    voting = min(year_start + datetime.timedelta(days=75), today() - datetime.timedelta(days=14))
    election = Election(
        body="provincial", term=12, title="انتخابات دوازدهمین دوره هیات رئیسه شورای هماهنگی روابط عمومی‌های استان",
        seats=7, alternates=2, max_choices=7, mode="electronic",
        registration_start=voting - datetime.timedelta(days=35), registration_end=voting - datetime.timedelta(days=25),
        vetting_end=voting - datetime.timedelta(days=18), objections_end=voting - datetime.timedelta(days=12),
        voting_date=voting, results_date=voting + datetime.timedelta(days=1),
        note="رای‌گیری الکترونیکی با رمز یک‌بارمصرف پیامکی، از ساعت ۸ تا ۱۶ روز رای‌گیری.")
    election.clauses = _clauses()
    session.add(election)
    session.flush()
    managers = [member for member in members if member.role in ("manager", "deputy")] or members
    candidates = _register(session, rnd, election, rnd.sample(managers, min(22, len(managers))))
    rejected = rnd.choice(candidates)
    decided = _at(election.vetting_end - datetime.timedelta(days=2), 11)
    for candidate in candidates:
        for clause in election.clauses:
            met = not (candidate is rejected and clause.position == 1)
            session.add(Vetting(candidate=candidate, clause=clause, met=met, reason="" if met else REJECTION))
        candidate.status, candidate.decided_at = ("rejected" if candidate is rejected else "approved"), decided
        candidate.decision_reason = REJECTION if candidate is rejected else ""
    session.add(Objection(candidate=rejected, filed_on=election.vetting_end, text=OBJECTION, decision="rejected",
                          reason=OBJECTION_REASON, decided_at=_at(election.objections_end, 10)))
    approved = sorted((candidate for candidate in candidates if candidate is not rejected),
                      key=lambda c: (persian_sort_key(c.member.person.last_name),
                                     persian_sort_key(c.member.person.first_name)))
    for code, candidate in enumerate(approved, FIRST_CODE):
        candidate.code = code
    election.list_published_at = _at(election.objections_end + datetime.timedelta(days=1), 9)
    election.voting_opened_at, election.voting_closed_at = _at(voting, 8), _at(voting, 16)
    _supervisors(session, rnd, election, {candidate.member.person_id for candidate in candidates}, directory)
    election.results_published_at = _at(election.results_date, 12)
    return election


def _supervisors(session, rnd, election, excluded, directory):
    """Five from the directory (a chair first), all signed off the morning after the vote."""
    people = [person for person in directory if person.id not in excluded]
    for index, person in enumerate(rnd.sample(people, min(5, len(people)))):
        session.add(Supervisor(election=election, person=person, role="chair" if index == 0 else "member",
                               signed_off_at=_at(election.results_date, 9, 30 + index * 5),
                               objection=SUPERVISOR_NOTE if index == 2 else ""))


def _registering(session, rnd, demo):
    """The fifth term of the county council, its registration open now."""
    members = demo.members.get("county", [])
    if not members:
        return None
    start = today() - datetime.timedelta(days=3)
    election = Election(
        body="county", term=5, title="انتخابات پنجمین دوره هیات رئیسه شورای هماهنگی روابط عمومی فرمانداری‌ها",
        seats=5, alternates=1, max_choices=5, mode="electronic", registration_start=start,
        registration_end=start + datetime.timedelta(days=10), vetting_end=start + datetime.timedelta(days=17),
        objections_end=start + datetime.timedelta(days=22), voting_date=start + datetime.timedelta(days=30),
        results_date=start + datetime.timedelta(days=31),
        note="ثبت‌نام از صفحه عمومی شورا با شماره عضویت و کد ملی.")
    election.clauses = _clauses()
    session.add(election)
    session.flush()
    _register(session, rnd, election, rnd.sample(members, min(4, len(members))))
    return election


def seed(session, context, demo):
    for election in (_held(session, context.random, demo, context.people), _registering(session, context.random, demo)):
        if election is not None:
            demo.elections.append(election)
