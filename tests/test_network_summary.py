"""The network page's default view read from its summary (clameur.network.summary) shows what the live path computes
on the same data: every figure, table, search, export and time slice (the live path, build_network on the rollups,
is the independent computation), on the real samples, the demo, and a dataset whose posts were let go."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from clameur import heavy, settings
from clameur.network import builder
from clameur.network.exports import export_bytes
from clameur.network.model import KINDS, METRICS, NetworkQuery, build_network, ego, precomputed, structure
from clameur.privacy import Pseudonymizer
from clameur.reactions.actors import account_categories
from clameur.reactions.events import list_events
from clameur.store import dataset_by_name, delete_dataset, open_store, transaction
from tests.conftest import count_calls
from tests.test_network_rollups import _forget_posts, samples_db  # noqa: F401 (a fixture)

VIEWS = ({}, {"metric": "in_strength", "top": 10}, {"metric": "out_strength", "top": 3})


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.setattr(heavy, "CACHE", heavy.SharedCache(settings.HEAVY_CACHE_MB * 1024 * 1024))


def _datasets(store) -> list[int]:
    return [r[0] for r in store.cursor().execute("SELECT dataset_id FROM datasets ORDER BY 1").fetchall()]


def _check_view(store, q: NetworkQuery, live) -> None:
    """``q``'s page view read from the summary equals the live network ``live`` in everything the page shows."""
    heavy.CACHE.clear()
    shown = builder.cached_network(store, q)
    assert shown.held_nodes is None  # read from the summary, not recomputed
    where = f"{q.kind} {q.metric} top {q.top}"
    assert shown.totals == live.totals, where
    for part in ("drawn", "drawn_edges", "nodes", "edges"):
        pd.testing.assert_frame_equal(getattr(shown, part), getattr(live, part), obj=f"{where} {part}")
    for lang in ("en", "fr"):
        assert builder.counts_sentence(shown, lang) == builder.counts_sentence(live, lang)
        names = Pseudonymizer(store, q.dataset_id, enabled=True, lang=lang)
        pd.testing.assert_frame_equal(builder.top_table(shown, lang, names), builder.top_table(live, lang, names))
    names = Pseudonymizer(store, q.dataset_id, enabled=False, lang="en")
    if len(live.drawn):
        first = live.drawn["id"].iloc[0]
        text = str(live.drawn["label"].iloc[0])[:3]
        assert builder.find_nodes(shown, text, names) == builder.find_nodes(live, text, names)
        mine, theirs = ego(shown, first, 2), ego(live, first, 2)
        assert mine["neighbourhood"] == theirs["neighbourhood"]
        for side in ("amplified_by", "amplified"):
            pd.testing.assert_frame_equal(mine[side], theirs[side])
        wanted = set(live.drawn["id"].head(20))
        ids, edges = shown.among(wanted)
        expected_ids, expected_edges = live.among(wanted)
        assert list(ids) == list(expected_ids)
        pd.testing.assert_frame_equal(edges.reset_index(drop=True), expected_edges.reset_index(drop=True))
    heavy.CACHE.clear()
    assert builder.export_files(store, shown, "csv", names) == export_bytes(live, "csv", names)


def _check_dataset(store, ds: int, seen: Counter) -> None:
    cats = account_categories(store)
    for kind in KINDS:
        for view in VIEWS:
            q = NetworkQuery(ds, kind=kind, **view)
            live = build_network(store, q, cats)
            if not live.totals["edges"]:
                assert builder.cached_network(store, q).totals == live.totals
                continue
            _check_view(store, q, live)
            seen[kind] += 1
            seen["left out"] += bool(live.totals["self_loops"] or live.totals["unresolved"])


def test_the_default_view_of_every_sample_equals_the_live_network(samples_db):  # noqa: F811
    store = open_store(samples_db)
    seen = Counter()
    try:
        for ds in _datasets(store):
            _check_dataset(store, ds, seen)
    finally:
        store.close()
    assert all(seen[kind] for kind in KINDS) and seen["left out"], seen


def test_the_default_view_of_the_demo_equals_the_live_network(demo_store):
    seen = Counter()
    for ds in _datasets(demo_store):
        _check_dataset(demo_store, ds, seen)
    assert all(seen[kind] for kind in KINDS), seen


def test_the_time_slices_of_the_default_view_equal_the_live_ones(demo_store):
    q = NetworkQuery(1, top=300)
    live = build_network(demo_store, q, account_categories(demo_store))
    events = list_events(demo_store, 1, "en")  # the page's split: the institutional reaction
    split = pd.Timestamp(events[events["event_type"] == "institutional_reaction"]["starts_at"].iloc[0]).to_pydatetime()
    before, after, positions = builder.time_slices(demo_store, q, split)
    assert builder.cached_network(demo_store, q).held_nodes is None
    assert len(before.drawn) and len(after.drawn)
    assert positions == builder._union_layout(before, after, live, heavy.UNBOUNDED)


def test_a_dataset_whose_posts_were_let_go_keeps_the_same_default_view(samples_db, tmp_path):  # noqa: F811
    path = tmp_path / "c.duckdb"
    shutil.copy(samples_db, path)
    store = open_store(path)
    ds = int(dataset_by_name(store, "all-samples")["dataset_id"])
    cats = account_categories(store)
    live = {kind: build_network(store, NetworkQuery(ds, kind=kind), cats) for kind in KINDS}
    _forget_posts(store, ds)
    with transaction(store) as cur:  # as when a summary's definition changes: rebuilt from the rollups alone
        cur.execute("DELETE FROM rollup_signature")
    store.close()
    store = open_store(path)
    try:
        assert store.cursor().execute("SELECT count(*) FROM posts WHERE dataset_id = ?", [ds]).fetchone()[0] == 0
        for kind in KINDS:
            _check_view(store, NetworkQuery(ds, kind=kind), live[kind])
    finally:
        store.close()


@pytest.mark.parametrize(
    "corruption",
    [
        "UPDATE net_nodes SET pagerank = pagerank * 2 WHERE code = 0",
        "UPDATE net_nodes SET community = community + 1 WHERE code = 1",
        "UPDATE net_nodes SET edges_out = edges_out + 1 WHERE code = 2",
        "UPDATE net_nodes SET label = 'someone else' WHERE code = 3",
        "DELETE FROM net_nodes WHERE code = 4",
    ],
)
def test_a_wrong_summary_shows_in_the_comparison(demo_db_path, tmp_path, corruption):
    path = tmp_path / "c.duckdb"
    shutil.copy(demo_db_path, path)
    store = open_store(path)
    try:
        q = NetworkQuery(1, kind="retweet")
        live = build_network(store, q, account_categories(store))
        _check_view(store, q, live)
        with transaction(store) as cur:
            cur.execute(corruption + " AND dataset_id = 1 AND network = 'retweet'")
        with pytest.raises(AssertionError):
            _check_view(store, q, live)
    finally:
        store.close()


def test_the_default_view_reads_no_whole_network(demo_store, monkeypatch):
    calls = count_calls(monkeypatch, builder, "coded_edges", "structure")
    for kind in KINDS:
        for metric in METRICS:
            assert precomputed(NetworkQuery(1, kind=kind, metric=metric, top=77))
            builder.cached_network(demo_store, NetworkQuery(1, kind=kind, metric=metric, top=77))
    assert calls == {}
    for other in (
        {"start": datetime(2000, 1, 1)},
        {"end": datetime(2100, 1, 1)},
        {"tag": "x"},
        {"min_weight": 2},
        {"k_core": 1},
        {"largest_component": True},
    ):
        assert not precomputed(NetworkQuery(1, **other))
        builder.cached_network(demo_store, NetworkQuery(1, **other))
    assert calls["structure"] == 6


def test_past_the_budget_the_default_view_is_drawn_and_a_search_is_refused(demo_store):
    live = build_network(demo_store, NetworkQuery(1), account_categories(demo_store))
    need = heavy.estimate_mb(len(live.nodes), len(live.edges), settings.NETWORK_BYTES_PER_ELEMENT)
    bounds = heavy.Bounds(budget_mb=need - 1)
    with pytest.raises(heavy.TooBig):  # the same whole network, read live (a window over every post)
        builder.cached_network(demo_store, NetworkQuery(1, start=datetime(2000, 1, 1)), bounds)
    net = builder.cached_network(demo_store, NetworkQuery(1), bounds)
    pd.testing.assert_frame_equal(net.drawn, live.drawn)
    refusal = builder.whole_refusal(net)
    assert refusal is not None and f"{len(live.nodes):,} nodes and {len(live.edges):,} edges" in refusal.sentence("en")
    with pytest.raises(heavy.TooBig):
        net.edges  # noqa: B018 (reading it is the test)
    heavy.CACHE.clear()
    assert (
        builder.whole_refusal(builder.cached_network(demo_store, NetworkQuery(1), heavy.Bounds(budget_mb=need))) is None
    )


def test_pagerank_is_the_same_on_every_run_of_a_large_network():
    """igraph sums PageRank in OpenMP threads; run after run, the last bits (and so near ties) must not change, or
    the network computed at import would differ from the same network computed live."""
    rng = np.random.default_rng(7)
    n, m = 150_000, 400_000
    source = rng.integers(0, n, m)
    target = (source + 1 + rng.zipf(1.6, m)) % n  # a few accounts retweeted by many, as in a campaign
    pairs = np.unique(np.column_stack([source, target]), axis=0)
    weight = rng.integers(1, 4, len(pairs))
    q = NetworkQuery(1)
    runs = [structure(q, n, pairs[:, 0], pairs[:, 1], weight).nodes["pagerank"].to_numpy() for _ in range(3)]
    assert all(np.array_equal(runs[0], run) for run in runs[1:])


def test_deleting_a_dataset_deletes_its_summary(demo_copy):
    store = open_store(demo_copy)
    try:

        def rows(ds: int) -> int:
            return store.cursor().execute("SELECT count(*) FROM net_nodes WHERE dataset_id = ?", [ds]).fetchone()[0]

        assert rows(1) and rows(2)
        delete_dataset(store, 2)
        assert rows(2) == 0 and rows(1)
    finally:
        store.close()


def test_a_view_cached_by_a_run_whose_store_was_let_go_is_read_through_the_next_run(demo_copy, monkeypatch):
    """The app closes the database when idle and opens it again for the next run; the network cached by the first
    run must then read its summary (top table, search) through the new store (a browser test met "Connection
    already closed")."""
    monkeypatch.setattr(heavy, "CACHE", heavy.SharedCache(settings.HEAVY_CACHE_MB * 1024 * 1024))
    first = open_store(demo_copy)
    q = NetworkQuery(int(dataset_by_name(first, "balancetontiktokeur")["dataset_id"]), kind="retweet", top=200)
    expected = builder.top_table(
        builder.cached_network(first, q), "fr", Pseudonymizer(first, q.dataset_id, enabled=True)
    )
    first.close()
    again = open_store(demo_copy)
    net = builder.cached_network(again, q)
    pd.testing.assert_frame_equal(
        builder.top_table(net, "fr", Pseudonymizer(again, q.dataset_id, enabled=True)), expected
    )
    assert builder.find_nodes(net, "a", Pseudonymizer(again, q.dataset_id, enabled=True))
    again.close()
