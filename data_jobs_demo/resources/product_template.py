# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Products as a supplier's catalogue or a spreadsheet lists them.

- *Category*: the category's full path, ``All / Saleable`` (the spaces
  around ``/`` may be left out).
- *Tags*: product tags by name, comma-separated.
- *Sales Price*: a number in the company's currency; ``19.90 USD`` is
  accepted when USD is the company's currency, and any other currency is a
  row error rather than a silent conversion.
- *Vendor Ref* and *Vendor Price*: the vendor by partner reference and the
  price agreed with them, ``12.50 EUR`` (amount and ISO code; a bare number is
  in the company's currency). They are the columns of the product's vendor
  lines (``seller_ids``, product.supplierinfo): a vendor's line is updated
  when the product has one, created otherwise, and left alone when equal. A
  row whose product cells are all empty adds another vendor to the product
  above, the way Odoo's import reads lines. Empty vendor cells leave the
  product's vendors as they are.

Why the vendor price keeps its currency instead of being converted into the
company's: it is the price negotiated with the vendor, in their currency, and
product.supplierinfo stores a currency per line for exactly that reason;
purchase orders convert it at the rate of their own date. Converting while
importing would store the rate of the import day, which drifts, and every
re-import of the same file would then look like a change.

Exports write the first vendor line of each product (its vendor's reference
and ``price currency``), so an exported file re-imports unchanged.
"""

import re

from odoo import Command
from odoo.tools.translate import LazyTranslate

from odoo.addons.data_jobs.io import convert
from odoo.addons.data_jobs.io.convert import ConversionError
from odoo.addons.data_jobs.resources import (
    GenericResource,
    ResourceColumn,
    lookups,
    register_resource,
)
from odoo.addons.data_jobs.resources.generic_import import BLANK
from odoo.addons.data_jobs.resources.import_columns import split_path

from .catalogue_pdf import CataloguePdfWriter

_lt = LazyTranslate(__name__)

CATEGORY_SEPARATOR = " / "
# "12.50", "12.50 EUR", "EUR 12.50", "1 234,50EUR"
MONEY = re.compile(
    r"(?:(?P<before>[A-Za-z]{3})\s*)?(?P<amount>[-+]?[\d.,'\s\u00a0\u202f]*\d)"
    r"\s*(?P<after>[A-Za-z]{3})?"
)


def parse_money(env, value, options):
    """``(amount, ISO code or None)`` from 12.5, "12.50", "12.50 EUR" or
    "EUR 12.50", read with the job's decimal and thousands separators."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), None
    text = str(value).strip()
    match = MONEY.fullmatch(text)
    if not match or (match["before"] and match["after"]):
        raise ConversionError(
            env._(
                "'%(value)s' is not an amount such as 12.50 or 12.50 EUR.", value=text
            )
        )
    amount = convert.to_float(
        match["amount"], options["decimal_separator"], options["thousands_separator"]
    )
    code = (match["before"] or match["after"] or "").upper() or None
    return amount, code


def main_seller(product):
    """The vendor line a file shows: the first one that is not for a single
    variant (in the vendors' order: sequence, quantity, price)."""
    return product.seller_ids.filtered(lambda seller: not seller.product_id)[:1]


def export_vendor_ref(product, _value):
    return main_seller(product).partner_id.ref or None


def export_vendor_price(product, _value):
    seller = main_seller(product)
    if not seller.partner_id.ref:
        return None  # a price without its vendor could not be imported back
    digits = product.env["decimal.precision"].precision_get("Product Price")
    return f"{seller.price:.{digits}f} {seller.currency_id.name}"


@register_resource
class ProductTemplateResource(GenericResource):
    """Products keyed by internal reference, with their vendor and price."""

    label = _lt("Products by internal reference, with their vendor and price")

    model = "product.template"
    columns = (
        ResourceColumn(
            "default_code",
            header="Internal Reference",
            aliases=("SKU", "Item Code", "Product Code"),
        ),
        ResourceColumn("name", header="Name", aliases=("Product", "Product Name")),
        ResourceColumn(
            "categ_id",
            header="Category",
            lookup="complete_name",
            aliases=("Category Path",),
        ),
        ResourceColumn("product_tag_ids", header="Tags", aliases=("Product Tags",)),
        ResourceColumn("list_price", header="Sales Price", aliases=("Price",)),
        # The vendor line's columns: read by VendorLineResource (below) on
        # import; on export, the first vendor line's reference and price.
        ResourceColumn(
            "seller_ids",
            header="Vendor Ref",
            lookup="partner_id",
            aliases=("Vendor Reference", "Supplier Ref"),
            export_format=export_vendor_ref,
        ),
        ResourceColumn(
            "seller_ids",
            header="Vendor Price",
            lookup="price",
            aliases=("Supplier Price", "Purchase Price"),
            export_format=export_vendor_price,
        ),
    )

    # ------------------------------------------------------------- export
    def make_writer(self, file_format, fileobj, columns, options, meta):
        """PDF exports of products get the catalogue layout."""
        if file_format != "pdf":
            return super().make_writer(file_format, fileobj, columns, options, meta)
        meta = dict(meta or {}, company=self.env.company.name)
        return CataloguePdfWriter(fileobj, columns, options, meta)

    # ------------------------------------------------------------- import
    def line_resource(self, field):
        """The vendor lines are read by their own resource (vendor by
        reference, price with currency); used only from this one."""
        if field.name == "seller_ids":
            return VendorLineResource(self.env)
        return super().line_resource(field)

    def convert_cell(self, column, value, options):
        """Category paths with or without spaces; a sales price may name the
        company's currency."""
        if column.field is not None and not convert.is_blank(value):
            name = column.field.name
            if name == "categ_id" and column.subfield == "complete_name":
                return [CATEGORY_SEPARATOR.join(split_path(convert.cell_text(value)))]
            if name == "list_price" and isinstance(value, str):
                amount, code = parse_money(self.env, value, options)
                company_currency = self.env.company.currency_id.name
                if code and code != company_currency:
                    raise ConversionError(
                        self.env._(
                            "Sales prices are in the company's currency "
                            "(%(company)s), not %(currency)s: convert the "
                            "price before importing it.",
                            company=company_currency,
                            currency=code,
                        )
                    )
                return amount
        return super().convert_cell(column, value, options)

    def find_existing(self, rows, key_fields):
        """The generic search, plus the vendor lines of the products found,
        read for the whole batch at once (``changed_values`` compares them)."""
        found = super().find_existing(rows, key_fields)
        ids = {record_id for ids in found.values() for record_id in ids}
        if ids and any("seller_ids" in row.vals for row in rows):
            sellers = self.records.browse(ids).seller_ids
            sellers.fetch(["partner_id", "product_id", "price", "currency_id"])
        return found

    def changed_values(self, record, vals):
        """The file's vendor lines become updates of the product's lines of
        the same vendors (none when equal), or new lines."""
        commands = vals.get("seller_ids")
        if not commands:
            return super().changed_values(record, vals)
        vals = dict(vals)
        del vals["seller_ids"]
        changed = super().changed_values(record, vals)
        commands = self._seller_commands(record, commands)
        if commands:
            changed["seller_ids"] = commands
        return changed

    def _seller_commands(self, product, commands):
        lines = self.line_resource(product._fields["seller_ids"])
        free = product.seller_ids.filtered(lambda seller: not seller.product_id)
        result = []
        for command in commands:
            values = command[2] if command[0] == Command.CREATE else None
            seller = (
                values
                and free.filtered(
                    lambda s, values=values: s.partner_id.id == values.get("partner_id")
                )[:1]
            )
            if not seller:
                result.append(command)
                continue
            free -= seller
            update = lines.changed_values(seller, values)
            if update:
                result.append(Command.update(seller.id, update))
        return result


class VendorLineResource(GenericResource):
    """A product's vendor lines as the product resource reads them: the
    vendor by partner reference, the price with its currency (``12.50 EUR``).

    Not registered: product.supplierinfo keeps the generic resource when
    imported on its own; this one serves only the product resource's lines.
    """

    model = "product.supplierinfo"
    columns = (
        ResourceColumn("partner_id", header="Vendor Ref", lookup="ref"),
        ResourceColumn("price", header="Vendor Price"),
    )

    def convert_cell(self, column, value, options):
        if column.field is not None and column.field.name == "price":
            if not convert.is_blank(value):
                return parse_money(self.env, value, options)[0]
        return super().convert_cell(column, value, options)

    def prepare_rows(self, columns, rows, options):
        """The generic preparation, then each priced line's currency (all the
        batch's currencies in one query) and its vendor, which it needs."""
        prepared = super().prepare_rows(columns, rows, options)
        price = _column(columns, "price")
        if price is None:
            return prepared
        vendor = _column(columns, "partner_id")
        codes = {}  # row -> ISO code
        for row in prepared:
            cell = row.cells[price.index]
            if row.vals.get("price", BLANK) is BLANK:
                continue  # empty, or not an amount (already an error)
            if row.vals.get("partner_id", BLANK) is BLANK:
                row.error(
                    price.header,
                    cell,
                    self.env._(
                        "A vendor price needs its vendor: fill in %(column)s too.",
                        column=vendor.header if vendor else "Vendor Ref",
                    ),
                )
                continue
            codes[id(row)] = parse_money(self.env, cell, options)[1]
        currencies = lookups.by_field(
            self.env["res.currency"].with_context(active_test=False),
            "name",
            {code for code in codes.values() if code},
        )
        active = set(
            self.env["res.currency"]
            .browse({i for ids in currencies.values() for i in ids})
            .filtered("active")
            .ids
        )
        for row in prepared:
            if id(row) not in codes:
                continue
            code = codes[id(row)]
            if code is None:
                row.vals["currency_id"] = self.env.company.currency_id.id
                continue
            found = [i for i in currencies.get(code, []) if i in active]
            if not found:
                row.error(
                    price.header,
                    row.cells[price.index],
                    self.env._("%(code)s is not an active currency.", code=code),
                )
                continue
            row.vals["currency_id"] = found[0]
        return prepared


def _column(columns, field_name):
    return next(
        (c for c in columns if c.field is not None and c.field.name == field_name),
        None,
    )
