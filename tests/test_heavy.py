"""Heavy work bounded across visitors (issue 21 §1): a cap on concurrent computations, a memory budget per view
refused with a sentence, one computation for many readers of the same view, the worker process."""

from __future__ import annotations

import threading
import time
from datetime import datetime

import pandas as pd
import pytest

from clameur import heavy, settings
from clameur.network import builder
from clameur.network.exports import export_bytes
from clameur.network.model import NetworkQuery, build_network
from clameur.privacy import Pseudonymizer
from clameur.reactions.actors import account_categories

EVERY_POST = datetime(2000, 1, 1)  # a window holding every post of the demo: its network is computed live


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    """Each test starts with an empty shared cache (it is process-wide, like the server's)."""
    monkeypatch.setattr(heavy, "CACHE", heavy.SharedCache(settings.HEAVY_CACHE_MB * 1024 * 1024))


def test_the_gate_runs_at_most_its_slots_and_tells_the_others_they_wait():
    gate = heavy.Gate(2)
    start = threading.Barrier(6)
    lock = threading.Lock()
    running, peak, waited = [0], [0], []

    def view(i: int) -> None:
        start.wait()
        with gate.slot(on_wait=lambda reason: waited.append((i, reason))):
            with lock:
                running[0] += 1
                peak[0] = max(peak[0], running[0])
            time.sleep(0.3)
            with lock:
                running[0] -= 1

    threads = [threading.Thread(target=view, args=(i,)) for i in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=30)
    assert peak[0] == 2
    assert len(waited) == 4 and {reason for _, reason in waited} == {"queue"}
    assert gate.running == 0 and gate.waiting == 0


def test_a_view_that_waits_too_long_is_told_the_server_is_busy():
    gate = heavy.Gate(1)
    with gate.slot():
        with pytest.raises(heavy.Busy) as err:
            with gate.slot(timeout=0.2):
                pass
    assert "busy" in err.value.sentence("en") and "Try again" in err.value.sentence("en")
    assert "occupé" in err.value.sentence("fr") and "Réessayez" in err.value.sentence("fr")
    with gate.slot(timeout=0.2):  # the slot was given back
        pass


def _retweet_counts(store, ds: int) -> tuple[int, int]:
    """Nodes and edges of the retweet network, counted straight from the posts (not through Clameur's builder)."""
    pairs = (
        store.cursor()
        .execute(
            """SELECT DISTINCT author_id, ref_author_id FROM posts WHERE dataset_id = ? AND kind = 'retweet'
           AND author_id IS NOT NULL AND ref_author_id IS NOT NULL AND author_id <> ref_author_id""",
            [ds],
        )
        .fetchall()
    )
    return len({a for pair in pairs for a in pair}), len(pairs)


def test_a_network_past_the_memory_budget_is_refused_before_it_is_built(demo_store, monkeypatch):
    nodes, edges = _retweet_counts(demo_store, 1)
    need = heavy.estimate_mb(nodes, edges, settings.NETWORK_BYTES_PER_ELEMENT)
    built = []

    class Built(Exception):
        pass

    def stand_in(*args):  # in place of the graph, metrics and layout
        built.append(args)
        raise Built

    monkeypatch.setattr(builder, "structure", stand_in)
    bounds = heavy.Bounds(budget_mb=need - 1)
    q = NetworkQuery(1, start=EVERY_POST)  # a view computed live (the default one is read from its summary)
    with pytest.raises(heavy.TooBig) as err:
        builder.cached_network(demo_store, q, bounds)
    assert built == []
    en, fr = err.value.sentence("en"), err.value.sentence("fr")
    assert f"{nodes:,} nodes and {edges:,} edges" in en
    assert f"about {need:,} MB, over the {need - 1:,} MB this server gives one view" in en
    assert "Narrow the time window, raise the minimum weight or choose a hashtag" in en
    assert f"{nodes:,} nœuds et {edges:,} liens".replace(",", "\u202f") in fr
    assert "Réduisez la période, relevez le poids minimal ou choisissez un hashtag" in fr
    assert "Traceback" not in en + fr
    with pytest.raises(heavy.TooBig):  # asked again: refused again (from the counts it keeps)
        builder.cached_network(demo_store, q, bounds)
    assert built == []
    with pytest.raises(Built):  # within the budget, the build goes ahead
        builder.cached_network(demo_store, q, heavy.Bounds(budget_mb=need))
    assert len(built) == 1


def test_an_export_past_its_budget_is_known_before_anyone_clicks(demo_store):
    net = builder.cached_network(demo_store, NetworkQuery(1, top=50))
    need = heavy.estimate_mb(len(net.nodes), len(net.edges), settings.EXPORT_BYTES_PER_ELEMENT)
    refusal = builder.export_estimate(net, heavy.Bounds(export_budget_mb=need - 1))
    assert refusal is not None and "clameur network DATASET --kind retweet --out network.gexf" in refusal.sentence("en")
    assert builder.export_estimate(net, heavy.Bounds(export_budget_mb=need)) is None
    with pytest.raises(heavy.TooBig):
        builder.export_files(demo_store, net, "gexf", None, heavy.Bounds(export_budget_mb=need - 1))


def test_readers_of_the_same_view_share_one_computation(demo_store, monkeypatch):
    calls = []
    real = builder.structure

    def counted(*args):
        calls.append(1)
        time.sleep(0.5)  # long enough for the other readers to arrive while it runs
        return real(*args)

    monkeypatch.setattr(builder, "structure", counted)
    q = NetworkQuery(1, top=50, start=EVERY_POST)
    start = threading.Barrier(4)
    results, waits = [None] * 4, []

    def reader(i: int) -> None:
        start.wait()
        results[i] = builder.cached_network(demo_store, q, heavy.Bounds(on_wait=waits.append))

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert len(calls) == 1
    assert all(r is results[0] for r in results)
    assert waits.count("shared") == 3


def test_the_worker_computes_the_same_network_as_the_server(demo_store):
    q = NetworkQuery(1, top=200)
    inline = build_network(demo_store, q, account_categories(demo_store))
    isolated = builder.cached_network(demo_store, q, heavy.Bounds(isolate_above=0))
    for part in ("nodes", "edges", "drawn", "drawn_edges"):
        pd.testing.assert_frame_equal(getattr(isolated, part), getattr(inline, part))
    assert isolated.totals == inline.totals
    names = Pseudonymizer(demo_store, 1, enabled=True, lang="fr")
    files = builder.export_files(demo_store, isolated, "gexf", names, heavy.Bounds(isolate_above=0))
    assert files == export_bytes(inline, "gexf", names)
    assert builder.export_files(demo_store, isolated, "gexf", names) is files  # built once, then kept


def test_an_error_in_the_worker_comes_back_as_the_same_exception():
    with pytest.raises(ValueError, match="Unknown export format"):
        heavy.run(
            __import__("clameur.network.exports", fromlist=["files"]).files,
            pd.DataFrame(),
            pd.DataFrame(),
            "retweet",
            "xls",
            "privacy notice",
            isolate=True,
        )
