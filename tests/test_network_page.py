"""AppTest of views/network/page.py on the demo."""

from __future__ import annotations

import json

from tests.conftest import run_page


def test_network_page_draws_the_retweet_network_with_counts_and_exports(app_db):
    at = run_page("views/network/page.py", lang="en")
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
    at = run_page("views/network/page.py", lang="fr")
    at.selectbox(key="nw_kind_fr").set_value("hashtag")
    at.run()
    assert not at.exception
    at.selectbox(key="nw_kind_fr").set_value("retweet")
    at.text_input(key="nw_search").set_value("secretariat")
    at.run()
    assert not at.exception
    assert any("secretariat_egalite_demo" in str(df.value) for df in at.dataframe)


def test_a_plain_run_builds_no_export_file(app_db, monkeypatch):
    """The GEXF, GraphML and CSV files are built when a button is clicked, never to stand ready (issue 21 §1)."""
    import networkx as nx

    import clameur.network.exports as exports

    built = []

    def counting(name, fn):
        def wrapper(*args, **kwargs):
            built.append(name)
            return fn(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(nx, "write_gexf", counting("gexf", nx.write_gexf))
    monkeypatch.setattr(nx, "write_graphml", counting("graphml", nx.write_graphml))
    monkeypatch.setattr(exports, "export_bytes", counting("export_bytes", exports.export_bytes))
    if hasattr(exports, "files"):  # the frame-level builder (absent before the exports were made lazy)
        monkeypatch.setattr(exports, "files", counting("files", exports.files))
    at = run_page("views/network/page.py", lang="en")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3
    buttons = {b.label: b for b in at.get("download_button")}
    assert {"GEXF", "GRAPHML", "nodes.csv", "edges.csv"} <= set(buttons)
    assert not any(buttons[label].proto.disabled for label in ("GEXF", "GRAPHML", "nodes.csv", "edges.csv"))
    assert built == []


def test_a_network_past_the_view_budget_is_refused_with_what_to_do(app_db, monkeypatch):
    from clameur import settings

    monkeypatch.setattr(settings, "VIEW_MEMORY_BUDGET_MB", 1)
    at = run_page("views/network/page.py", lang="fr")
    assert not at.exception
    # the whole-period view is read from its summary and drawn; the time slices, computed live, are refused
    assert len(at.get("plotly_chart")) == 1
    [error] = at.error
    assert "trop grand pour être calculé ici" in error.value and "relevez le poids minimal" in error.value
    at.text_input(key="nw_search").set_value("secretariat")  # a search reads the whole network: refused too
    at.run()
    assert not at.exception
    assert any("trop grand pour être calculé ici" in e.value for e in at.error)
    at.text_input(key="nw_search").set_value("")
    at.number_input(key="nw_min_weight").set_value(2)  # a filtered view is computed live: refused
    at.run()
    assert not at.exception
    assert at.get("plotly_chart") == []
    [error] = at.error
    assert "trop grand pour être calculé ici" in error.value and "relevez le poids minimal" in error.value


def test_an_export_past_its_budget_is_offered_disabled_with_the_command_line(app_db, monkeypatch):
    from clameur import settings

    monkeypatch.setattr(settings, "EXPORT_MEMORY_BUDGET_MB", 1)
    at = run_page("views/network/page.py", lang="en")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3  # the view itself fits
    assert any("clameur network DATASET --kind retweet --out network.gexf" in i.value for i in at.info)
    disabled = {b.label: b.proto.disabled for b in at.get("download_button")}
    assert disabled["GEXF"] and disabled["GRAPHML"] and disabled["nodes.csv"] and disabled["edges.csv"]
