"""core.attachments: files checked by what they contain, stored under random names, served only
through a view that checks the record, with the Persian name in an RFC 5987 Content-Disposition."""
import io
import zipfile
from urllib.parse import quote

import pytest
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from core import attachments, files
from core.db import db
from core.models import Attachment
from tests.core.committee_data import add_meeting, add_member, make_committee, make_person
from tests.core.test_files import PROGRAMS


def pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def xlsx_bytes():
    workbook = Workbook()
    workbook.active["A1"] = "فهرست حاضران"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx_bytes(content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", f'<Types><Override PartName="/word/document.xml" '
                                                f'ContentType="{content_type}"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def image_bytes(kind):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 90, 120)).save(buffer, format=kind)
    return buffer.getvalue()


def upload(data, filename):
    return FileStorage(stream=io.BytesIO(data), filename=filename)


@pytest.mark.parametrize("make, name, kind, extension", [
    (pdf_bytes, "ابلاغ عضویت.pdf", "pdf", "pdf"),
    (xlsx_bytes, "حاضران.xlsx", "xlsx", "xlsx"),
    (docx_bytes, "صورتجلسه.docx", "docx", "docx"),
    (lambda: image_bytes("JPEG"), "عکس.jpeg", "jpeg", "jpg"),
    (lambda: image_bytes("PNG"), "scan.PNG", "png", "png"),
    (lambda: image_bytes("WEBP"), "تصویر", "webp", "webp"),
])
def test_accepted_kinds_are_recognised_by_content(app, make, name, kind, extension):
    data = make()
    assert attachments.detect_kind(data) == kind
    stored = attachments.store_upload(upload(data, name))
    assert stored.stored_name.endswith("." + extension) and stored.original_name.endswith("." + extension)
    assert stored.content_type == attachments.KINDS[kind].content_type and stored.size == len(data)
    path = files.files_dir() / "attachments" / stored.stored_name
    assert path.read_bytes() == data and "ابلاغ" not in stored.stored_name


@pytest.mark.parametrize("kind", sorted(PROGRAMS))
def test_a_program_is_named_as_such_whatever_its_name(app, kind):
    with pytest.raises(files.FileRejected) as error:
        attachments.store_upload(upload(PROGRAMS[kind], "ابلاغ عضویت.pdf"))
    assert str(error.value) == "این فایل یک برنامه اجرایی است و هرگز پذیرفته نمی‌شود."
    assert error.value.named == "«ابلاغ عضویت.pdf»: این فایل یک برنامه اجرایی است و هرگز پذیرفته نمی‌شود."
    assert not (files.files_dir() / "attachments").exists() or not any(
        p.read_bytes() == PROGRAMS[kind] for p in (files.files_dir() / "attachments").iterdir())


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n this is not really a PDF",  # the header alone is not enough
    docx_bytes("application/x-something-else"),  # a zip, but not a Word document
    image_bytes("GIF"),
    b"<html><script>alert(1)</script></html>",
])
def test_anything_else_is_rejected_whatever_its_name(app, data):
    with pytest.raises(files.FileRejected) as error:
        attachments.store_upload(upload(data, "ابلاغ.pdf"))
    assert "پذیرفته نیست" in str(error.value) and "PDF" in str(error.value)
    assert not (files.files_dir() / "attachments").exists() or not any(
        p.read_bytes() == data for p in (files.files_dir() / "attachments").iterdir())


def test_an_executable_renamed_pdf_is_rejected_by_the_member_form(app, make_department, make_user, login):
    department = make_department()
    committee = make_committee(department)
    person = make_person()
    client = login(make_user("staff", departments=[department]))
    response = client.post(f"/committees/{committee.id}/members/new", data={
        "person_id": person.id, "role": "member",
        "letter": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 100), "ابلاغ.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "«ابلاغ.pdf»: این فایل یک برنامه اجرایی است" in response.get_data(as_text=True)
    assert db.session.scalar(select(Attachment)) is None


def test_size_limit_and_empty_files_have_persian_messages(app):
    with pytest.raises(files.FileRejected, match="بیش از ۱ مگابایت"):
        attachments.store_upload(upload(pdf_bytes() + b"\n" * (1024 * 1024), "a.pdf"), max_bytes=1024 * 1024)
    with pytest.raises(files.FileRejected, match="خالی"):
        attachments.store_upload(upload(b"", "a.pdf"))
    with pytest.raises(files.FileRejected, match="پذیرفته نیست"):  # a scan may not be a spreadsheet
        attachments.store_upload(upload(xlsx_bytes(), "a.xlsx"), kinds=attachments.SCANS)


def test_file_names_are_cleaned(app):
    assert attachments.clean_filename("C:\\نامه‌ها\\ابلاغ\u202e عضویت.exe", "pdf") == "ابلاغ عضویت.pdf"
    assert attachments.clean_filename("../../", "png") == "فایل.png"


def test_content_disposition_carries_the_persian_name():
    header = files.content_disposition("ابلاغ عضویت ۱۴۰۳.pdf", as_attachment=True)
    assert header.startswith('attachment; filename="')
    assert header.endswith("filename*=UTF-8''" + quote("ابلاغ عضویت ۱۴۰۳.pdf", safe=""))
    header.encode("latin-1")  # a valid header value
    assert files.content_disposition("report.xlsx", False).startswith('inline; filename="report.xlsx"')


def test_a_form_keeps_an_upload_while_it_has_other_errors(app, make_department, make_user, login):
    department = make_department()
    committee = make_committee(department)
    person = make_person()
    client = login(make_user("staff", departments=[department]))
    url = f"/committees/{committee.id}/members/new"
    response = client.post(url, data={"person_id": "", "role": "member",
                                      "letter": (io.BytesIO(pdf_bytes()), "ابلاغ عضویت.pdf")},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "ابلاغ عضویت.pdf دریافت شد" in html
    token = html.split('name="letter__kept" value="')[1].split('"')[0]
    response = client.post(url, data={"person_id": person.id, "role": "member", "letter__kept": token})
    assert response.status_code == 303
    letter = db.session.scalar(select(Attachment))
    assert (letter.entity, letter.purpose, letter.original_name) == ("committee_members", "letter", "ابلاغ عضویت.pdf")
    assert client.post(url, data={"person_id": person.id, "letter__kept": "forged"}).status_code == 422


def test_attachments_are_served_only_to_who_may_see_the_record(app, make_department, make_user, login, client):
    department, other = make_department(), make_department()
    committee = make_committee(department)
    meeting = add_meeting(committee)
    member = add_member(committee, make_person())
    staff = login(make_user("staff", departments=[department]))
    response = staff.post(f"/committees/{committee.id}/meetings/{meeting.id}/files",
                          data={"file": (io.BytesIO(xlsx_bytes()), "فهرست حاضران.xlsx")},
                          content_type="multipart/form-data")
    assert response.status_code == 303
    attachment = db.session.scalar(select(Attachment))
    url = f"/committees/{committee.id}/files/{attachment.id}"
    response = staff.get(url)
    assert response.status_code == 200 and len(response.data) == attachment.size and response.data[:2] == b"PK"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert quote("فهرست حاضران.xlsx", safe="") in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # The same file through another committee's address, or by staff of another department: no.
    elsewhere = make_committee(department, name="کمیته دیگر")
    assert staff.get(f"/committees/{elsewhere.id}/files/{attachment.id}").status_code == 404
    staff.post("/logout")
    outsider = login(make_user("staff", departments=[other]))
    assert outsider.get(url).status_code == 403
    outsider.post("/logout")
    # A letter of a member in the trash is gone with the member.
    letter = attachments.attach(attachments.store_upload(upload(pdf_bytes(), "ابلاغ.pdf")), "committee_members",
                                member.id, "letter")
    db.session.commit()
    viewer = login(make_user("viewer"))
    assert viewer.get(f"/committees/{committee.id}/files/{letter.id}").headers["Content-Type"] == "application/pdf"
    member.soft_delete()
    db.session.commit()
    assert viewer.get(f"/committees/{committee.id}/files/{letter.id}").status_code == 404


def test_an_upload_that_is_not_accepted_is_shown_and_not_saved(app, make_department, make_user, login):
    department = make_department()
    committee = make_committee(department)
    meeting = add_meeting(committee)
    staff = login(make_user("staff", departments=[department]))
    response = staff.post(f"/committees/{committee.id}/meetings/{meeting.id}/files",
                          data={"file": (io.BytesIO(b"<html>" + b"\x00" * 50), "minutes.pdf")},
                          content_type="multipart/form-data", follow_redirects=True)
    assert "«minutes.pdf»: این فایل پذیرفته نیست" in response.get_data(as_text=True)
    assert db.session.scalar(select(Attachment)) is None
