"""The monthly bulletin for the governor (بولتن خبری ماهانه) and the confidential bulletin.

A bulletin is an ordered list of entries: the month's published news items (picked by hand or
chosen automatically, the governor's and deputies' news first) and coverage of outlets written in
by hand. A final bulletin is read-only until the department head reopens it. A confidential one
exists only for users with ``news.confidential``: for everyone else its pages answer 404 and it
is left out of the list and the search.
"""
from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from core.dashboard.sections import last_month
from core.db import db
from core.exporting import Column, export_list
from core.jalali import MONTH_NAMES, Period
from core.listing import ListQuery
from core.models import Organization, Person
from core.pdf import PdfError, pdf_response
from core.permissions import permission_required, user_can
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.text import to_ascii_digits, to_fa_digits

from ..access import may_see_confidential
from ..blueprint import bp
from ..forms.bulletins import BulletinForm, CoverageForm, PickFilterForm
from ..labels import label
from ..models import Bulletin, BulletinEntry, NewsItem, Publication
from ..models.items import item_officials

# «انتخاب خودکار» fills a bulletin up to this many news items.
AUTO_LIMIT = 30
# The officials whose news comes first: the governor (position starting with it), then his
# deputies and advisers (position mentioning him).
GOVERNOR = "استاندار"


def month_label(year, month):
    return to_fa_digits(f"{MONTH_NAMES[month - 1]} {year}")


def default_title(year, month):
    return f"بولتن خبری ماهانه — {month_label(year, month)}"


COLUMNS = [
    Column(_l("Title"), "title", width=45, link=lambda bulletin: url_for("news.bulletin", bulletin_id=bulletin.id)),
    Column(_l("Month"), lambda bulletin: month_label(bulletin.year, bulletin.month), width=16, sort="month"),
    Column(_l("Status"), lambda bulletin: label("bulletin_status", bulletin.status), width=12),
    Column(_l("Confidential"), "confidential", kind="bool", width=10),
]


def _visible(statement):
    """Leave confidential bulletins out for users who may not see them."""
    if may_see_confidential(current_user):
        return statement
    return statement.where(Bulletin.confidential.is_(False))


def _bulletin_or_404(bulletin_id):
    """The bulletin, or 404: also for a confidential one the user may not see (not a 403, which
    would tell that it exists)."""
    return db.one_or_404(_visible(select(Bulletin).where(Bulletin.id == bulletin_id)))


def _draft_or_redirect(bulletin):
    """None for a draft; for a final bulletin, the answer that says it cannot change."""
    if bulletin.status == "draft":
        return None
    flash(_("The bulletin is final; the department head can reopen it for changes."), "warning")
    return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))


def _year_filter(statement, value):
    year = to_ascii_digits(value)
    return statement.where(Bulletin.year == int(year)) if year.isdigit() else statement


def _listing():
    return ListQuery(
        _visible(select(Bulletin)),
        search_column=Bulletin.search_text,
        filters={"year": _year_filter},
        sorts={"month": (Bulletin.year, Bulletin.month)},
        default_sort="-month",
    )


@bp.route("/bulletins/")
@permission_required("news.view")
def bulletins():
    listing = _listing()
    export = export_list(listing, COLUMNS, title=_("News bulletins"), filename=_("bulletins"))
    if export is not None:
        return export
    page = listing.page(db.session)
    return render("news/bulletins/list.html", block="results", page=page, columns=COLUMNS)


def _form_with_permissions(form):
    if not may_see_confidential(current_user):
        del form.confidential
    return form


def _save(form, bulletin):
    form.populate_obj(bulletin)
    bulletin.title = bulletin.title or default_title(bulletin.year, bulletin.month)


@bp.route("/bulletins/new", methods=["GET", "POST"])
@permission_required("news.edit")
def new_bulletin():
    month = last_month()
    year, number = month.months()[0][:2]
    form = _form_with_permissions(BulletinForm(data={"year": year, "month": number,
                                                     "title": default_title(year, number)}))
    if form.validate_on_submit():
        bulletin = Bulletin()
        _save(form, bulletin)
        db.session.add(bulletin)
        db.session.commit()
        flash(_("The bulletin was created. Add its entries."), "success")
        return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))
    return render_form("news/bulletins/form.html", form, bulletin=None)


@bp.route("/bulletins/<int:bulletin_id>/edit", methods=["GET", "POST"])
@permission_required("news.edit")
def edit_bulletin(bulletin_id):
    bulletin = _bulletin_or_404(bulletin_id)
    if (refused := _draft_or_redirect(bulletin)) is not None:
        return refused
    form = _form_with_permissions(BulletinForm(obj=bulletin))
    if form.validate_on_submit():
        _save(form, bulletin)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))
    return render_form("news/bulletins/form.html", form, bulletin=bulletin)


def _entries(bulletin):
    """The entries in order, with their items' officials, in two queries."""
    return db.session.scalars(
        select(BulletinEntry).where(BulletinEntry.bulletin_id == bulletin.id)
        .options(selectinload(BulletinEntry.item).selectinload(NewsItem.officials))
        .order_by(BulletinEntry.position, BulletinEntry.id)).all()


def _page_context(bulletin):
    return {"bulletin": bulletin, "entries": _entries(bulletin),
            "month": month_label(bulletin.year, bulletin.month),
            "may_edit": bulletin.status == "draft" and user_can(current_user, "news.edit"),
            "auto_limit": AUTO_LIMIT}


@bp.route("/bulletins/<int:bulletin_id>")
@permission_required("news.view")
def bulletin(bulletin_id):
    bulletin = _bulletin_or_404(bulletin_id)
    return render("news/bulletins/bulletin.html", **_page_context(bulletin))


def _month_items(bulletin):
    """The published items of the bulletin's month (a select of NewsItem)."""
    period = Period.month(bulletin.year, bulletin.month)
    return select(NewsItem).where(NewsItem.status == "published", NewsItem.date.between(period.start, period.end))


def _item_ids_in(bulletin):
    return select(BulletinEntry.item_id).where(BulletinEntry.bulletin_id == bulletin.id,
                                               BulletinEntry.item_id.is_not(None))


def next_position(bulletin):
    """The position of an entry added at the end of the bulletin."""
    return (db.session.scalar(select(func.max(BulletinEntry.position))
                              .where(BulletinEntry.bulletin_id == bulletin.id)) or 0) + 1


def _add_items(bulletin, items):
    """Append news entries for ``items``, each with its title, lead and day at the time."""
    for position, item in enumerate(items, start=next_position(bulletin)):
        db.session.add(BulletinEntry(bulletin=bulletin, position=position, kind="news", item=item,
                                     title=item.title, summary=item.lead, date=item.date))


def _governor_rank():
    """2 for an item of the governor, 1 of a deputy or adviser, 0 otherwise (per item, in SQL)."""
    rank = case((Person.position.startswith(GOVERNOR), 2), (Person.position.contains(GOVERNOR), 1), else_=0)
    return func.coalesce(
        select(func.max(rank)).select_from(item_officials.join(Person, Person.id == item_officials.c.person_id))
        .where(item_officials.c.item_id == NewsItem.id).correlate(NewsItem).scalar_subquery(), 0)


def _channel_count():
    return (select(func.count()).select_from(Publication).where(Publication.item_id == NewsItem.id)
            .correlate(NewsItem).scalar_subquery())


def auto_fill(bulletin, limit=AUTO_LIMIT):
    """Add the month's most important published items the bulletin does not hold yet, until it
    holds ``limit`` news items: the governor's and deputies' first, then those published on more
    channels. Returns the items added (the demo data fills its bulletins this way too)."""
    held = db.session.scalar(select(func.count()).select_from(BulletinEntry).where(
        BulletinEntry.bulletin_id == bulletin.id, BulletinEntry.kind == "news"))
    if held >= limit:
        return []
    items = db.session.scalars(
        _month_items(bulletin).where(NewsItem.id.not_in(_item_ids_in(bulletin)))
        .order_by(_governor_rank().desc(), _channel_count().desc(), NewsItem.date, NewsItem.id)
        .limit(limit - held)).all()
    _add_items(bulletin, items)
    return items


@bp.route("/bulletins/<int:bulletin_id>/auto", methods=["POST"])
@permission_required("news.edit")
def auto_select(bulletin_id):
    bulletin = _bulletin_or_404(bulletin_id)
    if (refused := _draft_or_redirect(bulletin)) is not None:
        return refused
    items = auto_fill(bulletin)
    db.session.commit()
    if items:
        flash(_("%(count)s news items of the month were added.", count=to_fa_digits(len(items))), "success")
    else:
        flash(_("No published news item of the month is left to add."), "warning")
    return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))


def _pick_listing(bulletin):
    return ListQuery(
        _month_items(bulletin),
        search_column=NewsItem.search_text,
        filters={"type": lambda statement, value: statement.where(NewsItem.type == value)},
        sorts={"date": (NewsItem.date,)},
        default_sort="date",
    )


@bp.route("/bulletins/<int:bulletin_id>/pick", methods=["GET", "POST"])
@permission_required("news.edit")
def pick_items(bulletin_id):
    """The month's published items with checkboxes; the ticked ones are added in their order."""
    bulletin = _bulletin_or_404(bulletin_id)
    if (refused := _draft_or_redirect(bulletin)) is not None:
        return refused
    if request.method == "POST":
        ids = [int(value) for value in map(to_ascii_digits, request.form.getlist("item_id")) if value.isdigit()]
        items = db.session.scalars(
            _month_items(bulletin).where(NewsItem.id.in_(ids), NewsItem.id.not_in(_item_ids_in(bulletin)))
            .order_by(NewsItem.date, NewsItem.id)).all() if ids else []
        if not items:
            flash(_("Tick at least one news item that is not in the bulletin yet."), "warning")
            return redirect_to(url_for("news.pick_items", bulletin_id=bulletin.id, **request.args))
        _add_items(bulletin, items)
        db.session.commit()
        flash(_("%(count)s news items were added.", count=to_fa_digits(len(items))), "success")
        return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))
    filters = PickFilterForm(request.args)
    page = _pick_listing(bulletin).page(db.session)
    held = set(db.session.scalars(_item_ids_in(bulletin)))
    return render("news/bulletins/pick.html", block="results", bulletin=bulletin, page=page, filters=filters,
                  held=held, month=month_label(bulletin.year, bulletin.month))


@bp.route("/bulletins/<int:bulletin_id>/coverage", methods=["GET", "POST"])
@permission_required("news.edit")
def add_coverage(bulletin_id):
    bulletin = _bulletin_or_404(bulletin_id)
    if (refused := _draft_or_redirect(bulletin)) is not None:
        return refused
    form = CoverageForm()
    if form.validate_on_submit():
        entry = BulletinEntry(bulletin=bulletin, position=next_position(bulletin), kind="coverage")
        form.populate_obj(entry)
        db.session.add(entry)
        db.session.commit()
        flash(_("The coverage was added to the bulletin."), "success")
        return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))
    outlets = db.session.scalars(select(Organization.name).where(Organization.type == "press")
                                 .order_by(Organization.name).limit(200)).all()
    return render_form("news/bulletins/coverage.html", form, bulletin=bulletin, outlets=outlets,
                       month=month_label(bulletin.year, bulletin.month))


def _entry_or_404(bulletin, entry_id):
    return db.one_or_404(select(BulletinEntry).where(BulletinEntry.id == entry_id,
                                                     BulletinEntry.bulletin_id == bulletin.id))


def _entries_changed(bulletin):
    """After a change of the entries: the list alone for htmx, else back to the page."""
    if request.htmx:
        return render("news/bulletins/bulletin.html", block="entries", **_page_context(bulletin))
    return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))


@bp.route("/bulletins/<int:bulletin_id>/entries/<int:entry_id>/move", methods=["POST"])
@permission_required("news.edit")
def move_entry(bulletin_id, entry_id):
    bulletin = _bulletin_or_404(bulletin_id)
    entry = _entry_or_404(bulletin, entry_id)
    if (refused := _draft_or_redirect(bulletin)) is not None:
        return refused
    entries = _entries(bulletin)
    index = entries.index(entry)
    other = index - 1 if request.form.get("direction") == "up" else index + 1
    if 0 <= other < len(entries):
        entries[index], entries[other] = entries[other], entries[index]
        for position, each in enumerate(entries, start=1):
            each.position = position
        db.session.commit()
    return _entries_changed(bulletin)


@bp.route("/bulletins/<int:bulletin_id>/entries/<int:entry_id>/delete", methods=["POST"])
@permission_required("news.edit")
def remove_entry(bulletin_id, entry_id):
    bulletin = _bulletin_or_404(bulletin_id)
    entry = _entry_or_404(bulletin, entry_id)
    if (refused := _draft_or_redirect(bulletin)) is not None:
        return refused
    db.session.delete(entry)
    db.session.flush()
    for position, each in enumerate(_entries(bulletin), start=1):
        each.position = position
    db.session.commit()
    flash(_("The entry was removed from the bulletin."), "success")
    return _entries_changed(bulletin)


@bp.route("/bulletins/<int:bulletin_id>/finalize", methods=["POST"])
@permission_required("news.edit")
def finalize_bulletin(bulletin_id):
    bulletin = _bulletin_or_404(bulletin_id)
    if (refused := _draft_or_redirect(bulletin)) is not None:
        return refused
    bulletin.status = "final"
    db.session.commit()
    flash(_("The bulletin is final."), "success")
    return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))


@bp.route("/bulletins/<int:bulletin_id>/reopen", methods=["POST"])
@permission_required("news.publish")
def reopen_bulletin(bulletin_id):
    bulletin = _bulletin_or_404(bulletin_id)
    bulletin.status = "draft"
    db.session.commit()
    flash(_("The bulletin is open for changes again."), "success")
    return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))


@bp.route("/bulletins/<int:bulletin_id>/delete", methods=["POST"])
@permission_required("news.edit")
def delete_bulletin(bulletin_id):
    bulletin = _bulletin_or_404(bulletin_id)
    if (refused := _draft_or_redirect(bulletin)) is not None:
        return refused
    bulletin.soft_delete(current_user)
    db.session.commit()
    flash(_("The bulletin was moved to the trash."), "success")
    return redirect_to(url_for("news.bulletins"))


@bp.route("/bulletins/<int:bulletin_id>/bulletin.pdf")
@permission_required("news.view")
def bulletin_pdf(bulletin_id):
    bulletin = _bulletin_or_404(bulletin_id)
    try:
        return pdf_response("news/bulletins/bulletin_pdf.html", f"{bulletin.title}.pdf", bulletin=bulletin,
                            entries=_entries(bulletin), month=month_label(bulletin.year, bulletin.month))
    except PdfError as error:
        flash(str(error), "danger")
        return redirect_to(url_for("news.bulletin", bulletin_id=bulletin.id))


def search_groups(query, user, limit):
    """Bulletins matching the query; confidential ones only for users who may see them."""
    def statement(match):
        statement = select(Bulletin).where(match)
        if not may_see_confidential(user):
            statement = statement.where(Bulletin.confidential.is_(False))
        return statement.order_by(Bulletin.year.desc(), Bulletin.month.desc())

    return [SearchGroup(
        "bulletins", _("News bulletins"), (Bulletin.search_text,), statement,
        more_url=lambda: url_for("news.bulletins", q=query.text),
        hit=lambda bulletin: {"title": bulletin.title, "url": url_for("news.bulletin", bulletin_id=bulletin.id),
                              "detail": month_label(bulletin.year, bulletin.month)})]


