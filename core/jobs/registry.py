"""Job handlers by kind, registered when the module that defines them is imported."""
_HANDLERS = {}


class JobError(Exception):
    """A failure the user can understand: ``message`` (Persian) is shown on the job's page as it is.

    Any other exception fails the job with a general message; its traceback is logged and kept
    for administrators."""

    def __init__(self, message):
        super().__init__(message)
        self.message = str(message)


def _qualified(func):
    return f"{func.__module__}.{func.__qualname__}"


def job_handler(kind):
    """Register ``handler(ctx, payload) -> dict | None`` for jobs of ``kind`` (``"<module>.<verb>"``).

    The same function may be registered again (a module imported by several apps); another
    function for a kind already taken raises ``ValueError``."""

    def decorator(func):
        existing = _HANDLERS.get(kind)
        if existing is not None and _qualified(existing) != _qualified(func):
            raise ValueError(f"job kind {kind!r} is already handled by {_qualified(existing)}")
        _HANDLERS[kind] = func
        return func

    return decorator


def handler_for(kind):
    return _HANDLERS.get(kind)
