# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The fields offered without asking leave out the technical ones (issue 12
point 5): the export's fields when none is chosen and the import wizard's
mapping dropdown. Odoo's own export dialog lists them (a documented
difference); a column or path naming one still works."""

import base64

from odoo.tests import Form, tagged

from ..resources import get_resource
from .common import DataJobCase

TECHNICAL = ("message_bounce", "signup_type", "email_normalized", "is_blacklisted")


@tagged("post_install", "-at_install")
class TestShownFields(DataJobCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a user who may read signup_type (base.group_erp_manager), as admin,
        # and import contacts
        cls.user_a.groups_id += cls.env.ref("base.group_erp_manager")
        cls.user_a.groups_id += cls.env.ref("base.group_partner_manager")

    def test_export_without_fields_leaves_out_the_technical_ones(self):
        env = self.env(user=self.user_a)
        partners = env["res.partner"]
        self.assertTrue(partners._fields["signup_type"].is_accessible(env))
        paths = get_resource(env, "res.partner").default_export_fields()
        for name in ("name", "email", "phone", "country_id", "category_id"):
            self.assertIn(name, paths)
        for name in TECHNICAL:
            self.assertIn(name, partners._fields)
            self.assertNotIn(name, paths)
        # Odoo's export dialog offers them: the difference is on purpose
        offered_by_odoo = partners.fields_get(attributes=["exportable"])
        self.assertIn("message_bounce", offered_by_odoo)

    def test_mapping_dropdown_leaves_out_the_technical_ones(self):
        raw = b"Name,Bounce\nTech Partner,3\n"
        wizards = self.env["data.job.import.wizard"].with_user(self.user_a)
        form = Form(
            wizards.with_context(
                default_res_model="res.partner", default_file_name="t.csv"
            )
        )
        form.file = base64.b64encode(raw)
        wizard = form.save()
        offered = [path for path, _label in wizard.field_choices]
        self.assertIn("name", offered)
        self.assertIn("email", offered)
        for name in TECHNICAL[:2]:
            self.assertNotIn(name, offered)
        # a header that names one still fills it
        self.assertEqual(
            wizard.line_ids.mapped("field_path"), ["name", "message_bounce"]
        )
        job = self.env["data.job"].browse(wizard.action_start()["res_id"])
        self._run(job)
        partner = self.env["res.partner"].search([("name", "=", "Tech Partner")])
        self.assertEqual(partner.message_bounce, 3)
