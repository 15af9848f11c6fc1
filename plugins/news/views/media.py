"""Media relations: the press outlets of the directory with their reporters and beats, the
department's visits to outlets and meetings with reporters, and SMS bulletins sent through the
core's SMS service (module "news", so the report counts them apart)."""
import secrets
from collections import namedtuple
from datetime import date

from flask import flash, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.datastructures import MultiDict

from core.db import db, get_or_404
from core.exporting import Column, export_list
from core.jalali import Period, format_date, parse_jalali_date, to_jalali_input, today
from core.listing import ListQuery, date_range, id_filter, record_id
from core.models import Organization, Person
from core.permissions import permission_required, user_can
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.sms import SmsError, send_sms, sms_summary
from core.sms.groups import member_counts
from core.sms.models import SmsBatch, SmsGroup
from core.sms.recipients import RecipientSpec
from core.sms.send import counter
from core.sms.service import check
from core.sms.stats import batch_counts
from core.stats import in_days
from core.text import to_ascii_digits

from ..blueprint import bp
from ..forms.media import (
    BEATS,
    ContactFilterForm,
    ContactForm,
    PeriodForm,
    ReporterFilterForm,
    ReporterForm,
    SmsBulletinForm,
)
from ..labels import label
from ..models import OutletContact, Reporter

SENT_TOKENS = "news_sms_sent"  # session: the preview's token → the batch it sent, so a second click sends nothing
LATEST_CONTACTS = 50  # on an outlet's page


def is_reporter():
    """A person of a press outlet, or anyone with a beat (a Reporter row)."""
    return or_(Person.organization_id.in_(select(Organization.id).where(Organization.type == "press")),
               Person.id.in_(select(Reporter.person_id)))


def _valid_args(filters):
    """The query string without the filters whose value is wrong (shown with its error instead)."""
    filters.validate()
    return {name: value for name, value in request.args.items() if name not in filters.errors}


def _outlet_choices(blank):
    rows = db.session.execute(select(Organization.id, Organization.name)
                              .where(Organization.type == "press").order_by(Organization.name))
    return [("", blank), *((str(row.id), row.name) for row in rows)]


def _jalali_year_start():
    return Period.year_to_date().start


# --- outlets ---------------------------------------------------------------------------------

OUTLETS = ListQuery(select(Organization).where(Organization.type == "press"),
                    search_column=Organization.search_text,
                    sorts={"name": Organization.name, "city": Organization.city}, default_sort="name")


def _reporter_counts(outlet_ids):
    return dict(db.session.execute(
        select(Person.organization_id, func.count()).where(Person.organization_id.in_(outlet_ids))
        .group_by(Person.organization_id)).all())


def _contact_figures(outlet_ids):
    """``{outlet id: (date of the last contact, contacts since 1 Farvardin)}``, one query."""
    year_start = _jalali_year_start()
    rows = db.session.execute(
        select(OutletContact.organization_id, func.max(OutletContact.date),
               func.count(OutletContact.id).filter(OutletContact.date >= year_start))
        .where(OutletContact.organization_id.in_(outlet_ids)).group_by(OutletContact.organization_id))
    return {outlet_id: (last, count) for outlet_id, last, count in rows}


@bp.route("/media/")
@permission_required("news.view")
def outlets():
    page = OUTLETS.page(db.session)
    ids = [outlet.id for outlet in page.items]
    return render("news/media/outlets.html", block="results", page=page, reporters=_reporter_counts(ids),
                  contacts=_contact_figures(ids))


@bp.route("/media/outlets/<int:organization_id>")
@permission_required("news.view")
def outlet(organization_id):
    outlet = db.one_or_404(select(Organization).where(Organization.id == organization_id,
                                                      Organization.type == "press"))
    reporters = db.session.execute(
        select(Person, Reporter).outerjoin(Reporter, Reporter.person_id == Person.id)
        .where(Person.organization_id == outlet.id).order_by(Person.last_name, Person.first_name)).all()
    contacts = db.session.scalars(
        select(OutletContact).where(OutletContact.organization_id == outlet.id)
        .options(selectinload(OutletContact.people))
        .order_by(OutletContact.date.desc(), OutletContact.id.desc()).limit(LATEST_CONTACTS)).all()
    total = db.session.scalar(select(func.count(OutletContact.id)).where(OutletContact.organization_id == outlet.id))
    return render("news/media/outlet.html", outlet=outlet, reporters=reporters, contacts=contacts,
                  total=total, latest=LATEST_CONTACTS)


# --- reporters -------------------------------------------------------------------------------

ReporterRow = namedtuple("ReporterRow", "person reporter")

REPORTERS = ListQuery(
    select(Person).outerjoin(Person.organization).where(is_reporter()),
    search_column=Person.search_text,
    filters={
        "outlet": id_filter(Person.organization_id),
        "beat": lambda statement, value: statement.where(
            Person.id.in_(select(Reporter.person_id).where(Reporter.beat == value))),
    },
    sorts={"name": (Person.last_name, Person.first_name), "outlet": Organization.name,
           "position": Person.position},
    default_sort="name",
)

REPORTER_COLUMNS = [
    Column(_l("Name"), "person.full_name", width=26),
    Column(_l("Outlet"), "person.organization.name", width=34),
    Column(_l("Position"), "person.position", width=20),
    Column(_l("Mobile"), "person.mobile", kind="text", width=14),
    Column(_l("Beat"), "reporter.beat", width=20),
    Column(_l("Note"), "reporter.note", width=40),
]


def _with_beats(people):
    ids = [person.id for person in people]
    reporters = {r.person_id: r for r in db.session.scalars(select(Reporter).where(Reporter.person_id.in_(ids)))}
    return [ReporterRow(person, reporters.get(person.id)) for person in people]


@bp.route("/media/reporters")
@permission_required("news.view")
def reporters():
    filters = ReporterFilterForm(request.args)
    filters.outlet.choices = _outlet_choices(_("All outlets"))
    beats = db.session.scalars(select(Reporter.beat).where(Reporter.beat != "").distinct()
                               .order_by(Reporter.beat)).all()
    filters.beat.choices = [("", _("All beats")), *((beat, beat) for beat in beats)]
    args = _valid_args(filters)
    export = export_list(REPORTERS, REPORTER_COLUMNS, title=_("Reporters"), filename=_("reporters"),
                         prepare=_with_beats, args=args)
    if export is not None:
        return export
    page = REPORTERS.page(db.session, args)
    page.items = _with_beats(page.items)
    return render("news/media/reporters.html", block="results", page=page, filters=filters)


@bp.route("/media/reporters/<int:person_id>", methods=["GET", "POST"])
@permission_required("news.edit")
def reporter_edit(person_id):
    person = get_or_404(Person, person_id)
    # A beat removed to the trash is restored rather than added again (one row per person).
    reporter = db.session.scalar(select(Reporter).where(Reporter.person_id == person.id)
                                 .execution_options(include_deleted=True))
    form = ReporterForm(obj=reporter)
    if form.validate_on_submit():
        if reporter is None:
            reporter = Reporter(person=person)
            db.session.add(reporter)
        elif reporter.is_deleted:
            reporter.restore()
        form.populate_obj(reporter)
        db.session.commit()
        flash(_("The beat of %(name)s was saved.", name=person.full_name), "success")
        return redirect_to(url_for(".reporters"))
    return render_form("news/media/reporter_form.html", form, person=person, beats=BEATS)


# --- visits and meetings ---------------------------------------------------------------------

CONTACTS = ListQuery(
    select(OutletContact).options(selectinload(OutletContact.organization), selectinload(OutletContact.people)),
    search_column=OutletContact.search_text,
    filters={
        "kind": lambda statement, value: statement.where(OutletContact.kind == value),
        "outlet": id_filter(OutletContact.organization_id),
        **date_range(OutletContact.date),
    },
    sorts={"date": (OutletContact.date, OutletContact.deleted_at), "kind": OutletContact.kind},
    default_sort="-date",
)

CONTACT_COLUMNS = [
    Column(_l("Date"), "date", kind="date", width=14),
    Column(_l("Kind"), lambda contact: str(label("contact_kind", contact.kind)), width=20),
    Column(_l("Outlet"), "organization.name", width=34),
    Column(_l("Reporters met"), lambda contact: "، ".join(p.full_name for p in contact.people), width=40),
    Column(_l("Subject"), "subject", width=40),
    Column(_l("Note"), "note", width=60),
]


def _contact_or_404(contact_id):
    return db.one_or_404(select(OutletContact).where(OutletContact.id == contact_id))


@bp.route("/media/contacts")
@permission_required("news.view")
def contacts():
    filters = ContactFilterForm(request.args)
    filters.outlet.choices = _outlet_choices(_("All outlets"))
    args = _valid_args(filters)
    export = export_list(CONTACTS, CONTACT_COLUMNS, title=_("Visits and meetings with the media"),
                         filename=_("media contacts"), args=args)
    if export is not None:
        return export
    page = CONTACTS.page(db.session, args)
    return render("news/media/contacts.html", block="results", page=page, filters=filters)


def _save_contact(form, contact):
    if form.validate_on_submit():
        form.populate_obj(contact)
        db.session.add(contact)
        db.session.commit()
        return True
    return False


@bp.route("/media/contacts/new", methods=["GET", "POST"])
@permission_required("news.edit")
def contact_new():
    form = ContactForm()
    if request.method == "GET":
        form.kind.data = request.args.get("kind", "visit")
        outlet_id = record_id(request.args.get("outlet", ""))
        form.organization.data = db.session.get(Organization, outlet_id) if outlet_id else None
        form.date.data = today()
    if _save_contact(form, OutletContact()):
        flash(_("The visit or meeting was recorded."), "success")
        return redirect_to(url_for(".contacts"))
    return render_form("news/media/contact_form.html", form, contact=None)


@bp.route("/media/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@permission_required("news.edit")
def contact_edit(contact_id):
    contact = _contact_or_404(contact_id)
    form = ContactForm(obj=contact)
    if _save_contact(form, contact):
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".contacts"))
    return render_form("news/media/contact_form.html", form, contact=contact)


@bp.route("/media/contacts/<int:contact_id>/delete", methods=["POST"])
@permission_required("news.edit")
def contact_delete(contact_id):
    contact = _contact_or_404(contact_id)
    contact.soft_delete(current_user)
    db.session.commit()
    flash(_("The visit or meeting was moved to the trash."), "success")
    return redirect_to(url_for(".contacts"))


# --- SMS bulletins ---------------------------------------------------------------------------

def _in_period(start, end):
    return in_days(SmsBatch.created_at, start or date(1900, 1, 1), end or date(2999, 12, 31))


BATCHES = ListQuery(
    select(SmsBatch).where(SmsBatch.module == "news"),
    search_column=SmsBatch.search_text,
    filters={
        "start": lambda statement, value: statement.where(_in_period(parse_jalali_date(value), None)),
        "end": lambda statement, value: statement.where(_in_period(None, parse_jalali_date(value))),
    },
    sorts={"date": SmsBatch.created_at},
    default_sort="-date",
)


def _groups():
    """``[(group, members)]``: the core's saved SMS groups, for the checkboxes."""
    groups = db.session.scalars(select(SmsGroup).order_by(SmsGroup.name)).all()
    counts = member_counts([group.id for group in groups])
    return [(group, counts.get(group.id, 0)) for group in groups]


def _period():
    """The period of the batches and their figures from the query string, this Jalali year by
    default (an emptied date leaves that end open); a mistyped date is shown with its error and
    left out."""
    args = {"start": to_jalali_input(_jalali_year_start()), "end": to_jalali_input(today()), **request.args.to_dict()}
    period = PeriodForm(MultiDict(args))
    period.validate()
    return period, {name: value for name, value in args.items() if name not in period.errors}


def _sms_page(form, groups, *, preview=None, token=None, status=200):
    period, args = _period()
    page = BATCHES.page(db.session, args)
    summary = sms_summary(period.start.data, period.end.data, module="news")
    block = "form" if request.method == "POST" else "results"
    return render("news/media/sms.html", block=block, status=status, form=form, groups=groups, preview=preview,
                  token=token, counter=counter(form.text.data), page=page, period=period, summary=summary,
                  counts=batch_counts([batch.id for batch in page.items]))


@bp.route("/media/sms")
@permission_required("news.view")
def sms():
    groups = _groups()
    return _sms_page(SmsBulletinForm(groups=[group for group, _count in groups]), groups)


@bp.route("/media/sms/send", methods=["POST"])
@permission_required("news.edit")
def sms_send():
    groups = _groups()
    form = SmsBulletinForm(groups=[group for group, _count in groups])
    action = request.form.get("action", "preview")
    if action == "edit":
        return _sms_page(form, groups)
    if not form.validate_on_submit():
        return _sms_page(form, groups, status=422)
    if action == "confirm":
        sent = session.get(SENT_TOKENS, {})
        token = request.form.get("token", "")
        if token in sent:
            return redirect_to(url_for("sms.batch", batch_id=sent[token]))
        title = form.title.data or _("News bulletin of %(date)s", date=format_date(today()))
        try:
            batch = send_sms(form.text.data, group_ids=form.group_ids.data, numbers=[form.numbers.data or ""],
                             user=current_user, module="news", title=title)
        except SmsError as error:
            form.form_errors.append(str(error))
            return _sms_page(form, groups, status=422)
        session[SENT_TOKENS] = {**dict(list(sent.items())[-19:]), token: batch.id}
        flash(_("The bulletin is being sent."), "success")
        return redirect_to(url_for("sms.batch", batch_id=batch.id))
    checked = check(form.text.data, RecipientSpec(group_ids=form.group_ids.data, numbers=form.numbers.data or ""))
    return _sms_page(form, groups, preview=checked, token=secrets.token_urlsafe(16),
                     status=200 if checked.count else 422)


# --- search and calendar ---------------------------------------------------------------------

def search_groups(query, user, limit):
    """The visits and meetings whose subject or note match (the directory's own search finds the
    reporters themselves)."""
    editing = user_can(user, "news.edit")

    def hit(contact):
        url = (url_for("news.contact_edit", contact_id=contact.id) if editing
               else url_for("news.contacts", q=contact.subject))
        return {"title": contact.subject or str(label("contact_kind", contact.kind)), "url": url,
                "detail": contact.note, "date": contact.date}

    return [SearchGroup("contacts", _("Visits and meetings with the media"), (OutletContact.search_text,),
                        lambda match: select(OutletContact).where(match)
                        .order_by(OutletContact.date.desc(), OutletContact.id.desc()),
                        hit=hit, more_url=lambda: url_for("news.contacts", q=query.text))]


def calendar_entries(start, end, user):
    contacts = db.session.scalars(select(OutletContact).where(OutletContact.date.between(start, end))
                                  .options(joinedload(OutletContact.organization)))
    return [{"title": contact.subject or str(label("contact_kind", contact.kind)), "date": contact.date,
             "kind": "meeting", "detail": contact.organization.name if contact.organization else "",
             "endpoint": "news.contacts",
             "url_args": {"start": to_ascii_digits(to_jalali_input(contact.date)),
                          "end": to_ascii_digits(to_jalali_input(contact.date))}}
            for contact in contacts]
