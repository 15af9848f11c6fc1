"""Flask extensions, created unbound and attached in create_app (init_app pattern)."""
from flask import current_app
from flask_babel import Babel, Domain
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
