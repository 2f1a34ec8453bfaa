# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The sheets of an import and its batches of records.

A file is imported as parts: the one CSV file or sheet, or with
``sheet_models`` every listed sheet, parents before children. Its rows come in
batches of records, a one2many record being a head row and its line rows.
"""

from itertools import islice, takewhile

from odoo.exceptions import UserError

from ..io.convert import is_blank
from ..io.readers import ReaderError


class Part:
    """One sheet of the file (or the CSV file) and the plan that imports it."""

    def __init__(self, sheet, model, plan, rows):
        self.sheet, self.model, self.plan, self.rows = sheet, model, plan, rows


def dependency_order(env, parts):
    """Parts whose records others point to (many2one, many2many, lines) come
    first; a cycle is refused before anything is written."""
    models = {part.model for part in parts}
    needs = {part.model: set() for part in parts}
    for part in parts:  # several sheets of one model: what any of them needs
        needs[part.model] |= {
            column.field.comodel_name
            for column in part.plan.match.columns
            if column.field is not None
            and column.field.relational
            and column.field.comodel_name in models - {part.model}
        }
    ordered, done = [], set()
    while len(ordered) < len(parts):
        ready = [p for p in parts if p.model not in done and needs[p.model] <= done]
        if not ready:
            raise UserError(
                env._(
                    "The sheets point to each other in a cycle (%(cycle)s), so no "
                    "order can create the records they reference. Split the file "
                    "or remove one of these columns.",
                    cycle=_cycle_text(parts, needs, done),
                )
            )
        model = ready[0].model  # every sheet of that model, in the file's order
        ordered.extend(p for p in parts if p.model == model)
        done.add(model)
    return ordered


def _cycle_text(parts, needs, done):
    names = {p.model: p.plan.sheet or p.model for p in parts}
    left = [p.model for p in parts if p.model not in done]
    path, current = [], left[0]
    while current not in path:
        path.append(current)
        current = sorted(needs[current] - done)[0]
    cycle = path[path.index(current) :] + [current]
    return " -> ".join(names[m] for m in cycle)


def chunks(reader, match, size, after_row=0, last_row=None):
    """Batches of ``(row_number, cells, lines)``: with one2many columns, a row
    whose other mapped cells are all empty is a line of the record above (the
    way Odoo's import reads header + lines files). Records that start on or
    before ``after_row`` (already imported by a run that was resumed) are
    read past, not returned; reading stops after ``last_row`` (one slice of
    the file)."""
    records = _records(reader, match)
    if after_row:
        records = (record for record in records if record[0] > after_row)
    if last_row is not None:
        records = takewhile(lambda record: record[0] <= last_row, records)
    while batch := list(islice(records, size)):
        yield batch


def _records(reader, match):
    line_indexes = [c.index for c in match.columns if c.lines]
    if not line_indexes:
        for row_number, cells in reader:
            yield row_number, cells, []
        return
    head_indexes = [c.index for c in match.columns if not c.lines]
    current = None
    for row_number, cells in reader:
        if current is not None and all(is_blank(cells[i]) for i in head_indexes):
            current[2].append((row_number, cells))
            continue
        if current is not None:
            yield current
        current = (row_number, cells, [(row_number, cells)])
    if current is not None:
        yield current


def count_rows(reader):
    try:
        return reader.count_rows()
    except ReaderError as exc:
        raise UserError(str(exc)) from exc
