"""Timeline queries: bin edges, zero-filling across DST, stacks, shares and cumulative counts.

Posts are constructed in the test, so every expected count is known from the input.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from clameur.store import refresh_derived, transaction
from clameur.timeline.queries import TimelineError, VolumeQuery, default_bin, transform, volume


def _load(store, rows, tags=()):
    """rows: (post_id, created_at UTC, kind, author); tags: (post_id, tag)."""
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name, timezone) VALUES (1, 't', 'Europe/Paris')")
        for pid, ts, kind, author in rows:
            cur.execute(
                "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind, author_id) "
                "VALUES (1, 'x', ?, ?, ?, ?)",
                [pid, ts, kind, author],
            )
        for pid, tag in tags:
            ts, kind, author = next((r[1], r[2], r[3]) for r in rows if r[0] == pid)
            cur.execute("INSERT INTO post_hashtags VALUES (1, ?, ?, ?, ?, ?)", [pid, tag, ts, kind, author])
        refresh_derived(cur, 1)  # the rollups the timeline reads, built as an import builds them


def test_day_bins_start_at_local_midnight_across_the_spring_dst_change(store):
    # Paris moves from UTC+1 to UTC+2 on 29 March 2020 at 02:00 local (01:00 UTC).
    _load(
        store,
        [
            ("1", datetime(2020, 3, 28, 22, 30), "original", "a"),  # 28 Mar 23:30 Paris
            ("2", datetime(2020, 3, 28, 23, 30), "original", "a"),  # 29 Mar 00:30 Paris (UTC+1)
            ("3", datetime(2020, 3, 29, 21, 30), "retweet", "b"),  # 29 Mar 23:30 Paris (UTC+2)
            ("4", datetime(2020, 3, 29, 22, 30), "original", "b"),  # 30 Mar 00:30 Paris
            ("5", datetime(2020, 4, 1, 12, 0), "original", "c"),  # 1 Apr, after two empty days
        ],
    )
    df = volume(store, VolumeQuery([1], tz="Europe/Paris", bin="day", stack="none"))
    per_day = df.set_index("bin")["value"]
    assert per_day.to_dict() == {
        pd.Timestamp("2020-03-28"): 1,
        pd.Timestamp("2020-03-29"): 2,
        pd.Timestamp("2020-03-30"): 1,
        pd.Timestamp("2020-03-31"): 0,
        pd.Timestamp("2020-04-01"): 1,
    }
    # the 29 March bin is a 23-hour day: it starts at 23:00 UTC the day before, ends at 22:00 UTC
    utc = df.set_index("bin")["bin_utc"]
    assert utc[pd.Timestamp("2020-03-29")] == pd.Timestamp("2020-03-28 23:00")
    assert utc[pd.Timestamp("2020-03-30")] == pd.Timestamp("2020-03-29 22:00")


def test_hour_bins_are_zero_filled_and_labelled_in_local_time_across_the_autumn_change(store):
    # 25 Oct 2020: Paris goes back from UTC+2 to UTC+1 at 03:00 local (01:00 UTC).
    _load(
        store,
        [
            ("1", datetime(2020, 10, 24, 23, 10), "original", "a"),  # 01:10 Paris (UTC+2)
            ("2", datetime(2020, 10, 25, 2, 10), "original", "a"),  # 03:10 Paris (UTC+1)
        ],
    )
    df = volume(store, VolumeQuery([1], tz="Europe/Paris", bin="hour", stack="none"))
    assert df["bin_utc"].tolist() == list(pd.date_range("2020-10-24 23:00", "2020-10-25 02:00", freq="h"))
    assert df["value"].tolist() == [1, 0, 0, 1]
    # the repeated local hour 02:00 appears twice, once per offset: no UTC hour is lost or merged
    assert [b.strftime("%H:%M") for b in df["bin"]] == ["01:00", "02:00", "02:00", "03:00"]


def test_minute_bins_stack_by_kind_and_count_accounts(store):
    _load(
        store,
        [
            ("1", datetime(2020, 6, 17, 16, 0, 5), "original", "a"),
            ("2", datetime(2020, 6, 17, 16, 0, 40), "retweet", "b"),
            ("3", datetime(2020, 6, 17, 16, 0, 50), "retweet", "b"),
            ("4", datetime(2020, 6, 17, 16, 2, 0), "reply", "c"),
        ],
    )
    df = volume(store, VolumeQuery([1], tz="UTC", bin="1min"))
    first = df[df["bin_utc"] == pd.Timestamp("2020-06-17 16:00")].set_index("series")["value"].to_dict()
    assert first == {"original": 1, "retweet": 2, "reply": 0}
    assert df[df["bin_utc"] == pd.Timestamp("2020-06-17 16:01")]["value"].sum() == 0
    accounts = volume(store, VolumeQuery([1], tz="UTC", bin="1min", stack="none", measure="accounts"))
    assert accounts["value"].tolist() == [2, 0, 1]


def test_several_hashtags_count_a_post_once_unless_stacked_by_tag(store):
    rows = [("1", datetime(2020, 6, 17, 16), "original", "a"), ("2", datetime(2020, 6, 17, 16, 30), "retweet", "b")]
    _load(store, rows, tags=[("1", "tiktok"), ("1", "metoo"), ("2", "metoo")])
    both = volume(store, VolumeQuery([1], bin="hour", stack="none", tags=["tiktok", "metoo"]))
    assert both["value"].sum() == 2
    by_tag = volume(store, VolumeQuery([1], bin="hour", stack="tag", tags=["tiktok", "metoo"]))
    assert by_tag.set_index("series")["value"].to_dict() == {"metoo": 2, "tiktok": 1}


def test_share_sums_to_one_and_cumulative_ends_at_n(store):
    _load(store, [(str(i), datetime(2020, 6, 17, i % 5, i), "original", "a") for i in range(20)])
    df = volume(store, VolumeQuery([1], bin="hour", stack="none"))
    assert transform(df, "share")["value"].sum() == pytest.approx(1.0)
    assert transform(df, "cumulative")["value"].iloc[-1] == 20


def test_a_window_that_matches_nothing_gives_an_empty_frame(store):
    _load(store, [("1", datetime(2020, 6, 17, 16), "original", "a")])
    df = volume(store, VolumeQuery([1], bin="hour", start=datetime(2030, 1, 1)))
    assert df.empty


@pytest.mark.parametrize("field,value", [("bin", "7y"), ("stack", 'text";--'), ("measure", "likes")])
def test_unknown_view_names_are_refused_with_the_allowed_values(store, field, value):
    q = VolumeQuery([1])
    setattr(q, field, value)
    with pytest.raises(TimelineError, match=f"Unknown {field} “"):
        volume(store, q)


def test_default_bin_follows_the_span():
    assert default_bin(pd.Timedelta(hours=3)) == "1min"
    assert default_bin(pd.Timedelta(days=14)) == "hour"
    assert default_bin(pd.Timedelta(days=90)) == "day"
