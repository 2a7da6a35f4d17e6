"""One clock: how a time, a bin and an axis tick are said in each language, always in the display zone.

Times arrive as naive UTC (as stored) or as naive wall-clock times already in the display zone (bins of a
volume frame); the functions say which. Month names are Clameur's own, never the browser's or plotly's
locale (plotly's French locale is a separate file that the app cannot fetch), so the screen and the PNG/SVG
exports read the same.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from clameur.i18n import (
    _MONTHS_EN,
    _MONTHS_FR,
    _MONTHS_FR_SHORT,
    fmt_clock,
    fmt_date,
    fmt_datetime,
    fmt_duration,
    norm_lang,
)

# Bins, from the finest; ``week`` starts on Monday and ``month`` on the 1st, both at local midnight.
BIN_KEYS = ("1min", "5min", "15min", "hour", "day", "week", "month")

STRINGS = {
    # the bin in a select and in a figure's provenance ("bin 1 h")
    "bin.auto": {"en": "automatic (from the span)", "fr": "automatique (selon la durée)"},
    "bin.1min": {"en": "1 min", "fr": "1 min"},
    "bin.5min": {"en": "5 min", "fr": "5 min"},
    "bin.15min": {"en": "15 min", "fr": "15 min"},
    "bin.hour": {"en": "1 h", "fr": "1 h"},
    "bin.day": {"en": "1 day", "fr": "1 jour"},
    "bin.week": {"en": "1 week", "fr": "1 semaine"},
    "bin.month": {"en": "1 month", "fr": "1 mois"},
    # "posts per …" in titles
    "bin.per.1min": {"en": "minute", "fr": "minute"},
    "bin.per.5min": {"en": "5 minutes", "fr": "5 minutes"},
    "bin.per.15min": {"en": "15 minutes", "fr": "15 minutes"},
    "bin.per.hour": {"en": "hour", "fr": "heure"},
    "bin.per.day": {"en": "day", "fr": "jour"},
    "bin.per.week": {"en": "week", "fr": "semaine"},
    "bin.per.month": {"en": "month", "fr": "mois"},
    # the busiest bin, as a key figure's name
    "peak.1min": {"en": "Peak minute", "fr": "Minute de pointe"},
    "peak.5min": {"en": "Peak 5 minutes", "fr": "5 minutes de pointe"},
    "peak.15min": {"en": "Peak 15 minutes", "fr": "15 minutes de pointe"},
    "peak.hour": {"en": "Peak hour", "fr": "Heure de pointe"},
    "peak.day": {"en": "Peak day", "fr": "Jour de pointe"},
    "peak.week": {"en": "Peak week", "fr": "Semaine de pointe"},
    "peak.month": {"en": "Peak month", "fr": "Mois de pointe"},
    "clock.week_of": {"en": "week of {day}", "fr": "semaine du {day}"},
}


def _t(key: str, lang: str, **kwargs) -> str:
    from clameur.i18n import t

    return t(key, lang, **kwargs)


def local(ts_utc, tz: str) -> datetime:
    """A naive UTC instant as the naive wall-clock time in ``tz``."""
    return pd.Timestamp(ts_utc).tz_localize("UTC").tz_convert(tz).tz_localize(None).to_pydatetime()


def floor_minute(ts) -> pd.Timestamp:
    return pd.Timestamp(ts).floor("min")


def lag_hours(start_utc, end_utc) -> float:
    """Hours from ``start_utc`` to ``end_utc``, both cut to the minute first: the lag of two times shown as the
    same minute is the same lag."""
    return (floor_minute(end_utc) - floor_minute(start_utc)).total_seconds() / 3600


def fmt_lag(start_utc, end_utc, lang: str | None = None) -> str:
    if start_utc is None or end_utc is None or pd.isna(start_utc) or pd.isna(end_utc):
        return "–"
    return fmt_duration(lag_hours(start_utc, end_utc), lang)


def fmt_when(ts_utc, tz: str, lang: str | None = None, *, zone: bool = True) -> str:
    """A stored (UTC) time said in the display zone: '18 juin 2020, 10 h 30 (Europe/Paris)'."""
    if ts_utc is None or pd.isna(ts_utc):
        return "–"
    text = fmt_datetime(local(ts_utc, tz), lang)
    return f"{text} ({tz})" if zone else text


def _short_month(month: int, lang: str) -> str:
    return _MONTHS_FR_SHORT[month - 1] if lang == "fr" else _MONTHS_EN[month - 1][:3]


def _month(month: int, lang: str) -> str:
    return _MONTHS_FR[month - 1] if lang == "fr" else _MONTHS_EN[month - 1]


def fmt_bin(ts_local, bin_key: str, lang: str | None = None) -> str:
    """The bin that starts at the wall-clock time ``ts_local``, said at its own precision, with its year:
    '17 juin 2020, 19 h' (hour and finer), '17 juin 2020' (day), 'semaine du 15 juin 2020', 'juin 2020'."""
    lang = norm_lang(lang)
    ts = pd.Timestamp(ts_local).to_pydatetime()
    if bin_key == "month":
        return f"{_month(ts.month, lang)} {ts.year}"
    if bin_key == "week":
        return _t("clock.week_of", lang, day=fmt_date(ts, lang))
    if bin_key == "day":
        return fmt_date(ts, lang)
    return f"{fmt_date(ts, lang)}, {fmt_clock(ts, lang)}"


def peak_figure(ts_local, bin_key: str, lang: str | None = None) -> tuple[str, str]:
    """(name, value) of the busiest bin as a key figure: the value is short enough for a tile, the name says
    the rest, year included: ('Peak hour · 17 June 2020', '19:00'), ('Peak week · 2021', '18 Oct'),
    ('Peak month', 'Oct 2021')."""
    lang = norm_lang(lang)
    ts = pd.Timestamp(ts_local).to_pydatetime()
    name = _t(f"peak.{bin_key}", lang)
    if bin_key == "month":
        return name, f"{_short_month(ts.month, lang)} {ts.year}"
    if bin_key in ("day", "week"):
        day = "1er" if lang == "fr" and ts.day == 1 else str(ts.day)
        return f"{name} · {ts.year}", f"{day} {_short_month(ts.month, lang)}"
    return f"{name} · {fmt_date(ts, lang)}", fmt_clock(ts, lang)


# Tick steps from the finest: (kind, size). Fixed steps in minutes; then days, weeks, months, years.
_STEPS = (
    ("min", 1),
    ("min", 2),
    ("min", 5),
    ("min", 10),
    ("min", 15),
    ("min", 30),
    ("min", 60),
    ("min", 120),
    ("min", 180),
    ("min", 360),
    ("min", 720),
    ("day", 1),
    ("day", 2),
    ("week", 1),
    ("week", 2),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
)


_APPROX = {
    "min": pd.Timedelta(minutes=1),
    "day": pd.Timedelta(days=1),
    "week": pd.Timedelta(days=7),
    "month": pd.Timedelta(days=28),
    "year": pd.Timedelta(days=365),
}


def _ticks_for(kind: str, size: int, lo: pd.Timestamp, hi: pd.Timestamp) -> list[pd.Timestamp]:
    if kind == "min":
        start = lo.normalize()
        step = pd.Timedelta(minutes=size)
        first = start + step * int(-(-(lo - start) // step))
        return list(pd.date_range(first, hi, freq=step))
    if kind == "day":
        days = pd.date_range(lo.ceil("D"), hi, freq="D")
        return [d for d in days if (d - pd.Timestamp("2000-01-01")).days % size == 0]
    if kind == "week":
        mondays = pd.date_range(lo.ceil("D"), hi, freq="W-MON")
        return [d for d in mondays if ((d - pd.Timestamp("2000-01-03")).days // 7) % size == 0]
    if kind == "month":
        months = pd.date_range(lo.ceil("D"), hi, freq="MS")
        return [d for d in months if (d.month - 1) % size == 0]
    years = pd.date_range(lo.ceil("D"), hi, freq="YS")
    return [d for d in years if d.year % size == 0]


def time_ticks(lo, hi, lang: str | None = None, most: int = 8) -> tuple[list[datetime], list[str]]:
    """Tick positions and labels for a time axis from ``lo`` to ``hi`` (wall-clock times): at most ``most``
    ticks at a round step, each label in the reader's language; the date is given under the clock time when
    it changes, and the year on the first tick and wherever it changes, so every axis shows its year."""
    lang = norm_lang(lang)
    lo, hi = pd.Timestamp(lo), pd.Timestamp(hi)
    if pd.isna(lo) or pd.isna(hi):
        return [], []
    kind, size, ticks = "year", 10, []
    for kind, size in _STEPS:
        if (hi - lo) / (_APPROX[kind] * size) > most + 2:  # far too many ticks: not even listed
            continue
        ticks = _ticks_for(kind, size, lo, hi) if hi > lo else []
        if len(ticks) <= most:
            break
    if not ticks:  # a span without a round tick in it: its ends, to the minute
        ticks = [lo, hi] if hi > lo else [lo]
        kind = "min"
    labels, prev = [], None
    for ts in ticks:
        new_year = prev is None or ts.year != prev.year
        new_day = prev is None or ts.normalize() != prev.normalize()
        day = f"{'1er' if lang == 'fr' and ts.day == 1 else ts.day} {_short_month(ts.month, lang)}"
        if kind == "min":
            label = fmt_clock(ts, lang)
            if new_day:
                label += f"<br>{day}" + (f" {ts.year}" if new_year else "")
        elif kind in ("day", "week"):
            label = day + (f"<br>{ts.year}" if new_year else "")
        elif kind == "month":
            label = _short_month(ts.month, lang) + (f"<br>{ts.year}" if new_year else "")
        else:
            label = str(ts.year)
        labels.append(label)
        prev = ts
    return [t.to_pydatetime() for t in ticks], labels
