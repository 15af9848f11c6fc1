"""Each app reads its own plugins' catalogs, even when another app of the process (one built
with other plugins) has translated messages first."""
from flask_babel import gettext

NEWS_MESSAGE = "Content analysis"  # in the news plugin's catalog only


def test_an_app_without_a_plugin_does_not_hide_that_plugins_catalog_from_another(app, make_app):
    other = make_app(PLUGINS_ONLY=["sample"])
    with other.test_request_context():
        assert gettext(NEWS_MESSAGE) == NEWS_MESSAGE  # not loaded there
        assert gettext("Save") == "ذخیره"
    with app.test_request_context():
        assert gettext(NEWS_MESSAGE) == "تحلیل محتوا"
