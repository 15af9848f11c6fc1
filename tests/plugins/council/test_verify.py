"""The public verification page: open to anyone, by the QR code (the holder's name and the dates)
or by a typed number (valid or not and the dates, never the name); revoked and expired cards show
as not valid; a number that does not exist gets a Persian message (422) and nothing more."""
import datetime

from flask import url_for

from core.committees.models import Meeting
from core.db import db
from core.jalali import today
from core.pdf import qr_data_uri
from plugins.council.bodies import body_committee
from plugins.council.models import Card, Certificate
from plugins.council.views.cards import card_face

from .conftest import text_of


def add_card(member, number="1405-0001", **fields):
    fields.setdefault("issued_on", today() - datetime.timedelta(days=10))
    fields.setdefault("valid_until", today() + datetime.timedelta(days=700))
    card = Card(member_id=member.id, number=number, **fields)
    db.session.add(card)
    db.session.commit()
    return card


def test_the_qr_code_opens_the_card_for_anyone(client, make_member):
    member = make_member(first_name="الهام", last_name="دشتی", mobile="09131112233")
    card = add_card(member)
    response = client.get(f"/council/verify/{card.code}")
    assert response.status_code == 200
    text = text_of(response)
    assert "کارت عضویت" in text and "معتبر" in text and "الهام دشتی" in text and "۱۴۰۵-۰۰۰۱" in text
    # nothing else about the holder: no mobile, unit or member number, and no internal navigation
    assert "۰۹۱۳۱۱۱۲۲۳۳" not in text and "09131112233" not in text and "دستگاه آزمایشی" not in text
    assert "شناسنامه روابط عمومی‌ها" not in text and "خروج" not in text
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert client.get(f"/council/verify/{card.code.lower()}").status_code == 200


def test_revoked_and_expired_cards_are_not_valid(client, make_member):
    revoked = add_card(make_member(), revoked_on=today(), revoke_reason="گم شدن")
    expired = add_card(make_member(), number="1402-0001", issued_on=datetime.date(2023, 1, 1),
                       valid_until=datetime.date(2025, 1, 1))
    text = text_of(client.get(f"/council/verify/{revoked.code}"))
    assert "نامعتبر" in text and "باطل‌شده" in text and "گم شدن" not in text
    text = text_of(client.get(f"/council/verify/{expired.code}"))
    assert "نامعتبر" in text and "منقضی" in text


def test_a_typed_number_shows_validity_but_not_the_name(client, make_member):
    add_card(make_member(first_name="الهام", last_name="دشتی"))
    response = client.get("/council/verify/?number=۱۴۰۵-۰۰۰۱")
    text = text_of(response)
    assert response.status_code == 200 and "معتبر" in text and "۱۴۰۵-۰۰۰۱" in text
    assert "الهام" not in text and "دشتی" not in text


def test_a_typed_code_shows_the_card(client, make_member):
    card = add_card(make_member(first_name="الهام", last_name="دشتی"))
    response = client.get(f"/council/verify/?number={card.code.lower()}")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/council/verify/{card.code}")


def test_an_unknown_number_or_code(client, make_member):
    add_card(make_member())
    response = client.get("/council/verify/?number=1405-9999")
    assert response.status_code == 422
    assert "کارت یا گواهی با این شماره پیدا نشد" in text_of(response)
    empty = client.get("/council/verify/?number=")
    assert empty.status_code == 422 and "شماره چاپ‌شده روی کارت یا گواهی را وارد کنید" in text_of(empty)
    unknown = client.get("/council/verify/ABCDEFGHJK")
    assert unknown.status_code == 404 and "کارت یا گواهی با این کد پیدا نشد" in text_of(unknown)
    assert client.get("/council/verify/").status_code == 200


def test_a_training_certificate(client, make_member):
    member = make_member(first_name="نرگس", last_name="کمالی")
    committee = body_committee("provincial")
    meeting = Meeting(committee_id=committee.id, type="training", title="نگارش خبر", date=today(), status="held")
    db.session.add(meeting)
    db.session.flush()
    certificate = Certificate(meeting_id=meeting.id, member_id=member.id, hours=4, number="T-1405-0001",
                              issued_on=today())
    db.session.add(certificate)
    db.session.commit()
    text = text_of(client.get(f"/council/verify/{certificate.code}"))
    assert "گواهی آموزشی" in text and "نرگس کمالی" in text and "معتبر" in text
    text = text_of(client.get("/council/verify/?number=t-1405-0001"))
    assert "گواهی آموزشی" in text and "نرگس" not in text


def test_the_card_qr_points_at_the_absolute_verification_url(app, make_member):
    card = add_card(make_member())
    with app.test_request_context():
        url = url_for("council.verify_code", code=card.code, _external=True)
        assert url.startswith("http") and url.endswith(f"/council/verify/{card.code}")
        assert card_face(card)["qr"] == qr_data_uri(url)
