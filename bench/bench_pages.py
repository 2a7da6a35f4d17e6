"""Every page's server time (issue 20: ≤ 300 ms at 5M posts, warm) and the network page cold (≤ 2 s, top 5k drawn).

Three measurements, side by side:
- the builders: the `clameur/` functions each page calls, in the order it calls them, warm (the page's own
  Streamlit calls left out);
- AppTest: each page's script run by Streamlit's test runner against the same database, the first run (a fresh
  session: caches of the process warm) and the median of the reruns after it; AppTest adds its own overhead
  (widget tree, protobuf messages), so both are printed;
- the network page cold: a fresh process per run (nothing cached, DuckDB's buffers empty), the app's bounds (a
  worker process for big views, as the page), the top 5,000 accounts drawn.

    python -m bench.run --only pages --sizes 100000 --repeats 5
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from pathlib import Path

import pandas as pd

from bench.measure import ROOT, run_sampled, timed_row
from clameur import heavy, settings
from clameur.network import builder as nb
from clameur.network.model import NetworkQuery
from clameur.overview.builder import build_overview
from clameur.overview.summary import top_hashtags
from clameur.privacy import Pseudonymizer
from clameur.reactions import builder as rb
from clameur.reactions import platforms as rp
from clameur.reactions.events import list_events
from clameur.store import dataset_by_id, list_datasets, open_store
from clameur.timeline.builder import TimelineView, build_comparison, build_timeline, peak_table

TARGET_S = 0.3
COLD_TARGET_S = 2.0
COLD_TOP = 5_000
TZ = "Europe/Paris"
LANG = "en"
PAGES = ("overview", "timeline", "network", "institutions", "platforms", "data")


def _names(store, ds: int) -> Pseudonymizer:
    return Pseudonymizer(store, ds, enabled=True, lang=LANG)  # privacy is on by default in the app


def overview(store, ds: int) -> None:
    build_overview(store, dataset_by_id(store, ds), TZ, LANG, _names(store, ds))


def timeline(store, ds: int, bin_key: str | None = None) -> None:
    top_hashtags(store, ds, 40)
    names = _names(store, ds)
    view = TimelineView([ds], TZ, LANG, bin=bin_key)
    result = build_timeline(store, view, names, list_events(store, ds, LANG))
    peak_table(result.peaks, LANG, TZ)
    build_comparison(store, [ds], TZ, LANG, 0)


def network(store, ds: int, q: NetworkQuery | None = None, bounds: heavy.Bounds | None = None) -> None:
    """The network page's run: its menus, the (cached) network, the figure, the top table, the time slices."""
    top_hashtags(store, ds, 40)
    q = q or NetworkQuery(ds, top=nb.TOP_DRAWN)
    bounds = bounds or heavy.app_bounds()
    names = _names(store, ds)
    net = nb.cached_network(store, q, bounds)
    nb.counts_sentence(net, LANG)
    if net.empty:
        return
    nb.figure(store, net, colour_by="community", tz=TZ, lang=LANG, names=names)
    nb.export_estimate(net, heavy.app_bounds())
    nb.top_table(net, LANG, names)
    events = list_events(store, ds, LANG)
    if not events.empty:
        inst = events[events["event_type"] == "institutional_reaction"]
        split = pd.Timestamp((inst if len(inst) else events).iloc[0]["starts_at"]).to_pydatetime()
        try:
            before, after, positions = nb.time_slices(store, q, split, bounds)
        except heavy.Refused:  # as the page: the refusal said in place of the slices
            return
        for part in (before, after):
            nb.figure(store, part, colour_by="community", tz=TZ, lang=LANG, names=names, positions=positions)


def institutions(store, ds: int) -> None:
    rb.reactions_chart(store, ds, TZ, LANG)
    rb.who_table(store, ds, TZ, LANG)
    events = list_events(store, ds, LANG)
    if events.empty:
        return
    rb.comparison_choices(store, ds, LANG)
    pick = rb.default_event(events)
    try:
        rb.effect(store, ds, pick, *rb.EFFECT_HOURS, TZ, LANG, "auto")
    except ValueError:  # EffectError: the page shows a sentence
        pass


def platforms(store, ds: int) -> None:
    rb.ladder_view(store, ds, TZ, LANG)
    rp.response_log(store, ds, lang=LANG)
    voice, top = rp.own_voice(store, ds)
    rb.voice_tables(voice, top, LANG, _names(store, ds))
    rp.withheld_count(store, ds)
    rp.moderation_outcome(store, ds)


def data(store, ds: int) -> None:
    list_datasets(store)


BUILDERS = {
    "overview": overview,
    "timeline": timeline,
    "network": network,
    "institutions": institutions,
    "platforms": platforms,
    "data": data,
}


def builder_rows(store, ds: int, n_posts: int, repeats: int, area: str = "pages") -> list[dict]:
    rows = []
    for name, fn in BUILDERS.items():
        rows.append(
            timed_row(
                area, f"{name} page builders (warm)", n_posts, lambda fn=fn: fn(store, ds), repeats, target_s=TARGET_S
            )
        )
    # the network view's own computation, cache emptied before each run (the page's first visit in a warm server)
    rows.append(
        timed_row(
            area,
            "network page builders, view cache emptied (default top 1,000)",
            n_posts,
            lambda: (heavy.CACHE.clear(), network(store, ds)),
            max(1, repeats // 2),
        )
    )
    return rows


# ----------------------------------------------------------------------------------------- AppTest, in a child

_APPTEST = """
import json, sys, time
from streamlit.testing.v1 import AppTest
root, dataset, repeats, pages = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(',')
out = {}
for page in pages:
    at = AppTest.from_file(f'{root}/views/{page}/page.py', default_timeout=600)
    at.query_params['dataset'] = dataset
    at.query_params['lang'] = 'en'
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        at.run()
        runs.append(time.perf_counter() - started)
    errors = [str(e.value)[:200] for e in at.exception] + [e.value[:200] for e in at.error]
    out[page] = {'first': first, 'runs': runs, 'errors': errors}
print(json.dumps(out))
"""


def apptest_rows(db_path: Path, dataset: str, n_posts: int, repeats: int) -> list[dict]:
    env = dict(os.environ, CLAMEUR_DB=str(db_path), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    env.pop("CLAMEUR_EDITOR_TOKEN", None)
    done = run_sampled(
        [sys.executable, "-c", _APPTEST, str(ROOT), dataset, str(repeats), ",".join(PAGES)], env=env, timeout=3600
    )
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1]
        return [{"area": "pages", "case": f"AppTest: ERROR {tail[:160]}", "n_posts": n_posts, "ok": False}]
    results = json.loads(done.stdout.strip().splitlines()[-1])
    rows = []
    for page, r in results.items():
        note = f" — error shown: {r['errors'][0]}" if r["errors"] else ""
        rows.append(
            {
                "area": "pages",
                "case": f"{page} page in AppTest, rerun{note}",
                "n_posts": n_posts,
                "median_s": statistics.median(r["runs"]) if r["runs"] else None,
                "target_s": TARGET_S,
                **({"ok": False} if r["errors"] else {}),
            }
        )
        rows.append(
            {"area": "pages", "case": f"{page} page in AppTest, first run", "n_posts": n_posts, "median_s": r["first"]}
        )
    return rows


# ----------------------------------------------------------------------------------------- the network page cold

_COLD = """
import json, sys, time
started = time.perf_counter()
from bench import bench_pages as bp
from clameur import heavy, settings
from clameur.network.model import NetworkQuery
from clameur.store import open_store
imported = time.perf_counter() - started
store = open_store(sys.argv[1])
ds = int(store.cursor().execute("SELECT dataset_id FROM datasets WHERE name = ?", [sys.argv[2]]).fetchone()[0])
rows = store.cursor().execute("SELECT rows_loaded FROM datasets WHERE dataset_id = ?", [ds]).fetchone()[0]
started = time.perf_counter()
if (rows or 0) >= settings.HEAVY_WARM_POSTS:
    heavy.warm()  # as ui.heavy.bounded does for a big dataset
bp.network(store, ds, NetworkQuery(ds, top=int(sys.argv[3])), heavy.app_bounds())
page = time.perf_counter() - started
heavy.shutdown()
print(json.dumps({'imports': imported, 'page': page}))
"""


def cold_rows(db_path: Path, dataset: str, n_posts: int, repeats: int) -> list[dict]:
    pages, imports, peaks = [], [], []
    for _ in range(max(1, repeats)):
        done = run_sampled([sys.executable, "-c", _COLD, str(db_path), dataset, str(COLD_TOP)], timeout=3600)
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["?"])[-1]
            return [
                {"area": "pages", "case": f"network page cold: ERROR {tail[:160]}", "n_posts": n_posts, "ok": False}
            ]
        r = json.loads(done.stdout.strip().splitlines()[-1])
        pages.append(r["page"])
        imports.append(r["imports"])
        peaks.append(done.peak_mb)
    return [
        {
            "area": "pages",
            "case": (
                f"network page cold, fresh process, top {COLD_TOP:,} drawn (+{statistics.median(imports):.1f} s of "
                f"imports before; peak {max(peaks):,.0f} MB)"
            ),
            "n_posts": n_posts,
            "median_s": statistics.median(pages),
            "target_s": COLD_TARGET_S,
        }
    ]


def run(db_path: Path, n_posts: int, repeats: int, dataset: str = "bench") -> list[dict]:
    store = open_store(db_path)
    try:
        ds = int(store.cursor().execute("SELECT dataset_id FROM datasets WHERE name = ?", [dataset]).fetchone()[0])
        rows = builder_rows(store, ds, n_posts, repeats)
    finally:
        heavy.CACHE.clear()
        heavy.shutdown()
        store.close()
    rows += cold_rows(db_path, dataset, n_posts, max(1, min(repeats, 3)))
    rows += apptest_rows(db_path, dataset, n_posts, repeats)
    return rows


__all__ = ["run", "BUILDERS", "builder_rows", "settings"]
