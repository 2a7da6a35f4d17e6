"""The scaling table (issue 20): DuckDB engine, 100k → 1M → 5M → 20M posts: import time, database size, peak memory
and page times, each with how it grows.

At each size:
- the campaign is generated straight into a database (`clameur.demo.build.load_campaign`, cached under bench/out/)
  and the pages' builders are timed on it, warm (bench_pages), and the network page cold (a fresh process);
- the same posts are written once as a Parquet file in Clameur's own layout (or a twarc2 file with
  ``--scale-format twarc2``) and imported by `clameur import` in a fresh process: its time, the rollup step's time
  inside it, the imported database's size and the peak memory of the import's process tree (sampled).

    python -m bench.run --only scale --sizes 100000,1000000 --repeats 3
    python -m bench.run --only scale --sizes 100000,1000000,5000000,20000000 --repeats 3
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from bench import bench_pages
from bench.bench_rollups import PEAK_TARGET_MB, import_once, twarc2_file
from bench.measure import folder_mb
from clameur import heavy
from clameur.ingest.parquet_layout import select_list
from clameur.store import open_store

OUT = Path(__file__).parent / "out"
FORMAT = "parquet"


def parquet_file(db_path: Path, n_posts: int) -> Path:
    """The campaign's posts in Clameur's Parquet layout, written once from its database (not generated again)."""
    path = OUT / f"files_{n_posts}" / f"posts_{n_posts}.parquet"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            con.execute("SET preserve_insertion_order = false")
            target = str(tmp.resolve()).replace("'", "''")
            con.execute(f"COPY ({select_list()} FROM posts p) TO '{target}' (FORMAT parquet)")  # noqa: S608 (ours)
        finally:
            con.close()
        tmp.rename(path)
    return path


def one_size(n_posts: int, repeats: int, fmt: str = FORMAT) -> dict:
    """Every measurement of the table at one size."""
    from bench.run import campaign_db

    started = time.perf_counter()
    db = campaign_db(n_posts)
    built_s = time.perf_counter() - started
    source = parquet_file(db, n_posts) if fmt == "parquet" else twarc2_file(OUT / f"files_{n_posts}", n_posts)
    imports = [import_once(source, OUT / f"files_{n_posts}") for _ in range(max(1, repeats))]
    imports.sort(key=lambda r: r["command_s"])
    imp = imports[len(imports) // 2]  # the median run (its own peak and size beside its time)
    store = open_store(db)
    try:
        ds = int(store.cursor().execute("SELECT dataset_id FROM datasets WHERE name = 'bench'").fetchone()[0])
        pages = bench_pages.builder_rows(store, ds, n_posts, repeats, area="scale")
    finally:
        heavy.CACHE.clear()
        heavy.shutdown()
        store.close()
    cold = bench_pages.cold_rows(db, "bench", n_posts, 1)
    return {
        "n": n_posts,
        "source_mb": folder_mb(source),
        "import": imp,
        "peak_mb": max(r["peak_mb"] for r in imports),
        "campaign_db_mb": folder_mb(db),
        "campaign_s": built_s,
        "pages": pages,
        "cold": cold[0],
    }


def _cell(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "ms":
        return f"{v * 1000:,.0f} ms"
    if unit == "s":
        return f"{v:,.1f} s"
    if unit == "MB":
        return f"{v:,.0f} MB"
    return f"{v:,.0f}"


def table(results: list[dict], fmt: str = FORMAT) -> str:
    """The scaling table in Markdown: a column per size, and the growth from the first size to the last beside the
    growth of the posts."""
    sizes = [r["n"] for r in results]
    lines = [
        "| measure | " + " | ".join(f"{n:,} posts" for n in sizes) + " | growth (posts ×"
        f"{sizes[-1] / sizes[0]:,.0f}) |",
        "|---|" + "---|" * (len(sizes) + 1),
    ]

    def line(name: str, values: list[float | None], unit: str) -> None:
        growth = ""
        if len(values) > 1 and values[0] and values[-1] is not None:
            growth = f"×{values[-1] / values[0]:,.1f}"
        lines.append(f"| {name} | " + " | ".join(_cell(v, unit) for v in values) + f" | {growth} |")

    what = "Parquet (Clameur layout)" if fmt == "parquet" else "twarc2"
    line(f"import of a {what} file, `clameur import`", [r["import"]["command_s"] for r in results], "s")
    line("… of which the rollup step", [r["import"]["rollups_s"] for r in results], "s")
    line("import rows/s", [r["n"] / r["import"]["command_s"] for r in results], "")
    line(f"{what} file size", [r["source_mb"] for r in results], "MB")
    line("database size after the import", [r["import"]["db_mb"] for r in results], "MB")
    line(f"import peak memory, process tree (≤ {PEAK_TARGET_MB:,} MB)", [r["peak_mb"] for r in results], "MB")
    n_pages = len(results[0]["pages"])
    for i in range(n_pages):
        line(results[0]["pages"][i]["case"], [r["pages"][i].get("median_s") for r in results], "ms")
    line("network page cold, fresh process, top 5,000", [r["cold"].get("median_s") for r in results], "ms")
    line("(generated campaign database, for the pages)", [r["campaign_db_mb"] for r in results], "MB")
    return "\n".join(lines)


def rows_of(results: list[dict]) -> list[dict]:
    """The scale measurements as rows of the benchmarks' main table too."""
    rows = []
    for r in results:
        imp = r["import"]
        rows.append(
            {
                "area": "scale",
                "case": (
                    f"import (database {imp['db_mb']:,.0f} MB, rollup step {imp['rollups_s']:.1f} s, "
                    f"peak {r['peak_mb']:,.0f} MB)"
                ),
                "n_posts": r["n"],
                "median_s": imp["command_s"],
                "rows_per_s": r["n"] / imp["command_s"],
                "ok": r["peak_mb"] <= PEAK_TARGET_MB,
                "target": f"peak ≤ {PEAK_TARGET_MB:,} MB",
            }
        )
        rows += r["pages"]
        rows.append({**r["cold"], "area": "scale"})
    return rows


def run_sizes(sizes: list[int], repeats: int, fmt: str = FORMAT) -> tuple[list[dict], str]:
    results = [one_size(n, repeats, fmt) for n in sorted(sizes)]
    return rows_of(results), table(results, fmt)
