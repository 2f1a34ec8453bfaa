"""Minimal .xlsx archives written part by part, for files no library writes:
formulas without cached values, error cells, lying sizes, foreign members.

``raw_xlsx(rows)`` takes rows of cell XML snippets (``cell("A1", "text")``,
``formula("B2", "A2*2")``) and returns the archive's bytes.
"""

import io
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
FIXED_DATE = (2026, 1, 1, 0, 0, 0)
DEFLATED = zipfile.ZIP_DEFLATED
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}.sheet.main+xml"/>'
    "{sheets}</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f'<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def cell(ref, value):
    """A cell: numbers as numbers, text inline."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def formula(ref, text, value=None, kind=None):
    """A formula cell, without a cached value unless ``value`` is given."""
    kind_attr = f' t="{kind}"' if kind else ""
    cached = "" if value is None else f"<v>{escape(str(value))}</v>"
    return f'<c r="{ref}"{kind_attr}><f>{escape(text)}</f>{cached}</c>'


def error(ref, code="#N/A"):
    return f'<c r="{ref}" t="e"><v>{code}</v></c>'


def sheet_xml(rows, padding=""):
    body = "".join(
        f'<row r="{number}">{"".join(cells)}</row>'
        for number, cells in enumerate(rows, 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f"<sheetData>{body}</sheetData>{padding}</worksheet>"
    )


def raw_xlsx(rows=None, sheets=None, extra=None, hidden=()):
    """The bytes of a workbook; ``sheets`` maps names to rows (default one
    sheet "Data" of ``rows``); ``extra`` adds or replaces archive members."""
    sheets = sheets or {"Data": rows or []}
    overrides, entries, relations, members = [], [], [], {}
    for index, (name, sheet_rows) in enumerate(sheets.items(), 1):
        part = f"worksheets/sheet{index}.xml"
        overrides.append(
            f'<Override PartName="/xl/{part}" ContentType="{_TYPES}.worksheet+xml"/>'
        )
        state = ' state="hidden"' if name in hidden else ""
        entries.append(
            f'<sheet name="{escape(name)}" sheetId="{index}"{state} r:id="rId{index}"/>'
        )
        relations.append(
            f'<Relationship Id="rId{index}" Type="{REL}/worksheet" Target="{part}"/>'
        )
        members[f"xl/{part}"] = (
            sheet_rows if isinstance(sheet_rows, str) else sheet_xml(sheet_rows)
        )
    members["[Content_Types].xml"] = CONTENT_TYPES.replace(
        "{sheets}", "".join(overrides)
    )
    members["_rels/.rels"] = ROOT_RELS
    members["xl/workbook.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
        f'xmlns:r="{REL}"><sheets>{"".join(entries)}</sheets></workbook>'
    )
    members["xl/_rels/workbook.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<Relationships xmlns="{PKG}/relationships">{"".join(relations)}'
        "</Relationships>"
    )
    members.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():  # fixed dates: the same bytes
            archive.writestr(zipfile.ZipInfo(name, FIXED_DATE), content, DEFLATED)
    return buffer.getvalue()
