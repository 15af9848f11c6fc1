"""Sending from a plugin's code (the news plugin's bulletins to reporters, a council's invitations)."""
from flask_babel import gettext as _

from core.sms.jobs import start_sending
from core.sms.models import SmsBatch
from core.sms.recipients import RecipientSpec
from core.sms.service import SmsError, check, create_batch, text_problem


def send_sms(text, *, numbers=(), person_ids=(), group_ids=(), user=None, module=None, title="") -> SmsBatch:
    """Store a batch of ``text`` to the given numbers (any common form), people of the directory
    and saved groups, and start sending it in the background; returns the batch.

    Numbers that are not mobile numbers are left out and counted in ``batch.invalid_count``;
    repeated ones are sent once; opted-out ones are kept as skipped. ``module`` is the plugin's
    key, so its figures can be counted apart (``sms_summary(..., module=key)``). Raises
    ``SmsError`` (a Persian message) for an empty or too long text or when no one is left."""
    spec = RecipientSpec(group_ids=list(group_ids), person_ids=list(person_ids), numbers="\n".join(numbers))
    checked = check(text, spec)
    problem = text_problem(checked.text, checked.length)
    if problem is None and not checked.count:
        problem = _("None of the recipients has a valid mobile number that is not on the opt-out list.")
    if problem:
        raise SmsError(problem)
    batch = create_batch(checked, user=user, module=module, title=title)
    start_sending(batch, user)
    return batch
