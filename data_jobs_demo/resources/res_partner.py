# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Partners the way a CRM or an old ERP exchanges them.

The country is its ISO code (``BE``, ``bg``; ``UK`` and ``EL`` are read as
``GB`` and ``GR``), the parent company is named by its reference (``ref``),
tags by name, and the usual spellings of each header are accepted. Exports
write the same columns, so an exported file re-imports unchanged. Columns
under other titles (``Country``, ``parent_id``) are read as the generic
resource reads them: by name.
"""

from odoo.tools.translate import LazyTranslate

from odoo.addons.data_jobs.io.convert import ConversionError
from odoo.addons.data_jobs.resources import (
    GenericResource,
    ResourceColumn,
    register_resource,
)
from odoo.addons.data_jobs.resources.generic_import import BLANK

_lt = LazyTranslate(__name__)

# Codes found in real files that are not the ISO 3166 code of the country.
COUNTRY_CODE_ALIASES = {"UK": "GB", "EL": "GR"}


@register_resource
class PartnerResource(GenericResource):
    """Contacts and companies keyed by their reference."""

    label = _lt("Partners by reference: country by ISO code, company by reference")

    model = "res.partner"
    columns = (
        ResourceColumn("name", header="Name", aliases=("Partner", "Partner Name")),
        ResourceColumn("ref", header="Reference", aliases=("Ref", "Partner Ref")),
        ResourceColumn("is_company", header="Is a Company", aliases=("Company?",)),
        ResourceColumn(
            "parent_id",
            header="Parent Ref",
            lookup="ref",
            aliases=("Parent Company Ref", "Company Ref"),
        ),
        ResourceColumn("street", header="Street", aliases=("Address",)),
        ResourceColumn("zip", header="Zip", aliases=("Postcode", "Postal Code")),
        ResourceColumn("city", header="City", aliases=("Town",)),
        ResourceColumn(
            "country_id",
            header="Country Code",
            lookup="code",
            aliases=("ISO Code", "Country ISO"),
        ),
        ResourceColumn("phone", header="Phone", aliases=("Telephone", "Tel")),
        ResourceColumn("email", header="Email", aliases=("E-mail", "Mail")),
        ResourceColumn("vat", header="Tax ID", aliases=("VAT", "VAT Number")),
        ResourceColumn("category_id", header="Tags", aliases=("Partner Tags",)),
    )
    _name_header = None  # the file's column that holds the name, if any

    def import_columns(self, headers, mapping=None):
        match = super().import_columns(headers, mapping)
        column = match.column_for("name")
        self._name_header = column.header if column else None
        return match

    def before_batch(self, rows):
        """A contact needs a name (a database constraint whose error names
        no column): say so on the row, in the file's own column."""
        if not self._name_header:
            return
        for row in rows:
            if row.vals.get("type", "contact") not in ("contact", BLANK):
                continue  # an address (invoice, delivery...) may go unnamed
            if row.vals.get("name", False) is BLANK:
                row.error(
                    self._name_header,
                    False,
                    self.env._("A contact needs a name: this cell is empty."),
                )

    def convert_cell(self, column, value, options):
        """ISO codes in any case, the common non-ISO codes translated."""
        converted = super().convert_cell(column, value, options)
        if (
            converted is BLANK
            or column.field is None
            or column.field.name != "country_id"
            or column.subfield != "code"
        ):
            return converted
        codes = []
        for text in converted:
            code = text.upper()
            if len(code) != 2 or not code.isalpha():
                raise ConversionError(
                    self.env._(
                        "'%(value)s' is not a two-letter ISO country code (e.g. BE).",
                        value=text,
                    )
                )
            codes.append(COUNTRY_CODE_ALIASES.get(code, code))
        return codes
