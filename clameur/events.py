"""Events: typed, sourced point or range events shown on every timeline."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from clameur import settings
from clameur.store import Store, query, transaction

EVENT_COLUMNS = (
    "dataset_id", "event_type", "actor_id", "actor_name", "platform", "starts_at", "ends_at",
    "title", "description", "source_url", "confidence", "status", "synthetic",
)


class EventError(ValueError):
    """An event that cannot be stored as given; the message says what to fix."""


def validate_event(ev: dict) -> dict:
    clean = {k: ev.get(k) for k in EVENT_COLUMNS}
    if clean["event_type"] not in settings.EVENT_TYPES:
        raise EventError(
            f"Unknown event type “{clean['event_type']}”. Use one of: {', '.join(settings.EVENT_TYPES)}."
        )
    if not clean["title"] or not str(clean["title"]).strip():
        raise EventError("An event needs a title.")
    if not isinstance(clean["starts_at"], datetime):
        raise EventError("An event needs a start time.")
    if clean["ends_at"] is not None and clean["ends_at"] < clean["starts_at"]:
        raise EventError("An event cannot end before it starts.")
    conf = clean["confidence"] or "medium"
    if conf not in settings.CONFIDENCE_LEVELS:
        raise EventError(f"Confidence must be one of: {', '.join(settings.CONFIDENCE_LEVELS)}.")
    clean["confidence"] = conf
    if clean["status"] is not None and clean["status"] not in settings.RESPONSE_STATUSES:
        raise EventError(f"Status must be one of: {', '.join(settings.RESPONSE_STATUSES)}.")
    clean["synthetic"] = bool(clean["synthetic"])
    return clean


def insert_event(cur, ev: dict) -> int:
    """Insert one validated event inside the caller's transaction; return its id."""
    clean = validate_event(ev)
    cols = ", ".join(EVENT_COLUMNS)
    marks = ", ".join("?" for _ in EVENT_COLUMNS)
    row = cur.execute(
        f"INSERT INTO events ({cols}) VALUES ({marks}) RETURNING event_id",  # noqa: S608 (fixed names)
        [clean[k] for k in EVENT_COLUMNS],
    ).fetchone()
    return int(row[0])


def add_event(store: Store, ev: dict) -> int:
    """Insert one event (times are naive UTC datetimes) and return its id."""
    with transaction(store) as cur:
        return insert_event(cur, ev)


def list_events(store: Store, dataset_id: int | None = None) -> pd.DataFrame:
    """Events of a dataset (plus those that apply to every dataset), oldest first."""
    if dataset_id is None:
        return query(store, "SELECT * FROM events ORDER BY starts_at, event_id")
    return query(
        store,
        "SELECT * FROM events WHERE dataset_id = ? OR dataset_id IS NULL ORDER BY starts_at, event_id",
        [int(dataset_id)],
    )
