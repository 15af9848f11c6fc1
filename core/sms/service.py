"""Sending: checking a message and its recipients, storing a batch, the send loop and the
delivery-status refresh. Plugins call ``send_sms``; the send page calls ``check`` then
``create_batch`` and ``start_sending``.

The send loop (``send_batch``) takes a progress callback and commits after every chunk of
recipients, so it runs the same in a background job (core.sms.jobs) and inline, and a stopped
batch resumes where it stopped.
"""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import and_, func, insert, or_, select, update

from core.db import db, utcnow
from core.sms.backends import GatewayError, Outgoing, SendResult, get_backend, max_parts
from core.sms.length import SmsLength, clean_message, max_characters, measure
from core.sms.models import SmsBatch, SmsMessage
from core.sms.recipients import RecipientList, RecipientSpec, resolve
from core.text import fa_number


class SmsError(ValueError):
    """The message cannot be sent as it is; ``str()`` is the Persian reason."""


def text_problem(text: str, length: SmsLength | None = None) -> str | None:
    """The Persian reason why ``text`` cannot be sent, or None."""
    if not text:
        return _("Write the text of the message.")
    length = length or measure(text)
    limit = max_parts()
    if length.parts > limit:
        return _("The message is too long: %(parts)s parts, at most %(max)s parts "
                 "(%(characters)s characters in this alphabet) can be sent.",
                 parts=fa_number(length.parts), max=fa_number(limit),
                 characters=fa_number(max_characters(limit, length.encoding)))
    return None


@dataclass
class Check:
    """A message and its recipients, checked before anything is stored."""

    text: str
    length: SmsLength
    recipients: RecipientList
    cost: int | None  # an estimate in rials, when the gateway reported costs before

    @property
    def count(self):
        return len(self.recipients.recipients)


def check(text, spec: RecipientSpec) -> Check:
    text = clean_message(text)
    length = measure(text)
    recipients = resolve(spec)
    return Check(text, length, recipients, estimate_cost(length.parts, len(recipients.recipients)))


def estimate_cost(parts, count):
    """The gateway's cost per part in its last reports (a sent message's cost divided by its
    parts), times ``parts × count``; None when it never reported one."""
    backend = get_backend().name
    row = db.session.execute(
        select(SmsMessage.cost, SmsBatch.parts).join(SmsBatch)
        .where(SmsBatch.backend == backend, SmsMessage.cost.is_not(None), SmsMessage.cost > 0)
        .order_by(SmsMessage.id.desc()).limit(1)).first()
    if row is None or not parts:
        return None
    return round(row.cost / row.parts * parts * count)


def create_batch(checked: Check, *, user=None, module=None, title="", invalid_count=None) -> SmsBatch:
    """Store the batch with one queued row per recipient (and a skipped row per opted-out one)."""
    batch = SmsBatch(title=title, text=checked.text, parts=checked.length.parts, encoding=checked.length.encoding,
                     backend=get_backend().name, status="queued", module=module,
                     created_by_id=getattr(user, "id", None),
                     invalid_count=len(checked.recipients.invalid) if invalid_count is None else invalid_count)
    db.session.add(batch)
    db.session.flush()
    rows = [{"batch_id": batch.id, "mobile": r.mobile, "name": r.name[:200], "person_id": r.person_id,
             "status": "queued", "error": ""} for r in checked.recipients.recipients]
    rows += [{"batch_id": batch.id, "mobile": r.mobile, "name": r.name[:200], "person_id": r.person_id,
              "status": "skipped", "error": _("On the opt-out list.")} for r in checked.recipients.skipped]
    if rows:
        db.session.execute(insert(SmsMessage), rows)
    db.session.commit()
    return batch


def _counts(batch_id):
    return dict(db.session.execute(
        select(SmsMessage.status, func.count()).where(SmsMessage.batch_id == batch_id)
        .group_by(SmsMessage.status)).all())


@dataclass
class SendOutcome:
    batch_id: int
    sent: int  # recipients handed to the gateway by this run
    total: int
    stopped: str | None = None  # the gateway's Persian reason when the batch stopped


def _apply(results, now):
    for result in results:
        db.session.execute(
            update(SmsMessage).where(SmsMessage.id == result.id).values(
                status=result.status, provider_id=result.provider_id, provider_status=result.provider_status,
                error=result.error, cost=result.cost, sent_at=now,
                status_at=now if result.status in ("delivered", "failed") else None)
            .execution_options(synchronize_session=False))


def _send_chunk(backend, text, chunk):
    """Send ``chunk``; a recipient the gateway refuses fails alone (the rest are sent one by one)."""
    try:
        return backend.send(text, chunk)
    except GatewayError as error:
        if not error.recipient_level:
            raise
        if len(chunk) == 1:
            return [SendResult(id=chunk[0].id, status="failed", provider_status=error.code, error=str(error))]
        return [result for one in chunk for result in _send_chunk(backend, text, [one])]


def _claim(batch_id, job_id):
    """Mark the batch as sending, unless it is done or another run is sending it (a job that
    is run again after its process died keeps its claim)."""
    claimable = SmsBatch.status.in_(("queued", "stopped"))
    if job_id is not None:
        claimable = or_(claimable, and_(SmsBatch.status == "sending", SmsBatch.job_id == job_id))
    claimed = db.session.execute(
        update(SmsBatch).where(SmsBatch.id == batch_id, claimable)
        .values(status="sending", error="", job_id=job_id, started_at=func.coalesce(SmsBatch.started_at, utcnow()))
        .execution_options(synchronize_session=False)).rowcount == 1
    db.session.commit()
    return claimed


def send_batch(batch_id, progress=None, job_id=None) -> SendOutcome:
    """Hand the batch's queued recipients to the gateway, a chunk at a time.

    ``progress(done, total, message)`` is called after every chunk. A failure of the gateway
    itself (no answer, a wrong key, no credit) stops the batch: the recipients not sent stay
    queued with the reason, the batch is ``stopped`` and can be sent again later. A batch that
    is done, or being sent by another run, is left alone."""
    backend = get_backend()
    if not _claim(batch_id, job_id):
        return SendOutcome(batch_id, 0, 0)
    batch = db.session.get(SmsBatch, batch_id)
    db.session.refresh(batch)
    counts = _counts(batch_id)
    total = sum(n for status, n in counts.items() if status != "skipped")
    done = total - counts.get("queued", 0)
    sent = 0
    if progress:
        progress(done, total)
    while True:
        chunk = [Outgoing(row.id, row.mobile) for row in db.session.execute(
            select(SmsMessage.id, SmsMessage.mobile)
            .where(SmsMessage.batch_id == batch_id, SmsMessage.status == "queued")
            .order_by(SmsMessage.id).limit(backend.send_chunk))]
        if not chunk:
            break
        try:
            results = _send_chunk(backend, batch.text, chunk)
        except GatewayError as error:
            reason = str(error)
            db.session.execute(update(SmsMessage).where(
                SmsMessage.batch_id == batch_id, SmsMessage.status == "queued").values(error=reason))
            batch = db.session.get(SmsBatch, batch_id)
            batch.status, batch.error = "stopped", reason
            db.session.commit()
            if progress:
                progress(done, total, reason)
            return SendOutcome(batch_id, sent, total, stopped=reason)
        _apply(results, utcnow())
        db.session.commit()
        done += len(chunk)
        sent += len(chunk)
        if progress:
            progress(done, total)
    batch = db.session.get(SmsBatch, batch_id)
    batch.status, batch.finished_at = "done", utcnow()
    db.session.commit()
    return SendOutcome(batch_id, sent, total)


def refresh_statuses(batch_id=None, *, since=None, progress=None) -> int:
    """Ask the gateway what became of the messages it accepted (status ``sent``) of one batch,
    or of every batch sent through it since ``since``; returns how many changed status. A
    failure of the gateway raises ``GatewayError``."""
    backend = get_backend()
    statement = (select(SmsMessage.id, SmsMessage.provider_id).join(SmsBatch)
                 .where(SmsMessage.status == "sent", SmsMessage.provider_id.is_not(None),
                        SmsBatch.backend == backend.name).order_by(SmsMessage.id))
    if batch_id is not None:
        statement = statement.where(SmsMessage.batch_id == batch_id)
    if since is not None:
        statement = statement.where(SmsBatch.created_at >= since)
    ids = {provider_id: message_id for message_id, provider_id in db.session.execute(statement)}
    provider_ids = list(ids)
    changed = 0
    for start in range(0, len(provider_ids), backend.status_chunk):
        now = utcnow()
        for result in backend.statuses(provider_ids[start:start + backend.status_chunk]):
            message_id = ids.get(result.provider_id)
            if message_id is None or result.status == "sent":
                continue
            db.session.execute(
                update(SmsMessage).where(SmsMessage.id == message_id).values(
                    status=result.status, provider_status=result.provider_status, error=result.error,
                    status_at=now).execution_options(synchronize_session=False))
            changed += 1
        db.session.commit()
        if progress:
            progress(min(start + backend.status_chunk, len(provider_ids)), len(provider_ids))
    return changed
