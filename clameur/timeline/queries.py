"""Volumes over time: zero-filled bins, stacked by kind / platform / dataset / hashtag.

Sub-day bins are cut in UTC (every zone Clameur offers has whole- or half-hour offsets, so an hour
bin is also a local clock hour) and labelled in the display zone; day, week (from Monday) and month bins
start at local midnight, so a DST change gives a 23- or 25-hour day rather than a shifted one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from clameur.errors import ClameurError
from clameur.store import Store, plausible_time, query, scalar
from clameur.timeline import account_bins

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
    "kind": "r.kind",
    "platform": "r.platform",
    "dataset": "d.name",
    "tag": "r.tag",
    "none": "'posts'",
}


def _rollup(q: VolumeQuery) -> str:
    """The rollup rows to count, as a FROM item named ``r`` (fixed text; the values are the named parameters
    ``$ids`` and ``$tags``):

    - posts: ``roll_volume``; with hashtags stacked by tag, ``roll_tags`` (a post counts once under each chosen tag
      it carries); with hashtags otherwise, ``roll_tagsets`` (a post carrying two chosen tags counts once);
    - accounts: ``roll_authors``, one row per author, minute and set of hashtags, so that distinct counts stay
      exact at any bin; stacked by tag, each row is repeated under each chosen tag it carries."""
    if q.measure == "accounts":
        if q.stack == "tag":
            return """(SELECT dataset_id, minute, platform, kind, author_id,
                              unnest(list_intersect(tags, $tags)) AS tag
                       FROM roll_authors WHERE dataset_id IN (SELECT unnest($ids)) AND list_has_any(tags, $tags)) r"""
        return "roll_authors r"
    if q.tags and q.stack == "tag":
        return "roll_tags r"
    if q.tags:
        return "roll_tagsets r"
    return "roll_volume r"


def _conditions(q: VolumeQuery) -> tuple[list[str], dict]:
    """The rows of the chosen datasets, at a plausible time, inside the window; and the bound values."""
    where = ["r.dataset_id IN (SELECT unnest($ids))", plausible_time("r.minute")]
    params: dict = {"ids": [int(d) for d in q.dataset_ids]}
    if q.tags:
        params["tags"] = list(q.tags)
        if q.stack == "tag" and q.measure == "posts":
            where.append("r.tag IN (SELECT unnest($tags))")
        elif q.stack != "tag":
            where.append("list_has_any(r.tags, $tags)")
    if q.start is not None:
        where.append("r.minute >= $start")
        params["start"] = q.start
    if q.end is not None:
        where.append("r.minute < $end")
        params["end"] = q.end
    return where, params


def volume(store: Store, q: VolumeQuery) -> pd.DataFrame:
    """Long frame: ``bin`` (local naive start), ``bin_utc``, ``series``, ``value``; zero-filled.

    Read from the rollups (clameur.rollups), never from the posts, so a dataset imported without its posts has
    the same timeline. The rollups hold minutes, so the window [start, end) is applied to minutes: a minute
    belongs to the window when it starts inside it. The app's windows are whole minutes, where this is exact;
    a start or end inside a minute is in effect rounded up to the next minute (10:00:30 counts from 10:01:00,
    an end at 10:05:30 keeps the posts of 10:05). The plausible-time rule is applied to the minute.

    Distinct accounts come from their counts per bin (clameur.timeline.account_bins) whenever those are exact
    for the view, else from ``roll_authors``."""
    q.validate()
    counted = account_bins.counts(store, q)
    if counted is not None:
        counted["value"] = counted["value"].astype("int64")
        return _zero_fill(counted, q)
    series = _SERIES[q.stack]
    where, params = _conditions(q)
    joins = ["JOIN datasets d USING (dataset_id)"] if q.stack == "dataset" else []
    calendar = q.bin in CALENDAR_BINS
    if calendar:  # the unit is one of three fixed words, never user text
        params["tz"] = q.tz
        local = f"date_trunc('{q.bin}', timezone($tz, timezone('UTC', {{}})))"
    if calendar and q.measure == "accounts":
        # Distinct over the whole local day, not per slice: each row takes the local day of its minute from a small
        # table of the dataset's minutes, so that only those (not every row) are converted to the display zone.
        minutes = "SELECT DISTINCT minute AS m FROM roll_authors WHERE dataset_id IN (SELECT unnest($ids))"
        days = f"SELECT m AS minute, {local.format('m')} AS b FROM ({minutes})"  # noqa: S608 (fixed fragments)
        joins.append(f"JOIN ({days}) cal ON cal.minute = r.minute")
    rows = f"FROM {_rollup(q)} {' '.join(joins)} WHERE {' AND '.join(where)}"
    if q.measure == "posts":
        # Day bins: sum 15-minute UTC slices first (every zone's offset is a multiple of 15 min), then convert only
        # the slices to local days: far cheaper than converting every minute.
        params["step"] = 900 if calendar else BINS[q.bin]
        bucket = "time_bucket(to_seconds($step), r.minute)"
        sql = f"SELECT {bucket} AS b, {series} AS series, sum(r.posts)::BIGINT AS value {rows} GROUP BY ALL"
        if calendar:
            outer = f"SELECT {local.format('b')} AS b, series, sum(value)::BIGINT AS value"
            sql = f"{outer} FROM ({sql}) GROUP BY ALL"
    elif calendar:
        sql = f"SELECT cal.b AS b, {series} AS series, count(DISTINCT r.author_id) AS value {rows} GROUP BY ALL"
    else:
        params["step"] = BINS[q.bin]
        sql = (
            f"SELECT time_bucket(to_seconds($step), r.minute) AS b, {series} AS series, "
            f"count(DISTINCT r.author_id) AS value {rows} GROUP BY ALL"
        )
    # Every fragment comes from an allow-listed key; every value is a bound parameter.
    raw = query(store, sql, params)
    raw["value"] = raw["value"].astype("int64")
    return _zero_fill(raw, q)


def _zero_fill(raw: pd.DataFrame, q: VolumeQuery) -> pd.DataFrame:
    """Every bin from the first to the last, times every series (in order), zeros where nothing was counted: a
    grid filled with numpy, so that a long timeline of minutes costs a few milliseconds, not a pandas reshape."""
    cols = ["bin", "bin_utc", "series", "value"]
    if raw.empty:
        return pd.DataFrame(columns=cols)
    starts = pd.DatetimeIndex(raw["b"])
    freq = CALENDAR_BINS[q.bin] if q.bin in CALENDAR_BINS else pd.Timedelta(seconds=BINS[q.bin])
    full = pd.date_range(starts.min(), starts.max(), freq=freq)
    if q.bin in CALENDAR_BINS:  # b is a local midnight
        local = full
        utc = local.tz_localize(q.tz, ambiguous="NaT", nonexistent="shift_forward").tz_convert("UTC")
        utc = utc.tz_localize(None)
    else:  # b is a UTC bin start
        utc = full
        local = utc.tz_localize("UTC").tz_convert(q.tz).tz_localize(None)
    names = pd.Index(raw["series"].unique()).sort_values()
    rows, columns = full.get_indexer(starts), names.get_indexer(raw["series"])
    if (rows < 0).any():  # a bin start off the calendar: never expected, said rather than dropped
        raise ValueError(f"bin starts off the {q.bin} grid: {starts[rows < 0][:3].tolist()}")
    grid = np.zeros((len(full), len(names)), dtype="int64")
    np.add.at(grid, (rows, columns), raw["value"].to_numpy(dtype="int64"))
    k = len(names)
    return pd.DataFrame(
        {
            "bin": local.repeat(k),
            "bin_utc": utc.repeat(k),
            "series": names.take(np.tile(np.arange(k), len(full))),
            "value": grid.ravel(),
        }
    )


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
    """First and last post time (naive UTC) over the datasets, exact to the stored time (``roll_times``): the
    launch a figure marks and the period it prints are those of the posts, whether or not they were kept."""
    sql = f"""SELECT min(created_at) AS a, max(created_at) AS b FROM roll_times
              WHERE dataset_id IN (SELECT unnest(?)) AND {plausible_time()}"""  # noqa: S608 (a constant fragment)
    df = query(store, sql, [[int(d) for d in dataset_ids]])
    a, b = df["a"].iloc[0], df["b"].iloc[0]
    return (
        None if pd.isna(a) else pd.Timestamp(a).to_pydatetime(),
        None if pd.isna(b) else pd.Timestamp(b).to_pydatetime(),
    )


def posts_between(store: Store, dataset_ids: list[int], start, end) -> int:
    """Posts whose time is in [start, end] (both ends kept: ``end`` may be the last post from :func:`span`)."""
    sql = """SELECT coalesce(sum(posts), 0)::BIGINT FROM roll_times
             WHERE dataset_id IN (SELECT unnest(?)) AND created_at >= ? AND created_at <= ?"""
    return int(scalar(store, sql, [[int(d) for d in dataset_ids], start, end]) or 0)
