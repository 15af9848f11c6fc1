"""The councils' meetings and training for the demo: each past Jalali year (``context.years`` of
them) the provincial council holds 12 meetings, 9 of them training sessions with about 5,100
person-hours, 22 board meetings, critique sessions and trips to the counties, and the county
council 7 meetings and a tour of four counties; the current year so far holds its share. The
board committees (کمیته‌ها) have members and a few meetings; every present member of a training
gets a certificate. Runs after the members part (``demo.members``, ``demo.committees``)."""
import datetime
from collections import defaultdict
from decimal import Decimal

import jdatetime

from core.committees.models import AgendaItem, Attendance, Committee, CommitteeMember, Meeting, Resolution
from core.jalali import jalali_today, today

from ..bodies import body_committee
from ..models.documents import Certificate
from ..models.trainings import Training

# topic, instructor, level, hours
TRAININGS = [
    ("کارگاه تولید محتوای کوتاه برای پیام‌رسان‌های داخلی", "دکتر حمید شکری", "national", 6),
    ("نگارش خبر و گزارش خبری", "علیرضا میرحسینی", "provincial", 4),
    ("عکاسی خبری با تلفن همراه", "محمد فلاح", "provincial", 5),
    ("مدیریت اطلاع‌رسانی در بحران", "دکتر نسرین کاظمی", "national", 8),
    ("سواد رسانه‌ای و مقابله با شایعه", "دکتر مهدی افخمی", "national", 6),
    ("روابط عمومی الکترونیک و پایگاه‌های خبری", "مهندس سعید دهقان", "provincial", 4),
    ("آیین نگارش مکاتبات اداری", "زهرا طباطبایی", "provincial", 4),
    ("تدوین ویدئو برای فضای مجازی", "امیر شریفی", "provincial", 6),
    ("افکارسنجی و سنجش رضایت مردم", "دکتر رضا ملکی", "national", 8),
    ("نشست خبری و سخنگویی دستگاه‌ها", "دکتر هادی خانیکی‌پور", "national", 5),
]
GENERAL = ["جمع‌بندی برنامه‌های هفته دولت", "برنامه اطلاع‌رسانی سفر هیئت دولت", "بررسی عملکرد شش‌ماهه روابط عمومی‌ها"]
CRITIQUE = ["نشست نقدانه بازتاب اخبار استان در رسانه‌های ملی", "نقد عملکرد رسانه‌ای دستگاه‌ها در ایام نوروز"]
BOARD = ["بررسی دستور جلسه عمومی شورا", "برنامه‌ریزی دوره‌های آموزشی", "پیگیری مصوبات جلسه قبل",
         "بررسی گزارش کمیته ارزیابی", "هماهنگی انتخابات هیات رئیسه"]
COUNTY_MEETINGS = ["هماهنگی پوشش خبری سفرهای استاندار به شهرستان‌ها", "ارزیابی ماهانه پایگاه‌های خبری فرمانداری‌ها",
                   "برنامه اطلاع‌رسانی دهه فجر در شهرستان‌ها", "بررسی مشکلات روابط عمومی فرمانداری‌ها"]
COUNTIES = ["مهریز", "تفت", "اردکان", "میبد", "بافق", "ابرکوه", "خاتم", "اشکذر"]
PLACES = ["سالن شهید رجایی استانداری یزد", "سالن جلسات معاونت سیاسی، امنیتی و اجتماعی", "تالار فرهنگ استانداری",
          "سالن همایش‌های صدا و سیمای مرکز یزد"]
AGENDA = ["گزارش دبیر از اقدامات پس از جلسه قبل", "بررسی برنامه اطلاع‌رسانی ماه آینده",
          "هماهنگی پوشش خبری رویدادهای استان", "پیشنهادهای اعضا"]
RESOLUTIONS = ["ارسال گزارش عملکرد ماهانه روابط عمومی‌ها به دبیرخانه", "معرفی رابط رسانه‌ای هر دستگاه به دبیرخانه",
               "تولید دست‌کم دو گزارش مستند از دستاوردهای دستگاه در ماه", "برگزاری کارگاه آموزشی ویژه کارشناسان خبر"]
BOARD_COMMITTEES = [
    ("کمیته آموزش", "نیازسنجی، طراحی و برگزاری دوره‌های آموزشی اعضای شورا"),
    ("کمیته رسانه و فضای مجازی", "هماهنگی حضور دستگاه‌ها در پیام‌رسان‌ها و پایش فضای مجازی"),
    ("کمیته ارزیابی", "تدوین شاخص‌ها و ارزیابی عملکرد روابط عمومی‌ها در هفته دولت"),
]
# The share of the seated members present at a training, general meeting and critique session.
TURNOUT = {"training": (0.8, 0.94), "general": (0.6, 0.8), "critique": (0.5, 0.7)}


class _Year:
    """One Jalali year (or the current one up to today) of both bodies' meetings."""

    def __init__(self, session, context, demo, start, end):
        self.session, self.rng, self.demo = session, context.random, demo
        self.start, self.end = start, end
        self.share = (end - start).days / 365

    def count(self, per_year):
        return max(1, round(per_year * self.share))

    def days(self, count):
        """``count`` working days (not Friday) spread over the span, in order."""
        span = (self.end - self.start).days
        days = []
        for index in range(count):
            day = self.start + datetime.timedelta(days=int(span * (index + self.rng.uniform(0.2, 0.8)) / count))
            while day.weekday() == 4:  # Friday
                day -= datetime.timedelta(days=1)
            days.append(max(self.start, day))
        return days

    def meeting(self, committee, kind, title, day, seats, turnout=None, invited=None):
        rng = self.rng
        meeting = Meeting(committee=committee, type=kind, title=title, date=day, status="held",
                          start_time=rng.choice([datetime.time(9), datetime.time(10), datetime.time(14, 30)]),
                          place=rng.choice(PLACES) if kind != "council_trip" else f"فرمانداری شهرستان {title.split()[-1]}",
                          minutes="جلسه با حضور اعضا برگزار شد و موضوعات دستور جلسه بررسی شد.")
        seated = [seat for seat, start in seats if start is None or start <= day]
        invitees = invited if invited is not None else seated
        low, high = turnout or (0.8, 1)
        share = rng.uniform(low, high)
        meeting.attendance = [Attendance(member=seat, invited=True, present=rng.random() < share) for seat in invitees]
        if kind not in ("training", "council_trip"):
            for position, text in enumerate(rng.sample(AGENDA, k=2), 1):
                meeting.agenda_items.append(AgendaItem(position=position, text=text))
        self.session.add(meeting)
        return meeting

    def resolutions(self, meeting, count):
        day = today()
        for number, text in enumerate(self.rng.sample(RESOLUTIONS, k=count), 1):
            due = meeting.date + datetime.timedelta(days=self.rng.randint(20, 60))
            status = "done" if due < day and self.rng.random() < 0.85 else "open"
            self.session.add(Resolution(committee=meeting.committee, meeting=meeting, number=number, text=text,
                                        due_date=due, status=status, done_on=due if status == "done" else None))


def _seats(demo, body):
    """``[(seat, start)]`` of the body's current members (their seats in the body's committee)."""
    return [(member.seat, member.start_date) for member in demo.members.get(body, []) if member.seat is not None]


def _provincial(year, committee, seats, trainings):
    rng = year.rng
    board = [seat for seat, _start in seats[:7]]  # the board (هیات رئیسه): the first seated members
    kinds = ["training"] * year.count(9) + ["general"] * year.count(1) + ["critique"] * year.count(2)
    rng.shuffle(kinds)
    topics = rng.sample(TRAININGS, k=len(TRAININGS))
    for day, kind in zip(year.days(len(kinds)), kinds):
        if kind == "training":
            topic, instructor, level, hours = topics.pop()
            meeting = year.meeting(committee, kind, topic, day, seats, TURNOUT[kind])
            trainings.append((meeting, Training(meeting=meeting, topic=topic, instructor=instructor,
                                                instructor_level=level, hours=Decimal(hours))))
        else:
            meeting = year.meeting(committee, kind, rng.choice(GENERAL if kind == "general" else CRITIQUE), day, seats,
                                   TURNOUT[kind])
            year.resolutions(meeting, rng.randint(1, 3))
    for day in year.days(year.count(22)):
        meeting = year.meeting(committee, "board", rng.choice(BOARD), day, seats, invited=board)
        if rng.random() < 0.5:
            year.resolutions(meeting, 1)
    for day, county in zip(year.days(year.count(2)), rng.sample(COUNTIES, k=2)):
        year.meeting(committee, "council_trip", f"سفر اعضای هیات رئیسه به شهرستان {county}", day, seats, invited=board)


def _county(year, committee, seats):
    rng = year.rng
    for day in year.days(year.count(7)):
        meeting = year.meeting(committee, "general", rng.choice(COUNTY_MEETINGS), day, seats, TURNOUT["general"])
        year.resolutions(meeting, rng.randint(1, 2))
    for day, county in zip(year.days(year.count(4)), rng.sample(COUNTIES, k=4)):
        year.meeting(committee, "council_trip", f"بازدید از روابط عمومی فرمانداری شهرستان {county}", day, seats,
                     invited=[seat for seat, _start in seats[:4]])


def _planned(session, rng, committees, seats):
    """The next general and board meetings of the provincial council and the county council's next
    meeting, planned with their invitations."""
    day = today()
    for body, kind, title, days, invited in (
            ("provincial", "general", "جلسه عمومی شورا: برنامه‌های دهه فجر", 12, None),
            ("provincial", "board", rng.choice(BOARD), 5, 7), ("county", "general", rng.choice(COUNTY_MEETINGS), 19, None)):
        meeting = Meeting(committee=committees[body], type=kind, title=title, date=day + datetime.timedelta(days=days),
                          start_time=datetime.time(10), place=PLACES[0], status="planned")
        chosen = [seat for seat, _start in seats[body]][:invited]
        meeting.attendance = [Attendance(member=seat, invited=True, present=False) for seat in chosen]
        meeting.agenda_items = [AgendaItem(position=1, text=AGENDA[1]), AgendaItem(position=2, text=AGENDA[3])]
        session.add(meeting)


def _board_committees(session, context, demo, department, start):
    rng = context.random
    members = demo.members.get("provincial", [])
    for name, description in BOARD_COMMITTEES:
        committee = Committee(name=name, description=description, kind="council", department=department)
        session.add(committee)
        chosen = rng.sample(members, k=min(len(members), rng.randint(5, 7)))
        seats = []
        for index, member in enumerate(chosen):
            seat = CommitteeMember(committee=committee, person_id=member.person_id, term_start=start,
                                   role=("chair", "secretary")[index] if index < 2 else "member",
                                   letter_number=f"{rng.randint(1000, 9999)}/ش‌ه")
            session.add(seat)
            seats.append(seat)
        year = _Year(session, context, demo, start, today())
        for day in year.days(max(1, round(year.share * 4))):
            meeting = year.meeting(committee, "general", f"جلسه {name}", day, [(seat, None) for seat in seats])
            year.resolutions(meeting, 1)


def _certificates(session, rng, trainings, members):
    """One certificate per present member of each training (``members``: seat -> council member),
    numbered per Jalali year of issue."""
    sequence = defaultdict(int)
    day = today()
    for meeting, training in sorted(trainings, key=lambda entry: entry[0].date):
        issued = min(day, meeting.date + datetime.timedelta(days=rng.randint(5, 15)))
        year = jdatetime.date.fromgregorian(date=issued).year
        for row in meeting.attendance:
            member = members.get(row.member)
            if row.present and member is not None:
                sequence[year] += 1
                session.add(Certificate(meeting=meeting, member=member, hours=training.hours, issued_on=issued,
                                        number=f"{year}/{sequence[year]:04d}"))


def seed(session, context, demo):
    committees = {body: demo.committees.get(body) or body_committee(body) for body in ("provincial", "county")}
    seats = {body: _seats(demo, body) for body in committees}
    members = {member.seat: member for body in committees for member in demo.members.get(body, []) if member.seat}
    this_year = jalali_today().year
    trainings = []
    spans = [(jdatetime.date(this_year - back, 1, 1).togregorian(),
              jdatetime.date(this_year - back + 1, 1, 1).togregorian() - datetime.timedelta(days=1))
             for back in range(context.years, 0, -1)]
    spans.append((jdatetime.date(this_year, 1, 1).togregorian(), today() - datetime.timedelta(days=1)))
    for start, end in spans:
        year = _Year(session, context, demo, start, end)
        _provincial(year, committees["provincial"], seats["provincial"], trainings)
        _county(year, committees["county"], seats["county"])
    _planned(session, context.random, committees, seats)
    session.add_all(training for _meeting, training in trainings)
    _board_committees(session, context, demo, demo.department, spans[0][0])
    session.flush()
    _certificates(session, context.random, trainings, members)
