"""The admin area: users, departments, modules, role permissions."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from core.admin import departments, modules, roles, users  # noqa: E402,F401
