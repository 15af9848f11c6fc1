"""Training certificates: issued for the present members of a held session with its hours,
numbered per Jalali year, listed, printed as PDFs with a QR code, revoked by the head."""
import datetime
import subprocess
from decimal import Decimal

from sqlalchemy import func, select

from core.db import db
from core.jalali import today
from plugins.council.models import Certificate
from plugins.council.views.certificates import next_certificate_numbers

from .conftest import text_of
from .test_trainings import MEHR_10_1404, make_training  # noqa: F401  (the fixture)


def _count():
    return db.session.scalar(select(func.count()).select_from(Certificate))


def _pdf_text(response, tmp_path):
    path = tmp_path / "certificates.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.translate({mark: None for mark in range(0x202a, 0x202f)}).split())  # no bidi marks


def test_present_members_get_one_certificate_each(staff_client, make_training):
    meeting = make_training(present=3, absent=2, hours="2.5")
    response = staff_client.post(f"/council/trainings/{meeting.id}/certificates/issue")
    assert response.status_code == 303
    certificates = db.session.scalars(select(Certificate).order_by(Certificate.number)).all()
    assert sorted(c.member_id for c in certificates) == sorted(m.id for m in meeting.members)
    assert {c.hours for c in certificates} == {Decimal("2.5")}
    year = certificates[0].number.split("/")[0]
    assert [c.number for c in certificates] == [f"{year}/0001", f"{year}/0002", f"{year}/0003"]
    assert len({c.code for c in certificates}) == 3
    page = text_of(staff_client.get(f"/council/trainings/{meeting.id}/certificates"))
    assert "۳ گواهی صادر شد" in page and f"{year}/۰۰۰۳".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in page

    # a second press issues nothing new; a member ticked present later gets the next number
    staff_client.post(f"/council/trainings/{meeting.id}/certificates/issue")
    assert _count() == 3
    late = make_training(present=1, day=MEHR_10_1404)
    staff_client.post(f"/council/trainings/{late.id}/certificates/issue")
    assert db.session.scalar(select(Certificate.number).where(Certificate.meeting_id == late.id)) == f"{year}/0004"


def test_numbers_run_per_jalali_year(app, make_training):
    meeting = make_training(present=1)
    esfand_29_1404 = datetime.date(2026, 3, 20)
    with app.test_request_context():
        assert next_certificate_numbers(esfand_29_1404, 1) == ["1404/0001"]
        db.session.add(Certificate(meeting_id=meeting.id, member_id=meeting.members[0].id, hours=1,
                                   issued_on=esfand_29_1404, number="1404/0041"))
        db.session.flush()
        assert next_certificate_numbers(esfand_29_1404, 2) == ["1404/0042", "1404/0043"]
        assert next_certificate_numbers(esfand_29_1404 + datetime.timedelta(days=1), 1) == ["1405/0001"]


def test_no_certificates_before_the_session_is_held_or_has_hours(staff_client, make_training):
    planned = make_training(status="planned", day=today() + datetime.timedelta(days=9))
    response = staff_client.post(f"/council/trainings/{planned.id}/certificates/issue", follow_redirects=True)
    assert "برگزارشده" in text_of(response)
    bare = make_training(details=False)
    response = staff_client.post(f"/council/trainings/{bare.id}/certificates/issue", follow_redirects=True)
    assert "ساعت دوره را ثبت کنید" in text_of(response)
    empty = make_training(present=0, absent=2)
    response = staff_client.post(f"/council/trainings/{empty.id}/certificates/issue", follow_redirects=True)
    assert "هیچ‌کس در این دوره حاضر ثبت نشده است" in text_of(response)
    assert _count() == 0


def test_the_certificate_pdf_names_the_member_topic_hours_and_issuer(staff_client, make_training, tmp_path):
    meeting = make_training(present=2, hours="4", topic="کارگاه نگارش خبر", instructor="دکتر حمید شکری")
    staff_client.post(f"/council/trainings/{meeting.id}/certificates/issue")
    certificate = db.session.scalars(select(Certificate).order_by(Certificate.number)).first()
    response = staff_client.get(f"/council/certificates/{certificate.id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _pdf_text(response, tmp_path)
    for expected in ("گواهی آموزشی", certificate.member.person.last_name, "کارگاه نگارش خبر", "دکتر حمید شکری",
                     "شورای هماهنگی روابط عمومی", certificate.code):
        assert expected in text, expected
    assert "به مدت ۴" in text.replace("  ", " ")  # the hours

    both = staff_client.get(f"/council/trainings/{meeting.id}/certificates.pdf")
    assert both.status_code == 200
    assert _pdf_text(both, tmp_path).count("گواهی آموزشی") >= 2


def test_the_head_revokes_a_certificate_with_a_reason(head_client, staff_client, make_training, tmp_path):
    meeting = make_training(present=2)
    staff_client.post(f"/council/trainings/{meeting.id}/certificates/issue")
    certificate = db.session.scalars(select(Certificate)).first()
    url = f"/council/certificates/{certificate.id}/revoke"
    assert staff_client.post(url, data={"reason": "غیبت"}).status_code == 403
    response = head_client.post(url, data={"reason": ""})
    assert response.status_code == 422 and "علت ابطال" in text_of(response)
    db.session.expire_all()
    assert certificate.revoked_on is None
    assert head_client.post(url, data={"reason": "حضور ناقص در کارگاه"}).status_code == 303
    db.session.expire_all()
    assert certificate.revoked_on is not None and certificate.revoke_reason == "حضور ناقص در کارگاه"
    text = _pdf_text(head_client.get(f"/council/certificates/{certificate.id}.pdf"), tmp_path)
    assert "باطل شده" in text
    # the public page shows it as not valid; the session's PDF leaves it out
    assert "باطل" in text_of(head_client.get(f"/council/verify/{certificate.code}"))
    assert _pdf_text(head_client.get(f"/council/trainings/{meeting.id}/certificates.pdf"), tmp_path).count(
        "بدین‌وسیله") == 1


def test_the_list_searches_filters_and_exports(staff_client, make_member, make_training):
    sara = make_member(first_name="سارا", last_name="نجفی")
    meeting = make_training(present=[sara, make_member(first_name="رضا", last_name="کاظمی")])
    staff_client.post(f"/council/trainings/{meeting.id}/certificates/issue")
    text = text_of(staff_client.get("/council/certificates/", query_string={"q": "نجفي"}))
    assert "سارا نجفی" in text and "رضا کاظمی" not in text
    number = db.session.scalar(select(Certificate.number).where(Certificate.member_id == sara.id))
    text = text_of(staff_client.get("/council/certificates/", query_string={"q": number.split("/")[1]}))
    assert "سارا نجفی" in text
    assert "گواهی‌ای با این شرایط" in text_of(staff_client.get("/council/certificates/",
                                                                query_string={"status": "revoked"}))
    export = staff_client.get("/council/certificates/", query_string={"format": "xlsx"})
    assert export.status_code == 200 and export.data[:2] == b"PK"


def test_permissions(app, client, login, viewer, make_user, make_department, make_training):
    meeting = make_training(present=1)
    login(viewer)
    assert client.get(f"/council/trainings/{meeting.id}/certificates").status_code == 200
    assert client.get("/council/certificates/").status_code == 200
    assert client.post(f"/council/trainings/{meeting.id}/certificates/issue").status_code == 403
    other = login(make_user("staff", departments=[make_department("واحد خبر")]), test_client=app.test_client())
    assert other.get(f"/council/trainings/{meeting.id}/certificates").status_code == 403
    assert other.post(f"/council/trainings/{meeting.id}/certificates/issue").status_code == 403
    assert app.test_client().get("/council/certificates/").status_code in (302, 303)
    assert _count() == 0
