"""Load bench (issue 21 §1): concurrent browser sessions on the Network page of one big dataset.

    python -m bench.bench_load --posts 100000 --sessions 5
    python -m bench.run --only load --sizes 1000000        # the same, in the benchmarks' table

`streamlit run` on loopback (tests/browser.py's harness) over a copy of the bench campaign (bench/out/); headless
Chromium sessions (Playwright, the system Chromium with the tests' flags). Two fresh servers: one session alone,
then N sessions opened at once. Throughout, every 200 ms: the health endpoint's latency and the resident memory of
the server's whole process tree (the server and its worker). Measured: each session's time to its first drawn
chart (and to the end of the page's run), the server's peak memory, the worst health latency, and the CPU the
server still spends in the seconds after the browsers closed.

Targets: peak ≤ 2 GB; each first chart ≤ 2× the same page alone; health ≤ 1 s throughout.
Bounded: at most 10 sessions, every wait has a time limit, loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import _children, cpu_s, rss_mb, tree
from tests.browser import ARTIFACTS, CHROMIUM_ARGS, RUN_OVER, find_chromium, streamlit_server

OUT = Path(__file__).parent / "out"
MAX_SESSIONS = 10
PAGE_TIMEOUT_S = 600  # a session that has no chart after this is recorded as failed
AFTER_CLOSE_S = 10  # sampling goes on this long after the browsers close
SAMPLE_S = 0.2
PEAK_TARGET_MB = 2048
HEALTH_TARGET_S = 1.0
RATIO_TARGET = 2.0


# ----------------------------------------------------------------------------------------- the server's process tree


def tree_cpu_s(pids: list[int]) -> float:
    return sum(cpu_s(p) for p in pids)


def server_pid(port: int) -> int:
    """Our child `python -m streamlit run … --server.port PORT`."""
    for p in _children(os.getpid()):
        try:
            with open(f"/proc/{p}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in cmd and str(port).encode() in cmd:
            return p
    raise RuntimeError("the streamlit server process was not found")


@dataclass
class Samples:
    health_s: list[float] = field(default_factory=list)
    health_failed: int = 0
    rss_mb: list[float] = field(default_factory=list)


@contextmanager
def sampling(url: str, pid: int):
    """Every SAMPLE_S: the health endpoint's latency and the process tree's memory, until the block ends."""
    samples, stop = Samples(), threading.Event()

    def loop() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as r:
                    r.read()
            except OSError:
                samples.health_failed += 1
            samples.health_s.append(time.perf_counter() - started)
            samples.rss_mb.append(rss_mb(tree(pid)))
            stop.wait(max(0.0, SAMPLE_S - (time.perf_counter() - started)))

    th = threading.Thread(target=loop, daemon=True)
    th.start()
    try:
        yield samples
    finally:
        stop.set()
        th.join(timeout=60)


# ----------------------------------------------------------------------------------------- the browser sessions


@dataclass
class Session:
    chart_received_s: float | None = None  # the first chart's message reached the browser (the server's part)
    first_chart_s: float | None = None  # … and the browser has drawn it
    done_s: float | None = None
    error: str = ""


async def _sessions(url: str, n: int) -> list[Session]:
    from playwright.async_api import async_playwright

    results = [Session() for _ in range(n)]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)
        try:
            contexts = [await browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(n)]
            pages = [await c.new_page() for c in contexts]

            async def one(i: int) -> None:
                page, res = pages[i], results[i]
                started = time.perf_counter()

                def frame(payload) -> None:
                    data = payload if isinstance(payload, bytes) else payload.encode()
                    if res.chart_received_s is None and b'"name":"nodes"' in data:  # the network figure's node trace
                        res.chart_received_s = time.perf_counter() - started

                page.on("websocket", lambda ws: ws.on("framereceived", frame))
                try:
                    await page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_S * 1000)
                    await page.wait_for_selector(".js-plotly-plot .main-svg", timeout=PAGE_TIMEOUT_S * 1000)
                    res.first_chart_s = time.perf_counter() - started
                    await page.wait_for_function(RUN_OVER, timeout=PAGE_TIMEOUT_S * 1000)
                    res.done_s = time.perf_counter() - started
                except Exception as exc:  # recorded, the bench goes on
                    res.error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"

            await asyncio.gather(*(one(i) for i in range(n)))
            for c in contexts:
                await c.close()
        finally:
            await browser.close()
    return results


@dataclass
class Phase:
    sessions: list[Session]
    samples: Samples
    cpu_after_close_s: float
    peak_mb: float
    health_max_s: float
    server_cpu_s: float  # the server's process tree, while the sessions ran
    browser_cpu_s: float  # the browsers (and Playwright), while the sessions ran: they share the machine
    load: tuple[float, float]  # the machine's 1-minute load average before and after (other work on it)


def _others(server: int) -> list[int]:
    """Our other descendants: Playwright's driver and the browsers."""
    return [p for p in tree(os.getpid())[1:] if p not in set(tree(server))]


def phase(db: Path, n_sessions: int, path: str) -> Phase:
    with streamlit_server(db) as url:
        port = int(url.rsplit(":", 1)[1])
        pid = server_pid(port)
        browsers: dict[int, float] = {}

        def watch_browsers(stop: threading.Event) -> None:  # their CPU, read before each one exits
            while not stop.wait(0.5):
                for p in _others(pid):
                    browsers[p] = max(browsers.get(p, 0.0), cpu_s(p))

        load_before = os.getloadavg()[0]
        stop = threading.Event()
        watcher = threading.Thread(target=watch_browsers, args=(stop,), daemon=True)
        with sampling(url, pid) as samples:
            started_cpu = tree_cpu_s(tree(pid))
            watcher.start()
            sessions = asyncio.run(_sessions(url + path, n_sessions))
            stop.set()
            watcher.join(timeout=10)
            closed_cpu = tree_cpu_s(tree(pid))
            time.sleep(AFTER_CLOSE_S)
            cpu_after = tree_cpu_s(tree(pid)) - closed_cpu
    return Phase(
        sessions,
        samples,
        cpu_after,
        max(samples.rss_mb, default=0.0),
        max(samples.health_s, default=0.0),
        closed_cpu - started_cpu,
        sum(browsers.values()),
        (load_before, os.getloadavg()[0]),
    )


# ----------------------------------------------------------------------------------------- the bench


def measure(db_path: Path, n_posts: int, sessions: int = 5, dataset: str = "bench") -> tuple[list[dict], str]:
    sessions = max(1, min(sessions, MAX_SESSIONS))
    if find_chromium() is None:
        raise SystemExit("No Chromium found: the load bench needs the system Chromium (apt-get install chromium).")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = OUT / "load"
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"load_{n_posts}.duckdb"  # a copy: the server may migrate or refresh what it opens
    path = f"/network?dataset={dataset}&lang=en"
    try:
        shutil.copy(db_path, db)
        alone = phase(db, 1, path)
        crowd = phase(db, sessions, path)
    finally:
        for leftover in work.glob(f"load_{n_posts}.duckdb*"):
            leftover.unlink()
    t_alone = alone.sessions[0].first_chart_s
    r_alone = alone.sessions[0].chart_received_s
    firsts = [s.first_chart_s for s in crowd.sessions]
    received = [s.chart_received_s for s in crowd.sessions]
    worst_received = max((f for f in received if f is not None), default=None)
    failed = [s.error for s in crowd.sessions + alone.sessions if s.error]
    worst = max((f for f in firsts if f is not None), default=None)
    rows = [
        {"area": "load", "case": "network page alone: first chart", "n_posts": n_posts, "median_s": t_alone},
        {
            "area": "load",
            "case": f"network page, {sessions} sessions at once: slowest first chart",
            "n_posts": n_posts,
            "median_s": worst,
            "target_s": None if t_alone is None else RATIO_TARGET * t_alone,
            "ratio": None if (t_alone is None or worst is None) else worst / t_alone,
            "target": f"≤ {RATIO_TARGET:g}× alone",
            "ok": None if (t_alone is None or worst is None) else (worst <= RATIO_TARGET * t_alone and not failed),
        },
        {"area": "load", "case": "network page alone: first chart received", "n_posts": n_posts, "median_s": r_alone},
        {
            "area": "load",
            "case": f"network page, {sessions} sessions at once: slowest first chart received (server's part)",
            "n_posts": n_posts,
            "median_s": worst_received,
            "ratio": None if (r_alone is None or worst_received is None) else worst_received / r_alone,
            "target": "(diagnostic)",
        },
        {
            "area": "load",
            "case": f"health endpoint, worst latency ({len(crowd.samples.health_s)} samples, {sessions} sessions)",
            "n_posts": n_posts,
            "median_s": crowd.health_max_s,
            "target_s": HEALTH_TARGET_S,
            "ok": crowd.health_max_s <= HEALTH_TARGET_S and not crowd.samples.health_failed,
        },
        {
            "area": "load",
            "case": f"server peak memory, process tree: {crowd.peak_mb:,.0f} MB (alone {alone.peak_mb:,.0f} MB)",
            "n_posts": n_posts,
            "ratio": crowd.peak_mb / PEAK_TARGET_MB,
            "target": f"≤ 1 ({PEAK_TARGET_MB:,} MB)",
            "ok": crowd.peak_mb <= PEAK_TARGET_MB,
        },
    ]
    lines = [
        f"posts {n_posts:,}; sessions {sessions}; page {path}",
        "phase | first chart received (s) | first charts drawn (s) | page done (s) | peak MB | health max (s) | "
        "health median (s) | health failed | server CPU s | browsers CPU s | server CPU s in the 10 s after close | "
        "machine load before → after",
    ]
    for name, ph in (("alone", alone), (f"{sessions} at once", crowd)):
        rc = ", ".join("—" if s.chart_received_s is None else f"{s.chart_received_s:.1f}" for s in ph.sessions)
        fc = ", ".join("—" if s.first_chart_s is None else f"{s.first_chart_s:.1f}" for s in ph.sessions)
        dn = ", ".join("—" if s.done_s is None else f"{s.done_s:.1f}" for s in ph.sessions)
        lines.append(
            f"{name} | {rc} | {fc} | {dn} | {ph.peak_mb:,.0f} | {ph.health_max_s:.2f} | "
            f"{statistics.median(ph.samples.health_s or [0]):.3f} | {ph.samples.health_failed} | "
            f"{ph.server_cpu_s:.1f} | {ph.browser_cpu_s:.1f} | {ph.cpu_after_close_s:.1f} | "
            f"{ph.load[0]:.1f} → {ph.load[1]:.1f}"
        )
    lines += [f"error: {e}" for e in failed]
    return rows, "\n".join(lines)


def run(db_path: Path, n_posts: int, repeats: int) -> list[dict]:
    """For bench.run (`--only load`): one measurement (it is heavy; ``repeats`` is not used)."""
    rows, detail = measure(db_path, n_posts)
    print(detail)
    return rows


def main(argv: list[str] | None = None) -> int:
    from bench.run import campaign_db, print_table

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=5)
    args = parser.parse_args(argv)
    rows, detail = measure(campaign_db(args.posts), args.posts, args.sessions)
    print(detail)
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
