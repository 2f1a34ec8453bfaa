# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Find the records a column names, for a whole batch in one query per column.

Odoo's own ``load()`` runs a ``name_search`` for every cell; here each lookup
takes every distinct value of a column in the batch and answers them all at
once, returning ``{value: [ids]}`` (several ids when a name is ambiguous).
"""

from collections import defaultdict

from odoo.osv import expression

XMLID_DEFAULT_MODULE = "__import__"  # where Odoo's import puts bare external ids


def full_xmlid(value):
    value = str(value).strip()
    return value if "." in value else f"{XMLID_DEFAULT_MODULE}.{value}"


def by_name(model, names):
    """Records whose display name (or a field of ``_rec_names_search``, e.g. a
    partner's reference or a product's code) equals the name, as Odoo's import
    matches; names not found exactly are retried without case."""
    names = {str(n) for n in names}
    found = defaultdict(list)
    if not names:
        return found
    search_fields = _name_fields(model)
    records = model.search_fetch([("display_name", "in", list(names))], search_fields)
    for record in records:
        for candidate in _candidates(record, search_fields):
            if candidate in names and record.id not in found[candidate]:
                found[candidate].append(record.id)
    missing = [n for n in names if n not in found]
    if missing:
        folded = {n.casefold(): n for n in missing}
        domain = expression.OR([[("display_name", "=ilike", n)] for n in missing])
        for record in model.search_fetch(domain, search_fields, limit=len(missing) * 5):
            for candidate in _candidates(record, search_fields):
                name = folded.get(candidate.casefold())
                if name is not None and record.id not in found[name]:
                    found[name].append(record.id)
    return found


def _name_fields(model):
    names = model._rec_names_search or ([model._rec_name] if model._rec_name else [])
    return [
        n
        for n in names
        if "." not in n and n in model._fields and not model._fields[n].relational
    ]


def _candidates(record, search_fields):
    values = {record.display_name}
    values.update(record[f] for f in search_fields)
    return {str(v) for v in values if v}


def by_field(model, field_name, values):
    """Records whose ``field_name`` equals the value (``partner_id/ref``)."""
    found = defaultdict(list)
    values = {str(v) for v in values}
    if values:
        for record in model.search_fetch(
            [(field_name, "in", list(values))], [field_name]
        ):
            found[str(record[field_name])].append(record.id)
    return found


def by_xmlid(model, xmlids):
    """Records named by external ids (``module.name``; bare names are taken
    from ``__import__`` as Odoo's import does)."""
    found = defaultdict(list)
    wanted = defaultdict(list)
    for value in xmlids:
        module, _dot, name = full_xmlid(value).partition(".")
        wanted[(module, name)].append(value)
    if not wanted:
        return found
    # ir.model.data is readable by every internal user; the ids found are then
    # searched as the user so record rules still apply.
    rows = (
        model.env["ir.model.data"]
        .sudo()
        .search_fetch(
            [("model", "=", model._name), ("name", "in", [n for _m, n in wanted])],
            ["module", "name", "res_id"],
        )
    )
    by_id = defaultdict(list)
    for row in rows:
        for value in wanted.get((row.module, row.name), ()):
            by_id[row.res_id].append(value)
    if by_id:
        for record_id in model.search([("id", "in", list(by_id))]).ids:
            for value in by_id[record_id]:
                found[value].append(record_id)
    return found


def by_db_id(model, values):
    """Records named by database id, kept only if the user may see them."""
    found = defaultdict(list)
    ids = {}
    for value in values:
        try:
            ids[value] = int(float(str(value).strip()))
        except ValueError:
            continue
    if ids:
        visible = set(model.search([("id", "in", list(set(ids.values())))]).ids)
        for value, record_id in ids.items():
            if record_id in visible:
                found[value].append(record_id)
    return found
