"""The shared directory of organizations and people: lists, pages, forms, photos and imports."""
from flask import Blueprint

from core.directory.labels import organization_type_label

bp = Blueprint("directory", __name__)
bp.add_app_template_filter(organization_type_label, "organization_type")

from core.directory import imports, organizations, people, pick  # noqa: E402,F401
