# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Upserts, error policies, dry runs, cancel and the file formats of imports."""

import base64
import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .import_common import ImportCase


@tagged("post_install", "-at_install")
class TestImportPolicies(ImportCase):
    def _existing(self):
        return self.Partner.create(
            [
                {"name": "Imp Old 1", "ref": "R1", "email": "old1@imp.example"},
                {"name": "Imp Old 2", "ref": "R2", "email": "old2@imp.example"},
            ]
        )

    def test_upsert_creates_updates_and_counts_unchanged(self):
        old1, old2 = self._existing()
        content = self._csv(
            [
                ["ref", "name", "email"],
                ["R1", "Imp Old 1", "new1@imp.example"],  # update
                ["R2", "Imp Old 2", "old2@imp.example"],  # unchanged
                ["R3", "Imp New 3", "new3@imp.example"],  # create
            ]
        )
        job = self._import(content, options={"upsert_key": ["ref"]})
        self.assertEqual(job.state, "done", job.error_message)
        counts = (job.created_count, job.updated_count, job.unchanged_count)
        self.assertEqual(counts, (1, 1, 1))
        self.assertEqual(old1.email, "new1@imp.example")
        self.assertEqual(
            old2.write_uid, self.env.user, "an unchanged row is not written"
        )
        self.assertEqual(self._partners("Imp New").ref, "R3")
        self.assertEqual(
            set(job._imported_ids()), {old1.id, self._partners("Imp New").id}
        )

    def test_upsert_switches_skip_rows(self):
        old1, _old2 = self._existing()
        content = self._csv(
            [["ref", "name"], ["R1", "Imp Renamed"], ["R9", "Imp Never Created"]]
        )
        job = self._import(
            content,
            options={
                "upsert_key": ["ref"],
                "create_missing": False,
                "update_existing": False,
            },
        )
        self.assertEqual((job.skipped_count, job.created_count), (2, 0))
        self.assertEqual(old1.name, "Imp Old 1")
        self.assertFalse(self._partners("Imp Never"))
        infos = job.sudo().log_ids.filtered(lambda log: log.row_number)
        self.assertEqual(infos.mapped("row_number"), [2, 3])

    def test_duplicate_keys_in_one_file_are_reported(self):
        content = self._csv(
            [["ref", "name"], ["D1", "Imp First"], ["D1", "Imp Second"]]
        )
        job = self._import(content, options={"upsert_key": ["ref"], "batch_size": 1})
        self.assertEqual((job.created_count, job.error_count), (1, 1))
        row, column, value, message = self._errors(job)[0]
        self.assertEqual((row, column, value), (3, "ref", "D1"))
        self.assertIn("already on row 2", message)

    def test_external_id_column_upserts(self):
        content = self._csv([["id", "name"], ["imp_x", "Imp X"]])
        first = self._import(content)
        self.assertEqual(first.created_count, 1)
        record = self.env.ref("__import__.imp_x")
        again = self._import(
            self._csv([["id", "name"], ["imp_x", "Imp X Renamed"]]), "again.csv"
        )
        self.assertEqual((again.created_count, again.updated_count), (0, 1))
        self.assertEqual(record.name, "Imp X Renamed")
        success = self._result_rows(again.success_file_id)
        self.assertEqual(
            success[1][1:], [str(record.id), "__import__.imp_x", "updated"]
        )

    def _mixed_file(self):
        return self._csv(
            [
                ["name", "country_id"],
                ["Imp Good 1", "Belgium"],
                ["Imp Bad", "Atlantis"],
                ["Imp Good 2", "Belgium"],
            ]
        )

    def test_skip_policy_keeps_exactly_the_good_rows(self):
        job = self._import(self._mixed_file(), options={"batch_size": 2})
        self.assertEqual(job.state, "done")
        self.assertEqual(self._partners().mapped("name"), ["Imp Good 1", "Imp Good 2"])
        self.assertEqual((job.processed_rows, job.total_rows), (3, 3))

    def test_all_or_nothing_keeps_none_and_reports_every_error(self):
        content = self._csv(
            [
                ["name", "country_id"],
                ["Imp Good 1", "Belgium"],
                ["Imp Bad", "Atlantis"],
                ["Imp Good 2", "Belgium"],
                ["Imp Bad 2", "Lemuria"],
            ]
        )
        job = self._import(
            content, options={"on_error": "all_or_nothing", "batch_size": 2}
        )
        self.assertEqual(job.state, "failed")
        self.assertIn("2 rows have errors, so nothing was imported", job.error_message)
        self.assertFalse(self._partners())
        self.assertEqual([e[0] for e in self._errors(job) if e[0]], [3, 5])
        # rolled back: nothing was created; the valid rows say they were not kept
        counts = (job.error_count, job.created_count, job.not_imported_count)
        self.assertEqual(counts, (2, 0, 2))
        self.assertTrue(job.sudo().failed_file_id)
        self.assertFalse(job.success_file_id, "no success file for rolled back rows")
        self.assertFalse(job.record_ids)

    def test_all_or_nothing_clean_file_keeps_everything(self):
        content = self._csv([["name"], ["Imp A"], ["Imp B"], ["Imp C"]])
        job = self._import(
            content, options={"on_error": "all_or_nothing", "batch_size": 2}
        )
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(len(self._partners()), 3)
        self.assertEqual(job.created_count, 3)

    def test_dry_run_keeps_nothing_and_reports(self):
        self._existing()
        content = self._csv(
            [["ref", "name"], ["R1", "Imp Renamed"], ["R7", "Imp Seven"], ["R8", ""]]
        )
        job = self._import(content, options={"dry_run": True, "upsert_key": ["ref"]})
        self.assertEqual(job.state, "done")
        counts = (job.created_count, job.updated_count, job.error_count)
        self.assertEqual(counts, (1, 1, 1))
        self.assertEqual(self._partners().mapped("name"), ["Imp Old 1", "Imp Old 2"])
        summary = job.sudo().log_ids.filtered(lambda log: "Dry run" in log.message)
        self.assertIn("would create 1, update 1", summary.message)
        self.assertTrue(job.sudo().failed_file_id)

    def test_cancel_mid_import_keeps_finished_batches(self):
        content = self._csv([["name"]] + [[f"Imp Row {i}"] for i in range(6)])
        job = (
            self.env["data.job"]
            .with_user(self.user_a)
            .create_import(
                "res.partner",
                "rows.csv",
                base64.b64encode(content).decode(),
                {"batch_size": 2},
            )
        )
        steps = job.with_user(self.user_a)._iter_run()
        next(steps)  # total
        next(steps)  # first batch
        job.with_user(self.user_a).action_cancel()
        list(steps)
        self.assertEqual(job.state, "cancelled")
        self.assertEqual(job.processed_rows, 2)
        self.assertEqual(len(self._partners()), 2)
        self.assertIn("Stopped after 2 rows", job.sudo().log_ids[-1:].message or "")

    def test_same_file_twice_is_refused_while_queued(self):
        content = self._csv([["name"], ["Imp Twice"]])
        first = (
            self.env["data.job"]
            .with_user(self.user_a)
            .create_import(
                "res.partner", "twice.csv", base64.b64encode(content).decode()
            )
        )
        with (
            self.assertRaisesRegex(UserError, first.name),
            self.env.cr.savepoint(),
        ):
            self.env["data.job"].with_user(self.user_a).create_import(
                "res.partner", "again.csv", base64.b64encode(content).decode()
            )
        # another user's job is neither an obstacle nor named (issue 9, #6)
        other = (
            self.env["data.job"]
            .with_user(self.user_b)
            .create_import(
                "res.partner", "copy.csv", base64.b64encode(content).decode()
            )
        )
        self.assertEqual(other.state, "queued")

    def test_encodings_and_delimiters_are_detected(self):
        name = "Imp Žluťoučký Ärger"
        cases = [
            ("utf-8", ","),
            ("utf-8-sig", ";"),
            ("cp1252", "\t"),
            ("latin-1", "|"),
        ]
        for index, (encoding, delimiter) in enumerate(cases):
            with self.subTest(encoding=encoding, delimiter=delimiter):
                text = name if encoding.startswith("utf") else "Imp Ärger Café"
                content = self._csv(
                    [["name", "email"], [f"{text} {index}", f"e{index}@x.example"]],
                    delimiter=delimiter,
                    encoding=encoding,
                )
                job = self._import(content, f"file{index}.csv")
                self.assertEqual(job.created_count, 1, self._errors(job))
                self.assertTrue(self._partners(f"{text} {index}"))
        cyrillic = self._csv(
            [["name", "city"], ["Imp Иван Петров", "Москва"]],
            delimiter=";",
            encoding="cp1251",
        )
        job = self._import(cyrillic, "cyrillic.csv")
        self.assertEqual(self._partners("Imp Иван").city, "Москва")

    def test_header_row_data_start_and_mapping(self):
        content = self._csv(
            [
                ["Supplier export", ""],
                ["Company name", "Mail"],
                ["(sample)", ""],
                ["Imp Mapped", "mapped@imp.example"],
            ]
        )
        job = self._import(
            content,
            options={
                "header_row": 2,
                "data_start_row": 4,
                "mapping": {"Company name": "name", "Mail": "email"},
            },
        )
        self.assertEqual(job.created_count, 1, self._errors(job))
        self.assertEqual(self._partners().email, "mapped@imp.example")

    def test_bad_mapping_and_key_fail_with_a_message(self):
        content = self._csv([["name"], ["Imp X"]])
        job = self._import(content, options={"mapping": {"Nope": "name"}})
        self.assertEqual(job.state, "failed")
        self.assertIn("'Nope', which the file does not have", job.error_message)
        job = self._import(content, "b.csv", options={"upsert_key": ["ref"]})
        self.assertIn("'ref' has no column", job.error_message)
        with self.assertRaisesRegex(ValidationError, "Unknown option 'on_eror'"):
            self._import(content, "c.csv", options={"on_eror": "skip"})

    def test_fallbacks_and_create_related(self):
        content = self._csv(
            [
                ["name", "is_company", "category_id"],
                ["Imp Fallback", "maybe", "Brand New Tag"],
                ["Imp Skipped", "perhaps", ""],
            ]
        )
        job = self._import(
            content,
            options={
                "fallbacks": {"is_company": "empty"},
                "create_related": True,
            },
        )
        self.assertEqual(job.created_count, 2, self._errors(job))
        partner = self._partners("Imp Fallback")
        self.assertFalse(partner.is_company)
        self.assertEqual(partner.category_id.name, "Brand New Tag")
        job = self._import(
            content.replace(b"Imp ", b"Imp2 "),
            "two.csv",
            options={"fallbacks": {"is_company": "skip"}, "create_related": True},
        )
        self.assertEqual((job.skipped_count, job.created_count), (2, 0))

    def test_user_without_create_rights_gets_one_clear_failure(self):
        content = self._csv([["name"], ["Imp Tag"]])
        job = (
            self.env["data.job"]
            .with_user(self.user_b)
            .create_import(
                "res.country",
                "countries.csv",
                base64.b64encode(content).decode(),
            )
        )
        self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertIn("not allowed to create", job.error_message)

    def test_xlsx_with_dates_and_numbers(self):
        admin = self.env.ref("base.user_admin")
        eur = self.env.ref("base.EUR")
        eur.active = True
        content = self._xlsx(
            [
                ["name", "rate", "currency_id"],
                [datetime.datetime(2026, 3, 1), 1.2345, "EUR"],
                ["2026-03-02", "1.5", "EUR"],
                [46000, 2, "EUR"],  # an Excel date serial
            ]
        )
        job = (
            self.env["data.job"]
            .with_user(admin)
            .create_import(
                "res.currency.rate",
                "rates.xlsx",
                base64.b64encode(content).decode(),
                {"upsert_key": ["name", "currency_id"]},
            )
        )
        self._run(job)
        self.assertEqual(job.created_count, 3, self._errors(job))
        rates = self.env["res.currency.rate"].search(
            [("currency_id", "=", eur.id), ("name", ">=", "2025-12-01")], order="name"
        )
        self.assertEqual(
            rates.mapped("name"),
            [
                datetime.date(2025, 12, 9),
                datetime.date(2026, 3, 1),
                datetime.date(2026, 3, 2),
            ],
        )
        self.assertEqual(rates[1].rate, 1.2345)

    def test_constraint_and_access_errors_are_row_errors(self):
        locked, free = self.Partner.create(
            [
                {"name": "Imp Locked", "ref": "L1"},
                {"name": "Imp Free", "ref": "F1", "barcode": "BC-1"},
            ]
        )
        self.env["ir.rule"].create(
            {
                "name": "no writing locked partners",
                "model_id": self.env.ref("base.model_res_partner").id,
                "domain_force": "[('name', 'not like', 'Imp Locked')]",
                "perm_read": False,
                "perm_create": False,
                "perm_unlink": False,
                "perm_write": True,
            }
        )
        content = self._csv(
            [
                ["ref", "name", "barcode"],
                ["L1", "Imp Locked renamed", ""],
                ["N1", "Imp Dup Barcode", "BC-1"],
                ["N2", "Imp Fine", "BC-2"],
            ]
        )
        job = self._import(content, options={"upsert_key": ["ref"]})
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual((job.created_count, job.error_count), (1, 2))
        errors = {row: message for row, _c, _v, message in self._errors(job)}
        self.assertIn("doesn't have 'write' access", errors[2])
        self.assertIn("barcode", errors[3].lower())
        self.assertEqual(locked.name, "Imp Locked")
        self.assertEqual(free.barcode, "BC-1")
        self.assertEqual(self._partners("Imp Fine").barcode, "BC-2")

    def test_xlsx_sheet_by_name_or_index(self):
        workbook_rows = [["name", "partner_latitude"], ["Imp Sheet", 4.25]]
        content = self._xlsx(workbook_rows, sheet="Partners")
        job = self._import(content, "book.xlsx", options={"sheet": "Partners"})
        self.assertEqual(job.created_count, 1, self._errors(job))
        self.assertEqual(self._partners("Imp Sheet").partner_latitude, 4.25)
        job = self._import(content, "book2.xlsx", options={"sheet": "Nope"})
        self.assertEqual(job.state, "failed")
        self.assertIn("Nope", job.error_message)
        failed = self._import(
            self._xlsx([["name", "country_id"], ["Imp X", "Atlantis"]]), "bad.xlsx"
        )
        self.assertTrue(failed.sudo().failed_file_id.name.endswith("_failed.xlsx"))
