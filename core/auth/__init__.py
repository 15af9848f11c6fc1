"""Login, logout and the user's own password change."""
from flask import Blueprint

bp = Blueprint("auth", __name__)

from core.auth import views  # noqa: E402,F401
