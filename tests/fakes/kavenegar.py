"""A local stand-in for Kavenegar's REST API, for the tests of core.sms.backends.kavenegar.

A threading ``http.server`` on a free port that answers the documented requests the way the
service does: ``POST /v1/{API-KEY}/sms/send.json`` (form fields ``receptor`` — up to 200,
comma separated —, ``message``, ``sender``) and ``POST /v1/{API-KEY}/sms/status.json``
(``messageid``, up to 500, comma separated), each answering
``{"return": {"status": 200, "message": "تایید شد"}, "entries": [...]}`` and, on an error, that
envelope with the error's code (also the HTTP status) and ``"entries": null``. Failures the tests
ask for: a wrong API key (403), no credit (418), a refused receptor (411), a server error (HTTP
5xx with an HTML page) and no answer in time.

    with FakeKavenegar() as fake:
        app.config.update(SMS_BACKEND="kavenegar", KAVENEGAR_API_KEY=fake.api_key, KAVENEGAR_BASE_URL=fake.url)
        fake.fail_next("http", 502)
        fake.report("09121234567", 10)  # what status.json answers for that receptor's messages
"""
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

STATUS_TEXTS = {1: "در صف ارسال", 2: "زمان بندی شده", 4: "ارسال شده به مخابرات", 5: "ارسال شده به مخابرات",
                6: "خطا در ارسال", 10: "رسیده به گیرنده", 11: "نرسیده به گیرنده", 13: "لغو شده", 14: "بلاک شده",
                100: "شناسه پیامک نامعتبر است"}
ERROR_TEXTS = {403: "کد شناسائی API-Key معتبر نمی‌باشد", 406: "پارامترهای اجباری خالی ارسال شده اند",
               411: "دریافت کننده نامعتبر است", 413: "پیام خالی است و یا طول پیام بیش از حد مجاز می‌باشد",
               414: "حجم درخواست بیشتر از حد مجاز است", 418: "اعتبار حساب شما کافی نیست"}
MOBILE = re.compile(r"09[0-9]{9}")


class FakeKavenegar:
    def __init__(self, api_key="fake-api-key-123", price_per_part=1190):
        self.api_key = api_key
        self.price_per_part = price_per_part
        self.credit = None  # rials left; None: unlimited
        self.refused = set()  # receptors answered with 411
        self.requests = []  # (method, {field: value})
        self.messages = {}  # messageid -> {"receptor", "message", "sender", "status"}
        self._reports = {}  # receptor -> status code for status.json
        self._failures = []
        self._next_id = 707_000_000
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/v1"

    def fail_next(self, kind, value=None):
        """The next request fails: ``("status", 418)``, ``("http", 502)`` or ``("timeout", seconds)``."""
        self._failures.append((kind, value))

    def report(self, receptor, status):
        """From now on status.json reports ``status`` for the messages sent to ``receptor``."""
        self._reports[receptor] = status

    def sent_to(self):
        return [m["receptor"] for m in self.messages.values()]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- the API ----------------------------------------------------------------------------------

    def _parts(self, message):
        if all(ord(c) < 128 for c in message):
            return 1 if len(message) <= 160 else -(-len(message) // 153)
        return 1 if len(message) <= 70 else -(-len(message) // 67)

    def send(self, params):
        receptors = [r.strip() for r in params.get("receptor", "").split(",") if r.strip()]
        message = params.get("message", "")
        if not receptors or not message:
            return 406 if not receptors else 413, None
        if len(receptors) > 200:
            return 414, None
        if any(not MOBILE.fullmatch(r) or r in self.refused for r in receptors):
            return 411, None
        cost = self._parts(message) * self.price_per_part
        if self.credit is not None:
            if self.credit < cost * len(receptors):
                return 418, None
            self.credit -= cost * len(receptors)
        entries = []
        for receptor in receptors:
            self._next_id += 1
            self.messages[self._next_id] = {"receptor": receptor, "message": message,
                                            "sender": params.get("sender", "10004346"), "status": 1}
            entries.append({"messageid": self._next_id, "message": message, "status": 1,
                            "statustext": STATUS_TEXTS[1], "sender": params.get("sender", "10004346"),
                            "receptor": receptor, "date": int(time.time()), "cost": cost})
        return 200, entries

    def status(self, params):
        ids = [i.strip() for i in params.get("messageid", "").split(",") if i.strip()]
        if not ids:
            return 406, None
        if len(ids) > 500:
            return 414, None
        entries = []
        for text in ids:
            message = self.messages.get(int(text)) if text.isdigit() else None
            status = 100 if message is None else self._reports.get(message["receptor"], 4)
            entries.append({"messageid": int(text) if text.isdigit() else text, "status": status,
                            "statustext": STATUS_TEXTS.get(status, "")})
        return 200, entries

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, http_status, body, content_type="application/json; charset=utf-8"):
                data = body.encode("utf-8")
                try:
                    self.send_response(http_status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped waiting (the timeout tests)

            def _handle(self):
                parts = urlsplit(self.path)
                params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    body = self.rfile.read(length).decode("utf-8")
                    params.update({k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()})
                match = re.fullmatch(r"/v1/([^/]+)/sms/(\w+)\.json", parts.path)
                with fake._lock:
                    fake.requests.append((match.group(2) if match else parts.path, params))
                    failure = fake._failures.pop(0) if fake._failures else None
                    if failure and failure[0] == "timeout":
                        pass
                    elif failure and failure[0] == "http":
                        return self._answer(failure[1], "<html><body>Bad Gateway</body></html>", "text/html")
                    elif failure:
                        code, entries = failure[1], None
                    elif match is None or match.group(2) not in ("send", "status"):
                        code, entries = 404, None
                    elif match.group(1) != fake.api_key:
                        code, entries = 403, None
                    else:
                        code, entries = getattr(fake, match.group(2))(params)
                if failure and failure[0] == "timeout":
                    time.sleep(failure[1])
                    return self._answer(200, json.dumps({"return": {"status": 200, "message": "تایید شد"},
                                                         "entries": []}))
                message = "تایید شد" if code == 200 else ERROR_TEXTS.get(code, "خطا")
                self._answer(code, json.dumps({"return": {"status": code, "message": message}, "entries": entries},
                                              ensure_ascii=False))

            do_GET = do_POST = _handle

        return Handler
