"""French everywhere Clameur writes, and one clock on the pages: option labels, table headers and cells, the time
window, a language switch that relabels the selects (issue 19, items 3 and 4)."""

from __future__ import annotations

import re

import pandas as pd

from tests.conftest import run_page

ENGLISH_BINS = {"1min", "5min", "15min", "hour", "day", "week", "month", "auto"}


def _no_none(df: pd.DataFrame) -> bool:
    return not df.isna().any().any() and not (df.astype(str) == "None").any().any()


def test_the_timeline_says_its_options_times_and_empty_cells_in_french(app_db):
    # a window given in the link in UTC (08:00 to 08:00 the next day) is shown in Paris time and says so
    at = run_page("views/timeline/page.py", lang="fr", **{"from": "2020-06-18T08:00", "to": "2020-06-19T08:00"})
    assert not at.exception
    options = at.selectbox(key="tl_bin_fr").options
    assert {"1 jour", "1 semaine", "1 mois", "1 h"} <= set(options) and not ENGLISH_BINS & set(options)
    assert "type" in at.selectbox(key="tl_stack_fr").options
    assert any(c.value == "Période : 18 juin 2020, 10 h → 19 juin 2020, 10 h (Europe/Paris)" for c in at.caption)
    events = next(df.value for df in at.dataframe if "Quand (Europe/Paris)" in df.value.columns)
    assert any(v.startswith("18 juin 2020, vers 10 h 30") for v in events["Quand (Europe/Paris)"])  # 08:30 UTC
    assert _no_none(events)
    peaks = next(df.value for df in at.dataframe if "Pic (Europe/Paris)" in df.value.columns)
    assert all("juin 2020, " in v and " h" in v for v in peaks["Pic (Europe/Paris)"])  # 5-min bins: their minute


def test_the_overview_events_table_is_headed_in_french_with_the_zone(app_db):
    at = run_page("views/overview/page.py", lang="fr")
    assert not at.exception
    events = next(df.value for df in at.dataframe if "Quoi" in df.value.columns)
    assert list(events.columns) == [
        "#",
        "Quand (Europe/Paris)",
        "Type",
        "Quoi",
        "Acteur",
        "Fiabilité",
        "Rapporté par",
        "Source",
    ]
    assert _no_none(events)
    launch = events.iloc[0]
    assert launch["Quand (Europe/Paris)"].startswith("17 juin 2020, vers 18 h")  # 16:00 UTC, an approximate hour
    assert launch["Type"] == "lancement de la campagne"


def test_a_language_switch_relabels_the_selects_and_keeps_their_values(app_db):
    at = run_page("views/timeline/page.py", lang="en", bin="day", stack="platform")
    assert at.selectbox(key="tl_stack_en").options[0] == "kind"
    at.radio(key="lang_radio").set_value("fr").run()
    assert not at.exception
    # new widgets, drawn with French options from the start, with the values the link carries
    assert at.selectbox(key="tl_stack_fr").options[0] == "type"
    assert at.selectbox(key="tl_stack_fr").value == "platform"
    assert at.selectbox(key="tl_bin_fr").value == "day"
    assert at.selectbox(key="tl_bin_fr").options[at.selectbox(key="tl_bin_fr").index] == "1 jour"


def test_the_comparison_table_says_launches_in_the_display_zone(app_db):
    at = run_page("views/timeline/page.py", lang="fr")
    table = next(df.value for df in at.dataframe if "Lancement (Europe/Paris)" in df.value.columns)
    assert _no_none(table)
    assert all(re.fullmatch(r"\d{1,2}(er)? \w+ \d{4}, \d{1,2} h( \d\d)?", v) for v in table["Lancement (Europe/Paris)"])
