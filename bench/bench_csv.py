"""Flat files: `clameur import` of flat JSON (`twarc2 flatten`), a CSV and a Parquet file (Clameur's layout),
in rows per second (target ≥ 300k rows/s each), measured through the command line like a researcher runs it."""

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
    flat = work / f"flat_{n_posts}.jsonl"
    if not flat.exists():
        write_export(n_posts, "twarc2_flat", flat)
    return {
        "flat JSON (twarc2 flatten lines)": flat,
        "CSV (Clameur columns, mapped by preset)": csv,
        "Parquet (Clameur layout)": parquet,
    }


def run(work: Path, n_posts: int, repeats: int) -> list[dict]:
    rows = []
    for case, path in _files(work, n_posts).items():
        median = statistics.median(cli_import(path, work) for _ in range(repeats))
        rate = n_posts / median
        rows.append(
            {
                "area": "import",
                "case": f"clameur import {case}",
                "n_posts": n_posts,
                "median_s": median,
                "rows_per_s": rate,
                "ok": rate >= TARGET_ROWS_PER_S,
                "target": "≥ 300k rows/s",
            }
        )
    return rows
