"""A small closed-loop HTTP/1.1 load generator: one asyncio event loop, raw sockets.

Each client is one keep-alive connection (reopened when the server closes it, as gunicorn's sync
worker does after every response) carrying its own cookie jars, one per logged-in user. A client
sends its next request as soon as the previous answer is read (no think time). Latency is timed
from writing the request to reading the last byte of the body, reconnecting included.
"""
import asyncio
import re
import resource
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

CSRF_FIELD = re.compile(rb'name="csrf_token"[^>]*value="([^"]+)"')


class HTTPError(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: list
    body: bytes

    def header(self, name):
        return next((value for key, value in self.headers if key == name), None)


class Connection:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, method, path, headers=(), body=b""):
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", *headers]
        if body or method == "POST":
            head.append(f"Content-Length: {len(body)}")
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        reused = self.writer is not None
        try:
            return await self._exchange(data)
        except (ConnectionError, asyncio.IncompleteReadError):
            self.close()
            if not reused:
                raise
            # The server closed an idle keep-alive connection: send once more on a new one.
            return await self._exchange(data)

    async def _exchange(self, data):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(data)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        version, status = lines[0].split(" ", 2)[:2]
        headers = []
        for line in lines[1:]:
            if line:
                key, _, value = line.partition(":")
                headers.append((key.strip().lower(), value.strip()))
        response = Response(int(status), headers, b"")
        length = response.header("content-length")
        if length is not None:
            response.body = await self.reader.readexactly(int(length))
        elif (response.header("transfer-encoding") or "").lower() == "chunked":
            response.body = await self._chunked()
        else:
            raise HTTPError("response without Content-Length or chunked encoding")
        if version == "HTTP/1.0" or (response.header("connection") or "").lower() == "close":
            self.close()
        return response

    async def _chunked(self):
        parts = []
        while True:
            size = int((await self.reader.readline()).split(b";")[0], 16)
            if size == 0:
                while (await self.reader.readline()) not in (b"\r\n", b""):
                    pass
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class CookieJar:
    def __init__(self):
        self.cookies = {}

    def update(self, response):
        for key, value in response.headers:
            if key != "set-cookie":
                continue
            pair, *attributes = value.split(";")
            name, _, content = pair.strip().partition("=")
            expired = any(a.strip().lower() in ("max-age=0",) or "1970" in a for a in attributes)
            if expired or not content:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = content

    def header(self):
        return "Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()) if self.cookies else None


@dataclass
class Page:
    name: str
    path: str
    htmx: bool = False
    users: tuple = (None,)  # usernames whose sessions may request it; None: no login

    def headers(self, base):
        headers = ["Accept: text/html", "User-Agent: ravabet-bench"]
        if self.htmx:
            headers += ["HX-Request: true", "HX-Target: results", f"HX-Current-URL: {base}{self.path}"]
        return headers


@dataclass
class Client:
    connection: Connection
    jars: dict = field(default_factory=dict)  # username -> CookieJar


async def login(client, username, password, base):
    jar = client.jars.setdefault(username, CookieJar())
    page = await client.connection.request("GET", "/login", ["User-Agent: ravabet-bench"])
    jar.update(page)
    match = CSRF_FIELD.search(page.body)
    if page.status != 200 or match is None:
        raise HTTPError(f"GET /login answered {page.status} without a CSRF token")
    body = urlencode({"csrf_token": match.group(1).decode(), "username": username, "password": password}).encode()
    headers = ["User-Agent: ravabet-bench", "Content-Type: application/x-www-form-urlencoded",
               f"Referer: {base}/login", jar.header()]
    answer = await client.connection.request("POST", "/login", headers, body)
    jar.update(answer)
    if answer.status not in (302, 303) or "/login" in (answer.header("location") or ""):
        raise HTTPError(f"logging in as {username} failed: {answer.status}")


async def open_clients(host, port, count, usernames=(), password=None):
    clients = [Client(Connection(host, port)) for _ in range(count)]
    base = f"http://{host}:{port}"
    # One login at a time: concurrent logins on SQLite fail with "database is locked" (docs/perf.md).
    for client in clients:
        for username in usernames:
            await login(client, username, password, base)
    return clients


@dataclass
class Sample:
    page: str
    latency: float
    status: int
    size: int


async def _drive(index, client, pages, base, start, end, samples, warmup_errors):
    turn = index  # clients start at different pages of a mixed list
    while True:
        began = time.perf_counter()
        if began >= end:
            return
        page = pages[turn % len(pages)]
        turn += 1
        username = page.users[index % len(page.users)]
        jar = client.jars.get(username)
        headers = page.headers(base)
        if jar is not None and jar.cookies:
            headers.append(jar.header())
        try:
            response = await client.connection.request("GET", page.path, headers)
            status, size = response.status, len(response.body)
            if jar is not None:
                jar.update(response)
        except (OSError, asyncio.IncompleteReadError, HTTPError):
            client.connection.close()
            status, size = 0, 0
        finished = time.perf_counter()
        if began >= start and finished <= end:
            samples.append(Sample(page.name, finished - began, status, size))
        elif began < start and status != 200:
            warmup_errors.append(Sample(page.name, finished - began, status, size))


async def run_scenario(clients, pages, host, port, duration, warmup, cpu_probe=None):
    """Drive ``pages`` (round robin per client) for warmup + duration seconds. Returns the samples
    of the measured duration, the failed warm-up requests, and CPU use in cores: the generator's,
    and each figure of ``cpu_probe()`` (a dict of CPU seconds so far, e.g. the server's)."""
    base = f"http://{host}:{port}"
    now = time.perf_counter()
    start, end = now + warmup, now + warmup + duration
    samples, warmup_errors = [], []
    tasks = [asyncio.create_task(_drive(i, c, pages, base, start, end, samples, warmup_errors))
             for i, c in enumerate(clients)]
    await asyncio.sleep(max(0.0, start - time.perf_counter()))
    before = {"generator": _own_cpu(), **(cpu_probe() if cpu_probe else {})}
    await asyncio.sleep(max(0.0, end - time.perf_counter()))
    after = {"generator": _own_cpu(), **(cpu_probe() if cpu_probe else {})}
    await asyncio.gather(*tasks)
    cpu = {key: (after[key] - before[key]) / duration for key in before}
    return samples, warmup_errors, cpu


def _own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * fraction // 1))
    return sorted_values[int(rank) - 1]


def summarize(samples, duration):
    latencies = sorted(s.latency for s in samples)
    errors = {}
    for s in samples:
        if s.status != 200:
            errors[str(s.status)] = errors.get(str(s.status), 0) + 1
    ms = lambda value: round(value * 1000, 1) if value is not None else None  # noqa: E731
    return {
        "requests": len(samples),
        "rps": round(sum(1 for s in samples if s.status == 200) / duration, 1),
        "p50_ms": ms(percentile(latencies, 0.50)),
        "p95_ms": ms(percentile(latencies, 0.95)),
        "p99_ms": ms(percentile(latencies, 0.99)),
        "max_ms": ms(latencies[-1] if latencies else None),
        "errors": errors,
        "mean_bytes": round(sum(s.size for s in samples) / len(samples)) if samples else 0,
    }
