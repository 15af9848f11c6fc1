"""SMS figures counted in SQL: per-status counts of batches, and the reach of a period.

Reach is the number of distinct mobile numbers that a message was delivered to. Plugins call
``sms_summary`` from their report items and dashboard figures::

    summary = sms_summary(period.start, period.end, module="news")
    # «ارسال ۱۴۰ پیامک با دسترسی به ۱۴٬۰۰۰ نفر»: summary.batches, summary.reach
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, bindparam, case, distinct, func, select

from core.db import built_once, built_rows, db
from core.sms.models import MESSAGE_STATUSES, SmsBatch, SmsMessage
from core.stats import days_params, in_any, in_days, in_period


@dataclass(frozen=True)
class SmsSummary:
    batches: int  # messages written (one text to many)
    recipients: int  # texts to send, skipped ones not counted
    sent: int  # accepted by the gateway, delivery not reported yet
    delivered: int
    failed: int
    queued: int
    reach: int  # distinct numbers delivered to

    @property
    def delivered_percent(self):
        return round(self.delivered * 100 / self.recipients) if self.recipients else 0


def _summary(where):
    status = SmsMessage.status
    row = db.session.execute(
        select(func.count(distinct(SmsBatch.id)),
               func.count(SmsMessage.id).filter(status != "skipped"),
               func.count(SmsMessage.id).filter(status == "sent"),
               func.count(SmsMessage.id).filter(status == "delivered"),
               func.count(SmsMessage.id).filter(status == "failed"),
               func.count(SmsMessage.id).filter(status == "queued"),
               func.count(distinct(SmsMessage.mobile)).filter(status == "delivered"))
        .select_from(SmsBatch).outerjoin(SmsMessage, SmsMessage.batch_id == SmsBatch.id).where(*where)).one()
    return SmsSummary(*(value or 0 for value in row))


def _batches_of(start, end, module, batch_ids=None):
    """The conditions on the batches written from ``start`` to ``end`` (open ends allowed), of
    ``module`` and in the ``batch_ids`` select, each when given."""
    where = []
    if start is not None or end is not None:
        where.append(in_days(SmsBatch.created_at, start or date(1900, 1, 1), end or date(2999, 12, 31)))
    if module is not None:
        where.append(SmsBatch.module == module)
    if batch_ids is not None:
        where.append(SmsBatch.id.in_(batch_ids))
    return where


def sms_summary(start: date | None = None, end: date | None = None, *, module: str | None = None,
                batch_ids=None) -> SmsSummary:
    """The figures of the batches written from ``start`` to ``end`` (inclusive Tehran days; open
    ends allowed), of one plugin's batches (``module``) or of the batches in the ``batch_ids``
    select. One query."""
    return _summary(_batches_of(start, end, module, batch_ids))


def batches_and_reach(start: date | None = None, end: date | None = None, *,
                      module: str | None = None) -> tuple[int, int]:
    """``(batches, reach)`` of the batches written in the period, what a report tells of them: one
    query, half the cost of ``sms_summary``'s (the batches counted on their own, the numbers only
    over the delivered messages; built once, run with the period's bounds as parameters)."""
    params = {**days_params(start or date(1900, 1, 1), end or date(2999, 12, 31)), "module": module}
    return tuple(built_rows(_batches_and_reach(module is not None), params).one())


@built_once
def _batches_and_reach(of_module):
    where = [in_period(SmsBatch.created_at)]
    if of_module:
        where.append(SmsBatch.module == bindparam("module"))
    batches = select(func.count(SmsBatch.id)).where(*where).correlate(None).scalar_subquery()
    return (select(batches, func.count(distinct(SmsMessage.mobile))).select_from(SmsBatch)
            .join(SmsMessage, SmsMessage.batch_id == SmsBatch.id).where(*where, SmsMessage.status == "delivered"))


def reach(start: date | None = None, end: date | None = None, *, module: str | None = None) -> int:
    """Distinct numbers delivered to by the batches written in the period."""
    return batches_and_reach(start, end, module=module)[1]


def reaches(periods, *, module: str | None = None) -> list[int]:
    """``reach`` of each of ``periods`` (in order), in one query: for the dashboard's comparisons."""
    delivered = SmsMessage.status == "delivered"
    statement = (select(*(func.count(distinct(case((and_(in_days(SmsBatch.created_at, period.start, period.end),
                                                           delivered), SmsMessage.mobile))))
                          for period in periods))
                 .select_from(SmsBatch).join(SmsMessage, SmsMessage.batch_id == SmsBatch.id)
                 .where(in_any(periods, SmsBatch.created_at), delivered))
    if module is not None:
        statement = statement.where(SmsBatch.module == module)
    return list(db.session.execute(statement).one())


def batch_counts(batch_ids) -> dict[int, dict[str, int]]:
    """``{batch id: {status: count}}`` for the listed batches, every status present. One query."""
    counts = {batch_id: dict.fromkeys(MESSAGE_STATUSES, 0) for batch_id in batch_ids}
    if counts:
        rows = db.session.execute(
            select(SmsMessage.batch_id, SmsMessage.status, func.count())
            .where(SmsMessage.batch_id.in_(list(counts))).group_by(SmsMessage.batch_id, SmsMessage.status))
        for batch_id, status, count in rows:
            counts[batch_id][status] = count
    return counts
