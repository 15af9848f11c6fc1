"""The public verification page of member cards and training certificates (no login).

``/council/verify/<code>`` is what the QR code printed on a document opens: the random code
(models/documents.py) identifies one document, so the page shows its kind, whether it is valid
(or revoked, or expired) and the minimum to match it with the paper: the holder's name, the number
and the dates. Nothing else: no mobile, national code or organization.

``/council/verify/?number=`` takes what a person types from the paper. A verification code
answers as above. A card or certificate number, being sequential, could be tried one after
another to collect names, so a number alone answers only the kind, the number, valid or not and
the dates, never the holder's name; the name needs the code (or the QR). A number that matches
nothing answers 422 with «کارت یا گواهی با این شماره پیدا نشد» and nothing more."""
from flask import make_response, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.db import db
from core.permissions import public
from core.rendering import render

from ..blueprint import bp
from ..forms.cards import VerifyForm, status_labels
from ..models import Card, Certificate, Member


def _documents(column, value):
    """The cards and certificates whose ``column`` ("number" or "code") is ``value``."""
    return [document for model in (Card, Certificate) for document in db.session.scalars(
        select(model).where(getattr(model, column) == value)
        .options(selectinload(model.member).selectinload(Member.person)))]


def _kind(document):
    return _("Member card") if isinstance(document, Card) else _("Training certificate")


def _page(template_status, **context):
    response = make_response(render("council/verify/verify.html", status=template_status, statuses=status_labels(),
                                    kind_of=_kind, **context))
    response.headers["X-Robots-Tag"] = "noindex"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/verify/")
@public
def verify():
    form = VerifyForm(request.args)
    if "number" not in request.args:
        return _page(200, form=form, documents=None)
    if not form.validate():
        return _page(422, form=form, documents=None)
    value = form.number.data
    by_code = _documents("code", value)
    if by_code:
        return redirect(url_for(".verify_code", code=value), code=303)
    documents = _documents("number", value)
    if not documents:
        form.number.errors.append(_("No card or certificate has this number."))
        return _page(422, form=form, documents=None)
    return _page(200, form=form, documents=documents, with_names=False)


@bp.route("/verify/<code>")
@public
def verify_code(code):
    documents = _documents("code", code.strip().upper()[:16])
    if not documents:
        form = VerifyForm()
        form.number.errors = [_("No card or certificate has this code.")]
        return _page(404, form=form, documents=None)
    return _page(200, form=VerifyForm(), documents=documents, with_names=True)
