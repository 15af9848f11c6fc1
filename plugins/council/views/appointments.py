"""Placeholder until the part's pages land."""
from core.permissions import permission_required
from core.rendering import render

from ..blueprint import bp


@bp.route("/appointments/")
@permission_required("council.view")
def appointments():
    return render("council/placeholder.html")
