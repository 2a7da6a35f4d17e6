"""Tables of posts: CSV (any delimiter, UTF-8 with or without BOM, Windows-1252, UTF-16) and Parquet.

DuckDB reads them (``read_csv`` with every column as text, ``read_parquet``); a column mapping
(:mod:`clameur.ingest.mapping`) turns the columns into staged posts in one SQL statement. Ragged or
undecodable CSV rows are rejected with their line number (DuckDB's ``store_rejects``).
"""

from __future__ import annotations

import codecs
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clameur import settings
from clameur.errors import Message
from clameur.ingest.csv_dialect import Dialect, csv_dialect
from clameur.ingest.errors import READ_ERRORS, ImportRefused, read_error_reason
from clameur.ingest.kept import ReadJob, blank_lines
from clameur.ingest.kept import long_lines as find_long_lines
from clameur.ingest.list_cells import text_list_sql, typed_list_sql, without_at
from clameur.ingest.mapping import FIELDS, PRESETS, MappingError, detect_preset, preset_mapping, resolve
from clameur.ingest.own_layout import LAYOUT, is_csv_layout, stage_csv_layout, stage_layout
from clameur.ingest.records import Reject
from clameur.ingest.repeated_header import reject_repeated_headers
from clameur.ingest.staging import FREE_TEXT, NAMES, STAGED_COLUMNS, insert_staged, trimmed, whole_number_sql
from clameur.sql import quote_ident
from clameur.store import uploads_dir

CSV_FORMATS = ("csv",)


def sniff_text(head: bytes) -> str | None:
    """The start of a file as text (any supported encoding), or None for binary content."""
    encoding = bom_encoding(head)
    if encoding:
        return head.decode(encoding, errors="ignore")
    if head.count(b"\x00") > len(head) // 100:  # a stray NUL in a field is text; many NULs are binary
        return None
    return head.decode("utf-8", errors="ignore") or head.decode("cp1252", errors="replace")


def bom_encoding(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return None


def text_encoding(path: Path) -> str:
    """utf-8, utf-16 or cp1252: by BOM, else by the first megabytes. A file that is mostly valid UTF-8
    stays UTF-8 (its few bad rows are then rejected by line); one with no valid UTF-8 accents is cp1252."""
    with open(path, "rb") as f:
        head = f.read(4 << 20)
    bom = bom_encoding(head)
    if bom:
        return bom
    decoded = head.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - head.count("\ufffd".encode())
    if bad == 0:
        return "utf-8"
    accents = sum(1 for ch in decoded if ord(ch) > 127 and ch != "\ufffd")
    return "utf-8" if accents > bad else "cp1252"


def as_utf8(path: Path, encoding: str, work_dir: Path) -> Path:
    """A UTF-8 copy of a UTF-16 / Windows-1252 file, written in chunks (the original is untouched)."""
    out = work_dir / f"transcoded-{uuid.uuid4().hex}.csv"
    with open(path, encoding=encoding, errors="replace", newline="") as src, open(out, "w", encoding="utf-8") as dst:
        for chunk in iter(lambda: src.read(1 << 20), ""):
            dst.write(chunk)
    return out


@contextmanager
def utf8_unless_utf16(path: Path, work_dir: Path) -> Iterator[Path]:
    """``path``, or while the block runs a UTF-8 copy of it when its BOM says UTF-16: JSON written by Windows
    PowerShell's ``>``, which every JSON reader would otherwise see as lines of binary."""
    with open(path, "rb") as f:
        utf16 = bom_encoding(f.read(4)) == "utf-16"
    if not utf16:
        yield path
        return
    readable = as_utf8(path, "utf-16", work_dir)
    try:
        yield readable
    finally:
        readable.unlink(missing_ok=True)


def _truthy(c: str) -> str:
    return f"lower(trim({c})) IN ('true', 'yes', 'y', '1', 't', 'oui', 'vrai')"


NUMBERS = ("author_followers", "retweet_count", "like_count", "reply_count", "quote_count")  # read by number()


def _cell(field: str, column: str) -> str:
    """A mapped cell: codes, identifiers and lists trimmed of spaces, free text as written, empty = missing."""
    if field in FREE_TEXT:
        return f"nullif({column}, '')"
    if field in NUMBERS:
        return column
    return trimmed(column)


def select_sql(mapping: dict[str, str], source: str, typed: dict[str, str] | None = None) -> tuple[str, list]:
    """SELECT producing staged columns (+ is_context) from ``source`` whose columns are all text, but for the fields
    in ``typed``, read as the type given there: numbers as DOUBLE (never BIGINT, which rounds 1.5 to 2), hashtags
    and mentions as lists (see :mod:`clameur.ingest.list_cells`). A count is kept only when it is a whole number.

    Returns the SQL and the parameters it takes before those of ``source``: a platform given as a constant (``=x``)
    is bound, never written into the SQL; the columns of the file are quoted (:func:`clameur.sql.quote_ident`)."""
    typed = typed or {}

    columns = {field: name for field, name in mapping.items() if field in FIELDS and not name.startswith("=")}

    def col(field: str) -> str:  # each mapped cell is read once, in the innermost query (see _cell)
        return f"f_{field}" if field in columns else "NULL::VARCHAR"

    def ref(kind: str) -> str:
        if "references" not in mapping:
            return "NULL::VARCHAR"
        c = col("references")
        return (
            f'CASE WHEN json_valid({c}) THEN list_filter(from_json({c}, \'[{{"type": "VARCHAR", "id": "VARCHAR"}}]\'),'
            f" lambda r: r.type = '{kind}')[1].id END"
        )

    def number(field: str) -> str:
        c = col(field)  # a whole number as written (the usual cell), else '1 234'; never 1.5 rounded to 2
        if field in typed:
            return whole_number_sql(c)
        without_spaces = f"replace({c}, ' ', '')"
        return f"coalesce({whole_number_sql(c)}, {whole_number_sql(without_spaces)})"

    def list_cell(field: str, handle: bool) -> str:
        if field in typed:
            return typed_list_sql(col(field), typed[field], handle)
        return text_list_sql(col(field), handle)

    text = col("text")
    text_sql = (  # early twarc-csv wrote texts as JSON string literals
        f"CASE WHEN starts_with({text}, '\"') AND ends_with({text}, '\"') AND length({text}) > 1 "
        f"AND json_valid({text}) "
        f"THEN json_extract_string({text}, '$') ELSE {text} END"
    )
    rt = f"coalesce({col('retweet_of')}, {ref('retweeted')})"
    qt = f"coalesce({col('quote_of')}, {ref('quoted')})"
    rp = f"coalesce({col('reply_to')}, {ref('replied_to')})"
    kind_col = col("kind")
    kind = f"""CASE WHEN kind_lower IN ('retweet', 'retweeted', 'rt', 'repost', 'reblog') THEN 'retweet'
                    WHEN kind_lower IN ('quote', 'quoted') THEN 'quote'
                    WHEN kind_lower IN ('reply', 'replied_to') THEN 'reply'
                    WHEN kind_lower = 'original' THEN 'original'
                    WHEN {rt} IS NOT NULL OR {_truthy(col("is_retweet"))} THEN 'retweet'
                    WHEN {qt} IS NOT NULL OR {_truthy(col("is_quote"))} THEN 'quote'
                    WHEN {rp} IS NOT NULL OR {_truthy(col("is_reply"))} THEN 'reply'
                    WHEN {kind_col} IS NULL AND starts_with(text_value, 'RT @') THEN 'retweet'
                    ELSE 'original' END"""
    platform = mapping.get("platform", "=other")
    constant = platform.startswith("=")  # bound: the ? of the outer SELECT comes before any of ``source``
    platform_sql = "?::VARCHAR" if constant else f"coalesce(lower({col('platform')}), 'other')"
    exprs = {
        "platform": platform_sql,
        "post_id": col("post_id"),
        "created_raw": col("created_at"),
        "created_at": "NULL::TIMESTAMP",
        "author_id": col("author_id"),
        "author_handle": without_at(col("author_handle")),
        "author_name": col("author_name"),
        "author_followers": number("author_followers"),
        "author_verified": f"CASE WHEN {col('author_verified')} IS NOT NULL THEN {_truthy(col('author_verified'))} END",
        "text": "text_value",
        "lang": col("lang"),
        "kind": "kind_value",
        "ref_post_id": f"coalesce({col('ref_post_id')}, {rt}, {qt}, {rp})",
        "ref_author_id": col("ref_author_id"),
        "ref_author_handle": f"""coalesce({without_at(col("ref_author_handle"))}, CASE WHEN kind_value = 'retweet'
                                 THEN nullif(regexp_extract(text_value, '^RT @(\\w{{1,30}}):', 1), '') END)""",
        "reply_to_post_id": rp,
        "quote_of_post_id": qt,
        "retweet_count": number("retweet_count"),
        "like_count": number("like_count"),
        "reply_count": number("reply_count"),
        "quote_count": number("quote_count"),
        "withheld": "NULL::VARCHAR",
        "hashtags": list_cell("hashtags", handle=False) if "hashtags" in mapping else "[]::VARCHAR[]",
        "mentions": list_cell("mentions", handle=True) if "mentions" in mapping else "[]",
        "source_line": "row_no",
        "ref_inferred": "NULL::BOOLEAN",
    }
    context = f"{col('context_flag')} IS NOT NULL" if "context_flag" in mapping else "FALSE"
    quoted = {field: quote_ident(name) for field, name in columns.items()}  # the file's own names, quoted
    cells = "".join(f"{q if field in typed else _cell(field, q)} AS f_{field}, " for field, q in quoted.items())
    select = ", ".join(f"CAST({exprs[name]} AS {typ}) AS {name}" for name, typ in STAGED_COLUMNS)
    sql = f"""SELECT {select}, {context} AS is_context FROM (
                 SELECT *, {kind} AS kind_value FROM (
                   SELECT *, {text_sql} AS text_value, lower({kind_col}) AS kind_lower FROM (
                     SELECT {cells} row_no FROM {source})))"""
    return sql, [platform[1:]] if constant else []


def stage_mapped(cur, mapping: dict[str, str], source: str, params: list, typed: dict[str, str] | None = None) -> None:
    names = ", ".join(NAMES)
    select, own_params = select_sql(mapping, source, typed)
    params = [*own_params, *params]
    if "context_flag" not in mapping:  # every row is a collected post: one pass, no intermediate table
        insert_staged(cur, "staged_posts", f"SELECT {names} FROM ({select})", params)
        return
    cur.execute(f"CREATE OR REPLACE TEMP TABLE mapped_rows AS {select}", params)
    insert_staged(cur, "staged_posts", f"SELECT {names} FROM mapped_rows WHERE NOT is_context")  # noqa: S608
    insert_staged(cur, "staged_context", f"SELECT {names} FROM mapped_rows WHERE is_context")  # noqa: S608
    cur.execute("DROP TABLE mapped_rows")


def choose_mapping(cur, header: list[str], mapping: dict | str | None) -> tuple[str, dict[str, str]]:
    if isinstance(mapping, str):
        return mapping, resolve(preset_mapping(cur, mapping), header)
    if mapping:
        return "mapped", resolve(mapping, header)
    preset = detect_preset(header)
    if preset is None:
        raise MappingError("ingest.map.unrecognised")
    return preset, resolve(PRESETS[preset]["mapping"], header)


CSV_OPTIONS = (
    "header = true, all_varchar = true, store_rejects = true, auto_detect = true, quote = '\"', escape = '\"', "
    "max_line_size = {max_line}, sample_size = 20480, compression = 'none'"
)


def _rows_as_text(path: Path, dialect: Dialect) -> tuple[str, list]:
    """The rows of the CSV as text, read with the sniffed dialect and the columns already named, so DuckDB does
    not sniff the file again: the read is about twice as fast."""
    options = (
        "header = true, auto_detect = false, delim = ?, quote = '\"', escape = '\"', store_rejects = true, "
        "max_line_size = ?, skip = ?, columns = ?, compression = 'none'"
    )
    params = [
        str(path),
        dialect.delimiter,
        settings.MAX_RECORD_BYTES,
        dialect.skip,
        dict.fromkeys(dialect.header, "VARCHAR"),
    ]
    # No row numbers on CSV posts: numbering rows serialises DuckDB's parallel reader (1.5 s per million rows);
    # rejected rows keep the line numbers DuckDB reports.
    return f"(SELECT *, NULL::BIGINT AS row_no FROM read_csv(?, {options}))", params


@contextmanager
def refusals(key: str) -> Iterator[None]:
    """Mapping problems and DuckDB read errors become refusals; the refusal ``key`` gets DuckDB's first line."""
    try:
        yield
    except MappingError as exc:
        raise ImportRefused(exc.key, **exc.params) from exc
    except READ_ERRORS as exc:
        raise ImportRefused(key, reason=read_error_reason(exc)) from exc


def _long_line() -> Message:
    return Message("ingest.reject.long_line", mb=settings.MAX_RECORD_BYTES // 2**20)


def read_csv_posts(cur, job: ReadJob) -> tuple[str, list[Reject]]:
    """Stage the rows of a CSV. ``long_lines`` (lines over the record limit, found when the file was copied) are
    emptied before DuckDB reads the file, which would hold such a line whole in memory, and rejected by number."""
    path, mapping, progress, long_lines = job.path, job.mapping, job.progress, job.long_lines
    encoding = text_encoding(path)
    readable = path
    work_dir = uploads_dir_for(cur, path)
    if encoding in ("utf-16", "cp1252"):
        readable = as_utf8(path, encoding, work_dir)
        long_lines = find_long_lines(readable)  # their lengths in UTF-8
    long_lines = long_lines or []
    if long_lines and long_lines[0].number == 1:
        raise ImportRefused("ingest.csv_unreadable", reason=_long_line())
    try:
        with refusals("ingest.csv_unreadable"), blank_lines(readable, long_lines, work_dir) as csv:
            dialect = csv_dialect(cur, csv)
            if mapping is None and is_csv_layout(dialect.header) and stage_csv_layout(cur, csv, dialect):
                name, rejects = "clameur", []
            else:
                name, rejects = _stage_csv_mapped(cur, csv, dialect, mapping)
    finally:
        if readable != path:
            readable.unlink(missing_ok=True)
    too_long = _long_line()
    rejects = sorted([*rejects, *(Reject(line.number, too_long) for line in long_lines)], key=lambda r: r.line)
    if progress:
        progress(0.8)
    return f"csv:{name}" + (f" ({encoding})" if encoding not in ("utf-8", "utf-8-sig") else ""), rejects


def _stage_csv_mapped(cur, path: Path, dialect: Dialect, mapping) -> tuple[str, list[Reject]]:
    name, resolved = choose_mapping(cur, dialect.header, mapping)
    source, params = _rows_as_text(path, dialect)
    cur.execute("DROP TABLE IF EXISTS reject_errors")
    cur.execute("DROP TABLE IF EXISTS reject_scans")
    stage_mapped(cur, resolved, source, params)
    rejects = [
        Reject(int(line), f"{error_type.lower().replace('_', ' ')}: {message.splitlines()[0]}")
        for line, error_type, message in cur.execute(
            """SELECT line, any_value(error_type ORDER BY column_idx),
                      any_value(error_message ORDER BY column_idx)
               FROM reject_errors GROUP BY line ORDER BY line"""
        ).fetchall()
    ]
    return name, rejects + reject_repeated_headers(cur, path, resolved.get("post_id"), dialect.skip)


def uploads_dir_for(cur, path: Path) -> Path:
    """A folder DuckDB may read where a transcoded copy can be written (the database's uploads folder)."""
    # fetchall: a result left open would stop DuckDB registering the line readers' rows on this cursor
    sql = "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ((db_file,),) = cur.execute(sql).fetchall()
    return uploads_dir(Path(db_file)) if db_file else path.parent


_PARQUET_ROWS = "(SELECT *, file_row_number + 1 AS row_no FROM read_parquet(?, file_row_number = true))"


def read_parquet_posts(cur, job: ReadJob) -> tuple[str, list[Reject]]:
    """Stage the rows of a Parquet file (``job.fmt`` and ``job.long_lines`` mean nothing to it)."""
    path, mapping, progress = job.path, job.mapping, job.progress
    with refusals("ingest.parquet_unreadable"):
        rows = cur.execute("SELECT sum(num_rows) FROM parquet_file_metadata(?)", [str(path)]).fetchone()[0] or 0
        if rows > settings.MAX_PARQUET_ROWS:
            raise ImportRefused("ingest.parquet_rows", rows=int(rows), cap=settings.MAX_PARQUET_ROWS)
        schema = {r[0]: r[1] for r in cur.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()}
        if mapping is None and LAYOUT.keys() <= schema.keys() and stage_layout(cur, _PARQUET_ROWS, [str(path)]):
            name = "clameur"
        else:
            header = list(schema)
            name, resolved = choose_mapping(cur, header, mapping)
            source = (
                "(SELECT COLUMNS(* EXCLUDE file_row_number)::VARCHAR, file_row_number + 1 AS row_no "
                "FROM read_parquet(?, file_row_number = true))"
            )
            stage_mapped(cur, resolved, source, [str(path)])
    if progress:
        progress(0.8)
    return f"parquet:{name}", []
