"""A Spark import written into the Clameur store in ONE transaction: a new ``datasets`` row (engine ``spark``,
posts kept: none), the files it read (``import_files``, hashed like the DuckDB importer's), ``accounts``,
``author_first_seen`` and every rollup, from Arrow tables registered with DuckDB or Parquet files DuckDB reads, cast
to the tables' types.

Times arrive from Spark as UTC-aware timestamps; the store keeps naive UTC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clameur.rollups.definitions import ROLLUPS
from clameur.rollups.summaries import build_summaries
from clameur.spark.readers import TABLE_COLUMNS, SparkRefused
from clameur.sql import quote_ident
from clameur.store import Store, transaction

if TYPE_CHECKING:
    import pyarrow as pa

    from clameur.spark.rollups import Computed

# Each table written, with its columns (dataset_id excluded) and their DuckDB types.
WRITTEN: dict[str, list[tuple[str, str]]] = {
    "accounts": TABLE_COLUMNS["accounts"],
    "author_first_seen": [("author_id", "VARCHAR"), ("first_at", "TIMESTAMP")],
    **{rollup.name: list(rollup.columns) for rollup in ROLLUPS},
}


@dataclass
class FileRead:
    """A file the import read, as ``import_files`` keeps it (no copy is kept: the archive stays where it is)."""

    original_name: str
    file_hash: str | None  # SHA-256 of a local file; None for a path on a cluster's file system
    source_format: str


@dataclass
class Counts:
    """The import's counts (``read = loaded + duplicates + rejected``)."""

    read: int
    loaded: int
    duplicates: int
    rejected: int


def naive_utc(table: pa.Table) -> pa.Table:
    """``table`` with every zone-aware timestamp column as naive UTC (the same instants, the zone dropped)."""
    import pyarrow as pa

    for i, f in enumerate(table.schema):
        if pa.types.is_timestamp(f.type) and f.type.tz is not None:
            table = table.set_column(i, f.name, table.column(i).cast(pa.timestamp(f.type.unit)))
    return table


def insert_rows(tx, table: str, columns: list[tuple[str, str]], dataset_id: int, rows: pa.Table | Path) -> None:
    """Append ``rows`` (Arrow, or a folder of Parquet files Spark wrote; the columns by name) to ``table`` for
    ``dataset_id``, cast to the table's types. The store's session is in UTC, so an instant becomes naive UTC."""
    assert table in WRITTEN
    names = ", ".join(quote_ident(name) for name, _ in columns)
    values = ", ".join(f"CAST({quote_ident(name)} AS {typ})" for name, typ in columns)
    insert = f"INSERT INTO {quote_ident(table)} (dataset_id, {names}) SELECT ?, {values} FROM "  # noqa: S608
    if isinstance(rows, Path):
        tx.execute(insert + "read_parquet(?)", [int(dataset_id), str(rows / "*.parquet")])
        return
    view = f"spark_rows_{table}"
    tx.register(view, naive_utc(rows))
    try:
        tx.execute(insert + quote_ident(view), [int(dataset_id)])
    finally:
        tx.unregister(view)


def load(
    store: Store,
    *,
    name: str,
    computed: Computed,
    counts: Counts,
    files: list[FileRead],
    source_format: str,
    timezone: str = "UTC",
    campaign: str | None = None,
    report: dict | None = None,
) -> int:
    """Write the import as a new dataset ``name``; its id. Refused when the name is taken: rollups cannot be merged
    with another import's without the posts, which this engine does not keep."""
    with transaction(store) as tx:
        if tx.execute("SELECT 1 FROM datasets WHERE name = ?", [name]).fetchone():
            raise SparkRefused("spark_engine.dataset_exists", name=name)
        dataset_id = int(
            tx.execute(
                """INSERT INTO datasets (name, platforms, source_format, file_hash, imported_at, rows_read,
                                         rows_loaded, rows_rejected, rows_duplicate, rows_context, refs_resolved,
                                         refs_unresolved, synthetic, timezone, hashtag, campaign, keep_posts, engine)
                   VALUES (?, ?, ?, ?, now()::TIMESTAMP, ?, ?, ?, ?, ?, 0, ?, FALSE, ?, ?, ?, 'none', 'spark')
                   RETURNING dataset_id""",
                [
                    name,
                    ",".join(sorted(computed.platforms)),
                    source_format,
                    next((f.file_hash for f in reversed(files) if f.file_hash), None),
                    counts.read,
                    counts.loaded,
                    counts.rejected,
                    counts.duplicates,
                    computed.context,
                    sum(computed.refs_unresolved.values()),
                    timezone,
                    computed.main_tag,
                    campaign.strip() if campaign and campaign.strip() else None,
                ],
            ).fetchone()[0]
        )
        for f in files:
            tx.execute(
                "INSERT INTO import_files VALUES (?, ?, ?, NULL, ?, now()::TIMESTAMP, ?)",
                [f.file_hash or "", dataset_id, f.original_name, f.source_format, json.dumps(report or {})],
            )
        for table, columns in WRITTEN.items():
            insert_rows(tx, table, columns, dataset_id, computed.tables[table])
        build_summaries(tx, dataset_id)
    return dataset_id
