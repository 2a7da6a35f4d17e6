"""AppTest of views/overview/page.py and of the app's navigation, on a copy of the demo database."""

from __future__ import annotations

import json

from tests.conftest import run_page as _run


def test_overview_shows_key_figures_chart_and_tables(app_db):
    at = _run("views/overview/page.py", lang="en")
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels == ["Posts", "Accounts", "First 24 h", "Peak hour · 17 June 2020", "Share of retweets"]
    assert [m.value for m in at.metric][3] == "19:00"  # the busiest clock hour in Paris, from the demo's launch burst
    assert all(m.help for m in at.metric), "every key figure says where it comes from"
    assert "#BalanceTonTikTokeur" in at.title[0].value
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert "SYNTHETIC DEMO DATA" in json.dumps(spec["layout"]["annotations"])
    names = {trace.get("name") for trace in spec["data"]}
    assert {"original", "retweet", "quote", "reply"} <= names
    assert len(at.dataframe) == 3  # events, top accounts, top hashtags


def test_overview_in_french(app_db):
    at = _run("views/overview/page.py", lang="fr")
    assert not at.exception
    assert [m.label for m in at.metric][0] == "Messages"
    assert "coup d'œil" in at.title[0].value


def test_unknown_dataset_in_the_url_falls_back_with_a_message(app_db):
    at = _run("views/overview/page.py", lang="en", dataset="nope")
    assert not at.exception
    assert any("nope" in w.value for w in at.sidebar.warning)
    assert "#BalanceTonTikTokeur" in at.title[0].value


def test_app_navigation_runs(app_db):
    at = _run("app.py")
    assert not at.exception
