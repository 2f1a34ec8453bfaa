# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one table of known, deliberate differences from Odoo's own import and
export (issue 11), used by the parity suite and shown in readme/USAGE.md.

Each entry: (case id, what Odoo gives, what data_jobs gives, reason). A
parity comparison that differs must find its case here with these very
values; an entry whose comparison now agrees, or that no test names, fails
the suite. After changing it, put the table ``markdown_table()`` prints under
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
        '["\'=1+2"]',
        "A text starting with =, +, - or @ is written as text with a leading "
        "quote (`escape_formulas`, on by default): Odoo's XLSX export writes "
        "'=1+2' as a live formula (its CSV export quotes it, as data_jobs).",
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
]

README_HEADING = "## Differences from Odoo"


def markdown_table():
    """The table as readme/USAGE.md shows it."""
    lines = [
        "| Case | Odoo gives | data_jobs gives | Why |",
        "| --- | --- | --- | --- |",
    ]
    for case, odoo, ours, reason in KNOWN_DIFFERENCES:
        cells = [f"`{case}`", f"`{odoo}`", f"`{ours}`", reason]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)
