"""Configuration classes read from the environment.

Every setting is documented in docs/operations.md. ``RAVABET_CONFIG`` picks the class
(``default``, ``production`` or ``testing``); ``create_app(test_config)`` may override any key.
"""
import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEV_SECRET_KEY = "dev-only-not-secret"


class Config:
    INSTANCE_DIR = os.environ.get("RAVABET_INSTANCE_DIR", str(BASE_DIR / "instance"))
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or (
        "sqlite:///" + str(Path(INSTANCE_DIR) / "ravabet.db")
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    ORGANIZATION_NAME = os.environ.get(
        "RAVABET_ORGANIZATION", "اداره کل روابط عمومی استانداری یزد"
    )
    # Extra folders scanned for plugin packages besides plugins/ (os.pathsep separated).
    PLUGIN_PATHS = [p for p in os.environ.get("RAVABET_PLUGIN_PATHS", "").split(os.pathsep) if p]
    FILES_DIR = os.environ.get("RAVABET_FILES_DIR", str(Path(INSTANCE_DIR) / "files"))

    BABEL_DEFAULT_LOCALE = "fa"
    BABEL_DEFAULT_TIMEZONE = "Asia/Tehran"

    # Cookies and sessions: see DESIGN.md "Security defaults".
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 50 * 1024 * 1024))
    # The token lives as long as the session: hx-boosted pages keep the token of the first load.
    WTF_CSRF_TIME_LIMIT = None

    # Login throttling (counted in the database, so every worker process agrees).
    LOGIN_MAX_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_MAX_FAILURES_PER_ACCOUNT", 5))
    LOGIN_MAX_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_MAX_FAILURES_PER_ADDRESS", 20))
    LOGIN_FAILURE_WINDOW = timedelta(minutes=int(os.environ.get("LOGIN_FAILURE_WINDOW_MINUTES", 15)))
    LOGIN_LOCKOUT = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 15)))

    # Reverse proxies in front of the app (nginx: 1), so client addresses and https are read
    # from X-Forwarded-* headers; the login throttle counts per client address.
    PROXY_COUNT = int(os.environ.get("RAVABET_PROXY_COUNT", 0))

    # Background jobs (core.jobs): "thread" runs them in the app's own processes, "redis" in
    # `flask jobs worker` processes woken through Redis, "eager" at once in the caller (tests).
    JOBS_BACKEND = os.environ.get("JOBS_BACKEND", "thread")
    REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    JOBS_REDIS_QUEUE = os.environ.get("JOBS_REDIS_QUEUE", "ravabet:jobs")
    JOBS_POLL_SECONDS = int(os.environ.get("JOBS_POLL_SECONDS", 5))
    JOBS_HEARTBEAT_SECONDS = 10
    # A running job whose heartbeat is older than this is taken for dead and run again, at most
    # JOBS_MAX_ATTEMPTS times in all.
    JOBS_STALE_SECONDS = int(os.environ.get("JOBS_STALE_SECONDS", 60))
    JOBS_MAX_ATTEMPTS = 3

    # SMS (core.sms): "outbox" keeps messages in the database (nothing leaves the machine),
    # "kavenegar" sends them through Kavenegar's REST API.
    SMS_BACKEND = os.environ.get("SMS_BACKEND", "outbox")
    KAVENEGAR_API_KEY = os.environ.get("KAVENEGAR_API_KEY", "")
    KAVENEGAR_SENDER = os.environ.get("KAVENEGAR_SENDER", "")
    KAVENEGAR_BASE_URL = os.environ.get("KAVENEGAR_BASE_URL", "https://api.kavenegar.com/v1")
    KAVENEGAR_TIMEOUT = int(os.environ.get("KAVENEGAR_TIMEOUT", 15))
    # The longest message in parts; empty: the gateway's own limit (outbox 10, Kavenegar 4).
    SMS_MAX_PARTS = int(os.environ.get("SMS_MAX_PARTS") or 0) or None

    PAGE_SIZE = 25
    # Demo users' password when RAVABET_PASSWORD is not set (documented in the README).
    DEMO_PASSWORD = "ravabet-demo"
    TESTING = False


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"

    @classmethod
    def check(cls, settings):
        if not settings.get("SECRET_KEY") or settings["SECRET_KEY"] == DEV_SECRET_KEY:
            raise RuntimeError("SECRET_KEY must be set in the environment for production")


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing"
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or "sqlite://"
    # argon2 at full cost makes a suite crawl; tests still use real argon2 hashes.
    PASSWORD_HASH_FAST = True
    JOBS_BACKEND = "eager"


CONFIGS = {"default": Config, "production": ProductionConfig, "testing": TestingConfig}


def config_class():
    return CONFIGS[os.environ.get("RAVABET_CONFIG", "default")]
