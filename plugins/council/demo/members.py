"""The demo's PR units and members: forty executive agencies' units (the directory's agencies and
more added here) and every county governorate's, 160 current members (managers, deputies,
experts) with their seats, former managers for the history, and member cards: an earlier issue
now expired, the current issue, a few issued one by one, two revoked. Runs first; fills
``demo.units``, ``demo.members`` and ``demo.committees`` for the later parts."""
import datetime
import io

import jdatetime
from PIL import Image, ImageDraw
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from core import files
from core.demo_data import FIRST_NAMES, LAST_NAMES
from core.jalali import today
from core.models import Organization, Person

from ..bodies import body_committee, sync_seat
from ..models import Card, Member, Unit
from ..models.documents import default_valid_until
from ..models.members import BODIES

AGENCIES = [
    "اداره کل امور اقتصادی و دارایی استان یزد", "اداره کل بنیاد مسکن انقلاب اسلامی استان یزد",
    "اداره کل بیمه سلامت استان یزد", "اداره کل تامین اجتماعی استان یزد", "اداره کل دامپزشکی استان یزد",
    "اداره کل راهداری و حمل‌ونقل جاده‌ای استان یزد", "اداره کل زندان‌های استان یزد",
    "سازمان صنعت، معدن و تجارت استان یزد", "اداره کل کتابخانه‌های عمومی استان یزد",
    "اداره کل کمیته امداد امام خمینی (ره) استان یزد", "اداره کل ارتباطات و فناوری اطلاعات استان یزد",
    "اداره کل اوقاف و امور خیریه استان یزد", "اداره کل پست استان یزد", "اداره کل تبلیغات اسلامی استان یزد",
    "دادگستری کل استان یزد", "اداره کل ثبت اسناد و املاک استان یزد", "اداره کل مدیریت بحران استان یزد",
    "اداره کل هواشناسی استان یزد", "اداره کل آموزش فنی و حرفه‌ای استان یزد", "اداره کل نوسازی مدارس استان یزد",
    "اداره کل غله و خدمات بازرگانی استان یزد", "اداره کل امور مالیاتی استان یزد",
    "بنیاد شهید و امور ایثارگران استان یزد", "سازمان مدیریت و برنامه‌ریزی استان یزد",
    "اداره کل انتقال خون استان یزد", "شرکت آب و فاضلاب استان یزد",
]
MEMBERS = 160
UNITS_WITHOUT_MANAGER = 2
FORMER_MANAGERS = 12
EXPERT_POSITIONS = ["کارشناس روابط عمومی", "کارشناس خبر", "کارشناس رسانه و فضای مجازی", "عکاس و تصویربردار",
                    "کارشناس ارتباطات مردمی", "کارشناس تبلیغات و انتشارات"]
FIELDS = ["علوم ارتباطات اجتماعی", "روزنامه‌نگاری", "مدیریت دولتی", "روابط عمومی", "جامعه‌شناسی",
          "زبان و ادبیات فارسی", "مدیریت رسانه", "گرافیک"]
EDUCATION = ["diploma", "associate", "bachelor", "bachelor", "bachelor", "master", "master", "master", "doctorate"]
WITH_PHOTO = 0.6  # the others' cards print the placeholder
BACKGROUNDS = [(214, 226, 233), (226, 232, 220), (236, 228, 218), (224, 224, 236)]
FIRST_ISSUE = jdatetime.date(1402, 8, 1).togregorian()  # all expired now
SECOND_ISSUE = jdatetime.date(1404, 8, 10).togregorian()


def _position(role, body, rng):
    if role == "manager":
        return "مسئول روابط عمومی فرمانداری" if body == "county" else "مدیرکل روابط عمومی"
    if role == "deputy":
        return "معاون روابط عمومی"
    return rng.choice(EXPERT_POSITIONS)


def _portrait(rng):
    """A plain drawn portrait (a head and shoulders), stored as a directory photo."""
    image = Image.new("RGB", (240, 300), rng.choice(BACKGROUNDS))
    draw = ImageDraw.Draw(image)
    tone = rng.choice([(92, 106, 122), (70, 80, 96), (110, 98, 88)])
    draw.ellipse((70, 50, 170, 165), fill=tone)
    draw.ellipse((25, 175, 215, 380), fill=tone)
    data = io.BytesIO()
    image.save(data, format="PNG")
    data.seek(0)
    return files.save_image(FileStorage(data, "portrait.png"))


def _day_between(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange(max((end - start).days, 1)))


class _Builder:
    def __init__(self, session, context, demo):
        self.session, self.rng, self.demo = session, context.random, demo
        self.people = {}  # organization id -> the directory's people of it, to use first
        for person in context.people:
            self.people.setdefault(person.organization_id, []).append(person)
        self.number = 1000
        self.today = today()

    def person(self, organization):
        waiting = self.people.get(organization.id)
        if waiting:
            return waiting.pop(0)
        rng = self.rng
        mobile = f"091{rng.randint(0, 9)}{rng.randint(1000000, 9999999)}" if rng.random() < 0.9 else None
        person = Person(first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES), mobile=mobile,
                        organization_id=organization.id)
        self.session.add(person)
        return person

    def member(self, unit, role, start, end=None):
        rng = self.rng
        self.number += 1
        member = Member(unit=unit, person=self.person(unit.organization), role=role, start_date=start, end_date=end,
                        position=_position(role, unit.body, rng) if rng.random() < 0.93 else "",
                        education=rng.choice(EDUCATION) if rng.random() < 0.9 else "",
                        field_of_study=rng.choice(FIELDS) if rng.random() < 0.8 else "",
                        member_number=str(self.number))
        if end is None and member.person.photo is None and rng.random() < WITH_PHOTO:
            member.person.photo = _portrait(rng)
        self.session.add(member)
        self.session.flush()
        sync_seat(member)
        return member


def _units(session, context, builder):
    agencies = [o for o in context.organizations if o.type == "agency"]
    for name in AGENCIES:
        organization = Organization(name=name, type="agency", city="یزد",
                                    phone=f"035{context.random.randint(31000000, 38999999)}")
        session.add(organization)
        agencies.append(organization)
    counties = [o for o in context.organizations if o.type == "county"]
    session.flush()
    units = []
    for organization in agencies + counties:
        rng = context.random
        units.append(Unit(organization=organization, body="provincial" if organization.type == "agency" else "county",
                          phone=organization.phone if rng.random() < 0.9 else "",
                          email=f"pr{organization.id}@yazd.ir" if rng.random() < 0.7 else ""))
    session.add_all(units)
    session.flush()
    return units


def _members(context, builder, units):
    """Managers (and the former managers before them), deputies and experts: MEMBERS current ones."""
    rng = context.random
    sizes = [MEMBERS // len(units)] * len(units)
    for index in rng.sample(range(len(units)), MEMBERS - sum(sizes)):
        sizes[index] += 1
    without_manager = set(rng.sample(range(len(units)), UNITS_WITHOUT_MANAGER))
    with_former = set(rng.sample(range(len(units)), FORMER_MANAGERS))
    current = []
    for index, (unit, size) in enumerate(zip(units, sizes)):
        roles = (["expert"] if index in without_manager else ["manager"]) + \
            (["deputy"] if size > 3 and rng.random() < 0.6 else []) + ["expert"] * size
        for role in roles[:size]:
            start = _day_between(rng, builder.today - datetime.timedelta(days=11 * 365),
                                 builder.today - datetime.timedelta(days=60))
            if role == "manager" and index in with_former:
                former_start = start - datetime.timedelta(days=rng.randint(700, 2500))
                builder.member(unit, "manager", former_start, end=start)
            current.append(builder.member(unit, role, start))
    return current


def _cards(session, context, members):
    """The 1402 issue (expired now), the 1404 issue to most members, single cards after it, two
    revoked; a tenth of the members hold only an expired card or none."""
    rng = context.random
    sequences = {}

    def card(member, issued, until, **fields):
        year = jdatetime.date.fromgregorian(date=issued).year
        sequences[year] = sequences.get(year, 0) + 1
        session.add(Card(member_id=member.id, number=f"{year}-{sequences[year]:04d}", issued_on=issued,
                         valid_until=until, **fields))

    first_until = default_valid_until(FIRST_ISSUE)
    for member in sorted(members, key=lambda m: (m.person.last_name, m.person.first_name, m.id)):
        if member.start_date < FIRST_ISSUE:
            card(member, FIRST_ISSUE, first_until)
        if rng.random() < 0.1:
            continue  # no card in this term yet
        issued = SECOND_ISSUE if member.start_date < SECOND_ISSUE else member.start_date + datetime.timedelta(days=20)
        card(member, issued, default_valid_until(issued))
    session.flush()
    for revoked in rng.sample(members, 2):
        for issued in session.scalars(select(Card).where(Card.member_id == revoked.id, Card.issued_on >= SECOND_ISSUE)):
            issued.revoked_on = issued.issued_on + datetime.timedelta(days=rng.randint(20, 200))
            issued.revoke_reason = rng.choice(["گم شدن کارت و صدور کارت المثنی", "پایان همکاری با روابط عمومی"])


def seed(session, context, demo):
    builder = _Builder(session, context, demo)
    units = _units(session, context, builder)
    members = _members(context, builder, units)
    _cards(session, context, members)
    for body in BODIES:
        demo.units[body] = [unit for unit in units if unit.body == body]
        demo.members[body] = [member for member in members if member.unit.body == body]
        demo.committees[body] = body_committee(body)
