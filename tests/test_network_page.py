"""AppTest of pages/network/page.py on the demo."""

from __future__ import annotations

import json

from tests.conftest import run_page


def test_network_page_draws_the_retweet_network_with_counts_and_exports(app_db):
    at = run_page("pages/network/page.py", lang="en")
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # the network and the two time slices
    spec = json.loads(charts[0].proto.spec)
    assert "retweets network" in spec["layout"]["title"]["text"]
    subtitle = spec["layout"]["title"]["subtitle"]["text"]
    assert "of" in subtitle and "edges drawn" in subtitle
    assert any("nodes and" in c.value for c in at.caption)
    labels = [b.label for b in at.get("download_button")]
    assert {"GEXF", "GRAPHML", "nodes.csv", "edges.csv"} <= set(labels)


def test_network_page_ego_search_and_other_kinds(app_db):
    at = run_page("pages/network/page.py", lang="fr")
    at.selectbox(key="nw_kind").set_value("hashtag")
    at.run()
    assert not at.exception
    at.selectbox(key="nw_kind").set_value("retweet")
    at.text_input(key="nw_search").set_value("secretariat")
    at.run()
    assert not at.exception
    assert any("secretariat_egalite_demo" in str(df.value) for df in at.dataframe)
