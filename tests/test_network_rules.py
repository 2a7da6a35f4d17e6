"""Issue 17 §2: the network's counting rules, each checked against an independent count of the inserted rows.

- mention weights count posts (a post that names an account twice weighs 1);
- the reply and quote networks follow the reference, not the post's primary kind;
- self-loops: one rule (left out of the networks and of every edge count, their number stated) on the
  network's figure, page caption, CLI and on the summary;
- weighted degrees are called in-/out-strength everywhere they leave Clameur.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import datetime

import networkx as nx
import pytest

from clameur.cli import main
from clameur.i18n import t
from clameur.network.builder import counts_sentence, provenance, top_table
from clameur.network.exports import export_bytes
from clameur.network.model import NetworkQuery, build_network, edges
from clameur.overview.summary import summarize, top_accounts
from clameur.privacy import Pseudonymizer
from clameur.store import query, refresh_derived, transaction

AT = datetime(2020, 6, 17, 16, 0)


def read_back(data: bytes, fmt: str) -> nx.Graph:
    """An export read with networkx's own readers, as Gephi-style tools would."""
    buf = io.BytesIO(data)
    return nx.read_gexf(buf, node_type=str) if fmt == "gexf" else nx.read_graphml(buf, node_type=str)


# (post_id, kind, author, ref_post_id, ref_author, reply_to_post_id, quote_of_post_id, created_at)
POSTS = [
    ("o1", "original", "A", None, None, None, None, AT),
    ("o2", "original", "B", None, None, None, None, AT),
    ("r1", "retweet", "B", "o1", "A", None, None, AT),
    ("r2", "retweet", "C", "o1", "A", None, None, AT),
    ("r3", "retweet", "A", "o1", "A", None, None, AT),  # self-retweet
    ("r4", "retweet", "A", "o1", "A", None, None, AT),  # self-retweet
    ("r5", "retweet", "C", "o2", "B", None, "o1", AT),  # a retweet of a quote (v1.1 keeps quoted_status_id)
    ("r6", "retweet", "D", "x9", None, None, None, AT),  # original's author unknown
    ("p1", "reply", "D", "o2", "B", "o2", None, AT),
    ("p2", "reply", "B", "o2", "B", "o2", None, AT),  # self-reply
    # a quote of o1 that is also a reply to o2: in both networks
    ("qr1", "quote", "C", "o1", "A", "o2", "o1", AT),
    # a quote of o2 that replies to a post known only as context (author E)
    ("qr2", "quote", "D", "o2", "B", "c1", "o2", AT),
    ("q1", "quote", "B", "o1", "A", None, "o1", AT),
]
CONTEXT = [("c1", "E")]
HANDLES = {"A": "alice", "B": "bob", "C": "carol", "D": "dan", "E": "eve"}
# o1 names B twice; o2 names A and, by handle only, its own author; p1 names E by handle only
MENTIONS = [("o1", "B", "bob"), ("o1", "B", "bob"), ("o2", "A", "alice"), ("o2", None, "Bob"), ("p1", None, "Eve")]


def _insert(store, posts=POSTS, mentions=MENTIONS, context=CONTEXT):
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name) VALUES (1, 'n')")
        for pid, kind, a, ref, ra, rp, qt, at in posts:
            cur.execute(
                "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind, author_id, author_handle, "
                "ref_post_id, ref_author_id, ref_author_handle, reply_to_post_id, quote_of_post_id) "
                "VALUES (1, 'x', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [pid, at, kind, a, HANDLES.get(a), ref, ra, HANDLES.get(ra), rp, qt],
            )
        for pid, author in context:
            cur.execute(
                "INSERT INTO context_posts (dataset_id, platform, post_id, author_id) VALUES (1, 'x', ?, ?)",
                [pid, author],
            )
        for pid, mid, mh in mentions:
            cur.execute(
                "INSERT INTO post_mentions (dataset_id, post_id, mentioned_id, mentioned_handle) VALUES (1, ?, ?, ?)",
                [pid, mid, mh],
            )
        refresh_derived(cur, 1)  # the rollups the pages read, built as an import builds them


def _weights(store, kind: str, **kw) -> dict:
    e = edges(store, NetworkQuery(1, kind=kind, **kw))
    return {(s, t_): int(w) for s, t_, w in zip(e["source"], e["target"], e["weight"], strict=True)}


def _author_of() -> dict:
    return {p[0]: p[2] for p in POSTS} | dict(CONTEXT)


def _expected_reference_edges(column: int, kind: str) -> tuple[Counter, int]:
    """(edge → posts, self-loop posts), read from the rows: every non-retweet post that carries the reference."""
    authors, out, loops = _author_of(), Counter(), 0
    for p in POSTS:
        if p[1] == "retweet":
            continue
        ref = p[column] or (p[3] if p[1] == kind else None)
        if ref is None:
            continue
        target = authors[ref]
        if target == p[2]:
            loops += 1
        else:
            out[p[2], target] += 1
    return out, loops


def test_a_mention_weighs_one_post_however_often_the_post_names_the_account(store):
    _insert(store)
    authors = _author_of()
    named = {}  # post → the accounts it names (an id, or '@handle' when only the handle is known), each once
    loops = set()
    for pid, mid, mh in MENTIONS:
        if mid == authors[pid] or mh.lower() == HANDLES[authors[pid]]:
            loops.add(pid)
        else:
            named.setdefault(pid, set()).add(mid or "@" + mh.lower())
    expected = Counter((authors[pid], acc) for pid, accounts in named.items() for acc in accounts)
    assert expected[("A", "B")] == 1  # o1 names B twice
    assert _weights(store, "mention") == dict(expected)
    assert build_network(store, NetworkQuery(1, kind="mention")).totals["self_loops"] == len(loops) == 1


@pytest.mark.parametrize(("kind", "column"), [("reply", 5), ("quote", 6)])
def test_reply_and_quote_networks_follow_the_reference_not_the_primary_kind(store, kind, column):
    _insert(store)
    expected, loops = _expected_reference_edges(column, kind)
    assert _weights(store, kind) == dict(expected)
    assert build_network(store, NetworkQuery(1, kind=kind)).totals["self_loops"] == loops
    if kind == "reply":  # the quote qr1 replies to o2 (bob); qr2 replies to a context post by E
        assert expected[("C", "B")] == 1 and expected[("D", "E")] == 1
    else:  # a retweet of a quote is only a retweet
        assert ("C", "A") in expected and expected[("C", "A")] == 1


def test_a_real_quote_that_is_also_a_reply_is_in_both_networks(fstore, fixtures_dir):
    from clameur.ingest import run_import

    path = fixtures_dir / "twarc2_jsonl" / "twarc-csv_quoted_edit.jsonl"
    tweets = [json.loads(line)["data"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    tweet = next(tw for page in tweets for tw in (page if isinstance(page, list) else [page]))
    includes = {
        tw["id"]: tw["author_id"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for tw in json.loads(line).get("includes", {}).get("tweets", [])
    }
    refs = {r["type"]: r["id"] for r in tweet["referenced_tweets"]}
    run_import(fstore, path, dataset_name="qe")
    ds = int(query(fstore, "SELECT dataset_id FROM datasets WHERE name = 'qe'")["dataset_id"].iloc[0])
    for kind, ref in (("reply", "replied_to"), ("quote", "quoted")):
        e = edges(fstore, NetworkQuery(ds, kind=kind))
        assert e[["source", "target", "weight"]].values.tolist() == [[tweet["author_id"], includes[refs[ref]], 1]]
    assert tweet["in_reply_to_user_id"] == includes[refs["replied_to"]]


def test_self_retweets_follow_one_rule_on_the_summary_and_the_network(store):
    _insert(store)
    rts = [p for p in POSTS if p[1] == "retweet" and p[4] is not None]
    loops = [p for p in rts if p[2] == p[4]]
    kept = [p for p in rts if p[2] != p[4]]
    s = summarize(store, 1)
    net = build_network(store, NetworkQuery(1))
    assert s["rt_weight"] == net.totals["weight"] == len(kept) == 3
    assert s["rt_edges"] == net.totals["edges"] == len({(p[2], p[4]) for p in kept}) == 3
    assert s["rt_self_loops"] == net.totals["self_loops"] == len(loops) == 2
    assert net.totals["unresolved"] == sum(1 for p in POSTS if p[1] == "retweet" and p[4] is None) == 1
    # the most retweeted account: its retweets received from others = its in-strength
    top = top_accounts(store, 1).set_index("account_id")["retweets"]
    strength = net.nodes.set_index("id")["in_strength"]
    assert top["A"] == strength["A"] == sum(1 for p in kept if p[4] == "A") == 2


def test_the_self_loop_count_is_stated_on_the_figure_the_page_and_both_commands(store, capsys):
    _insert(store)
    db = store.path
    net = build_network(store, NetworkQuery(1))
    loops = sum(1 for p in POSTS if p[1] == "retweet" and p[2] == p[4])
    for lang in ("en", "fr"):
        prov = provenance(store, net, "Europe/Paris", lang)
        assert t("network.prov_self", lang, n=str(loops)) in prov.extra
        assert t("network.self.retweet", lang) in counts_sentence(net, lang)
    store.close()
    assert main(["summary", "n", "--db", str(db)]) == 0
    assert f"{loops} self-retweets left out" in capsys.readouterr().out
    assert main(["summary", "n", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rt_self_loops"] == loops
    assert main(["network", "n", "--db", str(db), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    kept = [p for p in POSTS if p[1] == "retweet" and p[4] and p[2] != p[4]]
    assert out["self_loops_left_out"] == loops and out["total_weight"] == len(kept)


def test_weighted_degrees_are_called_strengths_in_tables_json_and_exports(store, capsys, tmp_path):
    _insert(store)
    net = build_network(store, NetworkQuery(1))
    received = Counter(p[4] for p in POSTS if p[1] == "retweet" and p[4] is not None and p[2] != p[4])
    for fmt in ("gexf", "graphml"):
        g = read_back(export_bytes(net, fmt)[fmt], fmt)
        assert {n: g.nodes[n]["in_strength"] for n in g.nodes if received[n]} == dict(received)
        assert all("in_degree" not in g.nodes[n] for n in g.nodes)
    nodes_csv = list(csv.DictReader(io.StringIO(export_bytes(net, "csv")["nodes.csv"].decode("utf-8-sig"))))
    assert {"in_strength", "out_strength"} <= set(nodes_csv[0]) and "in_degree" not in nodes_csv[0]
    for lang in ("en", "fr"):
        table = top_table(net, lang, Pseudonymizer(None, None, enabled=False))
        assert t("network.col.in", lang) in table.columns
    assert "strength" in t("network.col.in", "en") and "force" in t("network.col.in", "fr")
    db = store.path
    store.close()
    assert main(["network", "n", "--db", str(db), "--json", "--metric", "in_strength", "--no-privacy"]) == 0
    top = json.loads(capsys.readouterr().out)["top"]
    assert top[0]["id"] == "A" and top[0]["in_strength"] == received["A"] and "in_degree" not in top[0]


def test_a_time_window_leaves_out_posts_dated_1970(store):
    posts = [*POSTS, ("r7", "retweet", "D", "o1", "A", None, None, datetime(1970, 1, 1))]
    _insert(store, posts=posts)
    split = datetime(2020, 6, 17, 17, 0)
    before = _weights(store, "retweet", end=split)
    expected = Counter((p[2], p[4]) for p in POSTS if p[1] == "retweet" and p[4] and p[2] != p[4] and p[7] < split)
    assert before == dict(expected) and ("D", "A") not in before


@pytest.mark.parametrize("name", ["twarc-csv_noflat.jsonl", "twarc-csv_entities_test.jsonl"])
def test_a_real_sample_with_self_retweets_gives_the_same_figures_on_both_screens(fstore, fixtures_dir, name):
    from clameur.ingest import run_import

    path = fixtures_dir / "twarc2_jsonl" / name
    self_retweets = 0  # read from the file: a retweet whose "RT @handle:" is its own author's handle
    for line in path.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        users = {u["id"]: u["username"].lower() for u in page.get("includes", {}).get("users", [])}
        for tw in page["data"]:
            if any(r["type"] == "retweeted" for r in tw.get("referenced_tweets") or []):
                handle = tw["text"].split(":", 1)[0].removeprefix("RT @").lower()
                self_retweets += handle == users.get(tw["author_id"])
    assert self_retweets >= 1
    run_import(fstore, path, dataset_name="s")
    ds = int(query(fstore, "SELECT dataset_id FROM datasets WHERE name = 's'")["dataset_id"].iloc[0])
    s, net = summarize(fstore, ds), build_network(fstore, NetworkQuery(ds))
    assert s["rt_self_loops"] == net.totals["self_loops"] == self_retweets
    assert (s["rt_weight"], s["rt_edges"]) == (net.totals["weight"], net.totals["edges"])
