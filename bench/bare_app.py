"""The bare Flask page the app is compared with: one route answering a fixed HTML string of
``BENCH_BARE_BYTES`` bytes (the app's median page size), no database, no templates, no session.

    gunicorn --chdir bench 'bare_app:create_app()'
"""
import os

from flask import Flask


def create_app():
    app = Flask(__name__)
    size = int(os.environ.get("BENCH_BARE_BYTES", 20000))
    head, tail = '<!doctype html><html lang="fa" dir="rtl"><body><p>', "</p></body></html>"
    filler = "روابط عمومی " * (size // len("روابط عمومی ".encode()) + 1)
    body = filler.encode()[: max(0, size - len(head) - len(tail))].decode(errors="ignore")
    html = head + body + tail
    html += " " * (size - len(html.encode()))  # exact size after a cut inside a character

    @app.get("/")
    def page():
        return html

    return app
