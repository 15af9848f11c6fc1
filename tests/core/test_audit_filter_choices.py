"""The audit log's record-type filter lists every table the log holds, each once."""
import re

from sqlalchemy import insert

from core.db import db
from core.models import AuditLog


def _entity_options(html):
    select = re.search(r'<select[^>]*name="entity".*?</select>', html, re.S).group(0)
    return [value for value in re.findall(r'<option[^>]*value="([^"]*)"', select) if value]


def test_record_types_are_the_logged_tables(client, login, make_user):
    admin = make_user("admin")
    rows = [{"action": "create", "entity": entity, "entity_id": str(number), "summary": "", "changes": {}}
            for number, entity in enumerate(["people", "people", "old_plugin_items", "organizations", "people"])]
    db.session.execute(insert(AuditLog), rows)
    db.session.commit()

    options = _entity_options(login(admin).get("/admin/audit/").get_data(as_text=True))

    # The users table is logged too (make_user); a dropped plugin's table still shows by its name.
    assert sorted(options) == ["old_plugin_items", "organizations", "people", "users"]


def test_no_record_types_when_the_log_is_empty(client, login, make_user):
    admin = make_user("admin")
    db.session.execute(AuditLog.__table__.delete())
    db.session.commit()

    assert _entity_options(login(admin).get("/admin/audit/").get_data(as_text=True)) == []
