"""The rollups computed by Spark: every definition of :mod:`clameur.rollups.definitions`, rendered for Spark, over
the frames registered as the views the definitions read (``src_posts``, ``src_hashtags``, ``src_mentions``,
``src_context``), and ``author_first_seen`` with the plausible-time rule of :func:`clameur.store.plausible_time`.

What comes back to this machine is rollup rows, never the posts: Parquet files a local Spark writes into a folder
the store reads (nothing is collected by the driver, whose memory holds the executors' too), or Arrow tables
collected from a cluster's driver or a Spark Connect server.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from clameur import settings
from clameur.rollups.definitions import ROLLUPS, STAGES, render, render_stage
from clameur.spark.readers import SPARK_TYPES, TABLE_COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

CONCURRENT_JOBS = 4  # rollup queries submitted to Spark at once
VIEWS = {
    "src_posts": "posts",
    "src_hashtags": "post_hashtags",
    "src_mentions": "post_mentions",
    "src_context": "context_posts",
}
# The columns of the posts the rollups read: the only ones kept in Spark's cache (not the texts).
_POSTS_READ = (
    "platform",
    "post_id",
    "created_at",
    "author_id",
    "author_handle",
    "kind",
    "ref_post_id",
    "ref_author_id",
    "ref_author_handle",
    "reply_to_post_id",
    "quote_of_post_id",
)
# store.plausible_time in Spark SQL: from 2006, at most a day ahead of now.
PLAUSIBLE = (
    f"(created_at >= TIMESTAMP '{settings.PLAUSIBLE_SINCE}' AND created_at <= current_timestamp() + INTERVAL 1 DAY)"
)
AUTHOR_FIRST_SEEN = f"""SELECT author_id, min(created_at) AS first_at FROM src_posts
                        WHERE author_id IS NOT NULL AND {PLAUSIBLE} GROUP BY author_id"""  # noqa: S608 (constants)
# What the import report says of the posts (the DuckDB importer's counts, from the frames).
_POST_FACTS = f"""SELECT count(*) AS loaded,
                        count_if(created_at IS NULL) AS unparsed,
                        count_if(NOT {PLAUSIBLE}) AS implausible,
                        count_if(kind = 'retweet' AND ref_author_id IS NULL) AS rt_unresolved,
                        count_if(kind = 'quote' AND ref_author_id IS NULL) AS qt_unresolved,
                        array_sort(collect_set(platform)) AS platforms
                 FROM src_posts"""  # noqa: S608 (constants)


@dataclass
class Computed:
    """Everything the store keeps of a Spark import: tables (rollups by name, ``accounts``, ``author_first_seen``),
    each in Arrow or in a folder of Parquet files, and the counts of the report."""

    tables: dict[str, pa.Table | Path]
    loaded: int = 0
    context: int = 0
    unparsed: int = 0
    implausible: int = 0
    refs_unresolved: dict[str, int] = field(default_factory=lambda: {"retweet": 0, "quote": 0})
    platforms: list[str] = field(default_factory=list)
    main_tag: str | None = None


def _typed(frame: DataFrame, name: str) -> DataFrame:
    """The frame with the table's columns in the table's types (times as UTC timestamps, whatever the reader gave:
    a naive time read from Parquet is a UTC time)."""
    from pyspark.sql import functions as F

    return frame.select(*(F.col(col).cast(SPARK_TYPES[typ]).alias(col) for col, typ in TABLE_COLUMNS[name]))


def register(spark: SparkSession, frames: dict[str, DataFrame]) -> list[DataFrame]:
    """Register the frames as the views the definitions read, then the stages the definitions share (cached, built
    once for all of them); returns the cached frames (unpersist them after)."""
    cached = []
    for view, name in VIEWS.items():
        frame = _typed(frames[name], name)
        if name == "posts":
            frame = frame.select(*_POSTS_READ)
        frame = frame.persist()
        cached.append(frame)
        frame.createOrReplaceTempView(view)
    for stage in STAGES:
        frame = spark.sql(render_stage(stage, "spark")).persist()
        cached.append(frame)
        frame.createOrReplaceTempView(stage)
    return cached


def unregister(spark: SparkSession, cached: list[DataFrame]) -> None:
    for frame in cached:
        frame.unpersist()
    for view in (*VIEWS, *STAGES):
        spark.catalog.dropTempView(view)


def _queries() -> dict[str, str]:
    return {**{rollup.name: render(rollup, "spark") for rollup in ROLLUPS}, "author_first_seen": AUTHOR_FIRST_SEEN}


def _run_all(spark: SparkSession, spill: Path | None) -> dict[str, pa.Table | Path]:
    """Every rollup and author_first_seen over the registered views: Arrow tables, or with ``spill`` folders of
    Parquet files in it. The jobs are submitted together: Spark schedules them side by side, which keeps a
    cluster's executors (and a laptop's cores) busy."""
    queries = _queries()
    with ThreadPoolExecutor(max_workers=CONCURRENT_JOBS, thread_name_prefix="clameur-spark") as pool:
        results = pool.map(lambda item: _result(spark.sql(item[1]), item[0], spill), queries.items())
        return dict(zip(queries, results, strict=True))


def _result(frame: DataFrame, name: str, spill: Path | None) -> pa.Table | Path:
    if spill is None:
        return frame.toArrow()
    folder = spill / name
    frame.write.parquet(str(folder))
    return folder


def row_count(table: pa.Table | Path) -> int:
    if isinstance(table, Path):
        import pyarrow.parquet as pq

        return sum(pq.read_metadata(part).num_rows for part in table.glob("*.parquet"))
    return table.num_rows


def tables(spark: SparkSession, frames: dict[str, DataFrame]) -> dict[str, pa.Table]:
    """The rollups and author_first_seen of the frames' posts, as Arrow tables (what the equivalence test
    compares)."""
    cached = register(spark, frames)
    try:
        return _run_all(spark, None)
    finally:
        unregister(spark, cached)


def compute(
    spark: SparkSession, frames: dict[str, DataFrame], main_tags: DataFrame | None = None, spill: Path | None = None
) -> Computed:
    """Every rollup of the frames' posts, ``accounts`` and ``author_first_seen`` on this machine (written as Parquet
    into ``spill`` when given, a folder a local Spark and the store both reach), and the counts of the report."""
    cached = register(spark, frames)
    try:
        out = _run_all(spark, spill)
        out["accounts"] = _result(_typed(frames["accounts"], "accounts"), "accounts", spill)
        facts = spark.sql(_POST_FACTS).first()
        context = spark.sql("SELECT count(*) FROM src_context").first()[0]
        tags = (
            main_tags
            if main_tags is not None
            else spark.sql("SELECT tag, count(*) AS n FROM src_hashtags GROUP BY tag")
        )
        top = tags.orderBy(tags["n"].desc(), tags["tag"].asc()).limit(1).collect()
    finally:
        unregister(spark, cached)
    return Computed(
        out,
        loaded=int(facts["loaded"]),
        context=int(context),
        unparsed=int(facts["unparsed"]),
        implausible=int(facts["implausible"]),
        refs_unresolved={"retweet": int(facts["rt_unresolved"]), "quote": int(facts["qt_unresolved"])},
        platforms=[p for p in facts["platforms"] if p],
        main_tag=top[0]["tag"] if top else None,
    )
