"""Shareable views (issue #7): a page's controls live in the URL; a copied link reopens the same
view; a malformed value falls back to the default with a sentence; nothing unknown reaches a query."""

from __future__ import annotations

from tests.conftest import run_page

TIMELINE = {"bin": "day", "stack": "tag", "mode": "share", "tags": "tiktok,metoo", "k": "6", "baseline": "48"}


def _params(at) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def test_a_timeline_link_sets_every_control_and_is_written_back(app_db):
    at = run_page("views/timeline/page.py", lang="en", **TIMELINE)
    assert not at.exception
    assert at.selectbox(key="tl_bin_en").value == "day"
    assert at.selectbox(key="tl_stack_en").value == "tag"
    assert at.selectbox(key="tl_mode_en").value == "share"
    assert at.multiselect(key="tl_tags").value == ["tiktok", "metoo"]
    assert at.slider(key="tl_k").value == 6.0
    assert at.number_input(key="tl_n").value == 48
    published = _params(at)
    assert {k: published.get(k) for k in TIMELINE} == TIMELINE
    again = run_page("views/timeline/page.py", **published)  # the copied link
    assert [again.selectbox(key=k).value for k in ("tl_bin_en", "tl_stack_en", "tl_mode_en")] == ["day", "tag", "share"]


def test_changing_a_control_updates_the_link_and_defaults_leave_it(app_db):
    at = run_page("views/timeline/page.py", lang="en")
    assert "bin" not in _params(at)
    at.selectbox(key="tl_bin_en").set_value("hour").run()
    assert _params(at)["bin"] == "hour"
    at.selectbox(key="tl_bin_en").set_value("auto").run()
    assert "bin" not in _params(at)


def test_malformed_parameters_fall_back_to_defaults_with_a_sentence(app_db):
    at = run_page("views/timeline/page.py", lang="en", bin="7y", tags="tiktok,'; DROP TABLE posts; --", k="99")
    assert not at.exception
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "bin = “7y”" in warnings and "k = “99”" in warnings and "DROP TABLE" in warnings
    assert at.selectbox(key="tl_bin_en").value == "auto"
    assert at.multiselect(key="tl_tags").value == []
    assert at.slider(key="tl_k").value == 4.0
    assert len(at.get("plotly_chart")) >= 1  # the page still draws its default view


def test_a_network_link_sets_kind_and_filters(app_db):
    at = run_page("views/network/page.py", lang="en", kind="mention", min_weight="2", lcc="1", metric="in_strength")
    assert not at.exception
    assert at.selectbox(key="nw_kind_en").value == "mention"
    assert at.selectbox(key="nw_metric_en").value == "in_strength"
    assert at.number_input(key="nw_min_weight").value == 2
    assert at.checkbox(key="nw_lcc").value is True
    assert {k: _params(at).get(k) for k in ("kind", "min_weight", "lcc")} == {
        "kind": "mention",
        "min_weight": "2",
        "lcc": "1",
    }
    odd = run_page("views/network/page.py", lang="en", kind="friendship")
    assert odd.selectbox(key="nw_kind_en").value == "retweet"
    assert any("kind = “friendship”" in w.value for w in odd.sidebar.warning)


def test_an_effect_link_picks_the_event_and_windows(app_db, demo_store):
    from clameur.reactions.events import list_events
    from clameur.store import dataset_by_name

    events = list_events(demo_store, dataset_by_name(demo_store, "balancetontiktokeur")["dataset_id"])
    last = int(events["event_id"].iloc[-1])
    at = run_page("views/institutions/page.py", lang="en", event=str(last), before="60", after="72")
    assert not at.exception
    assert at.selectbox(key="fx_event_en").value == last
    assert (at.number_input(key="fx_before").value, at.number_input(key="fx_after").value) == (60, 72)
    assert {k: _params(at).get(k) for k in ("event", "before", "after")} == {
        "event": str(last),
        "before": "60",
        "after": "72",
    }
