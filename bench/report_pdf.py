"""Activity report benchmark: the time to gather a year's report from every installed module and
make its PDF, beside the time xhtml2pdf alone takes to render the same HTML.

    .venv/bin/python bench/report_pdf.py                  # under ten seconds
    .venv/bin/python bench/report_pdf.py --rows 100000 --repeat 3
    .venv/bin/python bench/report_pdf.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ravabet_bench

Builds a new database (SQLite in a temporary folder unless --database-url names an empty one made
for the benchmark), runs the migrations, seeds one year of demo data (``flask seed-demo``) for
the installed modules plus ``--examples`` plugins generated with the scaffold (the checkout ships
none of its own), adds ``--rows`` more rows to each example module's table, turns every module on
and assigns it to a department. Then, ``--repeat`` times, each step of GET /reports/pdf:

  gather    core.reports.assembly.build: the modules' hooks (also shown alone, "hooks") and
            the report's own three queries
  template  rendering reports/pdf.html to HTML (core.pdf.render_html)
  xhtml2pdf core.pdf.html_to_pdf on that HTML: the PDF rendering alone

and prints the medians. Target (docs/perf.md): gather + template < 20% of xhtml2pdf.
"""
import argparse
import datetime
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = [
    ("news_bench", "واحد خبر و اطلاع‌رسانی", "واحد خبر و اطلاع‌رسانی"),
    ("council_bench", "شورای هماهنگی روابط عمومی‌ها", "دبیرخانه شورای هماهنگی روابط عمومی‌ها"),
    ("ads_bench", "فضاسازی و تبلیغات", "واحد فضاسازی و تبلیغات"),
    ("welfare_bench", "کمیته رفاه", "کمیته رفاه کارکنان"),
]
TARGET = 0.20


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="an empty database made for the benchmark (default: SQLite)")
    parser.add_argument("--workdir", type=Path, help="instance folder (default: a new temporary one)")
    parser.add_argument("--examples", type=int, default=len(EXAMPLES), choices=range(len(EXAMPLES) + 1),
                        help="scaffolded example modules to add to the installed ones")
    parser.add_argument("--rows", type=int, default=20000, help="extra rows per example module, over the year")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args(argv)


def make_app(args, workdir):
    from core.scaffold import generate

    plugin_dir = workdir / "plugins"
    for key, title, _department in EXAMPLES[:args.examples]:
        generate(key, title, plugin_dir, workdir / "plugin_tests")
    from app import create_app

    return create_app({
        "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{workdir / 'bench.db'}",
        "INSTANCE_DIR": str(workdir), "FILES_DIR": str(workdir / "files"),
        "PLUGIN_PATHS": [str(plugin_dir)], "SERVER_NAME": "bench.local",
    })


def seed(app, args):
    from flask_migrate import upgrade
    from sqlalchemy import insert, select

    from core import demo
    from core import modules as module_service
    from core.db import db
    from core.jalali import today
    from core.models import Department

    with app.app_context():
        upgrade(revision="heads")
        print(" ", demo.seed(years=1), flush=True)
        registry = app.extensions["ravabet_plugins"]
        departments = {d.name: d.id for d in db.session.scalars(select(Department))}
        fallback = sorted(departments.values())
        for index, key in enumerate(registry.loaded_keys()):
            example = next((e for e in EXAMPLES if e[0] == key), None)
            department = departments.get(example[2]) if example else fallback[index % len(fallback)]
            module_service.assign(key, department)
            module_service.set_enabled(key, True)
        rng = random.Random(1403)
        end = today()
        for key, _title, _department in EXAMPLES[:args.examples]:
            item = sys.modules[f"plugins.{key}.models"].Item
            rows = [{"title": f"فعالیت شماره {n}", "description": "", "search_text": f"فعالیت {n}",
                     "date": end - datetime.timedelta(days=rng.randrange(365))} for n in range(args.rows)]
            for start in range(0, len(rows), 5000):
                db.session.execute(insert(item), rows[start:start + 5000])
        db.session.commit()
        print(f"  modules on: {', '.join(sorted(registry.loaded_keys())) or 'none'};"
              f" {args.rows} extra rows in each example module", flush=True)


def measure(app, args, details):
    from core.jalali import Period, today
    from core.pdf import html_to_pdf, render_html
    from core.reports import assembly

    period = Period.custom(today() - datetime.timedelta(days=364), today())
    timings = {"gather": [], "hooks": [], "template": [], "xhtml2pdf": []}
    collect = assembly.collect

    def timed_collect(*a, **kw):
        began = time.perf_counter()
        try:
            return collect(*a, **kw)
        finally:
            timings["hooks"].append(time.perf_counter() - began)

    assembly.collect = timed_collect
    for _ in range(args.repeat):
        with app.test_request_context("/reports/pdf"):  # a fresh request: per-request caches empty
            began = time.perf_counter()
            report = assembly.build(period)
            gathered = time.perf_counter()
            html = render_html("reports/pdf.html", report=report, period=period.label, edition=None,
                               details=details, issued=today())
            rendered = time.perf_counter()
            data = html_to_pdf(html)
            done = time.perf_counter()
        timings["gather"].append(gathered - began)
        timings["template"].append(rendered - gathered)
        timings["xhtml2pdf"].append(done - rendered)
    assembly.collect = collect
    medians = {step: statistics.median(values) for step, values in timings.items()}
    sections = report.numbered()
    return {
        "details": details,
        "sections": len(sections),
        "items": sum(len(rows) for _section, rows in sections),
        "html_bytes": len(html.encode()),
        "pdf_bytes": len(data),
        "pages": data.count(b"/Type /Page") - data.count(b"/Type /Pages"),
        **{f"{step}_s": round(value, 4) for step, value in medians.items()},
        "overhead": round((medians["gather"] + medians["template"]) / medians["xhtml2pdf"], 4),
    }


def main(argv=None):
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ravabet-report-bench-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        print("seeding", flush=True)
        app = make_app(args, workdir)
        seed(app, args)
        results = [measure(app, args, details) for details in (False, True)]
    print(f"\nmedians of {args.repeat} runs, a year's report (the last 365 days)")
    print(f"{'PDF':<14}{'items':>6}{'pages':>6}{'gather':>10}{'(hooks)':>10}{'template':>10}{'xhtml2pdf':>11}"
          f"{'overhead':>10}")
    for row in results:
        label = "with details" if row["details"] else "items only"
        print(f"{label:<14}{row['items']:>6}{row['pages']:>6}{row['gather_s'] * 1000:>8.1f}ms"
              f"{row['hooks_s'] * 1000:>8.1f}ms{row['template_s'] * 1000:>8.1f}ms{row['xhtml2pdf_s'] * 1000:>9.1f}ms"
              f"{row['overhead']:>10.1%}")
    if args.json:
        args.json.write_text(json.dumps({"rows": args.rows, "examples": args.examples, "results": results},
                                        ensure_ascii=False, indent=2), encoding="utf-8")
    failed = [row for row in results if row["overhead"] >= TARGET]
    print(f"target: gathering and the template add less than {TARGET:.0%} to xhtml2pdf: "
          + ("missed" if failed else "met"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
