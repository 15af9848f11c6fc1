"""The benchmark's own bulk volume on top of ``flask seed-demo --years N``.

Adds organizations, people, users and about ten years of audit-log rows with multi-row INSERTs
(no ORM objects, no audit hook), then turns every loaded plugin module on so its pages can be
measured. Reads the same environment as the app (DATABASE_URL, RAVABET_INSTANCE_DIR, ...).

    .venv/bin/python bench/seed.py --people 20000 --organizations 2000 --audit 300000
"""
import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, text  # noqa: E402

from app import create_app  # noqa: E402
from core import modules as module_service  # noqa: E402
from core.auth.passwords import hash_password  # noqa: E402
from core.db import db, refresh_statistics  # noqa: E402
from core.demo import national_code  # noqa: E402
from core.demo_data import COUNTIES, FIRST_NAMES, LAST_NAMES, POSITIONS  # noqa: E402
from core.models import AuditLog, Department, Organization, Person, User, department_members  # noqa: E402
from core.text import normalize_fa  # noqa: E402

BATCH = 5000

AGENCY_TOPICS = [
    "آموزش و پرورش", "ورزش و جوانان", "فرهنگ و ارشاد اسلامی", "بهزیستی", "جهاد کشاورزی",
    "تعاون، کار و رفاه اجتماعی", "ثبت احوال", "حفاظت محیط زیست", "راه و شهرسازی", "میراث فرهنگی",
    "منابع طبیعی", "استاندارد", "دامپزشکی", "صنعت، معدن و تجارت", "امور مالیاتی", "امور اقتصادی و دارایی",
    "کتابخانه‌های عمومی", "تبلیغات اسلامی", "بنیاد مسکن", "کمیته امداد امام خمینی",
]
ORGANIZATION_PATTERNS = {
    "agency": lambda rng, county: f"اداره {rng.choice(AGENCY_TOPICS)} شهرستان {county}",
    "county": lambda rng, county: f"بخشداری {rng.choice(['مرکزی', 'نیر', 'عقدا', 'ندوشن', 'خضرآباد'])} {county}",
    "press": lambda rng, county: f"{rng.choice(['پایگاه خبری', 'هفته‌نامه', 'ماهنامه', 'کانال خبری'])} "
                                 f"{rng.choice(['ندای', 'پیام', 'صدای', 'آوای', 'نگاه'])} {county}",
    "ngo": lambda rng, county: f"{rng.choice(['انجمن', 'خیریه', 'کانون', 'مؤسسه'])} "
                               f"{rng.choice(['حامیان محیط زیست', 'نیکوکاران', 'جوانان', 'بانوان', 'هنرمندان'])} {county}",
    "university": lambda rng, county: f"{rng.choice(['دانشگاه پیام نور', 'دانشکده فنی و حرفه‌ای', 'مرکز علمی کاربردی'])} {county}",
    "company": lambda rng, county: f"شرکت {rng.choice(['کاشی', 'نساجی', 'فولاد', 'معدنی', 'حمل و نقل', 'ساختمانی'])} "
                                   f"{rng.choice(['کویر', 'پارس', 'آریا', 'سپاهان', 'امید'])} {county}",
}
ORGANIZATION_WEIGHTS = {"agency": 45, "county": 5, "press": 15, "ngo": 15, "university": 5, "company": 15}
ACTION_WEIGHTS = {"create": 30, "update": 55, "delete": 10, "restore": 5}
ENTITY_WEIGHTS = {"people": 60, "organizations": 25, "users": 10, "departments": 5}


def _when(rng, start, span):
    return start + timedelta(seconds=rng.randrange(int(span.total_seconds())))


def _searchable(model, row):
    parts = (row.get(name) for name in model.__search_fields__)
    row["search_text"] = normalize_fa(" ".join(str(p) for p in parts if p))
    return row


def _insert(table, rows):
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start:start + BATCH])


def add_organizations(rng, count, start, span, deleted_fraction):
    kinds = rng.choices(list(ORGANIZATION_WEIGHTS), weights=list(ORGANIZATION_WEIGHTS.values()), k=count)
    seen, rows = set(), []
    for kind in kinds:
        county = rng.choice(COUNTIES)
        name = ORGANIZATION_PATTERNS[kind](rng, county)
        suffix = 2
        base = name
        while name in seen:
            name, suffix = f"{base} (دفتر {suffix})", suffix + 1
        seen.add(name)
        created = _when(rng, start, span)
        deleted = rng.random() < deleted_fraction
        rows.append(_searchable(Organization, {
            "name": name, "type": kind, "city": county, "phone": f"035{rng.randint(31000000, 38999999)}",
            "address": f"{county}، خیابان {rng.choice(LAST_NAMES)}، پلاک {rng.randint(1, 300)}",
            "created_at": created, "updated_at": created,
            "deleted_at": created + timedelta(days=rng.randint(1, 300)) if deleted else None,
        }))
    _insert(Organization.__table__, rows)


def add_people(rng, count, start, span, deleted_fraction):
    organizations = db.session.execute(select(Organization.id, Organization.type)).all()
    taken = set(db.session.scalars(select(Person.national_code).where(Person.national_code.is_not(None))
                                   .execution_options(include_deleted=True)))
    rows = []
    for _ in range(count):
        code = national_code(rng)
        while code in taken:
            code = national_code(rng)
        taken.add(code)
        organization_id, kind = rng.choice(organizations)
        created = _when(rng, start, span)
        deleted = rng.random() < deleted_fraction
        rows.append(_searchable(Person, {
            "first_name": rng.choice(FIRST_NAMES), "last_name": rng.choice(LAST_NAMES), "national_code": code,
            "mobile": f"09{rng.choice(['13', '12', '19', '35', '30'])}{rng.randint(1000000, 9999999)}",
            "email": "", "organization_id": organization_id,
            "position": rng.choice(POSITIONS["press" if kind == "press" else "other"]),
            "created_at": created, "updated_at": created,
            "deleted_at": created + timedelta(days=rng.randint(1, 300)) if deleted else None,
        }))
    _insert(Person.__table__, rows)


def add_users(rng, count, start, span):
    password_hash = hash_password(f"not-a-login-{rng.random()}")  # nobody logs in as these
    departments = db.session.scalars(select(Department.id)).all()
    rows = []
    for number in range(1, count + 1):
        created = _when(rng, start, span)
        rows.append({
            "username": f"user{number:04d}", "full_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "password_hash": password_hash, "role": rng.choices(["staff", "head", "viewer"], [80, 5, 15])[0],
            "active": rng.random() > 0.1, "must_change_password": False,
            "last_login_at": _when(rng, created, datetime.now(UTC) - created) if rng.random() > 0.2 else None,
            "created_at": created, "updated_at": created,
        })
    _insert(User.__table__, rows)
    if departments:
        ids = db.session.scalars(select(User.id).where(User.username.like("user%"))).all()
        _insert(department_members, [{"user_id": user_id, "department_id": rng.choice(departments)}
                                     for user_id in ids])


def add_audit(rng, count, start, span):
    """Audit rows as core.audit writes them, in time order (ids grow with time)."""
    names = {
        "people": db.session.execute(select(Person.id, Person.first_name + " " + Person.last_name)
                                     .execution_options(include_deleted=True)).all(),
        "organizations": db.session.execute(select(Organization.id, Organization.name)
                                            .execution_options(include_deleted=True)).all(),
        "users": db.session.execute(select(User.id, User.full_name)).all(),
        "departments": db.session.execute(select(Department.id, Department.name)).all(),
    }
    actors = [user_id for user_id, _ in names["users"]]
    step = span / count
    entities = rng.choices(list(ENTITY_WEIGHTS), weights=list(ENTITY_WEIGHTS.values()), k=count)
    actions = rng.choices(list(ACTION_WEIGHTS), weights=list(ACTION_WEIGHTS.values()), k=count)
    rows = []
    for index, (entity, action) in enumerate(zip(entities, actions, strict=True)):
        at = start + step * index + timedelta(seconds=rng.random() * step.total_seconds())
        entity_id, summary = rng.choice(names[entity])
        rows.append({
            "at": at, "user_id": rng.choice(actors) if rng.random() > 0.05 else None, "action": action,
            "entity": entity, "entity_id": str(entity_id), "summary": summary[:300],
            "changes": _changes(rng, action, entity, summary, at),
        })
        if len(rows) == BATCH:
            _insert(AuditLog.__table__, rows)
            rows = []
    _insert(AuditLog.__table__, rows)


def _changes(rng, action, entity, summary, at):
    if action == "create":
        after = {"id": rng.randint(1, 20000), "name" if entity != "people" else "first_name": summary,
                 "city": rng.choice(COUNTIES), "phone": f"035{rng.randint(31000000, 38999999)}",
                 "deleted_at": None}
        return {"after": after}
    if action in ("delete", "restore"):
        stamp = at.isoformat()
        return {"before": {"deleted_at": None if action == "delete" else stamp},
                "after": {"deleted_at": stamp if action == "delete" else None}}
    field = rng.choice(["position", "mobile", "city", "phone", "address"])
    return {"before": {field: rng.choice(POSITIONS["other"])}, "after": {field: rng.choice(POSITIONS["press"])}}


def enable_modules():
    """Turn every loaded plugin on, assigned to the first department, so its pages are measured."""
    from flask import current_app

    department_id = db.session.scalar(select(Department.id).order_by(Department.id))
    keys = current_app.extensions["ravabet_plugins"].loaded_keys()
    for key in keys:
        module_service.assign(key, department_id)
        module_service.set_enabled(key, True)
    return keys


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organizations", type=int, default=2000)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--audit", type=int, default=300000, help="audit-log rows")
    parser.add_argument("--years", type=int, default=10, help="span of the created_at and audit times")
    parser.add_argument("--deleted-fraction", type=float, default=0.02, help="share of rows in the trash")
    parser.add_argument("--seed", type=int, default=1404)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    span = timedelta(days=365 * args.years)
    start = datetime.now(UTC) - span
    app = create_app()
    with app.app_context():
        steps = [
            ("organizations", lambda: add_organizations(rng, args.organizations, start, span, args.deleted_fraction)),
            ("people", lambda: add_people(rng, args.people, start, span, args.deleted_fraction)),
            ("users", lambda: add_users(rng, args.users, start, span)),
            ("audit rows", lambda: add_audit(rng, args.audit, start, span)),
        ]
        for label, step in steps:
            began = time.perf_counter()
            step()
            db.session.commit()
            print(f"bench seed: {label} added in {time.perf_counter() - began:.1f} s", flush=True)
        keys = enable_modules()
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            # What autovacuum does to new rows within minutes (statistics, and the visibility map
            # that index-only scans need), done now so the plans are those of a settled database.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        else:  # SQLite plans by its statistics too (core.db.refresh_statistics)
            refresh_statistics()
        totals = {model.__tablename__: db.session.scalar(
            select(func.count()).select_from(model).execution_options(include_deleted=True))
            for model in (Organization, Person, User, AuditLog)}
        print(f"bench seed: totals {totals}; modules on: {', '.join(keys) or 'none'}", flush=True)


if __name__ == "__main__":
    main()
