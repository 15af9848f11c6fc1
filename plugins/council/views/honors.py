"""Honors (تجلیل): the councils' ceremonies (the Public Relations Day ceremony, a farewell to
retirees) and the people honored at each as top managers, retirees or top experts, with their
citation; the list of ceremonies, the list of honorees across them (filters, export) and the honor
plaque (لوح تقدیر) PDF of an honoree or of a whole ceremony."""
from collections import Counter, defaultdict

import jdatetime

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from core.db import db
from core.exporting import Column, export_list
from core.jalali import JalaliDateError, Period, format_date
from core.listing import ListQuery, date_range
from core.models import Person
from core.pdf import PdfError, pdf_response
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.search.index import matches
from core.text import normalize_fa, to_ascii_digits

from ..blueprint import bp
from ..bodies import body_titles
from ..forms.honors import CeremonyForm, DateFilterForm, HonoreeForm, honoree_kind_titles, honoree_summary
from ..models.honors import HONOREE_KINDS, Ceremony, Honoree
from ..models.members import BODIES


def year_range(value):
    """``(first day, last day)`` of the Jalali year typed in ``value`` (any digits), or None."""
    value = to_ascii_digits(value)
    try:
        period = Period.year(int(value)) if value.isdigit() else None
    except JalaliDateError:
        return None
    return (period.start, period.end) if period else None


def by_year(column):
    def apply(statement, value):
        days = year_range(value)
        return statement.where(column.between(*days)) if days else statement
    return apply


def date_filters(column):
    """The list filters «year», «from date» and «to date» on ``column``."""
    return {"year": by_year(column), **date_range(column)}


def filter_args():
    """The date filter form from the query string, and the arguments without the mistyped dates."""
    filters = DateFilterForm(request.args)
    filters.validate()
    return filters, {name: value for name, value in request.args.items() if name not in filters.errors}


def years_of(column):
    """The Jalali years from the first to the last row of ``column``, newest first, for the filter."""
    first, last = db.session.execute(select(func.min(column), func.max(column))).one()
    if first is None:
        return []
    return list(range(jdatetime.date.fromgregorian(date=last).year,
                      jdatetime.date.fromgregorian(date=first).year - 1, -1))


def _body(column):
    return lambda statement, value: statement.where(column == value) if value in BODIES else statement


CEREMONIES = ListQuery(
    select(Ceremony),
    search_column=Ceremony.search_text,
    filters={"body": _body(Ceremony.body), **date_filters(Ceremony.date)},
    sorts={"date": Ceremony.date, "title": Ceremony.title},
    default_sort="-date",
)


def _honoree_search(statement, value):
    """The honoree's name (the directory's), position, citation or the ceremony's title."""
    for word in normalize_fa(value).split():
        statement = statement.where(or_(matches(Honoree.search_text, word), matches(Person.search_text, word),
                                        matches(Ceremony.search_text, word)))
    return statement


def _kind(statement, value):
    return statement.where(Honoree.kind == value) if value in HONOREE_KINDS else statement


def _ceremony(statement, value):
    value = to_ascii_digits(value)
    return statement.where(Honoree.ceremony_id == int(value)) if value.isdigit() else statement


HONOREES = ListQuery(
    select(Honoree).join(Honoree.ceremony).join(Honoree.person)
    .options(contains_eager(Honoree.ceremony), contains_eager(Honoree.person), selectinload(Honoree.organization)),
    filters={"q": _honoree_search, "kind": _kind, "body": _body(Ceremony.body), "ceremony": _ceremony,
             **date_filters(Ceremony.date)},
    sorts={"date": Ceremony.date, "name": (Person.last_name, Person.first_name)},
    default_sort="-date",
)


def _kind_title(honoree):
    return str(honoree_kind_titles().get(honoree.kind, honoree.kind))


HONOREE_COLUMNS = [
    Column(_l("Name"), "person.full_name", width=26, sort="name",
           link=lambda h: url_for("council.ceremony", ceremony_id=h.ceremony_id, _anchor=f"honoree-{h.id}")),
    Column(_l("Honored as"), _kind_title, width=14),
    Column(_l("Organization"), "organization.name", width=34),
    Column(_l("Position"), "position", width=28),
    Column(_l("Ceremony"), "ceremony.title", width=34,
           link=lambda h: url_for("council.ceremony", ceremony_id=h.ceremony_id)),
    Column(_l("Date"), "ceremony.date", kind="date", width=14, sort="date"),
    Column(_l("Citation"), "citation", width=50),
]

CEREMONY_COLUMNS = [
    Column(_l("Date"), lambda row: row[0].date, kind="date", width=14),
    Column(_l("Title"), lambda row: row[0].title, width=40),
    Column(_l("Council"), lambda row: str(body_titles().get(row[0].body, row[0].body)), width=30),
    Column(_l("Occasion"), lambda row: row[0].occasion, width=30),
    Column(_l("Place"), lambda row: row[0].place, width=24),
    Column(_l("Honorees"), lambda row: sum(row[1].values()), kind="number", width=10),
    Column(_l("Top managers"), lambda row: row[1]["top_manager"], kind="number", width=10),
    Column(_l("Retirees"), lambda row: row[1]["retiree"], kind="number", width=10),
]


def kind_counts(ceremony_ids):
    """``{ceremony id: Counter({kind: honorees})}`` in one GROUP BY query."""
    counts = defaultdict(Counter)
    if ceremony_ids:
        for ceremony_id, kind, count in db.session.execute(
                select(Honoree.ceremony_id, Honoree.kind, func.count()).where(Honoree.ceremony_id.in_(ceremony_ids))
                .group_by(Honoree.ceremony_id, Honoree.kind)):
            counts[ceremony_id][kind] = count
    return counts


def _with_counts(ceremonies):
    counts = kind_counts([ceremony.id for ceremony in ceremonies])
    return [(ceremony, counts[ceremony.id]) for ceremony in ceremonies]


@bp.route("/honors/")
@permission_required("council.view")
def honors():
    filters, args = filter_args()
    export = export_list(CEREMONIES, CEREMONY_COLUMNS, title=_("Honor ceremonies"), filename=_("honor ceremonies"),
                         prepare=_with_counts, args=args)
    if export is not None:
        return export
    page = CEREMONIES.page(db.session, args)
    return render("council/honors/ceremonies.html", block="results", page=page, filters=filters,
                  counts=kind_counts([ceremony.id for ceremony in page.items]), summary=honoree_summary,
                  bodies=body_titles(), years=years_of(Ceremony.date))


@bp.route("/honors/honorees/")
@permission_required("council.view")
def honorees():
    filters, args = filter_args()
    export = export_list(HONOREES, HONOREE_COLUMNS, title=_("Honorees"), filename=_("honorees"), args=args)
    if export is not None:
        return export
    page = HONOREES.page(db.session, args)
    return render("council/honors/honorees.html", block="results", page=page, filters=filters,
                  columns=HONOREE_COLUMNS, kinds=honoree_kind_titles(), bodies=body_titles(),
                  years=years_of(Ceremony.date))


def _ceremony_or_404(ceremony_id):
    # A query (not session.get) so a ceremony in the trash answers 404.
    return db.one_or_404(select(Ceremony).where(Ceremony.id == ceremony_id))


def _honoree_or_404(honoree_id):
    return db.one_or_404(select(Honoree).join(Honoree.ceremony).where(Honoree.id == honoree_id)
                         .options(contains_eager(Honoree.ceremony)))


@bp.route("/honors/new", methods=["GET", "POST"])
@permission_required("council.edit")
def ceremony_new():
    form = CeremonyForm()
    if form.validate_on_submit():
        ceremony = Ceremony()
        form.populate_obj(ceremony)
        db.session.add(ceremony)
        db.session.commit()
        flash(_("The ceremony was recorded; add the people honored at it."), "success")
        return redirect_to(url_for(".ceremony", ceremony_id=ceremony.id))
    return render_form("council/honors/ceremony_form.html", form, ceremony=None)


@bp.route("/honors/<int:ceremony_id>")
@permission_required("council.view")
def ceremony(ceremony_id):
    ceremony = _ceremony_or_404(ceremony_id)
    honorees = db.session.scalars(
        select(Honoree).where(Honoree.ceremony_id == ceremony.id)
        .options(selectinload(Honoree.person), selectinload(Honoree.organization))).all()
    order = {kind: index for index, kind in enumerate(HONOREE_KINDS)}
    honorees.sort(key=lambda h: (order.get(h.kind, len(order)), h.person.last_name, h.person.first_name))
    counts = Counter(honoree.kind for honoree in honorees)
    return render("council/honors/ceremony.html", ceremony=ceremony, honorees=honorees,
                  summary=honoree_summary(counts), kinds=honoree_kind_titles(), bodies=body_titles())


@bp.route("/honors/<int:ceremony_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def ceremony_edit(ceremony_id):
    ceremony = _ceremony_or_404(ceremony_id)
    form = CeremonyForm(obj=ceremony)
    if form.validate_on_submit():
        form.populate_obj(ceremony)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".ceremony", ceremony_id=ceremony.id))
    return render_form("council/honors/ceremony_form.html", form, ceremony=ceremony)


@bp.route("/honors/<int:ceremony_id>/delete", methods=["POST"])
@permission_required("council.edit")
def ceremony_delete(ceremony_id):
    ceremony = _ceremony_or_404(ceremony_id)
    ceremony.soft_delete(current_user)
    db.session.commit()
    flash(_("The ceremony was moved to the trash."), "success")
    return redirect_to(url_for(".honors"))


def _save_honoree(form, honoree):
    form.populate_obj(honoree)
    # The directory's organization and position when none is typed: what the plaque prints.
    honoree.organization = honoree.organization or honoree.person.organization
    honoree.position = honoree.position or honoree.person.position or ""


@bp.route("/honors/<int:ceremony_id>/honorees/new", methods=["GET", "POST"])
@permission_required("council.edit")
def honoree_new(ceremony_id):
    ceremony = _ceremony_or_404(ceremony_id)
    form = HonoreeForm(ceremony=ceremony, kind=request.args.get("kind", "top_manager"))
    if form.validate_on_submit():
        honoree = Honoree(ceremony_id=ceremony.id)
        _save_honoree(form, honoree)
        db.session.add(honoree)
        db.session.commit()
        if "next" in request.form:
            flash(_("%(name)s was added. Enter the next one.", name=honoree.person.full_name), "success")
            return redirect_to(url_for(".honoree_new", ceremony_id=ceremony.id, kind=honoree.kind))
        flash(_("%(name)s was added to the honorees.", name=honoree.person.full_name), "success")
        return redirect_to(url_for(".ceremony", ceremony_id=ceremony.id))
    return render_form("council/honors/honoree_form.html", form, ceremony=ceremony, honoree=None)


@bp.route("/honors/honorees/<int:honoree_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def honoree_edit(honoree_id):
    honoree = _honoree_or_404(honoree_id)
    form = HonoreeForm(obj=honoree, ceremony=honoree.ceremony, honoree=honoree)
    if form.validate_on_submit():
        _save_honoree(form, honoree)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".ceremony", ceremony_id=honoree.ceremony_id))
    return render_form("council/honors/honoree_form.html", form, ceremony=honoree.ceremony, honoree=honoree)


@bp.route("/honors/honorees/<int:honoree_id>/delete", methods=["POST"])
@permission_required("council.edit")
def honoree_delete(honoree_id):
    honoree = _honoree_or_404(honoree_id)
    honoree.soft_delete(current_user)
    db.session.commit()
    flash(_("%(name)s was removed from the honorees (to the trash).", name=honoree.person.full_name), "success")
    return redirect_to(url_for(".ceremony", ceremony_id=honoree.ceremony_id))


def _plaque(honoree):
    """What the shared plaque template (council/plaque_pdf.html) prints for an honoree."""
    ceremony = honoree.ceremony
    kind = honoree_kind_titles().get(honoree.kind)
    about = [part for part in (honoree.position, honoree.organization.name if honoree.organization else "") if part]
    occasion = ceremony.occasion or ceremony.title
    return {"heading": _("Certificate of appreciation"), "name": honoree.person.full_name,
            "subtitle": "، ".join(about),
            "text": honoree.citation or _("In appreciation of your valuable service to public relations as %(kind)s.",
                                          kind=kind),
            "occasion": _("On the occasion of %(occasion)s, %(date)s", occasion=occasion,
                          date=format_date(ceremony.date)),
            "signers": [(_("Chair of %(council)s", council=body_titles().get(ceremony.body, "")), ""),
                        (_("Director-general of public relations"), "")]}


def _plaques_response(honorees, filename, back):
    try:
        return pdf_response("council/plaque_pdf.html", f"{filename}.pdf", plaques=[_plaque(h) for h in honorees],
                            landscape=True)
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(back)


@bp.route("/honors/honorees/<int:honoree_id>/plaque.pdf")
@permission_required("council.view")
def honoree_plaque(honoree_id):
    honoree = _honoree_or_404(honoree_id)
    return _plaques_response([honoree], _("Plaque of %(name)s", name=honoree.person.full_name),
                             url_for(".ceremony", ceremony_id=honoree.ceremony_id))


@bp.route("/honors/<int:ceremony_id>/plaques.pdf")
@permission_required("council.view")
def ceremony_plaques(ceremony_id):
    ceremony = _ceremony_or_404(ceremony_id)
    honorees = db.session.scalars(
        select(Honoree).join(Honoree.person).where(Honoree.ceremony_id == ceremony.id)
        .options(contains_eager(Honoree.person), selectinload(Honoree.organization))
        .order_by(Person.last_name, Person.first_name)).all()
    if not honorees:
        flash(_("No one is honored at this ceremony yet."), "warning")
        return redirect(url_for(".ceremony", ceremony_id=ceremony.id))
    return _plaques_response(honorees, _("Plaques of %(title)s", title=ceremony.title),
                             url_for(".ceremony", ceremony_id=ceremony.id))


def calendar_entries(start, end, user):
    ceremonies = db.session.scalars(select(Ceremony).where(Ceremony.date.between(start, end)))
    return [{"date": ceremony.date, "kind": "ceremony", "title": ceremony.title,
             "detail": " · ".join(part for part in (ceremony.occasion, ceremony.place) if part),
             "endpoint": "council.ceremony", "url_args": {"ceremony_id": ceremony.id}}
            for ceremony in ceremonies]


def _ceremony_hit(ceremony):
    return {"title": ceremony.title, "url": url_for("council.ceremony", ceremony_id=ceremony.id),
            "detail": " · ".join(part for part in (ceremony.occasion, ceremony.place) if part), "date": ceremony.date}


def _honoree_hit(honoree):
    detail = [_kind_title(honoree), honoree.organization.name if honoree.organization else "", honoree.ceremony.title]
    return {"title": honoree.person.full_name, "url": url_for("council.ceremony", ceremony_id=honoree.ceremony_id),
            "detail": " · ".join(part for part in detail if part), "date": honoree.ceremony.date}


def search_groups(query, user, limit):
    return [
        SearchGroup("ceremonies", _l("Honor ceremonies"), (Ceremony.search_text,),
                    lambda match: select(Ceremony).where(match).order_by(Ceremony.date.desc()),
                    hit=_ceremony_hit, more_url=lambda: url_for("council.honors", q=query.text)),
        SearchGroup("honorees", _l("Honorees"), (Honoree.search_text, Person.search_text),
                    lambda match: select(Honoree).join(Honoree.ceremony).join(Honoree.person)
                    .options(contains_eager(Honoree.ceremony), contains_eager(Honoree.person),
                             selectinload(Honoree.organization))
                    .where(match).order_by(Ceremony.date.desc()),
                    hit=_honoree_hit, more_url=lambda: url_for("council.honorees", q=query.text)),
    ]
