"""Timeline benchmarks: every timeline query, the page's server-side work, peaks (warm, medians)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from clameur.privacy import Pseudonymizer
from clameur.store import open_store
from clameur.timeline.builder import TimelineView, build_comparison, build_timeline
from clameur.timeline.peaks import PeakRule, detect, explain, totals
from clameur.timeline.queries import VolumeQuery, volume


def _median(fn, repeats: int) -> float:
    fn()  # warm
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def run(db_path: Path, n_posts: int, repeats: int) -> list[dict]:
    store = open_store(db_path)
    ds = int(store.cursor().execute("SELECT min(dataset_id) FROM datasets").fetchone()[0])
    tz = "Europe/Paris"
    queries = {
        "minute timeline by kind": VolumeQuery([ds], tz=tz, bin="1min"),
        "15-min timeline by kind": VolumeQuery([ds], tz=tz, bin="15min"),
        "hourly timeline by kind": VolumeQuery([ds], tz=tz, bin="hour"),
        "daily timeline (local midnight)": VolumeQuery([ds], tz=tz, bin="day"),
        "hourly active accounts": VolumeQuery([ds], tz=tz, bin="hour", stack="none", measure="accounts"),
        "hourly by hashtag (2 tags)": VolumeQuery([ds], tz=tz, bin="hour", stack="tag", tags=["tiktok", "metoo"]),
    }
    rows = []
    for case, q in queries.items():
        rows.append(
            {
                "area": "timeline",
                "case": case,
                "n_posts": n_posts,
                "target_s": 0.3,
                "median_s": _median(lambda q=q: volume(store, q), repeats),
            }
        )
    names = Pseudonymizer(None, None, enabled=False)
    long = volume(store, VolumeQuery([ds], tz=tz, bin="hour"))
    rule = PeakRule()

    def peaks():
        found = detect(totals(long), rule)
        explain(store, ds, found, bin_seconds=3600, tz=tz, lang="en", events=None, names=names, rule=rule)

    rows.append(
        {
            "area": "timeline",
            "case": "peak detection + explanation",
            "n_posts": n_posts,
            "target_s": 0.5,
            "median_s": _median(peaks, repeats),
        }
    )

    def page():
        build_timeline(store, TimelineView([ds], tz, "en"), names)
        build_comparison(store, [ds], tz, "en")

    rows.append(
        {
            "area": "timeline",
            "case": "whole timeline page (server)",
            "n_posts": n_posts,
            "target_s": 1.0,
            "median_s": _median(page, repeats),
        }
    )
    store.close()
    return rows
