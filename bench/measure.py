"""What the benchmarks share: warm medians, a row that records a failure instead of stopping the bench, and a
child process whose whole tree is sampled for memory (the import's peak, Spark's JVM included)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CLK_TCK = os.sysconf("SC_CLK_TCK")
ROOT = Path(__file__).resolve().parents[1]


def warm_median(fn: Callable[[], object], repeats: int, warmups: int = 1) -> float:
    """Median seconds of ``repeats`` calls of ``fn`` after ``warmups`` calls that are not counted."""
    for _ in range(warmups):
        fn()
    runs = []
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def timed_row(area: str, case: str, n_posts: int, fn: Callable[[], object], repeats: int, **extra) -> dict:
    """A row of the table: the warm median of ``fn``, or the error it raised (the bench goes on: a function
    whose signature changed under a page's conversion is reported, not fatal)."""
    row = {"area": area, "case": case, "n_posts": n_posts, **extra}
    try:
        row["median_s"] = warm_median(fn, repeats)
    except Exception as exc:  # reported in the table
        row["case"] = f"{case}: ERROR {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200]
        row["ok"] = False
    return row


# ----------------------------------------------------------------------------------------- process trees


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids += [int(k) for k in f.read().split()]
    except OSError:
        pass
    return kids


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return 0.0


def rss_mb(pids: list[int]) -> float:
    """Resident memory of these processes, added up (MB)."""
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total / 1024


@dataclass
class Sampled:
    seconds: float
    peak_mb: float  # the largest sum of the tree's resident memory seen (sampled every ``every`` s)
    cpu_s: float  # user + system CPU of the tree: the larger of the sampled sum and what the waited-for children report
    stdout: str
    stderr: str
    returncode: int


def run_sampled(cmd: list[str], *, env: dict | None = None, every: float = 0.1, timeout: float = 4 * 3600) -> Sampled:
    """Run ``cmd`` in the project's root, sampling its process tree's memory until it ends."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0.0]
    cpu: dict[int, float] = {}  # the last CPU seen of every process of the tree (a JVM not waited for included)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            pids = tree(proc.pid)
            peak[0] = max(peak[0], rss_mb(pids))
            for p in pids:
                cpu[p] = max(cpu.get(p, 0.0), cpu_s(p))
            stop.wait(every)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    finally:
        stop.set()
        th.join(timeout=5)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Sampled(seconds, peak[0], max(waited, sum(cpu.values())), out, err, proc.returncode)


def folder_mb(path: Path) -> float:
    """Size of a file, or of a folder's files (a database and its write-ahead log), in MB."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
