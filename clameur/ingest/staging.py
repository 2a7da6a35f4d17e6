"""The staging tables every reader fills before one SQL load (see :mod:`clameur.ingest.loader`).

Readers differ (a Python loop over JSON records, DuckDB ``read_json``/``read_csv``/``read_parquet``), but they
all write rows of the same shape into ``staged_posts`` (collected posts) and ``staged_context`` (posts seen
only as referenced context), temporary tables of the import's own connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from clameur.ingest.parquet_layout import COLUMNS as LAYOUT_COLUMNS
from clameur.sql import quote_ident

# Clameur's Parquet layout, plus what readers know before the loader parses and normalises it.
STAGED_COLUMNS: list[tuple[str, str]] = [
    *LAYOUT_COLUMNS,  # created_at is set directly only by readers of typed sources (Parquet)
    ("created_raw", "VARCHAR"),  # as written in the source; parsed into created_at as rows are staged
    ("author_verified", "BOOLEAN"),
    ("source_line", "BIGINT"),
    # A retweet's or quote's author taken from the post itself (its "RT @handle:" prefix and first mention, or
    # the quoted link) because the original is not in the file (withheld, deleted or protected): counted in the report.
    ("ref_inferred", "BOOLEAN"),
]
NAMES = [name for name, _ in STAGED_COLUMNS]
TYPES = dict(STAGED_COLUMNS)
TABLES = ("staged_posts", "staged_context")
# Every account the file describes (twarc2's `includes.users`, a flattened tweet's authors), with what it says of
# them, beside the authors of the staged posts: the accounts of retweeted, quoted, replied-to and mentioned posts.
ACCOUNT_COLUMNS: list[tuple[str, str]] = [
    ("platform", "VARCHAR"),
    ("account_id", "VARCHAR"),
    ("handle", "VARCHAR"),
    ("name", "VARCHAR"),
    ("followers", "BIGINT"),
    ("verified", "BOOLEAN"),
]
FREE_TEXT = ("text", "author_name")  # kept as written: only an empty cell is missing
_NUMERIC = ("author_followers", "retweet_count", "like_count", "reply_count", "quote_count", "source_line")


V1_TIME = "%a %b %d %H:%M:%S %z %Y"  # Twitter v1.1: 'Wed Oct 10 20:19:24 +0000 2018'


COUNTS = ("author_followers", "retweet_count", "like_count", "reply_count", "quote_count")


def whole_number_sql(col: str) -> str:
    """SQL for a count as a BIGINT when ``col`` (text, a double or an integer) holds a whole number ('12', '12.0',
    '1e3', 12.0), else NULL ('1.5', 1.5, 'n/a'). DuckDB's own casts round: '1.5' and 1.5 become 2.
    Readers that type a count read it as DOUBLE, never BIGINT, for the same reason."""
    as_double = f"try_cast({col} AS DOUBLE)"
    return f"try_cast(CASE WHEN {as_double} = trunc({as_double}) THEN {col} END AS BIGINT)"


def trimmed(col: str) -> str:
    """SQL for text ``col`` without surrounding spaces, empty = NULL. Only padded cells are trimmed: trimming
    copies the text (0.6 s for a million rows of twelve cells)."""
    return f"nullif(CASE WHEN starts_with({col}, ' ') OR ends_with({col}, ' ') THEN trim({col}) ELSE {col} END, '')"


def time_sql(col: str) -> str:
    """A SQL expression turning text ``col`` into a naive UTC TIMESTAMP (NULL when nothing fits):
    ISO 8601 with or without offset (no offset = UTC; the offset may follow a space, as R and spreadsheets write
    it: '2020-06-17 18:00:00 +0200'), Twitter v1.1, epoch seconds or milliseconds.
    Surrounding spaces are allowed (the casts and strptime ignore them), so nothing is copied to trim them."""
    return f"""timezone('UTC', coalesce(
        try_cast({col} AS TIMESTAMPTZ),
        try_strptime({col}, '{V1_TIME}'),
        try_cast(regexp_replace({col}, '\\s+([+-][0-9]{{2}}(:?[0-9]{{2}})?)\\s*$', '\\1') AS TIMESTAMPTZ),
        CASE WHEN regexp_full_match({col}, '\\s*-?[0-9]{{1,11}}(\\.[0-9]+)?\\s*')
             THEN to_timestamp(try_cast({col} AS DOUBLE))
             WHEN regexp_full_match({col}, '\\s*[0-9]{{12,14}}\\s*')
             THEN to_timestamp(try_cast({col} AS DOUBLE) / 1000) END))"""


def insert_staged(tx, table: str, select_sql: str, params: list | None = None) -> None:
    """Append the rows of ``select_sql`` (columns named as in STAGED_COLUMNS, matched by name) to a staging
    table, with ids trimmed (blank = NULL), times parsed and the kind defaulted: the loader then uses the
    staged rows as they are, without another copy."""
    assert table in TABLES
    tx.execute(
        f"""INSERT INTO {quote_ident(table)} BY NAME
            SELECT * REPLACE ({trimmed("post_id")} AS post_id, coalesce(kind, 'original') AS kind,
                              coalesce(platform, 'other') AS platform,  -- as the mapped reader names it
                              coalesce(created_at, {time_sql("created_raw")}) AS created_at,
                              NULL::VARCHAR AS created_raw)  -- parsed: the raw text is not needed again
            FROM ({select_sql})""",  # noqa: S608 (constants and our own SQL)
        params or [],
    )


@contextmanager
def staging_tables(tx) -> Iterator[None]:
    """Empty staging tables for one import, dropped when it ends (with ``ready_posts`` and the loader's tables)."""
    columns = ", ".join(f"{name} {typ}" for name, typ in STAGED_COLUMNS)
    for table in TABLES:
        tx.execute(f"CREATE OR REPLACE TEMP TABLE {quote_ident(table)} ({columns})")
    accounts = ", ".join(f"{name} {typ}" for name, typ in ACCOUNT_COLUMNS)
    tx.execute(f"CREATE OR REPLACE TEMP TABLE staged_accounts ({accounts})")
    try:
        yield
    finally:
        drop_ready(tx)
        for table in (*TABLES, "staged_accounts", "new_posts", "tag_map"):
            tx.execute(f"DROP TABLE IF EXISTS {quote_ident(table)}")


def drop_ready(tx) -> None:
    """Drop ``ready_posts``, a view of the staged posts or, when ids repeat, a de-duplicated copy."""
    kind = tx.execute(
        "SELECT table_type FROM information_schema.tables WHERE table_name = 'ready_posts' AND table_catalog = 'temp'"
    ).fetchone()
    if kind:
        tx.execute("DROP VIEW ready_posts" if kind[0] == "VIEW" else "DROP TABLE ready_posts")


def _whole_number(value) -> int | None:
    """A count as the source wrote it (12, 12.0, "12", "1e3") as a BIGINT, else missing (1.5, "n/a", a list, 2**70)."""
    if isinstance(value, str):
        try:
            value = int(value) if value.strip().lstrip("-").isdecimal() else float(value)
        except ValueError:
            return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63:
        return value
    return None


def append_rows(tx, table: str, rows: list[dict]) -> None:
    """Append Python post dicts (keys of STAGED_COLUMNS, missing ones NULL) to a staging table."""
    if not rows:
        return
    import pandas as pd  # only the line-by-line readers need it: `clameur import` of a big file starts faster

    frame = pd.DataFrame(rows).reindex(columns=NAMES)
    for name in _NUMERIC:
        frame[name] = pd.array([_whole_number(v) for v in frame[name]], dtype="Int64")
    for name in ("author_verified", "ref_inferred"):
        frame[name] = pd.array([v if isinstance(v, bool) else None for v in frame[name]], "boolean")
    frame["created_at"] = pd.to_datetime(frame["created_at"], errors="coerce")
    frame["hashtags"] = frame["hashtags"].map(lambda ts: [str(t) for t in ts or [] if t])
    frame["mentions"] = frame["mentions"].map(
        lambda ms: [{"id": m.get("id"), "handle": m.get("handle")} for m in ms or [] if isinstance(m, dict)]
    )
    tx.register("incoming_rows", frame)
    try:
        select = ", ".join(f"CAST({name} AS {typ}) AS {name}" for name, typ in STAGED_COLUMNS)
        insert_staged(tx, table, f"SELECT {select} FROM incoming_rows")  # noqa: S608 (constants only)
    finally:
        tx.unregister("incoming_rows")


def append_accounts(tx, rows: list[dict]) -> None:
    """Append account dicts (keys of ACCOUNT_COLUMNS) to ``staged_accounts``; ids as text, blank = missing."""
    rows = [r for r in rows if r.get("account_id") not in (None, "")]
    if not rows:
        return
    import pandas as pd

    frame = pd.DataFrame(rows).reindex(columns=[name for name, _ in ACCOUNT_COLUMNS])
    frame["followers"] = pd.array([_whole_number(v) for v in frame["followers"]], dtype="Int64")
    frame["verified"] = pd.array([v if isinstance(v, bool) else None for v in frame["verified"]], "boolean")
    tx.register("incoming_accounts", frame)
    try:
        select = ", ".join(f"CAST({name} AS {typ}) AS {name}" for name, typ in ACCOUNT_COLUMNS)
        tx.execute(f"INSERT INTO staged_accounts BY NAME SELECT {select} FROM incoming_accounts")  # noqa: S608
    finally:
        tx.unregister("incoming_accounts")
