"""The plugin's one blueprint, ``news``, mounted under /news/; the views modules add its routes."""
from flask import Blueprint

from core.plugins import registry

bp = Blueprint("news", __name__, template_folder="templates")


@bp.context_processor
def plugin_record():
    """``plugin`` in this blueprint's templates: the title and icon of ravabet_plugin_info."""
    return {"plugin": registry().get(bp.name)}
