"""Paper voting (/council/elections/<id>/paper): the ballot batches (boxes) of an election voted on
paper, each entered twice by two different staff members on their own; the two entries are
compared field by field. When they agree the batch's figures are final at once; when they differ
the differences are shown and a manager settles them by typing the final figures. Only settled
batches count in the tally. Every entry and settlement must satisfy issued = cast + spoiled +
unused and cast = valid + blank + invalid, with the candidates' votes within valid × the most
choices on a ballot; a broken equation is named and nothing is saved."""
from flask import flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.db import db, utcnow
from core.permissions import permission_required
from core.rendering import redirect_to, render, render_form

from ..blueprint import bp
from ..forms.voting import NewBatchForm, paper_form
from ..models.voting import PAPER_FIGURE_LABELS, PAPER_FIGURES, PaperBatch, PaperBatchVote, PaperEntry, PaperEntryVote
from ..tally import final_list
from .voting import election_or_404


def _closed_reason(election):
    """Why the batches of ``election`` cannot change now (Persian), or None."""
    if election.mode != "paper":
        return _("This election is voted electronically; it has no paper ballots.")
    if election.voting_opened_at is None:
        return _("Paper ballots can be entered once voting has opened.")
    if election.results_published_at is not None:
        return _("The results are published; the ballot batches can no longer change.")
    return None


def _batch_or_404(election, batch_id, lock=False):
    statement = (select(PaperBatch).options(selectinload(PaperBatch.entries).selectinload(PaperEntry.votes),
                                            selectinload(PaperBatch.entries).selectinload(PaperEntry.user),
                                            selectinload(PaperBatch.votes))
                 .where(PaperBatch.id == batch_id, PaperBatch.election_id == election.id))
    if lock:  # PostgreSQL: two entries of one batch are saved one after the other
        statement = statement.with_for_update(of=PaperBatch)
    return db.one_or_404(statement)


@bp.route("/elections/<int:election_id>/paper")
@permission_required("council.view")
def paper_batches(election_id):
    election = election_or_404(election_id)
    batches = db.session.scalars(
        select(PaperBatch).options(selectinload(PaperBatch.entries))
        .where(PaperBatch.election_id == election.id).order_by(PaperBatch.number)).all()
    totals = {name: sum(getattr(batch, name) or 0 for batch in batches if batch.settled_at) for name in PAPER_FIGURES}
    return render("council/voting/paper/batches.html", election=election, batches=batches, totals=totals,
                  figures=PAPER_FIGURES, labels=PAPER_FIGURE_LABELS, closed=_closed_reason(election),
                  form=NewBatchForm())


@bp.route("/elections/<int:election_id>/paper/new", methods=["POST"])
@permission_required("council.edit")
def paper_batch_new(election_id):
    election = election_or_404(election_id)
    closed = _closed_reason(election)
    form = NewBatchForm()
    if closed:
        flash(closed, "danger")
    elif form.validate_on_submit():
        number = (db.session.scalar(select(func.max(PaperBatch.number))
                                    .where(PaperBatch.election_id == election.id)) or 0) + 1
        batch = PaperBatch(election_id=election.id, number=number, label=form.label.data or "")
        db.session.add(batch)
        db.session.commit()
        flash(_("Batch %(number)s was added; two staff members now enter it, each on their own.",
                number=number), "success")
        return redirect_to(url_for(".paper_batch", election_id=election.id, batch_id=batch.id))
    else:
        flash(" ".join(error for errors in form.errors.values() for error in errors), "danger")
    return redirect_to(url_for(".paper_batches", election_id=election.id))


def _differences(batch, candidates):
    """[(label, first, second, differs)] of the batch's two entries, figures then candidates."""
    first, second = batch.entries
    first_votes = {vote.candidate_id: vote.votes for vote in first.votes}
    second_votes = {vote.candidate_id: vote.votes for vote in second.votes}
    rows = [(PAPER_FIGURE_LABELS[name], getattr(first, name), getattr(second, name)) for name in PAPER_FIGURES]
    rows += [(f"{candidate.code} — {candidate}", first_votes.get(candidate.id), second_votes.get(candidate.id))
             for candidate in candidates]
    return [(label, a, b, a != b) for label, a, b in rows]


def _set_final(batch, figures, votes, user=None):
    for name, value in figures.items():
        setattr(batch, name, value)
    batch.votes = [PaperBatchVote(candidate_id=candidate_id, votes=count) for candidate_id, count in votes.items()]
    batch.settled_at = utcnow()
    batch.settled_by_id = user.id if user is not None else None


@bp.route("/elections/<int:election_id>/paper/<int:batch_id>")
@permission_required("council.view")
def paper_batch(election_id, batch_id):
    election = election_or_404(election_id)
    batch = _batch_or_404(election, batch_id)
    candidates = final_list(election)
    form = None
    if len(batch.entries) == 2 and batch.settled_at is None:
        form = _settle_form(election, batch, candidates)
    return _batch_page(election, batch, candidates, form)


def _batch_page(election, batch, candidates, form, status=200):
    both = len(batch.entries) == 2
    settled_votes = {vote.candidate_id: vote.votes for vote in batch.votes}
    return render("council/voting/paper/batch.html", block="settle", status=status, election=election, batch=batch,
                  candidates=candidates, differences=_differences(batch, candidates) if both else [],
                  form=form, closed=_closed_reason(election), figures=PAPER_FIGURES, labels=PAPER_FIGURE_LABELS,
                  settled_votes=settled_votes,
                  entered_by_me=any(entry.user_id == current_user.id for entry in batch.entries))


def _settle_form(election, batch, candidates, **kwargs):
    """The manager's form, filled with the figures both entries agree on; the differing ones
    are left empty to be typed."""
    form = paper_form(candidates, election.max_choices, **kwargs)
    if request.method == "GET":
        first, second = batch.entries
        for name in PAPER_FIGURES:
            if getattr(first, name) == getattr(second, name):
                form[name].data = getattr(first, name)
        second_votes = {vote.candidate_id: vote.votes for vote in second.votes}
        for vote in first.votes:
            if second_votes.get(vote.candidate_id) == vote.votes:
                form[f"votes_{vote.candidate_id}"].data = vote.votes
    return form


@bp.route("/elections/<int:election_id>/paper/<int:batch_id>/entry", methods=["GET", "POST"])
@permission_required("council.edit")
def paper_entry(election_id, batch_id):
    election = election_or_404(election_id)
    batch = _batch_or_404(election, batch_id, lock=request.method == "POST")
    refusal = _closed_reason(election)
    if refusal is None and batch.settled_at is not None:
        refusal = _("This batch is settled; its figures are final.")
    if refusal is None and any(entry.user_id == current_user.id for entry in batch.entries):
        refusal = _("You have already entered this batch; the other entry must be made by another staff member.")
    if refusal is None and len(batch.entries) >= 2:
        refusal = _("This batch already has its two entries.")
    if refusal:
        flash(refusal, "danger")
        return redirect_to(url_for(".paper_batch", election_id=election.id, batch_id=batch.id))
    candidates = final_list(election)
    form = paper_form(candidates, election.max_choices)
    if form.validate_on_submit():
        entry = PaperEntry(batch_id=batch.id, user_id=current_user.id, **form.figures(),
                           votes=[PaperEntryVote(candidate_id=candidate_id, votes=count)
                                  for candidate_id, count in form.votes().items()])
        db.session.add(entry)
        db.session.flush()
        db.session.refresh(batch, ["entries"])
        if len(batch.entries) == 2:
            if any(differs for *_row, differs in _differences(batch, candidates)):
                flash(_("Your entry was saved. The two entries differ; a manager settles the differences."), "warning")
            else:
                _set_final(batch, form.figures(), form.votes())
                flash(_("Your entry was saved. Both entries agree, so the batch's figures are final."), "success")
        else:
            flash(_("Your entry was saved. Another staff member now enters the same batch on their own."), "success")
        db.session.commit()
        return redirect_to(url_for(".paper_batch", election_id=election.id, batch_id=batch.id))
    return render_form("council/voting/paper/entry.html", form, election=election, batch=batch)


@bp.route("/elections/<int:election_id>/paper/<int:batch_id>/settle", methods=["POST"])
@permission_required("council.manage")
def paper_settle(election_id, batch_id):
    election = election_or_404(election_id)
    batch = _batch_or_404(election, batch_id, lock=True)
    refusal = _closed_reason(election)
    if refusal is None and batch.settled_at is not None:
        refusal = _("This batch is settled; its figures are final.")
    if refusal is None and len(batch.entries) < 2:
        refusal = _("A batch is settled once both of its entries are in.")
    if refusal:
        flash(refusal, "danger")
        return redirect_to(url_for(".paper_batch", election_id=election.id, batch_id=batch.id))
    candidates = final_list(election)
    form = _settle_form(election, batch, candidates)
    if form.validate_on_submit():
        _set_final(batch, form.figures(), form.votes(), current_user)
        db.session.commit()
        flash(_("The batch's final figures were recorded."), "success")
        return redirect_to(url_for(".paper_batch", election_id=election.id, batch_id=batch.id))
    return _batch_page(election, batch, candidates, form, status=422)
