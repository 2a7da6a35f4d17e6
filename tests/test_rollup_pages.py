"""The overview, institutions and platforms pages and the privacy keys read rollups (issue 20).

Two checks, on real sample files and on the demo:
- each converted function gives what an independent computation from the raw posts gives (pandas over the rows of
  posts, post_hashtags and post_mentions, written here, not the code's SQL);
- its output is identical after the dataset's posts, hashtags, mentions and context posts are deleted
  (keep_posts = 'none'), except the drill-downs that name posts, which say so in a sentence.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest

from clameur.i18n import t
from clameur.ingest.uploads import import_upload
from clameur.overview.builder import build_overview
from clameur.overview.summary import peak_hour, summarize, top_accounts, top_hashtags
from clameur.privacy import _DATASET_KEYS, Pseudonymizer
from clameur.reactions import effects
from clameur.reactions.actors import add_actor, match_actors
from clameur.reactions.builder import comparison_choices, effect, ladder_view, reactions_chart, who_table
from clameur.reactions.effects import EffectError, Window, aligned_counts, comparison_options, window_stats
from clameur.reactions.events import list_events
from clameur.reactions.kept import not_kept_note
from clameur.reactions.platforms import import_availability, ladder, moderation_outcome, own_voice, withheld_count
from clameur.reactions.queries import actor_posts, launch_of, reach, who_reacted
from clameur.store import dataset_by_id, open_store, query, transaction
from tests.conftest import FIXTURES, run_page

FILES = (
    "twarc2_jsonl/twarc-csv_2sets.jsonl",  # retweets, quotes, replies, hashtags, two searches in one file
    "twarc2_jsonl/twarc-csv_withheld.jsonl",  # withheld notices
    "twitter_v1_json/tweepy_DERIVED_v1_statuses_from_cassettes.jsonl",  # replies, a self-retweet or two
    "bluesky/atrrr_recorded_app.bsky.feed.searchPosts_bb16d.json",  # microsecond times
    "mastodon/rtoot_testdata_mastodonsocial_statuses.jsonl",
)
RAW_TABLES = ("posts", "post_hashtags", "post_mentions", "context_posts")


def _forget_posts(store, dataset_id: int) -> None:
    """What an import with --keep-posts none leaves: the rollups, the accounts, the derived first-seen table."""
    with transaction(store) as cur:
        for table in RAW_TABLES:  # fixed names
            cur.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [dataset_id])  # noqa: S608
        cur.execute("UPDATE datasets SET keep_posts = 'none' WHERE dataset_id = ?", [dataset_id])


# --- independent computations from the raw rows ---------------------------------------------------------------


class Raw:
    """One dataset's raw rows, read once before they are deleted."""

    def __init__(self, store, ds: int):
        self.ds = ds
        self.posts = query(store, "SELECT * FROM posts WHERE dataset_id = ?", [ds])
        self.tags = query(
            store,
            "SELECT h.post_id, h.tag, p.created_at FROM post_hashtags h JOIN posts p USING (dataset_id, post_id) "
            "WHERE h.dataset_id = ?",
            [ds],
        )
        self.mentions = query(store, "SELECT * FROM post_mentions WHERE dataset_id = ?", [ds])
        self.accounts = query(store, "SELECT * FROM accounts WHERE dataset_id = ?", [ds])
        now = pd.Timestamp.now(tz="UTC").tz_localize(None)
        at = self.posts["created_at"]
        self.plausible = self.posts[(at >= pd.Timestamp("2006-01-01")) & (at <= now + timedelta(days=1))]

    def summary(self) -> dict:
        p = self.posts
        first, last = self.plausible["created_at"].min(), self.plausible["created_at"].max()
        rt = p[(p["kind"] == "retweet") & p["author_id"].notna() & p["ref_author_id"].notna()]
        edges = rt[rt["author_id"] != rt["ref_author_id"]]
        tags = self.tags.groupby("tag").size().reset_index(name="n").sort_values(["n", "tag"], ascending=[False, True])
        iso = None if pd.isna(first) else first.strftime("%Y-%m-%dT%H:%M:%SZ")
        return {
            "posts": len(p),
            "authors": p["author_id"].nunique(),
            "kinds": {k: int((p["kind"] == k).sum()) for k in ("original", "retweet", "quote", "reply")},
            "first": iso,
            "last": None if pd.isna(last) else last.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "first_24h": int(((p["created_at"] >= first) & (p["created_at"] < first + timedelta(hours=24))).sum()),
            "rt_weight": len(edges),
            "rt_edges": len(edges[["author_id", "ref_author_id"]].drop_duplicates()),
            "rt_self_loops": int((rt["author_id"] == rt["ref_author_id"]).sum()),
            "top_hashtags": [[tg, int(n)] for tg, n in tags.head(10).itertuples(index=False)],
        }

    def top_accounts(self) -> pd.DataFrame:
        p = self.posts
        rts = p[(p["kind"] == "retweet") & p["ref_author_id"].notna() & ~(p["author_id"] == p["ref_author_id"])]
        n = rts.groupby("ref_author_id").size().rename("retweets")
        own = p.groupby("author_id").size().rename("posts")
        out = n.to_frame().join(own).fillna({"posts": 0}).reset_index(names="account_id")
        return out.sort_values(["retweets", "account_id"], ascending=[False, True])[["account_id", "posts", "retweets"]]

    def reach(self) -> pd.DataFrame:
        p = self.posts
        ref = p[p["ref_author_id"].notna()]
        recv = pd.DataFrame(
            {k: ref[ref["kind"] == kind].groupby("ref_author_id").size() for k, kind in RECEIVED.items()}
        )
        own = p.groupby("author_id", dropna=False).size().rename("posts").to_frame()
        own["first_post"] = self.plausible.groupby("author_id", dropna=False)["created_at"].min()
        out = recv.join(own, how="outer").fillna({**dict.fromkeys(RECEIVED, 0), "posts": 0})
        out["rank"] = out["rts"].rank(method="min", ascending=False)
        return _tidy(out.reset_index(names="account_id"))

    def matched(self, store) -> set:
        p = self.posts
        seen = pd.concat(
            [
                p[["platform", "author_id", "author_handle"]].set_axis(["platform", "id", "h"], axis=1),
                p[p["ref_author_id"].notna()][["platform", "ref_author_id", "ref_author_handle"]].set_axis(
                    ["platform", "id", "h"], axis=1
                ),
            ]
        )
        seen["h"] = seen["h"].str.lower()
        acc = query(store, "SELECT actor_id, handle, account_id FROM actor_accounts")
        out = set()
        for a in acc.itertuples():
            by_id = seen["id"].eq(a.account_id) if isinstance(a.account_id, str) else False
            by_h = seen["h"].eq(a.handle.lower()) if isinstance(a.handle, str) else False
            for r in seen[by_id | by_h].itertuples():
                out.add((a.actor_id, r.platform, _key(r.id), _key(r.h)))
        return out

    def window(self, start, end, ids, handles, first_seen: pd.DataFrame) -> dict:
        p = self.posts
        w = p[(p["created_at"] >= start) & (p["created_at"] < end)]
        m = self.mentions
        hit = m[m["mentioned_id"].isin(ids) | m["mentioned_handle"].str.lower().isin(handles)]["post_id"]
        hours = max((end - start) / timedelta(hours=1), 1e-9)
        firsts = first_seen[(first_seen["first"] >= start) & (first_seen["first"] < end)]
        return {
            "posts": len(w),
            "posts_per_hour": len(w) / hours,
            "new_accounts_per_hour": len(firsts) / hours,
            "rt_share": (w["kind"] == "retweet").sum() / len(w) if len(w) else None,
            "mention_share": w["post_id"].isin(hit).sum() / len(w) if len(w) else None,
        }

    def first_seen(self) -> pd.DataFrame:
        per = self.plausible[self.plausible["author_id"].notna()].groupby("author_id")["created_at"].min()
        return per.rename("first").reset_index()

    def counts(self, window: Window, tag: str | None = None) -> list[int]:
        times = self.tags[self.tags["tag"] == tag]["created_at"] if tag else self.posts["created_at"]
        return [int(((times >= b) & (times < b + timedelta(hours=1))).sum()) for b in window.bins()]

    def keys(self) -> set:
        p, m = self.posts, self.mentions
        keys = set(self.accounts["account_id"].dropna())
        keys |= set(p["author_id"].dropna()) | set(p["ref_author_id"].dropna())
        pairs = zip(m["mentioned_id"], m["mentioned_handle"], strict=True)
        keys |= {
            i if isinstance(i, str) else "@" + h.lower() for i, h in pairs if isinstance(i, str) or isinstance(h, str)
        }
        keys |= {"@" + h.lower() for h in p[p["author_id"].isna()]["author_handle"].dropna()}
        keys |= {"@" + h.lower() for h in p[p["ref_author_id"].isna()]["ref_author_handle"].dropna()}
        return keys - {"@"}


RECEIVED = {"rts": "retweet", "replies": "reply", "quotes": "quote"}


def _key(v):
    return v if isinstance(v, str) else None


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order, counts as integers, times as Timestamps: what two computations can be compared on."""
    df = df.copy()
    for col in ("posts", "rts", "replies", "quotes", "rank"):
        if col in df:
            df[col] = df[col].astype("int64")
    df["account_id"] = df["account_id"].astype(object).where(df["account_id"].notna(), None)
    df = df[["account_id", "posts", "first_post", "rts", "replies", "quotes", "rank"]]
    return df.sort_values("account_id", na_position="last", key=lambda s: s.astype(str)).reset_index(drop=True)


# --- everything the pages compute, as plain values --------------------------------------------------------------


def _frame(df: pd.DataFrame) -> list:
    """A table as sorted rows of text: order-free (several queries have no full ORDER BY) and NaN-equal."""
    return sorted(json.dumps([_text(v) for v in row]) for row in df.itertuples(index=False))


def _text(v):
    if isinstance(v, (list, tuple, np.ndarray)):
        return [_text(x) for x in v]
    return None if pd.isna(v) else str(v)


def outputs(store, ds: int, windows: list[tuple], ids: list[str], handles: list[str]) -> dict:
    """Every output of the converted functions for one dataset (drill-downs apart)."""
    names = Pseudonymizer(store, ds, enabled=True, threshold=10**12)  # every account coded
    out = {
        "summary": summarize(store, ds),
        "top_accounts": _frame(top_accounts(store, ds, 50)),
        "top_hashtags": _frame(top_hashtags(store, ds, 50)),
        "peak_hour": peak_hour(store, ds, "Europe/Paris"),
        "match_actors": _frame(match_actors(store, ds, "fr")),
        "reach": _frame(reach(store, ds)),
        "who_reacted": _frame(who_reacted(store, ds, "en")),
        "who_table": _frame(who_table(store, ds, "Europe/Paris", "fr")),
        "launch": launch_of(store, ds),
        "ladder": _frame(ladder(store, ds, "en")),
        "comparisons": [c.key for c in comparison_options(store, ds)],
        "choices": comparison_choices(store, ds, "en"),
        "keys": sorted(query(store, _DATASET_KEYS, {"ds": ds})["k"]),
        "labels": [names.label(k, None) for k in sorted(query(store, _DATASET_KEYS, {"ds": ds})["k"])],
        "moderation_accounts": _frame(
            moderation_outcome(store, ds).query("object_type == 'account'").reset_index(drop=True)
        ),
        "span": effects._span(store, ds),
    }
    for i, (start, end) in enumerate(windows):
        out[f"window{i}"] = window_stats(store, ds, start, end, ids, handles)
        w = Window(start, 2, 3)
        out[f"counts{i}"] = aligned_counts(store, ds, w).tolist()
        for tag in [c for c in out["comparisons"] if c.startswith("tag:")][:3]:  # the dataset's top hashtags
            out[f"counts{i}:{tag}"] = aligned_counts(store, ds, w, tag[4:]).tolist()
            out[f"span:{tag}"] = effects._span(store, ds, tag[4:])
    return out


# --- the real sample files --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The sample files imported, each with registered actors taken from its own rows and availability checks;
    every output computed, the raw rows kept; then the posts deleted and every output computed again."""
    folder = tmp_path_factory.mktemp("rollup_pages")
    store = open_store(folder / "db" / "c.duckdb", read_dirs=[FIXTURES, folder])
    found = {}
    for i, name in enumerate(FILES):
        report = import_upload(store, (FIXTURES / name).read_bytes(), name.rsplit("/", 1)[-1], f"sample{i}")
        ds = int(report.dataset_id)
        raw = Raw(store, ds)
        p, m = raw.posts, raw.mentions
        # actors from the data: the most mentioned handle (upper-cased: matched whatever the case) as an
        # institution, the most retweeted account by its id as a platform
        handles, ids = [], []
        if m["mentioned_handle"].notna().any():
            top = m["mentioned_handle"].dropna().str.lower().value_counts().index[0]
            add_actor(store, f"Institution {i}", "government", accounts=[{"platform": "x", "handle": top.upper()}])
            handles.append(top)
        rts = p[(p["kind"] == "retweet") & p["ref_author_id"].notna()]
        if len(rts):
            top_id = rts["ref_author_id"].value_counts().index[0]
            add_actor(store, f"Platform {i}", "platform", accounts=[{"platform": "x", "account_id": top_id}])
            ids.append(top_id)
        checks = io.StringIO()
        w = csv.writer(checks)
        w.writerow(["object_type", "object_id", "status", "checked_at"])
        for pid in p["post_id"].head(3):
            w.writerow(["post", pid, "deleted", "2024-01-02"])
        for aid in p["author_id"].dropna().unique()[:4]:
            w.writerow(["account", aid, "suspended", "2024-01-02"])
        w.writerow(["account", "not-in-the-data", "suspended", "2024-01-02"])
        import_availability(store, ds, checks.getvalue().encode())
        found[ds] = (raw, ids, handles)
    results = {}
    for ds, (raw, ids, handles) in found.items():
        first = raw.plausible["created_at"].min().floor("min")
        last = raw.plausible["created_at"].max().floor("min") + timedelta(minutes=1)
        middle = raw.plausible["created_at"].median().floor("min")
        windows = [(first, last), (first, middle), (middle, last + timedelta(hours=2))]
        drill = {
            "withheld": withheld_count(store, ds),
            "voice": own_voice(store, ds),
            "actor_posts": actor_posts(store, ds),
            "note": not_kept_note(store, ds, "en"),
            "moderation": moderation_outcome(store, ds),
        }
        results[ds] = {"raw": raw, "ids": ids, "handles": handles, "windows": windows, "drill": drill}
        results[ds]["before"] = outputs(store, ds, windows, ids, handles)
        results[ds]["first_seen"] = raw.first_seen()
        results[ds]["matched_raw"] = raw.matched(store)
        results[ds]["matched"] = match_actors(store, ds)
        results[ds]["reach"] = reach(store, ds)
        results[ds]["top_accounts"] = top_accounts(store, ds, 10_000)
    for ds in found:
        _forget_posts(store, ds)
    for ds, r in results.items():
        assert query(store, "SELECT count(*) AS n FROM posts WHERE dataset_id = ?", [ds])["n"].iloc[0] == 0
        r["after"] = outputs(store, ds, r["windows"], r["ids"], r["handles"])
        r["drill_after"] = {
            "withheld": withheld_count(store, ds),
            "note": {lang: not_kept_note(store, ds, lang) for lang in ("en", "fr")},
            "moderation": moderation_outcome(store, ds),
        }
    yield results
    store.close()


def test_the_samples_hold_what_the_checks_need(samples):
    """The comparisons below are not empty: retweets, hashtags, mentions, matched actors, microsecond times."""
    raws = [r["raw"] for r in samples.values()]
    assert sum((r.posts["kind"] == "retweet").sum() for r in raws) > 100
    assert sum(len(r.tags) for r in raws) > 100 and sum(len(r.mentions) for r in raws) > 100
    assert sum(len(r["matched_raw"]) for r in samples.values()) >= 5
    assert any((r.posts["created_at"].dt.microsecond > 0).any() for r in raws)
    assert any((r.posts["created_at"].dt.second > 0).any() for r in raws)
    assert sum(r["drill"]["withheld"] for r in samples.values()) > 0
    assert sum(r["before"]["summary"]["rt_self_loops"] for r in samples.values()) > 0
    assert sum(len([k for k in r["before"] if k.startswith("span:tag:")]) for r in samples.values()) >= 6
    assert any(0 < r["before"]["summary"]["first_24h"] < r["before"]["summary"]["posts"] for r in samples.values())
    assert any(r["before"]["window0"]["mention_share"] for r in samples.values())


def test_summary_equals_a_count_of_the_posts(samples):
    for r in samples.values():
        got = dict(r["before"]["summary"])
        got.pop("dataset")
        got["authors"] = int(got["authors"])
        assert got == r["raw"].summary()


def test_top_accounts_equal_a_count_of_the_retweets(samples):
    for r in samples.values():
        got = r["top_accounts"][["account_id", "posts", "retweets"]].reset_index(drop=True)
        expected = r["raw"].top_accounts().reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_reach_and_actor_matching_equal_the_raw_rows(samples):
    for r in samples.values():
        pd.testing.assert_frame_equal(_tidy(r["reach"]), r["raw"].reach(), check_dtype=False)
        matched = {
            (int(a), p, _key(i), _key(h))
            for a, p, i, h in r["matched"][["actor_id", "platform", "account_id", "handle"]].itertuples(index=False)
        }
        assert matched == r["matched_raw"]


def test_windows_and_hourly_counts_equal_the_raw_rows(samples):
    for r in samples.values():
        raw = r["raw"]
        for i, (start, end) in enumerate(r["windows"]):
            got = r["before"][f"window{i}"]
            assert got == raw.window(start, end, r["ids"], r["handles"], r["first_seen"])
            assert r["before"][f"counts{i}"] == raw.counts(Window(start, 2, 3))
            for key in [k for k in r["before"] if k.startswith(f"counts{i}:tag:")]:
                assert r["before"][key] == raw.counts(Window(start, 2, 3), key.split(":", 2)[2])
        times = raw.posts["created_at"]
        assert r["before"]["span"] == (times.min(), times.max())
        for key in [k for k in r["before"] if k.startswith("span:tag:")]:
            tag_times = raw.tags[raw.tags["tag"] == key.split(":", 2)[2]]["created_at"]
            assert r["before"][key] == (tag_times.min(), tag_times.max())


def test_privacy_keys_equal_every_account_the_raw_rows_name(samples):
    for r in samples.values():
        assert set(r["before"]["keys"]) == r["raw"].keys()


def test_every_output_is_the_same_without_the_posts(samples):
    for ds, r in samples.items():
        before, after = r["before"], r["after"]
        assert before.keys() == after.keys()
        changed = [key for key in before if after[key] != before[key]]
        assert changed == [], f"sample {ds}: these changed when the posts were deleted"


def test_drill_downs_without_the_posts_say_so_in_both_languages(samples):
    for r in samples.values():
        assert r["drill"]["note"] is None  # all posts kept: no sentence
        assert r["drill"]["withheld"] == int(r["raw"].posts["withheld"].notna().sum())
        note = r["drill_after"]["note"]
        assert note["en"] == t("posts_kept.none", "en") and "clameur import --keep-posts all" in note["en"]
        assert note["fr"] == t("posts_kept.none", "fr") and "clameur import --keep-posts all" in note["fr"]
        assert note["en"] != note["fr"]
        assert r["drill_after"]["withheld"] is None
        # the checks of single posts cannot be matched without them; the accounts' checks stay, unchanged
        before, after = r["drill"]["moderation"], r["drill_after"]["moderation"]
        assert (before["object_type"] == "post").any()
        assert _frame(after) == _frame(before[before["object_type"] == "account"])


# --- the demo -------------------------------------------------------------------------------------------------


def _demo_outputs(store, ds: int, events: pd.DataFrame) -> dict:
    out = outputs(store, ds, [], [], [])
    for ev in events.itertuples():
        for comparison in ("auto", "none"):
            try:
                fig, sentence, table, res = effect(store, ds, ev.event_id, 48, 24, "Europe/Paris", "en", comparison)
            except EffectError as exc:
                out[f"effect{ev.event_id}:{comparison}"] = exc.message("en")
            else:
                out[f"effect{ev.event_id}:{comparison}"] = (
                    fig.to_json(),
                    sentence,
                    _frame(table),
                    _frame(res.series),
                    res.ratio,
                )
    return out


def test_the_demo_gives_the_same_pages_without_its_posts(demo_copy):
    store = open_store(demo_copy)
    try:
        datasets = query(store, "SELECT dataset_id FROM datasets ORDER BY 1")["dataset_id"].tolist()
        events = {ds: list_events(store, ds, "en") for ds in datasets}
        before = {ds: _demo_outputs(store, ds, events[ds]) for ds in datasets}
        fitted = [v for out in before.values() for k, v in out.items() if k.startswith("effect") and len(v) == 5]
        assert len(fitted) >= 4  # effects were estimated, not only refused
        assert before[1]["who_reacted"] and before[1]["summary"]["posts"] > 1000
        for ds in datasets:
            _forget_posts(store, ds)
        for ds in datasets:
            after = _demo_outputs(store, ds, events[ds])
            changed = [key for key in before[ds] if after[key] != before[ds][key]]
            assert changed == [], f"demo dataset {ds}: these changed when the posts were deleted"
    finally:
        store.close()


def test_the_demo_windows_mention_the_institutions(demo_copy):
    """The before/after table's mention share on the demo is a count of the raw mentions."""
    store = open_store(demo_copy)
    try:
        raw = Raw(store, 1)
        ev = list_events(store, 1, "en")
        at = pd.Timestamp(ev[ev["event_type"] == "institutional_reaction"]["starts_at"].iloc[0]).floor("min")
        matched = match_actors(store, 1)
        inst = matched[matched["category"].isin(("government", "ministry", "politician"))]
        ids, handles = inst["account_id"].dropna().tolist(), inst["handle"].dropna().tolist()
        start, end = at - timedelta(hours=16), at + timedelta(hours=24)
        got = window_stats(store, 1, start, end, ids, handles)
        assert got == raw.window(start, end, ids, [h.lower() for h in handles], raw.first_seen())
        assert got["mention_share"] > 0
    finally:
        store.close()


def test_whole_pages_are_the_same_without_the_posts(demo_copy):
    store = open_store(demo_copy)
    try:
        names = Pseudonymizer(store, 1, enabled=True)

        def pages():
            ov = build_overview(store, dataset_by_id(store, 1), "Europe/Paris", "en", names)
            fig, per_bin = reactions_chart(store, 1, "Europe/Paris", "en")
            lad = ladder_view(store, 1, "Europe/Paris", "en")
            return (
                ov.chart.to_json(),
                {k: (f.name, f.label, f.help) for k, f in ov.figures.items()},
                ov.where_from,
                _frame(ov.top_accounts),
                _frame(ov.top_hashtags),
                fig.to_json(),
                _frame(per_bin),
                lad[0].to_json(),
            )

        before = pages()
        _forget_posts(store, 1)
        after = pages()
        # the reactions chart draws the actors' own posts (a drill-down that names posts): without the posts those
        # markers go, and every other trace, the events included, stays as it was
        assert after[:5] == before[:5] and after[7:] == before[7:]
        traces = lambda fig_json: {d.get("name"): d for d in json.loads(fig_json)["data"]}  # noqa: E731
        kept, gone = traces(after[5]), traces(before[5])
        assert set(kept) < set(gone) and all(kept[name] == gone[name] for name in kept)
    finally:
        store.close()


def test_pages_without_posts_open_and_say_so(app_db):
    store = open_store(app_db)
    try:
        _forget_posts(store, 1)
    finally:
        store.close()
    for path, lang in (("views/institutions/page.py", "en"), ("views/platforms/page.py", "fr")):
        at = run_page(path, lang=lang)
        assert not at.exception and not at.error
        shown = [c.value for c in at.caption] + [i.value for i in at.info]
        assert t("posts_kept.none", lang) in shown, path
    at = run_page("views/platforms/page.py", lang="en")
    assert t("platforms.col.text", "en") not in " ".join(str(df.value.columns) for df in at.dataframe)
