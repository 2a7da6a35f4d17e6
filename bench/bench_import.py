"""Import benchmark: `clameur import` of a twarc2 file vs a bare DuckDB read_json of the same file with an
explicit schema (the floor), measured side by side; plus peak memory of the import."""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from clameur.demo_export import write_export
from clameur.ingest.twarc2_duckdb import COLUMNS

SCHEMA = COLUMNS  # the floor: the same explicit schema the importer reads


def _bare(path: Path) -> None:
    con = duckdb.connect()
    con.execute(
        "SELECT count(*) FROM (SELECT unnest(data) FROM read_json(?, format='newline_delimited', "
        "columns=?, maximum_object_size=16777216))",
        [str(path), SCHEMA],
    ).fetchall()
    con.close()


def cli_import(path: Path, work: Path) -> float:
    db = work / "imp" / "c.duckdb"
    shutil.rmtree(db.parent, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "clameur.cli", "import", str(path), "--dataset", "bench", "--db", str(db)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def run(work: Path, n_posts: int, repeats: int) -> list[dict]:
    path = work / f"twarc2_{n_posts}.jsonl"
    if not path.exists():
        write_export(n_posts, "twarc2", path)
    bare, imp = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        _bare(path)
        bare.append(time.perf_counter() - started)
        imp.append(cli_import(path, work))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    b, i = statistics.median(bare), statistics.median(imp)
    return [
        {
            "area": "import",
            "case": "bare DuckDB read_json (the importer's explicit schema)",
            "n_posts": n_posts,
            "median_s": b,
        },
        {
            "area": "import",
            "case": f"clameur import twarc2 (peak {peak_mb:,.0f} MB)",
            "n_posts": n_posts,
            "median_s": i,
            "ratio": i / b,
            "ok": i / b <= 1.5,
            "rows_per_s": n_posts / i,
            "target": "≤ 1.5×",
        },
    ]
