# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import half of the generic resource: columns, values, lookups, keys.

Everything here works on a whole batch of rows so that each related model is
queried once per column and batch. A custom resource overrides the pieces its
model needs (``lookup`` for a category by full path, ``clean_row``, hooks).
"""

import datetime
from dataclasses import dataclass, field

import pytz

from odoo import Command
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..io import convert
from ..io.convert import ConversionError
from ..io.formula import is_dangerous
from . import header_suggestions, lookups, registry
from .import_columns import (
    IMPORTABLE,
    OWN_DB_ID,
    OWN_ID,
    ColumnMatch,
    ImportColumn,
    normalize,
    split_path,
)

BLANK = object()  # an empty cell: left out on create, cleared on update


SKIP_ROW = object()  # a fallback asked to skip the row
# Required fields that the model's own create() fills when they are missing
# (a company makes its partner): a file without their column still creates
# records, as with Odoo's import.
FILLED_BY_CREATE = {"res.company": frozenset({"partner_id"})}


@dataclass
class PreparedRow:
    """One data row on its way to the database."""

    row_number: int
    cells: list
    lines: list = field(default_factory=list)  # (row_number, cells) of its lines
    vals: dict = field(default_factory=dict)
    own_xmlid: str | None = None
    own_id: int | None = None
    errors: list = field(default_factory=list)  # (column header, value, message)
    skipped: str | None = None  # why the row is skipped on purpose
    missing_references: int = 0  # errors that a row of the same batch may cure
    record_id: int | None = None
    action: str | None = None  # created / updated / unchanged
    # (one2many, n-th created line, external id): ids given once created
    line_xmlids: list = field(default_factory=list)

    def error(self, column, value, message):
        self.errors.append((column, value, message))


class ImportMixin:
    """Import behaviour of ``GenericResource`` (see generic.py)."""

    # -------------------------------------------------------------- columns
    def importable(self, field):
        """A reason the field cannot be imported, or None when it can."""
        if field.type not in IMPORTABLE:
            return self.env._(
                "fields of type %(type)s cannot be imported", type=field.type
            )
        # as Odoo's import: a computed field that is stored and not readonly
        # in its definition (a sale line's quantity, a partner's company
        # registry) takes the file's value; one Odoo computes alone does not
        if field.compute and not field.inverse and (field.readonly or not field.store):
            return self.env._("it is computed")
        if field.name in ("id", "create_uid", "create_date", "write_uid", "write_date"):
            return self.env._("it is set by Odoo")
        if not field.is_accessible(self.env):
            return self.env._("you are not allowed to change it")
        return None

    def import_aliases(self):
        """Header spellings of the resource's columns, ``{"Product Name":
        "name"}``, looked up the way the column says (``country_id/code``).
        Other headers of the same field (``Country``, ``country_id``) keep the
        generic matching by name, as files from elsewhere expect."""
        aliases = {}
        for column in self.columns:
            for title in (column.header, *column.aliases):
                if title:
                    aliases[title] = column.path
        return aliases

    def import_columns(self, headers, mapping=None):
        """Match the file's headers to fields: explicit ``mapping`` first
        (``{header: path or False}``), then technical names, then labels."""
        mapping = dict(mapping or {})
        unknown = [h for h in mapping if h not in headers]
        if unknown:
            raise UserError(
                self.env._(
                    "The mapping names the column '%(column)s', which the file does "
                    "not have. Its columns are: %(columns)s.",
                    column=unknown[0],
                    columns=", ".join(h for h in headers if h),
                )
            )
        aliases = {normalize(k): v for k, v in self.import_aliases().items()}
        match = ColumnMatch()
        seen = {}
        unmapped = []  # indexes of match.unmapped
        for index, header in enumerate(headers):
            if not header:
                continue
            if header in mapping:
                target = mapping[header]
                if not target:
                    match.ignored.append(header)
                    continue
                column, reason = self._column_for(index, header, str(target))
                if column is None:
                    raise UserError(
                        self.env._(
                            "The mapping sends the column '%(column)s' to "
                            "'%(path)s', but %(reason)s.",
                            column=header,
                            path=target,
                            reason=reason,
                        )
                    )
            else:
                path = aliases.get(normalize(header), header)
                column, reason = self._column_for(index, header, path)
                if column is None:
                    match.unmapped.append((header, reason))
                    unmapped.append(index)
                    continue
            if column.target in seen:
                match.duplicates.append((header, seen[column.target]))
                continue
            seen[column.target] = header
            match.columns.append(column)
        if unmapped:
            self._hint_unmapped(headers, unmapped, match)
        return match

    def _hint_unmapped(self, headers, unmapped, match):
        """Name, in the reason a column is ignored, the field Odoo's import
        would have proposed for it: never applied without the user's say."""
        # here, not at the top: the engine package imports the resources
        from ..engine.column_messages import suggested_reason

        suggestions = self.suggest_columns(headers)
        taken = {c.target for c in match.columns}
        reasons = []
        for index, (header, reason) in zip(unmapped, match.unmapped, strict=True):
            column = suggestions.get(index, (None, None))[0]
            if column is not None and column.target not in taken:
                reason = suggested_reason(
                    self.env, reason, self.column_label(column), column.path
                )
            reasons.append((header, reason))
        match.unmapped = reasons

    def suggest_columns(self, headers, rows=None, options=None):
        """``{index: (ImportColumn, distance)}``: what Odoo's own import
        dialog proposes for these headers (a remembered mapping, an exact or
        a fuzzy match, see header_suggestions), where data_jobs can import
        it; ``rows`` are the first rows, to tell a column's type as Odoo
        does."""
        found = header_suggestions.odoo_suggestions(
            self.env, self.records._name, headers, rows, options
        )
        result = {}
        for index, (path, distance) in found.items():
            column, _reason = self._column_for(index, headers[index], path)
            if column is not None:
                result[index] = (column, distance)
        for index, header in enumerate(headers):
            if index not in result and header:
                column = self._partial_label_path(index, header)
                if column is not None:
                    result[index] = (column, None)
        return result

    def _partial_label_path(self, index, header):
        """``Category/External ID`` for ``categ_id/id``: a relation path whose
        first part is the whole last (or first) word(s) of exactly one
        importable relational field's label (``Product Category``), a
        proposal Odoo's fuzzy distance misses; the rest of the path must
        match exactly."""
        parts = split_path(header)
        if len(parts) != 2:
            return None
        wanted = normalize(parts[0])
        candidates = []
        for candidate in self.records._fields.values():
            if candidate.type not in ("many2one", "many2many"):
                continue
            label = normalize(candidate._description_string(self.env))
            if label == wanted or not (
                label.endswith(f" {wanted}") or label.startswith(f"{wanted} ")
            ):
                continue
            if not self.importable(candidate):
                candidates.append(candidate)
        if len(candidates) != 1:
            return None
        path = f"{candidates[0].name}/{parts[1]}"
        return self._column_for(index, header, path)[0]

    def _column_for(self, index, header, path):
        """(ImportColumn, None) or (None, the reason nothing matched)."""
        parts = split_path(path)
        if [normalize(p) for p in parts] in (["id"], ["external id"]):
            return ImportColumn(index, header, None, OWN_ID), None
        if parts == [OWN_DB_ID] or normalize(path) == "database id":
            return ImportColumn(index, header, None, OWN_DB_ID), None
        if not parts or len(parts) > 3:
            return None, self.env._("no field is named so")
        field = self._field_by_name_or_label(self.records, parts[0])
        if field is None:
            return None, self.env._("no field is named so")
        reason = self.importable(field)
        if reason:
            return None, reason
        subfield = None
        if field.type == "one2many":
            return self._line_column(index, header, field, parts[1:])
        if len(parts) == 2:
            if not field.relational:
                return None, self.env._(
                    "'%(field)s' is not a relational field", field=field.name
                )
            sub = parts[1]
            if normalize(sub) in ("id", "external id"):
                subfield = OWN_ID
            elif sub == OWN_DB_ID or normalize(sub) == "database id":
                subfield = OWN_DB_ID
            else:
                comodel = self.env[field.comodel_name]
                target = self._field_by_name_or_label(comodel, sub)
                if target is None or not target.store or target.relational:
                    return None, self.env._(
                        "%(model)s has no stored field '%(field)s' to look records "
                        "up by",
                        model=comodel._description,
                        field=sub,
                    )
                if target.name not in ("name", "display_name"):
                    subfield = target.name
        return ImportColumn(index, header, field, subfield), None

    def _line_column(self, index, header, field, sub_parts):
        """``child_ids/name``: a column of the lines, as Odoo's import reads
        header + lines files; the sub-path is checked by the lines' resource."""
        if not sub_parts:
            example = f"{field.name}/name"
            return None, self.env._(
                "one2many fields are imported as lines: name a field of the "
                "lines, e.g. %(example)s",
                example=example,
            )
        lines = self.line_resource(field)
        column, reason = lines._column_for(index, header, "/".join(sub_parts))
        if column is None:
            return None, reason
        if column.relational and column.subfield is None:
            # a bare field of the lines: looked up as the lines' resource says
            declared = lines._by_path.keys()
            lookup = next(
                (
                    p.split("/", 1)[1]
                    for p in declared
                    if p.startswith(f"{column.field.name}/")
                ),
                None,
            )
            if lookup:
                column = ImportColumn(index, header, column.field, lookup)
        return ImportColumn(index, header, field, column.path), None

    def line_resource(self, field):
        """The resource of a one2many's lines (a custom one when registered),
        built once per resource, so once per run and not per batch."""
        if field.name not in self._line_resources:
            self._line_resources[field.name] = registry.get_resource(
                self.env, field.comodel_name
            )
        return self._line_resources[field.name]

    def _field_by_name_or_label(self, model, text):
        if text in model._fields:
            return model._fields[text]
        wanted = normalize(text)
        for name, candidate in model._fields.items():
            if name.casefold() == wanted:  # LIST_PRICE, as Odoo's dialog
                return candidate
        for candidate in model._fields.values():
            if normalize(candidate._description_string(self.env)) == wanted:
                return candidate
        for candidate in model._fields.values():
            if normalize(candidate.string) == wanted:
                return candidate
        return None

    def importable_fields(self):
        """``[(path, label)]`` a user can map a column to, by label."""
        choices = [(OWN_ID, self.env._("External ID"))]
        for name, candidate in self.records._fields.items():
            if self.importable(candidate) or candidate.type == "one2many":
                continue  # lines are mapped by path (child_ids/name), not listed
            label = candidate._description_string(self.env)
            choices.append((name, label))
            if candidate.relational:
                choices.append(
                    (f"{name}/{OWN_ID}", self.env._("%(f)s / External ID", f=label))
                )
        return sorted(choices, key=lambda choice: choice[1].casefold())

    def column_label(self, column):
        """How the wizard names the field a column fills."""
        if column.field is None:
            return (
                self.env._("External ID")
                if column.subfield == OWN_ID
                else self.env._("Database ID")
            )
        label = column.field._description_string(self.env)
        if column.lines:
            lines = self.line_resource(column.field)
            sub, _reason = lines._column_for(
                column.index, column.header, column.subfield
            )
            return f"{label} / {lines.column_label(sub)}" if sub else label
        if column.subfield == OWN_ID:
            return self.env._("%(f)s / External ID", f=label)
        if column.subfield == OWN_DB_ID:
            return self.env._("%(f)s / Database ID", f=label)
        if column.subfield:
            comodel = self.env[column.field.comodel_name]
            sub = comodel._fields[column.subfield]._description_string(self.env)
            return f"{label} / {sub}"
        return label

    def unfilled_required(self, match):
        """Required fields (without default) that no column of ``match`` fills:
        with them, no record of the file could be created."""
        return [f for f in self.required_fields() if not match.column_for(f.name)]

    def required_fields(self):
        """Fields a new record cannot go without (required, no default)."""
        delegated = set(self.records._inherits.values())  # made by create()
        delegated |= FILLED_BY_CREATE.get(self.records._name, frozenset())
        required = [
            f
            for f in self.records._fields.values()
            if f.required
            and not f.compute
            and not f.related
            and f.name != "id"
            and f.type != "one2many"  # lines: create() makes them (variants)
            and f.name not in delegated
        ]
        defaults = self.records.default_get([f.name for f in required])
        return [f for f in required if f.name not in defaults]

    # --------------------------------------------------------------- values
    def prepare_rows(self, columns, rows, options):
        """Turn a batch of ``(row_number, cells, lines)`` into PreparedRows:
        cells converted, references resolved with one lookup per column, the
        lines (one2many rows) prepared by their own resource."""
        prepared = [PreparedRow(number, cells, lines) for number, cells, lines in rows]
        pending = {}  # column -> {row index: [keys]}
        line_columns = [c for c in columns if c.lines]
        for index, row in enumerate(prepared):
            self.clean_row(row)
            for column in columns:
                if column.lines:
                    continue
                value = row.cells[column.index]
                try:
                    converted = self.convert_cell(column, value, options)
                except ConversionError as exc:
                    converted = self._fallback(column, value, exc, options)
                    if converted is None:
                        row.error(column.header, value, str(exc))
                        continue
                if converted is SKIP_ROW:
                    row.skipped = self.env._(
                        "'%(value)s' in column %(column)s: skipped as asked",
                        value=value,
                        column=column.header,
                    )
                    continue
                if column.field is None:
                    if converted is not BLANK:
                        if column.subfield == OWN_ID:
                            row.own_xmlid = lookups.full_xmlid(converted)
                        else:
                            row.own_id = converted
                elif column.relational and converted is not BLANK:
                    pending.setdefault(column, {})[index] = converted
                else:
                    row.vals[column.field.name] = converted
        for column, keys_by_row in pending.items():
            all_keys = {k for keys in keys_by_row.values() for k in keys}
            found = self.lookup(column, all_keys, options)
            for index, keys in keys_by_row.items():
                self._set_reference(prepared[index], column, keys, found)
        if line_columns:
            self._prepare_lines(prepared, line_columns, options)
        return prepared

    def _prepare_lines(self, prepared, line_columns, options):
        """Each one2many's lines become commands of their row, as ``load()``
        makes them: a line named by an existing external id (``child_ids/id``)
        or database id (``child_ids/.id``) is updated (and linked), any other
        line is created (an external id not known yet is given to it once it
        exists). A line's error is its record's error, naming the line's row."""
        by_field = {}
        for column in line_columns:
            by_field.setdefault(column.field, []).append(column)
        for o2m, columns in by_field.items():
            lines = self.line_resource(o2m)
            sub_columns = [
                lines._column_for(c.index, c.header, c.subfield)[0] for c in columns
            ]
            indexes = [c.index for c in columns]
            batch = []
            for row in prepared:
                line_rows = [
                    (number, cells, [])
                    for number, cells in row.lines
                    if any(not convert.is_blank(cells[i]) for i in indexes)
                ]
                if line_rows:
                    batch.append(
                        (row, lines.prepare_rows(sub_columns, line_rows, options))
                    )
            existing = lines.existing_lines([line for _r, ls in batch for line in ls])
            id_header = next(
                (c.header for c in columns if c.subfield in (OWN_ID, OWN_DB_ID)),
                False,
            )
            for row, prepared_lines in batch:
                row.vals[o2m.name] = self._line_commands(
                    row, o2m, lines, prepared_lines, existing, id_header
                )

    def _line_commands(self, row, o2m, lines, prepared_lines, existing, id_header):
        commands = []
        creates = 0
        for line in prepared_lines:
            for column, value, message in line.errors:
                row.error(
                    column,
                    value,
                    self.env._(
                        "Line on row %(row)s: %(message)s",
                        row=line.row_number,
                        message=message,
                    ),
                )
            key = line.own_xmlid or line.own_id
            record = existing.get(key)
            if isinstance(record, str):  # why this line's id cannot be used
                row.error(
                    id_header,
                    key,
                    self.env._(
                        "Line on row %(row)s: %(message)s",
                        row=line.row_number,
                        message=record,
                    ),
                )
            elif record is not None:
                vals = lines.changed_values(record, lines.values_for(line, False))
                commands.append(Command.link(record.id))
                if vals:
                    commands.append(Command.update(record.id, vals))
            else:
                commands.append(Command.create(lines.values_for(line, True)))
                if line.own_xmlid:
                    row.line_xmlids.append((o2m.name, creates, line.own_xmlid))
                creates += 1
        return commands

    def existing_lines(self, rows):
        """``{own id: record or reason}`` for the lines (of this resource's
        model) that name themselves by external or database id: the record
        to update, or why the id cannot name a line (an external id of
        another model or of a record the user cannot see, an unknown
        database id). External ids not known at all are absent: new lines."""
        result = {}
        records = self.records.with_context(active_test=False)
        xmlids = {r.own_xmlid for r in rows if r.own_xmlid}
        db_ids = {r.own_id for r in rows if r.own_id and not r.own_xmlid}
        if xmlids:
            found = lookups.by_xmlid(records, xmlids)
            # iterated together, the lines' values are read in one query
            together = {r.id: r for r in records.browse([i[0] for i in found.values()])}
            for xmlid, ids in found.items():
                result[xmlid] = together[ids[0]]
            unknown = xmlids - set(found)
            if unknown:
                for xmlid in lookups.taken_xmlids(records, unknown):
                    result[xmlid] = self.env._(
                        "the external id %(xmlid)s names a record of another "
                        "model, or one you cannot access: it cannot name a line "
                        "of %(model)s",
                        xmlid=xmlid,
                        model=records._description,
                    )
        if db_ids:
            found = lookups.by_db_id(records, db_ids)
            for record_id in db_ids:
                ids = found.get(record_id)
                result[record_id] = (
                    records.browse(ids[0])
                    if ids
                    else self.env._(
                        "no %(model)s has the database id %(id)s",
                        model=records._description,
                        id=record_id,
                    )
                )
        return result

    def clean_row(self, row):
        """Hook: fix or check a row's cells before conversion."""

    def convert_cell(self, column, value, options):
        """The cell as the field's Python value; BLANK when empty; a list of
        keys for relational columns. Raises ConversionError."""
        if convert.is_blank(value):
            return BLANK
        if isinstance(value, str) and value[:1] == "'" and is_dangerous(value[1:]):
            value = value[1:]  # protected by an export: read back as it was
        if column.field is None:
            if column.subfield == OWN_DB_ID:
                number = convert.to_int(value)
                return BLANK if number is None else number
            return convert.cell_text(value)
        field = column.field
        kind = field.type
        if kind == "many2one":
            return [convert.cell_text(value)]
        if kind == "many2many":
            return convert.split_many(value)
        numbers = (options["decimal_separator"], options["thousands_separator"])
        if kind == "integer":
            return convert.to_int(value, *numbers)
        if kind in ("float", "monetary"):
            return convert.to_float(value, *numbers, self.currency_symbols())
        if kind == "boolean":
            return convert.to_bool(value)
        if kind == "date":
            return convert.to_date(value, options["date_format"])
        if kind == "datetime":
            return self._to_utc(convert.to_datetime(value, options["date_format"]))
        if kind == "selection":
            return convert.to_selection(value, self.selection(field).items())
        if kind == "binary":
            return convert.to_base64(value)
        if kind == "reference":
            return self._reference(field, value)
        text = convert.cell_text(value) if not isinstance(value, str) else value
        if isinstance(value, datetime.date):
            text = value.isoformat()
        return text.strip() if kind == "char" else text

    def _reference(self, field, value):
        """``model,id`` of a record that exists (Odoo's import writes the
        text as it is, and a missing record shows as an empty reference)."""
        model, record_id = convert.to_reference(value, self.selection(field))
        if not self.env[model].browse(record_id).exists():
            raise ConversionError(
                self.env._(
                    "No %(model)s has the id %(id)s.",
                    model=self.env[model]._description,
                    id=record_id,
                )
            )
        return f"{model},{record_id}"

    def currency_symbols(self):
        """The currencies' symbols a number may carry (``CHF 10``, ``12 €``),
        as Odoo's import accepts them; read once per resource."""
        if getattr(self, "_currency_symbols", None) is None:
            currencies = self.env["res.currency"].with_context(active_test=False)
            self._currency_symbols = tuple(
                currencies.search_fetch([], ["symbol"]).mapped("symbol")
            )
        return self._currency_symbols

    def _to_utc(self, value):
        """A naive datetime read in the user's timezone, stored in UTC."""
        try:
            if value.tzinfo is None:
                tz = pytz.timezone(
                    self.env.context.get("tz") or self.env.user.tz or "UTC"
                )
                value = tz.localize(value)
            return value.astimezone(pytz.utc).replace(tzinfo=None)
        except OverflowError as exc:  # 9999-12-31 23:59 west of UTC
            raise ConversionError(
                self.env._(
                    "'%(value)s' is out of the range of dates, once converted to UTC.",
                    value=value.replace(tzinfo=None),
                )
            ) from exc

    def _fallback(self, column, value, exc, options):
        """Odoo's import fallbacks for booleans and selections: a default, an
        empty value, a fixed value, or skipping the row; None: no fallback."""
        fallback = (options.get("fallbacks") or {}).get(column.header)
        if fallback is None or column.field is None:
            return None
        if column.field.type not in ("boolean", "selection"):
            return None
        if fallback == "skip":
            return SKIP_ROW
        if fallback == "empty":
            return False
        if fallback == "default":
            return BLANK
        return self.convert_cell(column, fallback, options)

    # ------------------------------------------------------------ references
    def lookup(self, column, keys, options):
        """``{key: [ids]}`` for the related records a column names (one query)."""
        comodel = self.env[column.field.comodel_name].with_context(active_test=False)
        if column.subfield == OWN_ID:
            return lookups.by_xmlid(comodel, keys)
        if column.subfield == OWN_DB_ID:
            return lookups.by_db_id(comodel, keys)
        if column.subfield:
            return lookups.by_field(comodel, column.subfield, keys)
        found = lookups.by_name(comodel.with_context(active_test=True), keys)
        archived = [k for k in keys if k not in found]
        if archived and "active" in comodel._fields:  # then archived records
            found.update(lookups.by_name(comodel, archived))
        if options.get("create_related"):
            for key in keys:
                if key not in found:
                    record_id, _name = comodel.name_create(key)
                    found[key] = [record_id]
        return found

    def _set_reference(self, row, column, keys, found):
        ids = []
        comodel = self.env[column.field.comodel_name]
        for key in keys:
            matches = found.get(key) or []
            if not matches:
                row.missing_references += 1
                row.error(
                    column.header,
                    key,
                    self.env._(
                        "No %(model)s matches '%(value)s'.",
                        model=comodel._description,
                        value=key,
                    ),
                )
            elif len(matches) > 1:
                names = ", ".join(
                    f"{r.display_name} (id {r.id})" for r in comodel.browse(matches[:5])
                )
                row.error(
                    column.header,
                    key,
                    self.env._(
                        "'%(value)s' matches %(count)s %(model)s records: %(names)s. "
                        "Use a more precise name or an external id.",
                        value=key,
                        count=len(matches),
                        model=comodel._description,
                        names=names,
                    ),
                )
            else:
                ids.append(matches[0])
        if column.field.type == "many2one":
            row.vals[column.field.name] = ids[0] if ids else False
        else:
            row.vals[column.field.name] = [Command.set(ids)]

    # ------------------------------------------------------------------ keys
    def row_key(self, row, key_fields):
        """The row's upsert key as a hashable tuple, or None when blank."""
        if key_fields == [OWN_ID]:
            return (row.own_xmlid,) if row.own_xmlid else None
        if key_fields == [OWN_DB_ID]:
            return (row.own_id,) if row.own_id else None
        values = []
        for name in key_fields:
            value = row.vals.get(name, BLANK)
            if value is BLANK or value is False or value is None:
                return None
            values.append(value)
        return tuple(values)

    def find_existing(self, rows, key_fields):
        """``{key: [ids]}`` of existing records for the rows' keys (one query)."""
        keys = {k for k in (self.row_key(r, key_fields) for r in rows) if k}
        if not keys:
            return {}
        records = self.records.with_context(active_test=False)
        if key_fields == [OWN_ID]:
            found = lookups.by_xmlid(records, [k[0] for k in keys])
            return {(lookups.full_xmlid(v),): ids for v, ids in found.items()}
        if key_fields == [OWN_DB_ID]:
            found = lookups.by_db_id(records, [k[0] for k in keys])
            return {(int(v),): ids for v, ids in found.items()}
        first = key_fields[0]
        candidates = records.search_fetch(
            [(first, "in", list({k[0] for k in keys}))], key_fields
        )
        result = {}
        for record in candidates:
            key = tuple(self._key_value(record, name) for name in key_fields)
            if key in keys:
                result.setdefault(key, []).append(record.id)
        return result

    def _key_value(self, record, name):
        value = record[name]
        return value.id if record._fields[name].type == "many2one" else value

    # --------------------------------------------------------------- changes
    def changed_values(self, record, vals):
        """The part of ``vals`` that differs from the record (empty: unchanged)."""
        changed = {}
        for name, value in vals.items():
            field = record._fields[name]
            current = record[name]
            if field.type == "many2one":
                same = current.id == (value or False)
            elif field.type == "many2many":
                same = set(current.ids) == set(value[0][2])
            elif field.type == "one2many":
                # lines created, or lines updated or linked that are not so yet
                value = [
                    c
                    for c in value
                    if not (c[0] == Command.LINK and c[1] in current.ids)
                ]
                same = not value
            elif field.type in ("float", "monetary"):
                digits = field.get_digits(self.env) if field.type == "float" else None
                same = (
                    float_compare(current, value or 0.0, precision_digits=digits[1])
                    == 0
                    if digits
                    else abs((current or 0.0) - (value or 0.0)) < 1e-9
                )
            elif field.type == "boolean":
                same = bool(current) == bool(value)
            elif field.type == "reference":
                current = f"{current._name},{current.id}" if current else False
                same = current == (value or False)
            elif field.type == "binary":
                if isinstance(current, bytes):
                    current = current.decode()
                same = (current or False) == (value or False)
            else:
                same = (current or False) == (value or False)
            if not same:
                changed[name] = value
        return changed

    def values_for(self, row, creating):
        """The values to write: blanks dropped on create, cleared on update."""
        vals = {}
        for name, value in row.vals.items():
            if value is BLANK:
                if creating:
                    continue
                many = self.records._fields[name].type == "many2many"
                value = [Command.set([])] if many else False
            vals[name] = value
        return vals

    # ----------------------------------------------------------------- hooks
    def before_batch(self, rows):
        """Hook: called with the batch's PreparedRows before anything is written."""

    def after_batch(self, rows, records):
        """Hook: called with the rows and the records created or updated."""
