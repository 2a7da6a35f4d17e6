"""The staging tables every reader fills before one SQL load (see :mod:`clameur.ingest.loader`).

Readers differ (a Python loop over JSON records, DuckDB ``read_json``/``read_csv``/``read_parquet``), but they
all write rows of the same shape into ``staged_posts`` (collected posts) and ``staged_context`` (posts seen
only as referenced context), temporary tables of the import's own connection.
"""

from __future__ import annotations

import pandas as pd

from clameur.parquet_layout import COLUMNS as LAYOUT_COLUMNS

# Clameur's Parquet layout, plus what readers know before the loader parses and normalises it.
STAGED_COLUMNS: list[tuple[str, str]] = [
    *LAYOUT_COLUMNS,  # created_at is set directly only by readers of typed sources (Parquet)
    ("created_raw", "VARCHAR"),  # as written in the source; parsed by the loader
    ("author_verified", "BOOLEAN"),
    ("source_line", "BIGINT"),
]
NAMES = [name for name, _ in STAGED_COLUMNS]
TYPES = dict(STAGED_COLUMNS)
TABLES = ("staged_posts", "staged_context")
_NUMERIC = ("author_followers", "retweet_count", "like_count", "reply_count", "quote_count", "source_line")


def create_staging(tx) -> None:
    columns = ", ".join(f"{name} {typ}" for name, typ in STAGED_COLUMNS)
    for table in TABLES:
        tx.execute(f"CREATE OR REPLACE TEMP TABLE {table} ({columns})")


def drop_staging(tx) -> None:
    for table in (*TABLES, "ready_posts", "ready_tags", "new_posts", "tag_map"):
        tx.execute(f"DROP TABLE IF EXISTS {table}")


def append_rows(tx, table: str, rows: list[dict]) -> None:
    """Append Python post dicts (keys of STAGED_COLUMNS, missing ones NULL) to a staging table."""
    if not rows:
        return
    assert table in TABLES
    frame = pd.DataFrame(rows).reindex(columns=NAMES)
    for name in _NUMERIC:
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("Int64")
    frame["author_verified"] = frame["author_verified"].astype("boolean")
    frame["created_at"] = pd.to_datetime(frame["created_at"], errors="coerce")
    frame["hashtags"] = frame["hashtags"].map(lambda ts: [str(t) for t in ts or [] if t])
    frame["mentions"] = frame["mentions"].map(
        lambda ms: [{"id": m.get("id"), "handle": m.get("handle")} for m in ms or [] if isinstance(m, dict)]
    )
    tx.register("incoming_rows", frame)
    try:
        select = ", ".join(f"CAST({name} AS {typ})" for name, typ in STAGED_COLUMNS)
        tx.execute(f"INSERT INTO {table} SELECT {select} FROM incoming_rows")  # noqa: S608 (constants only)
    finally:
        tx.unregister("incoming_rows")
