"""Load benchmark: seed ten years of data, serve with gunicorn, drive the main pages with concurrent
clients and compare with a bare Flask page of the same size, measured in the same run.

    .venv/bin/python bench/run.py                      # what `make bench` runs (about 8 minutes)
    .venv/bin/python bench/run.py --matrix             # compare gunicorn worker settings
    .venv/bin/python bench/run.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ravabet_bench

Prints a table and writes JSON to bench/results/. See docs/perf.md for the method and figures.
Exits 1 when any request answered other than 200 (the figures would not be comparable).
"""
import argparse
import asyncio
import json
import os
import platform
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import loadgen  # noqa: E402

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
USERS = ("admin", "staff")
LOOP = asyncio.new_event_loop()  # one loop for all: the clients' connections belong to it
# Chosen with --matrix on the 2-core machine (docs/perf.md): every setting served the app's pages at
# the same rate (the two cores are full), but sync workers take each request from the shared
# accept queue, so waits are even: p95 about 420 ms against 700 ms for gthread, whose keep-alive
# connections stay with one process. Four rather than two keep pages moving while a slow request
# (a large report) holds a worker; the same as docs/operations.md.
DEFAULT_SERVER = {"worker_class": "sync", "workers": 4, "threads": 1}
MATRIX = [
    {"worker_class": "sync", "workers": 2, "threads": 1},
    {"worker_class": "sync", "workers": 3, "threads": 1},
    {"worker_class": "sync", "workers": 4, "threads": 1},
    {"worker_class": "gthread", "workers": 2, "threads": 4},
    {"worker_class": "gthread", "workers": 3, "threads": 4},
    {"worker_class": "gthread", "workers": 4, "threads": 2},
]


def _shown(value):
    """A latency for the tables; None when a scenario had no successful answer."""
    return "—" if value is None else value


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    data = parser.add_argument_group("data")
    data.add_argument("--database-url", help="default: a new SQLite file in the work folder; PostgreSQL: "
                      "an empty database made for the benchmark (never the test suite's)")
    data.add_argument("--workdir", type=Path, help="instance folder (default: a new temporary one)")
    data.add_argument("--reuse", action="store_true", help="the database is already seeded: skip seeding")
    data.add_argument("--years", type=int, default=10)
    data.add_argument("--people", type=int, default=20000)
    data.add_argument("--organizations", type=int, default=2000)
    data.add_argument("--users", type=int, default=200)
    data.add_argument("--audit", type=int, default=300000, help="audit-log rows")
    data.add_argument("--news-items", type=int, default=15000, help="the news module's items in all")
    data.add_argument("--news-events", type=int, default=10000, help="its photo-archive events in all")
    data.add_argument("--news-photos", type=int, default=150000, help="photo rows of those events in all")
    load = parser.add_argument_group("load")
    load.add_argument("--clients", type=int, default=20)
    load.add_argument("--duration", type=float, default=20.0, help="measured seconds per scenario")
    load.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds before each scenario")
    load.add_argument("--pages", help="comma-separated page names to measure alone (default: all)")
    load.add_argument("--mixed-only", action="store_true", help="skip the per-page scenarios")
    load.add_argument("--max-other", type=float, default=0.25,
                      help="cores other processes may use during a scenario before it is measured again")
    load.add_argument("--retries", type=int, default=2, help="times a disturbed scenario is measured again")
    server = parser.add_argument_group("server")
    server.add_argument("--worker-class", choices=("sync", "gthread"), default=DEFAULT_SERVER["worker_class"])
    server.add_argument("--workers", type=int, default=DEFAULT_SERVER["workers"])
    server.add_argument("--threads", type=int, default=DEFAULT_SERVER["threads"])
    server.add_argument("--matrix", action="store_true",
                        help="measure the bare page and the mixed pages under each worker setting")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results")
    return parser.parse_args(argv)


def environment(args, workdir):
    env = dict(os.environ)
    env.update({
        "FLASK_APP": "app",
        "RAVABET_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "RAVABET_INSTANCE_DIR": str(workdir),
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'bench.db'}",
        "RAVABET_PASSWORD": os.environ.get("RAVABET_PASSWORD") or "ravabet-demo",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    return env


def step(label, command, env):
    began = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{label} failed:\n{result.stdout}\n{result.stderr}")
    print(f"  {label}: {time.perf_counter() - began:.1f} s", flush=True)
    return result.stdout


def seed(args, env):
    print("seeding", flush=True)
    step("flask db upgrade", [BIN / "flask", "db", "upgrade"], env)
    print("   ", step(f"flask seed-demo --years {args.years}",
                     [BIN / "flask", "seed-demo", "--years", str(args.years)], env).strip())
    output = step("bench/seed.py", [sys.executable, BENCH_DIR / "seed.py", "--years", str(args.years),
                                    "--people", str(args.people), "--organizations", str(args.organizations),
                                    "--users", str(args.users), "--audit", str(args.audit)], env)
    print("\n".join("    " + line for line in output.strip().splitlines()), flush=True)
    output = step("bench/news_seed.py", [sys.executable, BENCH_DIR / "news_seed.py", "--years", str(args.years),
                                         "--items", str(args.news_items), "--events", str(args.news_events),
                                         "--photos", str(args.news_photos)], env)
    print("\n".join("    " + line for line in output.strip().splitlines()), flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn on a free port; stopped on exit. ``cpu()``: CPU seconds of the master and workers."""

    def __init__(self, app_spec, settings, env, log_path, chdir=ROOT, ready_path="/"):
        self.port = free_port()
        command = [BIN / "gunicorn", app_spec, "--chdir", chdir, "--bind", f"{HOST}:{self.port}",
                   "--workers", str(settings["workers"]), "--worker-class", settings["worker_class"],
                   "--backlog", "2048", "--log-level", "warning"]
        if settings["worker_class"] == "gthread":  # with sync, --threads > 1 would switch to gthread
            command += ["--threads", str(settings["threads"])]
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.ready_path = ready_path

    def __enter__(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited with {self.process.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}{self.ready_path}", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn did not answer within a minute; see {self.log.name}")

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def pids(self):
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
            pids += [int(pid) for pid in children.split()]
        except OSError:
            pass
        return pids

    def cpu(self):
        total = 0.0
        for pid in self.pids():
            try:
                total += process_cpu_seconds(pid)
            except OSError:
                continue
        return total


def machine_busy_seconds():
    """CPU seconds every process on the machine has used (all cores), from /proc/stat."""
    user, nice, system, idle, iowait, irq, softirq, steal = map(
        int, Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def database_cpu_seconds(database_url):
    """CPU seconds of PostgreSQL serving the benchmark: its backends for the benchmark's database
    (their process title names it) plus what the postmaster's ended children used (parallel query
    workers; also any other database's ended connections, rare while benchmarking). 0 for
    SQLite, which runs inside the workers."""
    if not database_url.startswith("postgresql"):
        return 0.0
    name = database_url.rsplit("/", 1)[1].split("?")[0]
    total, postmasters = 0.0, set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                if title.startswith("postgres:") and f" {name} " in title:
                    total += process_cpu_seconds(entry.name)
                    postmasters.add((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    for pid in postmasters:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")  # cutime, cstime
    return total


def discover_pages(env):
    output = step("pages and queries per page", [sys.executable, BENCH_DIR / "pages.py"], env)
    return json.loads(output)


def measure(server, clients, pages, args, label, database_url):
    """One scenario; again (up to --retries times) while other processes took more than
    --max-other cores of the machine meanwhile, keeping the least disturbed run."""
    runs = [measure_once(server, clients, pages, args, label, database_url)]
    while runs[-1]["cpu_other"] > args.max_other and len(runs) <= args.retries:
        runs.append(measure_once(server, clients, pages, args, label, database_url))
    best = min(runs, key=lambda run: run["cpu_other"])
    return {**best, "attempts": len(runs)}


def measure_once(server, clients, pages, args, label, database_url):
    pages = [loadgen.Page(p["name"], p["path"], p["htmx"], tuple(p["users"])) for p in pages]
    probe = lambda: {"server": server.cpu(), "database": database_cpu_seconds(database_url),  # noqa: E731
                     "machine": machine_busy_seconds()}
    samples, warmup_errors, cpu = LOOP.run_until_complete(loadgen.run_scenario(
        clients, pages, HOST, server.port, args.duration, args.warmup, probe))
    result = loadgen.summarize(samples, args.duration)
    # Cores in use: the server's processes, PostgreSQL's backends for this database, this generator,
    # and everything else on the machine.
    other = max(0.0, cpu["machine"] - cpu["server"] - cpu["database"] - cpu["generator"])
    # The server's CPU time per answered request: what a page costs, little moved by other load.
    cpu_ms = 1000 * cpu["server"] / result["rps"] if result["rps"] else None
    result.update(name=label, warmup_errors=len(warmup_errors), cpu_server=round(cpu["server"], 2),
                  cpu_database=round(cpu["database"], 2), cpu_generator=round(cpu["generator"], 2),
                  cpu_other=round(other, 2),
                  cpu_ms_per_request=round(cpu_ms, 2) if cpu_ms else None)
    print(f"  {label:<30} {result['rps']:>7.1f} req/s  p50 {_shown(result['p50_ms']):>6} ms  p95 {_shown(result['p95_ms']):>6} ms"
          f"  errors {sum(result['errors'].values()) + len(warmup_errors)}  cores: server {result['cpu_server']:.2f}"
          f" database {result['cpu_database']:.2f} generator {result['cpu_generator']:.2f}"
          f" other {result['cpu_other']:.2f}", flush=True)
    return result


def connect(server, args, env, usernames=()):
    return LOOP.run_until_complete(loadgen.open_clients(HOST, server.port, args.clients, usernames, env["RAVABET_PASSWORD"]))


def bare_server(settings, env, workdir, size):
    return Server("bare_app:create_app()", settings, {**env, "BENCH_BARE_BYTES": str(size)},
                  workdir / "gunicorn-bare.log", chdir=BENCH_DIR)


def app_server(settings, env, workdir):
    return Server("app:create_app()", settings, env, workdir / "gunicorn-app.log", ready_path="/healthz")


def run_bare(settings, env, workdir, size, args, label="bare page"):
    with bare_server(settings, env, workdir, size) as server:
        clients = connect(server, args, env)
        page = {"name": label, "path": "/", "htmx": False, "users": [None]}
        return measure(server, clients, [page], args, label, env["DATABASE_URL"])


def run_app(settings, env, workdir, pages, args, mixes=None):
    """Each page alone (unless --mixed-only), all pages mixed, then each module's own mix."""
    results, mixed = [], []
    with app_server(settings, env, workdir) as server:
        clients = connect(server, args, env, USERS)
        if not args.mixed_only:
            for page in pages:
                results.append({**measure(server, clients, [page], args, page["name"], env["DATABASE_URL"]),
                                "page": page})
        overall = measure(server, clients, pages, args, "all pages mixed", env["DATABASE_URL"])
        for label, names in (mixes or {}).items():
            chosen = [page for page in pages if page["name"] in names]
            if chosen:
                mixed.append({**measure(server, clients, chosen, args, label, env["DATABASE_URL"]), "names": names})
    return results, overall, mixed


def median_page_size(pages):
    return int(statistics.median(p["bytes"] for p in pages))


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gib": round(memory / 1024 / 1024, 1),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "kernel": platform.release()}


def commit():
    def git(*command):
        return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


def server_label(settings):
    threads = f"×{settings['threads']} threads" if settings["worker_class"] == "gthread" else ""
    return f"{settings['worker_class']} {settings['workers']} workers{threads}"


def print_table(report):
    # SQL: statements per request; KB: response size; latencies in ms; cpu: the server's CPU ms per
    # request; cores used by the server, PostgreSQL (db) and other processes (the generator's: JSON).
    header = (f"{'page':<30} {'htmx':<4} {'SQL':>4} {'KB':>6} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
              f" {'max':>6} {'err':>4} {'cpu':>5} {'cores':>5} {'db':>5} {'other':>5}")
    print("\n" + header + "\n" + "-" * len(header))

    def row(result, page=None):
        queries = max(page["queries"].values()) if page else ""
        kb = f"{(page['bytes'] if page else result['mean_bytes']) / 1024:.1f}"
        htmx = "yes" if page and page["htmx"] else ""
        errors = sum(result["errors"].values()) + result.get("warmup_errors", 0)
        print(f"{result['name'][:30]:<30} {htmx:<4} {queries:>4} {kb:>6} {result['rps']:>7.1f}"
              f" {_shown(result['p50_ms']):>6} {_shown(result['p95_ms']):>6} {_shown(result['p99_ms']):>6} {_shown(result['max_ms']):>6} {errors:>4}"
              f" {result['cpu_ms_per_request'] or 0:>5.1f} {result['cpu_server']:>5.2f} {result['cpu_database']:>5.2f}"
              f" {result['cpu_other']:>5.2f}")

    for result in report["pages"]:
        row(result, result["page"])
    print("-" * len(header))
    row(report["overall"])
    for result in report.get("mixes", ()):
        row(result)
    for result in report["bare"]:
        row(result)
    ratio = report["throughput_ratio"]
    p95 = report["overall"]["p95_ms"]
    print(f"\napp (all pages mixed) / bare page throughput: {ratio:.2f}  (target ≥ 0.5: "
          f"{'met' if ratio >= 0.5 else 'not met'});  overall p95 {p95} ms (target < 150 ms: "
          f"{'met' if p95 is not None and p95 < 150 else 'not met'})")
    for result in report.get("mixes", ()):
        print(f"{result['name']}: p95 {result['p95_ms']} ms (target < 150 ms: "
              f"{'met' if result['p95_ms'] is not None and result['p95_ms'] < 150 else 'not met'})")


def total_errors(results):
    return sum(sum(r["errors"].values()) + r.get("warmup_errors", 0) for r in results)


def main(argv=None):
    # A SIGTERM unwinds like Ctrl-C, so the gunicorn servers started here are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    args = parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ravabet-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = environment(args, workdir)
    print(f"work folder {workdir}; database {env['DATABASE_URL']}", flush=True)
    if not args.reuse:
        seed(args, env)
    discovered = discover_pages(env)
    pages = discovered["pages"]
    if args.pages:
        wanted = {name.strip() for name in args.pages.split(",")}
        pages = [p for p in pages if p["name"] in wanted] or sys.exit(f"no page named {sorted(wanted)}")
    size = median_page_size(discovered["pages"])
    print(f"{len(pages)} pages; median size {size} bytes (the bare page's size)", flush=True)

    stamp = datetime.now(UTC)
    report = {"date": stamp.isoformat(timespec="seconds"), **commit(), "machine": machine(),
              "database": env["DATABASE_URL"].split(":", 1)[0].split("+")[0], "clients": args.clients,
              "duration_s": args.duration, "warmup_s": args.warmup, "bare_bytes": size,
              "volume": {k: getattr(args, k) for k in ("years", "people", "organizations", "users", "audit",
                                                       "news_items", "news_events", "news_photos")},
              "discovered_pages": discovered["pages"]}
    if args.matrix:
        report["matrix"] = []
        for settings in MATRIX:
            print(f"server: {server_label(settings)}", flush=True)
            bare = run_bare(settings, env, workdir, size, args)
            _, overall, _ = run_app(settings, env, workdir, pages, argparse.Namespace(**{**vars(args), "mixed_only": True}))
            report["matrix"].append({"server": settings, "bare": bare, "overall": overall,
                                     "throughput_ratio": round(overall["rps"] / bare["rps"], 3)})
        errors = total_errors([r[k] for r in report["matrix"] for k in ("bare", "overall")])
        print(f"\n{'server':<30} {'bare req/s':>10} {'app req/s':>10} {'ratio':>6} {'app p50':>8} {'app p95':>8}"
              f" {'app cores':>9} {'other':>6}")
        for entry in report["matrix"]:
            app = entry["overall"]
            print(f"{server_label(entry['server']):<30} {entry['bare']['rps']:>10.1f} {app['rps']:>10.1f}"
                  f" {entry['throughput_ratio']:>6.2f} {app['p50_ms']:>8} {app['p95_ms']:>8}"
                  f" {app['cpu_server']:>9.2f} {app['cpu_other']:>6.2f}")
    else:
        settings = {"worker_class": args.worker_class, "workers": args.workers, "threads": args.threads}
        report["server"] = settings
        print(f"server: {server_label(settings)}", flush=True)
        # The bare page before and after the app, so a drift of the machine's speed shows.
        bare_before = run_bare(settings, env, workdir, size, args, "bare page (before)")
        results, overall, mixes = run_app(settings, env, workdir, pages, args, discovered.get("mixes"))
        bare_after = run_bare(settings, env, workdir, size, args, "bare page (after)")
        report.update(pages=results, overall=overall, mixes=mixes, bare=[bare_before, bare_after])
        bare_rps = (bare_before["rps"] + bare_after["rps"]) / 2
        report["throughput_ratio"] = round(overall["rps"] / bare_rps, 3)
        print_table(report)
        errors = total_errors(results + [overall, *mixes, bare_before, bare_after])

    args.out.mkdir(parents=True, exist_ok=True)
    name = f"{stamp:%Y%m%dT%H%M%S}-{report['database']}{'-matrix' if args.matrix else ''}.json"
    (args.out / name).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"\nwrote {args.out / name}")
    if errors:
        sys.exit(f"{errors} requests did not answer 200: the figures above are not valid")


if __name__ == "__main__":
    main()
