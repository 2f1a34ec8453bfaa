# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mapping Odoo's own import dialog would propose for a file's headers.

Odoo's ``base_import`` matches a header to a field by the mapping remembered
from the last import of the same column, then exactly (technical name, label,
English label), then fuzzily (string distance below 0.2, among the fields
whose type fits the column's first values), and follows ``/`` paths into
relations and lines. Rather than copy that heuristic, this module asks
``base_import.import`` itself when it is installed (it is wherever the web
client is), so the wizard proposes exactly what Odoo proposes; without it,
there are no suggestions and only exact matches apply.

Suggestions are never applied silently: the wizard shows them in its mapping
before the job starts, and an API job only names them in its warning.
"""

import datetime

from odoo.exceptions import AccessError

# every type base_import's field filter knows: nothing is filtered out when
# there are no values to guess a column's type from (an API job's headers)
ALL_TYPES = [
    "id",
    "many2one",
    "many2many",
    "one2many",
    "integer",
    "float",
    "monetary",
    "boolean",
    "date",
    "datetime",
    "text",
    "char",
    "binary",
    "selection",
    "html",
    "tags",
]
REMEMBERED = -1  # the distance base_import gives a remembered mapping


def odoo_suggestions(env, model, headers, rows=None, options=None):
    """``{index: (path, distance)}`` of base_import's proposal for the
    headers: ``distance`` is -1 for a mapping remembered from an earlier
    import, 0 for an exact match, the fuzzy distance otherwise, and None for
    a ``/`` path. Empty when base_import is not installed or not readable."""
    if "base_import.import" not in env or not headers:
        return {}
    options = options or {}
    headers = [str(h or "") for h in headers]
    wizard = env["base_import.import"].new({"res_model": model})
    odoo_options = {
        "float_thousand_separator": options.get("thousands_separator") or ",",
        "float_decimal_separator": options.get("decimal_separator") or ".",
        "date_format": options.get("date_format") or "",
    }
    try:
        tree = wizard.get_fields_tree(model)
        if rows:
            preview = [_texts(row, len(headers)) for row in rows]
            types = wizard._extract_headers_types(headers, preview, odoo_options)
        else:
            types = {(i, h): ALL_TYPES for i, h in enumerate(headers)}
        found = wizard._get_mapping_suggestions(headers, types, tree)
    except AccessError:
        return {}
    return {
        index: ("/".join(s["field_path"]), s.get("distance"))
        for (index, header), s in found.items()
        if s and header.strip()
    }


def _texts(row, width):
    """A preview row as base_import reads a CSV: text cells, padded."""
    cells = [_text(c) for c in list(row)[:width]]
    return cells + [""] * (width - len(cells))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
