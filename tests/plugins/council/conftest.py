"""Fixtures of the council plugin's tests: the secretariat's department with the module on, its
head, staff and a viewer, logged-in clients, and quick ways to add units and members."""
import datetime

import pytest

from core.db import db
from core.models import Organization, Person
from core.testing import module_fixtures, persian_text
from plugins.council.bodies import sync_seat
from plugins.council.models import Member, Unit

ABAN_25_1403 = datetime.date(2024, 11, 15)


department, head, staff, viewer, head_client, staff_client = module_fixtures("council", "دبیرخانه شورای هماهنگی روابط عمومی‌ها")


@pytest.fixture
def make_unit(department):
    """A PR unit of a new directory organization (an agency, or a county governorate for the
    county council)."""
    def factory(name="اداره کل راه و شهرسازی استان یزد", body="provincial", **fields):
        organization = Organization(name=name, type="agency" if body == "provincial" else "county", city="یزد")
        db.session.add(organization)
        db.session.flush()
        unit = Unit(organization_id=organization.id, body=body, **fields)
        db.session.add(unit)
        db.session.flush()
        return unit
    return factory


@pytest.fixture
def make_member(make_unit):
    """A current member with a seat in their body's committee; numbers are 1001, 1002, ..."""
    counter = iter(range(1001, 10_000))

    def factory(unit=None, first_name="مریم", last_name="دهقان", role="expert", mobile=None, **fields):
        number = fields.pop("member_number", None) or str(next(counter))
        unit = unit or make_unit(name=f"دستگاه آزمایشی {number}")
        person = Person(first_name=first_name, last_name=last_name, mobile=mobile or f"0913{number:0>7}",
                        organization_id=unit.organization_id)
        db.session.add(person)
        db.session.flush()
        member = Member(unit=unit, person=person, role=role, member_number=number,
                        start_date=fields.pop("start_date", ABAN_25_1403), **fields)
        db.session.add(member)
        db.session.flush()
        sync_seat(member)
        db.session.commit()
        return member
    return factory


def text_of(response):
    return persian_text(response.get_data(as_text=True))
