# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one table of known, deliberate differences from Odoo's own import and
export (issue 11), used by every parity test and shown in readme/USAGE.md.

Each entry: (case id, what Odoo gives, what data_jobs gives, reason). A
comparison of ``ParityCase.compare`` that differs must find its case here
with these very values (the values are then the literal results); the other
parity tests (``tests/test_parity_*.py``) assert both behaviours themselves
and name their entry with ``known(case)`` (the values are then described).
An entry whose comparison now agrees, or that no test names, fails the suite.
After changing it, put the table ``markdown_table()`` prints under
"Differences from Odoo" in readme/USAGE.md.
"""

KNOWN_DIFFERENCES = [
    (
        "error_isolation",
        "{'names': [], 'errors': 1}",
        "{'names': ['Parity Good 1', 'Parity Good 2'], 'errors': 1}",
        "One bad row does not cost the good ones: each failed row is reported "
        "(and written to the failed-rows file), the others are imported; "
        "`on_error: all_or_nothing` gives Odoo's behaviour.",
    ),
    (
        "empty_cell_default",
        '{"price_unit": 0.0}',
        '{"price_unit": 5.0}',
        "An empty cell on a new record keeps the field's default or computed "
        "value (here the product's price) instead of writing zero or empty.",
    ),
    (
        "ambiguous_name",
        "{'names': ['Parity Ambiguous'], 'errors': 0}",
        "{'names': [], 'errors': 1}",
        "A name that matches several records is a row error naming them, not "
        "the first match picked silently.",
    ),
    (
        "trimming",
        "row error",
        "[['Parity Trim', 'Rue 1', True]]",
        "Spaces around a value are removed: ' Belgium ' finds Belgium, "
        "' Rue 1 ' is stored as 'Rue 1'.",
    ),
    (
        "decimal_comma",
        "125.0",
        "row error",
        "With the decimal separator '.', '12,5' is refused (it is ambiguous) "
        "rather than read as 125; set `decimal_separator: ','` to read 12.5.",
    ),
    (
        "ambiguous_date",
        "2024-05-03",
        "row error",
        "A date that is not ISO is read with the `date_format` option only, "
        "never guessed: Odoo's dialog guesses 05/03/2024 as May 3 for an "
        "English (US) user even in Brussels.",
    ),
    (
        "sample_contacts",
        "{'created': [], 'errors': True}",
        "{'created': ['Aurora Shelves', 'House Sales Direct', 'Jack Unsworth', "
        "'Michael Mason', 'Roger Martins', 'Yvan Holiday'], 'errors': True}",
        "Error isolation on Odoo's sample o2m_customers_contacts.csv: its state "
        "'D.C.' does not exist in Odoo 18, so Odoo imports none of the 8 "
        "contacts; data_jobs imports the 6 rows without it and reports the 2 "
        "(and the contact of the company that failed).",
    ),
    (
        "sample_tags",
        "{'created': [], 'errors': True}",
        "{'created': ['Credit & Leasing'], 'errors': True}",
        "Error isolation on Odoo's sample m2m_customers_tags.csv: most of its "
        "tags do not exist, so Odoo imports nothing; data_jobs imports the row "
        "whose tag exists and reports the others.",
    ),
    (
        "sample_products_xmlid",
        "{'created': [], 'errors': True}",
        "{'created': ['Fuel'], 'errors': True}",
        "Error isolation on Odoo's sample "
        "External_id_3rd_party_application_products.csv: 'Stockable Product' "
        "is no product type in Odoo 18, so Odoo imports nothing; data_jobs "
        "imports the service and reports the 4 others.",
    ),
    (
        "sample_products",
        "{'created': [], 'errors': True}",
        "{'created': ['Fuel'], 'errors': True}",
        "Error isolation on Odoo's sample Name_products.csv (as above).",
    ),
    (
        "export_formula.xlsx.street",
        "['formula:=1+2']",
        "['=1+2']",
        "A text is written as a text cell, exactly as it is, never as a "
        "formula: Odoo's XLSX export writes '=1+2' as a live formula. (In CSV, "
        "where a spreadsheet would evaluate it, `escape_formulas`, on by "
        "default, quotes it, as Odoo's CSV export does.)",
    ),
    (
        "export_partner_compatible.csv.type",
        "['Contact', 'Invoice Address']",
        "['contact', 'invoice']",
        "Import-compatible selections are written as their technical values, "
        "which re-import whatever the language of the user; Odoo writes the "
        "labels of the exporting user's language.",
    ),
    (
        "export_partner_compatible.xlsx.type",
        "['Contact', 'Invoice Address']",
        "['contact', 'invoice']",
        "As above, in XLSX.",
    ),
    (
        "export_partner.csv.partner_latitude",
        "['50.8466', '0.0']",
        "['50.8466000', '0.0000000']",
        "CSV numbers are written with the field's digits (as Odoo shows them), "
        "not Python's shortest form; they read back as the same numbers.",
    ),
    (
        "export_partner.csv.is_company",
        "['True', '']",
        "['True', 'False']",
        "A false boolean is written False in CSV as in XLSX (Odoo's CSV "
        "leaves it empty, its XLSX writes False): an empty cell would keep the "
        "default on re-import instead of setting false.",
    ),
    (
        "export_order_lines.csv.order_line/product_uom_qty",
        "['1.0', '2.0']",
        "['1.00', '2.00']",
        "As above, for the quantities of order lines.",
    ),
    # ------------------------------------------------ described, not literal
    (
        "product_reference_shared",
        "the first product found is used (a warning is logged)",
        "the row is refused, naming both products",
        "A product reference that two products share: a guess would silently "
        "put the wrong product on the line.",
    ),
    (
        "o2m_line_of_another_model",
        "load() fails the whole record with a technical error",
        "the row is refused: the id names a record of another model",
        "A one2many line named by the external id of a record of another "
        "model gets a clear row error.",
    ),
    (
        "header_category_external_id",
        "no proposal for 'Category/External ID' (its fuzzy distance to "
        "'Product Category' is 0.33, above Odoo's 0.2)",
        "proposed as Product Category / External ID (categ_id/id)",
        "The only importable relation whose label ends with 'Category'; Odoo's "
        "own categories sample gives those external ids.",
    ),
    (
        "api_exact_headers_only",
        "the dialog proposes 'Sale Price' as Sales Price and the user confirms",
        "an API job ignores the column; its warning says: did you mean Sales "
        "Price (list_price)?",
        "A job nobody looked at must not import a column into a guessed field; "
        "the import wizard proposes Odoo's mapping for the user to confirm.",
    ),
    (
        "number_currency_separators",
        "with ',' decimal and '.' thousands separators, '12,5 $' is 125.0",
        "12.5",
        "The separators the user set are the ones used (Odoo takes the space "
        "before the symbol for the decimal separator).",
    ),
    (
        "m2m_ids_and_names_import_compatible",
        "category_id/id beside category_id/name: the external ids, and a blank "
        "name column",
        "the external ids, and the comma list of the tags' names",
        "Each column holds what its header names; both re-import the same tags.",
    ),
    (
        "m2m_database_ids_import_compatible",
        "category_id/.id: the comma list of the tags' display names",
        "the comma list of the tags' database ids",
        "'.id' is the database id in every mode; names under a '.id' header do "
        "not re-import.",
    ),
    (
        "database_id_is_a_number",
        "the id as text ('42') under '.id' and 'child_ids/.id'",
        "the id as a number (42), in XLSX a number cell",
        "Numbers stay numbers in a spreadsheet.",
    ),
    (
        "bare_relation_import_compatible",
        "export_data with a bare 'child_ids' or 'country_id': display names",
        "the column is named 'child_ids/id' / 'country_id/id' and holds "
        "external ids (as Odoo's export dialog names it)",
        "An import-compatible file names related records by external id.",
    ),
]

README_HEADING = "## Differences from Odoo"


def markdown_table():
    """The table as readme/USAGE.md shows it."""
    lines = [
        "| Case | Odoo gives | data_jobs gives | Why |",
        "| --- | --- | --- | --- |",
    ]
    for case, odoo, ours, reason in KNOWN_DIFFERENCES:
        cells = [f"`{case}`", _cell(odoo), _cell(ours), reason]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def _cell(value):
    """A literal result as code, a described one as text."""
    return f"`{value}`" if value[:1] in "[{'\"" or _literal(value) else value


def _literal(value):
    try:
        float(value)
    except ValueError:
        return value in ("row error", "2024-05-03")
    return True


def known(case):
    """The entry of ``case``: a test that sees a deliberate difference names
    it so (a missing entry is a KeyError, a failure)."""
    return next(entry for entry in KNOWN_DIFFERENCES if entry[0] == case)
