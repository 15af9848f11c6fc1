"""Photo sets of a record (a committee meeting here): the gallery, a photo's page, the renderings
made once and cached for a year, originals and ZIP downloads, all only for who may see the record."""
import io
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import select

from core.db import db
from core.photos import service
from core.photos.models import Photo
from tests.core.committee_data import add_meeting, make_committee
from tests.core.test_files import photo_bytes

ENTITY = "committee_meetings"


@pytest.fixture
def meeting(make_department):
    department = make_department()
    return add_meeting(make_committee(department), title="بازدید از خانه مطبوعات")


@pytest.fixture
def staff(app, meeting, make_user, login):
    department = meeting.committee.department
    return login(make_user("staff", departments=[department]), test_client=app.test_client())


def add_photos(meeting, count, **kwargs):
    """Photos saved straight through the service, as an import would."""
    sources = [service.Source(f"IMG_{n:04d}.jpg", lambda n=n: photo_bytes(size=(400, 300), mark=n, **kwargs))
               for n in range(1, count + 1)]
    result = service.import_photos(ENTITY, meeting.id, sources)
    db.session.commit()
    return result.saved


def gallery_url(meeting):
    return f"/files/photos/{ENTITY}/{meeting.id}/"


def test_the_gallery_shows_a_page_of_lazy_thumbnails_with_their_sizes(meeting, staff):
    photos = add_photos(meeting, 50)
    html = staff.get(gallery_url(meeting)).get_data(as_text=True)
    assert html.count('loading="lazy"') == 48 and 'width="400" height="300"' in html
    assert f"/files/photos/{photos[0].id}/thumb/{photos[0].stem}.jpg" in html
    assert f"/files/photos/{photos[48].id}/thumb/" not in html
    assert "صفحهٔ ۱ از ۲" in html and "۵۰ مورد" in html and "بازدید از خانه مطبوعات" in html
    second = staff.get(gallery_url(meeting) + "?page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert second.count('loading="lazy"') == 2 and "<html" not in second


def test_the_gallery_queries_do_not_grow_with_the_photos(meeting, staff, count_queries):
    add_photos(meeting, 3)
    staff.get(gallery_url(meeting))  # the session's first request loads more (the user, the modules)
    with count_queries() as few:
        assert staff.get(gallery_url(meeting)).status_code == 200
    add_photos(meeting, 60)
    staff.get(gallery_url(meeting))
    with count_queries() as many:
        assert staff.get(gallery_url(meeting) + "?page=2&sort=-taken").status_code == 200
    assert len(many) == len(few) <= 12, "\n".join(few) + "\n---\n" + "\n".join(many)


def test_photos_are_only_for_who_may_see_the_meeting(meeting, staff, make_user, make_department, login, app):
    photo = add_photos(meeting, 1)[0]
    outsider = login(make_user("staff", departments=[make_department()]), test_client=app.test_client())
    for url in (gallery_url(meeting), f"/files/photos/{photo.id}", f"/files/photos/{photo.id}/original",
                f"/files/photos/{photo.id}/thumb/{photo.stem}.jpg", f"/files/photos/{ENTITY}/{meeting.id}/photos.zip"):
        assert staff.get(url).status_code == 200, url
        assert outsider.get(url).status_code == 403, url
        assert app.test_client().get(url).status_code == 302, url
    viewer = login(make_user("viewer"), test_client=app.test_client())
    assert viewer.get(gallery_url(meeting)).status_code == 200
    assert viewer.post(f"/files/photos/{photo.id}/delete").status_code == 403  # sees, may not change
    assert staff.get(f"/files/photos/{ENTITY}/999999/").status_code == 404
    assert staff.get("/files/photos/users/1/").status_code == 404  # not a type that owns photos
    meeting.soft_delete()
    db.session.commit()
    assert staff.get(f"/files/photos/{photo.id}").status_code == 404


def test_renderings_are_made_once_and_kept_by_the_browser_for_a_year(meeting, staff, monkeypatch):
    photo = add_photos(meeting, 1)[0]
    path = service.photo_path(photo.stored_name, "thumb")
    made = path.stat().st_mtime_ns

    def never(*args, **kwargs):
        raise AssertionError("a rendering was made again")

    monkeypatch.setattr("core.photos.processing._render", never)
    for _ in range(2):
        response = staff.get(f"/files/photos/{photo.id}/thumb/{photo.stem}.jpg")
        assert response.status_code == 200 and response.mimetype == "image/jpeg"
        assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable"
        assert response.data == path.read_bytes()
    assert path.stat().st_mtime_ns == made
    assert staff.get(f"/files/photos/{photo.id}/thumb/{'0' * 32}.jpg").status_code == 404  # not its name
    assert staff.get(f"/files/photos/{photo.id}/huge/{photo.stem}.jpg").status_code == 404
    etag = response.headers["ETag"]
    assert staff.get(f"/files/photos/{photo.id}/view/{photo.stem}.jpg",
                     headers={"If-None-Match": etag}).status_code == 304


def test_the_original_is_downloaded_with_its_persian_name(meeting, staff):
    data = photo_bytes(taken="2024:03:05 14:30:00")
    photo = service.import_photos(ENTITY, meeting.id, [service.Source("عکس یادگاری ۱.jpg", lambda: data)]).saved[0]
    db.session.commit()
    response = staff.get(f"/files/photos/{photo.id}/original")
    assert response.data == data and response.mimetype == "image/jpeg"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"file.jpg\"; filename*=UTF-8''" + quote("عکس یادگاری ۱.jpg", safe=""))


def test_a_photos_page_shows_its_capture_time_and_neighbours(meeting, staff):
    first, second, third = add_photos(meeting, 3)
    second.caption = "اعضای کارگروه در خانه مطبوعات"
    second.camera = "Canon EOS 80D"
    db.session.commit()
    html = staff.get(f"/files/photos/{second.id}").get_data(as_text=True)
    assert "اعضای کارگروه در خانه مطبوعات" in html and "Canon EOS 80D" in html
    assert f'href="/files/photos/{first.id}" rel="prev"' in html and f'href="/files/photos/{third.id}" rel="next"' in html
    assert f'width="{second.view_width}" height="{second.view_height}"' in html
    assert "۴۰۰ × ۳۰۰ پیکسل" in html and "زمان بارگذاری؛" in html  # these photos carry no capture time


def test_caption_order_and_trash(meeting, staff):
    first, second = add_photos(meeting, 2)
    response = staff.post(f"/files/photos/{second.id}/caption", data={"caption": "ديدار با مدير كل"})
    assert response.status_code == 303
    assert db.session.get(Photo, second.id).caption == "دیدار با مدیر کل"  # Arabic letters made Persian
    response = staff.post(f"/files/photos/{second.id}/caption", data={"caption": "x" * 501},
                          headers={"HX-Request": "true"})
    assert response.status_code == 422 and "حداکثر" in response.get_data(as_text=True)
    assert staff.post(f"/files/photos/{second.id}/move/earlier").status_code == 303
    order = db.session.scalars(select(Photo.id).where(Photo.entity == ENTITY)
                               .order_by(Photo.sort_order, Photo.id)).all()
    assert order == [second.id, first.id]
    assert staff.post(f"/files/photos/{second.id}/move/sideways").status_code == 404
    response = staff.post(f"/files/photos/{first.id}/delete")
    assert response.headers["Location"] == gallery_url(meeting)
    db.session.refresh(first)
    assert first.is_deleted and staff.get(f"/files/photos/{first.id}").status_code == 404


def test_a_zip_of_the_whole_set_or_of_a_selection(meeting, staff):
    photos = add_photos(meeting, 3)
    photos[2].original_name = photos[0].original_name  # the same name twice stays two files
    db.session.commit()
    response = staff.get(f"/files/photos/{ENTITY}/{meeting.id}/photos.zip")
    assert response.mimetype == "application/zip" and response.is_streamed
    assert response.headers["Content-Disposition"].startswith('attachment; filename="photos.zip"; filename*=')
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.namelist() == ["IMG_0001.jpg", "IMG_0002.jpg", "IMG_0001 (2).jpg"]
        assert archive.read("IMG_0002.jpg") == service.photo_path(photos[1].stored_name).read_bytes()
        assert archive.testzip() is None
    response = staff.post(f"/files/photos/{ENTITY}/{meeting.id}/photos.zip",
                          data={"ids": [str(photos[1].id), "۹۹۹۹"]})
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.namelist() == ["IMG_0002.jpg"]
    response = staff.post(f"/files/photos/{ENTITY}/{meeting.id}/photos.zip", data={})
    assert response.status_code == 303  # nothing chosen: back to the gallery with a message


def test_the_chosen_photos_go_to_the_trash_together(meeting, staff):
    photos = add_photos(meeting, 3)
    response = staff.post(f"/files/photos/{ENTITY}/{meeting.id}/trash",
                          data={"ids": [str(photos[0].id), str(photos[2].id)]}, follow_redirects=True)
    assert "۲ عکس به سطل بازیافت منتقل شد" in response.get_data(as_text=True)
    assert db.session.scalars(select(Photo.id).where(Photo.entity == ENTITY)).all() == [photos[1].id]


def test_the_meeting_page_has_a_photos_section(meeting, staff):
    html = staff.get(f"/committees/{meeting.committee_id}/meetings/{meeting.id}").get_data(as_text=True)
    assert 'id="photos"' in html and "هنوز عکسی افزوده نشده است." in html
    assert f'action="/files/photos/{ENTITY}/{meeting.id}/upload"' in html and "js/upload.js" in html
    photos = add_photos(meeting, 10)
    html = staff.get(f"/committees/{meeting.committee_id}/meetings/{meeting.id}").get_data(as_text=True)
    assert html.count('loading="lazy"') == 8 and "همه عکس‌ها" in html and "(۱۰)" in html
    assert f"/files/photos/{photos[0].id}/thumb/{photos[0].stem}.jpg" in html


def test_a_photo_purged_from_the_trash_takes_its_files_with_it(meeting, staff, make_user, login, app):
    kept, purged = add_photos(meeting, 2)
    paths = [service.photo_path(purged.stored_name, rendering) for rendering in (None, "thumb", "view")]
    staff.post(f"/files/photos/{purged.id}/delete")
    assert all(path.is_file() for path in paths)  # in the trash, it can still come back
    admin = login(make_user("admin"), test_client=app.test_client())
    assert admin.post(f"/trash/photos/{purged.id}/purge").status_code == 303
    assert not any(path.is_file() for path in paths)
    assert service.photo_path(kept.stored_name).is_file()


def test_a_plugins_meeting_photos_go_with_the_plugin(make_app, make_department, make_user, login, enable_module):
    """Meetings of a plugin's committees (tests/fixtures/plugins/kitplugin) own photos through the
    plugin's kit and permissions, and only while the plugin is on."""
    kit_app = make_app(PLUGIN_PATHS=[str(Path(__file__).resolve().parents[1] / "fixtures" / "plugins")],
                       PLUGINS_ONLY=["kitplugin"])
    department = make_department()
    enable_module("kitplugin", department)
    committee = make_committee(department, kind="kitplugin")
    meeting = add_meeting(committee)
    photo = add_photos(meeting, 1)[0]
    client = login(make_user("staff", departments=[department]), test_client=kit_app.test_client())
    page = client.get(f"/kitplugin/committees/{committee.id}/meetings/{meeting.id}").get_data(as_text=True)
    assert f"/files/photos/{photo.id}/thumb/{photo.stem}.jpg" in page
    gallery = client.get(gallery_url(meeting)).get_data(as_text=True)
    assert f'href="/kitplugin/committees/{committee.id}/meetings/{meeting.id}"' in gallery
    enable_module("kitplugin", enabled=False)
    assert client.get(f"/files/photos/{photo.id}").status_code == 404
    assert client.get(gallery_url(meeting)).status_code == 404
