"""Admin users page: list, search and filters, create, edit, deactivate, unlock, password reset."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.auth.passwords import verify_password
from core.db import db, utcnow
from core.models import RolePermission, User
from core.testing import DEFAULT_PASSWORD, persian_text

NEW_PASSWORD = "a-new-password-1403"


@pytest.fixture
def admin(make_user):
    return make_user("admin", username="boss", full_name="مدیر آزمون")


@pytest.fixture
def admin_client(client, login, admin):
    return login(admin)


def _new_user_form(**changes):
    data = {"username": "m.hatami", "full_name": "مريم حاتمي", "role": "staff",
            "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    data.update(changes)
    return data


def _login(app, username, password):
    client = app.test_client()
    return client, client.post("/login", data={"username": username, "password": password})


def test_create_user_stores_argon2_hash_and_the_user_can_log_in(app, admin_client, make_department):
    news = make_department(name="واحد خبر")
    response = admin_client.post("/admin/users/new", data=_new_user_form(departments=[str(news.id)]))
    assert response.status_code == 303

    user = db.session.scalar(select(User).where(User.username == "m.hatami"))
    assert user.password_hash.startswith("$argon2id$")
    assert user.full_name == "مریم حاتمی"  # Arabic ي stored as Persian ی
    assert [d.name for d in user.departments] == ["واحد خبر"]
    assert user.role == "staff" and user.active and not user.must_change_password

    client, response = _login(app, "m.hatami", NEW_PASSWORD)
    assert response.status_code in (302, 303)
    assert "مریم حاتمی" in client.get("/").get_data(as_text=True)


def test_new_user_must_change_password_by_default(admin_client):
    page = admin_client.get("/admin/users/new").get_data(as_text=True)
    assert re.search(r'<input checked id="must_change_password" name="must_change_password" type="checkbox"', page)
    admin_client.post("/admin/users/new", data=_new_user_form(must_change_password="y"))
    assert db.session.scalar(select(User).where(User.username == "m.hatami")).must_change_password


def test_duplicate_username_is_refused_with_a_persian_message(admin_client, make_user):
    make_user("staff", username="ali")
    response = admin_client.post("/admin/users/new", data=_new_user_form(username="Ali"))
    assert response.status_code == 422
    assert "این نام کاربری قبلاً ثبت شده است" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User).where(
        func.lower(User.username) == "ali")) == 1


@pytest.mark.parametrize("changes, message", [
    ({"username": "علی"}, "فقط حروف انگلیسی"),
    ({"username": "ali hatami"}, "فقط حروف انگلیسی"),
    ({"password": "short1", "confirm": "short1"}, "دست‌کم ۱۰ نویسه"),
    ({"confirm": "something else"}, "دو گذرواژه یکسان نیستند"),
    ({"full_name": "  "}, "نام و نام خانوادگی را وارد کنید"),
    ({"role": "owner"}, None),
])
def test_invalid_new_user_is_refused_and_nothing_saved(admin_client, changes, message):
    response = admin_client.post("/admin/users/new", data=_new_user_form(**changes),
                                 headers={"HX-Request": "true"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'id="user-form"' in html  # htmx gets the form block only
    if message:
        assert message in html
    assert db.session.scalar(select(func.count()).select_from(User)) == 1  # only the admin


def test_edit_user_changes_name_role_and_departments(admin_client, make_user, make_department):
    news, welfare = make_department(name="واحد خبر"), make_department(name="کمیته رفاه")
    user = make_user("staff", departments=[news], full_name="زهرا م")
    page = admin_client.get(f"/admin/users/{user.id}/").get_data(as_text=True)
    assert re.findall(r'<input checked id="departments-\d+" name="departments" type="checkbox" value="(\d+)">',
                      page) == [str(news.id)]
    assert '<option selected value="staff">' in page and 'value="زهرا م"' in page
    response = admin_client.post(f"/admin/users/{user.id}/", data={
        "full_name": "زهرا ميرجليلي", "role": "head", "departments": [str(welfare.id)], "active": "y"})
    assert response.status_code == 303
    assert user.full_name == "زهرا میرجلیلی" and user.role == "head"
    assert [d.name for d in user.departments] == ["کمیته رفاه"]


def test_deactivated_user_cannot_log_in_and_is_logged_out(app, admin_client, make_user):
    user = make_user("staff", username="leaving")
    client, _ = _login(app, "leaving", DEFAULT_PASSWORD)
    assert client.get("/").status_code == 200

    assert admin_client.post(f"/admin/users/{user.id}/deactivate").status_code == 303
    assert user.active is False
    assert client.get("/").status_code == 302  # the open session ends too
    _, response = _login(app, "leaving", DEFAULT_PASSWORD)
    assert response.status_code == 422

    admin_client.post(f"/admin/users/{user.id}/reactivate")
    assert user.active is True
    assert _login(app, "leaving", DEFAULT_PASSWORD)[1].status_code in (302, 303)


def test_admin_cannot_deactivate_themself_or_drop_their_admin_role(admin_client, admin):
    response = admin_client.post(f"/admin/users/{admin.id}/deactivate", follow_redirects=True)
    assert "نمی‌توانید حساب کاربری خودتان را غیرفعال کنید" in response.get_data(as_text=True)
    assert admin.active is True

    response = admin_client.post(f"/admin/users/{admin.id}/", data={"full_name": "مدیر", "role": "staff"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "نمی‌توانید نقش خودتان را تغییر دهید" in html
    assert "نمی‌توانید حساب کاربری خودتان را غیرفعال کنید" in html
    assert admin.role == "admin" and admin.active and admin.full_name == "مدیر آزمون"


def test_reset_password_forces_the_change_page(app, admin_client, make_user):
    user = make_user("staff", username="forgetful")
    response = admin_client.post(f"/admin/users/{user.id}/password",
                                 data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 303
    assert user.must_change_password and verify_password(user.password_hash, NEW_PASSWORD)

    assert _login(app, "forgetful", DEFAULT_PASSWORD)[1].status_code == 422
    client, response = _login(app, "forgetful", NEW_PASSWORD)
    assert response.status_code in (302, 303)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/password")


def test_locked_account_is_shown_in_jalali_and_can_be_unlocked(app, admin_client, make_user):
    user = make_user("staff", username="locked", locked_until=utcnow() + timedelta(minutes=10))
    page = persian_text(admin_client.get(f"/admin/users/{user.id}/").get_data(as_text=True))
    assert "به دلیل ورودهای ناموفق پیاپی تا" in page and "ساعت" in page
    assert "قفل‌شده" in persian_text(admin_client.get("/admin/users/?status=locked").get_data(as_text=True))

    assert admin_client.post(f"/admin/users/{user.id}/unlock").status_code == 303
    assert not user.is_locked()
    assert _login(app, "locked", DEFAULT_PASSWORD)[1].status_code in (302, 303)


def test_list_searches_persian_names_and_filters(admin_client, make_user, make_department):
    news = make_department(name="واحد خبر")
    make_user("head", username="dehghani", full_name="محمدعلی دهقانی", departments=[news])
    make_user("viewer", username="sharifi", full_name="علی‌اکبر شریفی")
    make_user("staff", username="zare", full_name="فاطمه زارع", active=False)

    def names(query):
        html = admin_client.get("/admin/users/" + query, headers={"HX-Request": "true"}).get_data(as_text=True)
        return {n for n in ("دهقانی", "شریفی", "زارع", "مدیر آزمون") if n in html}

    assert names("?q=علي") == {"دهقانی", "شریفی"}  # Arabic ي in the query
    assert names("?q=علی اکبر") == {"شریفی"}  # no ZWNJ in the query
    assert names("?q=SHARIFI") == {"شریفی"}
    assert names("?role=head") == {"دهقانی"}
    assert names(f"?department={news.id}") == {"دهقانی"}
    assert names("?status=inactive") == {"زارع"}
    assert names("?status=active&role=viewer") == {"شریفی"}


def test_list_sorts_and_answers_htmx_with_the_results_block(admin_client, make_user):
    make_user("staff", username="aaa", full_name="یاسمن")
    make_user("staff", username="zzz", full_name="آرش")
    html = admin_client.get("/admin/users/?sort=-username").get_data(as_text=True)
    assert html.index("zzz") < html.index("boss") < html.index("aaa")
    assert 'aria-sort="descending"' in html

    response = admin_client.get("/admin/users/?q=یاسمن", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<html" not in html and 'id="users"' in html and "یاسمن" in html and "آرش" not in html
    assert "$argon2" not in html


def test_pages_never_show_password_hashes(admin_client, make_user):
    user = make_user("staff")
    for url in ("/admin/users/", f"/admin/users/{user.id}/", f"/admin/users/{user.id}/password"):
        html = admin_client.get(url).get_data(as_text=True)
        assert "$argon2" not in html and user.password_hash not in html


@pytest.mark.parametrize("role", ["staff", "head", "viewer"])
def test_other_roles_get_403_on_every_user_page_and_action(app, login, make_user, make_department, role):
    department = make_department()
    target = make_user("staff", username="target", departments=[department])
    client = login(make_user(role, departments=[department], heads=[department] if role == "head" else []))
    base = f"/admin/users/{target.id}"
    for url in ("/admin/users/", "/admin/users/new", base + "/", base + "/password"):
        assert client.get(url).status_code == 403, url
    posts = {"/admin/users/new": _new_user_form(), base + "/": {"full_name": "x", "role": "admin", "active": "y"},
             base + "/deactivate": {}, base + "/reactivate": {}, base + "/unlock": {},
             base + "/password": {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}}
    for url, data in posts.items():
        assert client.post(url, data=data).status_code == 403, url
    assert target.role == "staff" and target.active and verify_password(target.password_hash, DEFAULT_PASSWORD)
    assert db.session.scalar(select(User).where(User.username == "m.hatami")) is None


def test_only_an_admin_can_make_or_edit_admins(login, make_user, make_department):
    db.session.add(RolePermission(role="head", permission="users.manage", granted=True))
    head = make_user("head", heads=[make_department()])
    other_admin = make_user("admin", username="root2")
    client = login(head)
    assert client.get("/admin/users/").status_code == 200
    response = client.post("/admin/users/new", data=_new_user_form(role="admin"))
    assert response.status_code == 422
    assert db.session.scalar(select(User).where(User.username == "m.hatami")) is None
    assert client.get(f"/admin/users/{other_admin.id}/").status_code == 403
    assert client.post(f"/admin/users/{other_admin.id}/deactivate").status_code == 403
    assert other_admin.active
