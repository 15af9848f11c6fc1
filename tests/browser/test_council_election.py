"""A board election end to end in a real browser: the secretariat sets it up, members register on
the public page, the candidates are vetted, the final list is published and its ballot PDF
downloaded, the vote is opened, members vote with the one-time code sent by SMS (read from the
outbox, the default gateway), a second vote is refused, the vote is closed, the supervisors sign
off, and the results with the turnout are published on the public page and in the minutes."""
import datetime
import re
import subprocess

import jdatetime
import pytest
from playwright.sync_api import expect

from core.jalali import today
from core.testing import DEFAULT_PASSWORD, pick_person

pytestmark = [pytest.mark.browser, pytest.mark.committing]

TITLE = "انتخابات دوازدهمین دوره هیات رئیسه شورای هماهنگی"
# (first name, last name, member number, national code, mobile): five members of the provincial council.
MEMBERS = [("مریم", "دهقان", "3101", "0012345679", "09131110001"),
           ("علی", "کاظمی", "3102", "0023456781", "09131110002"),
           ("زهرا", "میرجلیلی", "3103", "0034567893", "09131110003"),
           ("حسین", "فلاح", "3104", "0045678905", "09131110004"),
           ("سمیه", "زارع", "3105", "0056789017", "09131110005")]
SUPERVISORS = [("حمید", "ناظری"), ("لیلا", "امینی"), ("رضا", "صادقی")]


def valid_national_code(code):
    digits = code[:9]
    remainder = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
    return digits + str(remainder if remainder < 2 else 11 - remainder)


@pytest.fixture(scope="module")
def live(live_server, browser):
    """The live server with the council's secretariat, its head, five members and three people
    for the supervisory board."""
    from core.auth.passwords import hash_password
    from core.db import db
    from core.models import Department, ModuleState, Organization, Person, User
    from plugins.council.models import Member, Unit

    with live_server.app.app_context():
        department = Department(name="دبیرخانه شورای هماهنگی روابط عمومی‌ها")
        head = User(username="head", full_name="دبیر شورا", role="head", password_hash=hash_password(DEFAULT_PASSWORD))
        head.departments.append(department)
        department.head = head
        db.session.add_all([department, head])
        db.session.flush()
        db.session.add(ModuleState(key="council", department_id=department.id, enabled=True))
        for index, (first, last, number, code, mobile) in enumerate(MEMBERS):
            organization = Organization(name=f"اداره کل شماره {index + 1} استان یزد", type="agency", city="یزد")
            person = Person(first_name=first, last_name=last, national_code=valid_national_code(code), mobile=mobile,
                            organization=organization)
            unit = Unit(organization=organization, body="provincial")
            db.session.add(Member(unit=unit, person=person, role="manager", member_number=number,
                                  start_date=today() - datetime.timedelta(days=400)))
        db.session.add_all(Person(first_name=first, last_name=last, position="عضو هیات نظارت")
                           for first, last in SUPERVISORS)
        db.session.commit()
    return live_server


def jalali(day):
    return jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")


def last_code(live, mobile):
    """The one-time code in the last SMS to ``mobile``, read from the outbox's rows."""
    from sqlalchemy import select

    from core.db import db
    from core.sms.models import SmsBatch, SmsMessage

    with live.app.app_context():
        text = db.session.scalar(select(SmsBatch.text).join(SmsMessage).where(SmsMessage.mobile == mobile)
                                 .order_by(SmsBatch.id.desc()).limit(1))
        db.session.remove()
    return re.search(r"\b([0-9]{6})\b", text).group(1)


def member(number):
    return next(m for m in MEMBERS if m[2] == number)


def vote(browser, live, election_url, number, codes):
    """A member votes from a browser of their own; returns the page after casting."""
    context = browser.new_context(locale="fa-IR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    _first, _last, _number, code, mobile = member(number)
    page.goto(election_url + "/vote")
    if not page.locator("#identify-form").count():  # voting is not open: the page says why
        text = page.locator("main").inner_text()
        context.close()
        return text
    page.fill("#member_number", number.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))
    page.fill("#national_code", valid_national_code(code))
    page.click("#identify-form button[type=submit]")
    if page.locator("#ballot-form").count():
        page.fill("#code", last_code(live, mobile))
        for candidate_code in codes:
            page.locator("#ballot-form tr", has_text=candidate_code).locator("input[type=checkbox]").check()
        page.click("#ballot-form button[type=submit]")
    text = page.locator("main").inner_text()
    context.close()
    return text


def test_an_election_from_registration_to_published_results(page, live, browser, tmp_path):
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live("/login"))
    page.fill("#username", "head")
    page.fill("#password", DEFAULT_PASSWORD)
    page.click("#login-form button[type=submit]")

    # Set up the election: registration today, one clause of the statute.
    day = today()
    page.goto(live("/council/elections/new"))
    page.fill("#term", "۱۲")
    page.fill("#title", TITLE)
    page.fill("#seats", "۲")
    page.fill("#alternates", "۱")
    page.fill("#max_choices", "۲")
    for field in ("registration_start", "registration_end", "vetting_end", "objections_end", "voting_date",
                  "results_date"):
        page.fill(f"#{field}", jalali(day))
    page.fill("#clause_list", "دست‌کم یک سال سابقه عضویت در شورا")
    page.click("#election-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text(TITLE)
    election_url = re.search(r"^(.*/council/elections/[0-9]+)", page.url).group(1)

    # Three members register on the public page (no login), in Persian digits.
    registrar = browser.new_context(locale="fa-IR").new_page()
    for number in ("3101", "3102", "3103"):
        _first, _last, _n, code, _mobile = member(number)
        registrar.goto(election_url + "/register")
        registrar.fill("#member_number", number)
        registrar.fill("#national_code", valid_national_code(code))
        registrar.click("#register-form button[type=submit]")
        expect(registrar.locator("body")).to_contain_text("شماره ثبت‌نام")
    registrar.context.close()

    # Vetting: each clause met, approved.
    for _first, last, *_rest in MEMBERS[:3]:
        page.goto(election_url)
        page.locator("#candidates-table a", has_text=last).click()
        page.locator("#vetting-form input[name^=met_][value='1']").check()
        page.locator("#vetting-form input[name=decision][value=approved]").check()
        page.click("#vetting-form button[type=submit]")
        expect(page.locator("#flashes")).to_contain_text("تصمیم بررسی صلاحیت ثبت شد")

    # Registration, vetting and objections are over: the schedule moves them to yesterday.
    page.goto(election_url + "/edit")
    yesterday = jalali(day - datetime.timedelta(days=1))
    page.fill("#registration_start", jalali(day - datetime.timedelta(days=2)))
    for field in ("registration_end", "vetting_end", "objections_end"):
        page.fill(f"#{field}", yesterday)
    page.click("#election-form button[type=submit]")
    expect(page.locator("h1")).to_contain_text(TITLE)

    # The supervisory board, named before the vote.
    for index, (_first, last) in enumerate(SUPERVISORS):
        pick_person(page, "person", last)
        page.select_option("#role", "chair" if index == 0 else "member")
        page.click("#supervisor-form button[type=submit]")
        expect(page.locator("#supervisors-table")).to_contain_text(last)

    # The final list with codes from 11 (alphabetical: دهقان، کاظمی، میرجلیلی), and its ballot PDF.
    page.locator("#candidates form button", has_text="انتشار فهرست نهایی").click()
    expect(page.locator("#flashes")).to_contain_text("فهرست نهایی با")
    expect(page.locator("#candidates-table")).to_contain_text("۱۱")
    href = page.get_attribute("#ballot-pdf", "href")
    ballot = page.request.get(live(href))
    assert ballot.ok and ballot.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "ballot.pdf"
    pdf.write_bytes(ballot.body())
    ballot_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "میرجلیلی" in ballot_text and "۱۱" in ballot_text

    # Open the vote: the roll of five members is frozen.
    page.click("#voting-open-form button")
    expect(page.locator("#flashes")).to_contain_text("واجدان رای تثبیت شد")
    expect(page.locator("#voting-turnout")).to_contain_text("۵")
    expect(page.locator("#voting-panel")).to_contain_text("رای‌گیری باز است")

    # Four members vote with the code sent by SMS; one casts a blank ballot.
    for number, codes in (("3101", ["۱۱", "۱۲"]), ("3102", ["۱۲"]), ("3104", ["۱۲", "۱۳"]), ("3105", [])):
        assert "رای شما ثبت شد" in vote(browser, live, election_url, number, codes)
    # A second vote is refused.
    assert "رای شما پیش‌تر ثبت شده است" in vote(browser, live, election_url, "3101", ["۱۳"])

    # The live turnout: 4 of 5, 80%.
    page.goto(election_url)
    expect(page.locator("#voting-turnout")).to_contain_text("۸۰٪")

    # Close the vote; a member who comes late is refused.
    page.click("#voting-close-form button")
    expect(page.locator("#flashes")).to_contain_text("رای‌گیری پایان یافت")
    expect(page.locator("#voting-panel")).to_contain_text("رای‌گیری بسته شده است")
    assert "پایان یافته" in vote(browser, live, election_url, "3103", ["۱۱"])

    # Publishing before the supervisors' majority signed off is refused.
    page.locator("#results form button", has_text="انتشار نتایج").click()
    expect(page.locator("#flashes")).to_contain_text("منتشر می‌شود (اکنون")  # the refusal, not the page's hint
    # Two of three supervisors sign off, one with an objection recorded.
    for index in range(2):
        page.goto(election_url)
        page.locator("#supervisors-table a", has_text="ثبت تأیید").nth(index).click()
        page.fill("#signed_on", jalali(day))
        if index == 1:
            page.fill("#objection", "برگه‌های رای باطله بازشماری شود")
        page.click("main form button[type=submit]")
        expect(page.locator("#flashes")).to_contain_text("نظر عضو هیات نظارت ثبت شد")
    expect(page.locator("#supervisors-table")).to_contain_text("بازشماری")

    # Results: کاظمی (12) has 3 votes; دهقان (11) and میرجلیلی (13) one each, the tie broken by the
    # candidate code (equal membership): دهقان takes the second seat, میرجلیلی is the alternate.
    expect(page.locator("#results")).to_contain_text("کاظمی")
    expect(page.locator("#results")).to_contain_text("کد نامزد")
    page.locator("#results form button", has_text="انتشار نتایج").click()
    expect(page.locator("#flashes")).to_contain_text("نتایج منتشر شد")
    public = browser.new_context(locale="fa-IR").new_page()
    public.goto(election_url + "/results")
    results_text = public.locator("main").inner_text()
    assert "کاظمی" in results_text and "۸۰" in results_text
    public.context.close()

    # The minutes: turnout, results, the supervisors and their objection.
    minutes = page.request.get(election_url + "/minutes.pdf")
    assert minutes.ok
    pdf.write_bytes(minutes.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "صورتجلسه" in text and "۸۰" in text and "کاظمی" in text and "بازشماری" in text
