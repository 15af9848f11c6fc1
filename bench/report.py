"""Markdown tables of a bench/run.py result, for docs/perf.md.

    .venv/bin/python bench/report.py bench/results/20261126T090000-sqlite.json
"""
import json
import sys


def _errors(result):
    return sum(result["errors"].values()) + result.get("warmup_errors", 0)


def _row(name, result, page=None):
    queries = "/".join(str(page["queries"][u]) for u in page["users"]) if page else ""
    size = (page["bytes"] if page else result["mean_bytes"]) / 1024
    return (f"| {name} | {'yes' if page and page['htmx'] else ''} | {queries} | {size:.1f} | {result['rps']:.1f} "
            f"| {result['p50_ms']} | {result['p95_ms']} | {result['p99_ms']} | {result['max_ms']} | {_errors(result)} "
            f"| {_cpu_ms(result)} | {result['cpu_server']:.2f} | {result.get('cpu_database', 0):.2f} "
            f"| {result['cpu_other']:.2f} |")


def _cpu_ms(result):
    return f"{1000 * result['cpu_server'] / result['rps']:.1f}" if result["rps"] else ""


def run_table(report):
    lines = [
        "| page | htmx | SQL (admin/staff) | KB | req/s | p50 ms | p95 ms | p99 ms | max ms | errors "
        "| server CPU ms/req | server cores | database cores | other cores |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [_row(r["name"], r, r["page"]) for r in report["pages"]]
    lines.append(_row("**all pages mixed**", report["overall"]))
    lines += [_row(f"**{r['name']}** (mixed)", r) for r in report.get("mixes", ())]
    lines += [_row(f"**{r['name']}**", r) for r in report["bare"]]
    return "\n".join(lines)


def matrix_table(report):
    lines = ["| server | bare req/s | app req/s | ratio | app p50 ms | app p95 ms | app CPU ms/req "
             "| app server cores | other cores |",
             "|---|---|---|---|---|---|---|---|---|"]
    for entry in report["matrix"]:
        server, app = entry["server"], entry["overall"]
        label = f"{server['worker_class']} {server['workers']} workers"
        if server["worker_class"] == "gthread":
            label += f" × {server['threads']} threads"
        lines.append(f"| {label} | {entry['bare']['rps']:.1f} | {app['rps']:.1f} | {entry['throughput_ratio']:.3f} "
                     f"| {app['p50_ms']} | {app['p95_ms']} | {_cpu_ms(app)} | {app['cpu_server']:.2f} "
                     f"| {app['cpu_other']:.2f} |")
    return "\n".join(lines)


def main(path):
    report = json.loads(open(path, encoding="utf-8").read())
    machine = report["machine"]
    print(f"{report['date']}, commit {report['commit']}{' (with uncommitted changes)' if report['dirty'] else ''}, "
          f"{report['database']}, {machine['cores']} cores ({machine['cpu']}), Python {machine['python']}, "
          f"SQLite {machine['sqlite']}; {report['clients']} clients, {report['warmup_s']:g} s warm-up + "
          f"{report['duration_s']:g} s per scenario; bare page {report['bare_bytes']} bytes.\n")
    if "matrix" in report:
        print(matrix_table(report))
    else:
        server = report["server"]
        print(f"Server: gunicorn {server['worker_class']}, {server['workers']} workers"
              + (f" × {server['threads']} threads" if server["worker_class"] == "gthread" else "")
              + f". Throughput ratio (all pages mixed / bare page): {report['throughput_ratio']:.3f}.\n")
        print(run_table(report))


if __name__ == "__main__":
    main(sys.argv[1])
