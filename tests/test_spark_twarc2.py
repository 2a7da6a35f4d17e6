"""The Spark reader of twarc2 files gives, for every real twarc2 sample, exactly the rows DuckDB's importer stores.

Each sample is imported by the DuckDB importer into a fresh store; the five tables of that dataset are compared
with the Spark frames row for row, every column, the columns' names and types read from DuckDB itself.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("pyspark")

from clameur.ingest import ImportRefused, run_import  # noqa: E402
from clameur.ingest.loader import normalise_tag  # noqa: E402
from clameur.ingest.staging import time_sql  # noqa: E402
from clameur.spark.twarc2 import tag_map, twarc2_frames, utc_time  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TABLES = ("posts", "post_hashtags", "post_mentions", "context_posts", "accounts")
NOT_POSTS = {"twarc-csv_users.jsonl", "twarc-csv_counts.jsonl"}  # a user lookup and a counts response
SAMPLES = [
    *sorted(p for p in (FIXTURES / "twarc2_jsonl").glob("*.jsonl") if p.name not in NOT_POSTS),
    FIXTURES / "twarc_csv" / "twarc-csv_small_sample_2021-03_source_flat.jsonl",  # `twarc2 flatten` lines
]
# DuckDB's type names as Spark's
SPARK_TYPE = {"VARCHAR": "string", "TIMESTAMP": "timestamp_ntz", "BIGINT": "bigint", "BOOLEAN": "boolean"}


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _imported(fstore, path: Path) -> tuple[int, dict[str, tuple[list[tuple[str, str]], list[tuple]]], list[int]]:
    """DuckDB's import of ``path``: dataset id, each table's (columns and types without dataset_id, rows), and the
    rejected lines."""
    report = run_import(fstore, path, dataset_name=path.stem)
    cur = fstore.cursor()
    tables = {}
    for table in TABLES:
        columns = [
            (name, typ)
            for name, typ in cur.execute(
                """SELECT column_name, data_type FROM duckdb_columns()
                   WHERE database_name = current_database() AND table_name = ? ORDER BY column_index""",
                [table],
            ).fetchall()
            if name != "dataset_id"
        ]
        names = ", ".join(name for name, _ in columns)
        rows = cur.execute(f"SELECT {names} FROM {table} WHERE dataset_id = ?", [report.dataset_id]).fetchall()
        tables[table] = (columns, rows)
    rejected = cur.execute("SELECT line_no FROM import_rejects WHERE dataset_id = ?", [report.dataset_id]).fetchall()
    return report.dataset_id, tables, sorted(r[0] for r in rejected)


def _differences(spark_rows: list[tuple], duck_rows: list[tuple]) -> str:
    only_spark = Counter(spark_rows) - Counter(duck_rows)
    only_duck = Counter(duck_rows) - Counter(spark_rows)
    return (
        f"{sum(only_spark.values())} rows only in Spark, {sum(only_duck.values())} only in DuckDB\n"
        f"Spark: {sorted(only_spark, key=repr)[:4]}\nDuckDB: {sorted(only_duck, key=repr)[:4]}"
    )


def _spark_tables(spark, paths: list[Path]) -> dict:
    """Spark's frames of the files ``paths``: each table's columns (name, Spark type) and rows, and the rejected
    lines."""
    frames = twarc2_frames(spark, [str(p) for p in paths])
    out = {
        table: ([(f.name, f.dataType.simpleString()) for f in frames[table].schema.fields], frames[table].collect())
        for table in TABLES
    }
    out["rejects"] = sorted(r.source_line for r in frames["rejects"].collect())
    return out


def _assert_same(spark, fstore, path: Path, read: list[Path] | None = None, computed: dict | None = None) -> dict:
    """Spark's frames of the files ``read`` (by default ``path``; ``computed``: their :func:`_spark_tables`, read
    already) equal the tables of DuckDB's import of ``path``."""
    _, tables, rejected = _imported(fstore, path)
    got = computed if computed is not None else _spark_tables(spark, read or [path])
    for table in TABLES:
        columns, duck_rows = tables[table]
        schema, rows = got[table]
        assert schema == [(name, SPARK_TYPE[typ]) for name, typ in columns], table
        spark_rows = [tuple(row) for row in rows]
        assert Counter(spark_rows) == Counter(duck_rows), f"{path.name}, {table}: {_differences(spark_rows, duck_rows)}"
    assert got["rejects"] == rejected
    return {table: len(tables[table][1]) for table in TABLES}


@pytest.fixture(scope="module")
def read_by_spark(spark) -> dict[Path, dict]:
    """Every sample read by Spark, several at once: one small file's jobs leave the cores mostly idle (scheduling,
    not work), and Spark runs the jobs of several threads side by side."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(SAMPLES, pool.map(lambda path: _spark_tables(spark, [path]), SAMPLES), strict=True))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_twarc2_sample_gives_duckdbs_rows(spark, fstore, read_by_spark, path):
    counts = _assert_same(spark, fstore, path, computed=read_by_spark[path])
    assert counts["posts"] > 0
    if path.name == "twarc-csv_2sets.jsonl":  # the equalities are not those of empty tables
        assert all(n > 0 for n in counts.values()), counts


def test_several_files_read_together_as_one(spark, fstore):
    """The 2sets sample is the kpop page followed by the brexit page: Spark reading the two files gives the rows
    DuckDB stores for the one."""
    folder = FIXTURES / "twarc2_jsonl"
    _assert_same(
        spark,
        fstore,
        folder / "twarc-csv_2sets.jsonl",
        [folder / "twarc-csv_kpop.jsonl", folder / "twarc-csv_brexit.jsonl"],
    )


def test_a_post_repeated_is_kept_once(spark, fstore, tmp_path):
    page = (FIXTURES / "twarc2_jsonl" / "twarc-csv_kpop.jsonl").read_text(encoding="utf-8").strip()
    path = tmp_path / "kpop_twice.jsonl"
    path.write_text(f"{page}\n{page}\n", encoding="utf-8")
    counts = _assert_same(spark, fstore, path)
    assert counts["posts"] == 100  # the page's tweets, once (MANIFEST.md)


def test_line_numbers_across_splits(spark, fstore):
    """A file read by several tasks (one per byte range) still numbers its lines from its start: the stream sample,
    read line by line by DuckDB (its line 8 is broken), keeps each post's line and rejects line 8."""
    path = FIXTURES / "twarc2_jsonl" / "twarc-csv_streaming_output_with_error.jsonl"
    spark.conf.set("spark.sql.files.maxPartitionBytes", "4096")
    spark.conf.set("spark.sql.files.openCostInBytes", "0")
    try:
        assert spark.read.text(str(path)).rdd.getNumPartitions() > 3
        _assert_same(spark, fstore, path)
        lines = sorted(r.source_line for r in twarc2_frames(spark, [str(path)])["posts"].collect())
    finally:
        spark.conf.unset("spark.sql.files.maxPartitionBytes")
        spark.conf.unset("spark.sql.files.openCostInBytes")
    assert lines == [1, 2, 3, 4, 5, 6, 7]


def test_a_page_file_with_a_broken_line(spark, fstore, tmp_path):
    """DuckDB reads such a file line by line: its posts keep their line, the broken line is rejected; blank lines
    count as lines."""
    path = tmp_path / "kpop_and_a_broken_line.jsonl"
    page = (FIXTURES / "twarc2_jsonl" / "twarc-csv_kpop.jsonl").read_text(encoding="utf-8").strip()
    path.write_text(f'\n{page}\n\n{{"data": [\n', encoding="utf-8")
    _assert_same(spark, fstore, path)
    frames = twarc2_frames(spark, [str(path)])
    assert {r.source_line for r in frames["posts"].collect()} == {2}
    assert [(r.source_line, r.reason) for r in frames["rejects"].collect()] == [(4, "bad_json")]


def test_the_sessions_time_zone_plays_no_part(spark, fstore):
    spark.conf.set("spark.sql.session.timeZone", "America/New_York")
    try:
        _assert_same(spark, fstore, FIXTURES / "twarc2_jsonl" / "twarc-csv_brexit.jsonl")
    finally:
        spark.conf.set("spark.sql.session.timeZone", "UTC")


@pytest.mark.parametrize("name", sorted(NOT_POSTS))
def test_a_file_of_users_or_counts_gives_no_posts(spark, fstore, name):
    path = FIXTURES / "twarc2_jsonl" / name
    with pytest.raises(ImportRefused):
        run_import(fstore, path, dataset_name="x")
    frames = twarc2_frames(spark, [str(path)])
    assert all(frames[table].count() == 0 for table in TABLES)
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]
    assert sorted((r.source_line, r.reason) for r in frames["rejects"].collect()) == [(n, "not_a_post") for n in lines]


def test_times_read_as_duckdbs_importer_reads_them(spark):
    raw = [
        "2021-09-22T16:30:00.000Z",
        "2021-09-22T16:30:00.123456Z",
        "2021-09-22T16:30:00+02:00",
        " 2021-09-22 16:30:00 ",
        "2021-09-22",
        "2020-06-17 18:00:00 +0200",
        "2020-06-17T18:00:00-0530",
        "Wed Oct 10 20:19:24 +0000 2018",
        "Wed Oct 10 20:19:24 +0200 2018",
        "1600000000",
        "1600000000.25",
        "1600000000123",
        "garbage",
        "16:30:00",
        "2021",
        "2021-09",
        "",
        None,
    ]
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    expected = [con.execute(f"SELECT {time_sql('v')} FROM (SELECT ?::VARCHAR AS v)", [v]).fetchone()[0] for v in raw]
    frame = spark.createDataFrame([(i, v) for i, v in enumerate(raw)], "i int, raw string")
    spark.conf.set("spark.sql.session.timeZone", "Asia/Kolkata")
    try:
        got = [r.t for r in frame.select("i", utc_time(frame["raw"]).alias("t")).orderBy("i").collect()]
    finally:
        spark.conf.set("spark.sql.session.timeZone", "UTC")
    assert got == expected
    assert expected[0] is not None and expected[raw.index("garbage")] is None


def test_hashtags_normalised_as_the_loader_does(spark):
    tags = [
        "BalanceTonTikTokeur",
        "balance_2020",
        "＃BalanceTonTikTokeur",
        "cafe\u0301",
        "café",
        "Straße",
        "ＣＯＶＩＤ",
    ]
    tags += [" x ", "#", "#x", "Ǆ", "İstanbul", "ΣΊΣΥΦΟΣ", "케이팝"]
    frame = spark.createDataFrame([(t,) for t in tags], "raw string")
    got = {r.raw: r.tag for r in tag_map(frame).collect()}
    assert got == {t: normalise_tag(t) for t in tags}
