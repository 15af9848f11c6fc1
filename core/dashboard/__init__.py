"""The performance dashboard (داشبورد عملکرد) at /dashboard/: figures and monthly trend charts from
the enabled modules' hooks, each module's part loaded on its own, and the monthly report as PDF."""
from flask import Blueprint

bp = Blueprint("dashboard", __name__)

from core.dashboard import views  # noqa: E402,F401
