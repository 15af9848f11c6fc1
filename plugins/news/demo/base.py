"""What every part of the demo data shares: the officials whose work the news covers, the
outlets and reporters of the core directory, and the rows the earlier parts made."""
from dataclasses import dataclass, field

from sqlalchemy import select

from core.models import Person

from ..models import Channel, Topic

# (first name, last name, position): the officials the department covers most (made-up names).
OFFICIALS = [
    ("مهدی", "صادقیان", "استاندار یزد"),
    ("علی", "آقازاده", "معاون سیاسی، امنیتی و اجتماعی استاندار"),
    ("محمدرضا", "علم‌الهدی", "معاون هماهنگی امور عمرانی استاندار"),
    ("حسین", "زارع‌زاده", "معاون هماهنگی امور اقتصادی استاندار"),
    ("زهرا", "فلاح‌تفتی", "مشاور استاندار در امور بانوان و خانواده"),
    ("سعید", "دهقانی", "مدیرکل راه و شهرسازی استان"),
    ("فاطمه", "میرحسینی", "مدیرکل آموزش و پرورش استان"),
    ("رضا", "شریفی", "مدیرکل جهاد کشاورزی استان"),
    ("احمد", "کریمی‌میبدی", "مدیرکل مدیریت بحران استانداری"),
    ("محمد", "انتظاری", "مدیرکل امور اقتصادی و دارایی استان"),
    ("مجید", "رحیمی", "فرماندار شهرستان میبد"),
    ("یاسر", "حیدری", "فرماندار شهرستان اردکان"),
]


@dataclass
class DemoBase:
    officials: list
    outlets: list
    reporters: list
    channels: list
    topics: list
    events: list = field(default_factory=list)
    items: list = field(default_factory=list)

    @classmethod
    def build(cls, session, context):
        agencies = [org for org in context.organizations if org.type == "agency"]
        officials = []
        for index, (first_name, last_name, position) in enumerate(OFFICIALS):
            official = Person(first_name=first_name, last_name=last_name, position=position,
                              organization=agencies[index % len(agencies)] if index >= 5 and agencies else None)
            session.add(official)
            officials.append(official)
        session.flush()
        outlets = [org for org in context.organizations if org.type == "press"]
        reporters = [person for person in context.people
                     if person.organization is not None and person.organization.type == "press"]
        return cls(officials=officials, outlets=outlets, reporters=reporters,
                   channels=session.scalars(select(Channel).order_by(Channel.position)).all(),
                   topics=session.scalars(select(Topic).order_by(Topic.id)).all())
