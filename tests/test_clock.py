"""One clock: times said in the display zone and named, lags from the minutes shown, tick labels in each
language with their year (issue 19, items 3 and 4)."""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd

from clameur.i18n import fmt_duration
from clameur.i18n.clock import fmt_bin, fmt_lag, fmt_when, peak_figure, time_ticks
from clameur.reactions.builder import who_table
from clameur.store import refresh_derived, transaction
from clameur.tables import for_people

ENGLISH_MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


def test_two_reactions_shown_at_the_same_minute_have_the_same_lag(store):
    """The minister's event at 10:30:00 and her office's post at 10:30:03 (Paris), 16.5 h after a launch at
    18:00:00.4: both read 16 h 30 (they read "16 h" and "17 h": 16.5 rounded half to even, 16.501 rounded up)."""
    from clameur.reactions.actors import add_actor
    from clameur.reactions.events import add_event

    launch = datetime(2020, 6, 17, 16, 0, 0, 400000)  # 18:00:00.4 in Paris (UTC+2)
    office = datetime(2020, 6, 18, 8, 30, 3, 838000)  # 10:30:03.8 in Paris
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name) VALUES (1, 'c')")
        for pid, ts, author in (("p1", launch, "someone"), ("p2", office, "office")):
            cur.execute(
                "INSERT INTO posts (dataset_id, platform, post_id, created_at, kind, author_id, author_handle) "
                "VALUES (1, 'x', ?, ?, 'original', ?, ?)",
                [pid, ts, author, author],
            )
        refresh_derived(cur, 1)
    add_actor(store, "Office", "government", accounts=[{"platform": "x", "handle": "office"}])
    add_event(
        store,
        {
            "dataset_id": 1,
            "event_type": "institutional_reaction",
            "title": "The minister demands a meeting",
            "actor_name": "Minister",
            "starts_at": datetime(2020, 6, 18, 8, 30),
            "confidence": "high",
        },
    )
    table = who_table(store, 1, "Europe/Paris", "fr")
    shown = dict(zip(table["Acteur"], table["Depuis le lancement"], strict=True))
    firsts = dict(zip(table["Acteur"], table["Premier message ou événement (Europe/Paris)"], strict=True))
    # both first times read 10 h 30 in Paris; from 18 h 00 the day before, that is 16 hours and 30 minutes
    assert firsts == {"Minister": "18 juin 2020, 10 h 30", "Office": "18 juin 2020, 10 h 30"}
    assert shown == {"Minister": "16 h 30", "Office": "16 h 30"}


def test_durations_are_cut_to_the_minute_never_rounded():
    assert fmt_duration(16.5, "fr") == fmt_duration(16.501, "fr") == "16 h 30"
    assert fmt_duration(16.5, "en") == "16 h 30 min"
    assert fmt_duration(24 * 11 + 21.9, "en") == "11 days 21 h"  # 11 days 21 h 54 min: never "12 days"
    assert fmt_duration(0.75, "fr") == "45 min"
    assert fmt_lag(datetime(2020, 6, 17, 16, 0, 59), datetime(2020, 6, 18, 8, 30, 0), "en") == "16 h 30 min"


def test_a_stored_time_is_said_in_the_display_zone_and_names_it():
    utc = datetime(2020, 6, 18, 8, 30)
    assert fmt_when(utc, "Europe/Paris", "fr") == "18 juin 2020, 10 h 30 (Europe/Paris)"
    assert fmt_when(utc, "America/New_York", "en") == "18 June 2020, 04:30 (America/New_York)"


def test_event_tables_show_times_in_the_zone_named_in_the_header_and_no_none():
    events = pd.DataFrame(
        {
            "event_id": [1],
            "starts_at": [pd.Timestamp("2020-06-18 08:30")],
            "event_type": ["institutional_reaction"],
            "title": ["x"],
            "actor_name": [None],
            "platform": [None],
        }
    )
    shown = for_people(events, "fr", "Europe/Paris")
    assert shown["Quand (Europe/Paris)"].tolist() == ["18 juin 2020, 10 h 30"]
    assert shown["Acteur"].tolist() == ["–"] and shown["Plateforme"].tolist() == ["–"]


def test_tick_labels_are_french_and_carry_the_year_over_any_span():
    cases = {
        ("2020-06-17 18:00", "2020-06-18 02:00"): "2020",  # hours
        ("2020-06-17 18:00", "2020-07-01 12:00"): "2020",  # two weeks
        ("2021-03-15", "2024-03-10"): None,  # three years: every year that starts on the axis
    }
    for (lo, hi), year in cases.items():
        vals, texts = time_ticks(lo, hi, "fr")
        assert 2 <= len(vals) <= 8
        assert not any(ENGLISH_MONTHS.search(x.replace("mai", "")) for x in texts), texts
        years = {str(v.year) for v in vals}
        assert all(any(y in x for x in texts) for y in years), texts  # each year on the axis is written
        if year:
            assert year in texts[0]
    vals, texts = time_ticks("2021-03-15", "2024-03-10", "fr")
    assert [v.year for v in vals] == sorted(v.year for v in vals)
    assert time_ticks("2020-06-17 18:00", "2020-07-01 12:00", "fr")[1][0] == "18 juin<br>2020"


def test_a_bin_is_named_at_its_own_precision_with_its_year():
    assert fmt_bin(pd.Timestamp("2020-06-17 19:00"), "hour", "fr") == "17 juin 2020, 19 h"
    assert fmt_bin(pd.Timestamp("2021-10-18"), "week", "fr") == "semaine du 18 octobre 2021"
    assert fmt_bin(pd.Timestamp("2021-10-01"), "month", "en") == "October 2021"
    assert peak_figure(pd.Timestamp("2021-10-01"), "month", "fr") == ("Mois de pointe", "oct. 2021")
    assert peak_figure(pd.Timestamp("2020-06-17 19:00"), "hour", "en") == ("Peak hour · 17 June 2020", "19:00")
