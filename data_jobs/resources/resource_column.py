# Copyright 2026 data_jobs contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How a custom resource describes one column, and the check that it is right.

A resource lists its columns once; exports write them (header, value looked
up the same way) and imports read them back (header or alias, lookup), so a
file exported with a resource re-imports unchanged.
"""

from dataclasses import dataclass, field

RELATIONAL = ("many2one", "many2many", "one2many")


class ResourceError(ValueError):
    """A resource that does not fit its model: raised when it is loaded."""


@dataclass(frozen=True)
class ResourceColumn:
    """``field``: a field of the model; ``header``: the file's column title
    (default: the field's label); ``aliases``: other titles accepted on import;
    ``lookup``: the field of the related model that names a record in the file
    (``code`` for a country, ``ref`` for a partner, ``complete_name`` for a
    category path); ``export_format``: a function ``(record, value) -> value``
    applied on export. A declared column is one cell per record on export
    (a bare x2many: the comma list of names its import splits), where the
    generic export writes a line per related record, as Odoo's."""

    field: str
    header: str | None = None
    aliases: tuple = field(default_factory=tuple)
    lookup: str | None = None
    export_format: object = None

    @property
    def path(self):
        return f"{self.field}/{self.lookup}" if self.lookup else self.field


def check_columns(resource_name, model, columns):
    """Raise ResourceError naming the first column that does not fit ``model``."""
    seen = {}
    for column in columns:
        where = f"{resource_name} ({model._name}), column '{column.field}'"
        target = model._fields.get(column.field)
        if target is None:
            raise ResourceError(f"{where}: {model._name} has no such field.")
        if column.lookup:
            if target.type not in RELATIONAL:
                raise ResourceError(
                    f"{where}: a lookup ('{column.lookup}') needs a relational "
                    f"field, and '{column.field}' is a {target.type} field."
                )
            comodel = model.env[target.comodel_name]
            looked_up = comodel._fields.get(column.lookup)
            if looked_up is None or not looked_up.store:
                raise ResourceError(
                    f"{where}: records of {comodel._name} cannot be looked up by "
                    f"'{column.lookup}', which is not a stored field of "
                    f"{comodel._name}."
                )
        for title in (column.header, *column.aliases):
            if not title:
                continue
            key = title.strip().casefold()
            if key in seen and seen[key] != column.field:
                raise ResourceError(
                    f"{where}: the title '{title}' is already used by column "
                    f"'{seen[key]}'."
                )
            seen[key] = column.field
