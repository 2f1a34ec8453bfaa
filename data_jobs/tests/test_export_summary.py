# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The filter of an export in words, as its PDF shows it."""

import io

from PyPDF2 import PdfReader

from odoo.tests import tagged

from ..engine.domain_words import DomainWords
from .common import DataJobCase


@tagged("post_install", "-at_install")
class TestDomainSummary(DataJobCase):
    def setUp(self):
        super().setUp()
        self.job = self._export_job()

    def assertSays(self, domain, text):
        self.assertEqual(DomainWords(self.job.env).summary("res.partner", domain), text)

    def test_simple_conditions(self):
        self.assertSays([], "All records")
        self.assertSays([("is_company", "=", True)], "Is a Company is set")
        self.assertSays([("is_company", "=", False)], "Is a Company is not set")
        self.assertSays([("email", "=", False)], "Email is not set")
        self.assertSays([("email", "!=", False)], "Email is set")
        self.assertSays([("country_id", "=", self.country.id)], "Country = Belgium")
        self.assertSays([("name", "ilike", "DJ")], 'Name contains "DJ"')
        self.assertSays([("name", "not ilike", "DJ")], 'Name does not contain "DJ"')
        self.assertSays(
            [("name", "=like", "DJ Partner %")], 'Name starts with "DJ Partner "'
        )
        self.assertSays([("type", "=", "invoice")], "Address Type = Invoice Address")
        self.assertSays([("color", ">=", 3)], "Color Index ≥ 3")
        self.assertSays(
            [("country_id.code", "=", "BE")], 'Country > Country Code = "BE"'
        )

    def test_lists_and_relations(self):
        france = self.env.ref("base.fr")
        self.assertSays(
            [("country_id", "in", [self.country.id, france.id])],
            "Country is in Belgium, France",
        )
        self.assertSays(
            [("id", "in", list(range(1, 14)))],
            "ID is in 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 3 more",
        )
        self.assertSays(
            [("category_id", "any", [("name", "ilike", "DJ")])],
            'Tags matches (Name contains "DJ")',
        )

    def test_and_or_not(self):
        self.assertSays(
            [
                "|",
                ("is_company", "=", True),
                ("country_id", "=", self.country.id),
                ("name", "ilike", "DJ"),
            ],
            '(Is a Company is set or Country = Belgium) and Name contains "DJ"',
        )
        self.assertSays(["!", ("name", "ilike", "DJ")], 'not (Name contains "DJ")')

    def test_what_it_cannot_say_stays_as_written(self):
        self.assertSays([("no_such_field", "=", 1)], "no_such_field = 1")
        self.assertSays(
            [("name", "=", "x"), ("name", "%%", "y")],
            "Name = \"x\" and name %% 'y'",
        )
        malformed = ["|", ("name", "=", "x")]
        self.assertSays(malformed, repr(malformed))

    def test_labels_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.model.fields"]._get("res.partner", "is_company").with_context(
            lang="fr_FR"
        ).field_description = "Est une société"
        self.user_a.lang = "fr_FR"
        job = self.job.with_user(self.user_a).with_context(lang="fr_FR")
        self.assertEqual(
            DomainWords(job.env).summary("res.partner", [("is_company", "=", True)]),
            "Est une société is set",
        )

    def test_pdf_shows_the_summary(self):
        job = self._export_job(
            file_format="pdf",
            field_names=["name"],
            domain=f"[('is_company', '=', True)] + {self.domain}",
            options={"ids": self.partners[:4].ids},
        )
        job.action_start()
        self._run(job)
        self.assertEqual(job.state, "done", job.error_message)
        raw = job.sudo().output_file_id.raw
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
        text = " ".join(text.split())
        self.assertIn('Is a Company is set and Name starts with "DJ Partner "', text)
        self.assertIn("4 selected records", text)
