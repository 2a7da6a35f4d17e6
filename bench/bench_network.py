"""Network benchmarks: edge aggregation, the page cold (edges, graph, metrics, communities, layout of the
top 5k; the issue sets its 5 s target at 1M posts) and warm (cached), medians of several runs."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from clameur import heavy
from clameur.network.builder import cached_network, figure
from clameur.network.model import NetworkQuery, coded_edges
from clameur.privacy import Pseudonymizer
from clameur.store import open_store


def _runs(fn, repeats: int, before=None) -> float:
    times = []
    for _ in range(repeats):
        if before:
            before()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(db_path: Path, n_posts: int, repeats: int) -> list[dict]:
    store = open_store(db_path)
    ds = int(store.cursor().execute("SELECT min(dataset_id) FROM datasets").fetchone()[0])
    q = NetworkQuery(ds)
    names = Pseudonymizer(None, None, enabled=False)
    coded_edges(store, q)  # warm the table scan
    cur = store.cursor()
    in_db = (
        "SELECT count(*) FROM (SELECT author_id, ref_author_id, count(*) FROM posts WHERE dataset_id = ? AND "
        "kind = 'retweet' AND ref_author_id IS NOT NULL GROUP BY 1, 2 HAVING author_id <> ref_author_id)"
    )
    rows = [
        {
            "area": "network",
            "case": "retweet edge aggregation (in DuckDB)",
            "n_posts": n_posts,
            "target_s": 0.3,
            "median_s": _runs(lambda: cur.execute(in_db, [ds]).fetchall(), repeats),
        },
        {
            "area": "network",
            "case": "edges to Python (coded ids + handles)",
            "n_posts": n_posts,
            "median_s": _runs(lambda: coded_edges(store, q), repeats),
        },
    ]

    def page():
        net = cached_network(store, q)
        figure(store, net, colour_by="community", tz="Europe/Paris", lang="en", names=names)

    rows.append(
        {
            "area": "network",
            "case": "network page cold (top 5k drawn)",
            "n_posts": n_posts,
            "target_s": 5.0 if n_posts <= 1_000_000 else None,
            "median_s": _runs(page, max(1, repeats // 2), before=heavy.CACHE.clear),
        }
    )
    page()
    rows.append(
        {
            "area": "network",
            "case": "network page warm (cached)",
            "n_posts": n_posts,
            "target_s": 0.5,
            "median_s": _runs(page, repeats),
        }
    )
    store.close()
    return rows
