"""A person's photo: uploaded with the form, checked by content, served only to directory readers."""
import io

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from core import files
from core.db import db
from core.models import Person, RolePermission
from tests.core.test_files import image_bytes


@pytest.fixture
def person(app):
    person = Person(first_name="زهرا", last_name="میرجلیلی")
    db.session.add(person)
    db.session.commit()
    return person


def _form(photo=None, **changes):
    data = {"first_name": "زهرا", "last_name": "میرجلیلی", "national_code": "", "mobile": "", "email": "",
            "organization_id": "", "position": ""}
    if photo is not None:
        data["photo"] = photo
    data.update(changes)
    return data


def test_real_png_is_saved_and_served(make_user, login, person):
    client = login(make_user("staff"))
    response = client.post(f"/directory/people/{person.id}/edit", content_type="multipart/form-data",
                           data=_form((io.BytesIO(image_bytes("PNG")), "پرسنلی.png")))
    assert response.status_code == 303
    db.session.refresh(person)
    assert person.photo and person.photo.endswith(".png")

    response = client.get(f"/directory/people/{person.id}/photo")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.data == image_bytes("PNG")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline;") and "filename*=UTF-8''" in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    thumbnail = client.get(f"/directory/people/{person.id}/photo?size=thumb")
    assert thumbnail.status_code == 200 and len(thumbnail.data) < len(response.data)
    html = client.get(f"/directory/people/{person.id}").get_data(as_text=True)
    assert f"/directory/people/{person.id}/photo?size=thumb" in html


def test_fake_image_is_rejected_with_persian_message(make_user, login, person):
    client = login(make_user("staff"))
    response = client.post(f"/directory/people/{person.id}/edit", content_type="multipart/form-data",
                           data=_form((io.BytesIO(b"#!/bin/sh\necho not a picture\n"), "photo.jpg")))
    assert response.status_code == 422
    assert "فایل، تصویری با قالب JPEG یا PNG یا WebP نیست" in response.get_data(as_text=True)
    db.session.refresh(person)
    assert person.photo is None


def test_a_valid_photo_is_kept_when_other_fields_fail(make_user, login):
    client = login(make_user("staff"))
    response = client.post("/directory/people/new", content_type="multipart/form-data",
                           data=_form((io.BytesIO(image_bytes("JPEG")), "a.jpg"), first_name=""))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "عکس جدید دریافت شد" in html
    kept = html.split('name="kept_photo" type="hidden" value="', 1)[1].split('"', 1)[0]
    response = client.post("/directory/people/new", data=_form(kept_photo=kept))
    assert response.status_code == 303
    assert db.session.scalar(select(Person.photo)).endswith(".jpg")


def test_a_forged_kept_photo_is_ignored(make_user, login):
    client = login(make_user("staff"))
    response = client.post("/directory/people/new", data=_form(kept_photo="0" * 32 + ".png"))
    assert response.status_code == 303
    assert db.session.scalar(select(Person.photo)) is None


def test_photo_is_served_only_with_directory_view(make_user, login, person, app):
    person.photo = files.save_image(FileStorage(io.BytesIO(image_bytes("PNG")), "a.png"))
    db.session.add(RolePermission(role="staff", permission="directory.view", granted=False))
    db.session.commit()
    staff = login(make_user("staff"), test_client=app.test_client())
    assert staff.get(f"/directory/people/{person.id}/photo").status_code == 403
    viewer = login(make_user("viewer"), test_client=app.test_client())
    assert viewer.get(f"/directory/people/{person.id}/photo").status_code == 200
    assert app.test_client().get(f"/directory/people/{person.id}/photo").status_code == 302


def test_photo_can_be_removed(make_user, login, person):
    client = login(make_user("staff"))
    client.post(f"/directory/people/{person.id}/edit", content_type="multipart/form-data",
                data=_form((io.BytesIO(image_bytes("PNG")), "a.png")))
    response = client.post(f"/directory/people/{person.id}/edit", data=_form(remove_photo="y"))
    assert response.status_code == 303
    db.session.refresh(person)
    assert person.photo is None
    assert client.get(f"/directory/people/{person.id}/photo").status_code == 404
