"""The search at /search (core.search): Persian normalization on both sides, hits grouped by module
with counts, highlighted safely, bounded queries, permissions and disabled modules honoured
through the ravabet_search hook."""
import datetime
import textwrap

import pytest
from markupsafe import Markup
from sqlalchemy import select

from core.committees.models import Committee, Meeting, Resolution
from core.db import db
from core.models import Organization, Person
from core.reports.models import ReportEdition
from core.search.highlight import highlight
from core.search.query import COUNT_CAP, SearchGroup, SearchQuery, _kept_ids_statement
from core.testing import persian_text

# A plugin answering ravabet_search with fixed hits: one group its own hook guards, one guarded
# only by the group's "permission" (which the core must check itself).
SEARCHY = textwrap.dedent('''
    from flask import Blueprint

    from core.permissions import Permission, permission_required, user_can
    from core.plugins import hookimpl

    bp = Blueprint("searchy", __name__)


    @bp.route("/")
    @permission_required("searchy.view")
    def index():
        return "searchy"


    @hookimpl
    def ravabet_plugin_info():
        return {"key": "searchy", "title": "بایگانی آزمایشی", "icon": "✦", "version": "1"}


    @hookimpl
    def ravabet_blueprints():
        return [bp]


    @hookimpl
    def ravabet_permissions():
        return [Permission("searchy.view", "دیدن بایگانی", ("staff",)),
                Permission("searchy.secret", "دیدن محرمانه", ())]


    @hookimpl
    def ravabet_search(query, user, limit):
        if not user_can(user, "searchy.view"):
            return None
        hits = [{"title": f"نامه شماره {n} درباره کتاب", "url": f"/searchy/{n}"} for n in range(12)]
        return [
            {"key": "letters", "title": "نامه‌ها", "hits": hits, "total": 12, "more_url": "/searchy/?q=x"},
            {"key": "secret", "title": "محرمانه", "permission": "searchy.secret",
             "hits": [{"title": "سند محرمانه کتاب", "url": "/searchy/s"}]},
            {"key": "broken", "title": "خراب", "hits": "not a list"},
            {"key": "half", "title": "ناقص", "total": "many", "hits": [{"title": "بی‌نشانی کتاب"}, 7]},
            "not a group",
        ]
''')


@pytest.fixture(scope="module")
def searchy_app(app, make_app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("search_plugins")
    (folder / "searchy").mkdir()
    (folder / "searchy" / "__init__.py").write_text(SEARCHY, encoding="utf-8")
    return make_app(PLUGIN_PATHS=[str(folder)], PLUGINS_ONLY=["searchy"])


@pytest.fixture
def department(make_department):
    return make_department("واحد ارتباطات")


@pytest.fixture
def data(app, department):
    organization = Organization(name="دانشگاه يزد", type="university", city="يزد")  # Arabic yeh, as typed
    db.session.add(organization)
    db.session.add_all([
        Person(first_name="علی‌اکبر", last_name="کریمی", national_code="0012345679", mobile="09121234567",
               organization=organization, position="مدیر روابط عمومی"),
        Person(first_name="مریم", last_name="کاظمی", position="کارشناس"),
    ])
    committee = Committee(name="کمیته رسانه‌ای استان", department_id=department.id, description="هماهنگی خبری")
    db.session.add(committee)
    db.session.flush()
    meeting = Meeting(committee_id=committee.id, type="general", date=datetime.date(2024, 11, 15),
                      title="جلسه هماهنگی کریمی", place="سالن شهید رجایی")
    db.session.add(meeting)
    db.session.flush()
    db.session.add(Resolution(committee_id=committee.id, meeting_id=meeting.id, number=1,
                              text="گزارش پوشش خبری ۱۴۰۳ به دبیرخانه فرستاده شود"))
    db.session.commit()
    return committee


def _search(client, q, **headers):
    response = client.get("/search", query_string={"q": q}, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("raw, words", [
    ("علي", ("علی",)),                      # Arabic yeh
    ("كاظمي", ("کاظمی",)),                  # Arabic kaf and yeh
    ("۰۹۱۲", ("0912",)),                     # Persian digits
    ("٠٩١٢", ("0912",)),                     # Arabic-Indic digits
    ("علی‌اکبر", ("علیاکبر",)),              # ZWNJ
    ("  علی   علی  کریمی ", ("علی", "کریمی")),  # spaces and repeats
])
def test_query_is_normalized_like_the_stored_text(raw, words):
    assert SearchQuery.parse(raw).words == words


def test_query_is_bounded():
    query = SearchQuery.parse("الف " * 80)
    assert len(query.text) <= 100 and len(query.words) <= 6
    assert not SearchQuery.parse("ی").usable and SearchQuery.parse("یز").usable


@pytest.mark.parametrize("q, expected", [
    ("علي اكبر", "علی‌اکبر کریمی"),   # Arabic letters, the stored name has a ZWNJ
    ("علیاکبر", "علی‌اکبر کریمی"),    # typed without the ZWNJ
    ("۰۰۱۲۳۴۵۶۷۹", "علی‌اکبر کریمی"),  # national code in Persian digits
    ("٠٩١٢١٢٣٤٥٦٧", "علی‌اکبر کریمی"),  # mobile in Arabic-Indic digits
    ("0912 1234567", "علی‌اکبر کریمی"),
    ("دانشگاه یزد", "دانشگاه یزد"),    # stored with Arabic ي, searched with Persian ی
])
def test_core_hits_match_across_letters_digits_and_zwnj(data, make_user, login, q, expected):
    html = _search(login(make_user("staff")), q)
    assert expected in persian_text(html).replace("<mark>", "").replace("</mark>", "") or \
        expected in persian_text(Markup(html).striptags())


def test_hits_are_grouped_by_module_with_titles_counts_and_more_links(data, make_user, login, department):
    client = login(make_user("head", departments=[department]))
    html = _search(client, "کریمی")
    text = persian_text(html)
    # the directory's people, and the committees' meetings, each under its module's title
    assert 'id="search-search-directory"' in html and 'id="search-committees-hooks"' in html
    assert "اشخاص و سازمان‌ها" in text and "کمیته‌ها" in text
    people_group = html.split('id="search-search-directory"')[1].split("</section>")[0]
    assert "اشخاص" in people_group and '<span class="badge">۱</span>' in people_group
    assert "<mark>کریمی</mark>" in html
    meetings = html.split('id="search-committees-hooks"')[1].split("</section>")[0]
    assert "جلسه هماهنگی <mark>کریمی</mark>" in meetings and "۲۵ آبان ۱۴۰۳" in meetings
    # «more» appears only when a group has more than it shows
    for n in range(7):
        db.session.add(Person(first_name="نفر", last_name=f"کریمی {n}"))
    db.session.commit()
    html = _search(client, "کریمی")
    assert "/directory/people/?q=" in html and "همه ۸ نتیجه در اشخاص" in persian_text(html)
    assert persian_text(html).count("کریمی") >= 5


def test_a_search_group_is_built_only_when_its_words_may_match(app, data):
    built = []

    def statement(match):
        built.append(match)
        return select(Person).where(match).order_by(Person.id)

    group = SearchGroup("people", "افراد", (Person.search_text,), statement,
                        hit=lambda person: {"title": person.full_name, "url": f"/p/{person.id}"},
                        more_url=lambda: "/people")
    with app.test_request_context():
        found = group.run(SearchQuery.parse("كريمي"), 5)
        absent = group.run(SearchQuery.parse("ناموجود"), 5)
    assert found["hits"][0]["title"] == "علی‌اکبر کریمی" and found["more_url"] == "/people"
    assert absent is None
    # The text index knows that no one holds the word: no statement at all (PostgreSQL asks it).
    assert len(built) == (1 if db.engine.dialect.name == "sqlite" else 2)


def test_a_group_by_id_may_read_its_hits_columns_only(app, data):
    for n in range(4):
        db.session.add(Person(first_name="نفر", last_name=f"کریمی {n}"))
    db.session.commit()

    def group(reads):
        return SearchGroup("people", "افراد", (Person.search_text,),
                           lambda match: select(Person).where(match).order_by(Person.last_name.desc(), Person.id),
                           hit=lambda person: {"title": person.last_name, "url": f"/p/{person.id}"},
                           by_id=True, reads=reads)

    with app.test_request_context():
        whole = group(()).run(SearchQuery.parse("کریمی"), 3)
        read = group((Person.id, Person.last_name)).run(SearchQuery.parse("کریمی"), 3)
    assert read == whole and len(read["hits"]) == 3 and read["total"] == whole["total"] > 3
    assert [hit["title"] for hit in read["hits"]] == ["کریمی 3", "کریمی 2", "کریمی 1"]


def _people_searched(match):
    return select(Person).where(match).order_by(Person.id.desc())


def test_a_kept_group_reuses_its_statement_and_reads_its_rows_afresh(app, data):
    """A ``kept`` group's statement of ids is kept per match condition (the same for the same
    words); the rows are read at every search."""
    group = SearchGroup("people", "افراد", (Person.search_text,), _people_searched,
                        hit=lambda person: {"title": person.last_name, "url": f"/p/{person.id}"},
                        by_id=True, kept=True, reads=(Person.id, Person.last_name))
    db.session.add(Person(first_name="نفر", last_name="قاسملو یکم"))
    db.session.commit()
    with app.test_request_context():
        first = group.run(SearchQuery.parse("قاسملو"), 5)
        db.session.add(Person(first_name="نفر", last_name="قاسملو دوم"))
        db.session.commit()
        second = group.run(SearchQuery.parse("قاسملو"), 5)
    assert [hit["title"] for hit in first["hits"]] == ["قاسملو یکم"] and first["total"] == 1
    assert [hit["title"] for hit in second["hits"]] == ["قاسملو دوم", "قاسملو یکم"] and second["total"] == 2
    match = SearchQuery.parse("قاسملو").match(Person.search_text)
    assert match is SearchQuery.parse("قاسملو").match(Person.search_text)
    assert _kept_ids_statement(_people_searched, match) is _kept_ids_statement(_people_searched, match)


def test_resolution_text_and_digits_are_marked(data, make_user, login, department):
    html = _search(login(make_user("staff", departments=[department])), "1403 دبیرخانه")
    assert "<mark>۱۴۰۳</mark>" in html and "<mark>دبیرخانه</mark>" in html


def test_highlight_escapes_before_marking():
    html = highlight('<script>alert("علي")</script> علی', ("علی",))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<mark>") == 2  # the Arabic spelling inside the text is marked too
    assert str(highlight("کد 0012", ("12",))) == "کد ۰۰<mark>۱۲</mark>"
    # The digits are the text's, not those of the entities escaping writes.
    assert str(highlight("'12' \"و\" <12>", ("12",))) == "&#39;<mark>۱۲</mark>&#39; &#34;و&#34; &lt;<mark>۱۲</mark>&gt;"
    long = "آغاز " * 60 + "هدف " + "پایان " * 60
    cut = highlight(long, ("هدف",), 80)
    assert cut.startswith("…") and cut.endswith("…") and "<mark>هدف</mark>" in cut and len(cut) < 120


def test_users_are_found_by_admins_only(data, make_user, login, client):
    make_user("staff", username="karimi_user", full_name="کاربر کریمی")
    staff = login(make_user("staff"))
    assert "karimi_user" not in _search(staff, "کریمی")
    client.post("/logout")
    html = _search(login(make_user("admin")), "کریمی")
    assert "karimi_user" in html and "/admin/users/" in html


def test_committees_of_other_departments_are_not_found(data, make_user, login, make_department):
    other = make_department("واحد دیگر")
    html = _search(login(make_user("staff", departments=[other])), "کمیته رسانه‌ای")
    assert f"/committees/{data.id}/" not in html and 'id="search-committees-hooks"' not in html
    assert "چیزی یافت نشد" in persian_text(html)


def test_viewer_without_directory_permission_gets_no_directory_hits(data, make_user, login, app):
    from core.models import RolePermission

    db.session.add(RolePermission(role="viewer", permission="directory.view", granted=False))
    db.session.commit()
    html = _search(login(make_user("viewer")), "کریمی")
    assert 'id="search-search-directory"' not in html and 'id="search-committees-hooks"' in html


def test_report_editions_are_found(app, make_user, login):
    db.session.add(ReportEdition(title="گزارش ویژه هفته دولت", period_kind="month",
                                 period_start=datetime.date(2024, 8, 22), period_end=datetime.date(2024, 9, 21),
                                 period_label="شهریور ۱۴۰۳"))
    db.session.commit()
    html = _search(login(make_user("viewer")), "هفته دولت")
    assert "گزارش ویژه <mark>هفته</mark> <mark>دولت</mark>" in html


def test_nothing_found_and_short_queries_say_so(data, make_user, login):
    client = login(make_user("staff"))
    assert "چیزی یافت نشد" in persian_text(_search(client, "ناموجودترین"))
    assert "دست‌کم دو حرف" in persian_text(_search(client, "ک"))


def test_htmx_gets_only_the_results(data, make_user, login):
    html = _search(login(make_user("staff")), "کریمی", **{"HX-Request": "true", "HX-Target": "search-results"})
    assert "<mark>کریمی</mark>" in html and "<html" not in html and 'id="search-q"' not in html


def test_every_page_has_the_search_box(make_user, login):
    html = login(make_user("staff")).get("/directory/people/").get_data(as_text=True)
    assert 'action="/search"' in html and 'name="q"' in html and 'role="search"' in html


def test_search_needs_login(client):
    assert client.get("/search?q=کریمی").status_code in (302, 303)


def test_ravabet_search_of_an_enabled_module_is_shown_and_bounded(searchy_app, make_user, make_department,
                                                                   login, enable_module):
    department = make_department()
    enable_module("searchy", department)
    client = searchy_app.test_client()
    login(make_user("staff", departments=[department]), test_client=client)
    html = _search(client, "کتاب")
    assert "بایگانی آزمایشی" in html and "نامه‌ها" in html
    assert html.count('href="/searchy/') == 5 + 1  # cut to the limit, plus «more»
    assert "همه ۱۲ نتیجه در نامه‌ها" in persian_text(html)
    assert "سند محرمانه" not in html  # the group's permission is checked by the core
    assert "خراب" not in html and "ناقص" not in html  # malformed groups and hits are left out


def test_a_disabled_module_leaves_the_search(searchy_app, make_user, make_department, login, enable_module):
    department = make_department()
    enable_module("searchy", department, enabled=False)
    client = searchy_app.test_client()
    login(make_user("staff", departments=[department]), test_client=client)
    assert "بایگانی آزمایشی" not in _search(client, "کتاب")


def test_a_user_who_may_not_see_the_module_gets_no_hits(searchy_app, make_user, make_department, login,
                                                         enable_module):
    department, other = make_department(), make_department()
    enable_module("searchy", department)
    client = searchy_app.test_client()
    login(make_user("staff", departments=[other]), test_client=client)
    assert "بایگانی آزمایشی" not in _search(client, "کتاب")


def test_queries_per_search_do_not_grow_with_rows(data, make_user, login, count_queries):
    client = login(make_user("admin"))
    _search(client, "کریمی")
    with count_queries() as before:
        _search(client, "کریمی")
    db.session.add_all(Person(first_name="علی", last_name=f"کریمی {n}") for n in range(COUNT_CAP + 30))
    db.session.commit()
    with count_queries() as after:
        html = _search(client, "کریمی")
    assert len(after) <= len(before) + 2  # at most the capped counts the bigger groups now need
    assert "بیش از ۱۰۰" in persian_text(html)
    assert all(" LIMIT " in s.upper() or "count(" in s.lower() for s in after if "people" in s and "search_text" in s)
