"""Performance evaluation of the PR units (ارزیابی عملکرد روابط عمومی‌ها): versioned indicator
sets approved and frozen, evaluation rounds with their categories of units, each unit's scores
with evidence, the ranking with its stated tie-break, the winners and their appreciation plaques
(لوح تقدیر). Totals and ranking: plugins.council.models.evaluation.rankings."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.attachments import DOCUMENTS, attachments_of, register_attachment_owner
from core.db import db
from core.exporting import Column, export_format, export_response
from core.listing import ListQuery, date_range
from core.models import Organization
from core.pdf import PdfError, pdf_response
from core.permissions import permission_required, user_can
from core.rendering import redirect_to, render, render_form
from core.search import SearchGroup
from core.text import fa_number, to_fa_digits

from ..blueprint import bp
from ..bodies import body_titles
from ..forms.evaluation import (ApprovalForm, EntriesForm, IndicatorSetForm, IndicatorsForm, RoundForm, ScoresForm,
                                approver_titles)
from ..models import Member, Unit
from ..models.evaluation import (WEIGHT_TOTAL, EvaluationCategory, EvaluationEntry, EvaluationRound,
                                 EvaluationScore, Indicator, IndicatorSet, rankings)

BLANK_INDICATOR_ROWS = 3
ORDINALS = (_l("first place"), _l("second place"), _l("third place"), _l("fourth place"), _l("fifth place"),
            _l("sixth place"), _l("seventh place"), _l("eighth place"), _l("ninth place"), _l("tenth place"))

ROUNDS = ListQuery(
    select(EvaluationRound).options(selectinload(EvaluationRound.indicator_set)),
    search_column=EvaluationRound.search_text,
    filters=date_range(EvaluationRound.held_on),
    sorts={"held": EvaluationRound.held_on, "title": EvaluationRound.title},
    default_sort="-held",
)
SETS = ListQuery(
    select(IndicatorSet).options(selectinload(IndicatorSet.indicators)),
    search_column=IndicatorSet.search_text,
    sorts={"name": (IndicatorSet.name, IndicatorSet.version)},
    default_sort="-name",
)

EVIDENCE = "council_evaluation_entries"  # the evidence files of a unit evaluated in a round


def _entry_access(code):
    def check(user, entry_id):
        entry = db.session.get(EvaluationEntry, entry_id)
        if entry is None or entry.round is None or entry.round.is_deleted:
            return None
        return user_can(user, code)
    return check


def _describe_entry(entry_id):
    entry = db.session.get(EvaluationEntry, entry_id)
    return (f"{entry.unit}، {entry.round.title}",
            url_for("council.round_scores", round_id=entry.round_id, entry_id=entry.id))


register_attachment_owner(EVIDENCE, can_view=_entry_access("council.view"), can_edit=_entry_access("council.edit"),
                          describe=_describe_entry, kinds=DOCUMENTS)


def ordinal(rank):
    return str(ORDINALS[rank - 1]) if 1 <= rank <= len(ORDINALS) else to_fa_digits(rank)


def _set_or_404(set_id):
    return db.one_or_404(select(IndicatorSet).where(IndicatorSet.id == set_id))


def _round_or_404(round_id):
    return db.one_or_404(select(EvaluationRound).where(EvaluationRound.id == round_id))


def _refused(url, message):
    """A step not allowed in the record's state: say why on its page; nothing changes."""
    flash(message, "danger")
    return redirect_to(url)


def _set_url(indicator_set):
    return url_for(".indicator_set", set_id=indicator_set.id)


def _frozen(indicator_set):
    return _refused(_set_url(indicator_set), _("An approved indicator set is frozen; make a new version to change "
                                               "it."))


def weight_sum_message(total):
    return _("The weights of the indicators must add up to 100; now they add up to %(total)s.",
             total=fa_number(total))


# --- indicator sets ---------------------------------------------------------------------------

@bp.route("/evaluation/sets/")
@permission_required("council.view")
def indicator_sets():
    page = SETS.page(db.session)
    return render("council/evaluation/sets.html", block="results", page=page, approvers=approver_titles())


@bp.route("/evaluation/sets/new", methods=["GET", "POST"])
@permission_required("council.edit")
def indicator_set_new():
    form = IndicatorSetForm()
    if form.validate_on_submit():
        indicator_set = IndicatorSet(version=1)
        form.populate_obj(indicator_set)
        db.session.add(indicator_set)
        db.session.commit()
        flash(_("The indicator set was saved. Enter its indicators and their weights."), "success")
        return redirect_to(url_for(".indicator_set_indicators", set_id=indicator_set.id))
    return render_form("council/evaluation/set_form.html", form, indicator_set=None)


@bp.route("/evaluation/sets/<int:set_id>")
@permission_required("council.view")
def indicator_set(set_id):
    indicator_set = _set_or_404(set_id)
    versions = db.session.scalars(select(IndicatorSet).where(IndicatorSet.name == indicator_set.name)
                                  .order_by(IndicatorSet.version.desc())).all()
    rounds = db.session.scalars(select(EvaluationRound).where(EvaluationRound.set_id == set_id)
                                .order_by(EvaluationRound.held_on.desc())).all()
    return render("council/evaluation/set.html", indicator_set=indicator_set, versions=versions, rounds=rounds,
                  approvers=approver_titles())


@bp.route("/evaluation/sets/<int:set_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def indicator_set_edit(set_id):
    indicator_set = _set_or_404(set_id)
    if indicator_set.is_approved:
        return _frozen(indicator_set)
    form = IndicatorSetForm(obj=indicator_set)
    if form.validate_on_submit():
        form.populate_obj(indicator_set)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect_to(_set_url(indicator_set))
    return render_form("council/evaluation/set_form.html", form, indicator_set=indicator_set)


def _indicator_rows(form):
    """The filled rows of the indicators grid."""
    return [row.form for row in form.rows if not row.form.is_blank]


@bp.route("/evaluation/sets/<int:set_id>/indicators", methods=["GET", "POST"])
@permission_required("council.edit")
def indicator_set_indicators(set_id):
    indicator_set = _set_or_404(set_id)
    if indicator_set.is_approved:
        return _frozen(indicator_set)
    form = IndicatorsForm()
    if not form.is_submitted():
        for indicator in indicator_set.indicators:
            form.rows.append_entry({"title": indicator.title, "group_title": indicator.group_title,
                                    "weight": indicator.weight, "guidance": indicator.guidance})
        for _blank in range(BLANK_INDICATOR_ROWS):
            form.rows.append_entry()
    if form.validate_on_submit():
        rows = _indicator_rows(form)
        if not rows:
            form.form_errors.append(_("Enter at least one indicator."))
        else:
            # The set's indicators become the rows, in their order (a draft has no scores yet).
            existing = list(indicator_set.indicators)
            for position, row in enumerate(rows):
                indicator = existing[position] if position < len(existing) else Indicator()
                row.populate_obj(indicator)
                indicator.position = position
                if indicator not in existing:
                    indicator_set.indicators.append(indicator)
            del indicator_set.indicators[len(rows):]
            db.session.commit()
            total = indicator_set.weight_total
            if total == WEIGHT_TOTAL:
                flash(_("The indicators were saved; their weights add up to 100."), "success")
            else:
                flash(_("The indicators were saved as a draft.") + " " + weight_sum_message(total), "warning")
            return redirect_to(_set_url(indicator_set))
    return render_form("council/evaluation/indicators.html", form, indicator_set=indicator_set,
                       weight_total=_posted_weight_total(form))


def _posted_weight_total(form):
    return sum(row.weight.data for row in _indicator_rows(form) if isinstance(row.weight.data, int))


@bp.route("/evaluation/sets/<int:set_id>/weights", methods=["POST"])
@permission_required("council.edit")
def indicator_set_weights(set_id):
    """The live sum of the weights typed in the indicators grid (htmx); nothing is saved."""
    indicator_set = _set_or_404(set_id)
    form = IndicatorsForm()
    for row in form.rows:
        row.form.validate()
    return render("council/evaluation/indicators.html", block="weight_sum", form=form, indicator_set=indicator_set,
                  weight_total=_posted_weight_total(form))


@bp.route("/evaluation/sets/<int:set_id>/approve", methods=["GET", "POST"])
@permission_required("council.manage")
def indicator_set_approve(set_id):
    indicator_set = _set_or_404(set_id)
    if indicator_set.is_approved:
        return _refused(_set_url(indicator_set), _("This indicator set is already approved."))
    form = ApprovalForm()
    if form.validate_on_submit():
        total = indicator_set.weight_total
        if not indicator_set.indicators or total != WEIGHT_TOTAL:
            form.form_errors.append(weight_sum_message(total))
        else:
            form.populate_obj(indicator_set)
            indicator_set.approved_by = current_user
            db.session.commit()
            flash(_("The indicator set was approved and is now frozen."), "success")
            return redirect_to(_set_url(indicator_set))
    return render_form("council/evaluation/approve.html", form, indicator_set=indicator_set)


@bp.route("/evaluation/sets/<int:set_id>/copy", methods=["POST"])
@permission_required("council.edit")
def indicator_set_copy(set_id):
    """A new draft version with the same indicators, to change an approved set."""
    source = _set_or_404(set_id)
    latest = db.session.scalar(select(func.max(IndicatorSet.version)).where(IndicatorSet.name == source.name)
                               .execution_options(include_deleted=True))
    copy = IndicatorSet(name=source.name, version=(latest or 0) + 1, description=source.description,
                        previous=source)
    copy.indicators = [Indicator(position=i.position, title=i.title, weight=i.weight, group_title=i.group_title,
                                 guidance=i.guidance) for i in source.indicators]
    db.session.add(copy)
    db.session.commit()
    flash(_("Version %(version)s was made as a draft; change it and have it approved.",
            version=to_fa_digits(copy.version)), "success")
    return redirect_to(_set_url(copy))


@bp.route("/evaluation/sets/<int:set_id>/delete", methods=["POST"])
@permission_required("council.edit")
def indicator_set_delete(set_id):
    indicator_set = _set_or_404(set_id)
    if indicator_set.is_approved:
        return _frozen(indicator_set)
    indicator_set.soft_delete(current_user)
    db.session.commit()
    flash(_("The indicator set was moved to the trash."), "success")
    return redirect_to(url_for(".indicator_sets"))


# --- rounds -----------------------------------------------------------------------------------

@bp.route("/evaluation/")
@permission_required("council.view")
def evaluations():
    page = ROUNDS.page(db.session)
    counts = dict(db.session.execute(
        select(EvaluationEntry.round_id, func.count()).where(EvaluationEntry.round_id.in_([r.id for r in page.items]))
        .group_by(EvaluationEntry.round_id)).all())
    return render("council/evaluation/rounds.html", block="results", page=page, counts=counts)


def _approved_set_choices(current_id=None):
    sets = db.session.scalars(select(IndicatorSet).where(
        (IndicatorSet.approved_on.is_not(None)) | (IndicatorSet.id == (current_id or 0)))
        .order_by(IndicatorSet.name, IndicatorSet.version.desc())).all()
    return [(s.id, _("%(name)s, version %(version)s", name=s.name, version=to_fa_digits(s.version))) for s in sets]


def _apply_categories(form, evaluation_round):
    """Make the round's categories the form's lines, matched by title; a removed one that still
    holds units is refused (False, with the error on the field)."""
    titles = form.category_titles
    by_title = {category.title: category for category in evaluation_round.categories}
    removed = [category for title, category in by_title.items() if title not in titles]
    if removed and evaluation_round.id:
        used = db.session.scalars(select(EvaluationCategory.title).join(
            EvaluationEntry, EvaluationEntry.category_id == EvaluationCategory.id)
            .where(EvaluationCategory.id.in_([c.id for c in removed])).distinct()).all()
        if used:
            form.category_lines.errors.append(_("«%(title)s» still holds units; move them to another category first.",
                                            title=used[0]))
            return False
    categories = []
    for position, title in enumerate(titles):
        category = by_title.get(title) or EvaluationCategory(title=title)
        category.position = position
        categories.append(category)
    evaluation_round.categories = categories
    return True


def _round_form(evaluation_round):
    form = RoundForm(obj=evaluation_round)
    if evaluation_round is not None and not form.is_submitted():
        form.category_lines.data = "\n".join(category.title for category in evaluation_round.categories)
    form.set_id.choices = _approved_set_choices(evaluation_round.set_id if evaluation_round else None)
    return form


def _round_has_scores(evaluation_round):
    return db.session.scalar(select(func.count(EvaluationScore.id)).join(EvaluationEntry).where(
        EvaluationEntry.round_id == evaluation_round.id)) > 0


@bp.route("/evaluation/rounds/new", methods=["GET", "POST"])
@permission_required("council.edit")
def round_new():
    form = _round_form(None)
    if form.validate_on_submit():
        evaluation_round = EvaluationRound()
        form.populate_obj(evaluation_round)
        _apply_categories(form, evaluation_round)
        db.session.add(evaluation_round)
        db.session.commit()
        flash(_("The evaluation was saved. Choose the units it evaluates and their categories."), "success")
        return redirect_to(url_for(".round_units", round_id=evaluation_round.id))
    return render_form("council/evaluation/round_form.html", form, evaluation_round=None)


@bp.route("/evaluation/rounds/<int:round_id>/edit", methods=["GET", "POST"])
@permission_required("council.edit")
def round_edit(round_id):
    evaluation_round = _round_or_404(round_id)
    form = _round_form(evaluation_round)
    if form.validate_on_submit():
        if form.set_id.data != evaluation_round.set_id and _round_has_scores(evaluation_round):
            form.set_id.errors.append(_("The units already have scores on this set's indicators; the set cannot "
                                        "change."))
        elif _apply_categories(form, evaluation_round):
            form.populate_obj(evaluation_round)
            db.session.commit()
            flash(_("The changes were saved."), "success")
            return redirect_to(url_for(".evaluation_round", round_id=round_id))
        db.session.rollback()
        form.set_id.choices = _approved_set_choices(evaluation_round.set_id)
    return render_form("council/evaluation/round_form.html", form, evaluation_round=evaluation_round)


def _ranking_rows(evaluation_round):
    """The round's categories in order, each with its ranked units."""
    ranked = rankings([evaluation_round.id]).get(evaluation_round.id, {})
    return [(category, ranked.get(category.id, [])) for category in evaluation_round.categories]


RANKING_COLUMNS = [
    Column(_l("Category"), lambda row: row[0].title, width=28),
    Column(_l("Rank"), lambda row: row[1].rank, kind="number", width=8),
    Column(_l("PR unit"), lambda row: row[1].name, width=45),
    Column(_l("Total score"), lambda row: row[1].total, kind="number", width=12),
    Column(_l("Indicators scored"), lambda row: row[1].scored, kind="number", width=12),
    Column(_l("Winner"), lambda row: row[1].winner, kind="bool", width=10),
]


@bp.route("/evaluation/rounds/<int:round_id>")
@permission_required("council.view")
def evaluation_round(round_id):
    evaluation_round = _round_or_404(round_id)
    categories = _ranking_rows(evaluation_round)
    fmt = export_format()
    if fmt:
        rows = [(category, item) for category, items in categories for item in items]
        return export_response(rows, RANKING_COLUMNS, title=evaluation_round.title,
                               filename=_("ranking %(title)s", title=evaluation_round.title), fmt=fmt)
    indicator_count = len(evaluation_round.indicator_set.indicators)
    return render("council/evaluation/round.html", evaluation_round=evaluation_round, categories=categories,
                  indicator_count=indicator_count, has_winners=any(i.winner for _c, items in categories for i in items))


@bp.route("/evaluation/rounds/<int:round_id>/delete", methods=["POST"])
@permission_required("council.edit")
def round_delete(round_id):
    evaluation_round = _round_or_404(round_id)
    evaluation_round.soft_delete(current_user)
    db.session.commit()
    flash(_("The evaluation was moved to the trash."), "success")
    return redirect_to(url_for(".evaluations"))


def _units():
    """Every unit of both councils with its organization's name, by council and name."""
    return db.session.execute(
        select(Unit.id, Unit.body, Organization.name).join(Organization, Organization.id == Unit.organization_id)
        .order_by(Unit.body.desc(), Organization.name)).all()


@bp.route("/evaluation/rounds/<int:round_id>/units", methods=["GET", "POST"])
@permission_required("council.edit")
def round_units(round_id):
    """Which units the round evaluates, each in one of its categories (one form for all)."""
    evaluation_round = _round_or_404(round_id)
    units = _units()
    entries = {entry.unit_id: entry for entry in db.session.scalars(
        select(EvaluationEntry).where(EvaluationEntry.round_id == round_id))}
    category_ids = {category.id for category in evaluation_round.categories}
    form = EntriesForm()
    chosen = {unit_id: str(entry.category_id) for unit_id, entry in entries.items()}
    if form.is_submitted():
        chosen = {unit_id: request.form.get(f"category-{unit_id}", "") for unit_id, _body, _name in units}
    if form.validate_on_submit():
        wrong = [name for unit_id, _body, name in units
                 if chosen[unit_id] and not (chosen[unit_id].isdigit() and int(chosen[unit_id]) in category_ids)]
        if wrong:
            form.form_errors.append(_("Choose one of the round's categories for %(unit)s.", unit=wrong[0]))
        else:
            for unit_id, _body, _name in units:
                entry, value = entries.get(unit_id), chosen[unit_id]
                if not value and entry is not None:
                    db.session.delete(entry)  # its scores go with it
                elif value and entry is None:
                    db.session.add(EvaluationEntry(round_id=round_id, unit_id=unit_id, category_id=int(value)))
                elif value:
                    entry.category_id = int(value)
            db.session.commit()
            flash(_("The units of the evaluation were saved."), "success")
            return redirect_to(url_for(".evaluation_round", round_id=round_id))
    return render_form("council/evaluation/units.html", form, evaluation_round=evaluation_round, units=units,
                       chosen=chosen, bodies=body_titles())


def _entry_or_404(evaluation_round, entry_id):
    return db.one_or_404(select(EvaluationEntry).options(selectinload(EvaluationEntry.unit))
                         .where(EvaluationEntry.id == entry_id, EvaluationEntry.round_id == evaluation_round.id))


def _next_entry_id(evaluation_round, entry):
    """The unit after ``entry`` in the round (by category, then name), for «save and next»."""
    ids = db.session.scalars(
        select(EvaluationEntry.id).join(EvaluationCategory, EvaluationCategory.id == EvaluationEntry.category_id)
        .join(Unit, Unit.id == EvaluationEntry.unit_id).join(Organization, Organization.id == Unit.organization_id)
        .where(EvaluationEntry.round_id == evaluation_round.id)
        .order_by(EvaluationCategory.position, Organization.name)).all()
    position = ids.index(entry.id)
    return ids[position + 1] if position + 1 < len(ids) else None


@bp.route("/evaluation/rounds/<int:round_id>/entries/<int:entry_id>", methods=["GET", "POST"])
@permission_required("council.edit")
def round_scores(round_id, entry_id):
    """A unit's score (0–100) and evidence on each indicator; an empty score is not scored yet."""
    evaluation_round = _round_or_404(round_id)
    entry = _entry_or_404(evaluation_round, entry_id)
    indicators = evaluation_round.indicator_set.indicators
    scores = {score.indicator_id: score for score in entry.scores}
    form = ScoresForm()
    if not form.is_submitted():
        for indicator in indicators:
            score = scores.get(indicator.id)
            form.rows.append_entry({"score": score.score if score else None,
                                    "evidence": score.evidence if score else ""})
    if form.validate_on_submit() and len(form.rows) == len(indicators):
        for indicator, row in zip(indicators, form.rows, strict=True):
            score, value = scores.get(indicator.id), row.form.score.data
            if value is None:
                if score is not None:
                    entry.scores.remove(score)
                continue
            if score is None:
                score = EvaluationScore(indicator_id=indicator.id)
                entry.scores.append(score)
            score.score, score.evidence = value, row.form.evidence.data or ""
        db.session.commit()
        flash(_("The scores of %(unit)s were saved.", unit=entry.unit), "success")
        next_id = _next_entry_id(evaluation_round, entry) if "next" in request.form else None
        if next_id:
            return redirect_to(url_for(".round_scores", round_id=round_id, entry_id=next_id))
        return redirect_to(url_for(".evaluation_round", round_id=round_id))
    return render_form("council/evaluation/scores.html", form, evaluation_round=evaluation_round, entry=entry,
                       rows=list(zip(indicators, form.rows, strict=False)),
                       files=attachments_of(EVIDENCE, [entry.id])[entry.id])


# --- plaques ----------------------------------------------------------------------------------

def _plaques(evaluation_round, entry_id=None):
    """The winners' plaques (one winner's with ``entry_id``): unit, its current manager, rank."""
    winners = [(category, item) for category, items in _ranking_rows(evaluation_round) for item in items
               if item.winner and (entry_id is None or item.entry_id == entry_id)]
    managers = dict(db.session.execute(
        select(Member.unit_id, Member).options(selectinload(Member.person))
        .where(Member.unit_id.in_([item.unit_id for _category, item in winners]), Member.role == "manager",
               Member.end_date.is_(None))).all())
    return [{"category": category, "item": item, "ordinal": ordinal(item.rank), "manager": managers.get(item.unit_id)}
            for category, item in winners]


def _plaques_response(evaluation_round, plaques, filename):
    try:
        return pdf_response("council/evaluation/plaque_pdf.html", filename, landscape=True,
                            evaluation_round=evaluation_round, plaques=plaques)
    except PdfError as error:
        flash(str(error), "danger")
        return redirect(url_for(".evaluation_round", round_id=evaluation_round.id))


@bp.route("/evaluation/rounds/<int:round_id>/entries/<int:entry_id>/plaque.pdf")
@permission_required("council.view")
def round_plaque(round_id, entry_id):
    evaluation_round = _round_or_404(round_id)
    entry = _entry_or_404(evaluation_round, entry_id)
    plaques = _plaques(evaluation_round, entry.id)
    if not plaques:
        abort(404)  # only winners get a plaque
    return _plaques_response(evaluation_round, plaques, _("Plaque of %(unit)s", unit=plaques[0]["item"].name))


@bp.route("/evaluation/rounds/<int:round_id>/plaques.pdf")
@permission_required("council.view")
def round_plaques(round_id):
    evaluation_round = _round_or_404(round_id)
    plaques = _plaques(evaluation_round)
    if not plaques:
        return _refused(url_for(".evaluation_round", round_id=round_id),
                        _("The evaluation has no winners yet: score the units first."))
    return _plaques_response(evaluation_round, plaques, _("Plaques of %(title)s", title=evaluation_round.title))


# --- search and calendar ----------------------------------------------------------------------

def _round_hit(evaluation_round):
    return {"title": evaluation_round.title, "url": url_for("council.evaluation_round", round_id=evaluation_round.id),
            "detail": evaluation_round.note, "date": evaluation_round.held_on}


def _set_hit(indicator_set):
    return {"title": str(indicator_set), "url": url_for("council.indicator_set", set_id=indicator_set.id),
            "detail": indicator_set.description, "date": indicator_set.approved_on}


def search_groups(query, user, limit):
    return [
        SearchGroup("evaluation_rounds", _l("Performance evaluations"), (EvaluationRound.search_text,),
                    lambda match: select(EvaluationRound).where(match).order_by(EvaluationRound.held_on.desc()),
                    hit=_round_hit, more_url=lambda: url_for("council.evaluations", q=query.text)),
        SearchGroup("indicator_sets", _l("Evaluation indicator sets"), (IndicatorSet.search_text,),
                    lambda match: select(IndicatorSet).where(match)
                    .order_by(IndicatorSet.name, IndicatorSet.version.desc()),
                    hit=_set_hit, more_url=lambda: url_for("council.indicator_sets", q=query.text)),
    ]


def calendar_entries(start, end, user):
    rounds = db.session.scalars(select(EvaluationRound).where(EvaluationRound.held_on.between(start, end)))
    return [{"date": evaluation_round.held_on, "kind": "ceremony", "title": evaluation_round.title,
             "endpoint": "council.evaluation_round", "url_args": {"round_id": evaluation_round.id}}
            for evaluation_round in rounds]
