"""Persian labels of the SMS statuses and alphabets (the stored values are English codes)."""
from flask_babel import lazy_gettext as _l

MESSAGE_STATUS_TITLES = {
    "queued": _l("Queued"),
    "sent": _l("Sent"),
    "delivered": _l("Delivered"),
    "failed": _l("Failed"),
    "skipped": _l("Skipped (opted out)"),
}
BATCH_STATUS_TITLES = {
    "queued": _l("Waiting to send"),
    "sending": _l("Sending"),
    "done": _l("Handed to the gateway"),
    "stopped": _l("Stopped"),
}
ENCODING_TITLES = {
    "ucs2": _l("Persian (Unicode): 70 characters in one part, 67 in each part of a longer message"),
    "gsm7": _l("Latin only (GSM): 160 characters in one part, 153 in each part of a longer message"),
}
BACKEND_TITLES = {
    "outbox": _l("Outbox (nothing leaves this server)"),
    "kavenegar": _l("Kavenegar"),
}


def message_status_title(status):
    return MESSAGE_STATUS_TITLES.get(status, status)


def batch_status_title(status):
    return BATCH_STATUS_TITLES.get(status, status)


def encoding_title(encoding):
    return ENCODING_TITLES.get(encoding, encoding)


def backend_title(name):
    return BACKEND_TITLES.get(name, name)
