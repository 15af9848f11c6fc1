"""The outbox gateway: nothing leaves the machine. Every message counts as sent at once and as
delivered when its status is asked for, so the whole flow (send, refresh, reach) can be followed
and tested without a provider."""
from core.sms.backends import Backend, SendResult, StatusResult

PREFIX = "outbox-"


class OutboxBackend(Backend):
    name = "outbox"
    max_parts = 10
    send_chunk = 500
    status_chunk = 1000

    def send(self, text, messages):
        return [SendResult(id=m.id, status="sent", provider_id=f"{PREFIX}{m.id}") for m in messages]

    def statuses(self, provider_ids):
        return [StatusResult(provider_id=pid, status="delivered" if pid.startswith(PREFIX) else "failed")
                for pid in provider_ids]
