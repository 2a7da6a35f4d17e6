"""AppTest of views/timeline/page.py on the demo: several hashtags, events, peaks, comparison."""

from __future__ import annotations

import json

from tests.conftest import plotly_values, run_page


def _specs(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_timeline_with_several_hashtags_events_and_peaks(app_db):
    at = run_page("views/timeline/page.py", lang="en")
    assert not at.exception
    at.multiselect(key="tl_tags").set_value(["tiktok", "metoo"])
    at.selectbox(key="tl_stack_en").set_value("tag")
    at.run()
    assert not at.exception
    specs = _specs(at)
    assert len(specs) == 2  # the timeline and the comparison
    names = {tr.get("name") for tr in specs[0]["data"]}
    assert {"tiktok", "metoo"} <= names
    assert "#tiktok, #metoo" in specs[0]["layout"]["title"]["subtitle"]["text"]
    hovers = json.dumps([tr.get("hovertext") for tr in specs[0]["data"]])
    assert "Schiappa" in hovers  # the events layer is on the chart
    tables = [df.value for df in at.dataframe]
    assert any("What drove it" in tb.columns for tb in tables)


def test_timeline_in_french_with_day_bins_and_shares(app_db):
    at = run_page("views/timeline/page.py", lang="fr")
    at.selectbox(key="tl_bin_fr").set_value("day")
    at.selectbox(key="tl_mode_fr").set_value("share")
    at.run()
    assert not at.exception
    spec = _specs(at)[0]
    bars = [tr for tr in spec["data"] if tr["type"] == "bar"]
    assert bars
    # An empty multiselect says "choose" in French too (Streamlit's own placeholder is "Choose options")
    assert at.multiselect(key="tl_tags").proto.placeholder == "Choisir"
    total = sum(sum(plotly_values(tr["y"])) for tr in bars)
    assert abs(total - 1.0) < 1e-6  # shares of the period's total sum to 1


def test_an_event_added_and_deleted_in_the_page_round_trips_in_the_database(app_db):
    from clameur.store import open_store, scalar

    at = run_page("views/timeline/page.py", lang="en")
    before = len(at.dataframe[1].value)  # the events table
    title = next(w for w in at.text_input if w.label == "Title in French")  # only French: the English page shows it
    title.set_value("<b>Platform hearing</b>")
    next(b for b in at.button if b.label == "Save the event").click()
    at.run()
    assert not at.exception
    assert len(at.dataframe[1].value) == before + 1
    assert "<b>Platform hearing</b>" in at.dataframe[1].value["Title"].tolist()
    delete = next(b for b in at.button if b.label == "Delete this event")
    assert delete.disabled  # nothing is deleted without the confirmation
    next(c for c in at.checkbox if c.label.startswith("Yes, delete")).check()
    at.run()
    next(b for b in at.button if b.label == "Delete this event").click()
    at.run()
    assert not at.exception
    assert len(at.dataframe[1].value) == before
    s = open_store(app_db)
    assert scalar(s, "SELECT count(*) FROM events") == before
