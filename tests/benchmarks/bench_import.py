# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import benchmark: data_jobs' engine against Odoo's own import (issue 4).

Imports the same res.partner file (a country by name and tags, so the
many2one and many2many lookups are exercised) two ways:

* ours: a real ``data.job`` import, run by queue_job's own runjob steps
  (its own transactions, a commit per batch);
* Odoo's: ``base_import.import.execute_import`` as the web client calls it,
  in requests of ``--odoo-batch`` rows, each committed.

Each measurement runs in a fresh subprocess (peak RSS only grows within a
process). Files are written once per size and format; every case imports
new partners (names carry the case), and deletes them afterwards unless
``--keep``. A script, not a test: figures to read, not assertions.
"""

import argparse
import base64
import csv
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import (  # noqa: E402  (shared with bench_export.py)
    ENQUEUE_SQL,
    Measure,
    admin_env,
    child_run,
    perform_queue_job,
    run_child,
    say,
)

HEADERS = [
    "name",
    "email",
    "phone",
    "street",
    "city",
    "zip",
    "country_id",
    "category_id",
    "is_company",
    "ref",
]
COUNTRIES = ("Belgium", "France", "Germany", "Netherlands", "Luxembourg")
CITIES = ("Brussels", "Liège", "Paris", "Köln", "Utrecht", "Esch-sur-Alzette")
TAGS = ("Bench Import A", "Bench Import B", "Bench Import C")
FORMATS = ("csv", "xlsx")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Import res.partner rows (country by name, tags) with "
        "data_jobs and with Odoo's base_import; print rows/s and peak memory.",
    )
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument("--database", required=True, help="database with data_jobs")
    parser.add_argument(
        "--rows", default="10000,50000", help="comma-separated file sizes"
    )
    parser.add_argument("--formats", default="csv,xlsx", help="csv, xlsx or both")
    parser.add_argument("--engines", default="ours,odoo", help="ours, odoo or both")
    parser.add_argument("--batch-size", type=int, default=1000, help="ours")
    parser.add_argument(
        "--odoo-batch", type=int, default=2000, help="rows per execute_import call"
    )
    parser.add_argument("--keep", action="store_true", help="keep imported rows")
    parser.add_argument("--profile", action="store_true", help="cProfile ours")
    parser.add_argument("--log-level", default="warn")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.rows = [int(r) for r in args.rows.split(",") if r]
    args.formats = [f for f in args.formats.split(",") if f in FORMATS]
    args.engines = [e for e in args.engines.split(",") if e in ("ours", "odoo")]
    return args


# ---------------------------------------------------------------------- files
def rows_of(count, label):
    for i in range(count):
        yield [
            f"Bench Import {label} {i:07d}",
            f"bi{i}@{label.lower()}.example",
            f"+32 2 {i % 1000:03d} {i % 100:02d} {i % 97:02d}",
            f"Rue {i % 500} {i}",
            CITIES[i % len(CITIES)],
            f"{1000 + i % 8999}",
            COUNTRIES[i % len(COUNTRIES)],
            ",".join(TAGS[: 1 + i % len(TAGS)]),
            "1" if i % 5 == 0 else "0",
            f"BI-{label}-{i}",
        ]


def write_file(path, fmt, count, label):
    if fmt == "csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            writer.writerows(rows_of(count, label))
        return
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    sheet = workbook.add_worksheet("Partners")
    sheet.write_row(0, 0, HEADERS)
    for index, row in enumerate(rows_of(count, label), 1):
        sheet.write_row(index, 0, row)
    workbook.close()


# --------------------------------------------------------------------- parent
def main(argv=None):
    args = parse_args(argv)
    if args.child:
        return child_main(args)
    run_child(__file__, args, {"engine": "setup"})
    results = []
    with tempfile.TemporaryDirectory(prefix="bench_import_") as folder:
        for rows in args.rows:
            for fmt in args.formats:
                for engine in args.engines:
                    label = f"{engine}{fmt}{rows}".upper()
                    path = os.path.join(folder, f"partners_{label}.{fmt}")
                    write_file(path, fmt, rows, label)
                    say(f"{engine} {fmt} {rows:,} rows...")
                    spec = {
                        "engine": engine,
                        "format": fmt,
                        "rows": rows,
                        "path": path,
                        "label": label,
                        "batch_size": args.batch_size,
                        "odoo_batch": args.odoo_batch,
                        "keep": args.keep,
                        "profile": args.profile,
                    }
                    result = run_child(__file__, args, spec)
                    say(
                        f"  {result['seconds']:.1f} s, {rows / result['seconds']:,.0f} "
                        f"rows/s, RSS growth {result['growth_mb']:.0f} MB"
                    )
                    results.append(result)
    say()
    say(report(results, args))
    return 0


def report(results, args):
    lines = [
        f"ours batch_size={args.batch_size}, Odoo execute_import batches of "
        f"{args.odoo_batch}, {os.cpu_count()} CPUs",
        "",
        "| case | rows | seconds | rows/s | CPU s | baseline RSS MB | peak RSS MB "
        "| RSS growth MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for res in results:
        lines.append(
            f"| {res['engine']} {res['format']} | {res['rows']:,} "
            f"| {res['seconds']:.1f} | {res['rows'] / res['seconds']:,.0f} "
            f"| {res['cpu_seconds']:.1f} | {res['baseline_mb']:.0f} "
            f"| {res['peak_mb']:.0f} | {res['growth_mb']:.0f} |"
        )
    lines.append("")
    by_case = {(r["engine"], r["format"], r["rows"]): r for r in results}
    small, large = min(args.rows), max(args.rows)
    for fmt in args.formats:
        for rows in args.rows:
            ours, odoo = (
                by_case.get(("ours", fmt, rows)),
                by_case.get(("odoo", fmt, rows)),
            )
            if ours and odoo:
                ratio = odoo["seconds"] / ours["seconds"]
                lines.append(
                    f"- {fmt.upper()} {rows:,} rows: ours/Odoo rows/s = {ratio:.2f}x "
                    "(goal >= 2x: " + ("met)" if ratio >= 2 else "NOT met)")
                )
        for engine in args.engines:
            a, b = by_case.get((engine, fmt, small)), by_case.get((engine, fmt, large))
            if a and b and small != large:
                growth = b["growth_mb"] / max(a["growth_mb"], 1.0)
                goal = ""
                if engine == "ours":
                    met = "met" if growth <= 1.3 else "NOT met"
                    goal = f" (goal <= 1.3x: {met})"
                lines.append(
                    f"- {fmt.upper()} {engine}: RSS growth at {large:,} rows / at "
                    f"{small:,} rows = {b['growth_mb']:.0f} / {a['growth_mb']:.0f} MB "
                    f"= {growth:.2f}x{goal}"
                )
    return "\n".join(lines)


# ---------------------------------------------------------------------- child
def child_main(args):
    actions = {"setup": setup, "ours": run_ours, "odoo": run_odoo}
    return child_run(args, actions, "engine")


def setup(registry, spec):
    """The tags the files name, and the countries active (they are in base)."""
    with registry.cursor() as cr:
        env = admin_env(cr)
        tags = env["res.partner.category"]
        for name in TAGS:
            if not tags.search([("name", "=", name)]):
                tags.create({"name": name})
    return {"rows": 0}


def run_ours(registry, spec):
    from odoo import SUPERUSER_ID, api

    with open(spec["path"], "rb") as handle:
        content = base64.b64encode(handle.read()).decode()
    with registry.cursor() as cr:
        env = admin_env(cr)
        job = env["data.job"].create_import(
            "res.partner",
            os.path.basename(spec["path"]),
            content,
            {"batch_size": spec["batch_size"]},
        )
        job_id, uuid = job.id, job.queue_job_uuid
        cr.execute(ENQUEUE_SQL, ("enqueued", uuid))
    del content
    with Measure(spec["profile"]) as measure:
        perform_queue_job(registry, uuid)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        job = env["data.job"].browse(job_id)
        assert job.state == "done", f"{job.name} is {job.state}: {job.error_message}"
        assert job.created_count == spec["rows"], (job.created_count, job.error_count)
        cleanup(env, spec)
        if not spec["keep"]:
            job.unlink()
    return measure.result(spec["rows"], os.path.getsize(spec["path"]))


def run_odoo(registry, spec):
    """The web client's import: execute_import in batches, one commit each."""
    with open(spec["path"], "rb") as handle:
        content = handle.read()
    fmt = spec["format"]
    mimetypes = {
        "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    options = {
        "has_headers": True,
        "quoting": '"',
        "separator": ",",
        "encoding": "utf-8",
        "date_format": "",
        "datetime_format": "",
        "float_thousand_separator": ",",
        "float_decimal_separator": ".",
        "advanced": True,
        "keep_matches": False,
        "name_create_enabled_fields": {},
        "import_set_empty_fields": [],
        "import_skip_records": [],
        "fallback_values": {},
        "sheet": "Partners" if fmt == "xlsx" else "",
        "limit": spec["odoo_batch"],
        "skip": 0,
        "tracking_disable": True,
    }
    with registry.cursor() as cr:
        env = admin_env(cr)
        wizard = env["base_import.import"].create(
            {
                "res_model": "res.partner",
                "file": content,
                "file_name": os.path.basename(spec["path"]),
                "file_type": mimetypes[fmt],
            }
        )
        wizard_id = wizard.id
    del content
    imported = 0
    with Measure(spec["profile"]) as measure:
        skip = 0
        while True:
            with registry.cursor() as cr:
                env = admin_env(cr)
                wizard = env["base_import.import"].browse(wizard_id)
                result = wizard.execute_import(
                    HEADERS, HEADERS, dict(options, skip=skip), dryrun=False
                )
                errors = [m for m in result["messages"] if m.get("type") == "error"]
                assert not errors, errors[:3]
                imported += len(result["ids"] or [])
                skip = result.get("nextrow") or 0
            if not skip:
                break
    assert imported == spec["rows"], (imported, spec["rows"])
    with registry.cursor() as cr:
        cleanup(admin_env(cr), spec)
    return measure.result(spec["rows"], os.path.getsize(spec["path"]))


def cleanup(env, spec):
    if spec["keep"]:
        return
    partners = env["res.partner"].search(
        [("name", "=like", f"Bench Import {spec['label']} %")]
    )
    env.cr.execute(
        "DELETE FROM res_partner WHERE id = ANY(%s)", (partners.ids,)
    )  # unlink() at 50k rows would dominate the run's wall clock


if __name__ == "__main__":
    sys.exit(main())
