from sqlalchemy import select

from core.db import db
from core.models import User


def test_login_and_home(client, make_user, login):
    user = make_user("admin", full_name="مریم حاتمی")
    login(user)
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'dir="rtl"' in html and "مریم حاتمی" in html


def test_rollback_isolation_first(make_user):
    make_user("staff", username="isolated")
    assert db.session.scalar(select(User).where(User.username == "isolated"))


def test_rollback_isolation_second(app):
    assert db.session.scalar(select(User).where(User.username == "isolated")) is None
