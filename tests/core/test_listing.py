"""core.listing: stable pages when sort values tie, the capped count of very long lists, the
shared filters, the distinct values of a filter's choices, the sums a count adds up and the related
names of a page's rows."""
from sqlalchemy import Integer, cast, event, func, select
from sqlalchemy.orm import selectinload

from core.db import db
from core.exporting import fetch
from core.listing import ListQuery, code_filter, date_range, distinct_values, grouped_rows, id_filter
from core.models import Organization, Person


def _organizations(count, name="فرمانداری"):
    db.session.add_all(Organization(name=name, type="county", city=str(i)) for i in range(count))
    db.session.commit()


def test_pages_of_tied_rows_neither_repeat_nor_skip(app):
    _organizations(7)
    listing = ListQuery(select(Organization), sorts={"name": Organization.name}, default_sort="name")
    seen = []
    for number in ("1", "2", "3"):
        seen += [o.id for o in listing.page(db.session, {"page": number}, per_page=3).items]
    assert len(seen) == 7 and len(set(seen)) == 7


def test_a_list_of_columns_gives_plain_rows_for_its_pages_and_its_export(app):
    _organizations(3)
    db.session.scalars(select(Organization)).first().soft_delete(None)
    db.session.commit()
    listing = ListQuery(select(Organization.id, Organization.city), sorts={"city": Organization.city},
                        default_sort="-city")
    page = listing.page(db.session, {}, per_page=10)
    assert page.total == 2 and [row.city for row in page.items] == ["2", "1"]
    assert not isinstance(page.items[0], Organization)
    with app.test_request_context("/"):
        rows, total = fetch(listing, {})
    assert total == 2 and [tuple(row) for row in rows] == [tuple(row) for row in page.items]

def test_long_lists_stop_counting_at_the_cap(app):
    _organizations(5)
    capped = ListQuery(select(Organization), max_count=3).page(db.session, {}, per_page=2)
    assert capped.capped and capped.total == 3 and capped.pages == 2
    exact = ListQuery(select(Organization), max_count=10).page(db.session, {}, per_page=2)
    assert not exact.capped and exact.total == 5



def test_a_count_reads_the_primary_key_alone(app):
    _organizations(3)
    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    page = ListQuery(select(Organization), max_count=10).page(db.session, {}, per_page=2)
    assert page.total == 3
    count = next(statement for statement in statements if "count(" in statement)
    assert "organizations.name" not in count and "organizations.id" in count


def test_sums_are_added_up_by_the_count_over_the_rows_it_counts(app, count_queries):
    _organizations(2, name="فرمانداری میبد")
    _organizations(1, name="استانداری یزد")
    listing = ListQuery(select(Organization), search_column=Organization.search_text)
    cities = {"cities": cast(Organization.city, Integer)}  # 0 and 1 for Meybod, 0 for Yazd
    listing.page(db.session, {"q": "میبد"})  # which tables have a text index: asked once
    with count_queries() as statements:
        page = listing.page(db.session, {"q": "میبد"}, per_page=1, sums=cities)
    assert page.total == 2 and page.sums == {"cities": 1} and len(statements) == 2  # the count, the page
    assert listing.page(db.session, {"q": "اردکان"}, sums=cities).sums == {"cities": 0}
    assert listing.page(db.session, {}).sums == {}


def test_a_count_filter_shapes_the_count_alone(app, count_queries):
    _organizations(2, name="فرمانداری میبد")
    _organizations(1, name="استانداری یزد")
    listing = ListQuery(select(Organization), filters={"name": lambda statement, value: statement.where(
        Organization.name == value)}, count_filters={"name": lambda statement, value: statement.where(
            Organization.id.in_(select(Organization.id).where(Organization.name == value)))})
    with count_queries() as statements:
        page = listing.page(db.session, {"name": "فرمانداری میبد"}, per_page=1)
    assert page.total == 2 and len(page.items) == 1 and page.items[0].name == "فرمانداری میبد"
    count, rows = statements
    assert " IN (" in count and " IN (" not in rows
    assert listing.page(db.session, {}).total == 3


def test_a_list_with_options_loads_more_and_leaves_the_list_alone(app):
    organization = Organization(name="فرمانداری میبد", type="county")
    db.session.add(Person(first_name="زهرا", last_name="کریمی", organization=organization))
    db.session.commit()
    listing = ListQuery(select(Person), sorts={"name": Person.last_name}, default_sort="name")
    exported = listing.with_options(selectinload(Person.organization))
    assert (exported.sorts, exported.default_sort) == (listing.sorts, listing.default_sort)
    db.session.expire_all()
    person = exported.page(db.session, {}).items[0]
    assert "organization" in person.__dict__ and person.organization.name == "فرمانداری میبد"
    db.session.expire_all()
    assert "organization" not in listing.page(db.session, {}).items[0].__dict__


def test_a_list_unfiltered_is_read_by_statements_built_once_that_skip_the_trash(app, count_queries):
    """Neither searched nor filtered, a list's count and page statements are built once and reused
    (their bounds bound at each run); a row trashed since is left out, and a filtered page gives the
    rows of its own statements."""
    _organizations(5)
    for listing in (ListQuery(select(Organization), filters={"city": lambda s, v: s.where(Organization.city == v)},
                              sorts={"city": Organization.city}, default_sort="-city"),
                    ListQuery(select(Organization.id, Organization.city), sorts={"city": Organization.city},
                              filters={"city": lambda s, v: s.where(Organization.city == v)}, default_sort="-city")):
        first = listing.page(db.session, {}, per_page=2)
        built = dict(listing._built)
        unfiltered = (None, ())  # no search, no filter
        assert set(built) == {("count", unfiltered, ()), ("page", unfiltered, "-city", False, False)}
        assert [row.city for row in first.items] == ["4", "3"] and first.total == 5
        db.session.scalars(select(Organization).where(Organization.city == "4")).one().soft_delete(None)
        db.session.commit()
        with count_queries() as statements:
            second = listing.page(db.session, {"page": "2"}, per_page=2)
        assert len(statements) == 2 and listing._built == built
        assert second.total == 4 and [row.city for row in second.items] == ["1", "0"]
        assert [row.city for row in listing.page(db.session, {"city": "3"}).items] == ["3"]
        assert listing._built == built
        db.session.scalars(select(Organization).where(Organization.city == "4")
                           .execution_options(include_deleted=True)).one().restore()
        db.session.commit()
        assert listing.with_options()._built == {}


def test_a_filtered_list_is_read_by_statements_built_once_per_shape_its_values_bound(app, count_queries):
    """Searched and filtered by BoundFilters, a list's count and page statements are built once
    per shape (which filters are present, how many words…) and reused with other values bound; a
    row trashed since is left out, a value that matches nothing (not an id) gives no row, a
    mistyped date is left out, and a plain function among the filters present builds per request."""
    _organizations(3, name="فرمانداری میبد")
    _organizations(2, name="استانداری یزد")
    db.session.add(Organization(name="شهرداری میبد", type="municipality", city="9"))
    db.session.commit()
    ids = {o.city: o.id for o in db.session.scalars(select(Organization).where(Organization.name == "فرمانداری میبد"))}
    listing = ListQuery(select(Organization.id, Organization.city), search_column=Organization.search_text,
                        filters={"type": code_filter(Organization.type, ("county", "municipality")),
                                 "id": id_filter(Organization.id), **date_range(func.date(Organization.created_at)),
                                 "city": lambda s, v: s.where(Organization.city == v)},
                        sorts={"city": Organization.city}, default_sort="city")

    def cities(args):
        page = listing.page(db.session, args, per_page=2)
        return page.total, [row.city for row in page.items]

    assert cities({"q": "میبد", "type": "county"}) == (3, ["0", "1"])
    built = dict(listing._built)
    assert len(built) == 2  # the count and the page of that shape
    with count_queries() as statements:
        assert cities({"q": "یزد", "type": "county", "page": "2"}) == (2, ["0", "1"])
        assert cities({"q": "میبد", "type": "municipality"}) == (1, ["9"])
    assert len(statements) == 4 and listing._built == built
    db.session.scalars(select(Organization).where(Organization.id == ids["1"])).one().soft_delete(None)
    db.session.commit()
    assert cities({"q": "میبد", "type": "county"}) == (2, ["0", "2"]) and listing._built == built
    assert cities({"id": str(ids["2"])}) == (1, ["2"])
    assert cities({"id": "۰" + str(ids["2"]).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))}) == (1, ["2"])
    assert cities({"id": str(ids["1"])}) == (0, [])  # in the trash
    assert cities({"id": "x"}) == (0, []) and cities({"type": "bogus"}) == (0, [])
    shapes = len(listing._built)
    assert cities({"q": "میبد", "type": "county", "end": "1403/13/45"}) == (2, ["0", "2"])  # a mistyped date
    assert len(listing._built) == shapes
    assert cities({"q": "میبد", "type": "county", "end": "1300/01/01"}) == (0, [])
    assert cities({"q": "میبد", "type": "county", "start": "1300/01/01"}) == (2, ["0", "2"])
    assert len(listing._built) == shapes + 4
    assert cities({"city": "2", "type": "county"}) == (1, ["2"]) and len(listing._built) == shapes + 4


def test_distinct_values_hop_from_one_value_to_the_next(app):
    tehran, tabriz = (Organization(name=name, type="county") for name in ("فرمانداری تهران", "فرمانداری تبریز"))
    db.session.add_all([tehran, tabriz])
    db.session.flush()
    db.session.add_all([Person(first_name="علی", last_name=f"رضایی {i}", organization=tehran) for i in range(3)]
                       + [Person(first_name="مریم", last_name="احمدی", organization=tabriz),
                          Person(first_name="سارا", last_name="کریمی")])
    db.session.commit()
    found = db.session.scalars(distinct_values(Person.organization_id)).all()
    assert sorted(found) == sorted([tehran.id, tabriz.id])  # each once, no NULL
    people = select(Organization.name).where(Organization.id.in_(distinct_values(Person.organization_id)))
    assert sorted(db.session.scalars(people)) == sorted(["فرمانداری تهران", "فرمانداری تبریز"])


def test_the_shared_filters_read_persian_digits_and_refuse_quietly(app, make_department):
    import datetime

    from core.committees.models import Committee, Meeting
    from core.listing import code_filter, date_range, id_filter

    first, second = (Committee(name=name, department_id=make_department(name).id) for name in ("کمیته الف", "کمیته ب"))
    db.session.add_all([first, second])
    db.session.flush()
    db.session.add_all([Meeting(committee_id=first.id, type="general", title="اول", date=datetime.date(2024, 11, 15)),
                        Meeting(committee_id=second.id, type="board", title="دوم", date=datetime.date(2025, 3, 1))])
    db.session.commit()
    meetings = ListQuery(select(Meeting), filters={
        "committee": id_filter(Meeting.committee_id),
        "named": id_filter(lambda committee_id: Meeting.committee.has(Committee.id == committee_id)),
        "type": code_filter(Meeting.type, ("general", "board")),
        **date_range(Meeting.date),
    })

    def titles(**args):
        return sorted(m.title for m in meetings.page(db.session, args).items)

    persian_id = str(first.id).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert titles(committee=persian_id) == ["اول"] == titles(named=persian_id)
    assert titles(committee="الف") == [] and titles(type="visit") == [] and titles(type="board") == ["دوم"]
    assert titles(start="۱۴۰۳/۱۲/۰۱") == ["دوم"] and titles(end="1403/09/01") == ["اول"]
    assert titles(start="۱۴۰۳/۱۳/۰۱") == ["اول", "دوم"]  # a mistyped date filters nothing (its form says so)


def test_grouped_rows_give_each_parent_its_rows_in_order_without_the_trash(app, count_queries):
    meybod, ardakan, empty = (Organization(name=name, type="county") for name in ("میبد", "اردکان", "بافق"))
    people = [Person(first_name="زهرا", last_name="کریمی", organization=meybod),
              Person(first_name="علی", last_name="احمدی", organization=meybod),
              Person(first_name="رضا", last_name="نوری", organization=ardakan),
              Person(first_name="مینا", last_name="بهرامی", organization=ardakan)]
    db.session.add_all([meybod, ardakan, empty, *people])
    db.session.commit()
    people[3].soft_delete(None)
    db.session.commit()
    names = select(Person.organization_id, Person.full_name.label("name")).order_by(Person.last_name)
    ids = [meybod.id, ardakan.id, empty.id]
    with count_queries() as statements:
        found = grouped_rows(db.session, names, ids)
    assert len(statements) == 1
    assert [row.name for row in found[ids[0]]] == ["علی احمدی", "زهرا کریمی"]
    assert [row.name for row in found[ids[1]]] == [people[2].full_name] == ["رضا نوری"]
    assert found[ids[2]] == []
    with count_queries() as statements:
        assert grouped_rows(db.session, names, []) == {}
    assert statements == []


def test_deep_pages_read_by_their_ids_give_the_rows_of_the_plain_offset(app, monkeypatch):
    """Far down a list a page's ids are found first, then their rows read (a deferred join): the
    same rows in the same order as the plain OFFSET, with tied sort values, trashed rows, filters,
    a search and a list of columns whose statement has an order of its own."""
    names = ("فرمانداری میبد", "فرمانداری یزد", "بخشداری میبد")
    db.session.add_all(Organization(name=names[i % 3], type=("county", "district")[i % 2], city=str(i % 4))
                       for i in range(40))
    db.session.commit()
    for organization in db.session.scalars(select(Organization).where(Organization.id % 7 == 0)):
        organization.soft_delete(None)
    db.session.commit()
    lists = [
        ListQuery(select(Organization), search_column=Organization.search_text,
                  filters={"type": lambda statement, value: statement.where(Organization.type == value)},
                  sorts={"name": Organization.name, "place": (Organization.city, Organization.name)},
                  default_sort="name"),
        ListQuery(select(Organization.id, Organization.name).order_by(Organization.city.desc())),
    ]
    queries = [{}, {"sort": "-name"}, {"sort": "place"}, {"sort": "-place", "type": "county"}, {"q": "میبد"}]
    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    def pages(listing, args, deferred_from):
        monkeypatch.setattr("core.listing.DEFERRED_JOIN_OFFSET", deferred_from)
        found, number, last = [], 1, 1
        while number <= last:
            page = listing.page(db.session, {**args, "page": str(number)}, per_page=4)
            found.append([row.id if isinstance(row, Organization) else tuple(row) for row in page.items])
            number, last = number + 1, page.pages
        return found

    for listing in lists:
        for args in queries:
            plain = pages(listing, args, 10**9)
            assert sum(map(len, plain)) == len({row for page in plain for row in page}) > 4
            assert pages(listing, args, 4) == plain
    assert any("IN (SELECT organizations.id" in statement for statement in statements)
