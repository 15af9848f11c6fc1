"""core.forms.people: the person picker (search box + chosen people) and its search endpoint."""
from types import SimpleNamespace

import pytest
from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired

from core.db import db
from core.forms.people import (
    MATCH_LIMIT,
    OrganizationField,
    OrganizationsField,
    PeopleField,
    PersonField,
)
from core.models import Organization, Person
from core.permissions import authenticated
from core.testing import persian_text


class MeetingForm(FlaskForm):
    official = PersonField("مقام", validators=[DataRequired("مقام را انتخاب کنید.")])
    guests = PeopleField("مهمانان")
    outlet = OrganizationField("رسانه", types=("press",))
    outlets = OrganizationsField("رسانه‌ها")


PAGE = "{{ ui.field(form.official) }}{{ ui.field(form.guests) }}{{ ui.field(form.outlet) }}"


@pytest.fixture
def people(app):
    press = Organization(name="خبرگزاری ایرنا", type="press")
    agency = Organization(name="استانداری", type="agency")
    rows = {
        "karimi_ali": Person(first_name="علی", last_name="کریمی", position="معاون سیاسی", organization=agency),
        "karimi_zahra": Person(first_name="زهرا", last_name="کریمی", position="خبرنگار", organization=press),
        "rezaei": Person(first_name="حسن", last_name="رضایی", position="استاندار", organization=agency),
        "zare": Person(first_name="مریم", last_name="زارع"),
    }
    db.session.add_all([press, agency, *rows.values()])
    db.session.flush()
    return SimpleNamespace(press=press, agency=agency, **rows)


@pytest.fixture
def post(app):
    """Build MeetingForm from posted fields in a request of its own, validated."""
    contexts = []

    def post(**fields):
        ctx = app.test_request_context(method="POST", data=fields)
        ctx.push()
        contexts.append(ctx)
        form = MeetingForm()
        form.validate()
        return form

    yield post
    for ctx in reversed(contexts):
        ctx.pop()


FORM_PAGE = """{% extends "base.html" %}{% block content %}
<form method="post" novalidate hx-post="/picker-test" hx-target="this" hx-swap="outerHTML">
  {{ form.csrf_token }}{{ ui.form_errors(form) }}{{ ui.field(form.official) }}{{ ui.field(form.guests) }}
  <button type="submit">ذخیره</button>
</form>
{% endblock %}"""


def add_meeting_page(flask_app):
    """/picker-test: MeetingForm on a page, answering 422 with errors and the chosen names when valid."""

    @authenticated
    def meeting_page():
        form = MeetingForm()
        if form.validate_on_submit():
            names = [form.official.data.full_name] + [person.full_name for person in form.guests.data]
            return "saved: " + " / ".join(names)
        return render_template_string(FORM_PAGE, form=form), 422 if form.errors else 200

    flask_app.add_url_rule("/picker-test", "picker_test", meeting_page, methods=["GET", "POST"])


@pytest.fixture(scope="module")
def form_app(app, make_app):
    test_app = make_app(PLUGINS_ONLY=["sample"])
    add_meeting_page(test_app)
    return test_app


def rendered(form):
    return render_template_string(PAGE, form=form)


def test_the_page_lists_only_the_chosen_people_and_a_search_box(app, people):
    form = MeetingForm(obj=SimpleNamespace(official=people.rezaei, guests=[people.karimi_zahra],
                                           outlet=None, outlets=[]))
    html = rendered(form)
    assert f'type="radio" name="official" value="{people.rezaei.id}" checked' in html
    assert f'type="checkbox" name="guests" value="{people.karimi_zahra.id}" checked' in html
    assert 'type="search" name="guests__q"' in html and 'id="guests"' in html  # the label's target
    text = persian_text(html)
    assert "زهرا کریمی — خبرنگار، خبرگزاری ایرنا" in text
    assert "علی کریمی" not in text and "مریم زارع" not in text  # no one else is listed
    # Organizations stay a select (of the press only, for the outlet).
    assert "خبرگزاری ایرنا</option>" in html and "استانداری</option>" not in html


def test_organizations_given_by_the_record_stay_rows_and_are_selected(app, people):
    form = MeetingForm(obj=SimpleNamespace(official=None, guests=[], outlet=people.press, outlets=[people.agency]))
    assert form.outlet.data == people.press and form.outlets.data == [people.agency]
    assert f'<option selected value="{people.press.id}">' in str(form.outlet())
    assert f'<option selected value="{people.agency.id}">' in str(form.outlets())


def test_ticked_ids_become_rows_and_fill_the_relationships(app, people):
    with app.test_request_context(method="POST", data={
            "official": str(people.rezaei.id), "guests": [str(people.zare.id), str(people.karimi_ali.id)],
            "outlet": str(people.press.id)}):
        form = MeetingForm()
        assert form.validate(), form.errors
    meeting = SimpleNamespace(official=None, guests=[], outlet=None, outlets=[])
    form.populate_obj(meeting)
    assert meeting.official == people.rezaei
    assert meeting.guests == [people.zare, people.karimi_ali]
    assert meeting.outlet == people.press and meeting.outlets == []


def test_an_unknown_id_keeps_the_valid_choices_and_says_so(post, people):
    form = post(official=str(people.rezaei.id), guests=[str(people.zare.id), "999999"],
                outlets=[str(people.press.id), "999999"])
    assert form.guests.errors == ["این شخص در فهرست اشخاص نیست."]
    assert form.guests.data == [people.zare]
    assert form.outlets.data == [people.press]
    assert form.outlets.errors == ["این سازمان در فهرست سازمان‌ها نیست."]
    assert f'name="guests" value="{people.zare.id}" checked' in rendered(form)


def test_a_trashed_person_is_refused(post, people, make_user):
    people.zare.soft_delete(make_user("staff"))
    db.session.flush()
    form = post(official=str(people.zare.id))
    assert form.official.errors == ["این شخص در فهرست اشخاص نیست."]
    assert form.official.data is None


def test_text_naming_exactly_one_person_chooses_them(post, people):
    form = post(official=str(people.rezaei.id), guests=str(people.zare.id), guests__q="زهرا كريمي")
    assert not form.errors
    assert form.guests.data == [people.zare, people.karimi_zahra]
    assert 'name="guests__q" value=""' in rendered(form)  # the text became a ticked person


def test_text_naming_one_person_replaces_the_single_choice(post, people):
    form = post(official=str(people.zare.id), official__q="استاندار")
    assert not form.errors
    assert form.official.data == people.rezaei


def test_text_naming_several_people_offers_them_and_keeps_everything(post, people):
    form = post(official=str(people.rezaei.id), guests=str(people.zare.id), guests__q="کریمی")
    assert form.guests.errors == ["۲ نفر با «کریمی» مطابقت دارند: فرد موردنظر را علامت بزنید."]
    assert form.guests.data == [people.zare]
    html = rendered(form)
    assert 'name="guests__q" value="کریمی"' in html
    assert f'name="guests" value="{people.zare.id}" checked' in html
    for person in (people.karimi_ali, people.karimi_zahra):
        assert f'name="guests" value="{person.id}">' in html  # offered, not ticked
    assert "علی کریمی — معاون سیاسی، استانداری" in persian_text(html)


def test_ticking_one_of_the_offered_matches_takes_it_and_not_the_text(post, people):
    form = post(official=str(people.rezaei.id), guests=str(people.karimi_ali.id), guests__q="کریمی")
    assert not form.errors
    assert form.guests.data == [people.karimi_ali]


def test_text_whose_matches_were_shown_is_a_search_not_a_choice(post, people):
    """With htmx the matches were on the page: the unticked ones are not wanted, and stay offered."""
    form = post(official=str(people.rezaei.id), guests=str(people.karimi_ali.id), guests__q="کریمی",
                guests__shown="كريمي")
    assert not form.errors
    assert form.guests.data == [people.karimi_ali]
    html = rendered(form)
    assert f'name="guests" value="{people.karimi_zahra.id}">' in html
    assert 'name="guests__shown" value="کریمی"' in html
    form = post(official=str(people.rezaei.id), guests__q="استاندار", guests__shown="کریمی")
    assert form.guests.data == [people.rezaei]  # other text than what was shown: resolved


def test_text_naming_no_one_is_an_error_even_on_a_required_field(post, people):
    form = post(official__q="ناشناس")
    assert form.official.errors == ["هیچ‌کس در فهرست اشخاص با «ناشناس» مطابقت ندارد."]
    form = post()
    assert form.official.errors == ["مقام را انتخاب کنید."]


def test_at_most_twenty_matches_are_offered(post, people):
    db.session.add_all([Person(first_name=f"نفر {n}", last_name="صادقی") for n in range(MATCH_LIMIT + 3)])
    db.session.flush()
    form = post(official=str(people.rezaei.id), guests__q="صادقی")
    assert form.guests.errors == ["بیش از ۲۰ نفر با «صادقی» مطابقت دارند: فرد موردنظر را علامت بزنید یا "
                                  "بخش بیشتری از نام را بنویسید."]
    assert len(form.guests.matches) == MATCH_LIMIT


def test_the_form_page_answers_422_then_saves_the_ticked_match(form_app, login, make_user, people):
    client = login(make_user("staff"), test_client=form_app.test_client())
    page = client.get("/picker-test")
    assert page.status_code == 200 and 'name="guests__q"' in page.get_data(as_text=True)
    response = client.post("/picker-test", data={"official": str(people.rezaei.id), "guests__q": "کریمی"})
    assert response.status_code == 422
    text = persian_text(response.get_data(as_text=True))
    assert "۲ نفر با «کریمی» مطابقت دارند" in text and "زهرا کریمی — خبرنگار" in text
    response = client.post("/picker-test", data={"official": str(people.rezaei.id), "guests__q": "کریمی",
                                                 "guests": str(people.karimi_zahra.id)})
    assert response.get_data(as_text=True) == "saved: حسن رضایی / زهرا کریمی"


def pick(client, **args):
    return client.get("/directory/people/pick", query_string=args, headers={"HX-Request": "true"})


def test_the_search_shows_the_ticked_people_then_the_matches(client, login, make_user, people):
    login(make_user("viewer"))
    response = pick(client, _field="guests", _multiple="1", guests=[str(people.karimi_ali.id), "999999"],
                    guests__q="کريمي")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count(f'value="{people.karimi_ali.id}"') == 1  # ticked, and not offered again
    assert f'type="checkbox" name="guests" value="{people.karimi_ali.id}" checked' in html
    assert f'type="checkbox" name="guests" value="{people.karimi_zahra.id}">' in html
    assert "رضایی" not in html and "<html" not in html


def test_the_single_search_offers_radio_buttons_and_no_one(client, login, make_user, people):
    login(make_user("staff"))
    html = pick(client, _field="official", official__q="رضایی").get_data(as_text=True)
    assert f'type="radio" name="official" value="{people.rezaei.id}">' in html
    assert 'type="radio" name="official" value="" checked' in html
    text = persian_text(pick(client, _field="official", official__q="ناشناس").get_data(as_text=True))
    assert "هیچ‌کس در فهرست اشخاص با «ناشناس» مطابقت ندارد." in text


def test_the_search_is_capped_and_counted_in_sql(client, login, make_user, people, count_queries):
    db.session.add_all([Person(first_name=f"نفر {n}", last_name="صادقی") for n in range(MATCH_LIMIT + 3)])
    db.session.flush()
    login(make_user("staff"))
    with count_queries() as statements:
        html = pick(client, _field="guests", _multiple="1", guests__q="صادقی").get_data(as_text=True)
    assert html.count('name="guests"') == MATCH_LIMIT
    assert "فقط ۲۰ نتیجهٔ نخست نشان داده شده است" in persian_text(html)
    assert len([s for s in statements if "FROM people" in s]) == 1


def test_the_search_needs_a_login(client):
    response = client.get("/directory/people/pick?_field=guests&guests__q=x")
    assert response.status_code in (302, 401)
