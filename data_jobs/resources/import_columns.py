# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which field each column of an import file fills, decided once per file.

A column is matched by an explicit mapping, by its technical path
(``country_id``, ``country_id/id``, ``parent_id/ref``) or by its label in the
user's language (``Country``, ``Country / Name``), in that order.
"""

import re
from dataclasses import dataclass, field

OWN_ID = "id"  # the record's external id
OWN_DB_ID = ".id"  # the record's database id
IMPORTABLE = frozenset(
    {
        "char",
        "text",
        "html",
        "integer",
        "float",
        "monetary",
        "boolean",
        "date",
        "datetime",
        "selection",
        "binary",  # base64 text, as load() takes it
        "reference",  # model,id
        "many2one",
        "many2many",
        "one2many",  # as lines: child_ids/name, order_line/product_id, ...
    }
)


@dataclass(frozen=True)
class ImportColumn:
    """One mapped column: ``field`` is None for the record's own id columns.

    ``subfield`` tells how a relational cell names its records: None (by
    name, as Odoo's import), ``"id"`` (external id), ``".id"`` (database id)
    or a field name of the related model (``ref``, ``code``, ...).
    """

    index: int
    header: str
    field: object = None
    subfield: str | None = None

    @property
    def path(self):
        if self.field is None:
            return self.subfield
        return (
            f"{self.field.name}/{self.subfield}" if self.subfield else self.field.name
        )

    @property
    def target(self):
        """What the column fills: a field name, or the record's own id."""
        if self.lines:
            return self.path
        return self.field.name if self.field is not None else self.subfield

    @property
    def relational(self):
        return self.field is not None and self.field.type in ("many2one", "many2many")

    @property
    def lines(self):
        """A column of the lines of a one2many (header + lines files)."""
        return self.field is not None and self.field.type == "one2many"


@dataclass
class ColumnMatch:
    """The outcome of matching a file's headers: used, ignored and unknown."""

    columns: list = field(default_factory=list)
    ignored: list = field(default_factory=list)  # mapped to False on purpose
    unmapped: list = field(default_factory=list)  # (header, reason)
    duplicates: list = field(default_factory=list)  # (header, first header)

    def column_for(self, target):
        return next((c for c in self.columns if c.target == target), None)


def normalize(text):
    """Compare headers and labels regardless of case, spaces and accents' case."""
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def split_path(text):
    return [part.strip() for part in str(text).split("/") if part.strip()]
