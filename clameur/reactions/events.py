"""Events: typed, sourced point or range events shown on every timeline."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from clameur import bilingual, settings
from clameur.bilingual import blank, source_line, when_text, yes_no
from clameur.errors import ClameurError
from clameur.exports import undo_formula_safe
from clameur.sql import quote_ident, quote_idents
from clameur.store import Store, query, transaction

EVENT_COLUMNS = (
    "dataset_id",
    "event_type",
    "actor_id",
    "actor_name",
    "platform",
    "starts_at",
    "ends_at",
    "title",
    "description",
    "source_url",
    "confidence",
    "status",
    "synthetic",
    "source_outlet",
    "source_date",
    "source_quote",
    "time_approximate",
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "actor_name_fr",
    "actor_name_en",
)
# The texts an event has in each language; `title`, `description`, `actor_name` are the untagged ones (databases
# made before both languages, files without language columns) and the last fallback of the display.
LOCALISED = ("title", "description", "actor_name")


class EventError(ClameurError, ValueError):
    """An event that cannot be stored as given; the message says what to fix."""


def _flag(value) -> bool:
    flag = yes_no(value)
    if flag is None:
        raise EventError("error.events.flag", value=str(value))
    return flag


def _source_date(value) -> date | None:
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return pd.Timestamp(str(value).strip().lstrip("'")).date()
    except ValueError as exc:
        raise EventError("error.events.source_date", value=str(value)) from exc


def validate_event(ev: dict) -> dict:
    clean = {k: ev.get(k) for k in EVENT_COLUMNS}
    if clean["event_type"] not in settings.EVENT_TYPES:
        raise EventError(
            "error.events.type", event_type=str(clean["event_type"]), known=", ".join(settings.EVENT_TYPES)
        )
    for key in LOCALISED:
        for col in (key, f"{key}_fr", f"{key}_en"):
            clean[col] = None if blank(clean[col]) else str(clean[col])
        # the untagged text is what code and files that know one language read: the English, else the French
        clean[key] = clean[key] or clean[f"{key}_en"] or clean[f"{key}_fr"]
    if clean["title"] is None:
        raise EventError("error.events.title")
    if not isinstance(clean["starts_at"], datetime):
        raise EventError("error.events.start")
    if clean["ends_at"] is not None and clean["ends_at"] < clean["starts_at"]:
        raise EventError("error.events.order")
    conf = clean["confidence"] or "medium"
    if conf not in settings.CONFIDENCE_LEVELS:
        raise EventError("error.events.confidence", known=", ".join(settings.CONFIDENCE_LEVELS))
    clean["confidence"] = conf
    if clean["status"] is not None and clean["status"] not in settings.RESPONSE_STATUSES:
        raise EventError("error.events.status", known=", ".join(settings.RESPONSE_STATUSES))
    clean["synthetic"] = bool(clean["synthetic"])
    clean["time_approximate"] = _flag(clean["time_approximate"])
    clean["source_date"] = _source_date(clean["source_date"])
    for col in ("source_outlet", "source_quote"):
        clean[col] = None if blank(clean[col]) else str(clean[col])
    return clean


def localised(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy whose title, description and actor are in ``lang`` (else the other language, else the untagged
    text); the language columns stay, so an editor still sees both."""
    return bilingual.localised(events, LOCALISED, lang)


def insert_event(cur, ev: dict) -> int:
    """Insert one validated event inside the caller's transaction; return its id."""
    clean = validate_event(ev)
    cols = quote_idents(EVENT_COLUMNS)
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


def list_events(store: Store, dataset_id: int | None = None, lang: str | None = None) -> pd.DataFrame:
    """Events of a dataset (plus those that apply to every dataset), oldest first; with ``lang``, their title,
    description and actor in that language (see :func:`localised`)."""
    if dataset_id is None:
        df = query(store, "SELECT * FROM events ORDER BY starts_at, event_id")
    else:
        df = query(
            store,
            "SELECT * FROM events WHERE dataset_id = ? OR dataset_id IS NULL ORDER BY starts_at, event_id",
            [int(dataset_id)],
        )
    return df if lang is None else localised(df, lang)


def update_event(store: Store, event_id: int, ev: dict) -> None:
    clean = validate_event(ev)
    sets = ", ".join(f"{quote_ident(k)} = ?" for k in EVENT_COLUMNS)
    with transaction(store) as cur:
        cur.execute(
            f"UPDATE events SET {sets} WHERE event_id = ?",  # noqa: S608 (fixed column names)
            [clean[k] for k in EVENT_COLUMNS] + [int(event_id)],
        )


def delete_event(store: Store, event_id: int) -> None:
    with transaction(store) as cur:
        cur.execute("DELETE FROM events WHERE event_id = ?", [int(event_id)])


CSV_COLUMNS = (
    "event_type",
    "starts_at",
    "ends_at",
    "time_approximate",
    "title",
    "title_fr",
    "title_en",
    "actor_name",
    "actor_name_fr",
    "actor_name_en",
    "platform",
    "description",
    "description_fr",
    "description_en",
    "source_url",
    "source_outlet",
    "source_date",
    "source_quote",
    "confidence",
    "status",
)


def events_to_csv(df: pd.DataFrame) -> bytes:
    """Events as UTF-8 CSV (times in UTC, ISO 8601), formula-safe."""
    from clameur.exports import csv_bytes

    out = df.reindex(columns=list(CSV_COLUMNS)).copy()
    for col in ("starts_at", "ends_at"):
        out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    out["source_date"] = pd.to_datetime(out["source_date"]).dt.strftime("%Y-%m-%d")
    out["time_approximate"] = ["true" if yes_no(v) else "false" for v in out["time_approximate"]]
    return csv_bytes(out)


def _parse_time(value: str, row: int, column: str) -> datetime | None:
    if value is None or not str(value).strip():
        return None
    try:
        ts = pd.Timestamp(str(value).strip().lstrip("'"))
    except ValueError as exc:
        raise EventError("error.events.time", row=str(row), value=str(value), column=column) from exc
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.to_pydatetime()


def events_from_csv(data: bytes, dataset_id: int | None = None) -> list[dict]:
    """Read events from CSV (the format of :func:`events_to_csv`); a bad row raises a sentence naming it.

    Times without a zone are taken as UTC. Text is kept verbatim (a leading `'` added by our own
    formula-safe export is removed from text cells that would otherwise start with a formula sign).
    """
    import csv
    import io

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EventError("error.events.not_utf8") from exc
    reader = csv.DictReader(io.StringIO(text))
    fields = set(reader.fieldnames or [])
    missing = {"event_type", "starts_at"} - fields
    if not fields & {"title", "title_fr", "title_en"}:
        missing.add("title")
    if missing:
        raise EventError("error.events.columns", missing=", ".join(sorted(missing)), expected=", ".join(CSV_COLUMNS))
    events = []
    for row_no, row in enumerate(reader, start=2):
        ev = {k: undo_formula_safe(row.get(k)) or None for k in CSV_COLUMNS}
        ev["starts_at"] = _parse_time(row.get("starts_at"), row_no, "starts_at")
        ev["ends_at"] = _parse_time(row.get("ends_at"), row_no, "ends_at")
        ev["dataset_id"] = dataset_id
        try:
            ev["time_approximate"] = _flag(ev["time_approximate"])
            events.append(validate_event(ev))
        except EventError as exc:
            raise EventError("error.row", row=str(row_no), reason=exc.said) from exc
    return events


def import_events(store: Store, events: list[dict]) -> int:
    """Insert validated events in one transaction; return how many."""
    with transaction(store) as cur:
        for ev in events:
            insert_event(cur, ev)
    return len(events)


def events_table(events: pd.DataFrame, columns: list[str], tz: str, lang: str) -> pd.DataFrame:
    """An events table for the screen: texts in the reader's language, times in the display zone (an approximate
    hour said so), the outlet with its article's date, coded values and headers translated."""
    from clameur.i18n import t
    from clameur.tables import for_people

    records = localised(events, lang).to_dict("records")
    say = {
        "starts_at": lambda r: when_text(r["starts_at"], r.get("time_approximate"), tz, lang),
        "source_outlet": lambda r: source_line(r, lang),
    }
    out = pd.DataFrame({c: [say[c](r) if c in say else r.get(c) for r in records] for c in columns}, columns=columns)
    shown = for_people(out, lang, tz)  # "when (<zone>)": the times above are already said in the zone
    return shown.rename(columns={t("table.starts_at", lang, tz=tz): t("table.when_zone", lang, tz=tz)})


def event_when(ev: dict, tz: str, lang: str) -> str:
    """When an event happened, in the display zone, an approximate hour said so (see bilingual.when_text)."""
    return when_text(ev["starts_at"], ev.get("time_approximate"), tz, lang)


def lag_hours(starts_at, launch) -> float:
    return (pd.Timestamp(starts_at) - pd.Timestamp(launch)).total_seconds() / 3600
