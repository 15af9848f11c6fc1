"""Performance evaluation (ارزیابی عملکرد روابط عمومی‌ها) and the county council's monthly
evaluation of each county governorate's news portal (ارزیابی ماهانه پایگاه خبری فرمانداری‌ها).

An indicator set is versioned: a draft is edited freely; once approved (by the provincial
information council or, until it takes over, by the council itself) it is frozen, and a change
means a new version copied from it. A round evaluates units in categories of its own against an
approved set: each unit gets a score of 0–100 per indicator (the share of the indicator it
achieved), and its total is Σ score × weight / 100, so totals are out of 100 too.

A county's portal gets, per Jalali month, points on each of ``PORTAL_CRITERIA`` (their maxima add
up to 100); its total is their sum."""
import datetime
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func, select, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import SearchableMixin, SoftDeleteMixin, TimestampMixin, db
from core.models import Organization
from core.text import persian_sort_key

from .members import Unit

# Who approved a set: the provincial information council, or the council itself until then.
APPROVERS = ("info_council", "council")
MAX_SCORE = 100
WEIGHT_TOTAL = 100
# The portal's criteria and the most points each can get.
PORTAL_CRITERIA = {"updating": 40, "quality": 35, "coverage": 25}


class IndicatorSet(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """A version of the evaluation's indicators with their weights; ``approved_on`` set means
    approved and frozen. ``previous_id`` is the version it was copied from."""

    __tablename__ = "council_indicator_sets"
    __search_fields__ = ("name", "description")
    __label__ = _l("Indicator set")
    __field_labels__ = {
        "name": _l("Name"), "version": _l("Version"), "description": _l("Description"),
        "previous_id": _l("Copied from"), "approver": _l("Approving body"), "approved_on": _l("Approval date"),
        "approval_reference": _l("Resolution or letter"), "approved_by_id": _l("Recorded by"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    description: Mapped[str] = mapped_column(Text, default="")
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("council_indicator_sets.id"))
    approver: Mapped[str | None] = mapped_column(String(16))
    approved_on: Mapped[datetime.date | None] = mapped_column(Date)
    approval_reference: Mapped[str] = mapped_column(String(200), default="")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    indicators: Mapped[list["Indicator"]] = relationship(
        back_populates="indicator_set", order_by="Indicator.position", cascade="all, delete-orphan")
    previous = relationship("IndicatorSet", remote_side=[id])
    approved_by = relationship("User", foreign_keys=[approved_by_id])

    @property
    def is_approved(self):
        return self.approved_on is not None

    @property
    def weight_total(self):
        return sum(indicator.weight for indicator in self.indicators)

    def __str__(self):
        return f"{self.name} (v{self.version})"


class Indicator(db.Model):
    """One indicator of a set: its weight (whole points of 100), group and guidance to evaluators."""

    __tablename__ = "council_indicators"
    __label__ = _l("Indicator")
    __field_labels__ = {"set_id": _l("Indicator set"), "position": _l("Order"), "title": _l("Title"),
                        "weight": _l("Weight"), "group_title": _l("Indicator group"), "guidance": _l("Scoring guidance")}

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("council_indicator_sets.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    weight: Mapped[int] = mapped_column(Integer)
    group_title: Mapped[str] = mapped_column(String(100), default="")
    guidance: Mapped[str] = mapped_column(Text, default="")

    indicator_set = relationship(IndicatorSet, back_populates="indicators")

    def __str__(self):
        return self.title


class EvaluationRound(SearchableMixin, SoftDeleteMixin, TimestampMixin, db.Model):
    """An evaluation (e.g. ارزیابی هفته دولت ۱۴۰۳) of units against an approved set; the first
    ``winners`` of each category are its winners, who get plaques signed by ``signer_name``."""

    __tablename__ = "council_evaluation_rounds"
    __search_fields__ = ("title", "note")
    __label__ = _l("Evaluation round")
    __field_labels__ = {
        "title": _l("Title"), "set_id": _l("Indicator set"), "held_on": _l("Date of the evaluation"),
        "winners": _l("Winners per category"), "signer_name": _l("Plaques signed by"),
        "signer_position": _l("Position of the signer"), "note": _l("Note"),
    }

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    set_id: Mapped[int] = mapped_column(ForeignKey("council_indicator_sets.id"), index=True)
    held_on: Mapped[datetime.date] = mapped_column(Date, index=True)
    winners: Mapped[int] = mapped_column(Integer, default=3)
    signer_name: Mapped[str] = mapped_column(String(100), default="")
    signer_position: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    indicator_set = relationship(IndicatorSet)
    categories: Mapped[list["EvaluationCategory"]] = relationship(
        back_populates="round", order_by="EvaluationCategory.position", cascade="all, delete-orphan")

    def __str__(self):
        return self.title


class EvaluationCategory(db.Model):
    """A group of units ranked together in a round (دستگاه‌های اجرایی بزرگ، کوچک، ...)."""

    __tablename__ = "council_evaluation_categories"
    __label__ = _l("Evaluation category")
    __field_labels__ = {"round_id": _l("Evaluation round"), "position": _l("Order"), "title": _l("Title")}

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("council_evaluation_rounds.id", ondelete="CASCADE"),
                                          index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))

    round = relationship(EvaluationRound, back_populates="categories")

    def __str__(self):
        return self.title


class EvaluationEntry(db.Model):
    """A unit evaluated in a round, in one of its categories."""

    __tablename__ = "council_evaluation_entries"
    __label__ = _l("Evaluated unit")
    __field_labels__ = {"round_id": _l("Evaluation round"), "unit_id": _l("PR unit"),
                        "category_id": _l("Category")}
    __table_args__ = (UniqueConstraint("round_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("council_evaluation_rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("council_units.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("council_evaluation_categories.id", ondelete="CASCADE"),
                                             index=True)

    round = relationship(EvaluationRound)
    unit = relationship("Unit")
    category = relationship(EvaluationCategory)
    scores: Mapped[list["EvaluationScore"]] = relationship(back_populates="entry", cascade="all, delete-orphan")

    def __str__(self):
        return str(self.unit) if self.unit is not None else f"#{self.unit_id}"


class EvaluationScore(db.Model):
    """A unit's score on one indicator (0–100: the share of the indicator achieved) and the
    evidence it rests on."""

    __tablename__ = "council_evaluation_scores"
    __label__ = _l("Evaluation score")
    __field_labels__ = {"entry_id": _l("Evaluated unit"), "indicator_id": _l("Indicator"),
                        "score": _l("Score"), "evidence": _l("Evidence")}
    __table_args__ = (UniqueConstraint("entry_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("council_evaluation_entries.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("council_indicators.id"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text, default="")

    entry = relationship(EvaluationEntry, back_populates="scores")
    indicator = relationship(Indicator)

    def __str__(self):
        return str(self.score)


class PortalScore(SoftDeleteMixin, TimestampMixin, db.Model):
    """A county governorate's news portal in a Jalali month: points per criterion and a note.
    One live row per county and month (a partial unique index: rows in the trash do not count)."""

    __tablename__ = "council_portal_scores"
    __label__ = _l("News portal evaluation")
    __field_labels__ = {"unit_id": _l("County governorate"), "year": _l("Year"), "month": _l("Month"),
                        "updating": _l("Updating"), "quality": _l("News quality"),
                        "coverage": _l("Coverage of events"), "note": _l("Note")}
    __table_args__ = (
        Index("ux_council_portal_scores_unit_month", "unit_id", "year", "month", unique=True,
              sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL")),
        Index("ix_council_portal_scores_year_month", "year", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("council_units.id"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    updating: Mapped[int] = mapped_column(Integer)
    quality: Mapped[int] = mapped_column(Integer)
    coverage: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    unit = relationship("Unit")

    @property
    def total(self):
        return self.updating + self.quality + self.coverage

    def __str__(self):
        return f"{self.year}/{self.month}"


def portal_total():
    """A portal score's total as an SQL expression."""
    return PortalScore.updating + PortalScore.quality + PortalScore.coverage


@dataclass
class Ranked:
    """A unit's place in its category: ``points`` is Σ score × weight (the total × 100, kept whole
    so ties compare exactly), ``scored`` how many indicators it has a score on."""

    entry_id: int
    round_id: int
    category_id: int
    unit_id: int
    name: str
    points: int
    scored: int
    scores: dict = field(default_factory=dict)  # indicator id -> score
    rank: int = 0
    winner: bool = False
    tie_broken: bool = False  # same total as the unit above, placed below by the tie-break

    @property
    def total(self):
        return self.points / WEIGHT_TOTAL


def _by_name(items):
    return sorted(items, key=lambda item: persian_sort_key(item.name)) if len(items) > 1 else items


def rankings(round_ids):
    """The ranking of each round's categories: ``{round id: {category id: [Ranked, ...]}}``, best
    first. The totals are summed in SQL; equal totals are settled by the higher score on the
    heaviest indicator, then on the next heaviest (equal weights in the set's order), then by the
    unit's name in Persian alphabetical order. The first ``winners`` of a category win. At most
    three queries, whatever the number of rounds and units: the scores per indicator are read only
    for the units whose total another unit of their category shares (``scores`` is empty for the
    others, which the tie-break never compares)."""
    round_ids = list(round_ids)
    if not round_ids:
        return {}
    points = func.coalesce(func.sum(EvaluationScore.score * Indicator.weight), 0)
    rows = db.session.execute(
        select(EvaluationEntry.id, EvaluationEntry.round_id, EvaluationEntry.category_id, EvaluationEntry.unit_id,
               Organization.name, points, func.count(EvaluationScore.id))
        .join(Unit, Unit.id == EvaluationEntry.unit_id).join(Organization, Organization.id == Unit.organization_id)
        .outerjoin(EvaluationScore, EvaluationScore.entry_id == EvaluationEntry.id)
        .outerjoin(Indicator, Indicator.id == EvaluationScore.indicator_id)
        .where(EvaluationEntry.round_id.in_(round_ids))
        .group_by(EvaluationEntry.id, EvaluationEntry.round_id, EvaluationEntry.category_id, EvaluationEntry.unit_id,
                  Organization.name)).all()
    ranked = {row[0]: Ranked(*row) for row in rows}
    totals = Counter((item.round_id, item.category_id, item.points) for item in ranked.values())
    tied = [item.entry_id for item in ranked.values() if totals[item.round_id, item.category_id, item.points] > 1]
    if tied:
        for entry_id, indicator_id, score in db.session.execute(
                select(EvaluationScore.entry_id, EvaluationScore.indicator_id, EvaluationScore.score)
                .where(EvaluationScore.entry_id.in_(tied))):
            ranked[entry_id].scores[indicator_id] = score
    order, winners = {}, {}
    for round_id, count, indicator_id in db.session.execute(
            select(EvaluationRound.id, EvaluationRound.winners, Indicator.id)
            .outerjoin(Indicator, Indicator.set_id == EvaluationRound.set_id)
            .where(EvaluationRound.id.in_(round_ids))
            .order_by(EvaluationRound.id, Indicator.weight.desc(), Indicator.position, Indicator.id)):
        winners[round_id] = count
        if indicator_id is not None:
            order.setdefault(round_id, []).append(indicator_id)
    result = {}
    for item in ranked.values():
        result.setdefault(item.round_id, {}).setdefault(item.category_id, []).append(item)
    for round_id, categories in result.items():
        heaviest_first = order.get(round_id, [])

        def by_scores(item):
            return -item.points, *(-item.scores.get(i, -1) for i in heaviest_first)

        for items in categories.values():
            # The name settles what the scores leave equal: a Persian key only for those few.
            items[:] = [item for _scores, equal in groupby(sorted(items, key=by_scores), key=by_scores)
                        for item in _by_name(list(equal))]
            for place, item in enumerate(items, start=1):
                item.rank = place
                item.winner = place <= winners.get(round_id, 0)
                item.tie_broken = place > 1 and items[place - 2].points == item.points
    return result
