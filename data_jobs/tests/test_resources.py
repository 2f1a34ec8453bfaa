# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom resources: found before the generic one, checked at load, used by
both engines."""

from odoo.tests import tagged

from ..resources import (
    GenericResource,
    ResourceColumn,
    ResourceError,
    get_resource,
    register_resource,
    registry,
)
from .import_common import ImportCase


class CountryCodeResource(GenericResource):
    """Partners with their country by ISO code and their parent by reference."""

    model = "res.partner"
    columns = (
        ResourceColumn("name", header="Partner", aliases=("Company Name",)),
        ResourceColumn("ref", header="Reference"),
        ResourceColumn("country_id", header="Country Code", lookup="code"),
        ResourceColumn("parent_id", header="Parent Ref", lookup="ref"),
        ResourceColumn(
            "email",
            header="Mail",
            export_format=lambda record, value: (value or "").upper() or None,
        ),
    )


@tagged("post_install", "-at_install")
class TestResources(ImportCase):
    def setUp(self):
        super().setUp()
        saved = {k: list(v) for k, v in registry._CUSTOM.items()}
        self.addCleanup(
            lambda: (registry._CUSTOM.clear(), registry._CUSTOM.update(saved))
        )

    def test_custom_resource_wins_and_generic_covers_the_rest(self):
        self.assertIs(type(get_resource(self.env, "res.partner")), GenericResource)
        register_resource(CountryCodeResource)
        self.assertIsInstance(
            get_resource(self.env, "res.partner"), CountryCodeResource
        )
        self.assertIs(type(get_resource(self.env, "res.country")), GenericResource)

    def test_resource_of_an_addon_not_installed_is_ignored(self):
        class Elsewhere(GenericResource):
            model = "res.partner"

        Elsewhere.__module__ = "odoo.addons.not_installed_addon.resources"
        register_resource(Elsewhere)
        self.assertIs(type(get_resource(self.env, "res.partner")), GenericResource)

    def test_broken_resource_fails_with_its_message(self):
        class BadField(GenericResource):
            model = "res.partner"
            columns = (ResourceColumn("no_such_field"),)

        class BadLookup(GenericResource):
            model = "res.partner"
            columns = (ResourceColumn("country_id", lookup="iso"),)

        with self.assertRaisesRegex(ResourceError, "res.partner has no such field"):
            BadField(self.env)
        with self.assertRaisesRegex(
            ResourceError, "res.country cannot be looked up by 'iso'"
        ):
            BadLookup(self.env)
        register_resource(BadLookup)
        with self.assertRaisesRegex(ResourceError, "BadLookup"):
            self.env["data.job"]._register_hook()

    def test_lookups_by_custom_keys_on_import(self):
        register_resource(CountryCodeResource)
        parent = self.Partner.create({"name": "Imp Parent Co", "ref": "PCO"})
        content = self._csv(
            [
                ["Company Name", "Reference", "Country Code", "Parent Ref"],
                ["Imp Child", "C1", "BE", "PCO"],
                ["Imp Nowhere", "C2", "XX", ""],
            ]
        )
        job = self._import(content)
        self.assertEqual((job.created_count, job.error_count), (1, 1))
        child = self._partners("Imp Child")
        self.assertEqual((child.country_id, child.parent_id), (self.country, parent))
        row, column, value, message = self._errors(job)[0]
        self.assertEqual((row, column, value), (3, "Country Code", "XX"))
        self.assertIn("No Country matches 'XX'", message)

    def test_export_uses_headers_lookups_and_formats(self):
        register_resource(CountryCodeResource)
        job = self._export_job(field_names=[])
        job.action_start()
        self._run(job)
        rows = self._csv_rows(job)
        self.assertEqual(
            rows[0], ["Partner", "Reference", "Country Code", "Parent Ref", "Mail"]
        )
        self.assertEqual(rows[1], ["DJ Partner 00", "", "BE", "", "P0@DJ.EXAMPLE"])

    def test_export_then_import_with_the_resource_changes_nothing(self):
        register_resource(CountryCodeResource)
        self.partners.write({"ref": False})
        for partner in self.partners:
            partner.ref = f"REF{partner.id}"
        job = self._export_job(field_names=[])
        job.action_start()
        self._run(job)
        content = job.sudo().output_file_id.raw
        again = self._import(
            content.replace(b"P0@DJ.EXAMPLE", b"p0@dj.example"),
            "roundtrip.csv",
            options={"upsert_key": ["ref"]},
        )
        self.assertEqual(again.state, "done", again.error_message)
        self.assertEqual(again.error_count, 0, self._errors(again))
        self.assertEqual(again.created_count, 0)
        self.assertEqual(again.updated_count, 6, "the upper-cased e-mails differ")
        self.assertEqual(again.unchanged_count, 1)
