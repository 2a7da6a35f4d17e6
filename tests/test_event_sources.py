"""Where an event comes from and its texts in both languages: the migration of an existing database, the CSV round
trip of the new fields, and what a French or an English reader sees (titles, actors, approximate hours)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import duckdb
import pandas as pd
import pytest

from clameur.reactions.actors import actors_from_csv, actors_to_csv, add_actor, list_actors
from clameur.reactions.events import (
    EventError,
    add_event,
    events_from_csv,
    events_table,
    events_to_csv,
    import_events,
    list_events,
)
from clameur.store import MIGRATIONS, SCHEMA_VERSION, migrate, open_store, query, scalar
from clameur.timeline.figures import event_hover, event_legend

# 08:30 UTC is 10:30 in Paris in June (UTC+2)
SOURCED = {
    "dataset_id": None,
    "event_type": "institutional_reaction",
    "starts_at": datetime(2020, 6, 18, 8, 30),
    "time_approximate": True,
    "title_fr": "La ministre demande un rendez-vous",
    "title_en": "The minister demands a meeting",
    "actor_name_fr": "une ministre",
    "actor_name_en": "a minister",
    "description_fr": "Le jour seulement, pas l'heure.",
    "description_en": "The day only, not the hour.",
    "source_url": "https://example.org/actu/2020/06/30/la-ministre-demande-un-rendez-vous",
    "source_outlet": "=Le Journal",  # a formula sign: stored verbatim, exported formula-safe
    "source_date": date(2020, 6, 30),
    "source_quote": "« Je demande immédiatement un RDV » ; 1,5 million de vues",
    "confidence": "high",
}


def _old_database(path) -> None:
    """A database made before migration 4, with an event and an actor in the old shape."""
    con = duckdb.connect(str(path))
    import clameur.store as store_module

    saved = store_module.MIGRATIONS
    store_module.MIGRATIONS = MIGRATIONS[:3]
    try:
        assert migrate(con) == 3
    finally:
        store_module.MIGRATIONS = saved
    con.execute(
        """INSERT INTO events (event_type, actor_name, starts_at, title, description, source_url, confidence)
           VALUES ('meeting', 'Old actor', TIMESTAMP '2020-06-29 13:00', 'Old meeting', 'Old text',
                   'https://example.org/old', 'high')"""
    )
    con.execute("INSERT INTO actors (name, category) VALUES ('Old ministry', 'government')")
    con.close()


def test_an_old_database_opens_migrated_and_keeps_its_events(tmp_path):
    path = tmp_path / "db" / "old.duckdb"
    path.parent.mkdir()
    _old_database(path)
    s = open_store(path)
    assert scalar(s, "SELECT max(version) FROM schema_version") == SCHEMA_VERSION
    row = list_events(s).iloc[0]
    assert row["title"] == "Old meeting" and row["starts_at"] == pd.Timestamp("2020-06-29 13:00")
    assert row["time_approximate"] is False or row["time_approximate"] == False  # noqa: E712 (numpy bool)
    assert pd.isna(row["title_fr"]) and pd.isna(row["source_quote"]) and pd.isna(row["source_date"])
    # both readers see the only title it has, and the old actor registry shows its name
    for lang in ("fr", "en"):
        shown = list_events(s, lang=lang).iloc[0]
        assert shown["title"] == "Old meeting" and shown["actor_name"] == "Old actor"
        assert list_actors(s, lang)["name"].tolist() == ["Old ministry"]
    # new events go in beside it, and the whole table still exports and imports
    add_event(s, SOURCED)
    back = events_from_csv(events_to_csv(list_events(s)))
    assert [e["title"] for e in back] == ["The minister demands a meeting", "Old meeting"]
    s.close()


def test_the_csv_round_trip_keeps_sources_flags_and_both_languages(store):
    add_event(store, SOURCED)
    data = events_to_csv(list_events(store))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert rows[0]["time_approximate"] == "true" and rows[0]["source_date"] == "2020-06-30"
    assert rows[0]["source_outlet"] == "'=Le Journal"  # a spreadsheet shows it, never runs it
    (back,) = events_from_csv(data)
    for key, value in SOURCED.items():
        if key != "dataset_id":
            assert back[key] == value, key
    assert back["title"] == SOURCED["title_en"]  # the untagged title, for code that reads one language
    assert import_events(store, [back]) == 1
    stored = list_events(store)
    assert stored.iloc[0].drop("event_id").equals(stored.iloc[1].drop("event_id"))


def test_a_csv_with_only_a_french_title_is_enough(store):
    data = "event_type,starts_at,title_fr,time_approximate\nmeeting,2020-06-29T13:00:00Z,Réunion,oui\n".encode()
    (ev,) = events_from_csv(data)
    assert ev["title"] == ev["title_fr"] == "Réunion" and ev["time_approximate"] is True


@pytest.mark.parametrize(
    "cell,message",
    [
        ("time_approximate=peut-être", "Row 2: “peut-être” in time_approximate is not yes or no"),
        ("source_date=hier", "Row 2: “hier” in source_date is not a date"),
    ],
)
def test_a_bad_flag_or_date_names_its_row_and_imports_nothing(store, cell, message):
    column, value = cell.split("=")
    data = f"event_type,starts_at,title,{column}\nmeeting,2020-06-29T13:00:00Z,Meeting,{value}\n".encode()
    with pytest.raises(EventError, match=message):
        import_events(store, events_from_csv(data))
    assert scalar(store, "SELECT count(*) FROM events") == 0


def test_readers_see_titles_and_actors_in_their_language_with_a_fallback(store):
    add_event(store, SOURCED)
    add_event(store, {**SOURCED, "title_fr": None, "title_en": "English only", "actor_name_fr": None})
    for lang, title, actor in (("fr", SOURCED["title_fr"], "une ministre"), ("en", SOURCED["title_en"], "a minister")):
        ev = list_events(store).iloc[0].to_dict()
        hover = event_hover(ev, lang, None, "Europe/Paris")
        assert f"<b>{title}</b>" in hover and actor in hover
        assert list_events(store, lang=lang)["title"].tolist()[0] == title
    only = list_events(store).iloc[1].to_dict()
    # the French reader gets the English title rather than nothing
    assert "<b>English only</b>" in event_hover(only, "fr", None, "Europe/Paris")
    assert list_events(store, lang="fr")["actor_name"].tolist()[1] == "a minister"


def test_approximate_hours_say_so_in_tooltips_and_tables(store):
    add_event(store, SOURCED)
    add_event(store, {**SOURCED, "time_approximate": False, "starts_at": datetime(2020, 6, 18, 13, 0)})
    events = list_events(store)
    fr = event_legend(events, "Europe/Paris", "fr")["Quand (Europe/Paris)"].tolist()  # headed in each language
    en = event_legend(events, "Europe/Paris", "en")["When (Europe/Paris)"].tolist()
    assert fr == ["18 juin 2020, vers 10 h 30 (heure approximative)", "18 juin 2020, 15 h"]
    assert en == ["18 June 2020, about 10:30 (approximate time)", "18 June 2020, 15:00"]
    hover = event_hover(events.iloc[0].to_dict(), "fr", datetime(2020, 6, 17, 16, 30), "Europe/Paris")
    assert "Quand: 18 juin 2020, vers 10 h 30 (heure approximative)" in hover
    assert "Depuis le lancement: environ 16 h" in hover  # 16:30 → 08:30 UTC the next day, an approximate lag
    assert "Source: =Le Journal, 30 juin 2020" in hover
    table = events_table(events, ["starts_at", "title", "source_outlet"], "Europe/Paris", "fr")
    assert list(table.columns) == ["Quand (Europe/Paris)", "Titre", "Rapporté par"]
    assert table.iloc[0].tolist() == [
        "18 juin 2020, vers 10 h 30 (heure approximative)",
        SOURCED["title_fr"],
        "=Le Journal, 30 juin 2020",
    ]


def test_actors_carry_names_and_descriptions_in_both_languages(store):
    add_actor(
        store,
        "Secrétariat d'État (démo)",
        "government",
        texts={"name_en": "Secretariat of State (demo)", "description_fr": "Un exemple.", "description_en": "A case."},
    )
    assert list_actors(store, "en")[["name", "description"]].iloc[0].tolist() == [
        "Secretariat of State (demo)",
        "A case.",
    ]
    # no French name given: the other language first (the registry name's language is not known)
    assert list_actors(store, "fr")[["name", "description"]].iloc[0].tolist() == [
        "Secretariat of State (demo)",
        "Un exemple.",
    ]
    assert list_actors(store)["name"].tolist() == ["Secrétariat d'État (démo)"]  # the registry keeps its name
    data = actors_to_csv(store)
    assert actors_from_csv(store, data) == 1
    both = query(store, "SELECT name, name_en, description_fr, description_en FROM actors ORDER BY actor_id")
    assert both.iloc[0].tolist() == both.iloc[1].tolist()
