"""Member cards (کارت عضویت): the list with its status and filters, issuing a card (its number
offered as the next of the year, valid two years by default), issuing cards for every current
member without a valid one, revoking with a reason (council.manage), and the PDFs: one card of
business-card size, or A4 sheets of ten cards for the list as filtered. Each card carries a QR
code of the absolute URL of its public verification page."""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager

from core import files
from core.db import db
from core.exporting import Column, export_list
from core.jalali import format_date, to_jalali_input, today
from core.listing import ListQuery, date_range
from core.models import Organization, Person
from core.pdf import PdfError, image_data_uri, pdf_response, qr_data_uri
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.search.index import matches
from core.text import fa_number, normalize_fa, to_ascii_digits, to_fa_digits

from ..blueprint import bp
from ..bodies import body_titles
from ..forms.cards import BulkIssueForm, CardFilterForm, CardForm, RevokeForm, status_labels
from ..models import Card, Member, Unit
from ..models.documents import default_valid_until, next_card_number

CARDS_PER_SHEET = 10
MAX_SHEET_CARDS = 200  # xhtml2pdf slows down with long documents: print larger sets in parts
PHOTO_SIDE = 300


def _search(statement, value):
    for word in normalize_fa(value).split():
        statement = statement.where(or_(matches(Person.search_text, word), matches(Member.search_text, word),
                                        matches(Organization.search_text, word),
                                        Card.number.contains(to_ascii_digits(word).upper(), autoescape=True)))
    return statement


CARDS = ListQuery(
    select(Card).join(Card.member).join(Member.person).join(Member.unit).join(Unit.organization)
    .options(contains_eager(Card.member).contains_eager(Member.person),
             contains_eager(Card.member).contains_eager(Member.unit).contains_eager(Unit.organization)),
    filters={
        "q": _search,
        "status": lambda statement, value: statement.where(Card.in_status(value)) if value in status_labels()
        else statement,
        "body": lambda statement, value: statement.where(Unit.body == value),
        **date_range(Card.issued_on),
    },
    sorts={"number": Card.number, "name": (Person.last_name, Person.first_name), "unit": Organization.name,
           "issued": Card.issued_on, "valid": Card.valid_until},
    default_sort="-issued",
)

CARD_COLUMNS = [
    Column(_l("Card number"), "number", kind="text", width=12),
    Column(_l("Name"), "member.person.full_name", width=24),
    Column(_l("PR unit"), "member.unit.organization.name", width=40),
    Column(_l("Member number"), "member.member_number", kind="text", width=12),
    Column(_l("Issued on"), "issued_on", kind="date", width=12),
    Column(_l("Valid until"), "valid_until", kind="date", width=12),
    Column(_l("Status"), lambda card: status_labels()[card.status], width=12),
    Column(_l("Reason for revoking"), "revoke_reason", width=30),
]


def _valid_args(filters):
    """The query string without the filters whose value is wrong (shown with its error instead)."""
    filters.validate()
    return {name: value for name, value in request.args.items() if name not in filters.errors}


@bp.route("/cards/")
@permission_required("council.view")
def cards():
    filters = CardFilterForm(request.args)
    args = _valid_args(filters)
    export = export_list(CARDS, CARD_COLUMNS, title=_("Member cards"), filename=_("council member cards"), args=args)
    if export is not None:
        return export
    page = CARDS.page(db.session, args)
    return render("council/cards/list.html", block="results", page=page, filters=filters, statuses=status_labels(),
                  sheet_url=url_for(".cards_sheet", **{k: v for k, v in args.items() if k not in ("page", "sort")}))


def _current_members():
    return db.session.scalars(
        select(Member).join(Member.person).join(Member.unit).join(Unit.organization)
        .options(contains_eager(Member.person), contains_eager(Member.unit).contains_eager(Unit.organization))
        .where(Member.end_date.is_(None)).order_by(Person.last_name, Person.first_name)).all()


@bp.route("/cards/new", methods=["GET", "POST"])
@permission_required("council.edit")
def card_new():
    form = CardForm(members=_current_members())
    if request.method == "GET":
        member_id = to_ascii_digits(request.args.get("member", ""))
        form.member_id.data = int(member_id) if member_id.isdigit() else 0
        form.issued_on.data = today()
        form.number.data = to_fa_digits(next_card_number(today()))
        form.valid_until.data = default_valid_until(today())
    if form.validate_on_submit():
        card = Card()
        form.populate_obj(card)
        db.session.add(card)
        db.session.commit()
        flash(_("Card %(number)s was issued.", number=card.number), "success")
        return redirect_to(url_for(".member", member_id=card.member_id))
    return render_form("council/cards/form.html", form)


def _without_valid_card(body):
    """Current members (of ``body``, or both) holding no valid card, in name order."""
    statement = (select(Member).join(Member.person).join(Member.unit)
                 .where(Member.end_date.is_(None),
                        Member.id.not_in(select(Card.member_id).where(Card.in_status("valid"))))
                 .order_by(Person.last_name, Person.first_name, Member.id))
    if body:
        statement = statement.where(Unit.body == body)
    return db.session.scalars(statement).all()


@bp.route("/cards/bulk", methods=["GET", "POST"])
@permission_required("council.edit")
def cards_bulk():
    form = BulkIssueForm()
    if request.method == "GET":
        form.issued_on.data = today()
        form.valid_until.data = default_valid_until(today())
    waiting = _without_valid_card(form.body.data if form.body.data in body_titles() else None)
    if form.validate_on_submit():
        if not waiting:
            form.form_errors.append(_("Every current member already holds a valid card."))
        else:
            number = next_card_number(form.issued_on.data)
            prefix, sequence = number.rsplit("-", 1)
            for offset, member in enumerate(waiting):
                db.session.add(Card(member_id=member.id, number=f"{prefix}-{int(sequence) + offset:04d}",
                                    issued_on=form.issued_on.data, valid_until=form.valid_until.data))
            db.session.commit()
            flash(_("%(count)s cards were issued.", count=fa_number(len(waiting))), "success")
            day = to_ascii_digits(to_jalali_input(form.issued_on.data))
            return redirect_to(url_for(".cards", start=day, end=day, body=form.body.data or None, status="valid"))
    return render_form("council/cards/bulk.html", form, waiting=waiting)


def _card_or_404(card_id):
    return db.one_or_404(select(Card).where(Card.id == card_id))


@bp.route("/cards/<int:card_id>/revoke", methods=["GET", "POST"])
@permission_required("council.manage")
def card_revoke(card_id):
    card = _card_or_404(card_id)
    form = RevokeForm()
    if card.is_revoked:
        form.form_errors.append(_("This card was revoked on %(date)s.", date=format_date(card.revoked_on)))
        return render("council/cards/revoke.html", status=422, form=form, card=card)
    if request.method == "GET":
        form.revoked_on.data = today()
    if form.validate_on_submit():
        form.populate_obj(card)
        db.session.commit()
        flash(_("Card %(number)s was revoked.", number=card.number), "success")
        return redirect_to(url_for(".cards"))
    return render_form("council/cards/revoke.html", form, card=card)


# --- PDFs -------------------------------------------------------------------------------------

def _photo(person):
    """The person's photo as a data URI, or None (the card then prints a placeholder)."""
    if not person.photo:
        return None
    try:
        with files.open_image(person.photo, thumbnail=True) as photo:
            return image_data_uri(photo.read(), max_side=PHOTO_SIDE)
    except (OSError, PdfError):  # a missing or unreadable file: the placeholder, not a failed card
        return None


def card_face(card):
    """What a printed card shows."""
    member = card.member
    return {"card": card, "member": member, "person": member.person, "photo": _photo(member.person),
            "qr": qr_data_uri(url_for("council.verify_code", code=card.code, _external=True)),
            "body": body_titles()[member.unit.body]}


@bp.route("/cards/<int:card_id>.pdf")
@permission_required("council.view")
def card_pdf(card_id):
    card = _card_or_404(card_id)
    try:
        return pdf_response("council/cards/card_pdf.html", _("Member card %(number)s", number=card.number),
                            page_size="card", face=card_face(card))
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(url_for(".member", member_id=card.member_id))


@bp.route("/cards/sheet.pdf")
@permission_required("council.view")
def cards_sheet():
    """The cards of the list as filtered, ten to an A4 sheet."""
    filters = CardFilterForm(request.args)
    args = _valid_args(filters)
    statement = CARDS.filtered(args).order_by(Organization.name, Person.last_name, Person.first_name, Card.id)
    cards = db.session.scalars(statement.limit(MAX_SHEET_CARDS + 1)).unique().all()
    if not cards or len(cards) > MAX_SHEET_CARDS:
        flash(_("No card matches these filters.") if not cards else _(
            "At most %(count)s cards are printed at once; narrow the list with its filters.",
            count=fa_number(MAX_SHEET_CARDS)), "warning")
        return redirect(url_for(".cards", **args))
    faces = [card_face(card) for card in cards]
    sheets = [faces[start:start + CARDS_PER_SHEET] for start in range(0, len(faces), CARDS_PER_SHEET)]
    try:
        return pdf_response("council/cards/sheet_pdf.html", _("Member cards"), sheets=sheets)
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(url_for(".cards", **args))
