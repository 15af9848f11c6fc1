"""Two checkouts measured page by page in the same minutes: what a change saves, whatever the
machine's speed is doing (it drifts by a third within an hour here, so two benchmark runs minutes
apart can differ more than the change itself).

    .venv/bin/python bench/paired.py --base /tmp/before --base-db sqlite:////tmp/a/bench.db \\
        --new . --new-db sqlite:////tmp/b/bench.db --mix "news: lists, search, report"

Each checkout is served in a process of its own (its code, its seeded database, both logged in as
the demo users) by a Flask test client: no HTTP, no concurrency, the process's CPU time per
request. The pages and mixes are bench/pages.py's, run against the new checkout. The two processes
take turns on each page and user, in alternating order from round to round; a page's figure is
the lowest of its rounds' medians (the least disturbed), averaged over the users who see it.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
HTMX = {"HX-Request": "true", "HX-Target": "results"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, help="the checkout measured against")
    parser.add_argument("--base-db", help="its seeded database (at its own migrations)")
    parser.add_argument("--new", type=Path, default=BENCH_DIR.parent, help="the checkout measured (default: this one)")
    parser.add_argument("--new-db")
    parser.add_argument("--mix", default="news: lists, search, report", help="a mix of bench/pages.py")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=5, help="requests per page, user and round")
    parser.add_argument("--worker", nargs=2, metavar=("CHECKOUT", "DATABASE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.worker and not (args.base and args.base_db and args.new_db):
        parser.error("--base, --base-db and --new-db are needed")
    return args


def environment(database_url):
    return {**os.environ, "RAVABET_CONFIG": "production", "SECRET_KEY": os.environ.get("SECRET_KEY", "paired-" * 6),
            "DATABASE_URL": database_url, "JOBS_BACKEND": "eager", "PYTHONDONTWRITEBYTECODE": "1"}


def worker(checkout, database_url):
    """Serve timing requests on stdin (one JSON line each) from ``checkout``'s app."""
    import gc
    import logging
    import warnings

    sys.path.insert(0, str(checkout))
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    from app import create_app

    app = create_app({"WTF_CSRF_ENABLED": False, "SQLALCHEMY_DATABASE_URI": database_url})
    password = os.environ.get("RAVABET_PASSWORD") or "ravabet-demo"
    clients = {}
    for username in ("admin", "staff"):
        clients[username] = app.test_client()
        clients[username].post("/login", data={"username": username, "password": password},
                               headers={"Referer": "https://localhost/login"})  # production: https
    gc.collect()
    gc.freeze()  # as gunicorn.conf.py does for a worker
    print("ready", flush=True)
    for line in sys.stdin:
        asked = json.loads(line)
        headers = {**HTMX, "HX-Current-URL": asked["path"]} if asked["htmx"] else {}
        client, times = clients[asked["user"]], []
        for number in range(asked["requests"] + 1):  # the first warms up
            began = time.process_time()
            response = client.get(asked["path"], headers=headers)
            if number:
                times.append(time.process_time() - began)
        print(json.dumps({"status": response.status_code, "median_ms": 1000 * statistics.median(times)}), flush=True)


def start(checkout, database_url):
    process = subprocess.Popen([sys.executable, __file__, "--worker", str(checkout), database_url], cwd=checkout,
                               env=environment(database_url), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    if process.stdout.readline().strip() != "ready":
        sys.exit(f"paired: the app of {checkout} did not start")
    return process


def ask(process, **asked):
    process.stdin.write(json.dumps(asked) + "\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


def main():
    args = parse_args()
    if args.worker:
        return worker(*args.worker)
    found = subprocess.run([sys.executable, BENCH_DIR / "pages.py"], cwd=args.new, env=environment(args.new_db),
                           capture_output=True, text=True, check=True)
    listed = json.loads(found.stdout)
    wanted = listed["mixes"][args.mix]
    pages = [page for page in listed["pages"] if page["name"] in wanted]
    processes = {"base": start(args.base, args.base_db), "new": start(args.new, args.new_db)}
    medians = {}
    for number in range(args.rounds):
        order = ("base", "new") if number % 2 == 0 else ("new", "base")
        for page in pages:
            for user in page["users"]:
                for side in order:
                    answer = ask(processes[side], path=page["path"], htmx=page["htmx"], user=user,
                                 requests=args.requests)
                    if answer["status"] != 200:
                        sys.exit(f"paired: {page['path']} answered {answer['status']} in {side}")
                    medians.setdefault((page["name"], user, side), []).append(answer["median_ms"])
    totals = {"base": 0.0, "new": 0.0}
    print(f"{'page':<40} {'base ms':>8} {'new ms':>8} {'new/base':>9}")
    for page in pages:
        figure = {side: statistics.fmean(min(medians[(page["name"], user, side)]) for user in page["users"])
                  for side in totals}
        for side in totals:
            totals[side] += figure[side]
        print(f"{page['name']:<40} {figure['base']:>8.2f} {figure['new']:>8.2f} {figure['new'] / figure['base']:>9.2f}")
    base, new = (totals[side] / len(pages) for side in ("base", "new"))
    print(f"{'mean of the pages: ' + args.mix:<40} {base:>8.2f} {new:>8.2f} {new / base:>9.2f}")


if __name__ == "__main__":
    main()
