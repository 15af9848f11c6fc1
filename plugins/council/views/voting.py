"""Voting in a board election: opening the vote (the roll frozen), closing it, the live turnout,
the public electronic vote with a one-time code sent by SMS, and the minutes PDF (صورتجلسه).

The electronic vote: the member gives their member number and national code; if they are on the
roll and have not voted, a 6-digit code goes to their mobile. Only an HMAC of it (keyed with the
app's secret, so the table alone cannot be searched for the code) is kept; it is valid for
CODE_MINUTES, allows CODE_ATTEMPTS wrong tries, and a member gets at most CODE_SENDS codes per
election. The browser's session keeps only the code's row id (the session cookie is signed); the
ballot form carries the code and the choices but no member, so a vote is cast only by whoever
holds the code and only as the code's member. Participation + Ballot + choices are written in one
transaction, and Participation's key (election, member) makes the database refuse a second vote,
also when two arrive at once (IntegrityError: rolled back, «رای شما پیش‌تر ثبت شده است»).

Remaining risk: the SMS outbox keeps each message's text, the code included. Whoever may read
the outbox (sms.view) and also knows a member's number and national code could ask for a code
and vote in the member's place within its 15 minutes; the member then learns it at once («رای شما
پیش‌تر ثبت شده است») and can object to the supervisors. A used, expired or superseded code is
worthless to outbox readers."""
import datetime
import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, request, session, url_for
from markupsafe import Markup
from flask_babel import gettext as _
from sqlalchemy import func, insert, literal, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from core.db import db, utcnow
from core.jalali import format_date, format_datetime, today
from core.models import Person
from core.pdf import PdfError, pdf_response
from core.permissions import permission_required, public
from core.rendering import redirect_to, render, render_form
from core.sms import SmsError, send_sms
from core.text import fa_number, to_fa_digits

from ..blueprint import bp
from ..bodies import body_titles
from ..forms.voting import BallotForm, IdentifyForm
from ..models import Ballot, BallotChoice, Election, Member, Participation, RollEntry, Supervisor, Unit, VoteCode
from ..tally import final_list, results, turnout

CODE_MINUTES = 15
CODE_ATTEMPTS = 5
CODE_SENDS = 3
SESSION_KEY = "council_vote"  # {"election": id, "code": VoteCode id}
POLL_SECONDS = 15  # how often an open election's turnout refreshes itself


def already_voted_message():
    return _("Your vote has already been recorded.")


def election_or_404(election_id):
    # A query (not session.get) so an election in the trash answers 404.
    return db.one_or_404(select(Election).where(Election.id == election_id))


# --- turnout ---------------------------------------------------------------------------------------

bp.add_app_template_global(turnout, "council_turnout")  # the election page's voting panel uses it


def _back(election):
    """Where a voting action returns: the page it was posted from (the election page's panel)
    when that is a local path, else the voting page."""
    target = request.form.get("next", "")
    if target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for(".voting", election_id=election.id)


@bp.route("/elections/<int:election_id>/voting")
@permission_required("council.view")
def voting(election_id):
    """The vote's page: its state, the live turnout (the ``turnout`` block is what the election
    page's panel polls), opening and closing, and the links to the ballot, paper batches and minutes."""
    election = election_or_404(election_id)
    return render("council/voting/voting.html", block="turnout", election=election, turnout=turnout(election),
                  poll_seconds=POLL_SECONDS)


def _refused(election, message):
    flash(message, "danger")
    return redirect_to(_back(election))


def _freeze_roll(election):
    """The body's current members, as of now, become the roll (one INSERT … SELECT)."""
    day = today()
    members = (select(literal(election.id), Member.id).join(Unit, Unit.id == Member.unit_id)
               .where(Unit.body == election.body, Unit.deleted_at.is_(None), Member.deleted_at.is_(None),
                      or_(Member.start_date.is_(None), Member.start_date <= day),
                      or_(Member.end_date.is_(None), Member.end_date > day)))
    db.session.execute(insert(RollEntry).from_select(["election_id", "member_id"], members))


@bp.route("/elections/<int:election_id>/voting/open", methods=["POST"])
@permission_required("council.manage")
def voting_open(election_id):
    election = election_or_404(election_id)
    if election.voting_opened_at is not None:
        return _refused(election, _("Voting in this election has already been opened."))
    if election.list_published_at is None:
        return _refused(election, _("Voting can be opened only after the final list of candidates is published."))
    if today() < election.voting_date:
        return _refused(election, _("Voting can be opened on the voting day, %(date)s.",
                                    date=format_date(election.voting_date)))
    _freeze_roll(election)
    roll_size = db.session.scalar(select(func.count()).select_from(RollEntry)
                                  .where(RollEntry.election_id == election.id))
    if not roll_size:
        db.session.rollback()
        return _refused(election, _("The council has no current member to vote; the roll would be empty."))
    election.voting_opened_at = utcnow()
    db.session.commit()
    flash(_("Voting is open; the roll of %(count)s members is frozen.", count=fa_number(roll_size)), "success")
    return redirect_to(_back(election))


@bp.route("/elections/<int:election_id>/voting/close", methods=["POST"])
@permission_required("council.manage")
def voting_close(election_id):
    election = election_or_404(election_id)
    if not election.voting_open:
        return _refused(election, _("Only an open vote can be closed."))
    election.voting_closed_at = utcnow()
    db.session.commit()
    flash(_("Voting is closed."), "success")
    return redirect_to(_back(election))


# --- the public electronic vote ---------------------------------------------------------------------

def _not_open_reason(election):
    """Why no one can vote electronically in ``election`` now (Persian), or None."""
    if election.mode != "electronic":
        return _("This election is voted on paper ballots at the polling place, not online.")
    if election.voting_opened_at is None:
        return _("Voting has not started yet; the voting day is %(date)s.", date=format_date(election.voting_date))
    if election.voting_closed_at is not None:
        return _("Voting in this election has ended; no more votes are accepted.")
    return None


def _code_hash(election_id, member_id, code):
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{election_id}:{member_id}:{code}".encode(), hashlib.sha256).hexdigest()


def _has_voted(election_id, member_id):
    return db.session.scalar(select(Participation.member_id).where(
        Participation.election_id == election_id, Participation.member_id == member_id)) is not None


def _send_code(election, number, national_code):
    """Send a code to the member with this number and national code; None, or why not (Persian)."""
    member = db.session.scalar(
        select(Member).join(Person, Person.id == Member.person_id)
        .where(Member.member_number == number, Person.national_code == national_code))
    if member is None:
        return _("No member has this member number and national code.")
    on_roll = db.session.scalar(select(RollEntry.member_id).where(
        RollEntry.election_id == election.id, RollEntry.member_id == member.id))
    if on_roll is None:
        return _("You are not on this election's roll: it holds the council's members on the day voting opened.")
    if _has_voted(election.id, member.id):
        return already_voted_message()
    sent = db.session.scalar(select(func.count()).select_from(VoteCode).where(
        VoteCode.election_id == election.id, VoteCode.member_id == member.id))
    if sent >= CODE_SENDS:
        return _("%(count)s codes have already been sent to you; use the last one, or ask the council's "
                 "secretariat.", count=fa_number(sent))
    if not member.person.mobile:
        return _("No mobile number is on file for you; ask the council's secretariat to add it.")
    code = f"{secrets.randbelow(10 ** 6):06d}"
    now = utcnow()
    vote_code = VoteCode(election_id=election.id, member_id=member.id, code_hash=_code_hash(election.id, member.id, code),
                         sent_at=now, expires_at=now + datetime.timedelta(minutes=CODE_MINUTES), attempts=0)
    db.session.add(vote_code)
    db.session.flush()
    try:
        # The batch is stored and committed with the code's row.
        send_sms(_("Your one-time voting code: %(code)s (valid for %(minutes)s minutes), %(election)s",
                   code=code, minutes=fa_number(CODE_MINUTES), election=election.title),
                 numbers=[member.person.mobile], module="council", title=_("Voting code"))
    except SmsError as error:
        db.session.rollback()
        return str(error)
    session[SESSION_KEY] = {"election": election.id, "code": vote_code.id}
    return None


@bp.route("/elections/<int:election_id>/vote", methods=["GET", "POST"])
@public
def vote(election_id):
    election = election_or_404(election_id)
    closed = _not_open_reason(election)
    form = IdentifyForm()
    if form.validate_on_submit():
        error = closed or _send_code(election, form.member_number.data, form.national_code.data)
        if error is None:
            return redirect_to(url_for(".ballot", election_id=election.id))
        form.form_errors.append(error)
    return render_form("council/voting/identify.html", form, election=election, closed=closed,
                       body_title=body_titles()[election.body])


def _session_code(election):
    state = session.get(SESSION_KEY) or {}
    if state.get("election") != election.id:
        return None
    return db.session.get(VoteCode, state.get("code"))


def _check_code(election, vote_code, code):
    """None when ``code`` is the member's valid code, else why not (Persian); a wrong code counts
    as an attempt (committed)."""
    if vote_code.used_at is not None or _has_voted(election.id, vote_code.member_id):
        return already_voted_message()
    if vote_code.attempts >= CODE_ATTEMPTS:
        return _("Too many wrong codes were entered; ask for a new code.")
    if vote_code.expires_at < utcnow():
        return _("The code has expired; ask for a new code.")
    if not hmac.compare_digest(vote_code.code_hash, _code_hash(election.id, vote_code.member_id, code)):
        vote_code.attempts += 1
        db.session.commit()
        left = CODE_ATTEMPTS - vote_code.attempts
        if not left:
            return _("Too many wrong codes were entered; ask for a new code.")
        return _("The code is wrong; %(count)s more tries are left.", count=fa_number(left))
    return None


def record_vote(election, vote_code, candidate_ids):
    """Write the participation, the ballot and its choices in one transaction; None, or the
    already-voted message when the database refuses a second participation of the member."""
    now = utcnow()
    vote_code.used_at = now
    db.session.add(Participation(election_id=election.id, member_id=vote_code.member_id, voted_at=now))
    db.session.add(Ballot(election_id=election.id,
                          choices=[BallotChoice(candidate_id=candidate_id) for candidate_id in set(candidate_ids)]))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return already_voted_message()
    return None


def _masked(mobile):
    """The mobile with its middle hidden, kept left to right inside the Persian sentence."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(to_fa_digits(f"{mobile[:4]}•••{mobile[-4:]}")) if mobile else ""


@bp.route("/elections/<int:election_id>/vote/ballot", methods=["GET", "POST"])
@public
def ballot(election_id):
    election = election_or_404(election_id)
    closed = _not_open_reason(election)
    vote_code = _session_code(election)
    if closed or vote_code is None:
        flash(closed or _("Enter your member number and national code to receive a code first."), "warning")
        return redirect_to(url_for(".vote", election_id=election.id))
    candidates = final_list(election)
    form = BallotForm(max_choices=election.max_choices)
    form.candidates.choices = [(candidate.id, str(candidate)) for candidate in candidates]
    if form.validate_on_submit():
        error = (_check_code(election, vote_code, form.code.data)
                 or record_vote(election, vote_code, form.candidates.data or ()))
        if error is None:
            session.pop(SESSION_KEY, None)
            return redirect_to(url_for(".vote_done", election_id=election.id))
        form.form_errors.append(error)
    return render_form("council/voting/ballot.html", form, election=election, candidates=candidates,
                       mobile=_masked(vote_code.member.person.mobile if vote_code.member else ""),
                       expires=format_datetime(vote_code.expires_at))


@bp.route("/elections/<int:election_id>/vote/done")
@public
def vote_done(election_id):
    election = election_or_404(election_id)
    return render("council/voting/done.html", election=election)


# --- the minutes -------------------------------------------------------------------------------------

@bp.route("/elections/<int:election_id>/minutes.pdf")
@permission_required("council.view")
def minutes(election_id):
    """The election's minutes (صورتجلسه): schedule, roll and turnout, results, the elected and
    alternates, the supervisors with their sign-off and objections."""
    election = election_or_404(election_id)
    if election.voting_closed_at is None:
        flash(_("The minutes can be printed once voting has closed."), "warning")
        return redirect(url_for(".voting", election_id=election.id))
    supervisors = db.session.scalars(
        select(Supervisor).options(selectinload(Supervisor.person))
        .where(Supervisor.election_id == election.id).order_by(Supervisor.role != "chair", Supervisor.id)).all()
    role_titles = {"chair": _("Chair"), "member": _("Member")}
    try:
        return pdf_response("council/voting/minutes_pdf.html", f"{_('Election minutes')} {election.title}.pdf",
                            election=election, results=results(election), supervisors=supervisors,
                            role_titles=role_titles, body_title=body_titles()[election.body],
                            signatures=[(role_titles[s.role], str(s)) for s in supervisors])
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(url_for(".voting", election_id=election.id))
