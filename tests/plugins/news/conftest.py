"""Fixtures of the news plugin's tests: the news department with the module on, its head, staff
and a viewer, logged-in clients, and quick ways to add records."""
import datetime

import pytest

from core.db import db
from core.models import Organization, Person
from core.testing import module_fixtures, persian_text
from plugins.news.models import Channel, NewsItem, Publication

ABAN_25_1403 = datetime.date(2024, 11, 15)


department, head, staff, viewer, head_client, staff_client = module_fixtures("news", "اداره کل خبر و اطلاع‌رسانی")


@pytest.fixture
def make_person():
    def factory(first_name="مهدی", last_name="طباطبایی", position="استاندار", organization=None, **fields):
        person = Person(first_name=first_name, last_name=last_name, position=position,
                        organization=organization, **fields)
        db.session.add(person)
        db.session.flush()
        return person
    return factory


@pytest.fixture
def make_outlet():
    def factory(name="خبرگزاری ایرنا یزد", city="یزد"):
        outlet = Organization(name=name, type="press", city=city)
        db.session.add(outlet)
        db.session.flush()
        return outlet
    return factory


@pytest.fixture
def make_item():
    def factory(title="بازدید استاندار از طرح‌های عمرانی میبد", date=ABAN_25_1403, status="published",
                type="news", channels=(), **fields):
        item = NewsItem(title=title, date=date, status=status, type=type, **fields)
        db.session.add(item)
        db.session.flush()
        for name in channels:
            channel = db.session.query(Channel).filter_by(name=name).one()
            item.publications.append(Publication(channel=channel, published_on=date))
        db.session.commit()
        return item
    return factory


def text_of(response):
    return persian_text(response.get_data(as_text=True))
