"""What sharing the database costs a chart: opening DuckDB per page run (cold) against keeping it open (warm).

    python -m bench.connection_cost --db data/clameur.duckdb --repeats 20

Each "cold" sample is a fresh DuckDB instance on the file (the OS page cache stays warm, DuckDB's own buffers are
empty): open, then one hourly timeline query. "Warm" runs the same query on a connection kept open. The app
releases the database after a few idle seconds (issue 21 §3): the cold figure is what the first chart of a visit
after that pause pays, the warm one what every chart of an ongoing visit pays.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import duckdb

from clameur.store import open_store
from clameur.timeline.queries import VolumeQuery, volume


def _ms(runs: list[float]) -> str:
    return f"median {statistics.median(runs) * 1000:.1f} ms, max {max(runs) * 1000:.1f} ms"


def measure(db: Path, repeats: int) -> dict[str, list[float]]:
    probe = open_store(db)
    ds = int(probe.cursor().execute("SELECT min(dataset_id) FROM datasets").fetchone()[0])
    tz = probe.cursor().execute("SELECT timezone FROM datasets WHERE dataset_id = ?", [ds]).fetchone()[0] or "UTC"
    probe.close()
    q = VolumeQuery([ds], tz=tz, bin="hour")
    out: dict[str, list[float]] = {k: [] for k in ("bare connect", "open_store", "cold chart", "warm chart")}
    for _ in range(repeats):
        started = time.perf_counter()
        con = duckdb.connect(str(db))
        out["bare connect"].append(time.perf_counter() - started)
        con.close()

        started = time.perf_counter()
        store = open_store(db)
        opened = time.perf_counter()
        volume(store, q)
        done = time.perf_counter()
        store.close()
        out["open_store"].append(opened - started)
        out["cold chart"].append(done - started)

    store = open_store(db)
    volume(store, q)
    for _ in range(repeats):
        started = time.perf_counter()
        volume(store, q)
        out["warm chart"].append(time.perf_counter() - started)
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="data/clameur.duckdb")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    for case, runs in measure(Path(args.db), args.repeats).items():
        print(f"{case:>13}: {_ms(runs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
