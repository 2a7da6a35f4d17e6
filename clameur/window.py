"""A time window as links write it (``from=…&to=…``): read with its offset, bounded to plausible years, written back.

A time with an offset keeps it (``2020-06-18T10:00+05:00`` is 05:00 UTC); a time without one is read in UTC; what
Clameur writes says so with a ``Z`` (``2020-06-18T05:00Z``), so a link never depends on the reader's time zone.
In a query string an unescaped ``+`` arrives as a space: ``10:00 05:00`` is read as ``10:00+05:00``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from clameur.settings import WINDOW_YEARS

_LOST_PLUS = re.compile(r"^(\S+T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)$")


REASONS = ("format", "range", "order")


class BadTime(ValueError):
    """A link's time that Clameur cannot use; ``reason`` names why: ``format``, ``range`` or ``order``."""

    def __init__(self, reason: str, value: str = "", name: str = ""):
        super().__init__(f"{name or 'time'} {reason}: {value}")
        self.reason, self.value, self.name = reason, value, name


def parse_url_time(raw: str) -> datetime:
    """A link's time as naive UTC; raises BadTime for an unreadable value or one outside WINDOW_YEARS."""
    text = (raw or "").strip()
    text = _LOST_PLUS.sub(r"\1+\2", text)
    try:
        ts = datetime.fromisoformat(text)
    except ValueError:
        raise BadTime("format", raw) from None
    low, high = WINDOW_YEARS
    if not low <= ts.year <= high:  # checked before any conversion: year 9999 plus an offset overflows
        raise BadTime("range", raw)
    if ts.tzinfo is not None:
        ts = ts.astimezone(UTC).replace(tzinfo=None)
    return ts.replace(second=0, microsecond=0)


def format_url_time(ts: datetime) -> str:
    """Naive UTC to the form links carry: minutes, and a ``Z`` that says UTC."""
    return ts.strftime("%Y-%m-%dT%H:%MZ")


def parse_window(start: str | None, end: str | None) -> tuple[datetime | None, datetime | None]:
    """Both bounds of a link's window (either may be missing); raises BadTime, naming the bound, when one is bad
    or when the window ends before it starts."""
    bounds = []
    for name, raw in (("from", start), ("to", end)):
        try:
            bounds.append(parse_url_time(raw) if raw else None)
        except BadTime as exc:
            raise BadTime(exc.reason, raw, name) from None
    lo, hi = bounds
    if lo is not None and hi is not None and lo >= hi:
        raise BadTime("order", f"{start} → {end}", "from")
    return lo, hi


def to_minute(ts: datetime | None) -> datetime | None:
    """A window bound as links keep it (to the minute), so the view and the link it writes agree exactly."""
    return None if ts is None else ts.replace(second=0, microsecond=0)
