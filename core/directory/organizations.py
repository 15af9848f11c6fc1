"""Organizations: list, page, create, edit, delete (to the trash)."""
from flask import flash, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import case, func, select

from core.db import db, get_or_404
from core.directory import bp
from core.directory.forms import OrganizationForm
from core.directory.labels import ORGANIZATION_TYPE_LABELS, organization_type_choices, organization_type_label
from core.exporting import Column, export_list
from core.listing import ListQuery
from core.models import Organization, Person
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form
from core.text import clean_text


def _listing():
    type_label = case({code: str(label) for code, label in ORGANIZATION_TYPE_LABELS.items()},
                      value=Organization.type, else_=Organization.type)
    return ListQuery(
        select(Organization),
        search_column=Organization.search_text,
        filters={
            "type": lambda statement, value: statement.where(Organization.type == value),
            "city": lambda statement, value: statement.where(Organization.city == clean_text(value)),
        },
        sorts={"name": Organization.name, "type": type_label, "city": Organization.city},
        default_sort="name",
    )


EXPORT_COLUMNS = [
    Column(_l("Name"), "name", width=40),
    Column(_l("Type"), lambda organization: organization_type_label(organization.type), width=22),
    Column(_l("City"), "city", width=14),
    Column(_l("Phone"), "phone", kind="text", width=16),
    Column(_l("Address"), "address", width=40),
]


def people_counts(organization_ids):
    rows = db.session.execute(
        select(Person.organization_id, func.count())
        .where(Person.organization_id.in_(organization_ids))
        .group_by(Person.organization_id))
    return dict(rows.all())


@bp.route("/organizations/")
@permission_required("directory.view")
def organizations():
    listing = _listing()
    export = export_list(listing, EXPORT_COLUMNS, title=_("Organizations"), filename=_("organizations"))
    if export is not None:
        return export
    page = listing.page(db.session)
    cities = db.session.scalars(
        select(Organization.city).where(Organization.city != "").distinct().order_by(Organization.city)).all()
    return render("directory/organizations.html", block="results", page=page, cities=cities,
                  types=organization_type_choices(), counts=people_counts([o.id for o in page.items]))



@bp.route("/organizations/<int:organization_id>")
@permission_required("directory.view")
def organization(organization_id):
    organization = get_or_404(Organization, organization_id)
    people = db.session.scalars(
        select(Person).where(Person.organization_id == organization.id)
        .order_by(Person.last_name, Person.first_name)).all()
    return render("directory/organization.html", organization=organization, people=people)


def _save(form, organization):
    for name in ("name", "type", "city", "phone", "address"):
        setattr(organization, name, getattr(form, name).data or "")


@bp.route("/organizations/new", methods=["GET", "POST"])
@permission_required("directory.edit")
def new_organization():
    form = OrganizationForm()
    if form.validate_on_submit():
        organization = Organization()
        _save(form, organization)
        db.session.add(organization)
        db.session.commit()
        flash(_("%(name)s was added to the directory.", name=organization.name), "success")
        return redirect_to(url_for("directory.organization", organization_id=organization.id))
    return render_form("directory/organization_form.html", form, organization=None)


@bp.route("/organizations/<int:organization_id>/edit", methods=["GET", "POST"])
@permission_required("directory.edit")
def edit_organization(organization_id):
    organization = get_or_404(Organization, organization_id)
    form = OrganizationForm(organization=organization)
    if form.validate_on_submit():
        _save(form, organization)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for("directory.organization", organization_id=organization.id))
    return render_form("directory/organization_form.html", form, organization=organization)


@bp.route("/organizations/<int:organization_id>/delete", methods=["POST"])
@permission_required("directory.edit")
def delete_organization(organization_id):
    organization = get_or_404(Organization, organization_id)
    organization.soft_delete(current_user)
    db.session.commit()
    flash(_("%(name)s was moved to the trash. It can be restored from there.", name=organization.name),
          "success")
    return redirect_to(url_for("directory.organizations"))
