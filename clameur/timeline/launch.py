"""Campaigns compared from their launch: hourly volumes on an "hours since launch" axis.

Launch is the first post (at a plausible time: see :func:`clameur.store.plausible_time`), or the first hour
with at least ``threshold`` posts when one is set.
Time to peak is measured from the launch to the busiest hour; the half-life is the time from the
peak until the 3-hour rolling mean first drops below half the peak.
"""

from __future__ import annotations

import pandas as pd

from clameur.store import Store, plausible_time, query


def hourly_since_launch(store: Store, dataset_ids: list[int], threshold: int = 0) -> pd.DataFrame:
    """Long frame: dataset, hours (since launch), posts; zero-filled over each campaign's span."""
    raw = query(
        store,
        # from the rollup of posts per minute; a post dated 1970 (or in the future) is no launch: the same
        # plausible-time rule as the timeline's
        f"""SELECT d.name AS dataset, time_bucket(INTERVAL 1 HOUR, r.minute) AS hour, sum(r.posts)::BIGINT AS posts
           FROM roll_volume r JOIN datasets d USING (dataset_id)
           WHERE r.dataset_id IN (SELECT unnest(?)) AND {plausible_time("r.minute")}
           GROUP BY ALL""",  # noqa: S608 (a constant fragment)
        [[int(d) for d in dataset_ids]],
    )
    frames = []
    for name, part in raw.groupby("dataset", sort=False):
        series = part.set_index("hour")["posts"].sort_index()
        series = series.reindex(pd.date_range(series.index.min(), series.index.max(), freq="h"), fill_value=0)
        above = series[series >= max(threshold, 1)]
        launch = above.index[0] if threshold and not above.empty else series.index[0]
        frames.append(
            pd.DataFrame(
                {
                    "dataset": name,
                    "hours": ((series.index - launch) / pd.Timedelta(hours=1)).astype(int),
                    "posts": series.values,
                    "launch_utc": launch,
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["dataset", "hours", "posts", "launch_utc"])
    return pd.concat(frames, ignore_index=True)


def launch_metrics(aligned: pd.DataFrame) -> pd.DataFrame:
    """Per campaign: launch, posts in the first 24 h, time to peak, peak height, half-life (hours)."""
    rows = []
    for name, part in aligned.groupby("dataset", sort=False):
        after = part[part["hours"] >= 0].set_index("hours")["posts"]
        if after.empty:
            continue
        peak_h = int(after.idxmax())
        peak = int(after.max())
        smooth = after.rolling(3, min_periods=1).mean()
        below = smooth[(smooth.index > peak_h) & (smooth < peak / 2)]
        rows.append(
            {
                "dataset": name,
                "launch_utc": part["launch_utc"].iloc[0],
                "posts_first_24h": int(after[after.index < 24].sum()),
                "hours_to_peak": peak_h,
                "peak_posts_per_hour": peak,
                "half_life_hours": None if below.empty else int(below.index[0] - peak_h),
            }
        )
    return pd.DataFrame(rows)
