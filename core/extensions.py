"""Flask extensions, created unbound and attached in create_app (init_app pattern)."""
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

from core.db import db

babel = Babel()
login_manager = LoginManager()
migrate = Migrate()
csrf = CSRFProtect()
htmx = Htmx()

__all__ = ["babel", "csrf", "db", "htmx", "login_manager", "migrate"]
