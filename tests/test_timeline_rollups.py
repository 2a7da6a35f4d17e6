"""The timeline reads the rollups, and says exactly what the posts say.

Every expected value here is computed in the test itself, with pandas, straight from the raw ``posts`` and
``post_hashtags`` rows that the import wrote (never from a rollup or from ``clameur.timeline``), on real sample
files and on the demo campaign. A dataset whose posts are let go after import (``keep_posts = 'none'``) keeps the
same timeline, peaks and sentences.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from clameur import settings
from clameur.ingest import run_import
from clameur.overview.summary import top_hashtags
from clameur.privacy import Pseudonymizer
from clameur.rollups.summaries import build_summaries
from clameur.store import open_store, query, refresh_derived, transaction
from clameur.timeline.builder import TimelineView, auto_bin, build_timeline
from clameur.timeline.launch import hourly_since_launch
from clameur.timeline.peaks import PeakRule
from clameur.timeline.queries import BINS, CALENDAR_BINS, VolumeQuery, span, volume
from tests.conftest import plotly_values, run_page

# Real samples of four platforms and two Twitter formats: minutes apart, days apart, and two spanning years
# (a third, entities_test, serves the corruption check below).
FILES = [
    "twarc2_jsonl/twarc-csv_2sets.jsonl",
    "twarc2_jsonl/twarc-csv_withheld.jsonl",
    "twitter_v1_json/tweepy_DERIVED_v1_statuses_from_cassettes.jsonl",
    "bluesky/atrrr_recorded_app.bsky.feed.searchPosts_bb16d.json",
    "mastodon/rtoot_fosstodon_public_timeline.json",
]
ZONES = ("UTC", "Europe/Paris")
STACKS = ("kind", "platform", "none", "tag")
MAX_BINS = 25_000  # a one-minute timeline of eleven years is no view anyone draws: such bins are left out


# The reference: pandas over the raw rows ---------------------------------------------------------------------


def _raw(store, ids: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    posts = query(
        store,
        """SELECT p.dataset_id, d.name AS dataset, p.post_id, p.created_at, p.kind, p.platform, p.author_id
           FROM posts p JOIN datasets d USING (dataset_id) WHERE p.dataset_id IN (SELECT unnest(?))""",
        [ids],
    )
    tags = query(
        store, "SELECT dataset_id, post_id, tag FROM post_hashtags WHERE dataset_id IN (SELECT unnest(?))", [ids]
    )
    return posts, tags


def _chosen_posts(posts, tags, *, chosen, by_tag, start, end) -> pd.DataFrame:
    """The posts a view counts: at a plausible time, in the window; with hashtags chosen, one row per (post, chosen
    tag) when stacked by tag, else the posts carrying any of them, once."""
    p = posts[posts["created_at"].notna()]
    now = pd.Timestamp.now(tz="UTC").tz_localize(None)
    p = p[(p["created_at"] >= pd.Timestamp(settings.PLAUSIBLE_SINCE)) & (p["created_at"] <= now + pd.Timedelta(days=1))]
    if start is not None:
        p = p[p["created_at"] >= start]
    if end is not None:
        p = p[p["created_at"] < end]
    if chosen:
        tagged = tags[tags["tag"].isin(chosen)].drop_duplicates()
        if not by_tag:
            tagged = tagged[["dataset_id", "post_id"]].drop_duplicates()
        p = p.merge(tagged, on=["dataset_id", "post_id"])
    return p


def _binned(p: pd.DataFrame, *, bin_key, tz) -> pd.DataFrame:
    """Each row with the start of its bin (``key``): the local start of a day, week or month, or the UTC start of a
    shorter bin."""
    if bin_key in CALENDAR_BINS:
        local = p["created_at"].dt.tz_localize("UTC").dt.tz_convert(tz).dt.tz_localize(None)
        day = local.dt.floor("D")
        key = {
            "day": day,
            "week": day - pd.to_timedelta(day.dt.day_of_week, unit="D"),
            "month": local.dt.to_period("M").dt.start_time,
        }[bin_key]
    else:
        key = p["created_at"].dt.floor(f"{BINS[bin_key]}s")
    return p.assign(key=key)


def _reference(rows: pd.DataFrame, *, stack, measure) -> dict:
    """{(bin, series): value} for the bins holding something (the rest are the zeros the timeline fills in)."""
    series = rows["tag"] if stack == "tag" else {"none": "posts"}.get(stack, rows.get(stack))
    rows = rows.assign(series=series)
    if measure == "posts":
        counts = rows.groupby(["key", "series"]).size()
    else:
        counts = rows.dropna(subset=["author_id"]).groupby(["key", "series"])["author_id"].nunique()
    return {k: int(v) for k, v in counts.items() if v}


def _got(store, ids, *, bin_key, stack, measure, tz, chosen, start, end) -> dict:
    q = VolumeQuery(ids, tz=tz, bin=bin_key, stack=stack, measure=measure, tags=chosen, start=start, end=end)
    long = volume(store, q)
    assert (long["value"] >= 0).all()
    key = "bin" if bin_key in CALENDAR_BINS else "bin_utc"
    if bin_key not in CALENDAR_BINS and len(long):  # a short bin is cut in UTC and labelled in the zone
        labels = long["bin_utc"].dt.tz_localize("UTC").dt.tz_convert(tz).dt.tz_localize(None)
        assert (labels == long["bin"]).all()
    held = long[long["value"] > 0]
    return {(k, s): int(v) for k, s, v in zip(held[key], held["series"], held["value"], strict=True)}


def _views(posts: pd.DataFrame, tags: pd.DataFrame, stacks=STACKS, bins=tuple(BINS), zones=ZONES):
    """Every bin (short enough for the span), stack, measure, zone, with and without the two most used hashtags,
    with and without a window (whole minutes around the middle half of the posts)."""
    times = posts["created_at"].dropna().sort_values()
    spread = (times.iloc[-1] - times.iloc[0]).total_seconds()
    chosen = tags["tag"].value_counts().sort_index().sort_values(ascending=False, kind="stable").index[:2].tolist()
    window = (times.quantile(0.25).floor("min"), times.quantile(0.75).floor("min") + pd.Timedelta(minutes=1))
    for bin_key in bins:
        if spread / BINS[bin_key] > MAX_BINS:
            continue
        for stack in stacks:
            for with_tags in (False, True):
                if stack == "tag" and not (with_tags and chosen):
                    continue
                for measure in ("posts", "accounts"):
                    for tz in zones:
                        for start, end in ((None, None), window):
                            yield {
                                "bin_key": bin_key,
                                "stack": stack,
                                "measure": measure,
                                "tz": tz,
                                "chosen": chosen if with_tags else None,
                                "start": None if start is None else start.to_pydatetime(),
                                "end": None if end is None else end.to_pydatetime(),
                            }


def _mismatches(store, ids: list[int], **limits) -> tuple[int, list]:
    posts, tags = _raw(store, ids)
    checked, wrong, chosen_posts, binned = 0, [], {}, {}
    for view in _views(posts, tags, **limits):
        which = {"chosen": view["chosen"], "by_tag": view["stack"] == "tag", "start": view["start"], "end": view["end"]}
        key = tuple(map(str, which.values()))
        if key not in chosen_posts:
            chosen_posts[key] = _chosen_posts(posts, tags, **which)
        cut = (*key, view["bin_key"], view["tz"])
        if cut not in binned:
            binned[cut] = _binned(chosen_posts[key], bin_key=view["bin_key"], tz=view["tz"])
        expected = _reference(binned[cut], stack=view["stack"], measure=view["measure"])
        got = _got(store, ids, **view)
        checked += 1
        if got != expected:
            diff = {k: (got.get(k), expected.get(k)) for k in set(got) | set(expected) if got.get(k) != expected.get(k)}
            wrong.append((view, dict(list(diff.items())[:3])))
    return checked, wrong


def _import(store, fixtures_dir, files=FILES) -> list[int]:
    return [run_import(store, fixtures_dir / f, dataset_name=f.rsplit("/", 1)[-1]).dataset_id for f in files]


# Exactness -----------------------------------------------------------------------------------------------------


def test_volumes_from_the_rollups_equal_the_raw_posts_of_real_samples(fstore, fixtures_dir):
    ids = _import(fstore, fixtures_dir)
    total = 0
    for ds in ids:
        checked, wrong = _mismatches(fstore, [ds])
        assert wrong == [], f"dataset {ds}: {wrong[:3]}"
        total += checked
    # several datasets at once, stacked by dataset too: every calendar bin holds posts of several years
    checked, wrong = _mismatches(fstore, ids, stacks=("dataset", "kind", "tag"), bins=tuple(CALENDAR_BINS))
    assert wrong == [], wrong[:3]
    assert total + checked > 1500  # the matrix really ran


def test_volumes_from_the_rollups_equal_the_raw_posts_of_the_demo(demo_store):
    ds = int(query(demo_store, "SELECT dataset_id FROM datasets WHERE name = 'balancetontiktokeur'")["dataset_id"][0])
    checked, wrong = _mismatches(demo_store, [ds])
    assert wrong == [], wrong[:3]
    assert checked == 7 * 7 * 8  # 7 bins x (3 stacks x 2 + the tag stack) x 2 measures x 2 zones x 2 windows


@pytest.mark.parametrize(
    "corrupt",
    [  # the samples' most used hashtag is 'salvini', one of the two the check chooses
        # one minute's posts off by one
        """UPDATE roll_volume SET posts = posts + 1
           WHERE rowid = (SELECT rowid FROM roll_volume ORDER BY minute, kind LIMIT 1)""",
        # one author's row given to another author of the same minute: one account fewer in that minute's bins
        """UPDATE roll_authors r SET author_id = (SELECT min(author_id) FROM roll_authors o WHERE o.minute = r.minute)
           WHERE rowid = (SELECT rowid FROM roll_authors a
                          WHERE author_id > (SELECT min(author_id) FROM roll_authors o WHERE o.minute = a.minute)
                          ORDER BY minute, author_id LIMIT 1)""",
        # one row of the most used hashtag moved to another tag
        """UPDATE roll_tags SET tag = 'other'
           WHERE rowid = (SELECT rowid FROM roll_tags WHERE tag = 'salvini' ORDER BY minute, kind LIMIT 1)""",
        # one set of hashtags counted twice
        """UPDATE roll_tagsets SET posts = posts * 2
           WHERE rowid = (SELECT rowid FROM roll_tagsets WHERE list_has_any(tags, ['salvini'])
                          ORDER BY minute LIMIT 1)""",
        # one minute's accounts of one kind off by one in the counts per bin (summaries are not rebuilt after it)
        """UPDATE account_bins SET accounts = accounts + 1
           WHERE rowid = (SELECT rowid FROM account_bins WHERE bin = '1min' AND stack = 'kind' ORDER BY b LIMIT 1)""",
    ],
)
def test_the_exactness_check_catches_one_wrong_rollup_row(fstore, fixtures_dir, corrupt):
    ids = _import(fstore, fixtures_dir, ["twarc2_jsonl/twarc-csv_entities_test.jsonl"])
    limits = {"bins": ("1min",), "zones": ("UTC",)}  # the matrix above, cut to what finds these rows
    assert _mismatches(fstore, ids, **limits)[1] == []
    with transaction(fstore) as cur:
        cur.execute(corrupt)
        assert cur.fetchone()[0] == 1  # exactly one row changed
        if "account_bins" not in corrupt:  # the summaries computed from the wrong rollups, as an import would
            build_summaries(cur, ids[0])
    assert _mismatches(fstore, ids, **limits)[1] != []


# Windows inside a minute, spans to the second ------------------------------------------------------------------


def _posts(store, rows) -> None:
    """rows: (post_id, created_at UTC, author); refresh_derived builds the rollups and summaries as an import does."""
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name) VALUES (1, 't')")
        for pid, ts, author in rows:
            cur.execute(
                "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind, author_id) "
                "VALUES (1, 'x', ?, ?, 'original', ?)",
                [pid, ts, author],
            )
        refresh_derived(cur, 1)


def test_a_window_inside_a_minute_counts_the_minutes_that_start_in_it(store):
    _posts(
        store,
        [
            ("1", datetime(2020, 6, 17, 10, 0, 10), "a"),
            ("2", datetime(2020, 6, 17, 10, 0, 50), "b"),  # after the start, but its minute starts before it
            ("3", datetime(2020, 6, 17, 10, 1, 20), "c"),
            ("4", datetime(2020, 6, 17, 10, 5, 40), "d"),  # after the end, but its minute starts inside
            ("5", datetime(2020, 6, 17, 10, 6, 0), "e"),
            ("6", datetime(2020, 6, 17, 10, 5, 45), "f"),
        ],
    )
    q = VolumeQuery(
        [1], bin="hour", stack="none", start=datetime(2020, 6, 17, 10, 0, 30), end=datetime(2020, 6, 17, 10, 5, 30)
    )
    assert volume(store, q)["value"].tolist() == [3]  # posts 3, 4 and 6: as if the window were [10:01, 10:06)
    q.measure = "accounts"
    assert volume(store, q)["value"].tolist() == [3]
    whole = VolumeQuery(
        [1], bin="hour", stack="none", start=datetime(2020, 6, 17, 10, 1), end=datetime(2020, 6, 17, 10, 6)
    )
    assert volume(store, whole)["value"].tolist() == [3]  # a window of whole minutes is exact


def test_the_span_is_the_first_and_last_post_at_a_plausible_time_to_the_second(store):
    _posts(
        store,
        [
            ("0", datetime(1970, 1, 1), "a"),  # a default date: no first post
            ("1", datetime(2020, 6, 17, 10, 0, 45), "a"),
            ("2", datetime(2020, 6, 18, 12, 30, 59), "b"),
        ],
    )
    first, last = datetime(2020, 6, 17, 10, 0, 45), datetime(2020, 6, 18, 12, 30, 59)
    assert span(store, [1]) == (first, last)
    with transaction(store) as cur:  # the posts let go: the rollups keep the times
        cur.execute("DELETE FROM posts")
    assert span(store, [1]) == (first, last)
    assert hourly_since_launch(store, [1])["posts"].sum() == 2


# A dataset whose posts were let go -------------------------------------------------------------------------------


def _drop_posts(store, ds: int) -> None:
    """What an import with --keep-posts none leaves: the rollups, accounts and author_first_seen, no posts."""
    with transaction(store) as cur:
        for table in ("posts", "post_hashtags", "post_mentions", "context_posts"):
            cur.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [ds])  # noqa: S608 (fixed names)
        cur.execute("UPDATE datasets SET keep_posts = 'none' WHERE dataset_id = ?", [ds])
        assert cur.execute("SELECT count(*) FROM posts WHERE dataset_id = ?", [ds]).fetchone()[0] == 0


def _everything(store, ds: int, tags: list[str], rule: PeakRule, bins: tuple[str, ...]) -> dict:
    names = Pseudonymizer(None, None, enabled=False)
    out = {
        "span": span(store, [ds]),
        "tags": top_hashtags(store, ds, 40)["tag"].tolist(),
        "launch": hourly_since_launch(store, [ds]),
    }
    first, last = out["span"]
    out["auto_bin"] = auto_bin(store, [ds], first, last)
    for bin_key in bins:
        for stack, chosen in (("kind", []), ("platform", []), ("tag", tags), ("none", tags)):
            for measure in ("posts", "accounts"):
                view = TimelineView(
                    [ds], "Europe/Paris", "en", bin=bin_key, stack=stack, measure=measure, tags=chosen, rule=rule
                )
                result = build_timeline(store, view, names)
                out[(bin_key, stack, measure)] = (result.data, result.peaks, result.n)
    return out


def _assert_same(before: dict, after: dict) -> None:
    assert before.keys() == after.keys()
    for key, value in before.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, after[key])
        elif isinstance(value, tuple) and value and isinstance(value[0], pd.DataFrame):
            data, peaks, n = value
            pd.testing.assert_frame_equal(data, after[key][0])
            pd.testing.assert_frame_equal(peaks, after[key][1])
            assert n == after[key][2]
        else:
            assert value == after[key], key


def test_a_sample_without_its_posts_keeps_its_timeline_peaks_and_sentences(fstore, fixtures_dir):
    (ds,) = _import(fstore, fixtures_dir, ["twarc2_jsonl/twarc-csv_2sets.jsonl"])
    rule = PeakRule(k=2, window=3, min_posts=5)  # 200 posts in 13 minutes: a lenient rule finds their bursts
    posts, tags = _raw(fstore, [ds])
    chosen = tags["tag"].value_counts().index[:2].tolist()
    before = _everything(fstore, ds, chosen, rule, ("1min", "5min"))
    peaks = before[("1min", "kind", "posts")][1]
    assert not peaks.empty and peaks["sentence"].str.len().gt(0).all()
    # the sentences' facts, straight from the raw posts of the peak's minute
    top = peaks.sort_values("total").iloc[-1]
    minute = posts[posts["created_at"].dt.floor("min") == top["bin_utc"]]
    assert top["total"] == len(minute)
    assert top["rt_share"] == pytest.approx((minute["kind"] == "retweet").mean())
    _drop_posts(fstore, ds)
    _assert_same(before, _everything(fstore, ds, chosen, rule, ("1min", "5min")))


def test_the_demo_campaign_without_its_posts_keeps_its_timeline_peaks_and_sentences(demo_copy):
    store = open_store(demo_copy)
    try:
        ds = int(query(store, "SELECT dataset_id FROM datasets WHERE name = 'balancetontiktokeur'")["dataset_id"][0])
        before = _everything(store, ds, ["tiktok", "metoo"], PeakRule(), ("hour", "day"))
        peaks = before[("hour", "kind", "posts")][1]
        assert len(peaks) >= 2 and peaks["sentence"].str.contains("retweets").all()
        _drop_posts(store, ds)
        _assert_same(before, _everything(store, ds, ["tiktok", "metoo"], PeakRule(), ("hour", "day")))
    finally:
        store.close()


def test_a_window_shorter_than_a_day_still_cuts_local_days(store):
    # 23:30 UTC is already the next day in Paris: the day bins follow the zone, not UTC
    _posts(store, [("1", datetime(2020, 6, 17, 21, 30), "a"), ("2", datetime(2020, 6, 17, 22, 30), "a")])
    q = VolumeQuery([1], tz="Europe/Paris", bin="day", stack="none", measure="accounts")
    assert volume(store, q).set_index("bin")["value"].to_dict() == {
        pd.Timestamp("2020-06-17"): 1,
        pd.Timestamp("2020-06-18"): 1,
    }
    q.start, q.end = datetime(2020, 6, 17, 22), datetime(2020, 6, 17, 22) + timedelta(hours=1)
    assert volume(store, q).set_index("bin")["value"].to_dict() == {pd.Timestamp("2020-06-18"): 1}


# The page -----------------------------------------------------------------------------------------------------


def _bars_total(at) -> int:
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return int(sum(sum(plotly_values(tr["y"])) for tr in spec["data"] if tr["type"] == "bar"))


def test_the_page_keeps_its_controls_in_the_url_and_redraws_after_an_import(app_db, tmp_path):
    at = run_page("views/timeline/page.py", lang="en", bin="hour")
    assert not at.exception
    before = _bars_total(at)
    at.selectbox(key="tl_stack_en").set_value("none")
    at.selectbox(key="tl_bin_en").set_value("day")
    at.run()
    assert not at.exception
    assert at.query_params["bin"] == "day" and at.query_params["stack"] == "none"
    assert _bars_total(at) == before  # the same posts, by day
    # five posts imported into the dataset shown: the chart kept for this view is not shown again
    store = open_store(app_db, read_dirs=[tmp_path])
    try:
        first = query(store, "SELECT min(created_at) AS t FROM posts WHERE dataset_id = 1")["t"][0]
        src = tmp_path / "more.csv"
        lines = [
            f"9{i:018d},{(first + pd.Timedelta(hours=i)).strftime('%Y-%m-%dT%H:%M:%SZ')},u{i},n{i}" for i in range(5)
        ]
        src.write_text("post_id,created_at,author_id,author_handle\n" + "\n".join(lines) + "\n", encoding="utf-8")
        mapping = {"post_id": "post_id", "created_at": "created_at", "author_id": "author_id"}
        mapping |= {"author_handle": "author_handle", "platform": "=x"}
        assert run_import(store, src, dataset_name="balancetontiktokeur", mapping=mapping).loaded == 5
    finally:
        store.close()
    at.run()
    assert not at.exception
    assert _bars_total(at) == before + 5


def test_the_page_of_a_dataset_without_its_posts_draws_its_chart_and_peaks(app_db):
    at = run_page("views/timeline/page.py", lang="en", bin="hour")
    chart, tables = _bars_total(at), [df.value for df in at.dataframe]
    store = open_store(app_db)
    try:
        _drop_posts(store, 1)
    finally:
        store.close()
    at = run_page("views/timeline/page.py", lang="en", bin="hour")
    assert not at.exception and not at.error
    assert _bars_total(at) == chart
    peaks = next(tb for tb in tables if "What drove it" in tb.columns)
    after = next(tb for tb in (df.value for df in at.dataframe) if "What drove it" in tb.columns)
    pd.testing.assert_frame_equal(peaks, after)
    assert at.multiselect(key="tl_tags").options  # the hashtag choices come from the rollups too (overview)


@pytest.mark.parametrize("tz", ["Europe/Paris", "America/New_York", "Asia/Kolkata", "UTC"])
def test_hover_times_say_each_bin_as_the_house_label_does(tz):
    from clameur.charts.time_axis import local_label
    from clameur.timeline.figures import hover_times

    starts = pd.date_range("2020-10-24 22:00", "2020-10-25 03:00", freq="15min")  # Paris's clocks go back inside
    starts = starts.append(pd.date_range("2020-03-08 05:00", "2020-03-08 08:00", freq="h"))  # New York's go forward
    for lang in ("fr", "en"):
        assert hover_times(starts, tz, lang) == [local_label(x, tz, lang) for x in starts]
