"""Rows for the committee kit's tests (tests/core/test_committees*.py), written straight to the
database; each helper commits, as a view would."""
import datetime

from core.committees.models import AgendaItem, Attendance, Committee, CommitteeMember, Meeting, Resolution
from core.db import db
from core.jalali import today
from core.models import Organization, Person

DAY = datetime.timedelta(days=1)


def make_person(first_name="علی", last_name="کریمی", organization=None):
    person = Person(first_name=first_name, last_name=last_name, organization=organization)
    db.session.add(person)
    db.session.commit()
    return person


def make_organization(name="اداره کل ورزش و جوانان استان یزد"):
    organization = Organization(name=name, type="agency", city="یزد")
    db.session.add(organization)
    db.session.commit()
    return organization


def make_committee(department, name="کارگروه رسانه‌ای اقتصاد مقاومتی", kind=None, active=True):
    committee = Committee(name=name, department_id=department.id, kind=kind, active=active)
    db.session.add(committee)
    db.session.commit()
    return committee


def add_member(committee, person, role="member", start=None, end=None):
    member = CommitteeMember(committee_id=committee.id, person_id=person.id, role=role,
                             term_start=start or today() - 400 * DAY, term_end=end)
    db.session.add(member)
    db.session.commit()
    return member


def add_meeting(committee, day=None, status="held", type="general", invited=(), present=(), guests="",
                agenda=(), title=""):
    meeting = Meeting(committee_id=committee.id, date=day or today() - 10 * DAY, status=status, type=type,
                      guests=guests, title=title)
    for position, text in enumerate(agenda, 1):
        meeting.agenda_items.append(AgendaItem(position=position, text=text))
    for member in {*invited, *present}:
        meeting.attendance.append(Attendance(member_id=member.id, invited=member in invited,
                                             present=member in present))
    db.session.add(meeting)
    db.session.commit()
    return meeting


def add_resolution(meeting, text="تهیه گزارش تصویری از طرح‌ها", due=None, status="open", number=1,
                   person=None, organization=None):
    resolution = Resolution(committee_id=meeting.committee_id, meeting_id=meeting.id, number=number, text=text,
                            due_date=due, status=status, responsible_person_id=getattr(person, "id", None),
                            responsible_organization_id=getattr(organization, "id", None))
    db.session.add(resolution)
    db.session.commit()
    return resolution
