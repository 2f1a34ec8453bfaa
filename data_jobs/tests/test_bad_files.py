# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 10, bad input: every file of the corpus (tests/data/bad, at the root
of the repository) through real import jobs, in every policy, as a plain
user. Each ends done or failed — never running — with a message a user can
act on, on the job or on the rows; none shows an exception class; nothing is
kept by an all-or-nothing import that failed or by a dry run."""

import base64
import datetime
import io
import json
import re
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..io.convert import ConversionError
from ..io.readers import ReaderError, open_reader
from ..resources import GenericResource
from .common import RUNNER_LOGGER
from .import_common import ImportCase
from .time_limit import time_limit

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "bad"
# partner fields the columns of a file are mapped to, in order: every column
# is read, so that every problem the reader finds in a cell counts
TEXT_FIELDS = ["name", "comment", "ref", "street", "street2", "city", "zip"]
TEXT_FIELDS += ["email", "phone", "website", "function"]
POLICIES = {
    "skip": {},
    "all_or_nothing": {"on_error": "all_or_nothing"},
    "dry_run": {"dry_run": True},
}
EXCEPTION_CLASS = re.compile(r"\((\w+Error|\w+Exception)\)|Traceback")


@tagged("post_install", "-at_install")
class TestBadFiles(ImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        manifest = CORPUS / "MANIFEST.json"
        if not manifest.exists():
            raise AssertionError(
                f"The bad-file corpus is missing ({manifest}): these tests run "
                "from a checkout of the repository."
            )
        cls.entries = [
            entry
            for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"]
            if not entry.get("generated")
        ]

    def _mapping(self, content, file_name, options):
        """Every column of the file mapped to a text field of partners."""
        try:
            with open_reader(io.BytesIO(content), file_name, options) as reader:
                headers = list(reader.headers)
        except ReaderError:
            return None  # the job will say why
        mapping = {}
        fields = iter(TEXT_FIELDS)
        for header in headers:
            if header and header not in mapping:
                mapping[header] = next(fields, False)
        return mapping

    def _job(self, entry, policy):
        content = (CORPUS / entry["file"]).read_bytes()
        name = entry["file"]
        options = dict(entry.get("options") or {}, **POLICIES[policy])
        mapping = self._mapping(content, name, entry.get("options") or {})
        if mapping:
            options["mapping"] = mapping
        return (
            self.env["data.job"]
            .with_user(self.user_a)
            .create_import(
                "res.partner", name, base64.b64encode(content).decode(), options
            )
        )

    def test_every_bad_file_in_every_policy(self):
        self.assertGreaterEqual(len(self.entries), 60)
        Partner = self.env["res.partner"].with_context(active_test=False)
        outcomes = {}
        for entry in self.entries:
            for policy in POLICIES:
                with self.subTest(file=entry["file"], policy=policy):
                    before = Partner.search_count([])
                    try:
                        with self.env.cr.savepoint():
                            job = self._job(entry, policy)
                    except UserError as exc:  # refused at creation, saying why
                        message = str(exc)
                        self.assertFalse(EXCEPTION_CLASS.search(message), message)
                        self.assertEqual(entry["expected"], "reader_error")
                        outcomes[entry["file"], policy] = "refused"
                        continue
                    with mute_logger(RUNNER_LOGGER), time_limit(60, entry["file"]):
                        self._run(job)
                    outcomes[entry["file"], policy] = job.state
                    self._check(entry, policy, job, Partner.search_count([]) - before)
        refused_or_failed = {k for k, v in outcomes.items() if v != "done"}
        self.assertTrue(refused_or_failed, "the corpus has files that must fail")

    def _check(self, entry, policy, job, created):
        self.assertIn(job.state, ("done", "failed"))
        texts = [job.error_message or ""] + job.sudo().log_ids.mapped("message")
        for text in texts:
            self.assertFalse(EXCEPTION_CLASS.search(text), text)
        if job.state == "failed":
            self.assertTrue(job.error_message, "a failed job says why")
        expected = entry["expected"]
        if expected == "reader_error":
            self.assertEqual(job.state, "failed", entry["file"])
            if entry.get("match"):
                self.assertRegex(job.error_message, entry["match"])
        elif expected == "row_error":
            if policy == "skip":
                self.assertGreaterEqual(job.error_count, 1, entry["file"])
                kept = job.created_count + job.updated_count + job.unchanged_count
                if kept + job.skipped_count:
                    self.assertEqual(job.state, "done", job.error_message)
                else:  # every row failed: the job fails and says so
                    self.assertEqual(job.state, "failed", entry["file"])
                    self.assertIn("nothing was imported", job.error_message)
            elif policy == "all_or_nothing":
                self.assertEqual(job.state, "failed", entry["file"])
        if policy == "dry_run" or (
            policy == "all_or_nothing" and (job.state == "failed" or job.error_count)
        ):
            self.assertEqual(created, 0, f"{entry['file']}: nothing is kept")
        elif job.state == "done":
            self.assertEqual(created, job.created_count, entry["file"])

    def test_a_date_out_of_range_once_in_utc_is_a_row_error(self):
        """9999-12-31 23:59 in New York is past the last date once in UTC:
        a row error with the value, not "Unexpected error (OverflowError)"."""
        self.user_a.tz = "America/New_York"
        resource = GenericResource(self.env(user=self.user_a), "res.partner")
        with self.assertRaisesRegex(ConversionError, "out of the range of dates"):
            resource._to_utc(datetime.datetime(9999, 12, 31, 23, 59))

    def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(self):
        content = base64.b64encode(b"name\n" + b"Imp big\n" * 2000).decode()
        attachments = self.env["ir.attachment"].search_count([])
        with self.assertRaisesRegex(UserError, r"more than the 1 KB an import"):
            self.env["data.job"].with_user(self.user_a).create_import(
                "res.partner", "big.csv", content, {"max_file_size": 1024}
            )
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)

    def test_a_nul_in_the_file_name_is_refused_with_words(self):
        content = base64.b64encode(b"name\nImp nul\n").decode()
        with self.assertRaisesRegex(UserError, "NUL character"):
            self.env["data.job"].with_user(self.user_a).create_import(
                "res.partner", "bad\x00name.csv", content
            )

    def test_a_blank_database_id_creates_a_record_as_odoo_does(self):
        """``.id`` empty: a new record (Odoo's ``load()`` does the same); an
        id no record has: that row's error, saying so."""
        partner = self.partners[0]
        rows = [
            [".id", "name"],
            [str(partner.id), "Imp Renamed"],
            ["", "Imp Brand New"],
            ["999999999", "Imp Nobody"],
        ]
        job = self._import(self._csv(rows))
        self.assertEqual(job.state, "done", job.error_message)
        counts = (job.updated_count, job.created_count, job.error_count)
        self.assertEqual(counts, (1, 1, 1))
        self.assertEqual(partner.name, "Imp Renamed")
        [(row, _column, value, message)] = self._errors(job)
        self.assertEqual((row, value), (4, "999999999"))
        self.assertIn("No record has this database id", message)
        # Odoo's own import agrees on the blank id
        result = (
            self.env["res.partner"]
            .with_user(self.user_a)
            .load([".id", "name"], [["", "Imp Odoo Blank"]])
        )
        self.assertFalse(result["messages"])
        self.assertEqual(len(result["ids"]), 1)
