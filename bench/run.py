"""Clameur's benchmarks: one table for imports, timelines and networks at 100k / 1M / 5M posts.

    python -m bench.run                     # 100k, 1M and 5M posts, 5 repeats (medians)
    python -m bench.run --sizes 100000 --repeats 3
    python -m bench.run --only load --sizes 100000   # browser sessions against a server (only when asked)

Issue 20's targets, one area each (`--only` takes several, comma-separated):
    queries   every chart query warm (≤ 50 ms at 5M)
    pages     every page's builders warm and in AppTest (≤ 300 ms), the network page cold (≤ 2 s, top 5k)
    redraw    a widget change to the redrawn chart in Chromium, on the demo and each size (≤ 1 s)   [asked only]
    rollups   what the rollup step adds to a twarc2 import (≤ 20% at 1M) and the import's peak (≤ 3 GB)
    scale     the scaling table over all the sizes given (import, database, peak, pages)          [asked only]
    spark     Spark local mode beside DuckDB, and the paper estimate for 1B posts                 [asked only]

Campaigns come from `clameur.demo.build` (cached under bench/out/). Every row is a median of several
runs; import targets are ratios against a bare DuckDB read measured side by side in the same run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

from clameur.store import open_store

OUT = Path(__file__).parent / "out"
DB_AREAS = ("bench.bench_timeline", "bench.bench_network", "bench.bench_queries", "bench.bench_pages")
FILE_AREAS = ("bench.bench_import", "bench.bench_csv", "bench.bench_rollups")
ASKED_AREAS = ("bench.bench_load", "bench.bench_redraw")  # run only when named in --only: servers and browsers
# Run only when named, once over all the sizes (scale) or once a size with their own notes (spark)
SIZES_AREAS = ("bench.bench_scale",)
NOTE_AREAS = ("bench.bench_spark",)


def campaign_db(n_posts: int) -> Path:
    """A database holding one scaled demo campaign of ``n_posts`` posts (built once, then reused)."""
    from clameur.demo.build import load_campaign

    path = OUT / f"campaign_{n_posts}.duckdb"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        store = open_store(path)
        load_campaign(store, "bench", n_posts)
        store.close()
        print(f"# built {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def _load(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        print(f"# {name} not present, skipped")
        return None


def fmt_row(row: dict) -> str:
    median = row.get("median_s")
    target = row.get("target_s")
    ratio = row.get("ratio")
    verdict = row.get("ok")
    if verdict is None and target is not None and median is not None:
        verdict = median <= target
    cells = [
        row.get("area", ""),
        row.get("case", ""),
        f"{row.get('n_posts', 0):,}",
        "" if median is None else f"{median * 1000:.0f} ms",
        "" if target is None else f"≤ {target * 1000:.0f} ms",
        "" if ratio is None else f"{ratio:.2f}",
        "" if row.get("rows_per_s") is None else f"{row['rows_per_s']:,.0f}",
        row.get("target", "") if isinstance(row.get("target"), str) else "",
        {True: "ok", False: "MISSED", None: ""}[verdict],
    ]
    return "| " + " | ".join(cells) + " |"


def print_table(rows: list[dict]) -> None:
    """The benchmarks' Markdown table: a header, then one ``fmt_row`` a measurement."""
    print("| area | case | posts | median | target | ratio | rows/s | ratio target | verdict |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(fmt_row(row))


def _machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000,5000000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated areas (timeline,network,queries,pages,import,csv,rollups; asked only: load,redraw,"
        "scale,spark)",
    )
    parser.add_argument("--scale-format", choices=("parquet", "twarc2"), default="parquet", help="scale's imports")
    parser.add_argument("--spark-format", choices=("parquet", "twarc2"), default="parquet", help="spark's file")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    only = {a for a in args.only.split(",") if a}
    print(f"# python -m bench.run {' '.join(sys.argv[1:] if argv is None else argv)}")
    print(f"# machine at the start: {_machine()}")
    rows: list[dict] = []
    notes: list[str] = []
    if "redraw" in only:
        module = _load("bench.bench_redraw")
        if module:
            rows += module.run_demo(args.repeats)
    for n in sizes:
        for name in DB_AREAS:
            if only and name.removeprefix("bench.bench_") not in only:
                continue
            module = _load(name)
            if module:
                rows += module.run(campaign_db(n), n, args.repeats)
        for name in ASKED_AREAS:
            if name.removeprefix("bench.bench_") in only:
                module = _load(name)
                if module:
                    rows += module.run(campaign_db(n), n, args.repeats)
        for name in FILE_AREAS:
            if only and name.removeprefix("bench.bench_") not in only:
                continue
            module = _load(name)
            if module and n <= 1_000_000:  # file imports are measured up to 1M posts
                work = OUT / f"files_{n}"
                work.mkdir(parents=True, exist_ok=True)
                rows += module.run(work, n, args.repeats)
        for name in NOTE_AREAS:
            if name.removeprefix("bench.bench_") in only:
                module = _load(name)
                if module:
                    found, note = module.run(OUT / f"files_{n}", n, args.repeats, args.spark_format)
                    rows += found
                    notes += [note] if note else []
    for name in SIZES_AREAS:
        if name.removeprefix("bench.bench_") in only:
            module = _load(name)
            if module:
                found, table = module.run_sizes(sizes, args.repeats, args.scale_format)
                rows += found
                notes.append(table)
    print_table(rows)
    for note in notes:
        print()
        print(note)
    print(f"\n# machine at the end: {_machine()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
