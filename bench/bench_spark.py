"""Spark local mode beside DuckDB (issue 20: at 5M posts, reported as measured), and a paper estimate of what a
1B-post archive needs on a cluster, computed from the measured per-post costs (the arithmetic is printed).

The same file (Clameur's Parquet layout by default, written once from the bench campaign; ``--spark-format
twarc2`` for the twarc2 file) is imported twice in fresh processes: `clameur import FILE` (DuckDB) and
`clameur import --engine spark FILE` (Spark, `local[*]`). A small file is imported by Spark too, to separate its
fixed cost (the JVM, the session) from its cost per post. Each run's CPU is that of the whole process tree,
the JVM included, and its peak memory is sampled.

    python -m bench.run --only spark --sizes 5000000 --repeats 1
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import duckdb

from bench.bench_rollups import import_once, twarc2_file
from bench.measure import folder_mb, run_sampled

OUT = Path(__file__).parent / "out"
PROBE_POSTS = 100_000  # the small import that tells Spark's fixed cost
ARCHIVE_POSTS = 1_000_000_000
CLUSTERS = (64, 256, 1024)  # cores


def spark_import(path: Path, work: Path, options: tuple[str, ...] = ()) -> dict | str:
    """One `clameur import --engine spark`; a sentence instead when this checkout's command has no Spark engine."""
    db = work / "spark" / "c.duckdb"
    shutil.rmtree(db.parent, ignore_errors=True)
    db.parent.mkdir(parents=True)
    done = run_sampled(
        [
            sys.executable,
            "-m",
            "clameur.cli",
            "import",
            "--engine",
            "spark",
            str(path),
            "--dataset",
            "bench",
            "--db",
            str(db),
            *options,
        ]  # fmt: skip
    )
    if done.returncode != 0:
        err = done.stderr.strip()
        if "--engine" in err and ("unrecognized" in err or "invalid choice" in err):
            return "`clameur import --engine spark` is not in this checkout yet"
        return f"ERROR {(err.splitlines() or ['?'])[-1][:160]}"
    rollup_rows = _rollup_rows(db)
    result = {
        "seconds": done.seconds,
        "peak_mb": done.peak_mb,
        "cpu_s": done.cpu_s,
        "db_mb": folder_mb(db.parent),
        "rollup_rows": rollup_rows,
    }
    shutil.rmtree(db.parent, ignore_errors=True)
    return result


def _rollup_rows(db: Path) -> int:
    from clameur.rollups.definitions import ROLLUPS

    con = duckdb.connect(str(db), read_only=True)
    try:
        return sum(con.execute(f"SELECT count(*) FROM {r.name}").fetchone()[0] for r in ROLLUPS)  # noqa: S608
    finally:
        con.close()


def source_file(n_posts: int, fmt: str) -> Path:
    from bench.bench_scale import parquet_file
    from bench.run import campaign_db

    if fmt == "twarc2":
        return twarc2_file(OUT / f"files_{n_posts}", n_posts)
    return parquet_file(campaign_db(n_posts), n_posts)


def estimate(n: int, duck: dict, spark: dict, probe: dict | None, file_mb: float) -> list[str]:
    """The paper estimate for ARCHIVE_POSTS, line by line with its arithmetic."""
    lines = [f"Paper estimate for {ARCHIVE_POSTS:,} posts, from the measured runs at {n:,} posts:"]
    if probe is not None and n > PROBE_POSTS:
        per_cpu = (spark["cpu_s"] - probe["cpu_s"]) / (n - PROBE_POSTS)
        fixed = probe["seconds"]  # the whole small run stands for the fixed cost: a little more than it is
        lines.append(
            f"- Spark CPU per post = (CPU at {n:,} − CPU at {PROBE_POSTS:,}) / ({n:,} − {PROBE_POSTS:,}) = "
            f"({spark['cpu_s']:,.1f} − {probe['cpu_s']:,.1f}) / {n - PROBE_POSTS:,} = {per_cpu * 1e6:,.2f} core·µs"
        )
        lines.append(f"- Spark fixed cost (the small import's wall time, JVM and session included) ≈ {fixed:,.1f} s")
    else:
        per_cpu = spark["cpu_s"] / n
        fixed = 0.0
        lines.append(f"- Spark CPU per post = {spark['cpu_s']:,.1f} core·s / {n:,} = {per_cpu * 1e6:,.2f} core·µs")
    total = per_cpu * ARCHIVE_POSTS
    lines.append(
        f"- Spark CPU for the archive = {per_cpu * 1e6:,.2f} core·µs × {ARCHIVE_POSTS:,} = {total:,.0f} core·s "
        f"= {total / 3600:,.1f} core·hours"
    )
    for cores in CLUSTERS:
        wall = fixed + total / cores
        lines.append(
            f"- on {cores:,} cores, the work divided evenly: {fixed:,.0f} s + {total:,.0f} / {cores:,} = {wall:,.0f} s "
            f"≈ {wall / 60:,.1f} min (no shuffle or network time counted: a lower bound)"
        )
    duck_rate = n / duck["seconds"]
    lines.append(
        f"- DuckDB on this machine, for comparison: {ARCHIVE_POSTS:,} / {duck_rate:,.0f} posts/s = "
        f"{ARCHIVE_POSTS / duck_rate / 3600:,.1f} h, if its speed held (its memory and disk would not: "
        f"{duck['db_mb'] / n * ARCHIVE_POSTS / 1e3:,.0f} GB of database at {duck['db_mb'] / n * 1e3:,.2f} KB a post)"
    )
    lines.append(
        f"- input read on the cluster: {file_mb / n * 1e3:,.2f} KB a post × {ARCHIVE_POSTS:,} = "
        f"{file_mb / n * ARCHIVE_POSTS / 1e3:,.0f} GB"
    )
    per_post_rows = spark["rollup_rows"] / n
    lines.append(
        f"- sent back (rollups only): {spark['rollup_rows']:,} rows for {n:,} posts = {per_post_rows:,.3f} a post; "
        f"× {ARCHIVE_POSTS:,} ≤ {per_post_rows * ARCHIVE_POSTS:,.0f} rows (an upper bound: minutes and accounts "
        "repeat as an archive grows)"
    )
    return lines


def run(work: Path, n_posts: int, repeats: int, fmt: str = "parquet") -> tuple[list[dict], str]:
    path = source_file(n_posts, fmt)
    work = OUT / f"files_{n_posts}"
    duck = import_once(path, work)
    spark = spark_import(path, work)
    rows = [
        {
            "area": "spark",
            "case": (
                f"DuckDB import of a {fmt} file, whole process (peak {duck['peak_mb']:,.0f} MB, "
                f"CPU {duck['cpu_s']:,.0f} s)"
            ),
            "n_posts": n_posts,
            "median_s": duck["seconds"],
            "rows_per_s": n_posts / duck["seconds"],
        }
    ]
    if isinstance(spark, str):
        rows.append({"area": "spark", "case": f"Spark local[*]: {spark}", "n_posts": n_posts, "ok": None})
        return rows, ""
    probe = None
    if n_posts > PROBE_POSTS:
        probe_result = spark_import(source_file(PROBE_POSTS, fmt), OUT / f"files_{PROBE_POSTS}")
        probe = probe_result if isinstance(probe_result, dict) else None
    rows.append(
        {
            "area": "spark",
            "case": (
                f"Spark local[*] import of the same file (peak {spark['peak_mb']:,.0f} MB, CPU "
                f"{spark['cpu_s']:,.0f} s, database {spark['db_mb']:,.0f} MB; ratio: × DuckDB's time)"
            ),
            "n_posts": n_posts,
            "median_s": spark["seconds"],
            "ratio": spark["seconds"] / duck["seconds"],
            "rows_per_s": n_posts / spark["seconds"],
            "target": "reported as measured",
        }
    )
    return rows, "\n".join(estimate(n_posts, duck, spark, probe, folder_mb(path)))
