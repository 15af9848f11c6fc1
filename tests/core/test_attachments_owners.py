"""Attachments of any record through the generic pages at /files/attachments/: the owner of an
entity type says who may see and change them; many files at once, the valid ones saved and the
others named; zip bombs dressed as Office files refused."""
import io
import zipfile
from urllib.parse import quote

import pytest
from sqlalchemy import select

from core import attachments, files
from core.db import db
from core.models import Attachment
from tests.core.committee_data import add_meeting, make_committee
from tests.core.test_attachments import docx_bytes, pdf_bytes, upload, xlsx_bytes
from tests.core.test_files import PROGRAMS, photo_bytes

# The example plugin "sample" is in the test app, so "sample_notes" belongs to it: its files are
# gone while the module is off.
ENTITY = "sample_notes"
MISSING = 404


@pytest.fixture
def notes(app):
    """An owner for ENTITY: admins and staff see every note but MISSING; only admins change them."""
    owner = attachments.register_attachment_owner(
        ENTITY,
        can_view=lambda user, note_id: None if note_id == MISSING else user.role in ("admin", "staff"),
        can_edit=lambda user, note_id: user.role == "admin",
        describe=lambda note_id: (f"یادداشت {note_id}", f"/sample/notes/{note_id}"),
        kinds=attachments.DOCUMENTS)
    yield owner
    attachments._OWNERS.pop(ENTITY)


def _attach(client, entity_id, *named_files, entity=ENTITY):
    return client.post(f"/files/attachments/{entity}/{entity_id}", content_type="multipart/form-data",
                       data={"files": [(io.BytesIO(data), name) for data, name in named_files]})


def test_many_files_at_once_keep_the_valid_and_name_the_others(notes, make_user, login, enable_module):
    enable_module("sample")
    admin = login(make_user("admin"))
    response = _attach(admin, 7, (pdf_bytes(), "صورتجلسه.pdf"), (PROGRAMS["windows"], "عکس همایش.jpg"),
                       (xlsx_bytes(), "حاضران.xlsx"), (b"", "خالی.pdf"), (b"GIF89a" + b"\0" * 30, "نمودار.gif"))
    assert response.status_code == 303 and response.headers["Location"] == "/sample/notes/7#files"
    saved = db.session.scalars(select(Attachment).order_by(Attachment.id)).all()
    assert [(a.entity, a.entity_id, a.original_name) for a in saved] == [
        (ENTITY, 7, "صورتجلسه.pdf"), (ENTITY, 7, "حاضران.xlsx")]
    page = admin.get("/").get_data(as_text=True)
    assert "۲ فایل پیوست شد." in page
    assert "«عکس همایش.jpg»: این فایل یک برنامه اجرایی است و هرگز پذیرفته نمی‌شود." in page
    assert "«خالی.pdf»: فایل خالی است." in page
    assert "«نمودار.gif»: این فایل پذیرفته نیست" in page


def test_files_are_served_only_to_who_may_see_the_record(notes, make_user, login, enable_module, app):
    enable_module("sample")
    note = attachments.attach(attachments.store_upload(upload(docx_bytes(), "گزارش سفر.docx")), ENTITY, 7)
    hidden = attachments.attach(attachments.store_upload(upload(pdf_bytes(), "a.pdf")), ENTITY, MISSING)
    db.session.commit()
    staff = login(make_user("staff"), test_client=app.test_client())
    response = staff.get(f"/files/attachments/{note.id}")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"file.docx\"; filename*=UTF-8''" + quote("گزارش سفر.docx", safe=""))
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert staff.get(f"/files/attachments/{hidden.id}").status_code == 404  # the record is gone
    assert _attach(staff, 7, (pdf_bytes(), "a.pdf")).status_code == 403  # sees, may not change
    assert staff.post(f"/files/attachments/{note.id}/delete").status_code == 403
    viewer = login(make_user("viewer"), test_client=app.test_client())
    assert viewer.get(f"/files/attachments/{note.id}").status_code == 403
    assert app.test_client().get(f"/files/attachments/{note.id}").status_code == 302  # to the login page
    enable_module("sample", enabled=False)
    assert staff.get(f"/files/attachments/{note.id}").status_code == 404


def test_a_file_is_moved_to_the_trash_by_who_may_change_the_record(notes, make_user, login, enable_module):
    enable_module("sample")
    note = attachments.attach(attachments.store_upload(upload(pdf_bytes(), "a.pdf")), ENTITY, 7)
    db.session.commit()
    admin = login(make_user("admin"))
    response = admin.post(f"/files/attachments/{note.id}/delete", data={"next": "/sample/notes/7?tab=files"})
    assert response.status_code == 303 and response.headers["Location"] == "/sample/notes/7?tab=files#files"
    db.session.refresh(note)
    assert note.is_deleted
    assert admin.get(f"/files/attachments/{note.id}").status_code == 404


def test_an_unknown_record_type_is_not_found(make_user, login):
    admin = login(make_user("admin"))
    assert admin.get("/files/attachments/999").status_code == 404
    assert _attach(admin, 1, (pdf_bytes(), "a.pdf"), entity="users").status_code == 404


def test_committee_meetings_are_owners_through_the_kit(app, make_department, make_user, login):
    department, other = make_department(), make_department()
    meeting = add_meeting(make_committee(department))
    staff = login(make_user("staff", departments=[department]), test_client=app.test_client())
    response = _attach(staff, meeting.id, (photo_bytes(), "بازدید.jpg"), entity="committee_meetings")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}#files")
    attachment = db.session.scalar(select(Attachment))
    assert staff.get(f"/files/attachments/{attachment.id}").headers["Content-Type"] == "image/jpeg"
    outsider = login(make_user("staff", departments=[other]), test_client=app.test_client())
    assert outsider.get(f"/files/attachments/{attachment.id}").status_code == 403
    meeting.soft_delete()
    db.session.commit()
    assert staff.get(f"/files/attachments/{attachment.id}").status_code == 404


def _office_zip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_dressed_as_a_word_file_is_refused(app, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    content_types = docx_bytes()  # the real parts, and then a flood of zeros
    with zipfile.ZipFile(io.BytesIO(content_types)) as real:
        parts = {name: real.read(name) for name in real.namelist()}
    bomb = _office_zip({**parts, "word/media/flood.bin": b"\0" * (8 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    assert attachments.detect_kind(bomb) is None
    with pytest.raises(files.FileRejected, match="پذیرفته نیست"):
        attachments.store_upload(upload(bomb, "صورتجلسه.docx"))


def test_a_zip_whose_sizes_lie_is_refused(app):
    """A zip may claim small sizes to pass the unzipped-size check: reading finds the truth."""
    data = bytearray(docx_bytes())
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))  # its central directory entry
    data[entry + 24:entry + 28] = (1).to_bytes(4, "little")  # "1 byte when unzipped"
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        assert archive.getinfo("word/document.xml").file_size == 1
    assert attachments.detect_kind(bytes(data)) is None


def test_a_file_purged_from_the_trash_is_removed_from_the_disk(notes, make_user, login, enable_module):
    enable_module("sample")
    note = attachments.attach(attachments.store_upload(upload(pdf_bytes(), "a.pdf")), ENTITY, 7)
    db.session.commit()
    path = files.files_dir() / "attachments" / note.stored_name
    admin = login(make_user("admin"))
    admin.post(f"/files/attachments/{note.id}/delete")
    assert path.is_file()
    note_id = note.id
    db.session.delete(note)
    db.session.flush()
    db.session.rollback()  # a purge that fails keeps the file
    assert path.is_file()
    assert admin.post(f"/trash/attachments/{note_id}/purge").status_code == 303
    assert not path.exists()


def test_the_attachment_macros_list_files_and_take_more(notes, app):
    from flask import render_template_string

    note = attachments.attach(attachments.store_upload(upload(pdf_bytes(), "صورتجلسه ۱.pdf")), ENTITY, 7)
    db.session.commit()
    html = render_template_string(
        '{% import "photos/_files.html" as file_ui with context %}'
        '{{ file_ui.attachment_list(items, True, next="/sample/notes/7") }}'
        '{{ file_ui.attach_form("sample_notes", 7, next="/sample/notes/7") }}', items=[note])
    assert f'href="/files/attachments/{note.id}"><bdi>صورتجلسه ۱.pdf</bdi>' in html
    assert f'action="/files/attachments/{note.id}/delete"' in html and 'value="/sample/notes/7"' in html
    assert 'action="/files/attachments/sample_notes/7"' in html and 'name="files" multiple' in html
    assert 'accept="application/pdf,' in html and "حداکثر ۱۰ مگابایت" in html
