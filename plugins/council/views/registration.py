"""The candidates of a board election: registration from the public page (member number and
national code) or by the secretariat, the vetting per clause with the decision, and objections
to a rejection with their decision. Nothing changes once the final list is published.

The public page says precisely why someone cannot register, but only about themselves: an
unknown number or a number whose national code does not match get the same message."""
import datetime

from flask import flash, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.db import db
from core.jalali import format_date, today
from core.models import Person
from core.permissions import permission_required, public, user_can
from core.rendering import redirect_to, render, render_form
from core.text import to_fa_digits

from ..blueprint import bp
from ..bodies import body_titles
from ..forms.elections import (ObjectionDecisionForm, ObjectionForm, RegistrationForm, StaffRegistrationForm,
                               vetting_form)
from ..models import Candidate, Member, Objection, Vetting
from .elections import candidate_status_titles, election_or_404, refused


def registration_problem(election, member, day):
    """Why ``member`` cannot register in ``election`` on ``day`` (Persian), or None."""
    if not election.registration_open(day):
        return _("Registration for this election is open from %(start)s to %(end)s.",
                 start=format_date(election.registration_start), end=format_date(election.registration_end))
    if member.unit.body != election.body:
        return _("You are not a member of %(body)s, whose board this election chooses.",
                 body=body_titles()[election.body])
    if not member.is_current or member.unit.is_deleted:
        return _("Only current members may register; your membership has ended.")
    registered = db.session.scalar(select(Candidate).where(Candidate.election_id == election.id,
                                                           Candidate.member_id == member.id))
    if registered is not None:
        return _("You are already registered as a candidate (registration number %(number)s).",
                 number=to_fa_digits(registered.id))
    return None


def register(election, member, statement):
    candidate = Candidate(election=election, member=member, statement=statement or "",
                          registered_at=datetime.datetime.now(datetime.UTC), status="registered")
    db.session.add(candidate)
    db.session.commit()
    return candidate


def member_by_number(number):
    return db.session.scalar(select(Member).where(Member.member_number == number)
                             .options(selectinload(Member.person), selectinload(Member.unit)))


@bp.route("/elections/<int:election_id>/register", methods=["GET", "POST"])
@public
def register_public(election_id):
    election = election_or_404(election_id)
    form = RegistrationForm()
    if form.validate_on_submit():
        member = member_by_number(form.member_number.data)
        if member is None or member.person is None or member.person.national_code != form.national_code.data:
            form.form_errors.append(_("No member has this member number with this national code. Check both "
                                      "numbers, or ask the council's secretariat."))
        else:
            problem = registration_problem(election, member, today())
            if problem:
                form.form_errors.append(problem)
            else:
                candidate = register(election, member, form.statement.data)
                return render("council/elections/registered.html", block="form", election=election, candidate=candidate,
                              bodies=body_titles())
    return render_form("council/elections/register.html", form, election=election, bodies=body_titles(),
                       is_open=election.registration_open(today()))


@bp.route("/elections/<int:election_id>/candidates/new", methods=["GET", "POST"])
@permission_required("council.edit")
def candidate_new(election_id):
    election = election_or_404(election_id)
    form = StaffRegistrationForm()
    if form.validate_on_submit():
        member = member_by_number(form.member_number.data)
        problem = (_("No member has this member number.") if member is None
                   else registration_problem(election, member, today()))
        if problem:
            form.member_number.errors.append(problem)
        else:
            candidate = register(election, member, form.statement.data)
            flash(_("%(name)s was registered as a candidate (registration number %(number)s).",
                    name=member.person.full_name, number=to_fa_digits(candidate.id)), "success")
            return redirect_to(url_for(".election", election_id=election.id) + "#candidates")
    return render_form("council/elections/candidate_new.html", form, election=election)


def candidate_or_404(election, candidate_id):
    return db.one_or_404(
        select(Candidate).where(Candidate.id == candidate_id, Candidate.election_id == election.id)
        .options(selectinload(Candidate.member).selectinload(Member.person).selectinload(Person.organization),
                 selectinload(Candidate.vetting), selectinload(Candidate.objections)))


def _vetting_data(candidate):
    data = {}
    for row in candidate.vetting:
        data[f"met_{row.clause_id}"] = "1" if row.met else "0"
        data[f"reason_{row.clause_id}"] = row.reason
    if candidate.status in ("approved", "rejected"):
        data.update(decision=candidate.status, decision_reason=candidate.decision_reason)
    return data


def candidate_page(election, candidate, form=None, objection_form=None, decision_form=None, status=200):
    may_decide = user_can(current_user, "council.manage")
    if form is None:
        form = vetting_form(election.clauses, may_decide, data=_vetting_data(candidate))
    decision_forms = {objection.id: ObjectionDecisionForm(prefix=f"o{objection.id}")
                      for objection in candidate.objections if objection.decision == "pending"}
    if decision_form is not None:
        decision_forms[decision_form.objection_id] = decision_form
    # The clauses' form while the vetting may change: until the final list, and not once an
    # objection was filed (its decision is what stands).
    may_vet = (user_can(current_user, "council.edit") and election.list_published_at is None
               and not candidate.objections)
    return render("council/elections/candidate.html", status=status, election=election, candidate=candidate,
                  may_vet=may_vet,
                  form=form, may_decide=may_decide, statuses=candidate_status_titles(),
                  objection_form=objection_form or ObjectionForm(candidate=candidate),
                  decision_forms=decision_forms,
                  objection_open=objection_open(candidate, today()))


@bp.route("/elections/<int:election_id>/candidates/<int:candidate_id>")
@permission_required("council.view")
def candidate(election_id, candidate_id):
    election = election_or_404(election_id)
    return candidate_page(election, candidate_or_404(election, candidate_id))


@bp.route("/elections/<int:election_id>/candidates/<int:candidate_id>/vetting", methods=["POST"])
@permission_required("council.edit")
def candidate_vetting(election_id, candidate_id):
    election = election_or_404(election_id)
    candidate = candidate_or_404(election, candidate_id)
    if election.list_published_at is not None:
        return refused(election, _("The final list is published; the vetting can no longer change."))
    if candidate.objections:
        return refused(election, _("%(name)s objected to the decision; the objection's decision stands.",
                                   name=candidate.member.person.full_name))
    may_decide = user_can(current_user, "council.manage")
    form = vetting_form(election.clauses, may_decide)
    if not form.validate_on_submit():
        return candidate_page(election, candidate, form=form, status=422)
    rows = {row.clause_id: row for row in candidate.vetting}
    for clause in election.clauses:
        row = rows.get(clause.id) or Vetting(candidate=candidate, clause=clause)
        row.met = form[f"met_{clause.id}"].data == "1"
        row.reason = form[f"reason_{clause.id}"].data or ""
        db.session.add(row)
    if may_decide and form.decision.data:
        if form.decision.data != candidate.status:
            candidate.decided_at = datetime.datetime.now(datetime.UTC)
        candidate.status = form.decision.data
        candidate.decision_reason = form.decision_reason.data or ""
        message = _("The vetting decision was recorded.")
    else:
        if may_decide and candidate.status in ("approved", "rejected"):
            candidate.status, candidate.decided_at, candidate.decision_reason = "registered", None, ""
        message = _("The vetting was saved; the candidate is not decided yet.")
    db.session.commit()
    flash(message, "success")
    return redirect_to(url_for(".candidate", election_id=election.id, candidate_id=candidate.id))


def objection_open(candidate, day):
    election = candidate.election
    return (candidate.status == "rejected" and election.list_published_at is None and day <= election.objections_end
            and not any(objection.decision == "pending" for objection in candidate.objections))


@bp.route("/elections/<int:election_id>/candidates/<int:candidate_id>/objections", methods=["POST"])
@permission_required("council.edit")
def objection_new(election_id, candidate_id):
    election = election_or_404(election_id)
    candidate = candidate_or_404(election, candidate_id)
    if candidate.status != "rejected":
        return refused(election, _("Only a rejected candidate may object."))
    if not objection_open(candidate, today()):
        return refused(election, _("Objections are no longer accepted for %(name)s.",
                                   name=candidate.member.person.full_name))
    form = ObjectionForm(candidate=candidate)
    if not form.validate_on_submit():
        return candidate_page(election, candidate, objection_form=form, status=422)
    db.session.add(Objection(candidate=candidate, filed_on=form.filed_on.data, text=form.text.data))
    db.session.commit()
    flash(_("The objection was recorded."), "success")
    return redirect_to(url_for(".candidate", election_id=election.id, candidate_id=candidate.id))


@bp.route("/elections/<int:election_id>/candidates/<int:candidate_id>/objections/<int:objection_id>",
          methods=["POST"])
@permission_required("council.manage")
def objection_decide(election_id, candidate_id, objection_id):
    election = election_or_404(election_id)
    candidate = candidate_or_404(election, candidate_id)
    objection = next((row for row in candidate.objections if row.id == objection_id), None)
    if objection is None or objection.decision != "pending" or election.list_published_at is not None:
        return refused(election, _("This objection is already decided."))
    form = ObjectionDecisionForm(prefix=f"o{objection.id}")
    if not form.validate_on_submit():
        form.objection_id = objection.id
        return candidate_page(election, candidate, decision_form=form, status=422)
    now = datetime.datetime.now(datetime.UTC)
    objection.decision, objection.reason, objection.decided_at = form.decision.data, form.reason.data, now
    if objection.decision == "accepted":
        candidate.status, candidate.decision_reason, candidate.decided_at = "approved", objection.reason, now
    db.session.commit()
    flash(_("The objection was decided."), "success")
    return redirect_to(url_for(".candidate", election_id=election.id, candidate_id=candidate.id))

