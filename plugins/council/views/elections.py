"""The board elections (انتخابات هیات رئیسه): the list, the setup of an election (schedule, seats,
the statute's clauses), its page with the phase and what comes next, the final list with the
candidate codes and the ballot paper, the supervisory board's sign-off and publishing the results;
the public pages of the final list and the results.

Candidate codes: when the final list is published the approved candidates are numbered from 11
in the alphabetical order of their last names (then first names), in the Persian alphabet."""
import datetime

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.db import db
from core.exporting import Column, export_list
from core.jalali import TIMEZONE, format_date, format_datetime, today
from core.listing import ListQuery
from core.models import Person
from core.pdf import PdfError, pdf_response
from core.permissions import permission_required, public
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.text import fa_number, persian_sort_key

from .. import tally
from ..blueprint import bp
from ..bodies import body_titles
from ..forms.elections import (ElectionForm, SignOffForm, SupervisorForm, mode_titles, supervisor_role_titles,
                               tehran_day)
from ..models import Candidate, Clause, Election, Member, Objection, Supervisor, Unit, Vetting
from ..models.elections import PHASES
from ..models.members import BODIES

FIRST_CODE = 11
# The Persian alphabet, for the order of the final list (Unicode puts پ چ ژ ک گ ی after و).


def phase_titles():
    return {"upcoming": _("Announced"), "registration": _("Registration"), "vetting": _("Vetting"),
            "objections": _("Objections"), "final_list": _("Final list due"),
            "list_published": _("Final list published"), "voting": _("Voting"),
            "counting": _("Counting and sign-off"), "results": _("Results published")}


def candidate_status_titles():
    return {"registered": _("Not decided"), "approved": _("Found eligible"), "rejected": _("Rejected"),
            "withdrawn": _("Withdrawn")}


def election_or_404(election_id):
    # A query (not session.get) so an election in the trash answers 404.
    return db.one_or_404(select(Election).where(Election.id == election_id))


def status_counts(election_ids):
    """{election id: {status: count}} of the candidates, in one query."""
    counts = {election_id: {} for election_id in election_ids}
    rows = db.session.execute(select(Candidate.election_id, Candidate.status, func.count())
                              .where(Candidate.election_id.in_(election_ids))
                              .group_by(Candidate.election_id, Candidate.status))
    for election_id, status, count in rows:
        counts[election_id][status] = count
    return counts


def _body(statement, value):
    return statement.where(Election.body == value) if value in BODIES else statement


ELECTIONS = ListQuery(select(Election), search_column=Election.search_text, filters={"body": _body},
                      sorts={"voting": Election.voting_date, "term": Election.term}, default_sort="-voting")

EXPORT_COLUMNS = [
    Column(_l("Title"), "title", width=40),
    Column(_l("Council"), lambda election: body_titles()[election.body], width=40),
    Column(_l("Board term"), "term", kind="number", width=8),
    Column(_l("Registration from"), "registration_start", kind="date", width=14),
    Column(_l("Registration to"), "registration_end", kind="date", width=14),
    Column(_l("Voting day"), "voting_date", kind="date", width=14),
    Column(_l("Seats"), "seats", kind="number", width=8),
    Column(_l("Phase"), lambda election: phase_titles()[election.phase(today())], width=20),
]


@bp.route("/elections/")
@permission_required("council.view")
def elections():
    export = export_list(ELECTIONS, EXPORT_COLUMNS, title=_("Board elections"), filename=_("elections"))
    if export is not None:
        return export
    page = ELECTIONS.page(db.session)
    return render("council/elections/list.html", block="results", page=page, bodies=body_titles(),
                  counts=status_counts([election.id for election in page.items]), day=today(),
                  phases=phase_titles())


def clauses_locked(election, day):
    """The clauses change no more once the vetting has begun: after the registration, or once a
    clause was assessed."""
    if day > election.registration_end:
        return True
    return db.session.scalar(select(Vetting.candidate_id).join(Candidate)
                             .where(Candidate.election_id == election.id).limit(1)) is not None


def _save(form, election):
    clause_texts = form.clause_texts() if "clause_list" in form else None
    form.populate_obj(election)
    if clause_texts is not None:
        election.clauses = [Clause(position=position, text=text) for position, text in enumerate(clause_texts, 1)]
    election.alternates = election.alternates or 0
    election.max_choices = form.max_choices.data or election.seats


@bp.route("/elections/new", methods=["GET", "POST"])
@permission_required("council.manage")
def election_new():
    form = ElectionForm()
    if form.validate_on_submit():
        election = Election()
        _save(form, election)
        db.session.add(election)
        db.session.commit()
        flash(_("The election was set up."), "success")
        return redirect_to(url_for(".election", election_id=election.id))
    return render_form("council/elections/form.html", form, election=None, locked_clauses=None)


@bp.route("/elections/<int:election_id>/edit", methods=["GET", "POST"])
@permission_required("council.manage")
def election_edit(election_id):
    election = election_or_404(election_id)
    if election.voting_opened_at is not None:
        return refused(election, _("The vote has opened; the election's setup can no longer change."))
    form = ElectionForm(obj=election, election=election)
    locked = clauses_locked(election, today())
    if locked:
        del form.clause_list  # shown as a list, not applied
    elif not form.is_submitted():
        form.clause_list.data = "\n".join(clause.text for clause in election.clauses)
    if form.validate_on_submit():
        _save(form, election)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(url_for(".election", election_id=election.id))
    return render_form("council/elections/form.html", form, election=election,
                       locked_clauses=election.clauses if locked else None)


@bp.route("/elections/<int:election_id>/delete", methods=["POST"])
@permission_required("council.manage")
def election_delete(election_id):
    election = election_or_404(election_id)
    if election.candidates:
        return refused(election, _("An election with registered candidates cannot be deleted."))
    election.soft_delete(current_user)
    db.session.commit()
    flash(_("The election was moved to the trash."), "success")
    return redirect_to(url_for(".elections"))


def refused(election, message):
    """An illegal step: say why on the election's page; nothing changes."""
    flash(message, "danger")
    return redirect_to(url_for("council.election", election_id=election.id))


def milestones(election, day):
    """The election's steps with their planned dates, what was recorded, and whether each is
    done, current or ahead."""
    current = PHASES.index(election.phase(day))
    steps = [
        ("registration", _("Registration"), _("%(start)s to %(end)s", start=format_date(election.registration_start),
                                              end=format_date(election.registration_end)), None, ("registration",)),
        ("vetting", _("Vetting"), _("until %(date)s", date=format_date(election.vetting_end)), None, ("vetting",)),
        ("objections", _("Objections"), _("until %(date)s", date=format_date(election.objections_end)), None,
         ("objections",)),
        ("final_list", _("Final list"), "", election.list_published_at, ("final_list",)),
        ("voting", _("Voting"), format_date(election.voting_date, "weekday"), election.voting_closed_at,
         ("list_published", "voting")),
        ("counting", _("Counting and the supervisors' sign-off"), "", None, ("counting",)),
        ("results", _("Results published"), format_date(election.results_date), election.results_published_at,
         ("results",)),
    ]
    result = []
    for key, title, planned, recorded, phases in steps:
        indices = [PHASES.index(phase) for phase in phases]
        state = "done" if current > max(indices) or key == "results" and recorded else (
            "current" if current in indices else "ahead")
        result.append({"key": key, "title": title, "planned": planned, "state": state,
                       "recorded": format_datetime(recorded) if recorded else ""})
    return result


def list_problem(election, day, counts):
    """Why the final list cannot be published yet (Persian), or None."""
    if election.list_published_at is not None:
        return _("The final list is already published.")
    if counts.get("registered"):
        return _("%(count)s candidates are not decided yet.", count=fa_number(counts["registered"]))
    pending = db.session.scalar(select(func.count()).select_from(Objection).join(Candidate).where(
        Candidate.election_id == election.id, Objection.decision == "pending"))
    if pending:
        return _("%(count)s objections are not decided yet.", count=fa_number(pending))
    if day <= election.objections_end and db.session.scalar(
            select(Candidate.id).where(Candidate.election_id == election.id, Candidate.status == "rejected",
                                       ~Candidate.objections.any()).limit(1)) is not None:
        return _("Rejected candidates may still object until %(date)s.", date=format_date(election.objections_end))
    if not counts.get("approved"):
        return _("No candidate is approved.")
    return None


def results_problem(election):
    """Why the results cannot be published (Persian), or None."""
    if election.results_published_at is not None:
        return _("The results are already published.")
    if election.voting_closed_at is None:
        return _("The results can be published only after the vote is closed.")
    signed = sum(1 for supervisor in election.supervisors if supervisor.signed_off_at is not None)
    if 2 * signed <= len(election.supervisors):
        return _("The results are published only when more than half of the supervisory board have signed off "
                 "(now %(signed)s of %(count)s).", signed=fa_number(signed),
                 count=fa_number(len(election.supervisors)))
    return None


def next_step(election, day, counts):
    phase = election.phase(day)
    signed = sum(1 for supervisor in election.supervisors if supervisor.signed_off_at is not None)
    texts = {
        "upcoming": lambda: _("Registration opens on %(date)s.", date=format_date(election.registration_start)),
        "registration": lambda: _("Registration is open until %(date)s; the vetting follows until %(vetting)s.",
                                  date=format_date(election.registration_end),
                                  vetting=format_date(election.vetting_end)),
        "vetting": lambda: _("The candidates are vetted until %(date)s.", date=format_date(election.vetting_end)),
        "objections": lambda: _("Rejected candidates may object until %(date)s; then the final list is published.",
                                date=format_date(election.objections_end)),
        "final_list": lambda: list_problem(election, day, counts) or _("The final list can be published now."),
        "list_published": lambda: _("The vote is on %(date)s.", date=format_date(election.voting_date, "weekday")),
        "voting": lambda: _("The vote is open; close it when the voting ends."),
        "counting": lambda: _("%(signed)s of %(count)s supervisors have signed off; the results are published once "
                              "more than half have.", signed=fa_number(signed),
                              count=fa_number(len(election.supervisors))),
        "results": lambda: _("The results were published on %(date)s.",
                             date=format_datetime(election.results_published_at)),
    }
    return texts[phase]()


def candidates_of(election):
    return db.session.scalars(
        select(Candidate).where(Candidate.election_id == election.id)
        .options(selectinload(Candidate.objections), selectinload(Candidate.member).selectinload(Member.person),
                 selectinload(Candidate.member).selectinload(Member.unit).selectinload(Unit.organization))
        .order_by(Candidate.code, Candidate.id)).all()


def supervisors_of(election):
    return db.session.scalars(
        select(Supervisor).where(Supervisor.election_id == election.id)
        .options(selectinload(Supervisor.person).selectinload(Person.organization))
        .order_by(Supervisor.role != "chair", Supervisor.id)).all()


def election_page(election, supervisor_form=None, status=200):
    day = today()
    counts = status_counts([election.id])[election.id]
    supervisors = supervisors_of(election)
    results = tally.results(election) if election.voting_closed_at is not None else None
    return render("council/elections/election.html", status=status, election=election, day=day,
                  phase=election.phase(day), phases=phase_titles(), counts=counts,
                  milestones=milestones(election, day), next_step=next_step(election, day, counts),
                  candidates=candidates_of(election), statuses=candidate_status_titles(), bodies=body_titles(),
                  modes=mode_titles(), supervisors=supervisors, roles=supervisor_role_titles(),
                  signed=sum(1 for supervisor in supervisors if supervisor.signed_off_at is not None),
                  supervisor_form=supervisor_form or SupervisorForm(), results=results,
                  results_problem=results_problem(election), list_problem=list_problem(election, day, counts))


@bp.route("/elections/<int:election_id>")
@permission_required("council.view")
def election(election_id):
    return election_page(election_or_404(election_id))


@bp.route("/elections/<int:election_id>/publish-list", methods=["POST"])
@permission_required("council.manage")
def publish_list(election_id):
    election = election_or_404(election_id)
    problem = list_problem(election, today(), status_counts([election.id])[election.id])
    if problem:
        return refused(election, problem)
    approved = [candidate for candidate in candidates_of(election) if candidate.status == "approved"]
    approved.sort(key=lambda candidate: (persian_sort_key(candidate.member.person.last_name),
                                         persian_sort_key(candidate.member.person.first_name), candidate.id))
    for code, candidate in enumerate(approved, FIRST_CODE):
        candidate.code = code
    election.list_published_at = datetime.datetime.now(datetime.UTC)
    db.session.commit()
    flash(_("The final list was published with %(count)s candidates.", count=fa_number(len(approved))), "success")
    return redirect_to(url_for(".election", election_id=election.id))


def final_list(election):
    return [candidate for candidate in candidates_of(election) if candidate.code is not None]


@bp.route("/elections/<int:election_id>/ballot.pdf")
@permission_required("council.view")
def ballot_pdf(election_id):
    election = election_or_404(election_id)
    if election.list_published_at is None:
        return refused(election, _("The ballot paper is made from the final list, which is not published yet."))
    try:
        return pdf_response("council/elections/ballot_pdf.html", f"{_('Ballot paper')} {election.title}.pdf",
                            election=election, candidates=final_list(election), bodies=body_titles())
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(url_for(".election", election_id=election.id))


@bp.route("/elections/<int:election_id>/supervisors", methods=["POST"])
@permission_required("council.manage")
def supervisor_add(election_id):
    election = election_or_404(election_id)
    if election.results_published_at is not None:
        return refused(election, _("The results are published; the supervisory board can no longer change."))
    form = SupervisorForm()
    if form.validate_on_submit():
        if any(supervisor.person_id == form.person.data.id for supervisor in election.supervisors):
            form.person.errors.append(_("This person is already on the supervisory board."))
        elif form.role.data == "chair" and any(supervisor.role == "chair" for supervisor in election.supervisors):
            form.role.errors.append(_("The supervisory board already has a chair."))
        else:
            db.session.add(Supervisor(election=election, person=form.person.data, role=form.role.data))
            db.session.commit()
            flash(_("%(name)s was added to the supervisory board.", name=form.person.data.full_name), "success")
            return redirect_to(url_for(".election", election_id=election.id) + "#supervisors")
    return election_page(election, supervisor_form=form, status=422)


def supervisor_or_404(election, supervisor_id):
    return db.one_or_404(select(Supervisor).where(Supervisor.id == supervisor_id,
                                                  Supervisor.election_id == election.id))


@bp.route("/elections/<int:election_id>/supervisors/<int:supervisor_id>/delete", methods=["POST"])
@permission_required("council.manage")
def supervisor_delete(election_id, supervisor_id):
    election = election_or_404(election_id)
    supervisor = supervisor_or_404(election, supervisor_id)
    if supervisor.signed_off_at is not None or supervisor.objection:
        return refused(election, _("A supervisor who signed off or objected stays on the board."))
    db.session.delete(supervisor)
    db.session.commit()
    flash(_("%(name)s was removed from the supervisory board.", name=supervisor.person.full_name), "success")
    return redirect_to(url_for(".election", election_id=election.id) + "#supervisors")


@bp.route("/elections/<int:election_id>/supervisors/<int:supervisor_id>/sign-off", methods=["GET", "POST"])
@permission_required("council.manage")
def supervisor_sign_off(election_id, supervisor_id):
    election = election_or_404(election_id)
    supervisor = supervisor_or_404(election, supervisor_id)
    if election.voting_closed_at is None:
        return refused(election, _("The supervisors sign off the results after the vote is closed."))
    if election.results_published_at is not None:
        return refused(election, _("The results are published; the sign-offs can no longer change."))
    form = SignOffForm(election=election)
    if not form.is_submitted():
        form.objection.data = supervisor.objection
        if supervisor.signed_off_at is not None:
            form.signed_on.data = tehran_day(supervisor.signed_off_at)
    if form.validate_on_submit():
        supervisor.signed_off_at = signed_moment(form.signed_on.data)
        supervisor.objection = form.objection.data or ""
        db.session.commit()
        flash(_("The supervisor's sign-off was recorded."), "success")
        return redirect_to(url_for(".election", election_id=election.id) + "#supervisors")
    return render_form("council/elections/sign_off.html", form, election=election, supervisor=supervisor)


def signed_moment(day):
    """The stored moment of a sign-off dated ``day``: now when it is today, else that day's noon
    in Tehran (the date is what counts)."""
    if day is None:
        return None
    if day == today():
        return datetime.datetime.now(datetime.UTC)
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=TIMEZONE).astimezone(datetime.UTC)


@bp.route("/elections/<int:election_id>/publish-results", methods=["POST"])
@permission_required("council.manage")
def publish_results(election_id):
    election = election_or_404(election_id)
    problem = results_problem(election)
    if problem:
        return refused(election, problem)
    election.results_published_at = datetime.datetime.now(datetime.UTC)
    db.session.commit()
    flash(_("The results were published."), "success")
    return redirect_to(url_for(".election", election_id=election.id))


@bp.route("/elections/<int:election_id>/list")
@public
def public_list(election_id):
    election = election_or_404(election_id)
    candidates = final_list(election) if election.list_published_at is not None else []
    return render("council/elections/public_list.html", election=election, candidates=candidates,
                  bodies=body_titles())


@bp.route("/elections/<int:election_id>/results")
@public
def public_results(election_id):
    election = election_or_404(election_id)
    published = election.results_published_at is not None
    return render("council/elections/public_results.html", election=election, bodies=body_titles(),
                  results=tally.results(election) if published else None,
                  objections=[supervisor for supervisor in supervisors_of(election) if supervisor.objection]
                  if published else [])


def _election_hit(election):
    return {"title": election.title, "url": url_for("council.election", election_id=election.id),
            "detail": body_titles()[election.body], "date": election.voting_date}


def search_groups(query, user, limit):
    return [SearchGroup("elections", _l("Board elections"), (Election.search_text,),
                        lambda match: select(Election).where(match).order_by(Election.voting_date.desc()),
                        hit=_election_hit, more_url=lambda: url_for("council.elections", q=query.text))]


def calendar_entries(start, end, user):
    """Each election's registration period and voting day."""
    elections = db.session.scalars(select(Election).where(
        (Election.voting_date.between(start, end))
        | ((Election.registration_start <= end) & (Election.registration_end >= start))))
    entries = []
    for election in elections:
        link = {"endpoint": "council.election", "url_args": {"election_id": election.id}}
        if election.registration_start <= end and election.registration_end >= start:
            entries.append({"date": election.registration_start, "end_date": election.registration_end,
                            "kind": "deadline", "title": _("Candidate registration: %(title)s", title=election.title),
                            **link})
        if start <= election.voting_date <= end:
            entries.append({"date": election.voting_date, "kind": "occasion",
                            "title": _("Voting day: %(title)s", title=election.title), **link})
    return entries
