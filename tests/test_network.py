"""Networks: weights derived from the input rows, exports that round-trip, seeded determinism, caps."""

from __future__ import annotations

import io
import json
from datetime import datetime

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from clameur import settings
from clameur.charts import Provenance
from clameur.network.exports import export_bytes
from clameur.network.figures import network_figure
from clameur.network.model import (
    CodedEdges,
    Network,
    NetworkError,
    NetworkQuery,
    build_network,
    edges,
    search_nodes,
)
from clameur.privacy import Pseudonymizer
from clameur.store import refresh_derived, transaction

BIG = "1234567890123456789"  # a 19-digit id that a float would round


def _posts(store, rows, mentions=(), tags=()):
    """rows: (post_id, kind, author_id, handle, ref_author_id, ref_handle)."""
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name) VALUES (1, 'n')")
        for i, (pid, kind, a, h, ra, rh) in enumerate(rows):
            cur.execute(
                "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind, author_id, author_handle, "
                "ref_author_id, ref_author_handle) VALUES (1, 'x', ?, ?, ?, ?, ?, ?, ?)",
                [pid, datetime(2020, 6, 17, 16, i % 60), kind, a, h, ra, rh],
            )
        for pid, mid, mh in mentions:
            cur.execute(
                "INSERT INTO post_mentions (dataset_id, post_id, mentioned_id, mentioned_handle) VALUES (1, ?, ?, ?)",
                [pid, mid, mh],
            )
        for pid, tag in tags:
            cur.execute("INSERT INTO post_hashtags (dataset_id, post_id, tag) VALUES (1, ?, ?)", [pid, tag])
        refresh_derived(cur, 1)  # the rollups the pages read, built as an import builds them


ROWS = [
    ("o1", "original", "A", "alice", None, None),
    ("r1", "retweet", "B", "bob", "A", "alice"),
    ("r2", "retweet", "B", "bob", "A", "alice"),
    ("r3", "retweet", "C", "carol", "A", "alice"),
    ("r4", "retweet", "A", "alice", "A", "alice"),  # self-retweet: dropped
    ("r5", "retweet", BIG, "big", "B", "bob"),
    ("r6", "retweet", "D", "dan", None, None),  # original author unknown: no edge
    ("q1", "quote", "C", "carol", "B", "bob"),
    ("p1", "reply", "D", "dan", "C", "carol"),
]


def test_retweet_weights_equal_the_retweets_whose_original_author_is_known(store):
    _posts(store, ROWS)
    e = edges(store, NetworkQuery(1)).set_index(["source", "target"])["weight"].to_dict()
    known = [r for r in ROWS if r[1] == "retweet" and r[4] is not None and r[2] != r[4]]
    assert sum(e.values()) == len(known) == 4
    assert e == {("B", "A"): 2, ("C", "A"): 1, (BIG, "B"): 1}
    assert edges(store, NetworkQuery(1, kind="quote"))[["source", "target", "weight"]].values.tolist() == [
        ["C", "B", 1]
    ]
    assert edges(store, NetworkQuery(1, kind="reply"))[["source", "target", "weight"]].values.tolist() == [
        ["D", "C", 1]
    ]
    assert edges(store, NetworkQuery(1, min_weight=2))["weight"].tolist() == [2]


def test_mentions_skip_retweets_and_self_mentions_and_hashtags_co_occur(store):
    _posts(
        store,
        ROWS,
        mentions=[("o1", "B", "bob"), ("o1", "A", "alice"), ("r1", "A", "alice"), ("p1", None, "Carol")],
        tags=[("o1", "a"), ("o1", "b"), ("q1", "a"), ("q1", "b"), ("q1", "c")],
    )
    m = edges(store, NetworkQuery(1, kind="mention")).set_index(["source", "target"])["weight"].to_dict()
    assert m == {("A", "B"): 1, ("D", "@carol"): 1}
    h = edges(store, NetworkQuery(1, kind="hashtag")).set_index(["source", "target"])["weight"].to_dict()
    assert h == {("a", "b"): 2, ("a", "c"): 1, ("b", "c"): 1}


def test_metrics_communities_and_layout_are_deterministic(store):
    _posts(store, ROWS)
    a, b = build_network(store, NetworkQuery(1)), build_network(store, NetworkQuery(1))
    pd.testing.assert_frame_equal(a.nodes, b.nodes)
    assert np.array_equal(a.drawn[["x", "y"]].to_numpy(), b.drawn[["x", "y"]].to_numpy())
    top = a.nodes.sort_values("pagerank", ascending=False).iloc[0]
    assert top["id"] == "A" and top["in_strength"] == 3


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_exports_round_trip_with_attributes_and_text_ids(store, fmt):
    _posts(store, ROWS)
    net = build_network(store, NetworkQuery(1))
    g = read_back(export_bytes(net, fmt)[fmt], fmt)
    assert set(g.nodes) == set(net.nodes["id"]) and BIG in g.nodes
    assert g.edges["B", "A"]["weight"] == 2 and g.edges["B", "A"]["kind"] == "retweet"
    assert g.nodes["A"]["label"] == "alice" and "pagerank" in g.nodes["A"] and "community" in g.nodes["A"]


def test_csv_exports_keep_ids_as_text(store):
    _posts(store, ROWS)
    files = export_bytes(build_network(store, NetworkQuery(1)), "csv")
    edges_csv = files["edges.csv"].decode()
    assert f"{BIG},B,1" in edges_csv.replace("\r", "") or f"{BIG},B,1.0" in edges_csv
    assert BIG in files["nodes.csv"].decode()


def test_caps_hold_on_a_million_accounts(monkeypatch):
    rng = np.random.default_rng(1)
    n = 1_000_000
    src = rng.integers(0, n, n)
    dst = (rng.pareto(1.2, n) * 50).astype(int) % n
    df = pd.DataFrame({"source": src, "target": dst, "weight": 1})
    df = df[df["source"] != df["target"]].groupby(["source", "target"], as_index=False)["weight"].sum()
    names = np.arange(n).astype(str).astype(object)
    coded = CodedEdges(names, names, df["source"].to_numpy(), df["target"].to_numpy(), df["weight"].to_numpy())
    monkeypatch.setattr("clameur.network.model.coded_edges", lambda store, q: coded)  # the edge query, not DuckDB
    net = build_network(None, NetworkQuery(1))
    assert net.totals["nodes"] > 500_000
    assert len(net.drawn) <= settings.NETWORK_MAX_NODES_DRAWN
    assert len(net.drawn_edges) <= settings.NETWORK_MAX_EDGES_DRAWN


def test_hostile_handles_are_escaped_in_the_figure(store):
    _posts(store, [("r1", "retweet", "X", "<img src=x onerror=alert(1)>", "Y", "<script>y</script>")])
    net = build_network(store, NetworkQuery(1))
    fig = network_figure(
        net.drawn,
        net.drawn_edges,
        metric="pagerank",
        colour_by="community",
        title="t",
        prov=Provenance(datasets=["d"]),
        lang="en",
        names=Pseudonymizer(None, None, enabled=False),
    )
    spec = fig.to_json()
    assert "<img" not in spec and "<script>" not in spec and "&lt;img src=x" in spec


def test_search_treats_percent_and_underscore_literally():
    nodes = pd.DataFrame({"id": ["1", "2", "3"], "label": ["50%off", "a_b", "axb"], "pagerank": [0.1, 0.2, 0.3]})
    assert search_nodes(nodes, "50%")["label"].tolist() == ["50%off"]
    assert search_nodes(nodes, "a_b")["label"].tolist() == ["a_b"]
    assert search_nodes(nodes, "%' OR 1=1 --").empty


@pytest.mark.parametrize("bad", [{"kind": "follow"}, {"metric": "betweenness"}, {"min_weight": 0}])
def test_unknown_views_are_refused(bad):
    with pytest.raises(NetworkError):
        NetworkQuery(1, **bad).validate()


def test_the_demo_retweet_network_matches_the_summary(demo_store):
    from clameur.overview.summary import summarize

    s = summarize(demo_store, 1)
    net = build_network(demo_store, NetworkQuery(1))
    assert net.totals["weight"] == s["rt_weight"] and net.totals["edges"] == s["rt_edges"]
    assert isinstance(net, Network)
    assert json.dumps(net.totals)


def read_back(data: bytes, fmt: str) -> nx.Graph:
    """Read an export with networkx's readers, as Gephi-style readers would."""
    buf = io.BytesIO(data)
    return nx.read_gexf(buf, node_type=str) if fmt == "gexf" else nx.read_graphml(buf, node_type=str)


@pytest.mark.parametrize(
    "self_loops,unresolved,lang,expected",
    [
        (1, 0, "en", "Left out: 1 post of an account retweeting itself."),
        (2, 1, "en", "Left out: 2 posts of an account retweeting itself, 1 post whose target account is unknown."),
        (
            1,
            3,
            "fr",
            "Écarté : 1 message d'un compte qui se retweete lui-même, 3 messages dont le compte visé est inconnu.",
        ),
    ],
)
def test_the_left_out_sentence_says_one_post_in_the_singular(self_loops, unresolved, lang, expected):
    from types import SimpleNamespace

    from clameur.network.builder import left_out_sentence

    net = SimpleNamespace(
        totals={"self_loops": self_loops, "unresolved": unresolved}, query=SimpleNamespace(kind="retweet")
    )
    assert left_out_sentence(net, lang) == expected
