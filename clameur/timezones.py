"""Time zones in one place: the zone check, UTC <-> local conversion, and the zones offered in the sidebar.

Times are stored as naive UTC; they are converted for display only. Zones come from the standard library's
zoneinfo (with the tzdata package where the system has no zone database).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import pandas as pd

# Zones offered in the sidebar, after the dataset's own; any IANA zone is accepted from the URL and the CLI.
OFFERED = ("Europe/Paris", "UTC", "Europe/London", "America/New_York", "Asia/Tokyo")


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    # "localtime", "Factory" and "posixrules" are files of the zone database, not zones DuckDB or a reader knows.
    return (frozenset(available_timezones()) | {"UTC"}) - {"localtime", "Factory", "posixrules"}


def is_valid_zone(name: object) -> bool:
    """True for an IANA zone name that the zone database knows (``Europe/Paris``, ``UTC``)."""
    if not isinstance(name, str) or name not in _known():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def offered(first: str | None = None) -> list[str]:
    """The zones the sidebar lists: the dataset's own first, then the common ones."""
    return list(dict.fromkeys([first or "UTC", *OFFERED]))


def to_local(ts_utc, tz: str) -> pd.Timestamp:
    """A naive UTC time to the naive wall-clock time in ``tz``."""
    return pd.Timestamp(ts_utc).tz_localize("UTC").tz_convert(tz).tz_localize(None)


def to_utc(local, tz: str) -> datetime:
    """A wall-clock time in ``tz`` (as drawn on the charts) to naive UTC; a time with its own offset keeps it."""
    ts = pd.Timestamp(local)
    if ts.tzinfo is None:
        ts = ts.tz_localize(tz, nonexistent="shift_forward", ambiguous=False)
    return ts.tz_convert("UTC").tz_localize(None).to_pydatetime()
