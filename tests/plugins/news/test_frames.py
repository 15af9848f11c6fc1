"""The events' frames (``Event.frames``), kept by the core (core.photos.counts) through every path
that changes photos: each test compares the stored counts with a fresh count of the photos."""
import datetime
import io
import threading

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from core.db import db
from core.testing import delete_all_rows
from core.photos import service
from core.photos.counts import recount_photos
from core.photos.models import Photo
from plugins.news.models import Event
from plugins.news.views.archive import ENTITY
from tests.plugins.news.test_archive import jpeg, make_event  # noqa: F401  (a fixture)


def fresh_counts():
    """``{event id: photos outside the trash}`` counted now, beside the stored ``{id: frames}``."""
    db.session.expire_all()
    events = db.session.scalars(select(Event).order_by(Event.id).execution_options(include_deleted=True)).all()
    photos = dict(db.session.execute(select(Photo.entity_id, func.count()).where(Photo.entity == ENTITY)
                                     .group_by(Photo.entity_id)).all())
    return {event.id: event.frames for event in events}, {event.id: photos.get(event.id, 0) for event in events}


def assert_counts(expected):
    stored, counted = fresh_counts()
    assert stored == counted
    assert list(stored.values()) == expected


# A photo row without files, for rows written without the service.
ROW = {"entity": ENTITY, "caption": "", "sort_order": 9, "original_name": "a.jpg", "content_type": "image/jpeg",
       "size": 1, "checksum": "0", "width": 1, "height": 1, "thumb_width": 1, "thumb_height": 1, "view_width": 1,
       "view_height": 1, "taken_at": datetime.datetime(2024, 11, 10, tzinfo=datetime.UTC), "taken_from_exif": False,
       "camera": ""}


def sources(*marks):
    return [service.Source(f"IMG_{mark}.jpg", lambda mark=mark: jpeg(mark)) for mark in marks]


@pytest.fixture
def admin_client(app, make_user, login):
    return login(make_user("admin"), test_client=app.test_client())


def test_saved_and_imported_photos_are_counted_in_their_flush(app, make_event):
    make_event(photos=3)
    second = make_event(title="بازدید استاندار", photos=0)
    assert_counts([3, 0])
    service.import_photos(ENTITY, second.id, sources(71, 72, 71))  # the same photo twice is saved once
    db.session.flush()
    assert second.frames == 2  # the record in the session reads its new count
    db.session.commit()
    assert_counts([3, 2])


def test_a_count_is_not_an_edit_of_the_event(app, make_event):
    event = make_event()
    edited = event.updated_at
    service.import_photos(ENTITY, event.id, sources(5))
    db.session.commit()
    assert (event.frames, event.updated_at) == (1, edited)


def test_uploads_and_the_import_job_are_counted(staff_client, make_event, app, monkeypatch):
    event = make_event(photos=1)

    def upload(*marks):
        return staff_client.post(f"/files/photos/{ENTITY}/{event.id}/upload", content_type="multipart/form-data",
                                 data={"photos": [(io.BytesIO(jpeg(mark)), f"{mark}.jpg") for mark in marks]})

    assert upload(31, 32).status_code == 303
    assert_counts([3])
    monkeypatch.setitem(app.config, "PHOTO_INLINE_FILES", 1)
    assert upload(33, 34, 35).status_code == 303  # a job (run eagerly in the tests)
    assert_counts([6])


def test_captions_and_moves_change_no_count(staff_client, make_event):
    make_event(photos=2)
    second = db.session.scalars(select(Photo).order_by(Photo.id)).all()[1]
    assert staff_client.post(f"/files/photos/{second.id}/caption", data={"caption": "دیدار"}).status_code == 303
    assert staff_client.post(f"/files/photos/{second.id}/move/earlier").status_code == 303
    assert_counts([2])


def test_the_trash_restore_and_purge_keep_the_count(staff_client, admin_client, make_event):
    event = make_event(photos=4)
    photos = db.session.scalars(select(Photo).order_by(Photo.id)).all()
    assert staff_client.post(f"/files/photos/{photos[0].id}/delete").status_code == 303
    assert_counts([3])
    response = staff_client.post(f"/files/photos/{ENTITY}/{event.id}/trash",
                                 data={"ids": [str(photos[1].id), str(photos[2].id)]})
    assert response.status_code == 303
    assert_counts([1])
    assert admin_client.post(f"/trash/photos/{photos[1].id}/restore").status_code == 303
    assert_counts([2])
    assert admin_client.post(f"/trash/photos/{photos[0].id}/purge").status_code == 303
    assert_counts([2])
    photo = db.session.get(Photo, photos[3].id)
    db.session.delete(photo)  # purged without going through the trash
    db.session.commit()
    assert_counts([1])


def test_a_photo_given_to_another_event_leaves_one_count_for_the_other(app, make_event):
    first, second = make_event(photos=2), make_event(title="بازدید استاندار", photos=1)
    photo = db.session.scalars(select(Photo).where(Photo.entity_id == first.id)).first()
    photo.entity_id = second.id
    db.session.commit()
    assert_counts([1, 2])


def test_an_event_in_the_trash_keeps_its_count_for_its_return(staff_client, admin_client, make_event):
    event = make_event(photos=2)
    assert staff_client.post(f"/news/events/{event.id}/delete").status_code == 303
    assert admin_client.post(f"/trash/news_events/{event.id}/restore").status_code == 303
    assert_counts([2])


def test_rows_written_without_the_orm_are_counted_by_a_recount(app, make_event):
    first, second = make_event(photos=1), make_event(title="بازدید استاندار")
    db.session.execute(insert(Photo), [{**ROW, "entity_id": second.id, "stored_name": f"bulk{n}.jpg"}
                                       for n in range(3)])
    db.session.commit()
    assert fresh_counts()[0] == {first.id: 1, second.id: 0}  # not seen: a bulk INSERT is no flush
    recount_photos()
    db.session.commit()
    assert_counts([1, 3])
    db.session.execute(insert(Photo), [{**ROW, "entity_id": first.id, "stored_name": "bulk9.jpg"}])
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["photos", "recount", "--entity", ENTITY])
    assert result.exit_code == 0, result.output
    assert_counts([2, 3])


@pytest.mark.committing
def test_two_transactions_adding_photos_to_one_event_count_both(app):
    """The second waits for the first's commit on the event's row, then counts its photo too."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("SQLite lets one writer at a time")
    with app.app_context(), Session(db.engine) as first, Session(db.engine) as second:
        try:
            event = Event(title="بازدید استاندار", date=datetime.date(2024, 11, 10))
            first.add(event)
            first.commit()
            first.add(Photo(**ROW, entity_id=event.id, stored_name="first.jpg"))
            first.flush()  # counted, and the event locked until the commit

            def add_second():
                second.add(Photo(**ROW, entity_id=event.id, stored_name="second.jpg"))
                second.commit()

            thread = threading.Thread(target=add_second)
            thread.start()
            thread.join(0.5)
            assert thread.is_alive()  # waiting for the first
            first.commit()
            thread.join(10)
            assert first.scalar(select(Event.frames).where(Event.id == event.id)) == 2
        finally:
            first.rollback()
            second.rollback()
            delete_all_rows()
