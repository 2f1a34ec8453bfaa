"""CSV reader: streams records through ``io.TextIOWrapper`` and ``csv.reader``.

Only one decoded chunk and one record are in memory at a time, so files of any
size can be imported; a record is at most ``max_row_size`` characters, so an
unclosed quote or a file without line breaks cannot fill the memory either.
Row numbers count records (a quoted field spanning several lines is one row),
as a spreadsheet opening the file shows them.

What a file gets wrong in one row (a NUL, bytes of another encoding, another
delimiter, a quote closed much later, values beyond the header) is reported
on that row (``Row.errors``) instead of failing the file or being imported
silently wrong; what is wrong with the whole file (not a text file, UTF-16
read as UTF-8) is a ``ReaderError``.
"""

import codecs
import csv
import io
from contextlib import contextmanager

from ..storable import REPLACEMENT, shown
from . import decoding
from .base import BaseReader, ReaderError
from .issues import ERROR, WARNING, RowIssue
from .sniff import (
    DELIMITERS,
    SAMPLE_SIZE,
    binary_reason,
    detect_delimiter,
    detect_encoding,
)

_DELIMITER_ALIASES = {"tab": "\t", "\\t": "\t"}
_DELIMITER_NAMES = {"\t": "tab", ",": "','", ";": "';'", "|": "'|'"}
_LINE_CHUNK = 1 << 20  # characters read at once when a line is very long
_WIDE = ("utf-16", "utf-32")  # NUL bytes are part of their characters


class _RecordState:
    """What the line feeder saw of the record being read."""

    __slots__ = ("chars", "eof_inside", "nul", "row_number")

    def __init__(self):
        self.reset()
        self.eof_inside = False
        self.row_number = 0  # of the last record read

    def reset(self):
        self.chars = 0
        self.nul = False


class CsvReader(BaseReader):
    """Reader for delimited text files (.csv, .txt, .tsv)."""

    extra_cells_severity = ERROR

    def __init__(self, fileobj, options=None):
        super().__init__(fileobj, options)
        fileobj.seek(0)
        sample = fileobj.read(SAMPLE_SIZE)
        fileobj.seek(0)
        if not sample:
            raise ReaderError("The file is empty.")
        self.encoding_guessed = not self.options.get("encoding")
        self.encoding = self._encoding(sample)
        self._name = decoding.codec_name(self.encoding)
        if not self._name.startswith(_WIDE):
            reason = binary_reason(sample)
            if reason:
                raise ReaderError(f"The file cannot be imported as CSV: {reason}.")
        self._fallback = decoding.fallback_encoding(self.encoding)
        self._single_byte = decoding.is_single_byte(self.encoding)
        self.quotechar = self._quotechar()
        self.delimiter = self._delimiter(sample)
        if self.delimiter == self.quotechar:
            raise ReaderError(
                f"The delimiter and the quote character cannot both be "
                f"{self.quotechar!r}."
            )
        self._others = [d for d in DELIMITERS if d != self.delimiter]
        self.detected = {"encoding": self.encoding, "delimiter": self.delimiter}
        self._read_headers()
        self._check_header_delimiter()

    def _check_header_delimiter(self):
        """One column name holding another delimiter: the file is probably
        delimited by that one (a delimiter chosen in the options, or a file
        whose first lines gave the sniffer nothing to go by)."""
        if len(self.headers) != 1:
            return
        others = [d for d in self._others if d in self.headers[0]]
        if others:
            self._warn(
                "delimiter",
                f"The file has one column only, whose name holds "
                f"{_DELIMITER_NAMES.get(others[0], repr(others[0]))}: if that is "
                "the file's delimiter, choose it in the import options.",
            )

    def _encoding(self, sample):
        encoding = self.options.get("encoding")
        if not encoding:
            return detect_encoding(sample)
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise ReaderError(f"Unknown encoding '{encoding}'.") from None
        if name == "utf-8" and sample.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"  # else the BOM would stick to the first column name
        return encoding

    def _quotechar(self):
        quotechar = self.options.get("quotechar") or '"'
        if not isinstance(quotechar, str) or len(quotechar) != 1:
            raise ReaderError(
                f"The quote character must be one character, not {quotechar!r}."
            )
        return quotechar

    def _delimiter(self, sample):
        delimiter = self.options.get("delimiter")
        delimiter = _DELIMITER_ALIASES.get(delimiter, delimiter)
        if delimiter:
            if len(delimiter) != 1:
                raise ReaderError(
                    f"The delimiter must be one character, not {delimiter!r}."
                )
            return delimiter
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        text = decoder.decode(sample, final=False)
        above_header = self.header_row - 1
        lines = io.StringIO(text, newline="")
        for _ in range(above_header):  # junk above the header would blur the counts
            lines.readline()
        return detect_delimiter(lines.read(), self.quotechar)

    @contextmanager
    def _text(self):
        """The file as text from its start; detached after, so it is not closed.

        Undecodable bytes are kept as surrogates (``surrogateescape``), for
        the row that holds them to be reported, not the whole file refused.
        """
        self.fileobj.seek(0)
        text = io.TextIOWrapper(
            self.fileobj,
            encoding=self.encoding,
            errors="surrogateescape",
            newline="",
        )
        try:
            yield text
        finally:
            text.detach()

    def _csv(self, lines):
        return csv.reader(lines, delimiter=self.delimiter, quotechar=self.quotechar)

    def _lines(self, text, state):
        """The physical lines of ``text``, line ends kept, for ``csv.reader``.

        A record is refused beyond ``max_row_size`` characters, counted as
        its lines come; NULs become U+FFFD (``state.nul`` tells the record had
        some: the csv module of Python 3.10 refuses them). ``state.eof_inside``
        tells the file ended inside the record, i.e. inside an open quote.
        """
        limit = self.limits.row_size
        chunk = min(_LINE_CHUNK, limit + 1)
        carry = None
        while True:
            if carry is not None:
                line, carry = carry, None
            else:
                line = text.readline(chunk)
            if not line:
                state.eof_inside = state.chars > 0
                return
            if len(line) == chunk and line[-1] != "\n":  # longer than a chunk
                parts = [line]
                size = state.chars + len(line)
                while True:
                    more = text.readline(chunk)
                    if not more:
                        break
                    if parts[-1][-1] == "\r" and more[0] != "\n":
                        carry = more  # that '\r' ended the line
                        break
                    parts.append(more)
                    size += len(more)
                    if size > limit:
                        raise self._row_too_long(state)
                    if len(more) < chunk or more[-1] == "\n":
                        break
                line = "".join(parts)
            state.chars += len(line)
            if state.chars > limit:
                raise self._row_too_long(state)
            if "\x00" in line:
                line = line.replace("\x00", REPLACEMENT)
                state.nul = True
            yield line

    def _row_too_long(self, state):
        return ReaderError(
            f"Row {state.row_number + 1} is longer than "
            f"{self.limits.row_size:,} characters, the most an import accepts "
            "(max_row_size): check for a quote that is opened but never "
            "closed, or whether this is a CSV file at all."
        )

    def _rows(self):
        state = _RecordState()
        width = len(self.headers)
        longest = 0
        with self._text() as text:
            records = self._csv(self._lines(text, state))
            while True:
                try:
                    record = next(records)
                except StopIteration:
                    return
                except UnicodeDecodeError:
                    raise self._decode_error(state.row_number + 1) from None
                except csv.Error as error:
                    raise _csv_error(state.row_number + 1, error) from None
                state.row_number += 1
                joined = "".join(record)
                issues = ()
                if (
                    state.nul
                    or len(joined) > self.limits.cell_size
                    or "\n" in joined
                    or "\r" in joined
                    or (width > 1 and len(record) == 1)
                    or (not joined.isascii() and self._may_misdecode(joined))
                ):
                    issues = self._issues(record, state, width, longest)
                longest = max(longest, len(joined) + len(record))
                state.reset()
                yield state.row_number, record, issues

    def _may_misdecode(self, text):
        """A quick test of a whole record before the cell-by-cell checks."""
        if decoding.has_escaped_bytes(text):
            return True
        return self._single_byte and decoding.may_be_utf8(text, self.encoding)

    def _issues(self, record, state, width, longest):
        """The issues of one record; repairs its cells in place (undecodable
        bytes read in the fallback encoding)."""
        issues = []
        for index, cell in enumerate(record):
            if state.nul and REPLACEMENT in cell:
                issues.append(
                    RowIssue(
                        "nul",
                        f"{self._column(index)} contains NUL characters "
                        "(byte 0x00), which cannot be stored.",
                        index,
                    )
                )
            if not cell.isascii():
                cell = record[index] = self._decoding_issues(index, cell, issues)
            if len(cell) > self.limits.cell_size:
                issues.append(
                    RowIssue(
                        "cell_size",
                        f"{self._column(index)} holds {len(cell):,} characters, "
                        f"more than the {self.limits.cell_size:,} an import "
                        "accepts (max_cell_size).",
                        index,
                    )
                )
            if "\n" in cell or "\r" in cell:
                issue = self._quote_issue(index, cell, record, state, width, longest)
                if issue:
                    issues.append(issue)
        if width > 1 and len(record) == 1:
            others = [d for d in self._others if d in record[0]]
            if others:
                issues.append(
                    RowIssue(
                        "delimiter",
                        f"The row has one cell only, holding "
                        f"{_DELIMITER_NAMES.get(others[0], repr(others[0]))}, "
                        f"while the file is delimited by {self._delimiter_name}"
                        ": it seems to use another delimiter.",
                        0,
                    )
                )
        return issues

    def _decoding_issues(self, index, cell, issues):
        if self._single_byte:
            utf8 = decoding.utf8_reading(cell, self.encoding)
            if utf8 is not None:
                issues.append(
                    RowIssue(
                        "mojibake",
                        f"{self._column(index)} looks like UTF-8 text read as "
                        f"{self.encoding}: {shown(cell)!r} would be "
                        f"{shown(utf8)!r}. Save the file again as UTF-8.",
                        index,
                        ERROR if self.encoding_guessed else WARNING,
                    )
                )
        if decoding.has_escaped_bytes(cell):
            byte = decoding.first_escaped_byte(cell)
            cell = decoding.repair(cell, self._fallback)
            issues.append(
                RowIssue(
                    "encoding",
                    f"{self._column(index)} has byte 0x{byte:02X}, which is not "
                    f"valid {self.encoding} (read as {self._fallback}: "
                    f"{shown(cell)!r}). Correct the row, or choose the file's "
                    "encoding in the import options.",
                    index,
                )
            )
        return cell

    def _quote_issue(self, index, cell, record, state, width, longest):
        """A quote opened in ``cell`` and closed much later (or never): the
        cell then holds lines that look like rows of the file (as many
        delimiters as a row), and is longer than any row before it."""
        lines = len(cell.splitlines())
        if state.eof_inside and index == len(record) - 1:
            return RowIssue(
                "unclosed_quote",
                f"A quote opened in {self.column_name(index)} is never closed: the "
                f"rest of the file ({lines:,} lines) was read into this cell. "
                "Close the quote, or remove it.",
                index,
            )
        if self.delimiter not in cell or len(cell) <= longest:
            return None
        wanted = max(1, width - 1)
        rows_inside = sum(
            1 for line in cell.splitlines()[1:] if line.count(self.delimiter) >= wanted
        )
        # Prose has commas too: one line like a row is enough only when a row
        # has many delimiters.
        if rows_inside < (1 if wanted >= 3 else 2):
            return None
        return RowIssue(
            "unclosed_quote",
            f"{self._column(index)} holds {lines:,} lines, {rows_inside:,} of "
            "them like rows of the file: a quote opened in this cell seems "
            "closed only much later. Check the quotes of this row.",
            index,
        )

    def _column(self, index):
        return self.column_name(index).capitalize()

    @property
    def _delimiter_name(self):
        return _DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))

    def _summary_params(self):
        return {"encoding": self.encoding, "delimiter": self._delimiter_name}

    def _extra_cells_advice(self):
        return (
            f"A value probably contains an unquoted {self._delimiter_name}: "
            "quote it, or name the extra columns."
        )

    def _nul_header_error(self, row_number):
        return (
            f"The column names in row {row_number} contain NUL characters (byte "
            "0x00): the file is not a plain text CSV file (a binary file, or "
            "text in UTF-16 or UTF-32?). Open it in a spreadsheet app and save "
            "it as 'CSV UTF-8'."
        )

    def _decode_error(self, near_row):
        return ReaderError(
            f"The file near row {near_row} contains bytes that cannot be read as "
            f"{self.encoding}. Choose the file's encoding (e.g. cp1252, cp1251, "
            "latin-1) in the import options."
        )


def _csv_error(row_number, error):
    if "field larger than field limit" in str(error):
        return ReaderError(
            f"Row {row_number} has a value longer than {csv.field_size_limit():,} "
            "characters: check for a quote that is opened but never closed."
        )
    return ReaderError(f"Row {row_number} cannot be read: {error}.")
