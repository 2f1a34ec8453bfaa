"""Text PostgreSQL can store, and short quotes of values for messages.

A PostgreSQL ``text`` (or ``varchar``) refuses the NUL character, and the
database driver cannot encode a lone surrogate (what Python's
``surrogateescape`` leaves for undecodable bytes). One such character in a
log line, a job name or a value makes the whole INSERT fail, so whatever a
file lets through must go through these helpers before it reaches the ORM.
"""

import re

REPLACEMENT = "\ufffd"  # U+FFFD, the character Unicode reserves for this
ELLIPSIS = "\u2026"
# Messages are shown to people: a few lines, never a whole cell of a file.
MAX_MESSAGE = 2000
MAX_SHOWN = 60
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def find_unstorable(value) -> int | None:
    """Index of the first character PostgreSQL text cannot hold, else None.

    Only ``str`` values can hold one; anything else gives None.
    """
    if not isinstance(value, str):
        return None
    if value.isascii():  # fast path: only NUL can be wrong
        index = value.find("\x00")
        return None if index < 0 else index
    match = _UNSTORABLE.search(value)
    return match.start() if match else None


def storable_text(value, limit=None) -> str:
    """``value`` as text PostgreSQL can store, at most ``limit`` characters.

    NUL and lone surrogates become U+FFFD; a longer text is cut and ends with
    an ellipsis, so the cut is visible. ``None`` gives "".
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if find_unstorable(text) is not None:
        text = _UNSTORABLE.sub(REPLACEMENT, text)
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + ELLIPSIS
    return text


def shown(value, limit=MAX_SHOWN) -> str:
    """A value as a message quotes it: storable and short (``'Zoë Mü…'``)."""
    return storable_text(value, limit)
