"""core.urls.row_url: the URL url_for gives, for ids, strings to quote and the URLs it leaves to url_for."""
import pytest
from flask import url_for

from core.urls import fixed_url, row_url


@pytest.mark.parametrize("endpoint, values", [
    ("files.photo", {"photo_id": 7}),
    ("files.rendering", {"photo_id": 12, "rendering": "thumb", "stem": "a1b2-c3"}),
    ("files.rendering", {"photo_id": 12, "rendering": "thumb", "stem": "a_b.c~d!$&'()*+,;=@:"}),  # left as is
    ("files.rendering", {"photo_id": 12, "rendering": "thumb", "stem": "نام و ?#%/"}),
    ("files.photo", {"photo_id": 7, "next": "/news/?q=ب ج"}),  # outside the path: the query string
    ("files.photo", {"photo_id": 7, "_anchor": "a b"}),
])
def test_a_row_url_is_the_url_for_url(app, endpoint, values):
    with app.test_request_context("/"):
        assert row_url(endpoint, **values) == url_for(endpoint, **values)
        assert row_url(endpoint, **values) == url_for(endpoint, **values)  # from the request's pattern
        other = {name: 9 if name.endswith("_id") else value for name, value in values.items()}
        assert row_url(endpoint, **other) == url_for(endpoint, **other)


def test_without_a_request_it_is_url_for(app, monkeypatch):
    monkeypatch.setitem(app.config, "SERVER_NAME", "ravabet.test")  # the app outlives the test
    with app.app_context():
        assert row_url("files.photo", photo_id=3) == url_for("files.photo", photo_id=3)


@pytest.mark.parametrize("endpoint, values", [
    ("pages.home", {}),
    ("static", {"filename": "css/app.css"}),
    ("files.photo", {"photo_id": 7}),  # left to url_for
    ("pages.home", {"_external": True}),
])
def test_a_fixed_url_is_the_url_for_url_of_each_host_and_root(app, endpoint, values):
    for path, base in [("/", "http://localhost/"), ("/", "https://other.test/"), ("/", "http://localhost/sub/")]:
        with app.test_request_context(path, base_url=base):
            assert fixed_url(endpoint, **values) == url_for(endpoint, **values)
            assert fixed_url(endpoint, **values) == url_for(endpoint, **values)  # from the app's cache
