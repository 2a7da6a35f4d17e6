"""Files read by Spark into the five frames the rollups read, with the columns of Clameur's tables (without
``dataset_id``): ``posts``, ``post_hashtags``, ``post_mentions``, ``context_posts`` and ``accounts``.

Spark reads three kinds of files: twarc2 files (pages, filtered-stream lines and `twarc2 flatten` lines, through
:func:`clameur.spark.twarc2.twarc2_frames`), and Clameur's own layout of posts (:mod:`clameur.ingest.parquet_layout`:
one row per post, hashtags and mentions as lists) as Parquet or as flat JSON lines, what `clameur demo --format
parquet|json` and the dataset exports write. Every other format is refused with a sentence naming these: DuckDB reads
them on one machine.

The layout is read the way the DuckDB importer reads it (:mod:`clameur.ingest.own_layout`,
:mod:`clameur.ingest.staging`, :mod:`clameur.ingest.loader`): ids trimmed (blank = missing), a row without an id
rejected, the first row of a repeated id kept, kind and platform defaulted, counts kept only when whole, hashtags
NFKC-normalised and casefolded once per distinct tag (:func:`clameur.ingest.loader.normalise_tag`, on the driver:
an archive has far fewer distinct tags than posts), mentions one row per list entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from clameur.errors import ClameurError, Message
from clameur.ingest.core import check_file
from clameur.ingest.errors import ImportRefused
from clameur.ingest.formats import FORMAT_NAMES, NotPosts, classify
from clameur.ingest.loader import normalise_tag
from clameur.ingest.own_layout import LAYOUT, is_json_layout_record
from clameur.ingest.records import Reject, read_json_records
from clameur.spark.session import first_line

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# The frames' columns: Clameur's tables (clameur.store) without dataset_id, in Spark's types.
SPARK_TYPES = {"VARCHAR": "string", "TIMESTAMP": "timestamp", "BIGINT": "bigint", "BOOLEAN": "boolean"}
TABLE_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "posts": [
        ("platform", "VARCHAR"),
        ("post_id", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("author_id", "VARCHAR"),
        ("author_handle", "VARCHAR"),
        ("text", "VARCHAR"),
        ("lang", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("ref_post_id", "VARCHAR"),
        ("ref_author_id", "VARCHAR"),
        ("ref_author_handle", "VARCHAR"),
        ("reply_to_post_id", "VARCHAR"),
        ("quote_of_post_id", "VARCHAR"),
        ("retweet_count", "BIGINT"),
        ("like_count", "BIGINT"),
        ("reply_count", "BIGINT"),
        ("quote_count", "BIGINT"),
        ("withheld", "VARCHAR"),
        ("source_line", "BIGINT"),
    ],
    "post_hashtags": [
        ("post_id", "VARCHAR"),
        ("tag", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("kind", "VARCHAR"),
        ("author_id", "VARCHAR"),
    ],
    "post_mentions": [
        ("post_id", "VARCHAR"),
        ("author_id", "VARCHAR"),
        ("mentioned_id", "VARCHAR"),
        ("mentioned_handle", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("kind", "VARCHAR"),
    ],
    "context_posts": [
        ("platform", "VARCHAR"),
        ("post_id", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
        ("author_id", "VARCHAR"),
        ("author_handle", "VARCHAR"),
        ("text", "VARCHAR"),
        ("lang", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("ref_post_id", "VARCHAR"),
        ("ref_author_id", "VARCHAR"),
        ("retweet_count", "BIGINT"),
        ("like_count", "BIGINT"),
        ("reply_count", "BIGINT"),
        ("quote_count", "BIGINT"),
    ],
    "accounts": [
        ("platform", "VARCHAR"),
        ("account_id", "VARCHAR"),
        ("handle", "VARCHAR"),
        ("name", "VARCHAR"),
        ("followers", "BIGINT"),
        ("verified", "BOOLEAN"),
        ("description", "VARCHAR"),
        ("created_at", "TIMESTAMP"),
    ],
}
FRAMES = tuple(TABLE_COLUMNS)

# What Spark reads, as the import report and the datasets row name it.
KINDS = ("twarc2", "parquet", "json")
_KINDS_READ = Message("spark_engine.kinds_read")

V1_TIME = "MMM dd HH:mm:ss Z yyyy"  # Twitter v1.1 without its day name (Spark parses no day names)
_COUNTS = ("author_followers", "retweet_count", "like_count", "reply_count", "quote_count")
_ODD_TAG = "exists(hashtags, t -> startswith(t, '{') OR startswith(t, '['))"
_ODD_MENTION = "exists(mentions, m -> m.id IS NULL AND m.handle IS NULL)"


class SparkRefused(ClameurError, ValueError):
    """A file or a request the Spark engine does not take (said in a sentence; nothing was changed)."""


@dataclass
class Source:
    """One path given to the import, and what it was found to be."""

    path: str
    kind: str  # twarc2 | parquet | json
    local: Path | None  # the file on this machine (hashed like the DuckDB importer's), None for a cluster's URL
    array: bool = False  # a JSON array rather than JSON lines
    detected: str = ""  # the format as the DuckDB importer names it (twarc2, twarc2_flat, parquet:clameur…)

    def __post_init__(self):
        self.detected = self.detected or {"parquet": "parquet:clameur", "json": "json:clameur"}.get(self.kind, "twarc2")

    @property
    def label(self) -> str:
        return FORMAT_NAMES.get(self.detected, self.detected)


@dataclass
class Read:
    """The frames and what reading them counted (``read = loaded + duplicates + rejected``; twarc2's reader keeps
    one copy of a repeated post without counting the others)."""

    frames: dict[str, DataFrame]
    read: int = 0
    rejected: int = 0
    duplicates: int = 0
    main_tags: DataFrame | None = None  # (tag, n) of every tag occurrence, when the reader knows them
    cached: list[DataFrame] = field(default_factory=list)  # what the reader cached: unpersist once read

    def release(self) -> None:
        for frame in self.cached:
            frame.unpersist()


def is_url(path: str) -> bool:
    """A path Spark reads itself (``hdfs://``, ``s3a://``, ``abfss://``, ``file://``…): a file, a folder or a
    pattern; a plain path is a file of this machine, checked and hashed here."""
    return "://" in path


def inspect(path: str, spark: SparkSession | None = None) -> Source:
    """What ``path`` is, from its first bytes and its first record; a SparkRefused sentence for what Spark does not
    read. A path Spark reads itself (a URL) is judged through ``spark``: a Parquet schema, or its first line."""
    if is_url(path):
        return _inspect_url(path, spark)
    local = Path(path)
    if not local.is_file():
        raise SparkRefused("cli.not_a_file", path=path)
    try:
        family = check_file(local)
    except ImportRefused as exc:
        raise SparkRefused("spark_engine.file_refused", path=path, reason=exc.said) from exc
    if family == "parquet":
        return Source(path, "parquet", local)
    if family == "csv":
        raise SparkRefused("spark_engine.format_not_read", path=path, what="CSV", kinds=_KINDS_READ)
    first = next(iter(read_json_records(local)), None)
    if first is None or isinstance(first, Reject):
        reason = first.reason if isinstance(first, Reject) else Message("ingest.no_records")
        raise SparkRefused("spark_engine.file_refused", path=path, reason=reason)
    with open(local, "rb") as f:
        array = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"["
    kind, detected = _json_kind(path, first.value)
    return Source(path, kind, local, array=array, detected=detected)


def _json_kind(path: str, record) -> tuple[str, str]:
    """(kind, the DuckDB importer's name of the format) of a file whose first record is ``record``."""
    if is_json_layout_record(record):
        return "json", "json:clameur"
    try:
        kind = classify(record)
    except NotPosts as exc:
        raise SparkRefused("spark_engine.format_not_read", path=path, what=exc.said, kinds=_KINDS_READ) from exc
    if kind in ("twarc2", "twarc2_flat"):  # pages, filtered-stream lines, `twarc2 flatten` lines
        return "twarc2", kind
    raise SparkRefused("spark_engine.format_not_read", path=path, what=FORMAT_NAMES.get(kind, kind), kinds=_KINDS_READ)


def _inspect_url(path: str, spark: SparkSession | None) -> Source:
    """A cluster's path (a file, a folder, a pattern): Parquet when Spark reads a Parquet schema there (footers
    only), else what its first line is."""
    import json

    assert spark is not None, "a URL is inspected once Spark runs"
    try:
        spark.read.parquet(path).schema  # noqa: B018 (reading the schema is the test)
        return Source(path, "parquet", None)
    except Exception:  # not Parquet (or not there: the text read below says which)
        pass
    try:
        row = spark.read.text(path).limit(1).collect()
    except Exception as exc:  # a missing path, a file system Spark has no connector for
        raise SparkRefused("spark_engine.read_failed", path=path, reason=first_line(str(exc))) from exc
    if not row:
        raise SparkRefused("spark_engine.file_refused", path=path, reason=Message("ingest.empty"))
    try:
        record = json.loads(row[0][0])
    except (TypeError, ValueError) as exc:
        what = Message("spark_engine.neither_json_nor_parquet")
        raise SparkRefused("spark_engine.format_not_read", path=path, what=what, kinds=_KINDS_READ) from exc
    kind, detected = _json_kind(path, record)
    return Source(path, kind, None, detected=detected)


def read_sources(spark: SparkSession, sources: list[Source]) -> Read:
    """The five frames of every source (files of several kinds are read each their way, then put together: a post
    both in a twarc2 file and in a file of Clameur's layout would count twice)."""
    parts: list[Read] = []
    layout = [s for s in sources if s.kind in ("parquet", "json")]
    if layout:
        parts.append(read_layout(spark, layout))
    twarc2 = [s.path for s in sources if s.kind == "twarc2"]
    if twarc2:
        parts.append(read_twarc2(spark, twarc2))
    if len(parts) == 1:
        return parts[0]
    frames = {name: parts[0].frames[name].unionByName(parts[1].frames[name]) for name in FRAMES}
    return Read(
        frames,
        read=sum(p.read for p in parts),
        rejected=sum(p.rejected for p in parts),
        duplicates=sum(p.duplicates for p in parts),
        cached=[f for p in parts for f in p.cached],
    )


def read_twarc2(spark: SparkSession, paths: list[str]) -> Read:
    """twarc2 pages, read by :func:`clameur.spark.twarc2.twarc2_frames`."""
    try:
        from clameur.spark.twarc2 import twarc2_frames
    except ImportError as exc:
        if getattr(exc, "name", None) != "clameur.spark.twarc2":
            raise
        raise SparkRefused("spark_engine.twarc2_missing", path=paths[0]) from exc
    frames = dict(twarc2_frames(spark, list(paths)))
    missing = [name for name in FRAMES if name not in frames]
    assert not missing, f"twarc2_frames returned no {missing}"
    rejects = frames.pop("rejects", None)  # lines not read and tweets without an id, with why
    rejected = rejects.count() if rejects is not None else 0
    # A repeated post is kept once by the reader, which does not count the copies: none is said to be a duplicate.
    return Read(frames, read=frames["posts"].count() + rejected, rejected=rejected)


def empty_frame(spark: SparkSession, name: str) -> DataFrame:
    return spark.createDataFrame([], schema=spark_schema(name))


def spark_schema(name: str) -> str:
    return ", ".join(f"{col} {SPARK_TYPES[typ]}" for col, typ in TABLE_COLUMNS[name])


def _json_schema() -> str:
    """The layout as flat JSON holds it: times as text (parsed like the DuckDB reader's), counts as doubles (kept
    only when whole), ids as text whatever the JSON wrote (a number's digits, never a float)."""
    types = {
        **{name: "string" for name in LAYOUT},
        **dict.fromkeys(_COUNTS, "double"),
        "hashtags": "array<string>",
        "mentions": "array<struct<id: string, handle: string>>",
    }
    return ", ".join(f"`{name}` {typ}" for name, typ in types.items())


def time_expr(col: str) -> str:
    """Spark SQL turning text ``col`` into a UTC timestamp, NULL when nothing fits: ISO 8601 with or without an offset
    (none = UTC), an offset after a space, Twitter v1.1 ('Wed Oct 10 20:19:24 +0000 2018'), epoch seconds or
    milliseconds (the formats of :func:`clameur.ingest.staging.time_sql`)."""
    s = f"trim({col})"
    return f"""CASE WHEN {s} RLIKE '^-?[0-9]{{1,11}}(\\\\.[0-9]+)?$'
                     THEN timestamp_micros(CAST(try_cast({s} AS DECIMAL(24, 6)) * 1000000 AS BIGINT))
                WHEN {s} RLIKE '^[0-9]{{12,14}}$' THEN timestamp_millis(try_cast({s} AS BIGINT))
                ELSE coalesce(
                    try_cast({s} AS TIMESTAMP),
                    try_cast(regexp_replace({s}, '\\\\s+([+-][0-9]{{2}}(:?[0-9]{{2}})?)$', '$1') AS TIMESTAMP),
                    try_to_timestamp(substr({s}, 5), '{V1_TIME}')) END"""


def _whole(col: str) -> str:
    """A count as BIGINT when it holds a whole number, else NULL (see staging.whole_number_sql)."""
    as_double = f"try_cast({col} AS DOUBLE)"
    return f"try_cast(CASE WHEN {as_double} % 1 = 0 THEN {col} END AS BIGINT)"


def _trimmed(col: str) -> str:
    return f"nullif(trim(CAST({col} AS STRING)), '')"


def _read_one(spark: SparkSession, source: Source) -> DataFrame:
    if source.kind == "parquet":
        frame = spark.read.parquet(source.path)
        missing = sorted(set(LAYOUT) - set(frame.columns))
        if missing:
            raise SparkRefused(
                "spark_engine.format_not_read",
                path=source.path,
                what=Message("spark_engine.parquet_other", missing=", ".join(missing)),
                kinds=_KINDS_READ,
            )
        return frame
    reader = spark.read.schema(_json_schema()).option("mode", "PERMISSIVE")
    return reader.option("multiLine", str(source.array).lower()).json(source.path)


def _staged_sql(types: dict[str, str], file_no: int, view: str) -> str:
    """The staged rows of one file (the DuckDB importer's ``insert_staged`` over ``stage_layout``)."""
    created = "created_at"
    if types.get(created, "string") == "string":
        created = time_expr("created_at")
    else:
        created = "CAST(created_at AS TIMESTAMP)"
    exprs = [
        "coalesce(platform, 'other') AS platform",
        f"{_trimmed('post_id')} AS post_id",
        f"{created} AS created_at",
        *(f"CAST({c} AS STRING) AS {c}" for c in ("author_id", "author_handle", "author_name", "text", "lang")),
        f"{_whole('author_followers')} AS author_followers",
        "coalesce(kind, 'original') AS kind",
        *(
            f"CAST({c} AS STRING) AS {c}"
            for c in ("ref_post_id", "ref_author_id", "ref_author_handle", "reply_to_post_id", "quote_of_post_id")
        ),
        *(f"{_whole(c)} AS {c}" for c in ("retweet_count", "like_count", "reply_count", "quote_count")),
        "CAST(withheld AS STRING) AS withheld",
        "hashtags",
        "mentions",
        f"{file_no} AS file_no",
        "monotonically_increasing_id() AS row_no",
    ]
    return f"SELECT {', '.join(exprs)} FROM {view}"  # noqa: S608 (constants and our own view names)


def read_layout(spark: SparkSession, sources: list[Source]) -> Read:
    """Files of Clameur's own layout (Parquet or flat JSON lines) into the five frames."""
    staged = None
    for n, source in enumerate(sources):
        try:
            raw = _read_one(spark, source)
        except SparkRefused:
            raise
        except Exception as exc:  # Spark's AnalysisException: a missing path, a corrupt footer
            raise SparkRefused("spark_engine.read_failed", path=source.path, reason=first_line(str(exc))) from exc
        view = f"clameur_raw_{n}"
        raw.createOrReplaceTempView(view)
        part = spark.sql(_staged_sql(dict(raw.dtypes), n, view))
        staged = part if staged is None else staged.unionByName(part)
    staged.createOrReplaceTempView("clameur_staged")
    total, without_id, odd = spark.sql(
        f"""SELECT count(*), count_if(post_id IS NULL),
                   count_if(kind NOT IN ('original', 'retweet', 'quote', 'reply') OR {_ODD_TAG} OR {_ODD_MENTION})
            FROM clameur_staged"""  # noqa: S608 (constants)
    ).first()
    if odd:
        raise SparkRefused("spark_engine.layout_odd", n=int(odd), paths=", ".join(s.path for s in sources))
    # The first row of each (platform, id), in the order of the files and of their rows.
    # Cached (without the texts, which no rollup reads and this engine does not store): every frame reads it.
    ready = spark.sql(
        """SELECT * EXCEPT (text, copy_no) FROM (
               SELECT *, row_number() OVER (PARTITION BY platform, post_id ORDER BY file_no, row_no) AS copy_no
               FROM clameur_staged WHERE post_id IS NOT NULL)
           WHERE copy_no = 1"""
    ).persist()
    ready.createOrReplaceTempView("clameur_ready")
    loaded = ready.count()
    frames = _layout_frames(spark)
    return Read(
        frames,
        cached=[ready],
        read=int(total),
        rejected=int(without_id),
        duplicates=int(total) - int(without_id) - int(loaded),
        main_tags=spark.sql("SELECT tag, count(*) AS n FROM clameur_tag_occurrences WHERE tag <> '' GROUP BY tag"),
    )


def _layout_frames(spark: SparkSession) -> dict[str, DataFrame]:
    dropped = {"source_line": "CAST(NULL AS BIGINT) AS source_line", "text": "CAST(NULL AS STRING) AS text"}
    posts_cols = ", ".join(dropped.get(c, c) for c, _ in TABLE_COLUMNS["posts"])
    frames = {"posts": spark.sql(f"SELECT {posts_cols} FROM clameur_ready")}  # noqa: S608 (constants)
    spark.sql(
        """SELECT post_id, created_at, kind, author_id, raw FROM clameur_ready
           LATERAL VIEW explode(hashtags) t AS raw WHERE raw IS NOT NULL AND raw <> ''"""
    ).createOrReplaceTempView("clameur_raw_tags")
    _tag_map(spark)
    spark.sql(
        """SELECT r.post_id, coalesce(m.norm, r.raw) AS tag, r.created_at, r.kind, r.author_id
           FROM clameur_raw_tags r LEFT JOIN clameur_tag_map m ON m.raw = r.raw"""
    ).createOrReplaceTempView("clameur_tag_occurrences")
    frames["post_hashtags"] = spark.sql(
        "SELECT DISTINCT post_id, tag, created_at, kind, author_id FROM clameur_tag_occurrences WHERE tag <> ''"
    )
    frames["post_mentions"] = spark.sql(
        """SELECT post_id, author_id, m.id AS mentioned_id, m.handle AS mentioned_handle, created_at, kind
           FROM clameur_ready LATERAL VIEW explode(mentions) t AS m"""
    )
    frames["context_posts"] = empty_frame(spark, "context_posts")
    # Authors of the posts, then the authors of the posts they refer to that are not among them (loader._DESCRIBED).
    # Where the rows name an account differently, the first row that names it is kept (DuckDB keeps any of them).
    frames["accounts"] = spark.sql(
        f"""WITH authors AS (
               SELECT platform, author_id AS account_id, {_first("author_handle")} AS handle,
                      {_first("author_name")} AS name, max(author_followers) AS followers
               FROM clameur_ready WHERE author_id IS NOT NULL GROUP BY platform, author_id)
           SELECT platform, account_id, handle, name, followers, CAST(NULL AS BOOLEAN) AS verified,
                  CAST(NULL AS STRING) AS description, CAST(NULL AS TIMESTAMP) AS created_at FROM authors
           UNION ALL
           SELECT r.platform, r.ref_author_id, {_first("r.ref_author_handle")}, NULL, NULL, NULL, NULL, NULL
           FROM clameur_ready r LEFT ANTI JOIN authors a ON a.platform = r.platform AND a.account_id = r.ref_author_id
           WHERE r.ref_author_id IS NOT NULL GROUP BY r.platform, r.ref_author_id"""  # noqa: S608 (constants)
    )
    return frames


def _first(col: str) -> str:
    """The first non-NULL ``col`` of a group, in the order of the files and their rows."""
    return f"min_by({col}, CASE WHEN {col} IS NOT NULL THEN struct(file_no, row_no) END)"


def _tag_map(spark: SparkSession) -> None:
    """``clameur_tag_map`` (raw → normalised) of the distinct raw tags that normalising changes, built on the driver
    with the DuckDB importer's own function; Clameur's exports hold normalised tags, and the map is then empty."""
    raws = spark.sql("SELECT DISTINCT raw FROM clameur_raw_tags").toArrow().column(0).to_pylist()
    changed = [(raw, normalise_tag(raw)) for raw in raws if normalise_tag(raw) != raw]
    spark.createDataFrame(changed, schema="raw string, norm string").createOrReplaceTempView("clameur_tag_map")


def source_format(sources: list[Source]) -> str:
    """The datasets row's source_format: the formats' names, as the DuckDB importer writes them."""
    return ",".join(dict.fromkeys(s.label for s in sources))
