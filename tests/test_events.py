"""Events: CRUD round trip, CSV export/import with hostile text, escaping in figures."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pandas as pd
import pytest

from clameur.charts import Provenance
from clameur.reactions.events import (
    EventError,
    add_event,
    delete_event,
    events_from_csv,
    events_to_csv,
    import_events,
    list_events,
    update_event,
)
from clameur.store import scalar
from clameur.timeline.figures import volume_figure

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://evil","x")',
    "'; DROP TABLE posts; --",
    "%' OR 1=1 --",
    "javascript:alert(1)",
]


def _event(title, **kw):
    ev = {
        "dataset_id": None,
        "event_type": "platform_statement",
        "starts_at": datetime(2020, 6, 19, 7, 0),
        "confidence": "medium",
        "title": title,
    }
    ev.update(kw)
    return ev


def test_crud_round_trip(store):
    eid = add_event(store, _event("TikTok statement", actor_name="TikTok", platform="tiktok", status="announced"))
    assert list_events(store)["title"].tolist() == ["TikTok statement"]
    update_event(store, eid, _event("TikTok statement (updated)", confidence="high"))
    row = list_events(store).iloc[0]
    assert row["title"] == "TikTok statement (updated)" and row["confidence"] == "high"
    delete_event(store, eid)
    assert list_events(store).empty


@pytest.mark.parametrize(
    "bad,message",
    [
        ({"event_type": "coup"}, "Unknown event type “coup”"),
        ({"title": "  "}, "An event needs a title."),
        ({"starts_at": None}, "An event needs a start time."),
        ({"ends_at": datetime(2020, 1, 1)}, "An event cannot end before it starts."),
        ({"confidence": "certain"}, "Confidence must be one of"),
    ],
)
def test_invalid_events_are_refused_with_a_sentence(store, bad, message):
    with pytest.raises(EventError, match=message):
        add_event(store, {**_event("x"), **bad})
    assert scalar(store, "SELECT count(*) FROM events") == 0


def test_hostile_text_is_stored_verbatim_and_the_posts_table_survives(store):
    for text in HOSTILE:
        add_event(store, _event(text, actor_name=text, source_url=text, description=text))
    assert sorted(list_events(store)["title"]) == sorted(HOSTILE)
    assert scalar(store, "SELECT count(*) FROM posts") == 0  # still there


def test_csv_round_trip_is_formula_safe_and_verbatim(store):
    for text in HOSTILE:
        add_event(store, _event(text, actor_name=text))
    data = events_to_csv(list_events(store))
    cells = [row["title"] for row in csv.DictReader(io.StringIO(data.decode("utf-8")))]
    assert '\'=HYPERLINK("http://evil","x")' in cells  # a spreadsheet shows it, never runs it
    back = events_from_csv(data)
    assert sorted(e["title"] for e in back) == sorted(HOSTILE)
    assert {e["starts_at"] for e in back} == {datetime(2020, 6, 19, 7, 0)}
    assert import_events(store, back) == len(HOSTILE)
    assert scalar(store, "SELECT count(*) FROM events") == 2 * len(HOSTILE)


def test_csv_with_a_bad_row_names_the_row_and_imports_nothing(store):
    data = b"event_type,starts_at,title\nmeeting,2020-06-29T13:00:00Z,Meeting\nmeeting,not a date,Broken\n"
    with pytest.raises(EventError, match="Row 3: “not a date” in starts_at is not a date"):
        import_events(store, events_from_csv(data))
    assert scalar(store, "SELECT count(*) FROM events") == 0


def test_csv_times_with_a_zone_are_stored_in_utc():
    data = "event_type,starts_at,title\nmeeting,2020-06-29T15:00:00+02:00,Meeting\n".encode("utf-8-sig")
    assert events_from_csv(data)[0]["starts_at"] == datetime(2020, 6, 29, 13, 0)


def test_hostile_event_text_is_escaped_in_the_figure_json(store):
    add_event(store, _event("<img src=x onerror=alert(1)>", actor_name="<script>alert(1)</script>"))
    long = pd.DataFrame(
        {
            "bin": [pd.Timestamp("2020-06-19 07:00")],
            "bin_utc": [pd.Timestamp("2020-06-19 07:00")],
            "series": ["original"],
            "value": [3],
        }
    )
    fig = volume_figure(
        long,
        stack="kind",
        title="t",
        prov=Provenance(datasets=["d"]),
        lang="en",
        y_title="y",
        events=list_events(store),
        tz="UTC",
    )
    spec = fig.to_json()
    assert "<img" not in spec and "<script>" not in spec
    assert "&lt;img src=x onerror=alert(1)&gt;" in spec
