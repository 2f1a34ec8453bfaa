# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resource every model gets: its mapping built from the model's fields.

A custom resource subclasses it and overrides what its model needs (lookups,
formatting, hooks); the engines only talk to this interface.
"""

import functools
import json
import operator
import re
import uuid
from typing import NamedTuple

from odoo import fields
from odoo.exceptions import AccessError, UserError

from ..io.values import Column, Lines, Record, Reference, record_lines
from ..io.writers import make_writer
from . import registry
from .generic_import import ImportMixin
from .resource_column import check_columns
from .shown_fields import is_technical

RELATIONAL = ("many2one", "one2many", "many2many")
X2MANY = ("one2many", "many2many")
NOT_EXPORTED = (
    "binary",
    "properties",
    "properties_definition",
    "json",
    "many2one_reference",
    "reference",
    "one2many",
)
# a set of fields of their own (defined per parent record), not one column's value
NOT_A_COLUMN = ("properties",)
MAGIC = ("create_uid", "create_date", "write_uid", "write_date")
SENSITIVE = re.compile(
    r"password|passwd|secret|token|api_?key|signature|totp|private|credential|"
    r"(^|_)key$|(^|_)pin$",
    re.IGNORECASE,
)


class IdPart(NamedTuple):
    """The ``id`` or ``.id`` that ends a field path: the identity of the
    records the path reached, not one of their fields. ``id`` is the external
    id (``__export__.…`` created if missing, as Odoo's export does) and
    ``.id`` the database id, alone (``id``, ``.id``, ``id/.id``) or after a
    relational field (``country_id/id``, ``category_id/.id``), in every mode.

    It stands in a chain of fields with the two attributes chains are read by:
    ``name`` (the column's technical name) and ``type`` (its kind)."""

    name: str
    type: str

    @property
    def external(self):
        return self.name == "id"


EXTERNAL_ID = IdPart("id", "char")
DATABASE_ID = IdPart(".id", "integer")


class GenericResource(ImportMixin):
    """Reads and writes one model by introspection of its fields."""

    model = None  # custom resources name their model
    columns = ()  # custom resources list their ResourceColumns

    def __init__(self, env, model_name=None):
        self.env = env
        self.model_name = model_name or self.model
        if self.model_name not in env:
            raise UserError(
                env._("There is no model named '%(model)s'.", model=self.model_name)
            )
        self.records = env[self.model_name]
        self._chains = {}  # path -> fields, resolved once and not on every batch
        check_columns(type(self).__name__, self.records, self.columns)
        self._by_path = {c.path: c for c in self.columns}
        self._selections = {}  # selection field -> {value: label}
        self._line_resources = {}  # one2many field -> its lines' resource

    # ------------------------------------------------------------------ fields
    def is_sensitive(self, field):
        return bool(SENSITIVE.search(field.name))

    def default_export_fields(self):
        """The resource's columns; for the generic resource, the stored,
        readable, non-binary, non-sensitive fields in model order, without
        the technical ones (chatter, activities...: see shown_fields)."""
        if self.columns:
            return [c.path for c in self.columns]
        return [
            name
            for name, field in self.records._fields.items()
            if field.store
            and name != "id"
            and name not in MAGIC
            and field.type not in NOT_EXPORTED
            and field.is_accessible(self.env)
            and not self.is_sensitive(field)
            and not is_technical(self.records, field)
            and (
                field.type not in RELATIONAL
                or self.env[field.comodel_name].has_access("read")
            )
        ]

    def resolve_path(self, path):
        """The chain of fields behind ``partner_id/name``, checked for the user."""
        if path not in self._chains:
            self._chains[path] = self._resolve_path(path)
        return self._chains[path]

    def _resolve_path(self, path):
        model = self.records
        chain = []
        parts = [p for p in path.strip().split("/") if p]
        if not parts:
            raise UserError(self.env._("An empty field name cannot be exported."))
        ending = None
        if parts[-1] in ("id", ".id"):
            ending = EXTERNAL_ID if parts[-1] == "id" else DATABASE_ID
            parts = parts[:-1]
            if parts == ["id"]:
                parts = []  # ``id/.id``: the record's own id, as Odoo spells it
        for position, part in enumerate(parts):
            field = model._fields.get(part)
            if field is None:
                raise UserError(
                    self.env._(
                        "%(model)s has no field '%(field)s' (in '%(path)s').",
                        model=model._name,
                        field=part,
                        path=path,
                    )
                )
            self._check_exportable(field, path)
            chain.append(field)
            if position < len(parts) - 1 or ending:
                if field.type not in RELATIONAL:
                    raise UserError(
                        self.env._(
                            "'%(field)s' in '%(path)s' is not a relational field, so "
                            "nothing can follow it.",
                            field=part,
                            path=path,
                        )
                    )
                model = self.env[field.comodel_name]
        if ending:
            chain.append(ending)
        return chain

    def _check_exportable(self, field, path):
        """Refuse, before anything runs, a field the user may not read or that
        has no value a cell can hold."""
        if self.is_sensitive(field) and not self.env.is_superuser():
            raise UserError(
                self.env._(
                    "The field '%(field)s' of %(model)s is not exported: its name "
                    "says it may hold a secret (a password, token, key or "
                    "signature).",
                    field=field.name,
                    model=field.model_name,
                )
            )
        if not field.is_accessible(self.env):
            raise UserError(
                self.env._(
                    "You are not allowed to export the field '%(field)s' of "
                    "%(model)s.",
                    field=field.name,
                    model=field.model_name,
                )
            )
        if field.type == "binary":
            raise UserError(
                self.env._(
                    "'%(path)s' is a binary field: files cannot be exported in a "
                    "table.",
                    path=path,
                )
            )
        if field.type in NOT_A_COLUMN:
            raise UserError(
                self.env._(
                    "'%(path)s' holds properties, a set of fields of their own that "
                    "each record's %(parent)s defines: they cannot be exported as "
                    "one column.",
                    path=path,
                    parent=self.env[field.model_name]
                    ._fields[field.definition_record]
                    ._description_string(self.env),
                )
            )
        if field.type in RELATIONAL and not self.env[field.comodel_name].has_access(
            "read"
        ):
            # reading the field (its ids, or names) reads the related model
            raise UserError(
                self.env._(
                    "You are not allowed to read %(related)s records, so "
                    "'%(path)s' cannot be exported.",
                    related=self.env[field.comodel_name]._description,
                    path=path,
                )
            )

    def selection(self, field):
        """A selection field's ``{value: label}`` in the user's language,
        computed once per run: exports and imports ask for it per cell."""
        if field not in self._selections:
            self._selections[field] = dict(field._description_selection(self.env))
        return self._selections[field]

    def make_writer(self, file_format, fileobj, columns, options, meta):
        """The file writer of an export; a resource may return its own (a PDF
        layout of its own, say) built on the io writers."""
        return make_writer(file_format, fileobj, columns, options, meta)

    def export_columns(self, paths, import_compatible=False):
        """io Columns for the field paths (import-compatible names if asked)."""
        columns = []
        for path in paths:
            chain = self.resolve_path(path)
            last = chain[-1]
            name = "/".join(f.name for f in chain)
            if import_compatible and last.type in RELATIONAL:
                name += "/id"
            self._check_xmlid_model(chain, import_compatible, path)
            label = " / ".join(self._part_label(f) for f in chain)
            declared = self._by_path.get(path)
            if declared is not None and declared.header:
                label = declared.header
            # one cell joins the values of many records only after a many2many
            # of an import-compatible export; lines keep each value's type
            joined = _lines_split(chain, import_compatible) is False
            kind = last.type
            if joined or (import_compatible and last.type in RELATIONAL):
                kind = "char"
            columns.append(
                Column(
                    name=name,
                    label=label,
                    kind=kind,
                    digits=self._digits(last),
                )
            )
        return columns

    def _part_label(self, part):
        if isinstance(part, IdPart):
            return self.env._("External ID") if part.external else self.env._("ID")
        return part._description_string(self.env)

    def fields_to_fetch(self, paths):
        """The fields of the records themselves that ``paths`` start with."""
        firsts = (self.resolve_path(path)[0] for path in paths)
        return list(dict.fromkeys(f.name for f in firsts if not isinstance(f, IdPart)))

    def _xmlid_model(self, chain, import_compatible):
        """The model whose external ids the column names, or None."""
        last = chain[-1]
        if isinstance(last, IdPart):
            if not last.external:
                return None
            return chain[-2].comodel_name if len(chain) > 1 else self.model_name
        if import_compatible and last.type in RELATIONAL:
            return last.comodel_name
        return None

    def _check_xmlid_model(self, chain, import_compatible, path):
        model_name = self._xmlid_model(chain, import_compatible)
        if model_name and not self.env[model_name]._is_an_ordinary_table():
            raise UserError(
                self.env._(
                    "%(model)s records are not stored in a table of their own, so "
                    "they have no external ids: '%(path)s' cannot be exported "
                    "(its database id can: '%(db_path)s').",
                    model=self.env[model_name]._description,
                    path=path,
                    db_path="/".join(
                        [f.name for f in chain if not isinstance(f, IdPart)] + [".id"]
                    ),
                )
            )

    def _digits(self, field):
        if field.type == "monetary":
            return 2
        if field.type == "float":
            digits = field.get_digits(self.env)
            return digits[1] if digits else None
        return None

    # ------------------------------------------------------------------- rows
    def export_rows(self, records, paths, import_compatible=False):
        """The table lines of ``records`` (lists aligned with ``paths``): each
        record's line, then the extra lines of its x2many paths."""
        for record in self.export_records(records, paths, import_compatible):
            yield from record_lines(record)

    def export_records(self, records, paths, import_compatible=False):
        """One ``Record`` per record, aligned with ``paths``, in their order.

        As Odoo's ``_export_rows``: a path through an x2many (``child_ids/name``,
        ``order_line/product_id``) gives one line per related record, all the
        paths through the same relation sharing those lines (the writers merge
        the first into the record's line and append the others); in an
        import-compatible export a many2many stays one cell, the comma list of
        its records' external ids (or names). Built column by column on the
        whole batch, and on all the lines of the batch at once for the paths
        after a relation: a value is computed once per distinct value.
        """
        chains = [self.resolve_path(path) for path in paths]
        xmlids = self._xmlids(records, chains, import_compatible)
        indexed = [
            (index, self._expanded_chain(chain, import_compatible), path)
            for index, (path, chain) in enumerate(zip(paths, chains, strict=True))
        ]
        return self._export_tree(
            records, indexed, len(paths), import_compatible, xmlids
        )

    def _expanded_chain(self, chain, import_compatible):
        """A bare one2many of an import-compatible export is named by its
        lines' external ids, one per line (``child_ids/id``), as Odoo's."""
        last = chain[-1]
        if (
            import_compatible
            and not isinstance(last, IdPart)
            and last.type == "one2many"
        ):
            return [*chain, EXTERNAL_ID]
        return chain

    def _export_tree(self, records, indexed, width, import_compatible, xmlids):
        """``Record``s of ``records`` for ``indexed``: ``(column index, chain,
        path)`` triples; ``path`` is None below the top level, where a custom
        resource's ``export_format`` does not apply."""
        leaves, groups = self._split_columns(indexed, import_compatible)
        rows = [[None] * width for _ in records]
        for index, chain, declared in leaves:
            values = self.export_column(records, chain, import_compatible, xmlids)
            if declared is not None:
                values = self._declared_values(declared, records, values)
            for row, value in zip(rows, values, strict=True):
                row[index] = value
        lines = [[] for _ in records]
        for key, (prefix, subs) in groups.items():
            groups_of_records = self._lines(
                records, key, prefix, subs, width, import_compatible, xmlids
            )
            for record_lines_, group in zip(lines, groups_of_records, strict=True):
                record_lines_.append(group)
        return [
            Record(values, tuple(group))
            for values, group in zip(rows, lines, strict=True)
        ]

    def _split_columns(self, indexed, import_compatible):
        """``(leaves, groups)``: the columns with one value per record
        ``[(index, chain, declared column)]`` (a custom resource's declared
        columns are), and the relations whose lines
        the others fill ``{path: (chain to the relation, [(index, chain after
        it, None)])}``, in column order."""
        leaves, groups = [], {}
        for index, chain, path in indexed:
            declared = self._by_path.get(path) if path is not None else None
            split = _lines_split(chain, import_compatible)
            if split is None or split is False or declared is not None:
                leaves.append((index, chain, declared))
                continue
            prefix = chain[: split + 1]
            key = "/".join(f.name for f in prefix)
            subs = groups.setdefault(key, (prefix, []))[1]
            subs.append((index, chain[split + 1 :], None))
        for leaf in list(leaves):
            index, chain, _declared = leaf
            key = "/".join(f.name for f in chain if not isinstance(f, IdPart))
            if key in groups and chain[-1].type in X2MANY:
                # ``child_ids`` beside ``child_ids/name``: the lines' names, as Odoo
                display = self.env[chain[-1].comodel_name]._fields["display_name"]
                groups[key][1].append((index, [display], None))
                leaves.remove(leaf)
        for _prefix, subs in groups.values():
            subs.sort(key=operator.itemgetter(0))
        ordered = sorted(groups.items(), key=lambda item: item[1][1][0][0])
        return leaves, dict(ordered)

    def _declared_values(self, declared, records, values):
        """A column a custom resource declares is one cell per record, as the
        resource's import reads it back (the references of a bare x2many in a
        tuple: one cell, the comma list of their names, not one per line),
        then formatted by its ``export_format``."""
        values = [tuple(v) if isinstance(v, list) else v for v in values]
        if declared.export_format is not None:
            fmt = declared.export_format
            values = [fmt(r, v) for r, v in zip(records, values, strict=True)]
        return values

    def _lines(self, records, key, prefix, subs, width, import_compatible, xmlids):
        """One ``Lines`` per record: the records ``prefix`` reaches from it,
        exported for ``subs`` all at once (each distinct line once)."""
        targets = [_follow(record, prefix) for record in records]
        related = records.env[prefix[-1].comodel_name].browse(
            list(dict.fromkeys(id_ for target in targets for id_ in target._ids))
        )
        firsts = (chain[0] for _index, chain, _path in subs)
        names = [f.name for f in firsts if not isinstance(f, IdPart)]
        if related and names:
            related.fetch(list(dict.fromkeys(names)))
        tree = self._export_tree(related, subs, width, import_compatible, xmlids)
        by_id = dict(zip(related._ids, tree, strict=True))
        columns = tuple(index for index, _chain, _path in subs)
        return [
            Lines(key, columns, [by_id[id_] for id_ in target._ids])
            for target in targets
        ]

    def export_column(self, records, chain, import_compatible=False, xmlids=None):
        """The values of one field path for all ``records``, in their order."""
        first = chain[0]
        if isinstance(first, IdPart):  # the records' own id: nothing to read
            if first.external:
                return [xmlids.get((records._name, id_)) for id_ in records._ids]
            return list(records._ids)
        if (
            type(self).export_value is not GenericResource.export_value
            or type(self).format_value is not GenericResource.format_value
        ):  # a custom resource's hooks see every record
            return [
                self.export_value(record, chain, import_compatible, xmlids)
                for record in records
            ]
        raw_values = _cached_values(records, first)
        if len(chain) == 1 and first.type not in RELATIONAL:
            return [
                self.plain_value(records, first, raw, import_compatible)
                for raw in raw_values
            ]
        column, by_raw = [], {}
        for index, raw in enumerate(raw_values):
            if raw not in by_raw:
                by_raw[raw] = self.export_value(
                    records[index], chain, import_compatible, xmlids
                )
            column.append(by_raw[raw])
        return column

    def export_value(self, record, chain, import_compatible=False, xmlids=None):
        """The value of one field path on one record, typed for the writers."""
        targets, multi = record, False
        for field in chain[:-1]:
            multi = multi or field.type in X2MANY
            targets = (
                targets[field.name] if len(targets) == 1 else targets.mapped(field.name)
            )
        last = chain[-1]
        if isinstance(last, IdPart):
            values = [
                xmlids.get((t._name, t.id)) if last.external else t.id for t in targets
            ]
            if not multi:
                return values[0] if values else None
            return ",".join(str(v) for v in values if v) or None
        if last.type in RELATIONAL:
            related = (
                targets.mapped(last.name) if len(targets) != 1 else targets[last.name]
            )
            if import_compatible:
                ids = [xmlids.get((r._name, r.id)) or str(r.id) for r in related]
                return ",".join(ids) or None
            refs = [Reference(r.id, r.display_name or "") for r in related]
            if last.type == "many2one" and not multi:
                return refs[0] if refs else None
            return refs
        if multi and last.name == "name":
            # the records of a many2many in one cell, by the names an import
            # finds them by, as Odoo's export gives them
            return ",".join(targets.mapped("display_name")) or None
        values = [self.format_value(t, last, import_compatible) for t in targets]
        if not multi:
            return values[0] if values else None
        return ",".join(str(v) for v in values if v not in (None, ""))

    def format_value(self, record, field, import_compatible=False):
        """One stored value made plain: labels, user timezone, None for empty."""
        return self.plain_value(record, field, record[field.name], import_compatible)

    def plain_value(self, records, field, value, import_compatible=False):
        """``value`` of ``field`` made plain (``records`` give the timezone)."""
        if field.type == "boolean":
            return bool(value)
        if field.type == "integer":
            return value or 0  # the cache holds None for an unset number
        if field.type in ("float", "monetary"):
            return 0.0 if value is None else value
        if value is False or value is None:
            return None
        if field.type == "datetime":
            return fields.Datetime.context_timestamp(records, value).replace(
                tzinfo=None
            )
        if field.type == "selection" and not import_compatible:
            return self.selection(field).get(value, value)
        if field.type in ("json", "properties_definition"):
            return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        return value

    def _xmlids(self, records, chains, import_compatible=False):
        """External ids of every record the rows name by one (``id``,
        ``field/id`` and, import-compatible, every relational column), created
        if missing as Odoo's export does."""
        by_model = {}
        for chain in chains:
            if not self._xmlid_model(chain, import_compatible):
                continue
            targets = records
            for field in chain:
                if isinstance(field, IdPart):
                    break
                targets = targets.mapped(field.name)
            by_model.setdefault(targets._name, []).append(targets)
        result = {}
        for groups in by_model.values():
            result.update(self._ensure_xmlids(functools.reduce(operator.or_, groups)))
        return result

    def external_ids(self, records):
        """``{id: "module.name"}``: the existing (oldest) external id of each
        record that has one."""
        if not records:
            return {}
        # sudo: users can neither read nor write ir.model.data
        rows = (
            self.env["ir.model.data"]
            .sudo()
            .search_fetch(
                [("model", "=", records._name), ("res_id", "in", records.ids)],
                ["module", "name", "res_id"],
                order="id",
            )
        )
        result = {}
        for row in rows:
            result.setdefault(row.res_id, f"{row.module}.{row.name}")
        return result

    def _ensure_xmlids(self, records):
        if not records:
            return {}
        self._check_readable(records)
        # sudo: users can neither read nor write ir.model.data; the records
        # were just checked readable by the user, the only ones named below.
        data = self.env["ir.model.data"].sudo()
        result = {
            (records._name, res_id): xmlid
            for res_id, xmlid in self.external_ids(records).items()
        }
        missing = [r for r in records if (records._name, r.id) not in result]
        created = data.create(
            [
                {
                    "module": "__export__",
                    "name": f"{records._table}_{r.id}_{uuid.uuid4().hex[:8]}",
                    "model": records._name,
                    "res_id": r.id,
                }
                for r in missing
            ]
        )
        for xmlid in created:
            result[(xmlid.model, xmlid.res_id)] = f"__export__.{xmlid.name}"
        return result

    def _check_readable(self, records):
        """Refuse to name records the user may not read (a parent partner
        hidden by a record rule, another company's): their external ids would
        be made through sudo. Odoo's export refuses to read them (``parent_id``
        raises an access error), though its ``parent_id/id`` writes the hidden
        record's id with raw SQL; here every path is refused."""
        try:
            records.check_access("read")
        except AccessError as exc:
            raise AccessError(
                self.env._(
                    "The export names %(model)s records by their external ids, and "
                    "some of them are hidden from you, so it stops without "
                    "naming them. %(reason)s",
                    model=records._description,
                    reason=exc.args[0] if exc.args else "",
                )
            ) from exc


def _lines_split(chain, import_compatible):
    """Where ``chain`` splits into lines: the position of the first x2many
    before its end; None if it reaches one record at most; False if it
    reaches many records joined in one cell (after a many2many of an
    import-compatible export, as Odoo's)."""
    for position, field in enumerate(chain[:-1]):
        if isinstance(field, IdPart) or field.type not in X2MANY:
            continue
        if import_compatible and field.type == "many2many":
            return False
        return position
    return None


def _follow(record, chain):
    """The records ``chain`` (many2ones, then one x2many) reaches from
    ``record``, in the relation's order."""
    targets = record
    for field in chain:
        targets = targets[field.name]
    return targets


def _cached_values(records, field):
    """The cached values of ``field`` for ``records`` (ids for a many2one,
    id tuples for x2many), read from the database where missing.

    Raises UserError if reading adds nothing to the cache (a field the cache
    never holds): the export stops with a message rather than loop forever.
    """
    cache = records.env.cache
    values = list(cache.get_until_miss(records, field))
    while len(values) < len(records):
        rest = records[len(values) :]
        field.__get__(rest[0])  # fetches the missing records with their batch
        more = cache.get_until_miss(rest, field)
        if not more:
            raise UserError(
                records.env._(
                    "Reading '%(field)s' of %(model)s made no progress (its values "
                    "never reach the cache), so the export stops instead of "
                    "looping. Export the field through another path or report "
                    "the problem.",
                    field=field.name,
                    model=records._name,
                )
            )
        values += more
    return values


registry.set_fallback(GenericResource)
