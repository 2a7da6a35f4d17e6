"""Time axes drawn on UTC instants and labelled in the display zone.

Plotly's date axes know no time zone: drawn on local wall-clock times, the night clocks go back has two
02:00 bins that fall on one x and are drawn as one bar (and the night clocks go forward leaves a hole). So
every time chart puts its points at their UTC instants, where each bin has its own place, and this module
writes the tick labels and the hover text in the display zone, with the zone's name where a wall-clock time
happens twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from clameur.i18n import fmt_clock, fmt_datetime, fmt_short_date
from clameur.i18n.clock import fmt_bin, time_ticks

MINUTE = 60
HOUR = 3600
DAY = 86400
# Tick steps, in seconds of local clock time; the first that gives at most MAX_TICKS ticks is used.
STEPS = (
    MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    DAY,
    2 * DAY,
    7 * DAY,
    14 * DAY,
    28 * DAY,
)
MAX_TICKS = 10
GRID = 15 * MINUTE  # every zone's offset is a whole number of quarter hours


def _utc_index(values: Iterable) -> pd.DatetimeIndex:
    """Naive UTC times (as stored) as a tz-aware UTC index."""
    idx = pd.DatetimeIndex(pd.to_datetime(list(values)))
    return idx.tz_localize("UTC") if idx.tz is None else idx.tz_convert("UTC")


def is_ambiguous(local: pd.Timestamp, tz: str) -> bool:
    """True when the wall-clock time ``local`` (naive) happens twice in ``tz`` (the hour clocks go back)."""
    return pd.isna(pd.DatetimeIndex([local]).tz_localize(tz, ambiguous="NaT", nonexistent="NaT")[0])


def local_label(utc_value, tz: str, lang: str) -> str:
    """A full local time for hover text: '25 October 2020, 02:00 CET (UTC+01:00)'."""
    ts = _utc_index([utc_value])[0].tz_convert(tz)
    offset = ts.strftime("%z")
    return f"{fmt_datetime(ts.tz_localize(None).to_pydatetime(), lang)} {ts.tzname()} (UTC{offset[:3]}:{offset[3:]})"


def bin_label(utc_value, bin_seconds: int, tz: str, lang: str) -> str:
    """A bin's start in ``tz`` at the bin's own resolution, with its year ('18 June 2020, 21:31'), and the zone's
    name when the wall-clock time happens twice ('25 October 2020, 02:00 CET')."""
    ts = _utc_index([utc_value])[0].tz_convert(tz)
    wall = ts.tz_localize(None)
    text = fmt_bin(wall, "day" if bin_seconds >= DAY else "hour", lang)
    return f"{text} {ts.tzname()}" if bin_seconds < DAY and is_ambiguous(wall, tz) else text


def local_labels(utc_values: Iterable, tz: str, lang: str) -> list[str]:
    return [local_label(v, tz, lang) for v in utc_values]


def tick_step(span_seconds: float) -> int:
    for step in STEPS:
        if span_seconds / step <= MAX_TICKS:
            return step
    return STEPS[-1]


def ticks(lo, hi, tz: str, lang: str) -> tuple[list[datetime], list[str]]:
    """Tick positions (naive UTC) between ``lo`` and ``hi`` (naive UTC) at round local clock times, and their
    local labels: the time, with the date under the first tick of each day (the date alone for day steps)."""
    lo_utc, hi_utc = _utc_index([lo])[0], _utc_index([hi])[0]
    step = tick_step(max((hi_utc - lo_utc).total_seconds(), 1.0))
    if step >= DAY:  # days, weeks, months or years at local midnight, each year written (clameur.i18n.clock)
        first, last = (x.tz_convert(tz).tz_localize(None) for x in (lo_utc, hi_utc))
        walls, texts = time_ticks(first, last, lang, MAX_TICKS)
        at = pd.DatetimeIndex(walls).tz_localize(tz, ambiguous=False, nonexistent="shift_forward").tz_convert("UTC")
        return [x.tz_localize(None).to_pydatetime() for x in at], texts
    else:
        start = lo_utc.floor(f"{GRID}s")
        grid = pd.date_range(start, hi_utc, freq=f"{min(step, GRID)}s")
        local = grid.tz_convert(tz)
        seconds = local.hour * HOUR + local.minute * MINUTE + local.second
        at = grid[np.asarray(seconds) % step == 0]
    at = at[(at >= lo_utc) & (at <= hi_utc)]
    texts, last_day = [], None
    for instant in at:
        local = instant.tz_convert(tz)
        wall = local.tz_localize(None)
        clock = fmt_clock(wall.to_pydatetime(), lang)
        if is_ambiguous(wall, tz):  # the hour clocks go back: 02:00 CEST, then 02:00 CET
            clock += f"<br>{local.tzname()}"
        day = wall.date()
        date = fmt_short_date(wall.to_pydatetime(), lang)
        if last_day is None or day.year != last_day.year:  # the year on the first date and where it changes
            date += f" {day.year}"
        texts.append(clock if day == last_day else f"{clock}<br>{date}")
        last_day = day
    return [x.tz_localize(None).to_pydatetime() for x in at], texts


def time_span(fig: go.Figure, extra: Iterable = ()) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last instant on the figure's time axes (traces on y or y2 whose x are times), with ``extra``
    instants; None when there is none. Each trace is read as one array: 80,000 minute bars took a tenth of a second
    as Python lists."""
    lo = hi = None
    parts = [[*extra]] + [
        trace.x
        for trace in fig.data
        if getattr(trace, "x", None) is not None and getattr(trace, "yaxis", None) in (None, "y", "y2")
    ]
    for xs in parts:
        if not len(xs):
            continue
        try:
            times = pd.DatetimeIndex(pd.to_datetime(np.asarray(xs).ravel())).dropna()
        except (TypeError, ValueError):
            continue
        if len(times):
            lo = times.min() if lo is None else min(lo, times.min())
            hi = times.max() if hi is None else max(hi, times.max())
    return None if lo is None else (lo, hi)


def local_time_axis(fig: go.Figure, tz: str, lang: str, *, pad_seconds: float = 0) -> go.Figure:
    """Label the x axis (drawn on UTC instants) in ``tz``: ticks at round local times, named where ambiguous."""
    span = time_span(fig)
    if span is None:
        return fig
    lo, hi = span[0], span[1] + pd.Timedelta(seconds=pad_seconds)
    vals, texts = ticks(lo, hi, tz, lang)
    fig.update_xaxes(type="date", tickmode="array", tickvals=vals, ticktext=texts, tickangle=0)
    return fig


def axis_to_utc(value) -> datetime:
    """A position read back from a time chart (a box selection) as naive UTC: the axis is drawn in UTC."""
    ts = pd.Timestamp(value)
    return (ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo else ts).to_pydatetime()
