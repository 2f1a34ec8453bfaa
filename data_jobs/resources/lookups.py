# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Find the records a column names, for a whole batch at once.

Odoo's own ``load()`` runs a ``name_search`` for every cell; here each lookup
takes every distinct value of a column in the batch and answers them all,
returning ``{value: [ids]}`` (several ids when a name is ambiguous): one query
per column for external ids, database ids, fields and models that search
names the generic way, one ``name_search`` per distinct name for models with
their own rules (products, countries).
"""

from collections import defaultdict

from odoo.models import BaseModel
from odoo.osv import expression

XMLID_DEFAULT_MODULE = "__import__"  # where Odoo's import puts bare external ids


def full_xmlid(value):
    value = str(value).strip()
    return value if "." in value else f"{XMLID_DEFAULT_MODULE}.{value}"


# Ambiguity only needs a second match; the error lists at most five of them.
AMBIGUOUS_LIMIT = 6
_LIKE_WILDCARDS = ("%", "_", "\\")


def by_name(model, names):
    """Records that the target's own name search finds for each name, as
    Odoo's import does (``name_search(name, operator='=')``): a partner by
    its name, email or reference, a product by its internal reference or as
    ``[CODE] Name``. Names not found exactly are retried without case.

    A model that keeps the generic name search (fields of
    ``_rec_names_search`` or ``_rec_name``) is answered with one query for
    the whole batch; a model that overrides it (products, countries) gets
    its own ``name_search`` per distinct name, so its rules win."""
    names = {str(n) for n in names}
    if not names:
        return defaultdict(list)
    if _generic_name_search(model):
        return _by_name_batched(model, names)
    return _by_name_search(model, names)


def _generic_name_search(model):
    """Whether the model searches names the generic way, which the batched
    query reproduces: neither ``name_search`` nor ``_search_display_name``
    overridden, and only plain fields to compare."""
    cls = type(model)
    if cls.name_search is not BaseModel.name_search:
        return False
    if cls._search_display_name is not BaseModel._search_display_name:
        return False
    names = model._rec_names_search or ([model._rec_name] if model._rec_name else [])
    return bool(names) and len(_name_fields(model)) == len(names)


def _by_name_search(model, names):
    found = defaultdict(list)
    for name in names:
        ids = [i for i, _n in model.name_search(name, operator="=", limit=None)]
        if not ids:
            ids = _by_name_search_without_case(model, name)
        if ids:
            found[name] = list(dict.fromkeys(ids))
    return found


def _by_name_search_without_case(model, name):
    """The name search again with ``=ilike``, keeping only records one of
    whose names really equals the name without case: ``=ilike`` reads ``%``
    and ``_`` as wildcards, and a field of limited size compares a truncated
    value (a country's 2-letter code finds 'Atlantis' as 'AT')."""
    if any(w in name for w in _LIKE_WILDCARDS):
        return []
    pairs = model.name_search(name, operator="=ilike", limit=AMBIGUOUS_LIMIT)
    if not pairs:
        return []
    folded = name.casefold()
    fields = _domain_fields(model, name)
    records = model.browse([i for i, _n in pairs])
    return [
        record.id
        for record in records
        if folded in {c.casefold() for c in _candidates(record, fields)}
    ]


def _domain_fields(model, name):
    """The plain fields the model's own name search compares a name with
    (a product's name, internal reference and barcode)."""
    fields = set(_name_fields(model))
    for leaf in model._search_display_name("=", name):
        if isinstance(leaf, list | tuple) and len(leaf) == 3:
            path = leaf[0]
            if isinstance(path, str) and path in model._fields:
                if not model._fields[path].relational:
                    fields.add(path)
    return sorted(fields)


def _by_name_batched(model, names):
    found = defaultdict(list)
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


def taken_xmlids(model, xmlids):
    """Which of these external ids (``module.name``) a new record of
    ``model`` cannot take: those of another model, and those of an existing
    record (the caller found none the user may see). An id left by a deleted
    record of ``model`` may be taken again, as ``load()`` does."""
    wanted = {tuple(full_xmlid(x).split(".", 1)): x for x in xmlids}
    if not wanted:
        return []
    # sudo: only which model the ids name and whether those records still
    # exist; nothing of the records is read
    rows = (
        model.env["ir.model.data"]
        .sudo()
        .search_fetch(
            [("name", "in", list({n for _m, n in wanted}))],
            ["module", "name", "model", "res_id"],
        )
    )
    taken = []
    for row in rows:
        xmlid = wanted.get((row.module, row.name))
        if xmlid is None:
            continue
        if row.model != model._name or (
            model.sudo().with_context(active_test=False).browse(row.res_id).exists()
        ):
            taken.append(xmlid)
    return taken


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
