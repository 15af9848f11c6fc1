"""The documented production run: gunicorn serving create_app() with the production config."""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn_server(app, database_url, tmp_path):
    port = _free_port()
    env = {**os.environ, "RAVABET_CONFIG": "production", "SECRET_KEY": "a-real-secret-for-the-test",
           "DATABASE_URL": database_url, "RAVABET_INSTANCE_DIR": str(tmp_path)}
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "--workers", "2", "--bind", f"127.0.0.1:{port}", "app:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5)
                break
            except OSError:  # not listening yet
                if process.poll() is not None:
                    pytest.fail(process.stdout.read().decode())
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_gunicorn_serves_the_production_app(gunicorn_server):
    health = urllib.request.urlopen(gunicorn_server + "/healthz")
    assert health.status == 200 and b'"database":"ok"' in health.read().replace(b" ", b"")
    login = urllib.request.urlopen(gunicorn_server + "/login")
    assert login.status == 200
    assert "max-age" in login.headers["Strict-Transport-Security"]
    cookie = login.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "ورود به سامانهٔ روابط" in login.read().decode()
    request = urllib.request.Request(gunicorn_server + "/login", data=b"username=a&password=b", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 400  # CSRF protection is on in production
