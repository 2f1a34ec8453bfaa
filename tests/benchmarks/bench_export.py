# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Export benchmark: data_jobs' engine against Odoo's own export (issue 3).

Exports the same res.partner rows and field paths two ways and prints rows/s
and memory for each:

* ours: a real ``data.job`` export, run as queue_job's runner runs it (its
  own committed transactions, batches of ``--batch-size``), output checked;
* Odoo's: what the web client's export controller does, in one call over all
  ids: ``export_data`` then ``CSVExport.from_data`` / ``ExcelExport.from_data``.

Each measurement runs in a fresh subprocess, because peak RSS
(``ru_maxrss``) only ever grows within a process. It is a script, not a test:
timings on a shared machine are figures to read, not assertions.
Run ``python tests/benchmarks/bench_export.py --help``; README.md next to it
has an example and results.
"""

import argparse
import csv
import datetime
import io
import json
import os
import sys
import time
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from benchlib import (  # noqa: E402  (shared with bench_import.py)
    ENQUEUE_SQL,
    Measure,
    admin_env,
    child_run,
    perform_queue_job,
    run_child,
    say,
)

MODEL = "res.partner"
PREFIX = "Bench Partner "
DOMAIN = [("name", "=like", PREFIX + "%")]
FIELDS = [
    "name",
    "email",
    "phone",
    "street",
    "city",
    "zip",
    "country_id/name",
    "category_id/name",
    "is_company",
    "partner_latitude",
    "ref",
]
COUNTRIES = ("base.be", "base.fr", "base.de", "base.nl", "base.lu")
CITIES = ("Brussels", "Liège", "Paris", "Köln", "Utrecht", "Esch-sur-Alzette")
TAGS = ("Bench Tag A", "Bench Tag B", "Bench Tag C")
MILLION = 1_000_000
ORM_SEED_MAX = 200_000  # beyond this many missing rows, seed with COPY
ORM_SEED_BATCH = 1000
COPY_SEED_CHUNK = 50_000
FORMATS = ("csv", "xlsx", "pdf")
ODOO_FORMATS = ("csv", "xlsx")  # Odoo has no PDF list export

TEMPLATE_SQL = "SELECT * FROM res_partner WHERE id = %s"
NEXT_IDS_SQL = "SELECT nextval('res_partner_id_seq') FROM generate_series(1, %s)"
COPY_PARTNERS_SQL = "COPY res_partner FROM STDIN"
COPY_TAGS_SQL = (
    "COPY res_partner_res_partner_category_rel (category_id, partner_id) FROM STDIN"
)
TAGS_OF_SQL = (
    "SELECT partner_id, category_id FROM res_partner_res_partner_category_rel "
    "WHERE partner_id = ANY(%s)"
)


# ---------------------------------------------------------------------- parent
def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Export res.partner rows with data_jobs and with Odoo's own "
        "export; print rows/s and peak memory. Seeds its own 'Bench Partner' "
        "rows (reused by later runs) in the given database.",
    )
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument(
        "--database", required=True, help="database with data_jobs installed"
    )
    parser.add_argument("--rows", type=int, default=100_000, help="CSV/XLSX rows")
    parser.add_argument("--pdf-rows", type=int, default=20_000, help="PDF rows")
    parser.add_argument(
        "--million",
        action="store_true",
        help=f"also run ours at {MILLION:,} rows (CSV, XLSX) and compare "
        "memory with --rows",
    )
    parser.add_argument(
        "--odoo-million",
        action="store_true",
        help="with --million, run Odoo's export at 1M rows too (needs GBs)",
    )
    parser.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help="comma-separated subset of csv,xlsx,pdf (default: all)",
    )
    parser.add_argument(
        "--engines",
        default="ours,odoo",
        help="comma-separated subset of ours,odoo (default: both)",
    )
    parser.add_argument(
        "--batch-size", type=int, default=1000, help="data job batch_size option"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run all cases N times, in rounds; keep each case's fastest time "
        "and highest peak",
    )
    parser.add_argument(
        "--seed",
        choices=("auto", "orm", "copy"),
        default="auto",
        help=f"how to create missing rows: ORM create, PostgreSQL COPY, or auto "
        f"(ORM up to {ORM_SEED_MAX:,} missing rows)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run each case under cProfile and print its top functions "
        "(timings then include the profiler's overhead)",
    )
    parser.add_argument(
        "--keep-files",
        action="store_true",
        help="keep our export jobs and their files (default: deleted)",
    )
    parser.add_argument("--log-level", default="warn", help="Odoo log level")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.formats = [f for f in args.formats.split(",") if f]
    unknown = set(args.formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown format(s): {', '.join(sorted(unknown))}")
    args.engines = [e for e in args.engines.split(",") if e]
    if set(args.engines) - {"ours", "odoo"}:
        parser.error("--engines takes ours, odoo or both")
    if args.odoo_million and not args.million:
        parser.error("--odoo-million needs --million")
    return args


def plan(args):
    """The cases to measure, in order: (engine, format, rows)."""
    cases = []
    for fmt in args.formats:
        rows = args.pdf_rows if fmt == "pdf" else args.rows
        cases.append(("ours", fmt, rows))
        if fmt in ODOO_FORMATS:
            cases.append(("odoo", fmt, rows))
    if args.million:
        for fmt in (f for f in args.formats if f in ODOO_FORMATS):
            cases.append(("ours", fmt, MILLION))
            if args.odoo_million:
                cases.append(("odoo", fmt, MILLION))
    return [case for case in cases if case[0] in args.engines]


def main(argv=None):
    args = parse_args(argv)
    if args.child:
        return child_main(args)
    cases = plan(args)
    if not cases:
        raise SystemExit("Nothing to run: Odoo's export has no PDF.")
    target = max(rows for _engine, _fmt, rows in cases)
    say(f"Seeding {target:,} '{PREFIX}...' partners in {args.database}...")
    seeded = run_child(
        __file__, args, {"action": "seed", "rows": target, "method": args.seed}
    )
    say(
        f"  {seeded['existing']:,} existed, {seeded['created']:,} created "
        f"({seeded['method']}) in {seeded['seconds']:.1f} s"
        + (
            f" = {seeded['created'] / seeded['seconds']:,.0f} rows/s"
            if seeded["created"]
            else ""
        )
    )
    runs = {case: [] for case in cases}
    for attempt in range(args.repeat):  # rounds, so load changes hit every case
        for case in cases:
            engine, fmt, rows = case
            say(f"{engine} {fmt} {rows:,} rows (run {attempt + 1}/{args.repeat})...")
            spec = {
                "action": engine,
                "format": fmt,
                "rows": rows,
                "batch_size": args.batch_size,
                "profile": args.profile,
                "keep_files": args.keep_files,
            }
            run = run_child(__file__, args, spec)
            runs[case].append(run)
            say(
                f"  {run['seconds']:.1f} s (CPU {run['cpu_seconds']:.1f} s), "
                f"peak {run['peak_mb']:.0f} MB"
            )
    results = []
    for case_runs in runs.values():
        best = dict(min(case_runs, key=lambda run: run["seconds"]))
        best["cpu_seconds"] = min(run["cpu_seconds"] for run in case_runs)
        best["peak_mb"] = max(run["peak_mb"] for run in case_runs)
        best["growth_mb"] = max(run["growth_mb"] for run in case_runs)
        results.append(best)
    say()
    say(report(results, args))
    return 0


def report(results, args):
    """The results table (Markdown) and the ratios the issue asks for."""
    peak_from = (
        "counted from the baseline"
        if all(res["peak_reset"] for res in results)
        else "since process start (could not be reset)"
    )
    lines = [
        f"batch_size={args.batch_size}, best of {args.repeat} run(s), Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} CPUs, peak RSS {peak_from}",
        "",
        "| case | rows | seconds | rows/s | CPU s | baseline RSS MB | peak RSS MB "
        "| RSS growth MB | output MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for res in results:
        lines.append(
            f"| {res['engine']} {res['format']} | {res['rows']:,} "
            f"| {res['seconds']:.1f} | {res['rows'] / res['seconds']:,.0f} "
            f"| {res['cpu_seconds']:.1f} | {res['baseline_mb']:.0f} "
            f"| {res['peak_mb']:.0f} | {res['growth_mb']:.0f} "
            f"| {res['bytes'] / 2**20:.1f} |"
        )
    lines.append("")
    by_case = {(r["engine"], r["format"], r["rows"]): r for r in results}
    for res in results:
        fmt, rows = res["format"], res["rows"]
        odoo = by_case.get(("odoo", fmt, rows))
        if res["engine"] == "ours" and odoo:
            speed = odoo["seconds"] / res["seconds"]
            cpu = odoo["cpu_seconds"] / res["cpu_seconds"]
            goal = ""
            if fmt == "xlsx":
                goal = " (goal >= 2x: " + ("met)" if speed >= 2 else "NOT met)")
            lines.append(
                f"- {fmt.upper()} {rows:,} rows: ours/Odoo rows/s = {speed:.2f}x"
                f"{goal}, CPU time ratio {cpu:.2f}x; RSS growth ours "
                f"{res['growth_mb']:.0f} MB, Odoo {odoo['growth_mb']:.0f} MB"
            )
        small = by_case.get(("ours", fmt, args.rows))
        if res["engine"] == "ours" and rows == MILLION and small and small is not res:
            # the goal is on the peak; a growth of a few MB is noise
            peak = res["peak_mb"] / small["peak_mb"]
            lines.append(
                f"- {fmt.upper()} ours {rows:,} vs {args.rows:,} rows: peak RSS "
                f"{res['peak_mb']:.0f} vs {small['peak_mb']:.0f} MB = {peak:.2f}x "
                f"(goal <= 1.5x: {'met' if peak <= 1.5 else 'NOT met'}); RSS "
                f"growth {res['growth_mb']:.0f} vs {small['growth_mb']:.0f} MB"
            )
    return "\n".join(lines)


# ----------------------------------------------------------------------- child
def child_main(args):
    """Load the registry, run one action, print its result as one JSON line."""
    actions = {"seed": seed, "ours": run_ours, "odoo": run_odoo}
    return child_run(args, actions, "action")


def run_ours(registry, spec):
    """A data.job export run by queue_job's own runjob steps, then checked."""
    from odoo import SUPERUSER_ID, api

    rows, fmt = spec["rows"], spec["format"]
    with registry.cursor() as cr:
        env = admin_env(cr)
        job = env["data.job"].create_export(
            MODEL,
            DOMAIN,
            FIELDS,
            fmt,
            {"limit": rows, "batch_size": spec["batch_size"]},
        )
        job_id, uuid = job.id, job.queue_job_uuid
        cr.execute(ENQUEUE_SQL, ("enqueued", uuid))
    # the cursor's context manager committed: the job is queued and enqueued
    with Measure(spec["profile"]) as measure:
        perform_queue_job(registry, uuid)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        job = env["data.job"].browse(job_id)
        assert job.state == "done", f"{job.name} is {job.state}: {job.error_message}"
        assert job.processed_rows == rows, (job.processed_rows, rows)
        attachment = job.output_file_id
        path = attachment._full_path(attachment.store_fname)
        found = count_rows(fmt, path)
        assert found in (None, rows), f"{fmt} file has {found} rows, not {rows}"
        size = attachment.file_size
        if not spec["keep_files"]:
            attachment.unlink()
            job.unlink()
            env["ir.attachment"]._gc_file_store()  # commits
    return measure.result(rows, size)


def count_rows(fmt, path):
    """Data rows in an exported file (None for PDF: pages are checked)."""
    if fmt == "csv":
        with open(path, encoding="utf-8", newline="") as handle:
            return sum(1 for _row in csv.reader(handle)) - 1
    if fmt == "xlsx":
        import openpyxl

        with open(path, "rb") as handle:  # the filestore name has no .xlsx
            book = openpyxl.load_workbook(handle, read_only=True)
            return sum(sheet_rows(sheet) - 1 for sheet in book.worksheets)
    from PyPDF2 import PdfReader

    with open(path, "rb") as handle:
        assert len(PdfReader(handle).pages) > 1, "the PDF has no data pages"
    return None


def sheet_rows(sheet):
    """Rows of a read-only sheet: its <dimension> if written (optional in
    SpreadsheetML), else counted."""
    if sheet.max_row is not None:
        return sheet.max_row
    return sum(1 for _row in sheet.iter_rows(values_only=True))


# ---------------------------------------------------------------------- odoo
def run_odoo(registry, spec):
    """What /web/export/{csv,xlsx} does with selected ids, in one call.

    ``ExportFormat.base`` minus the HTTP response: browse the ids,
    ``export_data`` over all of them, then the format's ``from_data``.
    """
    from odoo.addons.web.controllers.export import CSVExport, ExcelExport

    rows, fmt = spec["rows"], spec["format"]
    with registry.cursor() as cr:
        env = admin_env(cr)
        model = env[MODEL].with_context(import_compat=False)
        fields, headers = web_client_fields(model)
        with Measure(spec["profile"]) as measure:
            records = model.browse(model.search(DOMAIN, order="id", limit=rows).ids)
            datas = records.export_data(FIELDS).get("datas", [])
            if fmt == "csv":
                body = CSVExport().from_data(fields, headers, datas).encode()
            else:
                with RequestStandIn(env):
                    body = ExcelExport().from_data(fields, headers, datas)
        assert len(datas) == rows, f"export_data returned {len(datas)} rows"
        cr.rollback()
    return measure.result(rows, len(body))


def web_client_fields(model):
    """The ``fields`` the export dialog posts ({name, label, type}), headers."""
    fields = []
    for path in FIELDS:
        current, labels = model, []
        for part in path.split("/"):
            field = current._fields[part]
            labels.append(field._description_string(model.env))
            if field.relational:
                current = model.env[field.comodel_name]
        fields.append({"name": path, "label": "/".join(labels), "type": field.type})
    return fields, [field["label"].strip() for field in fields]


class RequestStandIn:
    """The smallest stand-in for ``odoo.http.request`` that Odoo's XLSX writer
    needs: ``ExportXlsxWriter`` reads ``request.env`` (the currency digits, and
    translated error messages). Odoo's reference path only."""

    def __init__(self, env):
        self.request = types.SimpleNamespace(env=env)

    def __enter__(self):
        from odoo import http

        http._request_stack.push(self.request)
        return self.request

    def __exit__(self, *exc):
        from odoo import http

        http._request_stack.pop()
        return False


# ---------------------------------------------------------------------- seed
def seed(registry, spec):
    """Make sure ``rows`` bench partners exist; reuse those already there."""
    target = spec["rows"]
    with registry.cursor() as cr:
        env = admin_env(cr)
        env = env(context=dict(env.context, tracking_disable=True))
        partners = env[MODEL]
        existing = partners.search_count(DOMAIN)
        missing = max(target - existing, 0)
        method = spec["method"]
        if method == "auto":
            method = "orm" if missing <= ORM_SEED_MAX else "copy"
        start = time.perf_counter()
        if missing:
            countries = [env.ref(xmlid).id for xmlid in COUNTRIES]
            tags = bench_tags(env)
            seeder = seed_orm if method == "orm" else seed_copy
            seeder(env, range(existing + 1, target + 1), countries, tags)
            cr.execute("ANALYZE res_partner")
            cr.execute("ANALYZE res_partner_res_partner_category_rel")
    return {
        "existing": existing,
        "created": missing,
        "method": method if missing else "none",
        "seconds": time.perf_counter() - start,
        "rows": target,
    }


def bench_tags(env):
    tags = env["res.partner.category"]
    found = tags.search([("name", "in", TAGS)])
    by_name = {tag.name: tag.id for tag in found}
    for name in TAGS:
        if name not in by_name:
            by_name[name] = tags.create({"name": name}).id
    return [by_name[name] for name in TAGS]


def partner_values(index, countries, tags):
    """Row ``index`` of the bench data: varied, like real contacts."""
    return {
        "name": f"{PREFIX}{index:07d}",
        "email": f"bench.partner.{index}@example.com",
        "phone": phone_number(index),
        "street": f"Rue de la Loi {index % 250 + 1}",
        "city": CITIES[index % len(CITIES)],
        "zip": str(1000 + index % 9000),
        "country_id": countries[index % len(countries)],
        "category_id": [(6, 0, [tags[index % len(tags)]])],
        "is_company": index % 4 == 0,
        "partner_latitude": round(49.5 + (index % 10_000) / 10_000, 6),
        "ref": f"BP{index:07d}",
    }


def phone_number(index):
    digits = f"{index % MILLION:06d}"
    return f"+32 470 {digits[:2]} {digits[2:4]} {digits[4:]}"


def seed_orm(env, indexes, countries, tags):
    """ORM create in batches, committed every batch so a stop loses little."""
    for start in range(0, len(indexes), ORM_SEED_BATCH):
        batch = indexes[start : start + ORM_SEED_BATCH]
        env[MODEL].create([partner_values(i, countries, tags) for i in batch])
        env.cr.commit()  # pylint: disable=invalid-commit
        env.invalidate_all()


def seed_copy(env, indexes, countries, tags):
    """PostgreSQL COPY of rows the ORM would have written.

    The first row is created with the ORM; its database row is the template
    for every other one (defaults, computed columns such as partner_share),
    with the columns that vary per row (complete_name, email_normalized,
    phone_sanitized, commercial_partner_id...) filled the way their computes
    do. ``check_copy`` then compares a copied row with an ORM-made twin.
    """
    from odoo.tools import email_normalize

    first = env[MODEL].create(partner_values(indexes[0], countries, tags))
    env.flush_all()
    env.cr.execute(TEMPLATE_SQL, [first.id])
    columns = [column.name for column in env.cr.description]
    template = dict(zip(columns, env.cr.fetchone(), strict=True))
    env.cr.commit()  # pylint: disable=invalid-commit
    partners_model = env[MODEL]
    country_of = {
        country.id: country for country in env["res.country"].browse(countries)
    }
    rest = indexes[1:]
    for start in range(0, len(rest), COPY_SEED_CHUNK):
        chunk = rest[start : start + COPY_SEED_CHUNK]
        env.cr.execute(NEXT_IDS_SQL, [len(chunk)])
        ids = [row[0] for row in env.cr.fetchall()]
        partners, links = io.StringIO(), io.StringIO()
        for index, partner_id in zip(chunk, ids, strict=True):
            values = partner_values(index, countries, tags)
            phone = values["phone"]
            row = dict(
                template,
                id=partner_id,
                commercial_partner_id=partner_id,
                name=values["name"],
                complete_name=values["name"],
                commercial_company_name=values["name"]
                if values["is_company"]
                else None,
                email=values["email"],
                email_normalized=email_normalize(values["email"]),
                phone=phone,
                phone_sanitized=partners_model._phone_format(
                    number=phone, country=country_of[values["country_id"]]
                ),
                street=values["street"],
                city=values["city"],
                zip=values["zip"],
                country_id=values["country_id"],
                is_company=values["is_company"],
                partner_latitude=values["partner_latitude"],
                ref=values["ref"],
            )
            partners.write("\t".join(copy_text(row[c]) for c in columns) + "\n")
            links.write(f"{values['category_id'][0][2][0]}\t{partner_id}\n")
        partners.seek(0)
        links.seek(0)
        env.cr.copy_expert(COPY_PARTNERS_SQL, partners)
        env.cr.copy_expert(COPY_TAGS_SQL, links)
        if start == 0:
            check_copy(env, chunk[0], ids[0], columns, countries, tags)
        env.cr.commit()  # pylint: disable=invalid-commit
    env.invalidate_all()


def check_copy(env, index, copied_id, columns, countries, tags):
    """Fail unless a copied row equals what ORM create makes of its values."""
    with env.cr.savepoint(flush=False) as savepoint:
        twin = env[MODEL].create(partner_values(index, countries, tags))
        env.flush_all()
        rows = {}
        for partner_id in (copied_id, twin.id):
            env.cr.execute(TEMPLATE_SQL, [partner_id])
            rows[partner_id] = dict(zip(columns, env.cr.fetchone(), strict=True))
        env.cr.execute(TAGS_OF_SQL, [[copied_id, twin.id]])
        tags_of = {partner: tag for partner, tag in env.cr.fetchall()}
        savepoint.close()  # rolls back: the twin was only for comparing
    env.invalidate_all()
    copied, made = rows[copied_id], rows[twin.id]
    differ = [
        column
        for column in columns
        if column not in ("id", "create_date", "write_date", "commercial_partner_id")
        and copied[column] != made[column]
    ]
    differ += ["commercial_partner_id"] * (
        copied["commercial_partner_id"] != copied_id
        or made["commercial_partner_id"] != twin.id
    )
    differ += ["category_id"] * (tags_of.get(copied_id) != tags_of.get(twin.id))
    assert not differ, f"COPY rows differ from ORM rows in {differ}"


COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value):
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dict | list):
        value = json.dumps(value)
    return str(value).translate(COPY_ESCAPES)


if __name__ == "__main__":
    sys.exit(main())
