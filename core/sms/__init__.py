"""SMS (پیامک): messages to people of the directory, saved groups and typed numbers through a
pluggable gateway (core.sms.backends), with per-recipient status, reach and an opt-out list.
Pages at /sms/; sending runs as a background job.

For plugins::

    from core.sms import SmsError, send_sms, sms_summary

    batch = send_sms("متن پیامک", group_ids=[reporters.id], module="news", title="بولتن خبری")
    summary = sms_summary(period.start, period.end, module="news")  # .batches, .reach …
    batches, reach = batches_and_reach(period.start, period.end, module="news")  # the two alone, cheaper
"""
from flask import Blueprint

from core.sms.labels import backend_title, batch_status_title, encoding_title, message_status_title

bp = Blueprint("sms", __name__)
bp.add_app_template_filter(message_status_title, "sms_status")
bp.add_app_template_filter(batch_status_title, "sms_batch_status")
bp.add_app_template_filter(encoding_title, "sms_encoding")
bp.add_app_template_filter(backend_title, "sms_backend")

from core.sms import cli, groups, optouts, outbox, send  # noqa: E402,F401
from core.sms.api import SmsError, send_sms  # noqa: E402
from core.sms.stats import batches_and_reach, reach, sms_summary  # noqa: E402

__all__ = ["SmsError", "batches_and_reach", "bp", "reach", "send_sms", "sms_summary"]
