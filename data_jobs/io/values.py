"""Plain value types shared by the ORM layer and the file writers.

They keep writers free of ``odoo``: the ORM side describes columns and turns
records into rows of these values before any file work happens.
"""

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Column:
    """One exported column; ``kind`` is the Odoo field type driving formatting."""

    name: str
    label: str
    kind: str = "char"
    digits: int | None = None
    currency_symbol: str | None = None


class Reference(NamedTuple):
    """A relational value, so writers can show the name or keep the id."""

    id: int
    display_name: str


class Lines(NamedTuple):
    """The records one relation reaches from an exported record (an x2many's
    lines, or the lines a many2one's record has): each a ``Record`` of the
    export's full width that fills only ``columns``.

    ``name`` is the relation's path relative to the record that holds it
    (``order_line``, ``partner_id/child_ids``): the key of the lines in a JSON
    export, where they stay nested in their record."""

    name: str
    columns: tuple
    records: list


class Record(NamedTuple):
    """One exported record: ``values`` aligned with the export's columns
    (``None`` where its ``lines`` fill the column) and its ``Lines``."""

    values: list
    lines: tuple = ()


def record_lines(record):
    """The table lines of a ``Record`` as Odoo's export lays them out
    (``BaseModel._export_rows``): the record's own line, in which the first
    line of each relation is merged, then the other lines of each relation in
    column order. A list of values in a cell (a bare x2many column: one
    reference per related record) is laid out the same way, one per line; a
    tuple stays in its cell (a custom resource's one-cell column)."""
    main = list(record.values)
    extra = []
    expansions = [(min(group.columns), group) for group in record.lines]
    expansions += [
        (index, value) for index, value in enumerate(main) if isinstance(value, list)
    ]
    for index, expansion in sorted(expansions, key=lambda item: item[0]):
        if isinstance(expansion, Lines):
            lines = [line for sub in expansion.records for line in record_lines(sub)]
            columns = expansion.columns
        else:  # a list of values in one cell
            lines = [[None] * len(main) for _ in expansion]
            for line, value in zip(lines, expansion, strict=True):
                line[index] = value
            columns = (index,)
            main[index] = None
        if not lines:
            continue
        for column in columns:
            value = lines[0][column]
            if value is not None and value != "":
                main[column] = value
        extra.extend(lines[1:])
    return [main, *extra]
