"""Each app reads its own plugins' catalogs, even when another app of the process (one built
with other plugins) has translated messages first."""
from flask_babel import gettext

from core.extensions import request_gettext

NEWS_MESSAGE = "Content analysis"  # in the news plugin's catalog only


def test_an_app_without_a_plugin_does_not_hide_that_plugins_catalog_from_another(app, make_app):
    other = make_app(PLUGINS_ONLY=["sample"])
    with other.test_request_context():
        assert gettext(NEWS_MESSAGE) == NEWS_MESSAGE  # not loaded there
        assert gettext("Save") == "ذخیره"
    with app.test_request_context():
        assert gettext(NEWS_MESSAGE) == "تحلیل محتوا"


def test_request_gettext_reads_what_flask_babel_does(app):
    message = "%(count)s resolutions adopted."
    with app.test_request_context():
        assert request_gettext(message, count="۳") == gettext(message, count="۳") == "تصویب ۳ مصوبه."
        assert request_gettext("Other") == gettext("Other") != "Other"
    with app.app_context():
        assert request_gettext(message, count="۳") == gettext(message, count="۳")
