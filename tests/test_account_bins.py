"""Distinct accounts per bin, counted at import (clameur.timeline.account_bins), say what the raw posts say.

Expected values come from the reference of test_timeline_rollups: pandas over the raw ``posts`` rows the import
wrote, never from a rollup or a summary. Each view below is first checked to be answered by the summary (so that
the test is about it), then compared; the views the summary cannot answer exactly must fall back and stay exact.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import pytest

from clameur.ingest import run_import
from clameur.rollups.definitions import rollups_signature
from clameur.store import open_store, query, transaction
from clameur.timeline import account_bins
from clameur.timeline.peaks import _bin_facts
from clameur.timeline.queries import BINS, CALENDAR_BINS, VolumeQuery, volume
from tests.test_timeline_rollups import (
    FILES,
    _binned,
    _chosen_posts,
    _drop_posts,
    _got,
    _import,
    _posts,
    _raw,
    _reference,
)

SUB_DAY = ("1min", "5min", "15min", "hour")


def _expected(posts, tags, *, bin_key, tz, stack, start=None, end=None, chosen=None) -> dict:
    rows = _chosen_posts(posts, tags, chosen=chosen, by_tag=False, start=start, end=end)
    return _reference(_binned(rows, bin_key=bin_key, tz=tz), stack=stack, measure="accounts")


def _summary(store, ids, *, bin_key, tz, stack, start=None, end=None) -> dict | None:
    q = VolumeQuery(ids, tz=tz, bin=bin_key, stack=stack, measure="accounts", start=start, end=end)
    raw = account_bins.counts(store, q)
    if raw is None:
        return None
    return {(pd.Timestamp(b), s): int(v) for b, s, v in zip(raw["b"], raw["series"], raw["value"], strict=True) if v}


def _zone(store, ds: int) -> str:
    return str(query(store, "SELECT timezone FROM datasets WHERE dataset_id = ?", [ds])["timezone"].iloc[0])


def _all_views(store, ids: list[int]) -> dict:
    """{(dataset, bin, stack): counts from the summary} for every bin (calendar bins in the dataset's zone) and
    every stack the summary answers; each must be answered."""
    out = {}
    for ds in ids:
        for bin_key in BINS:
            for stack in ("kind", "platform", "none", "dataset"):
                got = _summary(store, [ds], bin_key=bin_key, tz=_zone(store, ds), stack=stack)
                assert got is not None, (ds, bin_key, stack)
                out[(ds, bin_key, stack)] = got
    return out


def _all_expected(store, ids: list[int]) -> dict:
    out = {}
    for ds in ids:
        posts, tags = _raw(store, [ds])
        for bin_key in BINS:
            for stack in ("kind", "platform", "none", "dataset"):
                out[(ds, bin_key, stack)] = _expected(posts, tags, bin_key=bin_key, tz=_zone(store, ds), stack=stack)
    return out


def _mixed(store, fixtures_dir) -> list[int]:
    """The real samples, and one dataset in Paris time holding two platforms (Bluesky and Mastodon posts)."""
    ids = _import(store, fixtures_dir)
    for f in FILES[3:]:
        mixed = run_import(store, fixtures_dir / f, dataset_name="mixed", timezone="Europe/Paris").dataset_id
    return [*ids, mixed]


# Exactness -----------------------------------------------------------------------------------------------------


def test_every_bin_and_stack_of_real_samples_equals_the_raw_posts_with_or_without_them(fstore, fixtures_dir):
    ids = _mixed(fstore, fixtures_dir)
    platforms = query(fstore, "SELECT count(DISTINCT platform) AS n FROM posts GROUP BY dataset_id")["n"]
    assert platforms.max() == 2  # the two-platform dataset is there
    expected = _all_expected(fstore, ids)
    assert sum(len(v) for v in expected.values()) > 5000
    assert _all_views(fstore, ids) == expected
    # several datasets stacked by dataset: one series each
    posts, tags = _raw(fstore, ids)
    for bin_key in ("hour", "month"):
        many = _summary(fstore, ids, bin_key=bin_key, tz="UTC", stack="dataset")
        if bin_key == "month":  # the mixed dataset is cut in its own zone: the UTC months are not held for it
            assert many is None
        else:
            assert many == _expected(posts, tags, bin_key=bin_key, tz="UTC", stack="dataset")
    utc = [ds for ds in ids if _zone(fstore, ds) == "UTC"]
    posts, tags = _raw(fstore, utc)
    assert _summary(fstore, utc, bin_key="month", tz="UTC", stack="dataset") == _expected(
        posts, tags, bin_key="month", tz="UTC", stack="dataset"
    )
    for ds in ids:  # the posts let go: the summary stays
        _drop_posts(fstore, ds)
    assert _all_views(fstore, ids) == expected


def test_the_demo_campaign_equals_its_raw_posts_and_is_rebuilt_from_its_rollups_on_open(demo_copy):
    store = open_store(demo_copy)
    ds = int(query(store, "SELECT dataset_id FROM datasets WHERE name = 'balancetontiktokeur'")["dataset_id"][0])
    other = int(query(store, "SELECT dataset_id FROM datasets WHERE name = 'balancetonporc'")["dataset_id"][0])
    assert _zone(store, ds) == "Europe/Paris"
    expected = _all_expected(store, [ds, other])
    assert _all_views(store, [ds, other]) == expected
    # one dataset lets its posts go; the summary is damaged and its definition "changes": opening rebuilds it for
    # both from their rollups alone
    _drop_posts(store, ds)
    with transaction(store) as cur:
        cur.execute("UPDATE account_bins SET accounts = accounts + 1")
        cur.execute("UPDATE rollup_signature SET signature = ?", [f"{rollups_signature()}/an older summary"])
    assert _all_views(store, [ds, other]) != expected
    store.close()
    store = open_store(demo_copy)
    try:
        assert _all_views(store, [ds, other]) == expected
    finally:
        store.close()


def test_a_corrupted_summary_row_is_seen(demo_copy):
    store = open_store(demo_copy)
    try:
        ds = int(query(store, "SELECT dataset_id FROM datasets WHERE name = 'balancetontiktokeur'")["dataset_id"][0])
        expected = _all_expected(store, [ds])
        with transaction(store) as cur:
            cur.execute(
                """UPDATE account_bins SET accounts = accounts - 1 WHERE rowid = (
                       SELECT rowid FROM account_bins WHERE dataset_id = ? AND bin = 'day' AND stack = 'none'
                       ORDER BY b LIMIT 1)""",
                [ds],
            )
        got = _all_views(store, [ds])
        assert [k for k in expected if got[k] != expected[k]] == [(ds, "day", "none"), (ds, "day", "dataset")]
    finally:
        store.close()


# What the summary cannot answer falls back, a cut bin is counted again: exactly ------------------------------


def test_views_the_summary_cannot_answer_or_cuts_read_the_rollups_and_stay_exact(fstore, fixtures_dir):
    ids = _import(fstore, fixtures_dir, FILES[:2])
    ds = ids[0]
    posts, tags = _raw(fstore, ids)
    mine = posts[posts["dataset_id"] == ds]
    times = mine["created_at"].sort_values()
    first = times.iloc[0].floor("5min")
    chosen = tags["tag"].value_counts().index[:2].tolist()
    unaligned = (first + pd.Timedelta(minutes=2), first + pd.Timedelta(minutes=12))
    aligned = (first + pd.Timedelta(minutes=5), first + pd.Timedelta(minutes=10))
    assert len(mine[(mine["created_at"] >= unaligned[0]) & (mine["created_at"] < aligned[0])]) > 0  # a cut bin
    views = [  # (dataset ids, bin, stack, zone, hashtags, window, answered by the summary)
        (ids, "5min", "none", "UTC", None, (None, None), False),  # two datasets in one series
        (ids, "5min", "kind", "UTC", None, (None, None), False),
        ([ds], "5min", "none", "UTC", chosen, (None, None), False),  # a hashtag filter
        ([ds], "5min", "kind", "UTC", None, unaligned, True),  # the window cuts bins: counted again
        ([ds], "5min", "dataset", "UTC", None, unaligned, True),
        ([ds], "hour", "none", "UTC", None, unaligned, True),
        ([ds], "day", "platform", "UTC", None, unaligned, True),
        ([ds], "day", "none", "Europe/Paris", None, (None, None), False),  # not the dataset's zone
        ([ds], "5min", "kind", "UTC", None, aligned, True),  # the window on bin boundaries
        ([ds], "1min", "platform", "UTC", None, unaligned, True),
        ([ds], "5min", "kind", "Europe/Paris", None, (None, None), True),  # sub-day bins are cut in UTC anyway
    ]
    for view_ids, bin_key, stack, tz, chosen_tags, (start, end), answered in views:
        start = None if start is None else start.to_pydatetime()
        end = None if end is None else end.to_pydatetime()
        q = VolumeQuery(view_ids, tz=tz, bin=bin_key, stack=stack, measure="accounts", tags=chosen_tags)
        q.start, q.end = start, end
        assert (account_bins.counts(fstore, q) is not None) == answered, (view_ids, bin_key, stack, start)
        rows = _chosen_posts(
            posts[posts["dataset_id"].isin(view_ids)], tags, chosen=chosen_tags, by_tag=False, start=start, end=end
        )
        want = _reference(_binned(rows, bin_key=bin_key, tz=tz), stack=stack, measure="accounts")
        got = _got(
            fstore,
            view_ids,
            bin_key=bin_key,
            stack=stack,
            measure="accounts",
            tz=tz,
            chosen=chosen_tags,
            start=start,
            end=end,
        )
        assert got == want, (view_ids, bin_key, stack, start)


def test_a_bin_cut_by_the_plausible_time_limit_is_counted_again(store):
    # the rule keeps posts up to a day ahead of the clock, which moves: a bin holding posts on both sides of the
    # limit cannot be taken from counts made at import
    limit = pd.Timestamp.now(tz="UTC").tz_localize(None).floor("min") + pd.Timedelta(days=1)
    before, after = limit - pd.Timedelta(minutes=2), limit + pd.Timedelta(minutes=3)
    old = (limit - pd.Timedelta(days=3)).floor("D").to_pydatetime()  # near: a one-minute timeline stays short
    rows = [("1", old, "a"), ("2", old, "b"), ("3", before.to_pydatetime(), "c"), ("4", after.to_pydatetime(), "d")]
    rows.append(("5", datetime(1970, 1, 1), "e"))  # never plausible
    _posts(store, rows)
    cuts = 0
    for bin_key in BINS:
        q = VolumeQuery([1], tz="UTC", bin=bin_key, stack="none", measure="accounts")
        cuts += _binned(pd.DataFrame({"created_at": [before, after]}), bin_key=bin_key, tz="UTC")["key"].nunique() == 1
        assert account_bins.counts(store, q) is not None, bin_key
        key = "bin" if bin_key in CALENDAR_BINS else "bin_utc"
        long = volume(store, q)
        got = {pd.Timestamp(k): int(v) for k, v in zip(long[key], long["value"], strict=True) if v}
        plausible = pd.DataFrame({"created_at": [old, old, before], "author_id": ["a", "b", "c"]})
        want = _binned(plausible, bin_key=bin_key, tz="UTC").groupby("key")["author_id"].nunique()
        assert got == {pd.Timestamp(k): int(v) for k, v in want.items()}, bin_key
    # the hour, day, week and month holding the limit hold both posts (unless an hour starts between them)
    assert cuts >= 3 or before.floor("h") != after.floor("h")


# Peaks ---------------------------------------------------------------------------------------------------------


def test_the_accounts_of_a_peak_bin_are_those_of_its_posts(demo_copy):
    store = open_store(demo_copy)
    try:
        ds = int(query(store, "SELECT dataset_id FROM datasets WHERE name = 'balancetontiktokeur'")["dataset_id"][0])
        busiest = query(
            store,
            """SELECT date_trunc('hour', created_at) AS h, count(DISTINCT author_id) AS n FROM posts
               WHERE dataset_id = ? GROUP BY 1 ORDER BY count(*) DESC LIMIT 3""",
            [ds],
        )
        for h, n in zip(busiest["h"], busiest["n"], strict=True):
            start = pd.Timestamp(h).to_pydatetime()
            assert account_bins.accounts_in_bin(store, ds, start, start + timedelta(hours=1)) == n
            assert _bin_facts(store, ds, start, start + timedelta(hours=1), start - timedelta(days=1))["authors"] == n
            quarter = start + timedelta(minutes=15)
            assert account_bins.accounts_in_bin(store, ds, quarter, quarter + timedelta(hours=1)) is None
        day = datetime(2020, 6, 18)
        assert account_bins.accounts_in_bin(store, ds, day, day + timedelta(days=1)) is None  # which bin?
        # a calendar bin in the dataset's zone: 18 June in Paris is 17 June 22:00 to 18 June 22:00 UTC
        start, end = datetime(2020, 6, 17, 22), datetime(2020, 6, 18, 22)
        n = query(
            store,
            """SELECT count(DISTINCT author_id) AS n FROM posts
               WHERE dataset_id = ? AND created_at >= ? AND created_at < ?""",
            [ds, start, end],
        )["n"].iloc[0]
        assert n > 1000
        assert account_bins.accounts_in_bin(store, ds, start, end, "day", "Europe/Paris") == n
        assert _bin_facts(store, ds, start, end, start - timedelta(days=3), "day", "Europe/Paris")["authors"] == n
        assert account_bins.accounts_in_bin(store, ds, start, end, "day", "UTC") is None  # not the dataset's zone
        assert account_bins.accounts_in_bin(store, ds, day, day + timedelta(days=1), "day", "Europe/Paris") is None
    finally:
        store.close()


@pytest.mark.parametrize("bin_key", SUB_DAY)
def test_an_empty_bin_has_no_accounts(store, bin_key):
    _posts(store, [("1", datetime(2020, 6, 17, 10, 0), "a")])
    start = datetime(2020, 6, 18)
    end = start + timedelta(seconds=BINS[bin_key])
    assert account_bins.accounts_in_bin(store, 1, start, end) == 0
    assert (
        account_bins.accounts_in_bin(store, 1, datetime(2020, 6, 17, 10), datetime(2020, 6, 17, 10) + (end - start))
        == 1
    )


def test_a_sample_imported_without_its_posts_has_the_counts_of_its_posts(fstore, fixtures_dir):
    kept = run_import(fstore, fixtures_dir / FILES[0], dataset_name="kept").dataset_id
    gone = run_import(fstore, fixtures_dir / FILES[0], dataset_name="gone", keep_posts="none").dataset_id
    assert query(fstore, "SELECT count(*) AS n FROM posts WHERE dataset_id = ?", [gone])["n"].iloc[0] == 0
    expected, got = _all_expected(fstore, [kept]), _all_views(fstore, [gone])
    for (_, bin_key, stack), counted in expected.items():
        if stack != "dataset":  # its series is the dataset's name
            assert got[(gone, bin_key, stack)] == counted, (bin_key, stack)
    assert sum(len(v) for v in expected.values()) > 100


def test_a_range_that_cuts_the_one_bin_it_meets_is_not_answered(store):
    _posts(store, [("1", datetime(2020, 6, 17, 10, 0), "a"), ("2", datetime(2020, 6, 17, 10, 30), "b")])
    start = datetime(2020, 6, 17, 10, 15)  # an hour long, but only post 2 (one account) is in it
    assert account_bins.accounts_in_bin(store, 1, start, start + timedelta(hours=1)) is None
    assert _bin_facts(store, 1, start, start + timedelta(hours=1), start - timedelta(days=1))["authors"] == 1
