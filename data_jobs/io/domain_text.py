"""A domain, in Odoo's prefix notation, said as a sentence.

Only the structure is handled here: the ``&``, ``|`` and ``!`` operators,
the implicit "and" between top-level terms, and brackets where an "or" sits
inside an "and" (or the other way round). What one condition says (field
labels, values, operator words) needs the database and the user's language,
so the caller passes it in as ``say_term``.
"""

AND, OR, NOT = "&", "|", "!"


class DomainTextError(ValueError):
    """The domain is not a well-formed prefix expression."""


def parse_domain(domain):
    """The domain as a tree of ``("and"|"or", [children])``, ``("not", child)``
    and ``("term", term)`` nodes, with same-operator chains flattened.

    Raises DomainTextError when an operator lacks operands or a term is not a
    3-item list or tuple.
    """
    items = list(domain)
    position = 0

    def node():
        nonlocal position
        if position >= len(items):
            raise DomainTextError("An operator of the domain lacks its operands.")
        item = items[position]
        position += 1
        if item in (AND, OR):
            left, right = node(), node()
            return _merge("and" if item == AND else "or", [left, right])
        if item == NOT:
            return ("not", node())
        if isinstance(item, list | tuple) and len(item) == 3:
            return ("term", tuple(item))
        raise DomainTextError(f"{item!r} is not a condition.")

    nodes = []
    while position < len(items):
        nodes.append(node())
    if not nodes:
        return ("and", [])
    return nodes[0] if len(nodes) == 1 else _merge("and", nodes)


def _merge(kind, children):
    flat = []
    for child in children:
        flat.extend(child[1] if child[0] == kind else [child])
    return (kind, flat)


def domain_to_text(domain, say_term, and_word="and", or_word="or", not_word="not"):
    """The domain in words: ``say_term(term)`` for each condition, joined by
    ``and_word`` / ``or_word``, with brackets where precedence needs them.

    >>> domain_to_text(["|", ("a", "=", 1), ("b", "=", 2)], lambda t: t[0])
    'a or b'
    """

    def say(tree, nested):
        kind, content = tree
        if kind == "term":
            return say_term(content)
        if kind == "not":
            return f"{not_word} ({say(content, False)})"
        word = and_word if kind == "and" else or_word
        text = f" {word} ".join(say(child, True) for child in content)
        return f"({text})" if nested and len(content) > 1 else text

    return say(parse_domain(domain), False)
