"""Issue 20: the networks read the rollups (roll_edges, roll_tagsets, accounts and roll_handles), not the posts.

- Exactness: on real samples of every format and on the demo, every kind of network, with and without a time window
  and a hashtag, equals a count made here from the raw rows (posts, post_mentions, post_hashtags, context_posts),
  in Python, following the rules stated in clameur/network/model.py's docstring: edges, weights, the self-loops and
  unknown targets left out, and the node labels.
- A dataset whose posts were not kept (keep_posts = none: its rows gone from posts, post_hashtags, post_mentions
  and context_posts; rollups and accounts kept) gives the same networks, labels and totals as before, on the
  page's builder and on the command line.
- A widget that changes only what is drawn (metric, how many accounts) does not recompute the whole network, and a
  new minimum weight does not query the database again.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime, timedelta

import pandas as pd
import pytest

from clameur import heavy, settings
from clameur.cli import main
from clameur.ingest import run_import
from clameur.network import builder
from clameur.network.model import KINDS, NetworkQuery, build_network, coded_edges
from clameur.reactions.actors import account_categories
from clameur.store import dataset_by_name, open_store, transaction
from tests.conftest import count_calls

# Real samples of every format that holds posts (tests/fixtures/MANIFEST.md), chosen for their retweets, replies,
# quotes, mentions and hashtags.
SAMPLES = [
    "twarc2_jsonl/twarc-csv_2sets.jsonl",
    "twarc2_jsonl/twarc-csv_entities_test.jsonl",
    "twarc2_jsonl/twarc-csv_withheld.jsonl",
    "twarc2_jsonl/twarc-csv_noflat.jsonl",
    "twarc2_jsonl/twarc-csv_flat.jsonl",
    "twarc2_jsonl/twarc-csv_quoted_edit.jsonl",
    "twarc2_jsonl/twarc-csv_streaming_output_with_error.jsonl",
    "twarc2_jsonl/twarc-csv_media_policy_violation_off.jsonl",
    "twitter_v1_json/tweepy_DERIVED_v1_statuses_from_cassettes.jsonl",
    "twitter_v1_json/tweet_parser_original_format_examples.jsonl",
    "twitter_v1_json/smappdragon_dirty_2_mongoexport.jsonl",
    "gnip_activity_streams/tweet_parser_activity_streams_examples.jsonl",
    "bluesky/atrrr_recorded_app.bsky.feed.getAuthorFeed_925c2.json",
    "bluesky/atrrr_recorded_app.bsky.feed.searchPosts_bb16d.json",
    "mastodon/rtoot_mastodonsocial_status_context_replies.json",
    "mastodon/rtoot_testdata_malformed_statuses.jsonl",
    "twarc_csv/twarc-csv_small_sample_2021-03.csv",
]
ACCOUNT_KINDS = ("retweet", "reply", "quote", "mention")
EVERY_POST = datetime(2000, 1, 1)  # a window holding every post of the demo: its network is computed live
RAW_TABLES = ("posts", "post_hashtags", "post_mentions", "context_posts")


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    """Every sample as its own dataset, and all of them together (several platforms) as "all-samples"."""
    from tests.conftest import FIXTURES

    folder = tmp_path_factory.mktemp("rollup_samples")
    path = folder / "c.duckdb"
    store = open_store(path, read_dirs=[FIXTURES, folder])
    for sample in SAMPLES:
        file = FIXTURES / sample
        run_import(store, file, dataset_name=file.stem)
        run_import(store, file, dataset_name="all-samples")
    store.close()
    return path


# ------------------------------------------------------------------------------------------ the count from raw rows


def _fetch(store, sql: str, params: list) -> list[tuple]:
    return store.cursor().execute(sql, params).fetchall()


class Raw:
    """One dataset's raw rows, and its networks counted from them by the rules of clameur/network/model.py."""

    def __init__(self, store, ds: int):
        self.posts = _fetch(
            store,
            """SELECT post_id, platform, created_at, kind, author_id, author_handle, ref_post_id, ref_author_id,
                      ref_author_handle, reply_to_post_id, quote_of_post_id FROM posts WHERE dataset_id = ?""",
            [ds],
        )
        self.tags: dict[str, set[str]] = defaultdict(set)
        for pid, tag in _fetch(store, "SELECT post_id, tag FROM post_hashtags WHERE dataset_id = ?", [ds]):
            self.tags[pid].add(tag)
        self.mentions: dict[str, list] = defaultdict(list)
        for pid, mid, mh in _fetch(
            store, "SELECT post_id, mentioned_id, mentioned_handle FROM post_mentions WHERE dataset_id = ?", [ds]
        ):
            self.mentions[pid].append((mid, mh))
        # the author of every post the dataset knows, collected or seen only as context
        self.authors: dict[tuple, set] = defaultdict(set)
        for pid, platform, author in [
            *[(p[0], p[1], p[4]) for p in self.posts],
            *_fetch(store, "SELECT post_id, platform, author_id FROM context_posts WHERE dataset_id = ?", [ds]),
        ]:
            if author is not None:
                self.authors[pid, platform].add(author)
        self.accounts: dict[str, set] = defaultdict(set)
        for aid, handle in _fetch(store, "SELECT account_id, handle FROM accounts WHERE dataset_id = ?", [ds]):
            if handle is not None:
                self.accounts[aid].add(handle)

    def in_view(self, post, start, end, tag) -> bool:
        at = post[2]
        if start is not None or end is not None:  # a window reads times: only plausible ones are in any
            if at is None or not datetime(2006, 1, 1) <= at <= datetime.now() + timedelta(days=1):
                return False
            if (start is not None and at < start) or (end is not None and at >= end):
                return False
        return tag is None or tag in self.tags.get(post[0], ())

    def author_of(self, post_id, platform):
        found = self.authors.get((post_id, platform))
        return min(found) if found else None

    def targets(self, kind: str, post) -> list:
        """The targets of the edges ``post`` makes in the ``kind`` network (None: the target is unknown)."""
        pid, platform, _, primary, author, handle, ref, ref_author, _, reply_to, quote_of = post
        if author is None:
            return []
        if kind == "retweet":
            return [ref_author] if primary == "retweet" else []
        if primary == "retweet":  # a retweet is only a retweet
            return []
        if kind in ("reply", "quote"):  # the reference, not the primary kind
            own = reply_to if kind == "reply" else quote_of
            if own is None and primary != kind:
                return []
            target = ref_author if primary == kind else None  # stored with the post when it is its primary reference
            if target is None:
                target = self.author_of(own if own is not None else ref, platform)
            return [target]
        named = set()  # mention: once per post and account; a self-mention by id or by handle is a self-loop
        for mid, mh in self.mentions.get(pid, []):
            if mid is None and mh is None:
                continue
            if mid == author or (mh is not None and handle is not None and mh.lower() == handle.lower()):
                named.add(author)
            else:
                named.add(mid if mid is not None else "@" + mh.lower())
        return sorted(named)

    def network(self, kind: str, start=None, end=None, tag=None) -> tuple[dict, int, int]:
        """({(source, target): posts}, self-loop posts, posts with an unknown target)."""
        weights, loops, unknown = Counter(), 0, 0
        for post in self.posts:
            if not self.in_view(post, start, end, tag):
                continue
            if kind == "hashtag":
                tags = sorted(self.tags.get(post[0], ()))
                weights.update((a, b) for i, a in enumerate(tags) for b in tags[i + 1 :])
                continue
            for target in self.targets(kind, post):
                if target is None:
                    unknown += 1
                elif target == post[4]:
                    loops += 1
                else:
                    weights[post[4], target] += 1
        return dict(weights), loops, unknown

    def label_of(self, node: str) -> str:
        """An account's handle in the accounts table (the smallest), else the handle the posts show most often for
        it (the smallest of equals), else a mention's own handle ("@x" → "x"), else the id."""
        if self.accounts.get(node):
            return min(self.accounts[node])
        if node.startswith("@"):
            return node[1:]
        ranked = sorted((-n, h) for h, n in self.seen_handles.get(node, Counter()).items())
        return ranked[0][1] if ranked else node

    @property
    def seen_handles(self) -> dict[str, Counter]:
        """{account id: Counter(handle → rows)}: as author of each post, referenced author and mentioned account."""
        if not hasattr(self, "_seen"):
            self._seen = defaultdict(Counter)
            for post in self.posts:
                for aid, handle in [(post[4], post[5]), (post[7], post[8]), *self.mentions.get(post[0], [])]:
                    if aid is not None and handle is not None:
                        self._seen[aid][handle] += 1
        return self._seen


def _views(raw: Raw) -> list[dict]:
    """No filter; each half of the dataset around its middle minute; a hashtag, alone and with a half."""
    times = sorted(p[2] for p in raw.posts if raw.in_view(p, datetime(2006, 1, 1), None, None))
    views = [{}]
    if len(times) > 1:
        middle = pd.Timestamp(times[len(times) // 2]).floor("min").to_pydatetime()  # the page's windows are minutes
        views += [{"end": middle}, {"start": middle}]
    # the most used hashtag that some posts lack (a campaign's own tag is often on every post: no filter at all)
    counts = Counter(tag for tags in raw.tags.values() for tag in tags)
    counts = {tag: n for tag, n in counts.items() if n < len(raw.posts)}
    if counts:
        tag = min(counts, key=lambda x: (-counts[x], x))
        views += [{"tag": tag}, *([{"tag": tag, "start": views[2]["start"]}] if len(views) > 1 else [])]
    return views


def _check_every_view(store, ds: int, seen: Counter) -> None:
    raw = Raw(store, ds)
    for view in _views(raw):
        for kind in KINDS:
            expected, loops, unknown = raw.network(kind, **view)
            c = coded_edges(store, NetworkQuery(ds, kind=kind, **view))
            got = {
                (c.names[s], c.names[t]): int(w)
                for s, t, w in zip(c.source.tolist(), c.target.tolist(), c.weight.tolist(), strict=True)
            }
            where = f"dataset {ds}, {kind}, {view}"
            assert got == expected, where
            assert (c.self_loops, c.unresolved) == (loops, unknown), where
            if kind != "hashtag":
                assert {n: lbl for n, lbl in zip(c.names, c.labels, strict=True)} == {
                    n: raw.label_of(n) for n in c.names
                }, where
            else:
                assert list(c.labels) == list(c.names)
            seen[kind, tuple(sorted(view))] += len(expected)
            if view:
                seen["narrower", tuple(sorted(view))] += expected != raw.network(kind)[0]
            seen["self_loops"] += loops
            seen["unresolved"] += unknown


def test_every_network_of_every_sample_equals_the_count_from_the_raw_rows(samples_db):
    store = open_store(samples_db)
    try:
        seen = Counter()
        names = [row[0] for row in _fetch(store, "SELECT name FROM datasets ORDER BY dataset_id", [])]
        assert len(names) == len(SAMPLES) + 1
        for name in names:
            _check_every_view(store, int(dataset_by_name(store, name)["dataset_id"]), seen)
    finally:
        store.close()
    # the comparison is not empty: every kind has edges, with and without a window and a hashtag
    for kind in KINDS:
        for view in ((), ("end",), ("start",), ("tag",), ("start", "tag")):
            assert seen[kind, view] > 0, (kind, view)
    assert seen["self_loops"] > 0 and seen["unresolved"] > 0
    assert all(seen["narrower", view] > 0 for view in (("end",), ("start",), ("tag",), ("start", "tag")))


def test_every_network_of_the_demo_equals_the_count_from_the_raw_rows(demo_store):
    seen = Counter()
    for (ds,) in _fetch(demo_store, "SELECT dataset_id FROM datasets ORDER BY 1", []):
        _check_every_view(demo_store, int(ds), seen)
    assert all(seen[kind, ()] > 0 for kind in KINDS)
    assert all(seen["narrower", view] > 0 for view in (("end",), ("start",), ("tag",), ("start", "tag")))


# ------------------------------------------------------------------------------------------ posts not kept


def _snapshot(store, ds: int) -> dict:
    out = {}
    for kind in KINDS:
        for view in ({}, {"min_weight": 2}, {"k_core": 2, "metric": "in_strength"}, {"largest_component": True}):
            out[kind, str(view)] = build_network(store, NetworkQuery(ds, kind=kind, **view), account_categories(store))
    return out


def _forget_posts(store, ds: int) -> None:
    """What keep_posts = none leaves of a dataset: its rollups and accounts, no posts."""
    with transaction(store) as cur:
        for table in RAW_TABLES:
            cur.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [ds])  # noqa: S608 (fixed table names)
        cur.execute("UPDATE datasets SET keep_posts = 'none' WHERE dataset_id = ?", [ds])


def test_a_dataset_whose_posts_were_not_kept_gives_the_same_networks(samples_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(heavy, "CACHE", heavy.SharedCache(settings.HEAVY_CACHE_MB * 1024 * 1024))
    path = tmp_path / "c.duckdb"
    shutil.copy(samples_db, path)
    store = open_store(path)
    ds = int(dataset_by_name(store, "all-samples")["dataset_id"])
    before = _snapshot(store, ds)
    assert all(len(before[kind, "{}"].edges) for kind in KINDS)
    cli_before = {}
    store.close()
    for kind in KINDS:
        assert main(["network", "all-samples", "--db", str(path), "--kind", kind, "--json", "--no-privacy"]) == 0
        cli_before[kind] = json.loads(capsys.readouterr().out)
    store = open_store(path)
    _forget_posts(store, ds)
    assert all(_fetch(store, f"SELECT count(*) FROM {t} WHERE dataset_id = ?", [ds])[0][0] == 0 for t in RAW_TABLES)  # noqa: S608
    after = _snapshot(store, ds)
    for key, net in before.items():
        again = after[key]
        for part in ("nodes", "edges", "drawn", "drawn_edges"):
            pd.testing.assert_frame_equal(getattr(again, part), getattr(net, part), obj=f"{key} {part}")
        assert again.totals == net.totals, key
    for kind in KINDS:  # the page's builder, from a cold cache
        heavy.CACHE.clear()
        shown = builder.cached_network(store, NetworkQuery(ds, kind=kind))
        pd.testing.assert_frame_equal(shown.nodes, before[kind, "{}"].nodes)
        assert shown.totals == before[kind, "{}"].totals
    store.close()
    for kind in KINDS:  # and the command line
        assert main(["network", "all-samples", "--db", str(path), "--kind", kind, "--json", "--no-privacy"]) == 0
        assert json.loads(capsys.readouterr().out) == cli_before[kind], kind


# ------------------------------------------------------------------------------------------ what a widget redoes


def test_a_widget_redoes_only_what_it_changes(demo_store, monkeypatch):
    monkeypatch.setattr(heavy, "CACHE", heavy.SharedCache(settings.HEAVY_CACHE_MB * 1024 * 1024))
    calls = count_calls(monkeypatch, builder, "coded_edges", "structure")
    q = NetworkQuery(1, kind="retweet", top=300, start=EVERY_POST)  # a live view
    first = builder.cached_network(demo_store, q)
    assert calls == {"coded_edges": 1, "structure": 1}
    other = builder.cached_network(demo_store, replace(q, top=100, metric="in_strength"))
    assert calls == {"coded_edges": 1, "structure": 1}  # only laid out again
    assert other.nodes is first.nodes and len(other.drawn) <= 100 < len(first.drawn)
    top = first.nodes.sort_values(["in_strength", "id"], ascending=[False, True]).head(100)["id"]
    assert set(other.drawn["id"]) <= set(top)
    heavier = builder.cached_network(demo_store, replace(q, min_weight=2))
    assert calls == {"coded_edges": 1, "structure": 2}  # a new whole network, from the same edges
    assert heavier.totals == build_network(demo_store, replace(q, min_weight=2)).totals
