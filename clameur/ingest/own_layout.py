"""Files in Clameur's own columns (its Parquet, JSON lines and CSV exports): read with the layout's types and
staged with no column mapping, which is most of the time a mapped import spends before writing.

A file is trusted only as far as it keeps to the layout's own terms: a kind other than the four, a mention that
DuckDB emptied (an object with other keys), a tag that is an object or a list (DuckDB gives its JSON text) or a
cell the typed read cannot take sends the file to the mapped reader, which reads every cell as text and knows
every shape.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from clameur import settings
from clameur.ingest.errors import READ_ERRORS
from clameur.ingest.parquet_layout import COLUMNS as LAYOUT_COLUMNS
from clameur.ingest.staging import COUNTS, FREE_TEXT, STAGED_COLUMNS, insert_staged, trimmed, whole_number_sql

LAYOUT = dict(LAYOUT_COLUMNS)
# Text formats: times parsed like any other (time_sql), counts read as DOUBLE (as BIGINT, DuckDB would round 1.5 to 2)
TIMES_AS_TEXT = {**LAYOUT, "created_at": "VARCHAR", **dict.fromkeys(COUNTS, "DOUBLE")}
_HEADER_BYTES = 4096
_PLAIN_HEADER = re.compile(rb"[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*")
_EMPTY = ('"NULL"', '"NULL"[]', "NULL[]", "JSON[]")  # what DuckDB's sample says of lists it saw only empty
_NOT_OWN = """SELECT 1 FROM staged_posts
              WHERE kind NOT IN ('original', 'retweet', 'quote', 'reply')
                 OR len(list_filter(mentions, lambda m: m.id IS NULL AND m.handle IS NULL)) > 0
                 OR len(list_filter(hashtags, lambda t: starts_with(t, '{') OR starts_with(t, '['))) > 0
              LIMIT 1"""


def stage_layout(
    cur, source: str, params: list, *, times_as_text: bool = False, padded: bool = False, without: tuple = ()
) -> bool:
    """Stage ``source`` (Clameur's columns, typed) with no mapping; False, with nothing staged, when a row is not in
    the layout's own terms. ``times_as_text``: ``created_at`` is text, parsed like any other time; ``padded``: codes
    and identifiers may carry spaces (a CSV saved by hand); ``without``: layout columns the file does not have."""
    exprs = []
    for name, typ in STAGED_COLUMNS:
        if name == "source_line":
            exprs.append("row_no AS source_line")
        elif times_as_text and name in ("created_at", "created_raw"):
            exprs.append("created_at AS created_raw" if name == "created_raw" else "NULL::TIMESTAMP AS created_at")
        elif name in without or name not in LAYOUT:
            exprs.append(f"NULL::{typ} AS {name}")
        elif padded and typ == "VARCHAR" and name not in FREE_TEXT:
            exprs.append(f"{trimmed(name)} AS {name}")
        elif name in COUNTS:  # kept only when whole, whatever type the file gives it
            exprs.append(f"{whole_number_sql(name)} AS {name}")
        else:
            exprs.append(f"CAST({name} AS {typ}) AS {name}")
    insert_staged(cur, "staged_posts", f"SELECT {', '.join(exprs)} FROM {source}", params)  # noqa: S608 (our SQL)
    if cur.execute(_NOT_OWN).fetchone() is None:
        return True
    cur.execute("DELETE FROM staged_posts")
    return False


def is_json_layout(described: dict[str, str]) -> bool:
    """JSON records of Clameur's columns, with lists of the layout's own shape in the rows DuckDB sampled."""
    return set(described) == set(LAYOUT) and all(
        described[name] in (LAYOUT[name], *_EMPTY) for name in ("hashtags", "mentions")
    )


def is_json_layout_record(record) -> bool:
    """A JSON record with the layout's keys, tags as strings and mentions as id and handle pairs."""
    if not isinstance(record, dict) or record.keys() != LAYOUT.keys():
        return False
    tags, mentions = record["hashtags"], record["mentions"]
    return (
        isinstance(tags, list)
        and all(isinstance(t, str) for t in tags)
        and isinstance(mentions, list)
        and all(isinstance(m, dict) and m.keys() <= {"id", "handle"} for m in mentions)
    )


def is_csv_layout(header: list[str]) -> bool:
    """A CSV of Clameur's columns (its CSV export has no mentions: a list of pairs has no plain CSV form)."""
    return set(LAYOUT) - {"mentions"} <= set(header) and "mentions" not in header


def own_csv_header(path: Path) -> list[str] | None:
    """The header of a CSV whose first line is Clameur's column names separated by commas, read without DuckDB's
    sniffer (0.2 s of a million-row import): names of letters, digits and underscores leave no other reading."""
    with open(path, "rb") as f:
        first = f.readline(_HEADER_BYTES).removeprefix(codecs.BOM_UTF8).rstrip(b"\r\n")
    if not _PLAIN_HEADER.fullmatch(first):
        return None
    header = first.decode("ascii").split(",")
    return header if len(set(header)) == len(header) and is_csv_layout(header) else None


def stage_csv_layout(cur, path: Path, dialect) -> bool:
    """Stage a CSV of Clameur's columns read with their types; False when any cell does not fit them."""
    types = {name: TIMES_AS_TEXT.get(name, "VARCHAR") for name in dialect.header}
    source = (
        "(SELECT *, NULL::BIGINT AS row_no FROM read_csv(?, header = true, auto_detect = false, delim = ?, "
        "quote = '\"', escape = '\"', max_line_size = ?, skip = ?, columns = ?, compression = 'none'))"
    )
    try:
        return stage_layout(
            cur,
            source,
            [str(path), dialect.delimiter, settings.MAX_RECORD_BYTES, dialect.skip, types],
            times_as_text=True,
            padded=True,
            without=("mentions",),
        )
    except READ_ERRORS:
        return False  # a cell the types cannot take, a ragged row: the mapped reader rejects it by line
