"""Add, edit, delete (with confirmation), import and export events: the UI over clameur.reactions.events."""

from __future__ import annotations

from datetime import datetime, time

import pandas as pd
import streamlit as st

from clameur import settings
from clameur.i18n import t
from clameur.markdown_safe import md
from clameur.reactions.events import (
    EventError,
    add_event,
    delete_event,
    events_from_csv,
    events_to_csv,
    import_events,
    localised,
    update_event,
)
from clameur.timezones import to_utc
from ui.crud import clean_row, confirmed_delete, csv_import, export_then_tools, save


def _local(ts_utc, tz: str) -> pd.Timestamp:
    return pd.Timestamp(ts_utc).tz_localize("UTC").tz_convert(tz)


def _to_utc(day, clock: time, tz: str) -> datetime:
    return to_utc(datetime.combine(day, clock), tz)


def _form(key: str, lang: str, tz: str, dataset_id: int, current: dict | None = None) -> dict | None:
    cur = current or {}
    with st.form(key, clear_on_submit=current is None):
        types = list(settings.EVENT_TYPES)
        kind = st.selectbox(
            t("events.type", lang),
            types,
            index=types.index(cur.get("event_type", "other")),
            format_func=lambda k: t(f"event.{k}", lang),
        )
        start = _local(cur["starts_at"], tz) if cur.get("starts_at") is not None else None
        c1, c2 = st.columns(2)
        day = c1.date_input(t("events.date", lang, tz=tz), value=start.date() if start is not None else "today")
        clock = c2.time_input(t("events.time", lang, tz=tz), value=start.time() if start is not None else time(12, 0))
        approximate = st.checkbox(t("events.approximate", lang), value=bool(cur.get("time_approximate")))
        c1, c2 = st.columns(2)
        texts = {
            "title_fr": c1.text_input(t("events.title_fr", lang), value=cur.get("title_fr") or ""),
            "title_en": c2.text_input(t("events.title_en", lang), value=cur.get("title_en") or ""),
            "actor_name_fr": c1.text_input(t("events.actor_fr", lang), value=cur.get("actor_name_fr") or ""),
            "actor_name_en": c2.text_input(t("events.actor_en", lang), value=cur.get("actor_name_en") or ""),
        }
        platform = st.text_input(t("events.platform", lang), value=cur.get("platform") or "")
        c1, c2 = st.columns(2)
        texts["description_fr"] = c1.text_area(t("events.description_fr", lang), value=cur.get("description_fr") or "")
        texts["description_en"] = c2.text_area(t("events.description_en", lang), value=cur.get("description_en") or "")
        source = st.text_input(t("events.source", lang), value=cur.get("source_url") or "")
        c1, c2 = st.columns(2)
        outlet = c1.text_input(t("events.outlet", lang), value=cur.get("source_outlet") or "")
        source_date = c2.date_input(t("events.source_date", lang), value=_day(cur.get("source_date")))
        quote = st.text_area(t("events.quote", lang), value=cur.get("source_quote") or "")
        levels = list(settings.CONFIDENCE_LEVELS)
        confidence = st.selectbox(
            t("events.confidence", lang),
            levels,
            index=levels.index(cur.get("confidence") or "medium"),
            format_func=lambda c: t(f"confidence.{c}", lang),
        )
        statuses = ["", *settings.RESPONSE_STATUSES]
        status = st.selectbox(t("events.status", lang), statuses, index=statuses.index(cur.get("status") or ""))
        if not st.form_submit_button(t("events.save", lang)):
            return None
    ev = {
        "dataset_id": dataset_id,
        "event_type": kind,
        "starts_at": _to_utc(day, clock, tz),
        "ends_at": None,
        "time_approximate": approximate,
        "platform": platform or None,
        "source_url": source or None,
        "source_outlet": outlet or None,
        "source_date": source_date,
        "source_quote": quote or None,
        "confidence": confidence,
        "status": status or None,
        "synthetic": False,
        **{k: v or None for k, v in texts.items()},
    }
    for key in ("title", "actor_name", "description"):
        # an event stored before both languages keeps its untagged text until one language is given
        given = ev[f"{key}_fr"] or ev[f"{key}_en"]
        ev[key] = None if given else cur.get(key)
    return ev


def _day(value):
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def events_editor(store, events: pd.DataFrame, *, dataset_id: int, tz: str, lang: str) -> None:
    """The editing tools under an events table (the table itself is drawn by the page); the export for
    everyone, the rest only for a session that can edit."""
    if not export_then_tools(t("events.export", lang), lambda: events_to_csv(events), "events.csv", "events_csv", lang):
        return
    with st.expander(t("events.add", lang)):
        new = _form("event_add", lang, tz, dataset_id)
        if new is not None:
            save(lambda: add_event(store, new), EventError, t("events.saved", lang), lang)
    if not events.empty:
        with st.expander(t("events.edit", lang)):
            shown = localised(events, lang)
            labels = {int(r.event_id): f"{r.event_id} · {r.title}" for r in shown.itertuples()}
            chosen = st.selectbox(t("events.pick", lang), list(labels), format_func=labels.get, key="event_pick")
            row = clean_row(events, "event_id", chosen)
            edited = _form(f"event_edit_{chosen}", lang, tz, dataset_id, row)
            if edited is not None:
                save(lambda: update_event(store, chosen, edited), EventError, t("events.saved", lang), lang)
            confirmed_delete(
                t("events.confirm_delete", lang, title=md(labels[chosen].split(" · ", 1)[-1])),
                t("events.delete", lang),
                f"event_{chosen}",
                lambda: delete_event(store, chosen),
            )
    csv_import(
        t("events.import", lang),
        "events",
        lambda data: import_events(store, events_from_csv(data, dataset_id)),
        EventError,
        lambda n: t("events.imported", lang, n=n),
        lang,
    )
