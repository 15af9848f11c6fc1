"""Uploading photos to a record: many at once in a plain form or through htmx, the valid ones saved
and every other named with its reason; large batches and ZIP files imported by a background job;
uploads over the limit answered with the Persian 413."""
import io
import zipfile

from sqlalchemy import select

from core.db import db
from core.jobs.models import Job
from core.photos import service
from core.photos.models import Photo
from tests.core.test_files import PROGRAMS, image_bytes, photo_bytes, png_bomb
from tests.core.test_photos import ENTITY, meeting, staff  # noqa: F401  (fixtures)


def upload_url(meeting):
    return f"/files/photos/{ENTITY}/{meeting.id}/upload"


def post(client, meeting, *named, htmx=False, **form):
    return client.post(upload_url(meeting), content_type="multipart/form-data",
                       headers={"HX-Request": "true"} if htmx else {},
                       data={"photos": [(io.BytesIO(data), name) for data, name in named], **form})


def saved_photos():
    return db.session.scalars(select(Photo).order_by(Photo.sort_order)).all()


BAD_BATCH = [
    (PROGRAMS["windows"], "عکس_جلسه.jpg", "این فایل یک برنامه اجرایی است، نه عکس."),
    (photo_bytes()[:3000], "نیمه.jpg", "عکس خراب یا ناقص است و باز نمی‌شود."),
    (b"", "خالی.jpg", "فایل خالی است."),
    (png_bomb(), "بمب.png", "تصویر بیش از اندازه پیکسل دارد"),
    (image_bytes("GIF"), "متحرک.gif", "این فایل عکسی با قالب JPEG یا PNG یا WebP نیست."),
]


def test_a_batch_keeps_the_valid_photos_and_names_every_other_file(meeting, staff):
    good = [(photo_bytes(taken="2024:03:05 14:30:00", mark=n), f"IMG_{n}.jpg") for n in (10, 2, 1)]
    response = post(staff, meeting, *good, *[(data, name) for data, name, _ in BAD_BATCH])
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" in html  # the gallery, with every file's outcome
    assert "۳ ذخیره شد" in html and "۵ پذیرفته نشد" in html
    for _data, name, reason in BAD_BATCH:
        assert f'<bdi class="file-name">{name}</bdi> {reason}' in html
    photos = saved_photos()
    assert [p.original_name for p in photos] == ["IMG_1.jpg", "IMG_2.jpg", "IMG_10.jpg"]  # in natural order
    assert all(p.taken_from_exif and p.taken_at.hour == 11 for p in photos)
    assert all(service.photo_path(p.stored_name, "thumb").is_file() for p in photos)


def test_a_batch_of_only_good_photos_goes_back_to_the_record(meeting, staff):
    next_url = f"/committees/{meeting.committee_id}/meetings/{meeting.id}"
    response = post(staff, meeting, (photo_bytes(mark=1), "a.jpg"), (photo_bytes("PNG", mark=2), "b.png"),
                    next=next_url)
    assert response.status_code == 303 and response.headers["Location"] == next_url
    assert "۲ عکس ذخیره شد." in staff.get(next_url).get_data(as_text=True)
    assert post(staff, meeting, (photo_bytes(mark=3), "c.jpg"), next="https://evil.example/").headers[
        "Location"] == f"/files/photos/{ENTITY}/{meeting.id}/"


def test_with_htmx_the_answer_is_the_list_of_results(meeting, staff):
    response = post(staff, meeting, (photo_bytes(mark=1), "a.jpg"), (PROGRAMS["linux"], "b.jpg"), htmx=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert response.headers["HX-Trigger"] == "photos-added"  # the page's grid reloads itself
    assert "۱ ذخیره شد" in html and '<bdi class="file-name">b.jpg</bdi> این فایل یک برنامه اجرایی است' in html
    photo = saved_photos()[0]
    assert f"/files/photos/{photo.id}/thumb/{photo.stem}.jpg" in html
    response = post(staff, meeting, (PROGRAMS["linux"], "b.jpg"), htmx=True)
    assert response.status_code == 422 and "HX-Trigger" not in response.headers  # nothing saved


def test_a_photo_sent_twice_is_kept_once(meeting, staff):
    data = photo_bytes(mark=5)
    post(staff, meeting, (data, "a.jpg"))
    response = post(staff, meeting, (data, "a-copy.jpg"), (photo_bytes(mark=6), "b.jpg"), htmx=True)
    html = response.get_data(as_text=True)
    assert "۱ از قبل در مجموعه" in html and "a-copy.jpg" in html
    assert [p.original_name for p in saved_photos()] == ["a.jpg", "b.jpg"]


def test_nothing_chosen_is_a_clear_message(meeting, staff):
    response = staff.post(upload_url(meeting), data={}, headers={"HX-Request": "true"})
    assert response.status_code == 422 and "ابتدا یک یا چند عکس انتخاب کنید." in response.get_data(as_text=True)


def test_only_who_may_edit_the_meeting_uploads(meeting, make_user, login, app):
    viewer = login(make_user("viewer"), test_client=app.test_client())
    assert post(viewer, meeting, (photo_bytes(), "a.jpg")).status_code == 403
    assert saved_photos() == []


def test_a_large_batch_runs_as_a_job_with_its_report_on_the_gallery(meeting, staff, app, monkeypatch):
    monkeypatch.setitem(app.config, "PHOTO_INLINE_FILES", 3)
    batch = [(photo_bytes(mark=n), f"IMG_{n:03d}.jpg") for n in range(1, 6)] + [(PROGRAMS["script"], "run.jpg")]
    response = post(staff, meeting, *batch)
    job = db.session.scalar(select(Job))
    assert response.status_code == 303 and response.headers["Location"] == f"/jobs/{job.id}"
    assert (job.kind, job.status, job.progress_done, job.progress_total) == ("photos.import", "done", 6, 6)
    assert job.result["saved"] == 5 and job.result["rejected"] == [["run.jpg", "این فایل یک برنامه اجرایی است، نه عکس."]]
    assert job.title == f"افزودن ۶ فایل به عکس‌های «{job.title.split('«')[1]}"
    assert len(saved_photos()) == 5 and all(p.uploaded_by_id == job.created_by_id for p in saved_photos())
    assert not service.staging_dir(job.payload["staging"]).exists()
    html = staff.get(job.result["url"]).get_data(as_text=True)
    assert job.result["url"] == f"/files/photos/{ENTITY}/{meeting.id}/?job={job.id}"
    assert "۵ ذخیره شد" in html and '<bdi class="file-name">run.jpg</bdi>' in html


def test_a_job_run_again_adds_nothing_twice(meeting, staff, app, monkeypatch):
    monkeypatch.setitem(app.config, "PHOTO_INLINE_FILES", 1)
    staged = service.stage_uploads([])
    for n in range(2):
        (service.staging_dir(staged["staging"]) / f"{n:05d}").write_bytes(photo_bytes(mark=n + 1))
        staged["files"].append([f"{n:05d}", f"{n}.jpg"])
    first = service.import_photos(ENTITY, meeting.id, service.staged_sources(staged, [])[0])
    again = service.import_photos(ENTITY, meeting.id, service.staged_sources(staged, [])[0])
    assert (len(first.saved), len(again.saved), len(again.skipped)) == (2, 0, 2)


def _zip(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_of_photos_is_imported_by_a_job(meeting, staff):
    archive = _zip([
        ("رویداد/IMG_10.jpg", photo_bytes(mark=10)), ("رویداد/IMG_9.jpg", photo_bytes(mark=9)),
        ("__MACOSX/رویداد/._IMG_9.jpg", b"\0\5\26\7"), ("رویداد/Thumbs.db", b"junk"),
        ("رویداد/setup.jpg", PROGRAMS["windows"]), ("رویداد/zeros.jpg", b"\0" * (5 * 1024 * 1024)),
        ("رویداد/", b""),
    ])
    response = post(staff, meeting, (archive, "عکس‌های بازدید.zip"))
    job = db.session.scalar(select(Job))
    assert response.headers["Location"] == f"/jobs/{job.id}" and job.status == "done"
    assert [p.original_name for p in saved_photos()] == ["IMG_9.jpg", "IMG_10.jpg"]
    rejected = dict(job.result["rejected"])
    assert rejected == {
        "zeros.jpg": "این فایل درون ZIP پس از باز شدن بسیار بزرگ‌تر از حجمش می‌شود (بمب فشرده‌سازی)؛ باز نشد.",
        "setup.jpg": "این فایل یک برنامه اجرایی است، نه عکس."}


def test_a_damaged_or_oversized_zip_is_reported(meeting, staff, app, monkeypatch):
    monkeypatch.setitem(app.config, "PHOTO_MAX_BYTES", 1024 * 1024)
    post(staff, meeting, (b"PK\x03\x04 not really a zip", "a.zip"),
         (_zip([("big.jpg", photo_bytes(size=(3000, 3000)) + b"\0" * 1024 * 1024)], zipfile.ZIP_STORED), "b.zip"))
    job = db.session.scalar(select(Job))
    assert job.result["rejected"] == [["a.zip", "فایل ZIP خراب است و باز نمی‌شود."],
                                      ["big.jpg", "حجم فایل بیش از ۱ مگابایت است."]]


def test_an_upload_over_the_limit_gets_the_persian_413(meeting, staff, app):
    """A 200 MB attachment (the app's limit is 50 MB) and a 2 GB batch of photos (their limit is
    1 GB) are refused from the declared length, before anything is read; the photo upload says its
    limits."""
    general = "حجم پرونده بیش از حد مجاز است."
    photos = ("عکس‌هایی که با هم فرستاده شده‌اند بیش از اندازه زیاد یا بزرگ‌اند: هر بار حداکثر ۱٬۰۰۰ فایل و "
              "۱٬۰۲۴ مگابایت. آن‌ها را در دسته‌های کوچک‌تر یا چند فایل ZIP بفرستید.")
    for url, size, message in ((f"/files/attachments/{ENTITY}/{meeting.id}", 200, general),
                               (upload_url(meeting), 2048, photos)):
        for htmx in (False, True):
            response = staff.post(url, input_stream=io.BytesIO(b"--x--\r\n"),
                                  headers={"HX-Request": "true"} if htmx else {},
                                  content_type="multipart/form-data; boundary=x",
                                  environ_overrides={"CONTENT_LENGTH": str(size * 1024 * 1024)})
            assert response.status_code == 413, (url, htmx)
            if htmx:
                assert response.mimetype == "text/plain" and response.get_data(as_text=True) == message
            else:
                assert message in response.get_data(as_text=True)
                assert '<html lang="fa" dir="rtl">' in response.get_data(as_text=True)
    assert saved_photos() == []


def test_the_upload_checks_the_csrf_token_itself(meeting, make_app, make_user):
    """The view raises the size limits before the form is read, so it checks the token itself."""
    user = make_user("staff", departments=[meeting.committee.department])
    client = make_app(WTF_CSRF_ENABLED=True).test_client()

    def token(url):
        return client.get(url).get_data(as_text=True).split('name="csrf-token" content="', 1)[1].split('"', 1)[0]

    client.post("/login", data={"username": user.username, "password": "correct horse battery",
                                "csrf_token": token("/login")})
    refused = post(client, meeting, (photo_bytes(), "a.jpg"))
    assert refused.status_code == 400 and "اعتبار فرم به پایان رسیده است" in refused.get_data(as_text=True)
    accepted = post(client, meeting, (photo_bytes(), "a.jpg"), csrf_token=token(f"/files/photos/{ENTITY}/{meeting.id}/"))
    assert accepted.status_code == 303 and len(saved_photos()) == 1


def test_the_photo_upload_has_its_own_request_limit(meeting, staff, app, monkeypatch):
    """Other forms keep the application's MAX_CONTENT_LENGTH; a batch of photos may be larger."""
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1024 * 1024)
    batch = [(photo_bytes(size=(1500, 1000), mark=n) + b"\0" * 400_000, f"{n}.jpg") for n in range(1, 4)]
    assert sum(len(data) for data, _name in batch) > 1024 * 1024
    assert post(staff, meeting, *batch).status_code == 303
    assert len(saved_photos()) == 3
    response = staff.post(f"/files/attachments/{ENTITY}/{meeting.id}", content_type="multipart/form-data",
                          data={"files": [(io.BytesIO(data), name) for data, name in batch]})
    assert response.status_code == 413


def test_names_are_shown_back_cleanly(meeting, staff):
    """Folders and bidi controls go; a ZIP made without the UTF-8 mark still gives Persian names."""
    persian = "عکس ۱.jpg".encode("utf-8")
    placeholder = b"p" * (len(persian) - 4) + b".jpg"
    archive = _zip([(placeholder.decode(), photo_bytes(mark=1))]).replace(placeholder, persian)
    post(staff, meeting, (archive, "a.zip"))
    assert [p.original_name for p in saved_photos()] == ["عکس ۱.jpg"]
    html = post(staff, meeting, (PROGRAMS["windows"], "camera/DCIM/\u202egpj.exe"), htmx=True).get_data(as_text=True)
    assert '<bdi class="file-name">gpj.exe</bdi>' in html and "\u202e" not in html
