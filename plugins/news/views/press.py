"""Press conferences and briefings (نشست‌های خبری): the timetable proposed for the directors-general
and deputies, approval by the department head, then held (with the outlets that came and the news
items it gave) or cancelled with a reason. Overdue ones (معوق) are open ones whose day has passed."""
from datetime import datetime, timedelta

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from core.db import built_once, built_rows, db
from core.extensions import request_translations
from core.exporting import Column, export_list, fetch
from core.jalali import TIMEZONE, format_date, today
from core.listing import ListQuery, date_range
from core.models import Organization, Person
from core.pdf import PdfError, pdf_response
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.text import to_ascii_digits, to_fa_digits
from core.urls import row_url

from ..blueprint import bp
from ..forms.press import CancelForm, ConferenceForm, HeldForm, ListFilterForm
from ..labels import conference_badges, label
from ..models import Announcement, NewsItem, PressConference
from ..models.press import CONFERENCE_STATUSES, OPEN_STATUSES

# News items offered as the results of a conference: those of its day ± this many days.
ITEM_WINDOW_DAYS = 3
ITEM_CHOICES_LIMIT = 100
PDF_ROW_LIMIT = 1000


def _status(statement, value):
    return statement.where(PressConference.status == value) if value in CONFERENCE_STATUSES else statement


def _official(statement, value):
    value = to_ascii_digits(value)
    return statement.where(PressConference.official_id == int(value)) if value.isdigit() else statement


def _overdue(statement, value):
    if value != "1":
        return statement
    return statement.where(PressConference.status.in_(OPEN_STATUSES), PressConference.proposed_on < today())

TIMETABLE_DAY = func.coalesce(PressConference.held_on, PressConference.proposed_on)

CONFERENCES = ListQuery(
    # The columns the list, its export and its PDF show, with the names of the official and the
    # agency joined in: plain rows, where ORM objects cost a conference and two related objects
    # a row. A missing (or trashed) official or agency leaves its columns empty.
    select(PressConference.id, PressConference.kind, PressConference.subject, PressConference.proposed_on,
           PressConference.start_time, PressConference.status, PressConference.held_on, PressConference.place,
           Person.full_name.label("official_name"), Person.position.label("official_position"),
           Organization.name.label("organization_name"))
    .outerjoin(Person, Person.id == PressConference.official_id)
    .outerjoin(Organization, Organization.id == PressConference.organization_id),
    search_column=PressConference.search_text,
    filters={
        "status": _status,
        "official": _official,
        "overdue": _overdue,
        # On its timetable day (PressConference.day): a held one by the day it was held, as the
        # report and the dashboard count it.
        **date_range(TIMETABLE_DAY),
    },
    sorts={"proposed": PressConference.proposed_on},
    default_sort="-proposed",
)


def _clock(value):
    return to_fa_digits(f"{value:%H:%M}") if value else None


def _is_overdue(row, day):
    """``PressConference.is_overdue`` of a row of CONFERENCES as of ``day``."""
    return row.status in OPEN_STATUSES and row.proposed_on < day


def _status_text(row):
    text = label("conference_status", row.status)
    return f"{text} ({_('Overdue')})" if _is_overdue(row, today()) else str(text)


EXPORT_COLUMNS = [
    Column(_l("Proposed date"), "proposed_on", kind="date", width=14),
    Column(_l("Time"), lambda c: _clock(c.start_time), width=8),
    Column(_l("Kind"), lambda c: str(label("conference_kind", c.kind)), width=14),
    Column(_l("Subject"), "subject", width=40),
    Column(_l("Official"), "official_name", width=24),
    Column(_l("Position"), "official_position", width=30),
    Column(_l("Agency"), "organization_name", width=30),
    Column(_l("Place"), "place", width=24),
    Column(_l("Status"), _status_text, width=16),
    Column(_l("Held on"), "held_on", kind="date", width=14),
]


def conference_table_body(rows, titles, kind_labels, by_month) -> Markup:
    """The ``<tbody>`` of the timetable (the template global ``news_conference_body``), rows of
    CONFERENCES under their Jalali month when ``by_month``: in Python, not a loop of the template,
    as it writes six cells on each of its 25 rows. ``titles`` are the columns' labels."""
    official_label, subject_label, kind_label, place_label, status_label = (
        escape(titles[key]) for key in ("official", "subject", "kind", "place", "status"))
    at_time = request_translations().ugettext("at %(time)s")
    day = today()
    month = ""
    html = ["<tbody>\n"]
    for row in rows:
        # Ids, Jalali dates and clock times hold nothing to escape.
        if by_month and format_date(row.proposed_on, "month") != month:
            month = format_date(row.proposed_on, "month")
            html.append(f'  <tr><th scope="colgroup" colspan="6">{month}</th></tr>\n')
        overdue = _is_overdue(row, day)
        overdue_class = ' class="overdue-row"' if overdue else ""
        url = escape(row_url("news.conference", conference_id=row.id))
        clock = (f'<br><small class="muted">{at_time % {"time": _clock(row.start_time)}}</small>'
                 if row.start_time else "")
        official = (f'{escape(row.official_name)}<br><small class="muted">{escape(to_fa_digits(row.official_position))}'
                    "</small>" if row.official_name is not None else "—")
        agency = (f'<br><small class="muted">{escape(row.organization_name)}</small>'
                  if row.organization_name is not None else "")
        held = (f'<br><small class="muted">{format_date(row.held_on)}</small>'
                if row.status == "held" and row.held_on else "")
        html.append(
            f'  <tr id="conference-{row.id}"{overdue_class}>\n'
            f'    <td class="nowrap"><a href="{url}">{format_date(row.proposed_on)}</a>{clock}</td>\n'
            f'    <td data-label="{official_label}">{official}</td>\n'
            f'    <td data-label="{subject_label}"><a href="{url}">{escape(to_fa_digits(row.subject))}</a>{agency}</td>\n'
            f'    <td data-label="{kind_label}">{escape(kind_labels[row.kind])}</td>\n'
            f'    <td data-label="{place_label}">{escape(to_fa_digits(row.place) or "—")}</td>\n'
            f'    <td data-label="{status_label}">{conference_badges(row.status, overdue)}{held}</td>\n'
            "  </tr>\n")
    html.append("  </tbody>")
    return Markup("".join(html))


def list_filters():
    """The list's filter form from the query string, and the arguments without the mistyped
    dates (shown with their errors and left out of the query). Shared with the announcements."""
    filters = ListFilterForm(request.args)
    filters.validate()
    return filters, {name: value for name, value in request.args.items() if name not in filters.errors}


@built_once
def _official_choices():
    return (select(Person.id, Person.first_name, Person.last_name)
            .where(Person.id.in_(select(PressConference.official_id)))
            .order_by(Person.last_name, Person.first_name))


def _officials():
    """The officials who have a conference on the timetable, for the filter."""
    return built_rows(_official_choices()).all()


def _conference_or_404(conference_id):
    # A query (not session.get) so a conference in the trash answers 404.
    return db.one_or_404(select(PressConference).where(PressConference.id == conference_id))


@bp.route("/press/")
@permission_required("news.view")
def conferences():
    filters, args = list_filters()
    export = export_list(CONFERENCES, EXPORT_COLUMNS, title=_("Timetable of press conferences"),
                         filename=_("press conferences"), args=args)
    if export is not None:
        return export
    page = CONFERENCES.page(db.session, args)
    return render("news/press/list.html", block="results", page=page, filters=filters, officials=_officials(),
                  statuses=CONFERENCE_STATUSES)


@bp.route("/press/timetable.pdf")
@permission_required("news.view")
def conferences_pdf():
    """The filtered timetable as a PDF for the governor's office, in date order."""
    _filters, args = list_filters()
    conferences, _total = fetch(CONFERENCES, {**args, "sort": "proposed"}, limit=PDF_ROW_LIMIT)
    rows = [(to_fa_digits(number), format_date(c.proposed_on, "weekday"), _clock(c.start_time) or "—",
             c.official_name or "—", c.subject, str(label("conference_kind", c.kind)),
             c.place or "—", _status_text(c))
            for number, c in enumerate(conferences, start=1)]
    try:
        return pdf_response("news/press/timetable_pdf.html", f"{_('Timetable of press conferences')}.pdf",
                            rows=rows, landscape=True)
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(url_for(".conferences", **args))


@bp.route("/press/new", methods=["GET", "POST"])
@permission_required("news.edit")
def conference_new():
    # «ثبت و بعدی» comes back here with the kind and place of the one just saved.
    form = ConferenceForm(kind=request.args.get("kind", "conference"), place=request.args.get("place", ""))
    if form.validate_on_submit():
        conference = PressConference(status="proposed")
        form.populate_obj(conference)
        db.session.add(conference)
        db.session.commit()
        if "next" in request.form:
            flash(_("The conference was added to the timetable. Enter the next one."), "success")
            return redirect_to(url_for(".conference_new", kind=conference.kind, place=conference.place or None))
        flash(_("The conference was added to the timetable."), "success")
        return redirect_to(url_for(".conference", conference_id=conference.id))
    return render_form("news/press/form.html", form, conference=None)


@bp.route("/press/<int:conference_id>")
@permission_required("news.view")
def conference(conference_id):
    conference = _conference_or_404(conference_id)
    return render("news/press/conference.html", conference=conference)


@bp.route("/press/<int:conference_id>/edit", methods=["GET", "POST"])
@permission_required("news.edit")
def conference_edit(conference_id):
    conference = _conference_or_404(conference_id)
    form = ConferenceForm(obj=conference)
    if form.validate_on_submit():
        form.populate_obj(conference)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".conference", conference_id=conference.id))
    return render_form("news/press/form.html", form, conference=conference)


@bp.route("/press/<int:conference_id>/delete", methods=["POST"])
@permission_required("news.edit")
def conference_delete(conference_id):
    conference = _conference_or_404(conference_id)
    conference.soft_delete(current_user)
    db.session.commit()
    flash(_("The conference was moved to the trash."), "success")
    return redirect_to(url_for(".conferences"))


def _refused(conference, message):
    """An illegal step of the workflow: say why on the conference's page; nothing changes."""
    flash(message, "danger")
    return redirect_to(url_for(".conference", conference_id=conference.id))


@bp.route("/press/<int:conference_id>/approve", methods=["POST"])
@permission_required("news.publish")
def conference_approve(conference_id):
    conference = _conference_or_404(conference_id)
    if conference.status != "proposed":
        return _refused(conference, _("Only a proposed conference can be approved; this one is «%(status)s».",
                                      status=label("conference_status", conference.status)))
    conference.status = "approved"
    conference.approved_by = current_user
    db.session.commit()
    flash(_("The conference was approved."), "success")
    return redirect_to(url_for(".conference", conference_id=conference.id))


def _item_choices(form, conference):
    """The news items the held form offers: those of the held day ±3 days, those the search box
    finds, and those already chosen (so a choice from an earlier search stays)."""
    day = form.held_on.data or conference.held_on or conference.proposed_on
    found = db.session.scalars(
        select(NewsItem).where(NewsItem.date.between(day - timedelta(days=ITEM_WINDOW_DAYS),
                                                     day + timedelta(days=ITEM_WINDOW_DAYS)))
        .order_by(NewsItem.date, NewsItem.id).limit(ITEM_CHOICES_LIMIT)).all()
    if form.item_query.data:
        search = ListQuery(select(NewsItem), search_column=NewsItem.search_text)
        found += db.session.scalars(search.filtered({"q": form.item_query.data})
                                    .order_by(NewsItem.date.desc()).limit(20)).all()
    chosen = (form.items.data or []) if form.is_submitted() else [item.id for item in conference.items]
    if chosen:
        found += db.session.scalars(select(NewsItem).where(NewsItem.id.in_(chosen))).all()
    # The chosen ones first: the list scrolls, and they are what the user checks.
    picked = set(chosen)
    items = sorted({item.id: item for item in found}.values(),
                   key=lambda item: (item.id not in picked, item.date, item.id))
    form.items.choices = [(item.id, f"{format_date(item.date, 'numeric')} — {item.title}") for item in items]
    if not form.is_submitted():
        form.items.data = chosen
    return items


@bp.route("/press/<int:conference_id>/held", methods=["GET", "POST"])
@permission_required("news.edit")
def conference_held(conference_id):
    conference = _conference_or_404(conference_id)
    if conference.status == "cancelled":
        return _refused(conference, _("A cancelled conference cannot be recorded as held."))
    form = HeldForm(obj=conference if conference.status == "held" else None)
    if request.method == "GET" and conference.status != "held":
        form.held_on.data = min(conference.proposed_on, today())
    items = _item_choices(form, conference)
    # «جستجوی خبر» only widens the items offered; the form comes back with nothing saved.
    if "find" not in request.form and form.validate_on_submit():
        conference.status = "held"
        conference.held_on = form.held_on.data
        conference.outlets = form.outlets.data
        chosen = set(form.items.data)
        conference.items = [item for item in items if item.id in chosen]
        db.session.commit()
        flash(_("The conference was recorded as held."), "success")
        return redirect_to(url_for(".conference", conference_id=conference.id))
    return render_form("news/press/held.html", form, conference=conference)


@bp.route("/press/<int:conference_id>/cancel", methods=["GET", "POST"])
@permission_required("news.edit")
def conference_cancel(conference_id):
    conference = _conference_or_404(conference_id)
    if conference.status not in OPEN_STATUSES:
        return _refused(conference, _("Only a proposed or approved conference can be cancelled; this one is "
                                      "«%(status)s».", status=label("conference_status", conference.status)))
    form = CancelForm()
    if form.validate_on_submit():
        conference.status = "cancelled"
        conference.cancel_reason = form.cancel_reason.data
        db.session.commit()
        flash(_("The conference was cancelled."), "success")
        return redirect_to(url_for(".conference", conference_id=conference.id))
    return render_form("news/press/cancel.html", form, conference=conference)


def calendar_entries(start, end, user):
    """Conferences on the core calendar: open ones on their proposed day, held ones on the day
    they were held, timed when a time is set; cancelled ones are left out."""
    conferences = db.session.scalars(
        select(PressConference).options(joinedload(PressConference.official)).where(or_(
            and_(PressConference.status.in_(OPEN_STATUSES), PressConference.proposed_on.between(start, end)),
            and_(PressConference.status == "held", PressConference.held_on.between(start, end)))))
    entries = []
    for conference in conferences:
        day = conference.day
        when = ({"start": datetime.combine(day, conference.start_time, tzinfo=TIMEZONE)}
                if conference.start_time else {"date": day})
        detail = [conference.official.full_name if conference.official else "", conference.place,
                  str(label("conference_status", conference.status))]
        entries.append({**when, "kind": "press_conference", "title": conference.subject,
                        "detail": " · ".join(part for part in detail if part),
                        "endpoint": "news.conference", "url_args": {"conference_id": conference.id}})
    return entries


def _conference_hit(conference):
    official = conference.official.full_name if conference.official else ""
    return {"title": conference.subject, "url": url_for("news.conference", conference_id=conference.id),
            "detail": " · ".join(part for part in (official, conference.place) if part), "date": conference.day}


def _announcement_hit(announcement):
    return {"title": announcement.title, "url": url_for("news.announcement", announcement_id=announcement.id),
            "detail": announcement.place, "date": announcement.event_on}


def _announcements_searched(match):
    return select(Announcement).where(match).order_by(Announcement.sent_on.desc())


def search_groups(query, user, limit):
    return [
        SearchGroup("conferences", _l("Press conferences"), (PressConference.search_text,),
                    lambda match: select(PressConference).options(selectinload(PressConference.official))
                    .where(match).order_by(PressConference.proposed_on.desc()),
                    hit=_conference_hit, more_url=lambda: url_for("news.conferences", q=query.text)),
        SearchGroup("announcements", _l("Event announcements"), (Announcement.search_text,),
                    _announcements_searched, hit=_announcement_hit,
                    more_url=lambda: url_for("news.announcements", q=query.text), by_id=True, kept=True,
                    reads=(Announcement.id, Announcement.title, Announcement.place, Announcement.event_on)),
    ]
