"""Campaigns aligned at their launch: hours since launch, time to peak, peak, half-life."""

from __future__ import annotations

from datetime import datetime, timedelta

from clameur.store import refresh_derived, transaction
from clameur.timeline.launch import hourly_since_launch, launch_metrics


def _campaign(cur, ds, name, start, per_hour):
    cur.execute("INSERT INTO datasets (dataset_id, name) VALUES (?, ?)", [ds, name])
    n = 0
    for h, count in enumerate(per_hour):
        for i in range(count):
            cur.execute(
                "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind) VALUES (?, 'x', ?, ?, 'original')",
                [ds, f"{ds}-{n}", start + timedelta(hours=h, minutes=i % 60)],
            )
            n += 1
    refresh_derived(cur, ds)  # the rollups the timeline reads, built as an import builds them


def test_two_campaigns_years_apart_share_one_axis(store):
    with transaction(store) as cur:
        _campaign(cur, 1, "a", datetime(2017, 10, 13, 18), [2, 10, 40, 20, 10, 4, 2])
        _campaign(cur, 2, "b", datetime(2020, 6, 17, 16), [30, 12, 6, 3])
    aligned = hourly_since_launch(store, [1, 2])
    assert aligned[aligned["dataset"] == "a"]["hours"].tolist() == list(range(7))
    m = launch_metrics(aligned).set_index("dataset")
    assert m.loc["a", "hours_to_peak"] == 2 and m.loc["a", "peak_posts_per_hour"] == 40
    assert m.loc["a", "posts_first_24h"] == 88
    # b peaks at launch (30/h); 3-hour means: 21 at 1 h, 16 at 2 h, (12+6+3)/3 = 7 < 15 at 3 h
    assert m.loc["b", "hours_to_peak"] == 0 and m.loc["b", "half_life_hours"] == 3


def test_a_threshold_moves_the_launch_to_the_first_hour_above_it(store):
    with transaction(store) as cur:
        _campaign(cur, 1, "a", datetime(2017, 10, 13, 18), [2, 10, 40, 20])
    aligned = hourly_since_launch(store, [1], threshold=30)
    assert aligned["hours"].tolist() == [-2, -1, 0, 1]
    assert launch_metrics(aligned)["posts_first_24h"].iloc[0] == 60
