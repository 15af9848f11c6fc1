"""Flask extensions, created unbound and attached in create_app (init_app pattern)."""
from flask import current_app
from flask.globals import _cv_app, _cv_request
from flask_babel import Babel, Domain, get_translations, gettext
from flask_babel.speaklater import LazyString
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

from core.db import db



class _AppDomain(Domain):
    """The catalog cache of each app: Flask-Babel keeps one per Babel object, shared by every app
    of the process, so a second app (tests build several, with other plugins) would be given the
    first one's catalogs and miss its own plugins' messages."""

    def get_translations_cache(self, ctx):
        return current_app.extensions.setdefault("babel_translations", {})

    def get_translations(self):
        """The request's catalog, looked up once per request: Flask-Babel looks it up again for
        every message (8 µs each; a list page translates a few hundred labels)."""
        request_globals = request_g()
        if request_globals is None:
            return super().get_translations()
        translations = request_globals.get(TRANSLATIONS_KEY)
        if translations is None:
            translations = super().get_translations()
            setattr(request_globals, TRANSLATIONS_KEY, translations)
        return translations


TRANSLATIONS_KEY = "_translations"  # where a request keeps its catalog in g


def request_g():
    """The request's ``g``, or None outside a request: read from Flask's context variables, as
    ``has_request_context`` does, past Werkzeug's proxies (each ``g.x`` looks the context up
    again: ~0.5 µs; what every request keeps there is read a few hundred times a page)."""
    return _cv_app.get().g if _cv_request.get(None) is not None else None


def request_translations():
    """The request's catalog, read straight from ``g`` once looked up (the templates' ``_()``:
    Flask-Babel's ``get_translations`` takes 10 µs to find it)."""
    request_globals = request_g()
    translations = request_globals.get(TRANSLATIONS_KEY) if request_globals is not None else None
    return translations if translations is not None else get_translations()


def request_gettext(string, **variables):
    """``flask_babel.gettext`` read from the request's catalog: Flask-Babel finds its domain again
    for each message (4 µs; the activity report translates a hundred)."""
    text = request_translations().ugettext(string)
    return text % variables if variables else text


def translated(text):
    """``str(text)`` for a ``lazy_gettext`` string, read from the request's catalog: Flask-Babel
    finds its domain and catalog again for each one (10 µs; a list translates a label per row)."""
    if isinstance(text, LazyString) and text._func is gettext and not text._kwargs:
        return request_translations().ugettext(*text._args)
    return str(text)


class _Babel(Babel):
    @property
    def domain_instance(self):
        return _AppDomain(domain=self.domain)


babel = _Babel()
login_manager = LoginManager()
migrate = Migrate()
csrf = CSRFProtect()
htmx = Htmx()

__all__ = ["babel", "csrf", "db", "htmx", "login_manager", "migrate"]
