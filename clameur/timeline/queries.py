"""Volumes over time: zero-filled bins, stacked by kind / platform / dataset / hashtag.

Sub-day bins are cut in UTC (every zone Clameur offers has whole- or half-hour offsets, so an hour
bin is also a local clock hour) and labelled in the display zone; day, week (from Monday) and month bins
start at local midnight, so a DST change gives a 23- or 25-hour day rather than a shifted one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from clameur.errors import ClameurError
from clameur.store import Store, plausible_time, query, time_window

# Bin sizes in seconds; a week (from Monday) and a month (from the 1st) are cut at local midnight, so their
# length here is only their usual one (a month: 30 days), for choosing a bin by span.
BINS: dict[str, int] = {
    "1min": 60,
    "5min": 300,
    "15min": 900,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
    "month": 30 * 86400,
}
CALENDAR_BINS = {"day": "D", "week": "W-MON", "month": "MS"}  # cut in the display zone: their pandas frequency
BIN_LABELS = {
    "1min": "1 min",
    "5min": "5 min",
    "15min": "15 min",
    "hour": "1 h",
    "day": "1 d",
    "week": "1 week",
    "month": "1 month",
}
STACKS = ("kind", "platform", "dataset", "tag", "none")
MEASURES = ("posts", "accounts")
MODES = ("count", "share", "cumulative")


class TimelineError(ClameurError, ValueError):
    """A view parameter Clameur does not know; the message lists the accepted values."""


def check_choice(name: str, value: str, allowed) -> str:
    if value not in allowed:
        raise TimelineError("error.timeline.unknown", name=name, value=value, known=", ".join(allowed))
    return value


def default_bin(span: pd.Timedelta | None, n_posts: int | None = None) -> str:
    """A bin that gives a readable number of bars for the span (at most about 500), from minutes to years; with
    ``n_posts``, a sparse dataset takes a coarser bin while that still leaves a dozen bars (100 posts over three
    years are drawn by month, not as a barcode of mostly empty weeks)."""
    if span is None:
        return "hour"
    hours = span.total_seconds() / 3600
    if hours <= 6:
        key = "1min"
    elif hours <= 24:
        key = "5min"
    elif hours <= 72:
        key = "15min"
    elif hours <= 24 * 21:
        key = "hour"
    elif hours <= 24 * 400:
        key = "day"
    elif hours <= 24 * 365 * 4:
        key = "week"
    else:
        key = "month"
    order = list(BINS)
    while n_posts is not None and order.index(key) + 1 < len(order):
        bins = max(span.total_seconds() / BINS[key], 1)
        coarser = order[order.index(key) + 1]
        if n_posts / bins >= 2 or span.total_seconds() / BINS[coarser] < 12:
            break
        key = coarser
    return key


def bin_end_utc(bin_local, bin_key: str, tz: str) -> pd.Timestamp:
    """The (exclusive) end of the bin that starts at the wall-clock time ``bin_local``, as naive UTC."""
    start = pd.Timestamp(bin_local)
    if bin_key in CALENDAR_BINS:
        end = start + pd.tseries.frequencies.to_offset(CALENDAR_BINS[bin_key])
        return end.tz_localize(tz, ambiguous=False, nonexistent="shift_forward").tz_convert("UTC").tz_localize(None)
    utc = start.tz_localize(tz, ambiguous=False, nonexistent="shift_forward").tz_convert("UTC").tz_localize(None)
    return utc + pd.Timedelta(seconds=BINS[bin_key])


@dataclass
class VolumeQuery:
    dataset_ids: list[int]
    tz: str = "UTC"
    bin: str = "hour"
    stack: str = "kind"
    measure: str = "posts"
    tags: list[str] | None = None
    start: datetime | None = None  # naive UTC, inclusive
    end: datetime | None = None  # naive UTC, exclusive

    def validate(self) -> VolumeQuery:
        check_choice("bin", self.bin, BINS)
        check_choice("stack", self.stack, STACKS)
        check_choice("measure", self.measure, MEASURES)
        if not self.dataset_ids:
            raise TimelineError("error.timeline.no_dataset")
        if self.stack == "tag" and not self.tags:
            raise TimelineError("error.timeline.stack_tags")
        return self


# Series expressions per stack (fixed SQL fragments chosen by an allow-listed key, never user text).
_SERIES = {
    "kind": "s.kind",
    "platform": "s.platform",
    "dataset": "d.name",
    "tag": "s.tag",
    "none": "'posts'",
}


def _source(q: VolumeQuery) -> tuple[str, list]:
    """The rows to count: posts, or their hashtag rows when hashtags are chosen (post_hashtags carries
    created_at, kind and author_id, so the join to posts is only needed to stack by platform)."""
    if q.tags and q.stack == "platform":
        return (
            """(SELECT h.dataset_id, h.post_id, h.created_at, h.kind, h.author_id, h.tag, p.platform
                FROM post_hashtags h JOIN posts p USING (dataset_id, post_id)
                WHERE h.dataset_id IN (SELECT unnest(?)) AND h.tag IN (SELECT unnest(?)))""",
            [q.dataset_ids, q.tags],
        )
    if q.tags:
        return (
            """(SELECT dataset_id, post_id, created_at, kind, author_id, tag, NULL AS platform
                FROM post_hashtags WHERE dataset_id IN (SELECT unnest(?)) AND tag IN (SELECT unnest(?)))""",
            [q.dataset_ids, q.tags],
        )
    return (
        """(SELECT dataset_id, post_id, created_at, kind, author_id, NULL AS tag, platform
            FROM posts WHERE dataset_id IN (SELECT unnest(?)))""",
        [q.dataset_ids],
    )


def volume(store: Store, q: VolumeQuery) -> pd.DataFrame:
    """Long frame: ``bin`` (local naive start), ``bin_utc``, ``series``, ``value``; zero-filled."""
    q.validate()
    source, params = _source(q)
    series = _SERIES[q.stack]
    where, wparams = time_window("s.created_at", q.start, q.end)
    where = [plausible_time("s.created_at"), *where]
    # Day bins: cut 15-minute UTC slices first (every zone's offset is a multiple of 15 min), then
    # convert only the slices to local days: far cheaper than converting every post's time.
    step = 900 if q.bin in CALENDAR_BINS else BINS[q.bin]
    unit = "s.post_id" if q.measure == "posts" else "s.author_id"
    distinct = q.measure == "accounts" or bool(q.tags and q.stack != "tag")
    picked = f"{series} AS series, {unit} AS u" if distinct else f"{series} AS series"
    inner = " ".join(
        [
            "SELECT",
            "DISTINCT" if distinct else "",
            "time_bucket(to_seconds(?), s.created_at) AS b,",
            picked,
            "FROM",
            source,
            "s JOIN datasets d USING (dataset_id) WHERE",
            " AND ".join(where),
        ]
    )
    if q.bin in CALENDAR_BINS:  # the unit is one of three fixed words, never user text
        outer_b, outer_params = f"date_trunc('{q.bin}', timezone(?, timezone('UTC', b)))", [q.tz]
    else:
        outer_b, outer_params = "b", []
    if distinct and q.bin in CALENDAR_BINS:  # distinct over the whole local day, not per 15-minute slice
        sql = " ".join(["SELECT", outer_b, "AS b, series, count(DISTINCT u) AS value FROM (", inner, ") GROUP BY ALL"])
    else:
        sql = " ".join(
            [
                "SELECT",
                outer_b,
                "AS b, series, sum(n) AS value FROM (SELECT b, series, count(*) AS n",
                "FROM (",
                inner,
                ") GROUP BY ALL) GROUP BY ALL",
            ]
        )
    # Every fragment comes from an allow-listed key; every value is a bound parameter.
    raw = query(store, sql, outer_params + [step] + params + wparams)
    raw["value"] = raw["value"].astype("int64")
    return _zero_fill(raw, q)


def _zero_fill(raw: pd.DataFrame, q: VolumeQuery) -> pd.DataFrame:
    cols = ["bin", "bin_utc", "series", "value"]
    if raw.empty:
        return pd.DataFrame(columns=cols)
    wide = raw.pivot_table(index="b", columns="series", values="value", aggfunc="sum", fill_value=0)
    if q.bin in CALENDAR_BINS:  # b is a local midnight
        full = pd.date_range(wide.index.min(), wide.index.max(), freq=CALENDAR_BINS[q.bin])
        wide = wide.reindex(full, fill_value=0)
        local = pd.DatetimeIndex(wide.index)
        utc = local.tz_localize(q.tz, ambiguous="NaT", nonexistent="shift_forward").tz_convert("UTC")
        utc = utc.tz_localize(None)
    else:  # b is a UTC bin start
        full = pd.date_range(wide.index.min(), wide.index.max(), freq=pd.Timedelta(seconds=BINS[q.bin]))
        wide = wide.reindex(full, fill_value=0)
        utc = pd.DatetimeIndex(wide.index)
        local = utc.tz_localize("UTC").tz_convert(q.tz).tz_localize(None)
    wide.index = pd.MultiIndex.from_arrays([local, utc], names=["bin", "bin_utc"])
    long = wide.stack().rename("value").reset_index()
    long.columns = cols
    long["value"] = long["value"].astype("int64")
    return long


def transform(long: pd.DataFrame, mode: str) -> pd.DataFrame:
    """Counts as they are, as a share of the period's total, or cumulative (per series)."""
    check_choice("mode", mode, MODES)
    out = long.copy()
    if mode == "share":
        total = out["value"].sum()
        out["value"] = out["value"] / total if total else 0.0
    elif mode == "cumulative":
        out["value"] = out.sort_values("bin_utc").groupby("series")["value"].cumsum()
    return out


def span(store: Store, dataset_ids: list[int]) -> tuple[datetime | None, datetime | None]:
    """First and last post time (naive UTC) over the datasets."""
    sql = f"SELECT min(created_at) AS a, max(created_at) AS b FROM posts WHERE dataset_id IN (SELECT unnest(?)) AND {plausible_time()}"  # noqa: S608, E501 (a constant fragment)
    df = query(store, sql, [list(dataset_ids)])
    a, b = df["a"].iloc[0], df["b"].iloc[0]
    return (
        None if pd.isna(a) else pd.Timestamp(a).to_pydatetime(),
        None if pd.isna(b) else pd.Timestamp(b).to_pydatetime(),
    )
