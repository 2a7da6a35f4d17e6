"""Flat files: `clameur import` of flat JSON records, a CSV and a Parquet file (the same posts in Clameur's columns),
in rows per second (target ≥ 300k rows/s each), measured through the command line like a researcher runs it.

`twarc2 flatten` lines are measured too, without a target: despite the name they are nested JSON (each tweet carries
its author and its referenced tweets), read like twarc2 pages and compared with a bare read in bench_import."""

from __future__ import annotations

import statistics
from pathlib import Path

import duckdb

from bench.bench_import import cli_import
from clameur.demo_export import write_export

TARGET_ROWS_PER_S = 300_000


def _files(work: Path, n_posts: int) -> dict[str, Path]:
    parquet = work / f"layout_{n_posts}.parquet"
    csv = work / f"layout_{n_posts}.csv"
    if not parquet.exists():
        write_export(n_posts, "parquet", parquet)
    if not csv.exists():
        duckdb.connect().execute(
            "COPY (SELECT * EXCLUDE (mentions) FROM read_parquet(?)) TO '" + str(csv).replace("'", "''") + "'",  # noqa: S608 (our path)
            [str(parquet)],
        )
    records = work / f"json_{n_posts}.jsonl"
    if not records.exists():
        write_export(n_posts, "json", records)
    flat = work / f"flat_{n_posts}.jsonl"
    if not flat.exists():
        write_export(n_posts, "twarc2_flat", flat)
    return {
        "flat JSON records (Clameur columns, mapped by preset)": records,
        "CSV (Clameur columns, mapped by preset)": csv,
        "Parquet (Clameur layout)": parquet,
        "twarc2 flatten lines (nested JSON)": flat,
    }


def run(work: Path, n_posts: int, repeats: int) -> list[dict]:
    rows = []
    for case, path in _files(work, n_posts).items():
        median = statistics.median(cli_import(path, work) for _ in range(repeats))
        rate = n_posts / median
        row = {"area": "import", "case": f"clameur import {case}", "n_posts": n_posts, "median_s": median}
        row["rows_per_s"] = rate
        if "nested" not in case:
            row.update(ok=rate >= TARGET_ROWS_PER_S, target="≥ 300k rows/s")
        rows.append(row)
    return rows
