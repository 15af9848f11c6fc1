"""The minutes (صورتجلسه) of a meeting as a PDF: read back with pdftotext, it names who was
present and who was absent, the agenda, the resolutions and who signs; a failure is a Persian
message, never a stack trace."""
import re
import shutil
import subprocess
from urllib.parse import quote

import pytest

from core.jalali import today
from tests.core.committee_data import (
    DAY,
    add_meeting,
    add_member,
    add_resolution,
    make_committee,
    make_organization,
    make_person,
)


def squash(text):
    """Text without spaces, ZWNJ and bidi marks: pdftotext places them around digit runs freely."""
    return re.sub(r"[\s\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)


def pdf_text(data, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "minutes.pdf"
    path.write_bytes(data)
    return squash(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                                 check=True).stdout)


@pytest.fixture
def meeting_setup(make_department):
    department = make_department(name="واحد خبر و اطلاع‌رسانی")
    committee = make_committee(department)
    organization = make_organization("دانشگاه یزد")
    chair = add_member(committee, make_person("نفیسه", "عسکری", organization), role="chair")
    secretary = add_member(committee, make_person("مریم", "ابراهیمی", organization), role="secretary")
    member = add_member(committee, make_person("مرتضی", "سلطانی"), role="member")
    absent = add_member(committee, make_person("منصوره", "دهقانی"), role="member")
    meeting = add_meeting(committee, day=today() - 3 * DAY, invited=[chair, secretary, member, absent],
                          present=[chair, secretary, member], guests="نماینده صدا و سیمای مرکز یزد",
                          agenda=["بررسی برنامه اطلاع‌رسانی هفته دولت"], title="جمع‌بندی عملکرد")
    meeting.minutes = "جلسه با تلاوت قرآن آغاز شد."
    add_resolution(meeting, text="برگزاری نشست خبری مدیرکل با اصحاب رسانه", due=today() + 20 * DAY,
                   person=member.person)
    add_resolution(meeting, text="ارسال گزارش تصویری طرح‌ها به دبیرخانه", number=2, organization=organization)
    return department, committee, meeting


def test_the_minutes_pdf_lists_attendance_and_resolutions(meeting_setup, make_user, login, tmp_path):
    department, committee, meeting = meeting_setup
    client = login(make_user("staff", departments=[department]))
    response = client.get(f"/committees/{committee.id}/meetings/{meeting.id}/minutes.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert quote("صورتجلسه", safe="") in response.headers["Content-Disposition"]
    text = pdf_text(response.data, tmp_path)

    def where(phrase):
        # pdftotext reads the lam-alef ligature back as «لا» or «ال»: compare without the difference.
        found = text.replace("لا", "ال").find(squash(phrase).replace("لا", "ال"))
        assert found >= 0, phrase
        return found

    for phrase in ("صورتجلسه کارگروه رسانه‌ای اقتصاد مقاومتی", "جمع‌بندی عملکرد", "اعضای حاضر",
                   "نفیسه عسکری", "مریم ابراهیمی", "دانشگاه یزد",
                   "۳ نفر از ۴ عضو دعوت‌شده حاضر بودند", "نماینده صدا و سیمای مرکز یزد",
                   "بررسی برنامه اطلاع‌رسانی هفته دولت", "جلسه با تلاوت قرآن آغاز شد",
                   "برگزاری نشست خبری مدیرکل با اصحاب رسانه", "ارسال گزارش تصویری طرح‌ها به دبیرخانه"):
        where(phrase)
    # Present members come before the absent one; the secretary and the chair sign at the end.
    assert where("مرتضی سلطانی") < where("اعضای غایب") < where("منصوره دهقانی") < where("مصوبات")
    assert text.rindex("دبیر") > where("مصوبات") and text.rindex("رئیس") > where("مصوبات")


def test_a_failed_pdf_shows_a_persian_message(meeting_setup, make_user, login, monkeypatch):
    from core import pdf

    department, committee, meeting = meeting_setup

    def broken(*args, **kwargs):
        raise pdf.PdfError("ساخت سند PDF ممکن نشد.")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    client = login(make_user("viewer"))
    response = client.get(f"/committees/{committee.id}/meetings/{meeting.id}/minutes.pdf", follow_redirects=True)
    assert response.status_code == 200 and "ساخت سند PDF ممکن نشد." in response.get_data(as_text=True)
