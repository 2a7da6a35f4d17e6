"""One state (dataset, time zone, language, time window, privacy) carried by every page and every menu link
(issue 19 items 1, 2 and 5; issue 21 item 8). AppTests through app.py, as a browser runs the app.

A menu click in the browser replaces the whole query string with the link's own, so ``follow`` does the same:
it clears the URL, puts the link's query string in it and switches page. ``switch_bare`` is a page switch that
brings no query string at all (Streamlit's own menu, st.switch_page, a typed address): the session must hold.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pytest

from tests.conftest import ROOT, run_page

APP = str(ROOT / "app.py")
ROUTES = ("overview", "timeline", "network", "institutions", "platforms", "data")
SHARED = {
    "dataset": "balancetonporc",
    "tz": "UTC",
    "lang": "fr",
    "from": "2017-10-14T00:00Z",
    "to": "2017-10-20T00:00Z",
    "privacy": "0",
}


def _app(**params):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _open(route: str, **params):
    """A visitor opens the address /<route>?params: the app's first run, then that page with that query string
    (AppTest cannot start on a page registered with st.navigation before its first run)."""
    at = _app(lang=params.get("lang", "en")).run()
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(_page(route)).run()


def _page(route: str) -> str:
    return f"views/{route}/page.py"


def _params(at) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def _links(at) -> dict[str, dict[str, str]]:
    """The menu in the sidebar: {route: the query parameters its link carries}."""
    return {(link.proto.page or "overview"): dict(parse_qsl(link.proto.query_string)) for link in at.sidebar.page_link}


def follow(at, route: str):
    """Click the menu's link to ``route``: the URL becomes the link's query string."""
    query = _links(at)[route]
    at.query_params.clear()
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(_page(route)).run()


def switch_bare(at, route: str):
    at.query_params.clear()
    return at.switch_page(_page(route)).run()


def _state(at) -> dict:
    """What the sidebar shows: dataset, zone, language, privacy and the window line."""
    window = [c.value for c in at.sidebar.caption if c.value.startswith(("Time window", "Période"))]
    return {
        "dataset": at.sidebar.selectbox(key="dataset_select").value,
        "tz": at.sidebar.selectbox(key="tz_select").value,
        "lang": at.sidebar.radio(key="lang_radio").value,
        "privacy": at.sidebar.toggle(key="privacy").value,
        "window": window[0] if window else None,
    }


def _warnings(at) -> str:
    """The sidebar's warnings as a reader sees them (Markdown escapes of echoed values undone)."""
    return re.sub(r"\\(.)", r"\1", " ".join(w.value for w in at.sidebar.warning))


def test_every_menu_link_carries_the_shared_state(app_db):
    at = _app(**SHARED).run()
    assert not at.exception
    links = _links(at)
    assert sorted(links) == sorted(ROUTES)  # Clameur's own menu, in the sidebar
    assert all(query == SHARED for query in links.values()), links
    assert _params(at) == SHARED  # and the page's own URL says the same


def test_following_the_menu_through_every_page_keeps_dataset_zone_language_window_and_privacy(app_db):
    at = _app(**SHARED).run()
    first = _state(at)
    assert first == {
        "dataset": "balancetonporc",
        "tz": "UTC",
        "lang": "fr",
        "privacy": False,
        "window": first["window"],
    }
    assert "14 octobre 2017, 00 h → 20 octobre 2017, 00 h (UTC)" in first["window"]
    for route in (*ROUTES[1:], "overview"):
        follow(at, route)
        assert not at.exception, route
        assert _state(at) == first, route
        assert _params(at) == SHARED, route
        assert _warnings(at) == "", route


def test_a_page_switch_that_brings_no_query_string_keeps_the_state_of_the_session(app_db):
    """The old menu cleared the query string: the dataset fell back to the demo and the zone to the dataset's."""
    at = _app(**SHARED).run()
    for route in ("timeline", "network", "institutions"):
        switch_bare(at, route)
        assert not at.exception, route
        state = _state(at)
        assert [state[k] for k in ("dataset", "tz", "lang", "privacy")] == ["balancetonporc", "UTC", "fr", False]
        assert "20 octobre 2017" in (state["window"] or ""), route
        assert _params(at) == SHARED, route  # written back, so the address bar is a link again


def test_a_choice_in_the_sidebar_is_carried_by_the_menu(app_db):
    at = _app(lang="en").run()
    at.sidebar.selectbox(key="dataset_select").set_value("balancetonyoutubeur").run()
    at.sidebar.selectbox(key="tz_select").set_value("Asia/Tokyo").run()
    at.sidebar.toggle(key="privacy").set_value(False).run()
    assert not at.exception
    expected = {"dataset": "balancetonyoutubeur", "tz": "Asia/Tokyo", "lang": "en", "privacy": "0"}
    assert all(query == expected for query in _links(at).values()), _links(at)
    follow(at, "network")
    assert [_state(at)[k] for k in ("dataset", "tz", "privacy")] == ["balancetonyoutubeur", "Asia/Tokyo", False]
    # choosing the dataset's own zone again lets the zone follow the dataset
    at.sidebar.selectbox(key="tz_select").set_value("Europe/Paris").run()
    assert "tz" not in _params(at)


def test_the_window_drawn_on_the_timeline_is_shown_on_every_page_in_the_display_zone_and_reset_anywhere(app_db):
    at = _open("timeline", lang="en", tz="Europe/Paris")
    # a box drawn on the chart sets the window (ui.state.set_window): here, the URL the page then writes
    at.query_params["from"] = "2020-06-18T08:30Z"
    at.query_params["to"] = "2020-06-19T08:30Z"
    at.run()
    line = "Time window: 18 June 2020, 10:30 → 19 June 2020, 10:30 (Europe/Paris)"
    assert any(c.value == line for c in at.caption), [c.value for c in at.caption]
    for route in ("network", "overview", "platforms"):
        follow(at, route)
        assert any(c.value.startswith(line) for c in at.sidebar.caption), route
    reset = [b for b in at.sidebar.button if b.key == "window_reset_sidebar"]
    reset[0].click().run()
    assert "from" not in _params(at) and "to" not in _params(at)
    assert _state(at)["window"] == "Time window: the whole dataset"
    follow(at, "network")
    assert "from" not in _links(at)["timeline"]
    assert _state(at)["window"] == "Time window: the whole dataset"


def _network_counts(at) -> str:
    found = [c.value for c in at.caption if re.search(r"\d+ nodes and \d+ edges in the filtered network", c.value)]
    assert len(found) == 1, [c.value for c in at.caption]
    return found[0]


def _network_subtitle(at) -> str:
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return spec["layout"]["title"]["subtitle"]["text"]


def test_a_copied_network_url_restores_the_same_network(app_db):
    """The sender draws a window on the Timeline, then opens the Network; the address they copy must reopen what
    they see (it dropped from/to, and the receiver saw 132 nodes where the sender saw 104)."""
    at = _open("timeline", lang="en", tz="UTC")
    at.query_params["from"] = "2020-06-18T06:00Z"
    at.query_params["to"] = "2020-06-18T18:00Z"
    at.run()
    switch_bare(at, "network")  # the window stays in the session…
    at.selectbox(key="nw_kind_en").set_value("mention").run()
    at.number_input(key="nw_min_weight").set_value(2).run()
    assert not at.exception
    sender = (_network_counts(at), _network_subtitle(at))
    copied = _params(at)  # …and is in the address the sender copies
    assert {k: copied.get(k) for k in ("from", "to", "kind", "min_weight", "tz")} == {
        "from": "2020-06-18T06:00Z",
        "to": "2020-06-18T18:00Z",
        "kind": "mention",
        "min_weight": "2",
        "tz": "UTC",
    }
    receiver = run_page(_page("network"), **copied)  # a fresh session: nothing but the URL
    assert not receiver.exception
    assert (_network_counts(receiver), _network_subtitle(receiver)) == sender
    whole = run_page(_page("network"), **{k: v for k, v in copied.items() if k not in ("from", "to")})
    assert _network_counts(whole) != sender[0]  # the window matters: the test would see a dropped one


def test_url_times_keep_their_offset_and_the_url_says_utc(app_db):
    for given in ("2020-06-18T10:00+05:00", "2020-06-18T10:00 05:00", "2020-06-18T05:00Z", "2020-06-18T05:00"):
        at = _open("network", lang="en", tz="Europe/Paris", **{"from": given})
        assert not at.exception
        assert _params(at)["from"] == "2020-06-18T05:00Z", given  # "+" arrives as a space when not escaped
        assert any(c.value == "Time window: 18 June 2020, 07:00 → … (Europe/Paris)" for c in at.caption), given
        assert _warnings(at) == "", given


@pytest.mark.parametrize("route", ["timeline", "network"])
@pytest.mark.parametrize(
    "bad,sentence",
    [
        ({"to": "9999-12-31T23:59"}, "to = “9999-12-31T23:59”, outside the years 1990–2100"),
        ({"from": "yesterday"}, "from = “yesterday”, which is not a date and time"),
        ({"from": "2020-06-20T00:00Z", "to": "2020-06-18T00:00Z"}, "ends before it starts"),
    ],
)
def test_a_window_that_cannot_be_used_gets_a_sentence_and_does_not_stay(app_db, route, bad, sentence):
    at = _open(route, lang="en", **bad)
    assert not at.exception, at.exception
    assert sentence in _warnings(at) and "showing the whole dataset instead" in _warnings(at)
    assert len(at.get("plotly_chart")) >= 1  # the default view is drawn
    assert "from" not in _params(at) and "to" not in _params(at)
    assert _state(at)["window"] == "Time window: the whole dataset"
    follow(at, "overview")
    follow(at, route)  # the broken window did not stay in the session
    assert not at.exception and _warnings(at) == ""
    assert _state(at)["window"] == "Time window: the whole dataset"


def test_the_sentences_are_french_on_a_french_page(app_db):
    at = _open("timeline", lang="fr", **{"from": "hier"})
    assert "from = « hier », qui n'est pas une date et une heure" in _warnings(at)
    assert "tout le jeu de données est affiché" in _warnings(at)


def test_switching_dataset_on_the_timeline_redraws_it_and_compares_from_it(app_db):
    at = _open("timeline", lang="en")
    assert at.multiselect(key="tl_compare").value == ["balancetontiktokeur"]  # not the three demo campaigns
    at.sidebar.selectbox(key="dataset_select").set_value("balancetonporc").run()
    assert not at.exception
    assert at.multiselect(key="tl_datasets").value == ["balancetonporc"]
    assert at.multiselect(key="tl_compare").value == ["balancetonporc"]
    assert "balancetonporc" in _chart_title(at)


def _chart_title(at) -> str:
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return spec["layout"]["title"]["subtitle"]["text"] + spec["layout"]["title"]["text"]


def test_an_unknown_language_or_dataset_in_a_link_gets_a_sentence(app_db):
    at = _app(lang="de", dataset="nope").run()
    assert "lang = “de”" in _warnings(at) and "dataset = “nope”" in _warnings(at)
    assert (_params(at)["lang"], _params(at)["dataset"]) == ("en", "balancetontiktokeur")
    follow(at, "timeline")
    assert _warnings(at) == ""  # said once, not on every page after


def test_after_an_import_the_new_dataset_is_selected_listed_and_linked(app_db, fixtures_dir):
    sample = fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl"
    at = _open("data", lang="en", tz="Asia/Tokyo")
    at.text_input(key="data_name").set_value("my-brexit")
    at.file_uploader(key="data_files").set_value((sample.name, sample.read_bytes(), "application/json")).run()
    at.button(key="data_go").click().run()
    assert not at.exception
    assert "my-brexit" in at.sidebar.selectbox(key="dataset_select").options  # listed at once
    assert _state(at)["dataset"] == "my-brexit"
    assert _state(at)["tz"] == at.selectbox(key="data_tz").value == "Europe/Paris"  # the zone the import gave it
    shown = [s.value.replace("\\", "") for s in at.success]  # the name's Markdown characters are escaped
    assert any("“my-brexit” is now the selected dataset" in s for s in shown), shown
    assert any("100 posts read = 100 loaded" in s for s in shown), shown  # the report survives the rerun
    opener = [link for link in at.main.page_link if "my" in link.value and "brexit" in link.value]
    assert opener and dict(parse_qsl(opener[0].proto.query_string))["dataset"] == "my-brexit"
    for route in ("overview", "timeline", "network", "institutions", "platforms"):
        follow(at, route)
        assert not at.exception, route
        assert _state(at)["dataset"] == "my-brexit", route


def test_network_time_slices_stay_inside_the_window(demo_store):
    """A split (the chosen event) before the window gave an 'after' slice reaching back to the event."""
    from datetime import datetime

    from clameur.network.builder import cached_network, time_slices
    from clameur.network.model import NetworkQuery
    from clameur.store import dataset_by_name

    ds = int(dataset_by_name(demo_store, "balancetontiktokeur")["dataset_id"])
    q = NetworkQuery(ds, kind="retweet", start=datetime(2020, 6, 18, 6), end=datetime(2020, 6, 18, 18))
    whole = cached_network(demo_store, q).totals
    before, after, _ = time_slices(demo_store, q, datetime(2020, 6, 17, 20))
    assert before.totals["edges"] == 0
    assert after.totals["edges"] == whole["edges"] > 0
    before, after, _ = time_slices(demo_store, q, datetime(2020, 6, 19))
    assert before.totals["edges"] == whole["edges"] and after.totals["edges"] == 0
