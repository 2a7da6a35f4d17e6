"""AppTest of views/timeline.py on the demo: several hashtags, events, peaks, comparison."""

from __future__ import annotations

import json

from tests.conftest import plotly_values, run_page


def _specs(at):
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_timeline_with_several_hashtags_events_and_peaks(app_db):
    at = run_page("views/timeline.py", lang="en")
    assert not at.exception
    at.multiselect(key="tl_tags").set_value(["tiktok", "metoo"])
    at.selectbox(key="tl_stack").set_value("tag")
    at.run()
    assert not at.exception
    specs = _specs(at)
    assert len(specs) == 2  # the timeline and the comparison
    names = {tr.get("name") for tr in specs[0]["data"]}
    assert {"tiktok", "metoo"} <= names
    assert "#tiktok, #metoo" in specs[0]["layout"]["title"]["text"]
    hovers = json.dumps([tr.get("hovertext") for tr in specs[0]["data"]])
    assert "Schiappa" in hovers  # the events layer is on the chart
    tables = [df.value for df in at.dataframe]
    assert any("What drove it" in tb.columns for tb in tables)


def test_timeline_in_french_with_day_bins_and_shares(app_db):
    at = run_page("views/timeline.py", lang="fr")
    at.selectbox(key="tl_bin").set_value("day")
    at.selectbox(key="tl_mode").set_value("share")
    at.run()
    assert not at.exception
    spec = _specs(at)[0]
    bars = [tr for tr in spec["data"] if tr["type"] == "bar"]
    assert bars
    total = sum(sum(plotly_values(tr["y"])) for tr in bars)
    assert abs(total - 1.0) < 1e-6  # shares of the period's total sum to 1
