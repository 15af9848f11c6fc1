"""The evaluation's demo rows: an approved set of ten indicators weighing 100, a draft newer
version, the Government Week round with every provincial unit scored in two categories and its
winners, and a year of county portal scores."""
import random

from sqlalchemy import func, select

from core.db import db
from core.demo import DemoContext
from plugins.council.demo import evaluation as demo_evaluation
from plugins.council.demo.base import CouncilDemo
from plugins.council.models.evaluation import EvaluationRound, IndicatorSet, PortalScore, rankings


def test_the_demo_rows(department, make_unit):
    units = {"provincial": [make_unit(f"اداره کل نمونه {n}") for n in range(8)],
             "county": [make_unit(f"فرمانداری نمونه {n}", body="county") for n in range(3)]}
    demo = CouncilDemo(department=department, units=units)
    demo_evaluation.seed(db.session, DemoContext(random=random.Random(1403)), demo)
    db.session.flush()
    approved, draft = db.session.scalars(select(IndicatorSet).order_by(IndicatorSet.version)).all()
    assert approved.is_approved and approved.approver == "council" and len(approved.indicators) == 10
    assert approved.weight_total == 100 and draft.weight_total == 100
    assert not draft.is_approved and draft.previous_id == approved.id
    evaluation_round = db.session.scalar(select(EvaluationRound))
    assert "هفته دولت" in evaluation_round.title and evaluation_round.indicator_set is approved
    ranked = rankings([evaluation_round.id])[evaluation_round.id]
    assert len(ranked) == 2 and sum(len(items) for items in ranked.values()) == 8
    assert all(sum(item.winner for item in items) == 3 for items in ranked.values())
    assert all(item.scored == 10 for items in ranked.values() for item in items)
    assert db.session.scalar(select(func.count()).select_from(PortalScore)) == 36
    assert db.session.scalar(select(func.count(func.distinct(PortalScore.year * 100 + PortalScore.month)))) == 12
