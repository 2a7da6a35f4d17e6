"""Reading JSON files record by record, with line numbers, size caps and no silent loss.

A file is either JSON Lines (one value per line; blank lines skipped) or one JSON document (an
array, or an object such as an API response). Every line that is not valid JSON becomes a reject
with its line number and the parser's reason; it never turns into an empty row.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from clameur import settings


@dataclass
class Record:
    line: int  # 1-based line of the file where the record starts (array items: the item's index)
    value: object


@dataclass
class Reject:
    line: int
    reason: str


def _first_char(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1].decode("ascii", "replace")


def read_json_records(path: Path) -> Iterator[Record | Reject]:
    """Yield records (JSON values) and rejects, in file order."""
    whole = _whole_document(path)
    if whole is not None:
        yield from whole
        return
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            if len(raw) > settings.MAX_RECORD_BYTES:
                yield Reject(number, f"record larger than {settings.MAX_RECORD_BYTES // 2**20} MB")
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
                yield Reject(number, "JSON nested too deeply")
            except json.JSONDecodeError as exc:
                yield Reject(number, f"not valid JSON ({exc.msg} at column {exc.colno})")


def _decode(raw: bytes, number: int) -> str | Reject:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Reject(number, "not UTF-8 text: save the file as UTF-8 and import it again")


def _whole_document(path: Path) -> list[Record | Reject] | None:
    """A file that is one JSON document (pretty-printed object or array): its records, else None."""
    first = _first_char(path)
    if first not in "[{":
        return None
    size = path.stat().st_size
    with open(path, "rb") as f:
        first_line = f.readline()
    if first == "{" and len(first_line) >= size - 2:
        return None  # a single-line object is JSON Lines with one record (the common twarc2 case)
    if first == "{":
        try:
            json.loads(first_line)
            return None  # the first line is a complete object: JSON Lines
        except json.JSONDecodeError:
            pass
    if size > settings.MAX_RECORD_BYTES * 16:
        return [Reject(1, "a single JSON document this large cannot be read at once: convert it to JSON Lines")]
    try:
        value = json.loads(path.read_bytes().decode("utf-8-sig"))
    except RecursionError:
        return [Reject(1, "JSON nested too deeply")]
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        if first == "[":
            return None  # maybe JSON Lines whose lines are arrays; the line reader will report precisely
        return [Reject(getattr(exc, "lineno", 1), f"not valid JSON ({getattr(exc, 'msg', exc)})")]
    if isinstance(value, list):
        return [Record(i + 1, v) for i, v in enumerate(value)]
    return [Record(1, value)]
