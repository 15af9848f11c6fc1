"""The text indexes behind search_text (core.search.index): searches go through them and they
follow every insert, change and deletion."""
from sqlalchemy import func, select, text

from core.db import db, refresh_statistics
from core.listing import ListQuery
from core.models import Organization, Person
from core.search.index import COMMON, matches
from core.search.query import SearchQuery, search_group


def found(words):
    query = SearchQuery.parse(words)
    return sorted(person.full_name for person in db.session.scalars(select(Person).where(query.match(Person.search_text))))


def test_the_index_follows_inserts_changes_and_deletions(app):
    person = Person(first_name="زهرا", last_name="کاظمی‌نژاد")
    db.session.add_all([person, Person(first_name="علی", last_name="کاظمیان")])
    db.session.commit()
    assert found("كاظمي") == ["زهرا کاظمی‌نژاد", "علی کاظمیان"]  # Arabic kaf and yeh
    person.last_name = "رضوانی"
    db.session.commit()
    assert found("کاظمی") == ["علی کاظمیان"] and found("رضوانی") == ["زهرا رضوانی"]
    db.session.delete(person)  # purged for good, not to the trash
    db.session.commit()
    assert found("رضوانی") == []


def test_searches_use_the_index(app):
    db.session.add(Person(first_name="زهرا", last_name="کاظمی"))
    db.session.commit()
    condition = SearchQuery.parse("کاظمی").match(Person.search_text)
    if db.engine.dialect.name == "sqlite":
        assert "people_search" in str(condition.compile(db.engine))
    else:
        assert db.session.scalar(text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_people_search_trgm'")) == 1


def test_a_word_with_like_wildcards_is_matched_literally(app):
    db.session.add_all([Person(first_name="درصد", last_name="۱۰۰%"), Person(first_name="درصد", last_name="۱۰۰۰")])
    db.session.commit()
    assert found("100%") == ["درصد ۱۰۰%"]


def test_a_word_shorter_than_a_trigram_is_found(app):
    """SQLite's trigram index answers nothing for «سی»; such words are matched on the table."""
    db.session.add_all([Person(first_name="سی", last_name="امینی"), Person(first_name="علی", last_name="رضایی")])
    db.session.commit()
    assert found("سی") == ["سی امینی"]


def test_all_the_words_of_a_column_are_one_look_up(app):
    db.session.add_all([Person(first_name="زهرا", last_name="کاظمی"), Person(first_name="زهرا", last_name="رضوانی"),
                        Person(first_name="علی", last_name="کاظمی")])
    db.session.commit()
    assert found("زهرا کاظمی") == ["زهرا کاظمی"]
    if db.engine.dialect.name == "sqlite":
        condition = str(SearchQuery.parse("زهرا کاظمی").match(Person.search_text).compile(db.engine))
        assert condition.count("MATCH") == 1


def test_a_word_no_index_holds_runs_no_statement(app, count_queries):
    """On SQLite the search box asks every index once which words it holds; a group whose table
    lacks a word is not run at all."""
    db.session.add(Person(first_name="زهرا", last_name="کاظمی"))
    db.session.commit()
    query = SearchQuery.parse("کاظمی")
    with count_queries() as statements:
        people = search_group("people", "افراد", select(Person).where(query.match(Person.search_text)), limit=5,
                              hit=lambda person: {"title": person.full_name, "url": "/"})
        organizations = search_group("organizations", "سازمان‌ها",
                                     select(Organization).where(query.match(Organization.search_text)), limit=5,
                                     hit=lambda organization: {"title": organization.name, "url": "/"})
    assert [hit["title"] for hit in people["hits"]] == ["زهرا کاظمی"] and organizations is None
    if db.engine.dialect.name == "sqlite":
        assert len(statements) == 2  # which words the indexes hold, then the people


def test_a_list_reads_a_page_of_a_common_word_in_its_order(app, count_queries):
    """A page of a list that many rows match is read in the list's order, each row looked up among
    the matches (``id + 0``), which stops at the page's end; its count starts from the matches."""
    db.session.add_all(Person(first_name="علی", last_name=f"کاظمی {n}") for n in range(COMMON))
    db.session.add(Person(first_name="زهرا", last_name="رضوانی"))
    db.session.commit()
    people = ListQuery(select(Person), search_column=Person.search_text, sorts={"id": Person.id}, default_sort="-id")
    with count_queries() as statements:
        page = people.page(db.session, {"q": "کاظمی"}, per_page=3)
    assert page.total == COMMON
    assert [person.last_name for person in page.items] == [f"کاظمی {n}" for n in range(COMMON - 1, COMMON - 4, -1)]
    if db.engine.dialect.name == "sqlite":
        counted, read = statements
        assert "+ 0" not in counted and "+ 0" in read
    assert [person.last_name for person in people.page(db.session, {"q": "رضوانی"}, per_page=3).items] == ["رضوانی"]


def test_refreshing_the_statistics_merges_the_text_indexes(app):
    """``refresh_statistics`` merges each FTS5 index into one segment: the same rows are found, and
    rows saved afterwards too."""
    db.session.add_all(Person(first_name="علی", last_name=f"کاظمی {n}") for n in range(3))
    db.session.commit()
    refresh_statistics()
    db.session.add(Person(first_name="زهرا", last_name="کاظمی"))
    db.session.commit()
    assert found("کاظمی") == ["زهرا کاظمی", "علی کاظمی 0", "علی کاظمی 1", "علی کاظمی 2"]
    if db.engine.dialect.name == "sqlite":  # one segment of the merge, one of the row saved after it
        segments = db.session.scalar(text("SELECT count(*) FROM people_search_idx WHERE segid > 0"))
        assert segments <= 2



def test_the_directory_checks_its_matches_against_the_trash_from_an_index(app):
    """On SQLite the people's matches are looked up in their (id, deleted_at) index (migration
    0013, create_live_index), not in their rows: the directory's count of a common last name."""
    if db.engine.dialect.name != "sqlite":
        assert db.session.scalar(text("SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%search_live'")) == 0
        return
    people = [Person(first_name="علی", last_name=f"کاظمی {n}") for n in range(3)]
    db.session.add_all(people)
    db.session.commit()
    people[0].deleted_at = people[0].created_at
    db.session.commit()
    refresh_statistics()
    statement = select(func.count(Person.id)).where(matches(Person.search_text, "کاظمی"), Person.deleted_at.is_(None))
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    plan = " ".join(row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "COVERING INDEX ix_people_search_live" in plan
    assert db.session.scalar(statement) == 2


def test_a_list_counts_its_matches_joined_to_the_index(app, count_queries):
    """A list's count joins its rows to the index's matches (no list of their ids gathered and
    sorted first) and counts what its pages show: the trash left out, a word too short for the
    index matched on the row."""
    people = [Person(first_name="علی", last_name=f"کاظمی {n}") for n in range(4)]
    db.session.add_all([*people, Person(first_name="سی", last_name="کاظمی"), Person(first_name="زهرا", last_name="رضوانی")])
    db.session.commit()
    people[0].deleted_at = people[0].created_at
    db.session.commit()
    listing = ListQuery(select(Person), search_column=Person.search_text, sorts={"id": Person.id}, default_sort="id")
    with count_queries() as statements:
        page = listing.page(db.session, {"q": "کاظمی"}, per_page=10)
    assert page.total == len(page.items) == 4
    if db.engine.dialect.name == "sqlite":
        counted, read = statements[-2:]
        assert "JOIN people_search" in counted and "JOIN" not in read
    short = listing.page(db.session, {"q": "سی کاظمی"})
    assert short.total == 1 and [person.first_name for person in short.items] == ["سی"]
    assert listing.page(db.session, {"q": "کاظمی رضوانی"}).total == 0
