"""Markdown -> reStructuredText for readme/*.md fragments, without pandoc:
ATX/setext headings, paragraphs, nested bullet and numbered lists, fenced code
blocks, block quotes, pipe tables, images and inline code, bold, italic, links.
"""

import re

UNDERLINES = "=-~^\"'"  # rst section levels below an overlined document title
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(\s+#+)?\s*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+.#-]*)")
ITEM = re.compile(r"^( {0,3})([-*+]|(\d{1,9})[.)])(\s+|$)(.*)$")
RULE = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")
STARTS = re.compile(r"^ {0,3}(>|#{1,6}\s|`{3}|~{3})")  # blocks that end a paragraph
TABLE_SEP = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
INLINE = re.compile(
    r"(?P<tick>`+)(?P<code>.+?)(?P=tick)"
    r"|!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)"
    r"|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|<(?P<auto>https?://[^>\s]+)>"
    r"|\*\*(?P<strong>[^*\s](?:.*?[^*\s])?)\*\*"
    r"|(?<![\w\\])__(?P<strong2>[^_\s](?:.*?[^_\s])?)__(?!\w)"
    r"|(?<![*\\])\*(?P<em>[^*\s](?:[^*]*?[^*\s])?)\*"
    r"|(?<![\w\\])_(?P<em2>[^_\s](?:[^_]*?[^_\s])?)_(?!\w)"
)


def _escape(text):
    # keep Markdown backslash escapes, escape what rst would take as markup
    text = re.sub(r"\\(.)|([*`|])", lambda m: "\\" + (m.group(1) or m.group(2)), text)
    return re.sub(r"(?<=\w)(_+)(?=\W|$)", lambda m: "\\_" * len(m.group(1)), text)


def inline(text):
    """Convert Markdown inline markup of one paragraph to reStructuredText."""
    parts, pos = [], 0
    for m in INLINE.finditer(text):
        parts.append((False, _escape(text[pos : m.start()])))
        g = m.groupdict()
        if g["code"] is not None:
            rst = f"``{g['code'].strip()}``"
        elif g["src"] is not None:
            rst = f"`{_escape(g['alt'] or g['src'])} <{g['src']}>`__"
        elif g["url"] is not None:
            label = g["text"].replace("`", "").replace("<", r"\<")
            rst = g["url"] if label == g["url"] else f"`{label} <{g['url']}>`__"
        elif g["auto"] is not None:
            rst = g["auto"]
        elif (g["strong"] or g["strong2"]) is not None:
            rst = "**" + (g["strong"] or g["strong2"]).replace("*", r"\*") + "**"
        else:
            rst = "*" + (g["em"] or g["em2"]).replace("*", r"\*") + "*"
        parts.append((True, rst))
        pos = m.end()
    parts.append((False, _escape(text[pos:])))
    out = ""
    for i, (markup, chunk) in enumerate(parts):
        if markup and out and (out[-1].isalnum() or out[-1] in "`*_"):
            out += "\\ "  # inline markup must not be glued to a word in rst
        out += chunk
        nxt = parts[i + 1][1][:1] if i + 1 < len(parts) else ""
        if markup and nxt and (nxt.isalnum() or nxt in "`*"):
            out += "\\ "
    return out


def _indent(lines, width):
    return [(" " * width + line) if line.strip() else "" for line in lines]


def _ind(line):
    return len(line) - len(line.lstrip(" "))


def _dedent(lines, width):
    return [line[min(width, _ind(line)) :] for line in lines]


def _heading_depths(lines):
    depths, fence = set(), None
    for i, line in enumerate(lines):
        fm = FENCE.match(line)
        if fm and (fence is None or fm.group(1).startswith(fence)):
            fence = None if fence else fm.group(1)
        elif fence is None and HEADING.match(line):
            depths.add(len(HEADING.match(line).group(1)))
        elif fence is None and i and SETEXT.match(line) and lines[i - 1].strip():
            depths.add(1 if "=" in line else 2)
    return sorted(depths)


def _cells(row):
    row = row.strip().removeprefix("|").removesuffix("|")
    return [inline(c.strip().replace(r"\|", "|")) for c in re.split(r"(?<!\\)\|", row)]


def _table(rows):
    out = [".. list-table::", "   :header-rows: 1", ""]
    for row in [rows[0]] + rows[2:]:
        for j, cell in enumerate(_cells(row)):
            out.append((("   * - " if j == 0 else "     - ") + cell).rstrip())
    return out


def _heading(text, depth, ctx):
    text = inline(text.strip())
    if not ctx["base"] or depth not in ctx["depths"]:
        return [".. rubric:: " + text]  # not a section: in a list, quote, etc.
    idx = ctx["base"] + ctx["depths"].index(depth)
    idx = min(idx, ctx.get("last", ctx["base"] - 1) + 1)  # never skip a level
    if idx >= len(UNDERLINES):
        return [".. rubric:: " + text]
    ctx["last"] = idx
    return [text, UNDERLINES[idx] * len(text)]


def _list(lines, i):
    """Return (rst lines, next index) for the list starting at lines[i]."""
    first = ITEM.match(lines[i])
    ordered, base = first.group(3) is not None, len(first.group(1))
    number, items, loose = int(first.group(3) or 1), [], False

    def same_list(line):
        m = ITEM.match(line)
        return m if m and _ind(line) <= base + 1 and bool(m[3]) == ordered else None

    while i < len(lines) and (m := same_list(lines[i])):
        width = _ind(lines[i]) + len(m.group(2)) + max(1, len(m.group(4)))
        body, i = [m.group(5)], i + 1
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                nxt = next((x for x in lines[i:] if x.strip()), "")
                if not nxt or _ind(nxt) <= base + 1:
                    break
            elif _ind(line) <= base + 1 and (
                not body[-1].strip() or ITEM.match(line) or STARTS.match(line)
            ):
                break
            body.append(line)
            i += 1
        items.append(_dedent(body, width))
        j = i
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j > i and j < len(lines) and same_list(lines[j]):
            loose, i = True, j
    loose = loose or any(not x.strip() for item in items for x in item)
    out = []
    for n, item in enumerate(items):
        marker = f"{number + n}." if ordered else "-"
        rst = _blocks(item, {"base": 0, "depths": []}) or [""]
        if loose and out:
            out.append("")
        out += [(marker + " " + rst[0]).rstrip()] + _indent(rst[1:], len(marker) + 1)
    return out, i


def _fence(lines, i, ctx):
    fence, lang = FENCE.match(lines[i]).groups()
    j = i + 1
    while j < len(lines) and not lines[j].strip().startswith(fence):
        j += 1
    code = _dedent(lines[i + 1 : j], _ind(lines[i]))
    block = [".. code-block:: " + lang if lang else "::", ""]
    return block + (_indent(code, 3) if "".join(code).strip() else ["   ..."]), j + 1


def _comment(lines, i, ctx):
    while i < len(lines) and "-->" not in lines[i]:
        i += 1
    return [], i + 1


def _quote(lines, i, ctx):
    quote = []
    while i < len(lines) and lines[i].lstrip().startswith(">"):
        quote.append(re.sub(r"^\s*> ?", "", lines[i]))
        i += 1
    return _indent(_blocks(quote, {"base": 0, "depths": []}), 4), i


def _pipe_table(lines, i, ctx):
    j = i + 2
    while j < len(lines) and "|" in lines[j] and lines[j].strip():
        j += 1
    return _table(lines[i:j]), j


def _paragraph(lines, i, ctx):
    para, i = [lines[i].strip()], i + 1
    while i < len(lines) and lines[i].strip():
        if SETEXT.match(lines[i]):
            return _heading(" ".join(para), 1 if "=" in lines[i] else 2, ctx), i + 1
        if STARTS.match(lines[i]) or ITEM.match(lines[i]):
            break
        para.append(lines[i].strip())
        i += 1
    image = re.fullmatch(r"!\[([^\]]*)\]\(([^)\s]+)\)", " ".join(para))
    if image:
        alt = ["   :alt: " + image.group(1)] if image.group(1) else []
        return [".. image:: " + image.group(2), *alt], i
    return inline("\n".join(para)).split("\n"), i


BLOCKS = [  # (test on lines, i) -> handler(lines, i, ctx) -> (rst lines, next i)
    (
        lambda ls, i: not ls[i].strip() or RULE.match(ls[i]),
        lambda ls, i, c: ([], i + 1),
    ),
    (lambda ls, i: ls[i].lstrip().startswith("<!--"), _comment),
    (lambda ls, i: FENCE.match(ls[i]), _fence),
    (
        lambda ls, i: HEADING.match(ls[i]),
        lambda ls, i, c: (_heading(*_atx(ls[i]), c), i + 1),
    ),
    (lambda ls, i: ITEM.match(ls[i]), lambda ls, i, c: _list(ls, i)),
    (lambda ls, i: ls[i].lstrip().startswith(">"), _quote),
    (
        lambda ls, i: "|" in ls[i] and i + 1 < len(ls) and TABLE_SEP.match(ls[i + 1]),
        _pipe_table,
    ),
    (lambda ls, i: True, _paragraph),
]


def _atx(line):
    m = HEADING.match(line)
    return m.group(2), len(m.group(1))


def _blocks(lines, ctx):
    out, i = [], 0
    while i < len(lines):
        handler = next(h for test, h in BLOCKS if test(lines, i))
        block, i = handler(lines, i, ctx)
        if block:
            out += ([""] if out else []) + block
    return out


def md_to_rst(text, level=1):
    """Convert a Markdown fragment placed under a section of rst `level` (1 is
    "=", 2 is "-"); its headings become the levels below, by rank of their
    depth. level=0 turns headings into rubrics (no document structure)."""
    lines = text.expandtabs(4).splitlines()
    rst = _blocks(lines, {"base": level, "depths": _heading_depths(lines)})
    return "\n".join(rst) + "\n" if rst else ""
