"""Demo data: departments, users of every role, a directory of Yazd organizations and people,
then each plugin's own demo data through the ``ravabet_demo_data`` hook."""
import os
import random
import traceback
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select

from core.auth.passwords import hash_password
from core.db import db
from core.demo_data import (
    COUNTIES,
    DEPARTMENTS,
    FIRST_NAMES,
    LAST_NAMES,
    ORGANIZATIONS,
    POSITIONS,
    USERS,
)
from core.models import Department, Organization, Person, User


@dataclass
class DemoContext:
    random: random.Random
    years: int = 1
    departments: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    organizations: list = field(default_factory=list)
    people: list = field(default_factory=list)


def has_data():
    return any(
        db.session.scalar(select(func.count()).select_from(model)) for model in (User, Organization, Person)
    )


def national_code(rng):
    digits = [rng.randint(0, 9) for _ in range(9)]
    remainder = sum(d * (10 - i) for i, d in enumerate(digits)) % 11
    check = remainder if remainder < 2 else 11 - remainder
    return "".join(map(str, digits)) + str(check)


def _core_data(context):
    rng = context.random
    for name in DEPARTMENTS:
        context.departments[name] = Department(name=name)
        db.session.add(context.departments[name])
    password_hash = hash_password(os.environ.get("RAVABET_PASSWORD") or current_app.config["DEMO_PASSWORD"])
    for username, full_name, role, department, heads in USERS:
        user = User(username=username, full_name=full_name, role=role, password_hash=password_hash)
        if department:
            user.departments.append(context.departments[department])
            if heads:
                context.departments[department].head = user
        context.users[username] = user
        db.session.add(user)
    for name, kind, city in ORGANIZATIONS + [(f"فرمانداری شهرستان {c}", "county", c) for c in COUNTIES]:
        organization = Organization(name=name, type=kind, city=city, phone=f"035{rng.randint(31000000, 38999999)}")
        context.organizations.append(organization)
        db.session.add(organization)
    used_codes = set()
    for index in range(len(context.organizations) * 3):
        organization = context.organizations[index % len(context.organizations)]
        code = national_code(rng)
        while code in used_codes:
            code = national_code(rng)
        used_codes.add(code)
        kind = "press" if organization.type == "press" else "other"
        person = Person(
            first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES), national_code=code,
            mobile=f"09{rng.choice(['13', '12', '19', '35', '30'])}{rng.randint(1000000, 9999999)}",
            organization=organization, position=POSITIONS[kind][index // len(context.organizations) % 3],
        )
        context.people.append(person)
        db.session.add(person)
    db.session.flush()


def seed(years=1, seed_value=1403):
    """Add the demo data in one transaction and return a one-line summary."""
    context = DemoContext(random=random.Random(seed_value), years=years)
    _core_data(context)
    registry = current_app.extensions["ravabet_plugins"]
    failed = []
    for impl in reversed(registry.pm.hook.ravabet_demo_data.get_hookimpls()):
        try:
            with db.session.begin_nested():
                impl.function(session=db.session, context=context)
        except Exception:
            current_app.logger.error("demo data of %s failed:\n%s", impl.plugin_name, traceback.format_exc())
            failed.append(impl.plugin_name)
    db.session.commit()
    summary = (f"demo data: {len(context.departments)} departments, {len(context.users)} users, "
               f"{len(context.organizations)} organizations, {len(context.people)} people")
    return summary + (f"; failed plugins: {', '.join(failed)}" if failed else "")
