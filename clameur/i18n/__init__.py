"""French and English strings and number/date formatting.

Each area keeps its strings in its own module of this package (``STRINGS = {key: {"en", "fr"}}``)
so that pages and sentences never hold bare text. ``t()`` raises on an unknown key: a missing
translation is a bug that the tests catch, never a silent fallback.
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import datetime

LANGS = ("fr", "en")
DEFAULT_LANG = "en"

_CATALOG: dict[str, dict[str, str]] | None = None


def catalog() -> dict[str, dict[str, str]]:
    global _CATALOG
    if _CATALOG is None:
        merged: dict[str, dict[str, str]] = {}
        for info in pkgutil.iter_modules(__path__):
            module = importlib.import_module(f"{__name__}.{info.name}")
            for key, value in getattr(module, "STRINGS", {}).items():
                if key in merged:
                    raise ValueError(f"i18n key {key!r} is defined twice ({info.name})")
                merged[key] = value
        _CATALOG = merged
    return _CATALOG


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, /, **kwargs) -> str:
    entry = catalog()[key]
    text = entry[norm_lang(lang)]
    return text.format(**kwargs) if kwargs else text


def fmt_int(n: int | float | None, lang: str | None = None) -> str:
    if n is None:
        return "–"
    text = f"{int(round(n)):,}"
    # French groups thousands with a narrow no-break space.
    return text.replace(",", "\u202f") if norm_lang(lang) == "fr" else text


def fmt_float(x: float | None, lang: str | None = None, digits: int = 1) -> str:
    if x is None:
        return "–"
    text = f"{x:,.{digits}f}"
    if norm_lang(lang) == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def fmt_pct(share: float | None, lang: str | None = None, digits: int = 0) -> str:
    if share is None:
        return "–"
    sep = "\u202f" if norm_lang(lang) == "fr" else ""
    return f"{fmt_float(100 * share, lang, digits)}{sep}%"


_MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_MONTHS_FR_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def fmt_date(ts: datetime, lang: str | None = None) -> str:
    if norm_lang(lang) == "fr":
        day = "1er" if ts.day == 1 else str(ts.day)
        return f"{day} {_MONTHS_FR[ts.month - 1]} {ts.year}"
    return f"{ts.day} {_MONTHS_EN[ts.month - 1]} {ts.year}"


def fmt_datetime(ts: datetime, lang: str | None = None) -> str:
    """'18 juin 2020, 09 h 05' / '18 June 2020, 09:05' (ts already in the display zone)."""
    if norm_lang(lang) == "fr":
        minutes = f" {ts.minute:02d}" if ts.minute else ""
        return f"{fmt_date(ts, 'fr')}, {ts.hour:02d} h{minutes}"
    return f"{fmt_date(ts, 'en')}, {ts.hour:02d}:{ts.minute:02d}"


def fmt_day_hour(ts: datetime, lang: str | None = None) -> str:
    """'18 juin, 09 h' / '18 June, 09:00' (no year: for tight spaces such as key figures)."""
    if norm_lang(lang) == "fr":
        return f"{ts.day} {_MONTHS_FR_SHORT[ts.month - 1]}, {ts.hour:02d} h"
    return f"{ts.day} {_MONTHS_EN[ts.month - 1][:3]}, {ts.hour:02d}:00"


def fmt_clock(ts: datetime, lang: str | None = None) -> str:
    """'21 h', '21 h 31' / '21:00', '21:31' (ts already in the display zone)."""
    if norm_lang(lang) == "fr":
        return f"{ts.hour:02d} h" + (f" {ts.minute:02d}" if ts.minute else "")
    return f"{ts.hour:02d}:{ts.minute:02d}"


def fmt_short_date(ts: datetime, lang: str | None = None) -> str:
    """'18 juin' / '18 Jun' (no year: for axis ticks)."""
    if norm_lang(lang) == "fr":
        return f"{ts.day} {_MONTHS_FR_SHORT[ts.month - 1]}"
    return f"{ts.day} {_MONTHS_EN[ts.month - 1][:3]}"


def fmt_bin_start(ts: datetime, bin_seconds: int, lang: str | None = None) -> str:
    """A bin's start at the bin's own resolution: '18 juin' for a day, '18 juin, 21 h' for an hour,
    '18 juin, 21 h 31' for a minute (ts already in the display zone)."""
    if bin_seconds >= 86400:
        return fmt_short_date(ts, lang)
    if bin_seconds >= 3600 and not ts.minute:
        return fmt_day_hour(ts, lang)
    return f"{fmt_short_date(ts, lang)}, {fmt_clock(ts, lang)}"


def fmt_duration(hours: float | None, lang: str | None = None) -> str:
    """A lag in plain words, cut (never rounded) to the minute: '25 min', '16 h 30', '11 jours 21 h' /
    '25 min', '16 h 30 min', '11 days 21 h'. Cutting one way means two lags a second apart never read an hour
    apart (16.499 h and 16.501 h are both '16 h 29'/'16 h 30', never '16 h' and '17 h')."""
    if hours is None:
        return "–"
    fr = norm_lang(lang) == "fr"
    if hours < 0:
        return ("−" if fr else "-") + fmt_duration(-hours, lang)
    minutes = int(hours * 60 + 1e-6)  # cut to the minute (the epsilon absorbs float noise: 0.5 h is 30 min)
    if minutes < 60:
        return f"{minutes} min"
    h, m = divmod(minutes, 60)
    if h < 48:
        if not m:
            return f"{h} h"
        return f"{h} h {m:02d}" if fr else f"{h} h {m:02d} min"
    days, h = divmod(h, 24)
    unit = "jours" if fr else "days"
    return f"{days} {unit} {h} h" if h else f"{days} {unit}"
