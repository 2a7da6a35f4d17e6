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
from clameur.ingest.formats import NotPosts, classify
from clameur.ingest.list_cells import list_read_type
from clameur.ingest.own_layout import TIMES_AS_TEXT, is_json_layout, is_json_layout_record, stage_layout
from clameur.ingest.records import Record, Reject, read_json_records
from clameur.ingest.tabular import choose_mapping, refusals, stage_mapped, uploads_dir_for

_DESCRIBE = "DESCRIBE SELECT * FROM read_json(?, format = 'auto', maximum_object_size = ?)"
_ROWS = (  # the columns typed as given: every field as text, like a CSV cell, or the layout's types
    "(SELECT *, NULL::BIGINT AS row_no FROM read_json(?, format = 'auto', maximum_object_size = ?, columns = ?))"
)


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


def read_json_table_posts(cur, path: Path, *, mapping=None, first=None) -> tuple[str, list[Reject]]:
    """Stage the rows of a JSON table whose first record is ``first``; return (format, rejects)."""
    with refusals("ingest.json_table_unreadable"):
        try:
            return _stage_table(cur, path, mapping, first), []
        except duckdb.Error:
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
    described = {r[0]: r[1] for r in cur.execute(_DESCRIBE, [str(path), settings.MAX_RECORD_BYTES]).fetchall()}
    header = list(described)
    if mapping is None and not own and is_json_layout(described) and _stage_typed(cur, path):
        return "json:clameur"
    name, resolved = choose_mapping(cur, header, mapping)
    as_text = dict.fromkeys(header, "VARCHAR")
    lists = {
        field: typ
        for field, handle in (("hashtags", False), ("mentions", True))
        if (typ := list_read_type(described.get(resolved.get(field, "")), handle))
    }
    if lists:  # the list fields read as lists; a later record of another shape makes DuckDB stop: read as text
        columns = {**as_text, **{resolved[field]: typ for field, typ in lists.items()}}
        try:
            stage_mapped(cur, resolved, _ROWS, [str(path), settings.MAX_RECORD_BYTES, columns], lists)
            return f"json:{name}"
        except duckdb.Error:
            pass
    stage_mapped(cur, resolved, _ROWS, [str(path), settings.MAX_RECORD_BYTES, as_text])
    return f"json:{name}"


def _stage_typed(cur, path: Path) -> bool:
    try:
        return stage_layout(cur, _ROWS, [str(path), settings.MAX_RECORD_BYTES, TIMES_AS_TEXT], times_as_text=True)
    except duckdb.Error:
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
                rejects.append(Reject(item.line, "not a row of the table (a JSON object was expected)"))
            else:
                rejects.append(item)
    return out, rejects
