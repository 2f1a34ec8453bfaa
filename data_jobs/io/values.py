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
