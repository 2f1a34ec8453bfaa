# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ``lang`` option and the default row order, against Odoo's export.

- ``lang`` (issue 11, point 6): values are read in the requested language
  (translated names, selection labels), as ``export_data`` in that language;
  before the fix they stayed in the user's. A language that is not active is
  refused at ``create_export`` with a message naming the active ones.
- Order (point 9): without an order of its own, an export lists the records
  in the model's ``_order`` (``complete_name`` for partners and product
  categories), as Odoo's; before the fix, by id. ``id`` ends the order so
  batches never skip nor repeat records that tie.
"""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DataJobCase
from .parity_export import ExportParityMixin, canon_rows


@tagged("post_install", "-at_install")
class TestParityExportLangOrder(ExportParityMixin, DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._parity_fixtures()
        cls.env["res.lang"]._activate_lang("fr_FR")
        french = cls.env(context=dict(cls.env.context, lang="fr_FR"))
        cls.templates[0].with_env(french).name = "Chemise DJP"
        cls.tags[1].with_env(french).name = "DJP Grossiste"
        cls.env["ir.model.fields.selection"].search(
            [("field_id.model", "=", "res.partner"), ("field_id.name", "=", "type")]
        ).filtered(lambda s: s.value == "contact").with_env(french).name = "Contact FR"

    def _odoo_in(self, records, fields, lang):
        """Odoo's export as a user of ``lang`` (sorted in that language too)."""
        ordered = (
            records.with_user(self.parity_user)
            .with_context(lang=lang, import_compat=False)
            .search([("id", "in", records.ids)])
        )
        return canon_rows(ordered.export_data(fields)["datas"])

    def test_values_in_the_requested_language(self):
        fields = ["name", "type", "category_id/name"]
        for records, paths in (
            (self.parity_partners, fields),
            (self.templates, ["name", "list_price"]),
        ):
            odoo = self._odoo_in(records, paths, "fr_FR")
            for file_format in ("csv", "xlsx"):
                _header, rows = self._dj_export(
                    records, paths, file_format, lang="fr_FR"
                )
                self.assertEqual(canon_rows(rows), odoo, file_format)
        self.assertIn(["Chemise DJP", 19.5], odoo)
        english = self._odoo_in(self.templates, ["name"], "en_US")
        self.assertNotIn(["Chemise DJP"], english)
        _header, rows = self._dj_export(self.parity_partners, fields)
        self.assertEqual(
            canon_rows(rows), self._odoo_in(self.parity_partners, fields, "en_US")
        )
        self.assertIn(
            "DJP Grossiste",
            [row[2] for row in self._odoo_in(self.parity_partners, fields, "fr_FR")],
        )

    def test_an_inactive_language_is_refused(self):
        for lang in ("de_DE", "xx_XX"):
            with self.assertRaisesRegex(UserError, f"'{lang}'.*active: .*en_US"):
                self.env["data.job"].with_user(self.parity_user).create_export(
                    "res.partner", [], ["name"], options={"lang": lang}
                )

    def test_default_order_is_the_models_order(self):
        partners = self.parity_partners | self.partners
        odoo = self._odoo_export(partners, ["name", "email"])
        self.assertNotEqual(
            [row[0] for row in odoo],
            partners.sorted("id").mapped("name"),
            "the fixture must tell the model's order from the id order",
        )
        for batch_size in (1, 3, 500):
            _header, rows = self._dj_export(
                partners, ["name", "email"], batch_size=batch_size
            )
            self.assertEqual(canon_rows(rows), canon_rows(odoo), batch_size)

    def test_categories_by_complete_name_and_ties_by_id(self):
        Category = self.env["product.category"]
        root = Category.create({"name": "DJP Zeta"})
        children = Category.create(
            [{"name": n, "parent_id": root.id} for n in ("Beta", "Alpha")]
        )
        twins = Category.create([{"name": "DJP Alpha"}, {"name": "DJP Alpha"}])
        categories = root | children | twins
        _header, rows = self._dj_export(categories, ["complete_name"], batch_size=1)
        self.assertEqual(
            [row[0] for row in rows],
            [
                "DJP Alpha",
                "DJP Alpha",
                "DJP Zeta",
                "DJP Zeta / Alpha",
                "DJP Zeta / Beta",
            ],
        )
        _header, rows = self._dj_export(categories, ["id/.id"], batch_size=1)
        ids = [int(row[0]) for row in rows]
        self.assertEqual(ids[:2], twins.ids, "a tie is broken by id")
        self.assertEqual(len(set(ids)), 5, "no record repeated nor skipped")

    def test_an_order_of_the_job_wins(self):
        partners = self.parity_partners
        _header, rows = self._dj_export(partners, ["name"], order="id desc")
        self.assertEqual(
            [row[0] for row in rows], partners.sorted("id", reverse=True).mapped("name")
        )
