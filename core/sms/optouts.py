"""The opt-out list: numbers that asked not to get messages; every batch skips them."""
from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.db import db
from core.listing import ListQuery
from core.permissions import permission_required
from core.rendering import redirect_to, render
from core.sms import bp
from core.sms.forms import OptOutForm
from core.sms.models import SmsOptOut
from core.text import to_ascii_digits, to_fa_digits


def _page(form, status=200):
    listing = ListQuery(
        select(SmsOptOut).options(selectinload(SmsOptOut.created_by)),
        filters={"q": lambda statement, value: statement.where(
            SmsOptOut.mobile.contains(to_ascii_digits(value).replace(" ", ""), autoescape=True))},
        sorts={"date": SmsOptOut.created_at, "mobile": SmsOptOut.mobile}, default_sort="-date")
    block = "form" if request.method == "POST" and request.htmx else "results"
    return render("sms/optouts.html", block=block, status=status, form=form, page=listing.page(db.session))


@bp.route("/opt-outs/")
@permission_required("sms.view")
def optouts():
    return _page(OptOutForm(formdata=None))


@bp.route("/opt-outs/add", methods=["POST"])
@permission_required("sms.manage")
def add_optout():
    form = OptOutForm()
    if form.validate_on_submit():
        if db.session.scalar(select(SmsOptOut.id).where(SmsOptOut.mobile == form.mobile.data)):
            form.mobile.errors = [_("%(mobile)s is already on the opt-out list.", mobile=to_fa_digits(form.mobile.data))]
        else:
            db.session.add(SmsOptOut(mobile=form.mobile.data, reason=form.reason.data or "",
                                     created_by_id=current_user.id))
            db.session.commit()
            flash(_("%(mobile)s will not get any more messages.", mobile=to_fa_digits(form.mobile.data)), "success")
            return redirect_to(url_for("sms.optouts"))
    return _page(form, status=422)


@bp.route("/opt-outs/<int:optout_id>/remove", methods=["POST"])
@permission_required("sms.manage")
def remove_optout(optout_id):
    optout = db.session.get(SmsOptOut, optout_id)
    if optout is None:
        abort(404)
    db.session.delete(optout)
    db.session.commit()
    flash(_("%(mobile)s was taken off the opt-out list and can get messages again.",
            mobile=to_fa_digits(optout.mobile)), "success")
    return redirect_to(url_for("sms.optouts"))
