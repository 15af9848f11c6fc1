"""SMS gateways. ``SMS_BACKEND`` picks one: ``outbox`` (the default: messages stay in the
database and nothing leaves the machine) or ``kavenegar`` (Kavenegar's REST API).

A backend sends one text to a chunk of recipients and reports each recipient's result, and turns
the gateway's message ids into delivery statuses. A failure of a whole request (a wrong API key,
no credit, no answer) is a ``GatewayError`` whose ``str()`` is a Persian reason.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass

from flask import current_app


class GatewayError(Exception):
    """Nothing in the request was sent. ``recipient_level``: the gateway refused a recipient of
    the request (the others may be sent one by one)."""

    def __init__(self, message, code=None, *, recipient_level=False):
        super().__init__(str(message))
        self.code = code
        self.recipient_level = recipient_level


@dataclass
class Outgoing:
    id: int  # the SmsMessage row
    mobile: str


@dataclass
class SendResult:
    id: int
    status: str  # sent, delivered or failed
    provider_id: str | None = None
    provider_status: int | None = None
    error: str = ""
    cost: int | None = None


@dataclass
class StatusResult:
    provider_id: str
    status: str  # sent, delivered or failed
    provider_status: int | None = None
    error: str = ""


class Backend(ABC):
    """A gateway: the outbox (nothing leaves the machine) or Kavenegar's HTTP API."""

    name = ""
    max_parts = 10  # the longest text the gateway takes, in parts
    send_chunk = 200  # recipients per request
    status_chunk = 500  # message ids per status request

    @abstractmethod
    def send(self, text: str, messages: list[Outgoing]) -> list[SendResult]:
        """Hand ``text`` to the gateway for each message; one result per message, in order."""

    @abstractmethod
    def statuses(self, provider_ids: list[str]) -> list[StatusResult]:
        """The delivery reports of messages the gateway accepted."""


def get_backend(app=None) -> Backend:
    """The configured gateway."""
    from core.sms.backends.kavenegar import KavenegarBackend
    from core.sms.backends.outbox import OutboxBackend

    config = (app or current_app).config
    name = config.get("SMS_BACKEND", "outbox")
    if name == "kavenegar":
        return KavenegarBackend(api_key=config["KAVENEGAR_API_KEY"], sender=config.get("KAVENEGAR_SENDER", ""),
                                base_url=config["KAVENEGAR_BASE_URL"],
                                timeout=config.get("KAVENEGAR_TIMEOUT", 15))
    if name == "outbox":
        return OutboxBackend()
    raise RuntimeError(f"unknown SMS_BACKEND {name!r} (outbox or kavenegar)")


def max_parts(app=None) -> int:
    """The longest message allowed: ``SMS_MAX_PARTS``, or the gateway's own limit."""
    config = (app or current_app).config
    return int(config.get("SMS_MAX_PARTS") or get_backend(app).max_parts)
