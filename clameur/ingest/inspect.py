"""A look at a file before importing it: its detected format, its columns, a preview of its first records.

Used by the upload page (format, preview, column mapping) with the same checks as the import itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from clameur import settings
from clameur.ingest.core import check_file
from clameur.ingest.csv_dialect import excel_separator
from clameur.ingest.errors import READ_ERRORS, ImportRefused, read_error_reason
from clameur.ingest.formats import FORMAT_NAMES, PARSERS, NotPosts, classify
from clameur.ingest.json_table import is_table_record
from clameur.ingest.kept import blank_lines, long_lines
from clameur.ingest.mapping import PRESETS, detect_preset
from clameur.ingest.records import Record, json_read_format, read_json_records
from clameur.ingest.tabular import CSV_OPTIONS, as_utf8, text_encoding, utf8_unless_utf16

PREVIEW_ROWS = 5
PREVIEW_COLUMNS = ["post_id", "created_raw", "author_handle", "kind", "text"]


@dataclass
class Inspection:
    family: str  # json | csv | parquet
    format_label: str
    header: list[str] = field(default_factory=list)  # tables only
    preset: str | None = None  # recognised built-in preset (tables only)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    authors: pd.DataFrame = field(default_factory=pd.DataFrame)  # JSON: author id and followers of each preview row

    @property
    def is_table(self) -> bool:
        """CSV, Parquet, or JSON records that are rows of fields: mapped by columns."""
        return self.family != "json" or bool(self.header)

    @property
    def needs_mapping(self) -> bool:
        return self.is_table and self.preset is None


def inspect_file(path: Path) -> Inspection:
    family = check_file(path)
    if family == "json":
        with utf8_unless_utf16(path, path.parent) as readable:
            return _inspect_json(readable)
    try:
        return _inspect_table(path, family)
    except READ_ERRORS as exc:
        raise ImportRefused("ingest.unreadable", family=family.upper(), reason=read_error_reason(exc)) from exc


def _inspect_json(path: Path) -> Inspection:
    rows: list[dict] = []
    label = "JSON"
    for item in read_json_records(path):
        if not isinstance(item, Record):
            continue
        if not rows and is_table_record(item.value):
            return _inspect_table(path, "json")
        try:
            kind = classify(item.value)
        except NotPosts as exc:
            raise ImportRefused("ingest.not_posts", what=exc.what, line=item.line) from exc
        label = FORMAT_NAMES.get(kind, kind)
        try:
            rows += PARSERS[kind](item.value)[0]
        except (KeyError, TypeError, AttributeError, ValueError):
            continue
        if len(rows) >= PREVIEW_ROWS:
            break
    preview = pd.DataFrame(rows[:PREVIEW_ROWS]).reindex(columns=PREVIEW_COLUMNS)
    authors = pd.DataFrame(rows[:PREVIEW_ROWS]).reindex(columns=["author_id", "author_handle", "author_followers"])
    return Inspection("json", label, preview=preview, authors=authors)


def _inspect_table(path: Path, family: str) -> Inspection:
    con = duckdb.connect()  # in memory, allowed to read this file's folder only
    con.execute("SET allowed_directories = ?", [[str(path.parent.resolve()) + os.sep]])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    readable, params = path, []
    try:
        if family == "csv":
            encoding = text_encoding(path)
            if encoding in ("utf-16", "cp1252"):
                readable = as_utf8(path, encoding, path.parent)
            options = CSV_OPTIONS.format(max_line=settings.MAX_RECORD_BYTES).replace("store_rejects = true, ", "")
            hint = excel_separator(readable)
            options += ", skip = 1, delim = ?" if hint else ""  # the hint's delimiter is a parameter
            params += [hint] if hint else []
            sql = f"SELECT * FROM read_csv(?, {options}, ignore_errors = true) LIMIT {PREVIEW_ROWS}"  # noqa: S608
        elif family == "json":
            sql = (
                f"SELECT COLUMNS(*)::VARCHAR FROM read_json(?, format = '{json_read_format(path)}', "  # noqa: S608
                f"maximum_object_size = {settings.MAX_RECORD_BYTES}, compression = 'none') LIMIT {PREVIEW_ROWS}"
            )
        else:
            sql = f"SELECT COLUMNS(*)::VARCHAR FROM read_parquet(?) LIMIT {PREVIEW_ROWS}"  # noqa: S608
        too_long = long_lines(readable) if family == "csv" else []  # emptied: DuckDB would hold them whole
        with blank_lines(readable, too_long, path.parent) as shown:
            preview = con.execute(sql, [str(shown), *params]).df()
    finally:
        con.close()
        if readable != path:
            readable.unlink(missing_ok=True)
    header = [str(c) for c in preview.columns]
    preset = detect_preset(header)
    label = f"{family.upper()} · {PRESETS[preset]['label']}" if preset else f"{family.upper()}"
    return Inspection(family, label, header=header, preset=preset, preview=preview)
