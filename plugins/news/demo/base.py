"""What every part of the demo data shares: the officials whose work the news covers, the
outlets and reporters of the core directory, and the rows the earlier parts made."""
from dataclasses import dataclass, field

from sqlalchemy import select

from core.models import Person

from ..models import Channel, Topic

# (first name, last name, position, organization in the core's demo directory): the officials the
# department covers most (made-up names).
OFFICIALS = [
    ("مهدی", "صادقیان", "استاندار یزد", "استانداری یزد"),
    ("علی", "آقازاده", "معاون سیاسی، امنیتی و اجتماعی استاندار", "استانداری یزد"),
    ("محمدرضا", "علم‌الهدی", "معاون هماهنگی امور عمرانی استاندار", "استانداری یزد"),
    ("حسین", "زارع‌زاده", "معاون هماهنگی امور اقتصادی استاندار", "استانداری یزد"),
    ("زهرا", "فلاح‌تفتی", "مشاور استاندار در امور بانوان و خانواده", "استانداری یزد"),
    ("سعید", "دهقانی", "مدیرکل راه و شهرسازی استان", "اداره کل راه و شهرسازی استان یزد"),
    ("فاطمه", "میرحسینی", "مدیرکل آموزش و پرورش استان", "اداره کل آموزش و پرورش استان یزد"),
    ("رضا", "شریفی", "رئیس سازمان جهاد کشاورزی استان", "سازمان جهاد کشاورزی استان یزد"),
    ("احمد", "کریمی‌میبدی", "مدیرکل مدیریت بحران استانداری", "استانداری یزد"),
    ("محمد", "انتظاری", "مدیرکل میراث فرهنگی، گردشگری و صنایع‌دستی استان",
     "اداره کل میراث فرهنگی، گردشگری و صنایع‌دستی استان یزد"),
    ("مجید", "رحیمی", "فرماندار شهرستان میبد", "فرمانداری شهرستان میبد"),
    ("یاسر", "حیدری", "فرماندار شهرستان اردکان", "فرمانداری شهرستان اردکان"),
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
        organizations = {org.name: org for org in context.organizations}
        officials = []
        for first_name, last_name, position, organization in OFFICIALS:
            official = Person(first_name=first_name, last_name=last_name, position=position,
                              organization=organizations.get(organization))
            session.add(official)
            officials.append(official)
        session.flush()
        outlets = [org for org in context.organizations if org.type == "press"]
        reporters = [person for person in context.people
                     if person.organization is not None and person.organization.type == "press"]
        return cls(officials=officials, outlets=outlets, reporters=reporters,
                   channels=session.scalars(select(Channel).order_by(Channel.position)).all(),
                   topics=session.scalars(select(Topic).order_by(Topic.id)).all())
