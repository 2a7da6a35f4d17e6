"""Distinct accounts per timeline bin, counted once at import (a summary: clameur.rollups.summaries).

``roll_authors`` holds about one row per post, so a count of distinct accounts per bin read from it scans the
whole dataset on every draw (1.3-1.7 s at 5M posts). Counts stay exact (journalists quote them), so they are
precomputed for the bins a timeline cuts the same way whatever is asked: the sub-day bins (cut in UTC) and the
calendar bins in the dataset's own zone, per kind, per platform and for all posts.

Each row keeps the first and last minute it counts: a reader uses a row when all its minutes are inside the
window asked and at a plausible time (the rule's upper bound moves with the clock), drops it when none is, and
counts a bin the window cuts again from ``roll_authors``, over that bin's minutes only (see :func:`counts`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from clameur import settings
from clameur.rollups.summaries import Summary
from clameur.store import Store, plausible_time, query, scalar

if TYPE_CHECKING:
    import pandas as pd

SUB_DAY = {"1min": 60, "5min": 300, "15min": 900, "hour": 3600}
CALENDAR = ("day", "week", "month")
STACKS = ("kind", "platform", "none")

_COLUMNS = (
    ("bin", "VARCHAR"),
    ("zone", "VARCHAR"),  # the zone calendar bins were cut in; NULL for sub-day bins (UTC)
    ("b", "TIMESTAMP"),  # the bin's start: UTC for sub-day bins, local for calendar bins
    ("stack", "VARCHAR"),
    ("series", "VARCHAR"),
    ("accounts", "BIGINT"),
    ("first_minute", "TIMESTAMP"),
    ("last_minute", "TIMESTAMP"),
)

# One pass per bin for the kinds and all posts (grouping sets of the same rows); the platforms in another, or
# copied from all posts when the dataset has one platform (then they are the same accounts).
_GROUPED = """
    SELECT b, CASE WHEN grouping(kind) = 0 THEN 'kind' ELSE 'none' END AS stack, coalesce(kind, 'posts') AS series,
           count(DISTINCT author) AS accounts, min(minute) AS first_minute, max(minute) AS last_minute
    FROM {rows} GROUP BY GROUPING SETS ((b, kind), (b))"""
_PLATFORMS = """
    SELECT b, 'platform' AS stack, platform AS series,
           count(DISTINCT author) AS accounts, min(minute) AS first_minute, max(minute) AS last_minute
    FROM {rows} GROUP BY b, platform"""


def build(cur, dataset_id: int) -> None:
    ds = int(dataset_id)
    row = cur.execute("SELECT timezone FROM datasets WHERE dataset_id = ?", [ds]).fetchone()
    zone = (row[0] if row else None) or "UTC"
    # The rule's lower bound is fixed, so it is applied here; its upper bound moves with the clock (readers). Each
    # row takes its local day in the dataset's zone from a table of its minutes (far fewer than rows to convert).
    cur.execute(
        """CREATE OR REPLACE TEMP TABLE account_minutes AS
           WITH rows AS (SELECT minute, platform, kind, author_id FROM roll_authors
                         WHERE dataset_id = $ds AND author_id IS NOT NULL AND minute >= CAST($since AS TIMESTAMP)),
                days AS (SELECT minute, date_trunc('day', timezone($zone, timezone('UTC', minute))) AS day
                         FROM (SELECT DISTINCT minute FROM rows)),
                ids AS (SELECT author_id, row_number() OVER () AS author FROM (SELECT DISTINCT author_id FROM rows))
           SELECT minute, platform, kind, author, day FROM rows JOIN days USING (minute) JOIN ids USING (author_id)""",
        {"ds": ds, "since": settings.PLAUSIBLE_SINCE, "zone": zone},
    )
    platforms = cur.execute("SELECT count(DISTINCT platform) FROM account_minutes").fetchone()[0]
    cols = ", ".join(name for name, _ in _COLUMNS)
    counted = ", ".join(name for name, _ in _COLUMNS[2:])
    insert = f"INSERT INTO account_bins (dataset_id, {cols}) SELECT {ds}, $bin, $zone, {counted}"
    bins = {key: f"time_bucket(to_seconds({step}), minute)" for key, step in SUB_DAY.items()}
    bins |= {key: f"date_trunc('{key}', day)" for key in CALENDAR}  # one of three fixed words
    for key, bucket in bins.items():
        rows = f"(SELECT {bucket} AS b, * FROM account_minutes)"  # noqa: S608 (fixed fragments)
        params = {"bin": key, "zone": zone if key in CALENDAR else None}
        cur.execute(f"{insert} FROM ({_GROUPED.format(rows=rows)})", params)  # noqa: S608 (fixed fragments)
        if platforms > 1:
            cur.execute(f"{insert} FROM ({_PLATFORMS.format(rows=rows)})", params)  # noqa: S608
    if platforms == 1:
        cur.execute(
            f"""INSERT INTO account_bins (dataset_id, {cols})
                SELECT dataset_id, bin, zone, b, 'platform', (SELECT min(platform) FROM account_minutes),
                       {", ".join(name for name, _ in _COLUMNS[5:])}
                FROM account_bins WHERE dataset_id = ? AND stack = 'none'""",  # noqa: S608
            [ds],
        )
    cur.execute("DROP TABLE account_minutes")


# Series of the rows read again from roll_authors (``r``), per stack: fixed fragments chosen by an allow-listed key.
_RAW_SERIES = {"kind": "r.kind", "platform": "r.platform", "none": "'posts'", "dataset": "d.name"}


def counts(store: Store, q) -> pd.DataFrame | None:
    """Distinct accounts per bin and series of the volume query ``q`` (clameur.timeline.queries.VolumeQuery) as
    columns ``b``, ``series``, ``value``, from the summary; None when the summary cannot answer it (hashtags chosen,
    several datasets in one series, another zone than the dataset's for calendar bins): the caller reads
    ``roll_authors`` then. A bin the window or the plausible-time limit cuts is counted again from ``roll_authors``
    over its own minutes only (a few milliseconds, where a whole count scans every row)."""
    ids = sorted({int(d) for d in q.dataset_ids})
    if q.measure != "accounts" or q.tags or not ids:
        return None
    if not (q.stack == "dataset" or (q.stack in STACKS and len(ids) == 1)):
        return None
    params: dict = {"ids": ids, "bin": q.bin, "stack": "none" if q.stack == "dataset" else q.stack}
    if q.bin in CALENDAR:
        zones = query(store, "SELECT DISTINCT timezone FROM datasets WHERE dataset_id IN (SELECT unnest(?))", [ids])
        if zones["timezone"].tolist() != [q.tz]:
            return None
        params["zone"] = q.tz
        bucket = f"date_trunc('{q.bin}', timezone($zone, timezone('UTC', r.minute)))"  # an allow-listed word
    elif q.bin in SUB_DAY:
        params["zone"] = None
        bucket = f"time_bucket(to_seconds({SUB_DAY[q.bin]}), r.minute)"
    else:
        return None
    # A row is whole when every minute it counts is inside the window and plausible, left out when none is.
    whole, outside, window = [plausible_time("s.last_minute")], [f"NOT {plausible_time('s.first_minute')}"], []
    if q.start is not None:
        whole.append("s.first_minute >= $start")
        outside.append("s.last_minute < $start")
        window.append("r.minute >= $start")
        params["start"] = q.start
    if q.end is not None:
        whole.append("s.last_minute < $end")
        outside.append("s.first_minute >= $end")
        window.append("r.minute < $end")
        params["end"] = q.end
    series, join = ("d.name", "JOIN datasets d USING (dataset_id)") if q.stack == "dataset" else ("s.series", "")
    held = f"""SELECT s.dataset_id, s.b, {series} AS series, s.accounts AS value, s.first_minute, s.last_minute,
                      {" AND ".join(whole)} AS whole
               FROM account_bins s {join}
               WHERE s.dataset_id IN (SELECT unnest($ids)) AND s.bin = $bin AND s.stack = $stack
                     AND s.zone IS NOT DISTINCT FROM $zone AND NOT ({" OR ".join(outside)})"""  # noqa: S608
    rows = query(store, held, params)
    if rows["whole"].all():
        return rows[["b", "series", "value"]]
    # Every series of a cut bin is counted again over the minutes its rows span (all its minutes in the window):
    # one range per cut bin (a window has two edges), each read alone so that only its minutes are scanned.
    keys = rows.loc[~rows["whole"], ["dataset_id", "b"]].drop_duplicates()
    cut = (
        rows.merge(keys)
        .groupby(["dataset_id", "b"], as_index=False)
        .agg(lo=("first_minute", "min"), hi=("last_minute", "max"))
    )
    again = {k: params[k] for k in ("start", "end") if k in params}
    if q.bin in CALENDAR:
        again["zone"] = q.tz
    ranges = []
    for i, c in enumerate(cut.itertuples(index=False)):
        ranges.append(
            f"""SELECT dataset_id, minute, platform, kind, author_id, $b{i} AS cut FROM roll_authors
                WHERE dataset_id = $d{i} AND minute BETWEEN $lo{i} AND $hi{i}"""  # noqa: S608 (fixed fragments)
        )
        again |= {f"d{i}": int(c.dataset_id), f"lo{i}": c.lo, f"hi{i}": c.hi, f"b{i}": c.b}
    raw_join = "JOIN datasets d ON d.dataset_id = r.dataset_id" if q.stack == "dataset" else ""
    conditions = [f"{bucket} = r.cut", plausible_time("r.minute"), *window]
    sql = f"""SELECT r.cut AS b, {_RAW_SERIES[q.stack]} AS series, count(DISTINCT r.author_id) AS value
              FROM ({" UNION ALL ".join(ranges)}) r {raw_join} WHERE {" AND ".join(conditions)}
              GROUP BY ALL"""  # noqa: S608 (fixed fragments)
    recounted = query(store, sql, again)
    kept = rows.merge(keys, how="left", indicator=True)
    kept = kept.loc[kept["_merge"] == "left_only", ["b", "series", "value"]]
    import pandas as pd  # here: `clameur import` loads this module to build the summary, and never needs pandas

    return pd.concat([kept, recounted], ignore_index=True)


def accounts_in_bin(
    store: Store, dataset_id: int, start: datetime, end: datetime, bin_key: str | None = None, tz: str | None = None
) -> int | None:
    """Distinct accounts of the dataset's posts in [start, end) when that is one bin of the summary (a peak's bin:
    a sub-day bin of that length, or the calendar bin ``bin_key`` cut in ``tz``, the dataset's zone); None otherwise.
    Exact when one row alone spans minutes of the range and all its minutes are in it."""
    length = (end - start).total_seconds()
    key = bin_key if bin_key in CALENDAR else next((k for k, s in SUB_DAY.items() if s == length), None)
    if key is None or start < datetime.fromisoformat(settings.PLAUSIBLE_SINCE):  # the summary holds no minute before
        return None
    zone = None
    if key in CALENDAR:
        zone = scalar(store, "SELECT timezone FROM datasets WHERE dataset_id = ?", [int(dataset_id)])
        if zone != tz:
            return None
    sql = """SELECT count(*), coalesce(max(accounts), 0),
                    coalesce(bool_and(first_minute >= $start AND last_minute < $end), TRUE)
             FROM account_bins
             WHERE dataset_id = $ds AND bin = $bin AND zone IS NOT DISTINCT FROM $zone AND stack = 'none'
                   AND last_minute >= $start AND first_minute < $end"""
    params = {"ds": int(dataset_id), "bin": key, "zone": zone, "start": start, "end": end}
    rows, accounts, inside = store.cursor().execute(sql, params).fetchone()
    return int(accounts) if rows <= 1 and inside else None


SUMMARY = Summary(
    "account_bins",
    _COLUMNS,
    build,
    version=f"1 since {settings.PLAUSIBLE_SINCE}",
)
