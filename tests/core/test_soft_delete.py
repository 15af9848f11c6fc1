from sqlalchemy import func, select

from core.db import db
from core.models import AuditLog, Organization


def test_soft_deleted_rows_are_hidden_and_restorable(app, make_user):
    user = make_user("staff")
    org = Organization(name="اداره كل ورزش", type="agency", city="يزد")
    db.session.add(org)
    db.session.commit()
    # Arabic kaf/yeh are stored Persian in the search text
    assert "کل" in org.search_text and "یزد" in org.search_text

    org.soft_delete(user)
    db.session.commit()
    assert db.session.scalar(select(Organization).where(Organization.id == org.id)) is None
    assert db.session.scalar(select(func.count()).select_from(Organization)) == 0
    hidden = db.session.scalar(
        select(Organization).where(Organization.id == org.id).execution_options(include_deleted=True))
    assert hidden is not None and hidden.is_deleted

    hidden.restore()
    db.session.commit()
    actions = db.session.scalars(
        select(AuditLog.action).where(AuditLog.entity == "organizations").order_by(AuditLog.id)).all()
    assert actions == ["create", "delete", "restore"]
    assert db.session.scalar(select(func.count()).select_from(Organization)) == 1
