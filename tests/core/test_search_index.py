"""The text indexes behind search_text (core.search.index): searches go through them and they
follow every insert, change and deletion."""
from sqlalchemy import select, text

from core.db import db
from core.models import Person
from core.search.query import SearchQuery


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
