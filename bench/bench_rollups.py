"""What the rollups add to an import (issue 20: ≤ 20% of a DuckDB import of 1M twarc2 tweets) and the import's peak
memory (≤ 3 GB at any size).

`clameur import` of the bench's twarc2 file, run twice side by side in each repeat, each in a fresh process:
- as shipped, with `build_rollups` timed inside the import (a wrapper around the function, set in the child
  before the command runs: nothing in clameur/ changes);
- with the rollup step left out (the same wrapper returning at once), the import as it was before the rollups.
Two ratios follow: the rollup step's own time over the rest of the import, and the import with rollups over the
import without. Peak memory is the largest resident memory of the import's process tree, sampled every 100 ms.

    python -m bench.run --only rollups --sizes 1000000 --repeats 3
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from pathlib import Path

import duckdb

from bench.measure import folder_mb, run_sampled
from clameur import settings

TARGET_RATIO = 0.20
PEAK_TARGET_MB = 3 * 1024

# The import, with every module's reference to build_rollups wrapped: timed, or skipped when asked.
IMPORT_CHILD = """
import json, sys, time
import clameur.cli, clameur.rollups.build as rb
skip = sys.argv[1] == 'skip'
original = rb.build_rollups
spent = [0.0]
def wrapped(cur, dataset_id):
    if skip:
        return None
    started = time.perf_counter()
    try:
        return original(cur, dataset_id)
    finally:
        spent[0] += time.perf_counter() - started
for module in list(sys.modules.values()):
    if getattr(module, 'build_rollups', None) is original:
        module.build_rollups = wrapped
started = time.perf_counter()
code = clameur.cli.main(sys.argv[2:])
total = time.perf_counter() - started
print(json.dumps({'rollups': spent[0], 'import': total, 'code': code}), file=sys.stderr)
sys.exit(code)
"""


def import_once(path: Path, work: Path, skip_rollups: bool = False, options: tuple[str, ...] = ()) -> dict:
    """One `clameur import` of ``path`` into a new database: seconds (whole process, and the command alone), the
    rollup step's seconds, peak MB of the process tree, CPU seconds, database MB."""
    db = work / ("imp_skip" if skip_rollups else "imp") / "c.duckdb"
    shutil.rmtree(db.parent, ignore_errors=True)
    done = run_sampled(
        [
            sys.executable,
            "-c",
            IMPORT_CHILD,
            "skip" if skip_rollups else "time",
            "import",
            str(path),
            "--dataset",
            "bench",
            "--db",
            str(db),
            *options,
        ]
    )
    if done.returncode != 0:
        raise RuntimeError(f"clameur import failed: {done.stderr.strip()[-500:]}")
    inner = json.loads(done.stderr.strip().splitlines()[-1])
    size = folder_mb(db) + sum(folder_mb(p) for p in db.parent.glob("c.duckdb.wal"))
    shutil.rmtree(db.parent, ignore_errors=True)
    return {
        "seconds": done.seconds,
        "command_s": inner["import"],
        "rollups_s": inner["rollups"],
        "peak_mb": done.peak_mb,
        "cpu_s": done.cpu_s,
        "db_mb": size,
    }


def twarc2_file(work: Path, n_posts: int) -> Path:
    """The bench's twarc2 file of ``n_posts`` tweets (bench_import's, written once)."""
    from clameur.demo.export import write_export

    path = work / f"twarc2_{n_posts}.jsonl"
    if not path.exists():
        work.mkdir(parents=True, exist_ok=True)
        write_export(n_posts, "twarc2", path)
    return path


def each_rollup(db_path: Path, n_posts: int, repeats: int) -> list[dict]:
    """Each rollup's own time, computed into a temporary table from a campaign database (read only) over the same
    views `build_rollups` makes: which of them the import's rollup step spends its time on."""
    from clameur.rollups.build import _SOURCES
    from clameur.rollups.definitions import ROLLUPS, STAGES, render, render_stage

    con = duckdb.connect(str(db_path), read_only=True)
    rows = []
    try:
        con.execute("SET memory_limit = ?", [settings.DUCKDB_MEMORY_LIMIT])  # as the importer's store
        ds = int(con.execute("SELECT min(dataset_id) FROM datasets").fetchone()[0])
        for view, table in _SOURCES.items():
            con.execute(f"CREATE TEMP VIEW {view} AS SELECT * FROM {table} WHERE dataset_id = {ds}")  # noqa: S608
        for stage in STAGES:  # shared by several rollups, built once as the import builds it
            started = time.perf_counter()
            con.execute(f"CREATE TEMP TABLE {stage} AS {render_stage(stage, 'duckdb')}")
            rows.append(
                {
                    "area": "rollups",
                    "case": f"stage {stage}, from the posts table",
                    "n_posts": n_posts,
                    "median_s": time.perf_counter() - started,
                }
            )
        for rollup in ROLLUPS:
            sql = f"CREATE OR REPLACE TEMP TABLE bench_rollup AS {render(rollup, 'duckdb')}"
            runs = []
            for _ in range(max(1, repeats)):
                started = time.perf_counter()
                con.execute(sql)
                runs.append(time.perf_counter() - started)
            made = con.execute("SELECT count(*) FROM bench_rollup").fetchone()[0]
            rows.append(
                {
                    "area": "rollups",
                    "case": f"{rollup.name} alone, from the posts table ({made:,} rows)",
                    "n_posts": n_posts,
                    "median_s": statistics.median(runs),
                }
            )
    finally:
        con.close()
    return rows


def run(work: Path, n_posts: int, repeats: int) -> list[dict]:
    from bench.run import campaign_db

    path = twarc2_file(work, n_posts)
    with_r, without = [], []
    for _ in range(max(1, repeats)):
        with_r.append(import_once(path, work))
        without.append(import_once(path, work, skip_rollups=True))
    med = {k: statistics.median(r[k] for r in with_r) for k in with_r[0]}
    bare = {k: statistics.median(r[k] for r in without) for k in without[0]}
    step = med["rollups_s"]
    rest = med["command_s"] - step
    peak = max(r["peak_mb"] for r in with_r + without)
    return each_rollup(campaign_db(n_posts), n_posts, repeats) + [
        {
            "area": "rollups",
            "case": "twarc2 import without the rollup step",
            "n_posts": n_posts,
            "median_s": bare["command_s"],
            "rows_per_s": n_posts / bare["command_s"],
        },
        {
            "area": "rollups",
            "case": (
                f"twarc2 import with the rollups (database {med['db_mb']:,.0f} MB, without {bare['db_mb']:,.0f} MB)"
            ),
            "n_posts": n_posts,
            "median_s": med["command_s"],
            "ratio": med["command_s"] / bare["command_s"] - 1,
            "target": f"added ≤ {TARGET_RATIO:.0%}, with vs without",
            "ok": med["command_s"] / bare["command_s"] - 1 <= TARGET_RATIO,
            "rows_per_s": n_posts / med["command_s"],
        },
        {
            "area": "rollups",
            "case": "the rollup step inside the import (build_rollups)",
            "n_posts": n_posts,
            "median_s": step,
            "ratio": step / rest if rest > 0 else None,
            "target": f"≤ {TARGET_RATIO:.0%} of the rest of the import",
            "ok": rest > 0 and step / rest <= TARGET_RATIO,
        },
        {
            "area": "rollups",
            "case": f"import peak memory, process tree sampled: {peak:,.0f} MB",
            "n_posts": n_posts,
            "ratio": peak / PEAK_TARGET_MB,
            "target": f"≤ 1 ({PEAK_TARGET_MB:,} MB)",
            "ok": peak <= PEAK_TARGET_MB,
        },
    ]
