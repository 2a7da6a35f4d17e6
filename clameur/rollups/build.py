"""Build one dataset's rollups in DuckDB, inside the import's transaction."""

from __future__ import annotations

from clameur.rollups.definitions import ROLLUPS, STAGES, render, render_stage

# The views each definition reads, over one dataset's rows (the dataset id is an int we hold, never user text).
_SOURCES = {
    "src_posts": "posts",
    "src_hashtags": "post_hashtags",
    "src_mentions": "post_mentions",
    "src_context": "context_posts",
}


def build_rollups(cur, dataset_id: int) -> None:
    """Replace the dataset's rollup rows with ones computed from its posts (call inside the loading transaction,
    before any post is let go under a keep-posts policy)."""
    ds = int(dataset_id)
    for view, table in _SOURCES.items():
        cur.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM {table} WHERE dataset_id = {ds}")
    # No cleanup on failure: the caller rolls the transaction back, which takes the views and stages with it.
    for stage in STAGES:
        cur.execute(f"CREATE OR REPLACE TEMP TABLE {stage} AS {render_stage(stage, 'duckdb')}")
    for rollup in ROLLUPS:
        cur.execute(f"DELETE FROM {rollup.name} WHERE dataset_id = ?", [ds])
        cols = ", ".join(rollup.names)
        insert = f"INSERT INTO {rollup.name} (dataset_id, {cols}) SELECT {ds}, {cols} FROM ({render(rollup, 'duckdb')})"
        if rollup.parts is None:
            cur.execute(insert)
            continue
        column, values = rollup.parts  # a column of ours and fixed values, bound as parameters
        for value in values:
            cur.execute(f"{insert} WHERE {column} = ?", [value])
        # a list of values, not unnest(?): DuckDB pushes this filter below the GROUP BY, not a semi-join (which
        # grouped every row first and ran out of memory at 20M posts)
        marks = ", ".join("?" for _ in values)
        cur.execute(f"{insert} WHERE {column} IS NULL OR {column} NOT IN ({marks})", list(values))
    for stage in STAGES:
        cur.execute(f"DROP TABLE IF EXISTS {stage}")
    for view in _SOURCES:
        cur.execute(f"DROP VIEW IF EXISTS {view}")
