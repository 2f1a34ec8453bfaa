# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The generic import as a reviewer checks it: fields, references, errors."""

import base64

from odoo.tests import tagged

from ..resources import get_resource
from .import_common import ImportCase


@tagged("post_install", "-at_install")
class TestImportGeneric(ImportCase):
    def test_direct_fields_by_name_and_label(self):
        content = self._csv(
            [
                ["name", "Email", "Is a Company", "Notes", "unknown thing"],
                ["Imp Alpha", "alpha@imp.example", "yes", "first", "x"],
                ["Imp Beta", "beta@imp.example", "0", "", "y"],
            ]
        )
        job = self._import(content)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual((job.created_count, job.error_count), (2, 0))
        alpha, beta = self._partners()
        self.assertEqual(alpha.email, "alpha@imp.example")
        self.assertTrue(alpha.is_company)
        self.assertFalse(beta.is_company)
        self.assertIn("first", alpha.comment)
        warnings = job.sudo().log_ids.filtered(lambda log: log.level == "warning")
        self.assertEqual(len(warnings), 1)
        self.assertIn("'unknown thing'", warnings.message)
        self.assertEqual(job.warning_count, 1)
        self.assertEqual(sorted(job._imported_ids()), sorted((alpha | beta).ids))

    def test_many2one_by_name_xmlid_and_database_id(self):
        content = self._csv(
            [
                ["name", "country_id", "state_id/id", "parent_id/.id"],
                ["Imp One", "Belgium", "base.state_be_1", ""],
                ["Imp Two", "belgium", "", str(self.partners[0].id)],
            ]
        )
        job = self._import(content)
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(job.created_count, 2, self._errors(job))
        one, two = self._partners()
        self.assertEqual(one.country_id, self.country)
        self.assertEqual(two.country_id, self.country, "names match without case")
        self.assertEqual(one.state_id, self.env.ref("base.state_be_1"))
        self.assertEqual(two.parent_id, self.partners[0])
        self.assertFalse(one.parent_id)

    def test_unknown_and_ambiguous_references_are_row_errors(self):
        self.env["res.partner.category"].create([{"name": "Twin"}, {"name": "Twin"}])
        content = self._csv(
            [
                ["name", "country_id", "category_id"],
                ["Imp Good", "Belgium", "DJ Tag"],
                ["Imp Bad Country", "Atlantis", ""],
                ["Imp Twin", "", "DJ Tag, Twin"],
            ]
        )
        job = self._import(content)
        self.assertEqual(job.state, "done")
        self.assertEqual((job.created_count, job.error_count), (1, 2))
        errors = self._errors(job)
        self.assertEqual(errors[0][:3], (3, "country_id", "Atlantis"))
        self.assertIn("No Country matches 'Atlantis'", errors[0][3])
        self.assertEqual(errors[1][:3], (4, "category_id", "Twin"))
        self.assertIn("matches 2", errors[1][3])
        self.assertEqual(self._partners().mapped("name"), ["Imp Good"])
        self.assertEqual(self._partners().category_id, self.tag)

    def test_required_values_and_conversion_errors(self):
        content = self._csv(
            [
                ["name", "type", "partner_latitude", "is_company"],
                ["Imp Ok", "contact", "1.5", "no"],
                ["", "contact", "", ""],
                ["Imp Bad Number", "contact", "abc", ""],
                ["Imp Bad Type", "spaceship", "", ""],
                ["Imp Bad Bool", "Contact", "", "maybe"],
            ]
        )
        job = self._import(content)
        self.assertEqual((job.created_count, job.error_count), (1, 4))
        by_row = {
            row: (column, message) for row, column, _v, message in self._errors(job)
        }
        self.assertIn("require a name", by_row[3][1])  # res.partner's SQL CHECK
        self.assertEqual(by_row[4][0], "partner_latitude")
        self.assertIn("not a valid number", by_row[4][1])
        self.assertEqual(by_row[5][0], "type")
        self.assertIn("not an allowed value", by_row[5][1])
        self.assertEqual(by_row[6][0], "is_company")
        self.assertIn("not a yes/no value", by_row[6][1])
        ok = self._partners()
        self.assertEqual(ok.name, "Imp Ok")
        self.assertEqual(ok.partner_latitude, 1.5)

    def test_failed_rows_file_reimports_after_fixing(self):
        content = self._csv(
            [
                ["name", "country_id", "email"],
                ["Imp Fine", "Belgium", "fine@imp.example"],
                ["Imp Broken", "Atlantis", "broken@imp.example"],
            ],
            delimiter=";",
            encoding="cp1252",
        )
        job = self._import(content)
        self.assertEqual((job.created_count, job.error_count), (1, 1))
        failed = job.sudo().failed_file_id
        self.assertEqual(failed.name, "partners_failed.csv")
        text = failed.raw.decode("cp1252")
        rows = [line.split(";") for line in text.splitlines()]
        self.assertEqual(rows[0], ["name", "country_id", "email", "import_error"])
        self.assertEqual(rows[1][:3], ["Imp Broken", "Atlantis", "broken@imp.example"])
        self.assertIn("Atlantis", rows[1][3])
        success = self._result_rows(job.success_file_id, delimiter=";")
        self.assertEqual(success[0], ["row", "id", "external_id", "action"])
        self.assertEqual(success[1][0], "2")
        self.assertEqual(success[1][3], "created")
        fixed = text.replace("Atlantis", "Belgium").encode("cp1252")
        again = self._import(fixed, "partners_failed.csv")
        self.assertEqual((again.created_count, again.error_count), (1, 0))
        self.assertEqual(self._partners().mapped("name"), ["Imp Broken", "Imp Fine"])
        self.assertEqual(self._partners().country_id, self.country)

    def test_header_and_lines_in_one_file(self):
        """Rows with only line columns are lines of the record above, as in
        Odoo's own import."""
        content = self._csv(
            [
                ["name", "is_company", "child_ids/name", "child_ids/email"],
                ["Imp Company A", "1", "Imp Contact A1", "a1@imp.example"],
                ["", "", "Imp Contact A2", "a2@imp.example"],
                ["Imp Company B", "1", "", ""],
                ["Imp Company C", "1", "Imp Contact C1", "c1@imp.example"],
                ["", "", "Imp Contact C2", "not checked"],
                ["", "", "Imp Contact C3", ""],
            ]
        )
        job = self._import(content, options={"batch_size": 2})
        self.assertEqual(job.state, "done", job.error_message)
        self.assertEqual(job.created_count, 3, self._errors(job))
        self.assertEqual(job.processed_rows, 6)
        company_a = self._partners("Imp Company A")
        self.assertEqual(
            company_a.child_ids.mapped("name"), ["Imp Contact A1", "Imp Contact A2"]
        )
        self.assertEqual(company_a.child_ids[1].email, "a2@imp.example")
        self.assertFalse(self._partners("Imp Company B").child_ids)
        company_c = self._partners("Imp Company C")
        self.assertEqual(len(company_c.child_ids), 3)
        self.assertIn("Imp Contact C3", company_c.child_ids.mapped("name"))

    def test_a_bad_line_fails_its_record_and_is_written_back(self):
        content = self._csv(
            [
                ["name", "child_ids/name", "child_ids/country_id"],
                ["Imp Parent", "Imp Child 1", "Belgium"],
                ["", "Imp Child 2", "Atlantis"],
                ["Imp Other", "", ""],
            ]
        )
        job = self._import(content)
        self.assertEqual((job.created_count, job.error_count), (1, 1))
        row, column, value, message = self._errors(job)[0]
        self.assertEqual((row, column, value), (2, "child_ids/country_id", "Atlantis"))
        self.assertIn("Line on row 3", message)
        failed = self._result_rows(job.failed_file_id)
        self.assertEqual(
            [r[:3] for r in failed[1:]],
            [["Imp Parent", "Imp Child 1", "Belgium"], ["", "Imp Child 2", "Atlantis"]],
        )
        self.assertFalse(self._partners("Imp Parent"))
        self.assertFalse(self._partners("Imp Child"))

    def test_rows_may_reference_rows_above_in_the_same_batch(self):
        content = self._csv(
            [
                ["id", "name", "parent_id/id"],
                ["imp_tag_root", "Imp Root", ""],
                ["imp_tag_child", "Imp Child", "imp_tag_root"],
                ["imp_tag_grandchild", "Imp Grandchild", "imp_tag_child"],
                ["imp_tag_orphan", "Imp Orphan", "imp_tag_nowhere"],
            ]
        )
        job = self._run(
            self.env["data.job"]
            .with_user(self.user_a)
            .create_import(
                "res.partner.category",
                "tags.csv",
                base64.b64encode(content).decode(),
            )
        )
        self.assertEqual((job.created_count, job.error_count), (3, 1))
        grandchild = self.env.ref("__import__.imp_tag_grandchild")
        self.assertEqual(grandchild.parent_id.parent_id.name, "Imp Root")
        self.assertEqual(
            self._errors(job)[0][:3], (5, "parent_id/id", "imp_tag_nowhere")
        )

    def test_text_protected_by_an_export_reads_back_as_it_was(self):
        content = self._csv(
            [["name", "phone", "comment"], ["Imp Phone", "'+32 2 555 12 12", "'=1+1"]]
        )
        job = self._import(content)
        self.assertEqual(job.created_count, 1, self._errors(job))
        partner = self._partners()
        self.assertEqual(partner.phone, "+32 2 555 12 12")
        self.assertIn("=1+1", partner.comment)
        self.assertNotIn("'=1+1", partner.comment)

    def test_lines_column_label_names_the_lookup(self):
        resource = get_resource(self.env, "res.partner")
        match = resource.import_columns(["child_ids/country_id/id"])
        self.assertEqual(
            resource.column_label(match.columns[0]), "Contact / Country / External ID"
        )

    def test_required_many2one_valid_invalid_and_empty(self):
        holder = self.partners[0]
        content = self._csv(
            [
                ["acc_number", "partner_id"],
                ["BE68539007547034", holder.name],
                ["BE71096123456769", "Nobody Known"],
                ["BE62510007547061", ""],
            ]
        )
        job = self._run(
            self.env["data.job"]
            .with_user(self.user_a)
            .create_import(
                "res.partner.bank",
                "accounts.csv",
                base64.b64encode(content).decode(),
            )
        )
        self.assertEqual((job.created_count, job.error_count), (1, 2))
        errors = {
            row: (column, message) for row, column, _v, message in self._errors(job)
        }
        self.assertEqual(errors[3][0], "partner_id")
        self.assertIn("No Contact matches 'Nobody Known'", errors[3][1])
        self.assertEqual(errors[4][0], "partner_id")
        self.assertIn("is required but empty", errors[4][1])
        account = self.env["res.partner.bank"].search(
            [("acc_number", "=", "BE68539007547034")]
        )
        self.assertEqual(account.partner_id, holder)
