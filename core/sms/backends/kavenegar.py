"""Kavenegar's REST API (https://kavenegar.com/rest.html), over the standard library's urllib.

Every call is ``POST {base}/{API-KEY}/sms/{method}.json`` with form fields, and every answer is
``{"return": {"status": 200, "message": "..."}, "entries": [...]}``; any other ``return.status``
is an error of the whole request (the HTTP status carries the same code). ``send`` takes up to
200 receptors separated by commas and answers one entry per receptor (``messageid``,
``status``, ``receptor``, ``cost`` in rials …); ``status`` takes up to 500 message ids.
"""
import json
import logging
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

from flask_babel import gettext as _

from core.sms.backends import Backend, GatewayError, SendResult, StatusResult
from core.text import normalize_mobile, to_fa_digits

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.kavenegar.com/v1"
SENT_CODES = {1, 2, 4, 5}  # in the gateway's queue, scheduled, handed to the operator
DELIVERED_CODE = 10


def error_reason(code):
    """The Persian reason for a ``return.status`` other than 200."""
    reasons = {
        400: _("The SMS gateway says the request was incomplete."),
        401: _("The SMS gateway account is disabled."),
        402: _("The SMS gateway could not carry out the request."),
        403: _("The SMS gateway does not accept the API key. Check KAVENEGAR_API_KEY."),
        404: _("The SMS gateway does not know the method that was called."),
        405: _("The SMS gateway expected another kind of request (GET or POST)."),
        406: _("A required value was missing in the request to the SMS gateway."),
        407: _("The SMS gateway does not let this server use the account (its IP address is not allowed)."),
        409: _("The SMS gateway cannot answer right now. Try again later."),
        411: _("The SMS gateway does not accept the recipient's number."),
        412: _("The SMS gateway does not accept the sender number. Check KAVENEGAR_SENDER."),
        413: _("The message is empty or longer than the SMS gateway accepts."),
        414: _("Too many recipients were sent to the SMS gateway in one request."),
        416: _("This server's IP address is not the one registered with the SMS gateway."),
        417: _("The SMS gateway does not accept the sending date."),
        418: _("The SMS gateway account has no credit left. Charge it, then send again."),
        419: _("The lists of texts, recipients and senders sent to the SMS gateway differ in length."),
        422: _("The SMS gateway cannot process a character of the message."),
    }
    if code in reasons:
        return reasons[code]
    return _("The SMS gateway refused the request (code %(code)s).", code=to_fa_digits(code))


def delivery_reason(code):
    """The Persian reason of a message status that means it did not arrive."""
    reasons = {
        6: _("The operator reported an error in sending; the message did not arrive."),
        11: _("Not delivered: the phone may be off or out of reach."),
        13: _("Cancelled or stopped by a problem; its cost was refunded."),
        14: _("Blocked: the recipient refuses messages from advertising lines; its cost was refunded."),
        100: _("The SMS gateway does not know this message."),
    }
    return reasons.get(code, _("The SMS gateway reported status %(code)s.", code=to_fa_digits(code)))


def _our_status(code):
    if code in SENT_CODES:
        return "sent"
    if code == DELIVERED_CODE:
        return "delivered"
    return "failed"


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class KavenegarBackend(Backend):
    name = "kavenegar"
    # Its documented limit is 268 Persian (4 × 67) or 612 Latin (4 × 153) characters (error 413).
    max_parts = 4
    send_chunk = 200
    status_chunk = 500

    def __init__(self, api_key, sender="", base_url=DEFAULT_BASE_URL, timeout=15):
        self.api_key = api_key or ""
        self.sender = sender or ""
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.timeout = timeout

    def _call(self, method, params):
        if not self.api_key:
            raise GatewayError(_("The SMS gateway is not configured: KAVENEGAR_API_KEY is empty."))
        url = f"{self.base_url}/{quote(self.api_key, safe='')}/sms/{method}.json"
        request = Request(url, data=urlencode(params).encode("utf-8"), method="POST", headers={
            "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        try:
            with urlopen(request, timeout=self.timeout) as response:
                http_status, body = response.status, response.read()
        except HTTPError as error:
            http_status, body = error.code, error.read()
        except URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._no_answer(method, error) from None
            log.warning("Kavenegar %s: unreachable (%s)", method, error.reason)
            raise GatewayError(_("The SMS gateway could not be reached, so nothing was sent. Send again "
                                 "later.")) from None
        except OSError as error:  # a timeout or a broken connection after the request went out
            raise self._no_answer(method, error) from None
        try:
            payload = json.loads(body.decode("utf-8"))
            code = _int(payload["return"]["status"])
            message = payload["return"].get("message", "")
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("Kavenegar %s: HTTP %s without a JSON answer: %r", method, http_status, body[:300])
            raise GatewayError(_("The SMS gateway answered with an error (HTTP %(status)s). Try again later.",
                                 status=to_fa_digits(http_status)), http_status) from None
        if code != 200:
            log.warning("Kavenegar %s: status %s %s", method, code, message)
            raise GatewayError(error_reason(code), code, recipient_level=code == 411)
        entries = payload.get("entries") or []
        return entries if isinstance(entries, list) else [entries]

    @staticmethod
    def _no_answer(method, error):
        log.warning("Kavenegar %s: no answer (%s)", method, error)
        return GatewayError(_("The SMS gateway did not answer in time. The recipients not sent are waiting; "
                              "those of the last request may have received the message already."))

    def send(self, text, messages):
        params = {"receptor": ",".join(m.mobile for m in messages), "message": text}
        if self.sender:
            params["sender"] = self.sender
        by_mobile = {}
        for entry in self._call("send", params):
            try:
                by_mobile[normalize_mobile(str(entry.get("receptor", "")))] = entry
            except ValueError:
                continue
        results = []
        for m in messages:
            entry = by_mobile.get(m.mobile)
            if entry is None:
                results.append(SendResult(id=m.id, status="failed",
                                          error=_("The SMS gateway gave no answer for this number.")))
                continue
            code = _int(entry.get("status"))
            status = _our_status(code)
            results.append(SendResult(
                id=m.id, status=status, provider_id=str(entry.get("messageid") or "") or None,
                provider_status=code, cost=_int(entry.get("cost")),
                error=delivery_reason(code) if status == "failed" else ""))
        return results

    def statuses(self, provider_ids):
        entries = self._call("status", {"messageid": ",".join(provider_ids)})
        results = []
        for entry in entries:
            code = _int(entry.get("status"))
            status = _our_status(code)
            results.append(StatusResult(provider_id=str(entry.get("messageid")), status=status,
                                        provider_status=code,
                                        error=delivery_reason(code) if status == "failed" else ""))
        return results
