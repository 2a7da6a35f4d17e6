"""Records that carry their texts in both languages (events, actors), and how their times and sources are said.

A record keeps ``<key>_fr`` and ``<key>_en`` beside an untagged ``<key>`` (the text of databases made before both
languages, and of files that give one). The reader sees the text in their language, else in the other one, else
the untagged one. Shared by the events and actors features and by the charts that draw them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from clameur.i18n import fmt_date, fmt_datetime, norm_lang, t

if TYPE_CHECKING:
    import pandas as pd

TRUE_WORDS = {"true", "1", "yes", "oui", "vrai", "y"}
FALSE_WORDS = {"false", "0", "no", "non", "faux", "n", ""}


def missing(value) -> bool:
    """None, NaN, NaT or NA: what a DataFrame cell holds for NULL."""
    if value is None:
        return True
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is not missing
        return False


def blank(value) -> bool:
    return missing(value) or not str(value).strip()


def yes_no(value) -> bool | None:
    """A yes/no cell (a bool, or text such as true/false, 1/0, oui/non); None when it is neither."""
    if missing(value):
        return False
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


def text_in(record: dict, key: str, lang: str | None) -> str | None:
    """A record's ``key`` text in ``lang``; else in the other language; else the untagged one; else None."""
    lang = norm_lang(lang)
    other = "en" if lang == "fr" else "fr"
    for col in (f"{key}_{lang}", f"{key}_{other}", key):
        value = record.get(col)
        if not blank(value):
            return str(value)
    return None


def localised(df: pd.DataFrame, keys: tuple[str, ...], lang: str | None) -> pd.DataFrame:
    """A copy whose ``keys`` columns hold the text in ``lang`` (see :func:`text_in`); the language columns stay,
    so an editor still sees both."""
    out = df.copy()
    if out.empty:
        return out
    records = out.to_dict("records")
    for key in keys:
        if key in out.columns:
            out[key] = [text_in(r, key, lang) for r in records]
    return out


def clock(ts: datetime, lang: str | None) -> str:
    """'10 h 30' or '12 h' in French, '10:30' in English."""
    if norm_lang(lang) == "fr":
        return f"{ts.hour:02d} h" + (f" {ts.minute:02d}" if ts.minute else "")
    return f"{ts.hour:02d}:{ts.minute:02d}"


def when_text(starts_at_utc, approximate, tz: str, lang: str | None) -> str:
    """A stored UTC time in the display zone: '18 juin 2020, 18 h', or, when the source gives no hour (or only
    a rough one), '18 juin 2020, vers 10 h 30 (heure approximative)' / '18 June 2020, about 10:30 (approximate
    time)'."""
    import pandas as pd

    local = pd.Timestamp(starts_at_utc).tz_localize("UTC").tz_convert(tz).tz_localize(None).to_pydatetime()
    if not yes_no(approximate):
        return fmt_datetime(local, lang)
    return t("event.when_approx", lang, date=fmt_date(local, lang), time=clock(local, lang))


def source_line(record: dict, lang: str | None) -> str | None:
    """'Le HuffPost, 18 juin 2020': the outlet and the article's date, either of which may be missing."""
    outlet = None if blank(record.get("source_outlet")) else str(record["source_outlet"])
    day = record.get("source_date")
    if blank(day):
        day = None
    elif not isinstance(day, date):
        import pandas as pd

        day = pd.Timestamp(day).date()
    parts = [p for p in (outlet, fmt_date(day, lang) if day is not None else None) if p]
    return ", ".join(parts) or None
