"""Cells of a text file that its encoding does not fit.

A file is decoded with one encoding, but people concatenate exports and edit
files with tools that save in another: a UTF-8 file gets a few rows in cp1252
(bytes UTF-8 rejects), a cp1252 file a few rows in UTF-8 (read, without any
error, as "ZoÃ« MÃ¼ller"). Rather than failing the whole file at the first
byte or importing mojibake, the reader finds those cells, so that their rows
can be reported; these helpers find and describe them.
"""

import codecs
import re

_ESCAPED = re.compile("[\udc80-\udcff]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_FALLBACKS = {"utf-8": "cp1252", "utf-8-sig": "cp1252"}


def codec_name(encoding) -> str:
    return codecs.lookup(encoding).name


def fallback_encoding(encoding) -> str:
    """The encoding a byte the file's encoding rejects most likely comes from."""
    return _FALLBACKS.get(codec_name(encoding), "latin-1")


def is_single_byte(encoding) -> bool:
    """Whether every byte is one character (cp1252, cp1251, latin-1...)."""
    name = codec_name(encoding)
    if name.startswith("utf"):
        return False
    high = bytes(range(0x80, 0x100))
    return len(high.decode(name, errors="surrogateescape")) == len(high)


def has_escaped_bytes(text) -> bool:
    """Whether ``text`` (decoded with ``surrogateescape``) kept raw bytes."""
    return _ESCAPED.search(text) is not None


def first_escaped_byte(text) -> int:
    return ord(_ESCAPED.search(text).group()) - 0xDC00


def repair(text, fallback) -> str:
    """``text`` with each undecodable byte read in ``fallback`` instead
    (``latin-1`` when ``fallback`` has no character for it either)."""

    def one(match):
        byte = bytes([ord(match.group()) - 0xDC00])
        try:
            return byte.decode(fallback)
        except UnicodeDecodeError:
            return byte.decode("latin-1")

    return _ESCAPED.sub(one, text)


def may_be_utf8(text, encoding) -> bool:
    """Whether the bytes of ``text`` (decoded with the single-byte
    ``encoding``) hold what starts a UTF-8 multibyte character."""
    raw = text.encode(encoding, errors="surrogateescape")
    return _UTF8_MULTIBYTE.search(raw) is not None


def utf8_reading(text, encoding) -> str | None:
    """What ``text``, decoded with the single-byte ``encoding``, says when its
    bytes are read as UTF-8 instead, if they are valid UTF-8 with at least one
    multibyte character; else None.

    Real cp1252 text is almost never valid UTF-8 as a whole ("é" followed by
    an ASCII letter is not), so a cell that is, is UTF-8 read wrongly.
    """
    if text.isascii():
        return None
    try:
        raw = text.encode(encoding, errors="surrogateescape")
        return raw.decode("utf-8")
    except UnicodeError:
        return None
