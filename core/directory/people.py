"""People: list, page, create, edit, delete (to the trash) and their photos."""
from flask import abort, flash, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import false, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from core import files
from core.db import db, get_or_404
from core.directory import bp
from core.directory.forms import PersonForm
from core.directory.lookups import national_code_taken_message, people_with_national_codes
from core.exporting import Column, export_list
from core.listing import ListQuery
from core.models import Organization, Person
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.text import clean_text, normalize_fa, to_ascii_digits

PERSON_FIELDS = ("first_name", "last_name", "national_code", "mobile", "email", "organization_id", "position")
NULLABLE_FIELDS = {"national_code", "mobile", "organization_id"}


def _organization_filter(statement, value):
    value = to_ascii_digits(value)
    return statement.where(Person.organization_id == int(value) if value.isdigit() else false())


def _organization_name_filter(statement, value):
    """People of the organizations whose name holds every word typed (a text box, not a list of
    thousands of organizations on every page)."""
    matching = select(Organization.id)
    for word in normalize_fa(value).split():
        matching = matching.where(Organization.search_text.contains(word, autoescape=True))
    return statement.where(Person.organization_id.in_(matching))


# Sorting by organization reads the name per row, so counting and the other sorts need no join.
ORGANIZATION_NAME = select(Organization.name).where(Organization.id == Person.organization_id).scalar_subquery()


def _listing():
    return ListQuery(
        select(Person).options(selectinload(Person.organization)),
        search_column=Person.search_text,
        filters={
            "organization": _organization_filter,
            "org": _organization_name_filter,
            "position": lambda statement, value: statement.where(
                Person.position.contains(clean_text(value), autoescape=True)),
        },
        sorts={"name": (Person.last_name, Person.first_name), "organization": ORGANIZATION_NAME,
               "position": Person.position},
        default_sort="name",
    )


EXPORT_COLUMNS = [
    Column(_l("First name"), "first_name", width=16),
    Column(_l("Last name"), "last_name", width=20),
    Column(_l("National code"), "national_code", kind="text", width=14),
    Column(_l("Mobile"), "mobile", kind="text", width=14),
    Column(_l("Organization"), "organization.name", width=36),
    Column(_l("Position"), "position", width=24),
    Column(_l("Added on"), "created_at", kind="date", width=14),
]


def _organizations():
    """Every organization's id and name, for the filter and the form's choices (rows, not ORM
    objects: building thousands of objects per request cost more than the rest of the page)."""
    return db.session.execute(select(Organization.id, Organization.name).order_by(Organization.name)).all()


@bp.route("/people/")
@permission_required("directory.view")
def people():
    listing = _listing()
    export = export_list(listing, EXPORT_COLUMNS, title=_("People"), filename=_("people"))
    if export is not None:
        return export
    page = listing.page(db.session)
    if request.htmx and not request.htmx.boosted:  # the results block needs neither list
        return render("directory/people.html", block="results", page=page)
    # Suggestions only: counting people in the trash too lets the position index answer alone.
    positions = db.session.scalars(
        select(Person.position).where(Person.position != "").distinct().order_by(Person.position).limit(200)
        .execution_options(include_deleted=True)).all()
    chosen = to_ascii_digits(request.args.get("organization", ""))
    organization = db.session.get(Organization, int(chosen)) if chosen.isdigit() else None
    return render("directory/people.html", block="results", page=page, positions=positions,
                  organization=organization)



@bp.route("/people/<int:person_id>")
@permission_required("directory.view")
def person(person_id):
    return render("directory/person.html", person=get_or_404(Person, person_id))


def _save(form, person):
    for name in PERSON_FIELDS:
        value = getattr(form, name).data
        if value is None and name not in NULLABLE_FIELDS:
            value = ""
        setattr(person, name, value)
    if form.new_photo:
        person.photo = form.new_photo
    elif form.remove_photo.data:
        person.photo = None


def _commit_or_report(form):
    """Commit; a national code taken by someone else meanwhile becomes a form error."""
    try:
        db.session.commit()
        return True
    except IntegrityError:
        db.session.rollback()
        owner = people_with_national_codes([form.national_code.data]).get(form.national_code.data)
        form.national_code.errors = [national_code_taken_message(owner) if owner else
                                     _("This national code is already in the directory.")]
        return False


@bp.route("/people/new", methods=["GET", "POST"])
@permission_required("directory.edit")
def new_person():
    form = PersonForm(organizations=_organizations())
    if request.method == "GET" and request.args.get("organization", "").isdigit():
        form.organization_id.data = int(request.args["organization"])
    if form.validate_on_submit():
        person = Person()
        _save(form, person)
        db.session.add(person)
        if _commit_or_report(form):
            flash(_("%(name)s was added to the directory.", name=person.full_name), "success")
            return redirect_to(url_for("directory.person", person_id=person.id))
    return render_form("directory/person_form.html", form, person=None)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@permission_required("directory.edit")
def edit_person(person_id):
    person = get_or_404(Person, person_id)
    form = PersonForm(person=person, organizations=_organizations())
    if form.validate_on_submit():
        _save(form, person)
        if _commit_or_report(form):
            flash(_("The changes were saved."), "success")
            return redirect_to(url_for("directory.person", person_id=person.id))
        person = get_or_404(Person, person_id)
    return render_form("directory/person_form.html", form, person=person)


@bp.route("/people/<int:person_id>/delete", methods=["POST"])
@permission_required("directory.edit")
def delete_person(person_id):
    person = get_or_404(Person, person_id)
    person.soft_delete(current_user)
    db.session.commit()
    flash(_("%(name)s was moved to the trash. It can be restored from there.", name=person.full_name), "success")
    return redirect_to(url_for("directory.people"))


@bp.route("/people/<int:person_id>/photo")
@permission_required("directory.view")
def person_photo(person_id):
    person = get_or_404(Person, person_id)
    if not person.photo:
        abort(404)
    return files.serve_image(person.photo, person.full_name, thumbnail=request.args.get("size") == "thumb")
