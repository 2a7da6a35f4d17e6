"""Header rows in the middle of a CSV: files joined end to end (`cat week1.csv week2.csv`, a collector appending a
batch at a time), each with its header. Read as data, such a row would become a post whose id is the id column's
name; it is rejected instead, with its line.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from clameur import settings
from clameur.errors import Message
from clameur.ingest.records import Reject, bounded_lines, read_line
from clameur.sql import quote_ident

REASON = Message("ingest.reject.repeated_header")
_TABLES = ("staged_posts", "staged_context")  # a header's cell in the context column marks it as context


def reject_repeated_headers(cur, path: Path, id_column: str | None, skip: int = 0) -> list[Reject]:
    """Remove the staged rows that repeat the header of ``path``, found after ``skip`` lines (their id is the name of
    the id column and their time, the name of the time column, did not parse) and return them as rejects."""
    if not id_column:
        return []
    where = "WHERE post_id = ? AND created_at IS NULL"
    found = sum(
        cur.execute(f"SELECT count(*) FROM {quote_ident(table)} {where}", [id_column.strip()]).fetchall()[0][0]  # noqa: S608
        for table in _TABLES
    )
    if not found:
        return []
    for table in _TABLES:
        cur.execute(f"DELETE FROM {quote_ident(table)} {where}", [id_column.strip()])  # noqa: S608 (our table names)
    lines = _header_lines(path, skip)
    lines = lines if len(lines) == found else (lines[:found] + [0] * found)[:found]
    return [Reject(line, REASON) for line in lines]


def _header_lines(path: Path, skip: int) -> list[int]:
    """The lines after the header that are the header again, byte for byte."""
    limit = settings.MAX_RECORD_BYTES  # no line is held whole past the record limit (a longer one is not a header)
    with open(path, "rb") as f:
        for _ in range(skip):
            read_line(f, limit)
        head = (read_line(f, limit) or b"").removeprefix(codecs.BOM_UTF8).rstrip(b"\r\n")
        lines = enumerate(bounded_lines(f), start=skip + 2)
        return [n for n, line in lines if line is not None and line.rstrip(b"\r\n") == head]
