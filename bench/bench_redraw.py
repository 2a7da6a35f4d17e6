"""From a widget change to the redrawn chart, in a real browser (issue 20: ≤ 1 s, on the demo and at 5M posts).

`streamlit run` on loopback over a copy of the database (tests/browser.py's harness), the system Chromium headless
with the tests' flags, driven by Playwright as a person: the Timeline's bin, the Network's kind and minimum weight.
The clock starts as the option is clicked (or the number is entered) and stops when the page's first chart shows a
different figure (its title, annotations and trace lengths changed, its SVG drawn); the end of the page's run is
printed beside it. A view seen for the first time (a network kind not yet computed) and a view seen again are
reported apart: the first pays for the computation, the second for the rerun and the drawing.

    python -m bench.run --only redraw --sizes 100000            # the demo, then the campaign of each size
    python -m bench.bench_redraw --posts 100000 --changes 4
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from tests.browser import ARTIFACTS, CHROMIUM_ARGS, RUN_OVER, find_chromium, settle, streamlit_server

OUT = Path(__file__).parent / "out"
TARGET_S = 1.0
WAIT_MS = 900_000  # a first network view at 20M posts may take minutes: recorded, not fatal

_SIGNATURE = """() => {
    const gd = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
    if (!gd || !gd._fullLayout || !gd.querySelector('.main-svg')) return null;
    const title = (gd._fullLayout.title || {}).text || '';
    const notes = (gd._fullLayout.annotations || []).map(a => a.text).join('|');
    const lengths = (gd._fullData || []).map(t => t._length ?? (t.x ? t.x.length : 0)).join(',');
    return title + '#' + notes + '#' + lengths;
}"""


def _signature(page) -> str | None:
    return page.evaluate(_SIGNATURE)


def _settle(page) -> None:
    """The page has finished its run and stays finished, with a chart drawn."""
    page.wait_for_selector('[data-testid="stMain"] .js-plotly-plot .main-svg', timeout=WAIT_MS)
    settle(page, WAIT_MS, 1000)


def _timed_change(page, act) -> tuple[float, float]:
    """(seconds to the redrawn chart, seconds to the end of the run) of the change ``act(page)`` makes."""
    before = _signature(page)
    started = time.perf_counter()
    act(page)
    page.wait_for_function(f"old => ({_SIGNATURE})() !== null && ({_SIGNATURE})() !== old", arg=before, timeout=WAIT_MS)
    drawn = time.perf_counter() - started
    page.wait_for_function(RUN_OVER, timeout=WAIT_MS)
    done = time.perf_counter() - started
    page.wait_for_timeout(1000)  # a rerun can start just after one ends
    page.wait_for_function(RUN_OVER, timeout=WAIT_MS)
    return drawn, done


def _pick(label: str, option: str):
    def act(page) -> None:
        page.locator(f'[data-testid="stMain"] input[aria-label="{label}"]').click()
        page.get_by_role("option", name=option, exact=True).click()

    return act


def _number(label: str, value: int):
    def act(page) -> None:
        box = page.get_by_label(label)
        box.fill(str(value))
        box.press("Enter")

    return act


# (page path, [(widget name, the change, view key: the same key twice is a view seen again)])
def _journeys(changes: int) -> dict[str, list[tuple[str, object, str]]]:
    bins = ["1 day", "15 min", "1 h"]
    kinds = [("mentions", "mention"), ("replies", "reply"), ("retweets", "retweet")]
    weights = [2, 3, 1]
    return {
        "timeline": [("bin", _pick("Bin", b), b) for b in (bins * changes)[: max(3, changes)]],
        "network": [("kind", _pick("Network", label), key) for label, key in (kinds * changes)[: max(3, changes)]]
        + [("weight", _number("Minimum edge weight", w), f"w{w}") for w in (weights * changes)[: max(3, changes)]],
    }


def measure(db_path: Path, dataset: str, n_posts: int, changes: int = 4, label: str = "") -> list[dict]:
    if find_chromium() is None:
        raise SystemExit("No Chromium found: the redraw bench needs the system Chromium (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = OUT / "redraw"
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"redraw_{db_path.stem}.duckdb"  # a copy: the server may migrate or refresh what it opens
    shutil.copy(db_path, db)
    results: dict[tuple[str, str, bool], list[tuple[float, float]]] = {}
    errors: list[str] = []
    try:
        with streamlit_server(db) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)
            try:
                for path, steps in _journeys(changes).items():
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    # the home page first, as a person arriving
                    page.goto(f"{url}/?dataset={dataset}&lang=en", timeout=WAIT_MS)
                    _settle(page)
                    initial = {"timeline": "1 h", "network": "retweet"}[path]
                    extra = "&bin=hour" if path == "timeline" else ""
                    page.goto(f"{url}/{path}?dataset={dataset}&lang=en{extra}", timeout=WAIT_MS)
                    _settle(page)
                    seen = {initial, "w1"}
                    for widget, act, view in steps:
                        try:
                            drawn, done = _timed_change(page, act)
                        except Exception as exc:  # recorded, the bench goes on
                            errors.append(f"{path} {widget} → {view}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
                            break
                        results.setdefault((path, widget, view in seen), []).append((drawn, done))
                        seen.add(view)
                    page.close()
            finally:
                browser.close()
    finally:
        for leftover in work.glob(f"{db.name}*"):
            leftover.unlink()
    where = label or f"{n_posts:,} posts"
    rows = []
    for (path, widget, again), runs in sorted(results.items()):
        drawn = [d for d, _ in runs]
        done = [e for _, e in runs]
        seen = "view seen before" if again else "first view"
        rows.append(
            {
                "area": "redraw",
                "case": (
                    f"{where}: {path} {widget} change → chart redrawn, {seen} ({len(runs)} changes; worst "
                    f"{max(drawn):.2f} s; page run done {statistics.median(done):.2f} s)"
                ),
                "n_posts": n_posts,
                "median_s": statistics.median(drawn),
                "target_s": TARGET_S,
            }
        )
    rows += [{"area": "redraw", "case": f"{where}: ERROR {e[:160]}", "n_posts": n_posts, "ok": False} for e in errors]
    return rows


def demo_db() -> tuple[Path, int]:
    """The embedded demo (built once under bench/out/), and its main campaign's posts."""
    from clameur.demo.build import build_demo
    from clameur.store import open_store

    path = OUT / "demo.duckdb"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        store = open_store(path)
        build_demo(store)
        store.close()
    store = open_store(path)
    n = store.cursor().execute("SELECT rows_loaded FROM datasets WHERE name = 'balancetontiktokeur'").fetchone()[0]
    store.close()
    return path, int(n)


def run(db_path: Path, n_posts: int, repeats: int) -> list[dict]:
    """For bench.run (`--only redraw`): the campaign of this size (the demo is measured once, by run_demo)."""
    return measure(db_path, "bench", n_posts, changes=max(3, repeats))


def run_demo(repeats: int) -> list[dict]:
    path, n = demo_db()
    return measure(path, "balancetontiktokeur", n, changes=max(3, repeats), label="demo")


def main(argv: list[str] | None = None) -> int:
    from bench.run import campaign_db, print_table

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=0, help="a campaign of this size too (0: the demo only)")
    parser.add_argument("--changes", type=int, default=4)
    args = parser.parse_args(argv)
    rows = run_demo(args.changes)
    if args.posts:
        rows += measure(campaign_db(args.posts), "bench", args.posts, args.changes)
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
