"""JSON records that are the rows of a table: one flat object per line, or an array of them (pandas'
``to_json(orient="records")``, R's ``jsonlite``, Clameur's own JSON lines, a twarc-csv table saved as JSON).

DuckDB reads them with every field as text and the CSV column mappings and presets apply
(:mod:`clameur.ingest.tabular`). A file with a malformed record is read again without it, and the record
is rejected with its line number.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import duckdb

from clameur import settings
from clameur.errors import Message
from clameur.ingest.errors import READ_ERRORS
from clameur.ingest.formats import NotPosts, classify
from clameur.ingest.list_cells import list_read_type
from clameur.ingest.mapping import is_constant, preset_mapping
from clameur.ingest.own_layout import TIMES_AS_TEXT, is_json_layout, is_json_layout_record, stage_layout
from clameur.ingest.records import Record, Reject, json_read_format, read_json_records
from clameur.ingest.tabular import NUMBERS, choose_mapping, refusals, stage_mapped, uploads_dir_for

_DESCRIBE = "DESCRIBE SELECT * FROM read_json(?, format = ?, maximum_object_size = ?, compression = 'none')"
_ROWS = (  # the columns typed as given: every field as text, like a CSV cell, or the layout's types
    "(SELECT *, NULL::BIGINT AS row_no FROM read_json(?, format = ?, maximum_object_size = ?, columns = ?, "
    "compression = 'none'))"
)


def _read(path: Path, columns: dict[str, str] | None = None) -> list:
    """The parameters of _DESCRIBE (no ``columns``) or _ROWS."""
    return [str(path), json_read_format(path), settings.MAX_RECORD_BYTES, *([columns] if columns else [])]


def is_table_record(rec, mapping=None) -> bool:
    """A record that is a row of a table: an object with no object inside (lists are cells), given a mapping,
    or not one of the post formats (a table saved from twarc-csv has the fields of a flattened tweet)."""
    if not isinstance(rec, dict) or not rec or any(isinstance(v, dict) for v in rec.values()):
        return False
    if mapping:
        return True
    try:
        return classify(rec) == "twarc2_flat"
    except NotPosts as exc:
        return exc.key == "ingest.what.unknown_json"


def read_json_table_posts(
    cur, path: Path, *, mapping=None, first=None, by_duckdb: bool = True
) -> tuple[str, list[Reject]]:
    """Stage the rows of a JSON table whose first record is ``first``; return (format, rejects). Not ``by_duckdb``
    (a line is over the record limit): the lines are first read one by one, the long ones rejected unread."""
    with refusals("ingest.json_table_unreadable"):
        if by_duckdb:
            try:
                return _stage_table(cur, path, mapping, first), []
            except READ_ERRORS:
                pass  # a malformed record somewhere: read the file again without it
        readable, rejects = _without_bad_records(path, uploads_dir_for(cur, path))
        try:
            return _stage_table(cur, readable, mapping, first), rejects
        finally:
            readable.unlink(missing_ok=True)


def _stage_table(cur, path: Path, mapping, first) -> str:
    """Stage the rows; Clameur's own JSON lines (`clameur demo --format json`, exports) are read typed like its
    Parquet, with no mapping (1.4 s less per million rows). A first row of the layout's own shape is trusted
    without DuckDB's sample of the file (0.15 s): a later row of another shape still sends the file to the
    mapped reader (:func:`clameur.ingest.own_layout.stage_layout`)."""
    own = mapping is None and is_json_layout_record(first)
    if own and _stage_typed(cur, path):
        return "json:clameur"
    columns = _first_row_columns(cur, mapping, first)
    if columns is not None:
        name, resolved = choose_mapping(cur, list(columns), mapping)
        try:
            _stage_mapped_rows(cur, path, resolved, columns)
            return f"json:{name}"
        except duckdb.BinderException:
            pass  # keys DuckDB names otherwise (two the same but for case): let its sample of the file name them
    columns = {r[0]: r[1] for r in cur.execute(_DESCRIBE, _read(path)).fetchall()}
    if mapping is None and not own and is_json_layout(columns) and _stage_typed(cur, path):
        return "json:clameur"
    name, resolved = choose_mapping(cur, list(columns), mapping)
    _stage_mapped_rows(cur, path, resolved, columns)
    return f"json:{name}"


def _stage_mapped_rows(cur, path: Path, resolved: dict[str, str], columns: dict[str, str]) -> None:
    """Stage the rows through the mapping. Fields that ``columns`` shows to hold whole numbers or lists are read as
    such, not as text parsed again (0.6 s per million rows); a later record of another shape, which makes DuckDB
    stop, has the file read again as text."""
    as_text = dict.fromkeys(columns, "VARCHAR")
    # numbers read as DOUBLE: read as BIGINT, DuckDB would round a count of 1.5 to 2 (see staging.whole_number_sql)
    typed = {field: "DOUBLE" for field in NUMBERS if columns.get(resolved.get(field, "")) in ("BIGINT", "DOUBLE")}
    typed |= {
        field: typ
        for field, handle in (("hashtags", False), ("mentions", True))
        if (typ := list_read_type(columns.get(resolved.get(field, "")), handle))
    }
    if typed:
        read_as = {**as_text, **{resolved[field]: typ for field, typ in typed.items()}}
        try:
            stage_mapped(cur, resolved, _ROWS, _read(path, read_as), typed)
            return
        except READ_ERRORS as exc:
            if "Malformed JSON" in str(exc):
                raise  # read as text, it would stop at the same record
    stage_mapped(cur, resolved, _ROWS, _read(path, as_text))


def _first_row_columns(cur, mapping, first: dict) -> dict[str, str] | None:
    """The columns of the first row, when a mapping is given and every column it names is there (DuckDB's sample of
    the file takes 0.15 s per million rows); None otherwise: a column may start further on."""
    if not mapping:
        return None
    named = preset_mapping(cur, mapping) if isinstance(mapping, str) else mapping
    columns = _first_record_columns(first)
    if any(c not in columns for f, c in named.items() if c and not is_constant(f, c)):
        return None
    return columns


def _first_record_columns(first: dict) -> dict[str, str]:
    """The first row's fields with the types the mapped read looks at (whole numbers; lists of strings, lists of
    objects: see :func:`clameur.ingest.list_cells.list_read_type`); every other field is text."""
    types = dict.fromkeys(first, "VARCHAR")
    for key, value in first.items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63:
            types[key] = "BIGINT"
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            types[key] = "VARCHAR[]"
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            keys = sorted({k for v in value for k in v})
            types[key] = "STRUCT(" + ", ".join(f"{json.dumps(k)} VARCHAR" for k in keys) + ")[]"
    return types


def _stage_typed(cur, path: Path) -> bool:
    try:
        return stage_layout(cur, _ROWS, _read(path, TIMES_AS_TEXT), times_as_text=True)
    except READ_ERRORS:
        return False  # a row of another shape further on: read every field as text and map it


def _without_bad_records(path: Path, work_dir: Path) -> tuple[Path, list[Reject]]:
    """A copy of the file as JSON lines holding only its well-formed rows, and the rejected lines."""
    out = work_dir / f"json-rows-{uuid.uuid4().hex}.jsonl"
    rejects: list[Reject] = []
    with open(out, "w", encoding="utf-8") as dst:
        for item in read_json_records(path):
            if isinstance(item, Record) and isinstance(item.value, dict):
                dst.write(json.dumps(item.value, ensure_ascii=False) + "\n")
            elif isinstance(item, Record):
                rejects.append(Reject(item.line, Message("ingest.reject.not_a_row")))
            else:
                rejects.append(item)
    return out, rejects
