"""Reading JSON files record by record, with line numbers, size caps and no silent loss.

A file is either JSON Lines (one value per line; blank lines skipped) or one JSON document (an
array, or an object such as an API response). Every line that is not valid JSON becomes a reject
with its line number and the parser's reason; it never turns into an empty row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from clameur import settings
from clameur.errors import Message


@dataclass
class Record:
    line: int  # 1-based line of the file where the record starts (array items: the item's index)
    value: object


@dataclass
class Reject:
    line: int
    reason: str


NOT_UTF8 = Message("ingest.reject.not_utf8")


def first_char(path: Path) -> str:
    """The first character of the file after any BOM and white space."""
    with open(path, "rb") as f:
        head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1].decode("ascii", "replace")


def json_read_format(path: Path) -> str:
    """The ``format`` for DuckDB's ``read_json`` of a table of records: ``array`` when the file is one; DuckDB's own
    guess reads an array preceded by a BOM as a single value."""
    return "array" if first_char(path) == "[" else "auto"


def read_json_records(path: Path) -> Iterator[Record | Reject]:
    """Yield records (JSON values) and rejects, in file order."""
    whole = _whole_document(path)
    if whole is not None:
        yield from whole
        return
    with open(path, "rb") as f:
        for number, raw in enumerate(bounded_lines(f), start=1):
            if raw is None:
                yield Reject(number, Message("ingest.reject.too_large", mb=settings.MAX_RECORD_BYTES // 2**20))
                continue
            text = raw.decode("utf-8", errors="strict") if raw.isascii() else _decode(raw, number)
            if isinstance(text, Reject):
                yield text
                continue
            stripped = text.strip().lstrip("\ufeff")
            if not stripped:
                continue
            try:
                yield Record(number, json.loads(stripped))
            except RecursionError:
                yield Reject(number, Message("ingest.reject.too_deep"))
            except json.JSONDecodeError as exc:
                yield Reject(number, Message("ingest.reject.bad_json_column", reason=exc.msg, column=str(exc.colno)))


_PROBE = 1 << 20  # most lines are shorter: read at once


def read_line(f, limit: int) -> bytes | None:
    """The next line of binary file ``f`` (``b""`` at its end), or None for a line longer than ``limit`` bytes,
    skipped without being held: a line longer than the probe is first measured a piece at a time, then read whole
    only when it is within the limit (a 2 GB line costs a megabyte of memory, not two gigabytes)."""
    probe = min(_PROBE, limit + 1)
    raw = f.readline(probe)
    if len(raw) < probe or raw.endswith(b"\n"):
        return raw if len(raw) <= limit else None
    start, length = f.tell() - len(raw), len(raw)
    del raw
    while piece := f.readline(_PROBE):
        length += len(piece)
        if piece.endswith(b"\n"):
            break
    if length > limit:
        return None
    f.seek(start)
    return f.read(length)


def bounded_lines(f) -> Iterator[bytes | None]:
    """The lines of binary file ``f``; None for a line longer than the record limit (see :func:`read_line`)."""
    while (raw := read_line(f, settings.MAX_RECORD_BYTES)) != b"":
        yield raw


def _decode(raw: bytes, number: int) -> str | Reject:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Reject(number, NOT_UTF8)


def _whole_document(path: Path) -> list[Record | Reject] | None:
    """A file that is one JSON document (pretty-printed object or array) or a stream of pretty-printed documents
    (what ``jq .`` writes): its records, else None (JSON Lines, for the line reader)."""
    first = first_char(path)
    if first not in "[{":
        return None
    size = path.stat().st_size
    with open(path, "rb") as f:
        first_line = read_line(f, settings.MAX_RECORD_BYTES)
        while first_line and not first_line.strip(b"\xef\xbb\xbf \t\r\n"):  # blank lines before the first record
            first_line = read_line(f, settings.MAX_RECORD_BYTES)
        read = f.tell()
    if first == "{" and (read >= size - 2 or first_line is None):
        return None  # a single-line object is JSON Lines with one record (the common twarc2 case); a line over the
        # record limit is the line reader's to reject, unread
    if first == "{":
        try:  # a stray byte that is not UTF-8 is the line reader's to reject, with its line number
            json.loads(first_line.decode("utf-8-sig", errors="replace"))
            return None  # the first line is a complete object: JSON Lines
        except json.JSONDecodeError:
            pass
    if size > settings.MAX_RECORD_BYTES * 16:
        return [Reject(1, Message("ingest.reject.document_too_large"))]
    try:
        text = path.read_bytes().decode("utf-8-sig")
        value = json.loads(text)
    except RecursionError:
        return [Reject(1, Message("ingest.reject.too_deep"))]
    except UnicodeDecodeError:
        return None if first == "[" else [Reject(1, NOT_UTF8)]
    except json.JSONDecodeError as exc:
        if first == "[":
            return None  # maybe JSON Lines whose lines are arrays; the line reader will report precisely
        if exc.msg == "Extra data":
            return _document_stream(text)
        return [Reject(exc.lineno, Message("ingest.reject.bad_json", reason=exc.msg))]
    if isinstance(value, list):
        return [Record(i + 1, v) for i, v in enumerate(value)]
    return [Record(1, value)]


_NEXT_DOCUMENT = re.compile(r"^[{\[]", re.MULTILINE)  # a pretty-printed document starts at the start of a line


def _document_stream(text: str) -> list[Record | Reject]:
    """The documents of a stream of JSON values, each with the line where it starts. A document that cannot be read
    is rejected from its line to the start of the next document."""
    decoder = json.JSONDecoder()
    out: list[Record | Reject] = []
    pos, line, counted = 0, 1, 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos >= len(text):
            return out
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            value, pos = decoder.raw_decode(text, pos)
            out.append(Record(line, value))
        except RecursionError:
            out.append(Reject(line, Message("ingest.reject.too_deep")))
            pos = _skip_document(text, pos)
        except json.JSONDecodeError as exc:
            out.append(Reject(line, Message("ingest.reject.bad_json_line", reason=exc.msg, line=str(exc.lineno))))
            pos = _skip_document(text, pos)


def _skip_document(text: str, pos: int) -> int:
    nxt = _NEXT_DOCUMENT.search(text, pos + 1)
    return nxt.start() if nxt else len(text)
