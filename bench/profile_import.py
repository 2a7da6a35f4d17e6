"""Where one import spends its time and memory: every SQL statement of `clameur import FILE` with its wall time, the
process's CPU time over it (CPU above wall means DuckDB's threads ran side by side; the file's hash runs beside the
first read), the process's memory when it ended and its peak (high-water mark) then; a statement that raised the
peak is marked, with the rise (work done in Python between two statements counts in the next one's rise).
A tool for finding what to speed up, not a target: the targets are in bench.run.

    python -m bench.profile_import FILE [--mapping PRESET] [--min-ms 30]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench.measure import rss_mb
from clameur.ingest import run_import
from clameur.store import open_store


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _TimedCursor:
    """A cursor whose statements are timed; everything else goes to the real cursor."""

    def __init__(self, cursor, log: list[tuple[float, float, float, float, str]]):
        self._cursor, self._log = cursor, log

    def execute(self, sql, *args):
        cpu, started, failed = _cpu(), time.perf_counter(), "FAILED "
        try:
            result = self._cursor.execute(sql, *args)
            failed = ""
        finally:
            wall, cpu = time.perf_counter() - started, _cpu() - cpu
            self._log.append((wall, cpu, rss_mb([os.getpid()]), _peak_mb(), failed + " ".join(str(sql).split())))
        return self if result is self._cursor else result

    def __getattr__(self, name):
        return getattr(self._cursor, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--mapping", help="a column-mapping preset, as `clameur import --mapping`")
    parser.add_argument("--min-ms", type=float, default=30, help="leave out statements shorter than this")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="clameur-profile-"))
    log: list[tuple[float, float, float, float, str]] = []
    try:
        started = time.perf_counter()
        store = open_store(work / "profile.duckdb", read_dirs=[args.file.resolve().parent], bulk_load=True)
        cursor = store.cursor
        store.cursor = lambda: _TimedCursor(cursor(), log)
        opened = time.perf_counter()
        report = run_import(store, args.file, dataset_name="profile", mapping=args.mapping)
        imported = time.perf_counter()
        store.close()
        closed = time.perf_counter()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    before = 0.0
    for wall, cpu, now, peak, sql in log:
        rise = f"+{peak - before:5.0f}" if peak - before >= 1 else " " * 6
        if wall * 1000 >= args.min_ms or peak - before >= 50:
            print(
                f"{wall * 1000:7.0f} ms wall {cpu * 1000:7.0f} ms CPU {now:6.0f} MB {peak:6.0f} peak {rise} {sql[:80]}"
            )
        before = peak
    print(
        f"open {(opened - started) * 1000:.0f} ms, import {(imported - opened) * 1000:.0f} ms, close "
        f"{(closed - imported) * 1000:.0f} ms; process CPU {_cpu():.2f} s, peak {_peak_mb():,.0f} MB; {report.format}, "
        f"{report.loaded:,} loaded"
    )


if __name__ == "__main__":
    main()
