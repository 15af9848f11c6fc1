"""The admin area: users, departments, modules, role permissions."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from core.admin import modules  # noqa: E402,F401
