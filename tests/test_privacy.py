"""Privacy mode (issue #7): small accounts become stable pseudonyms in figures, exports and page tables,
registered actors and large accounts keep their handle, and the rule is printed on the figure; the page
defaults to it, `privacy=0` switches it off, presentation mode forces it on."""

from __future__ import annotations

import json

import pytest

from clameur import settings
from clameur.network.builder import figure
from clameur.network.exports import export_bytes
from clameur.network.model import NetworkQuery, build_network
from clameur.privacy import Pseudonymizer
from clameur.store import dataset_by_name
from tests.conftest import run_page


@pytest.fixture(scope="module")
def drawn(demo_store):
    ds = dataset_by_name(demo_store, "balancetontiktokeur")["dataset_id"]
    net = build_network(demo_store, NetworkQuery(ds))
    ids = [str(i) for i in net.drawn["id"]]
    cur = demo_store.cursor()
    small = cur.execute(
        """SELECT account_id, handle FROM accounts WHERE dataset_id = ? AND coalesce(followers, 0) < ?
           AND account_id IN (SELECT unnest(?::VARCHAR[])) AND handle IS NOT NULL
           AND lower(handle) NOT IN (SELECT lower(handle) FROM actor_accounts WHERE handle IS NOT NULL)
           AND account_id NOT IN (SELECT account_id FROM actor_accounts WHERE account_id IS NOT NULL)
           ORDER BY account_id LIMIT 1""",
        [ds, settings.PRIVACY_FOLLOWER_THRESHOLD, ids],
    ).fetchone()
    actor = cur.execute(
        """SELECT a.account_id, a.handle FROM accounts a JOIN actor_accounts r ON lower(r.handle) = lower(a.handle)
           WHERE a.dataset_id = ? AND a.account_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY 1 LIMIT 1""",
        [ds, ids],
    ).fetchone()
    assert small and actor, "the demo's retweet network draws both a small account and a registered actor"
    return demo_store, ds, net, small, actor


def _figure_json(store, ds, net, enabled: bool, lang: str = "en") -> str:
    names = Pseudonymizer(store, ds, enabled=enabled, lang=lang)
    return figure(store, net, colour_by="community", tz="Europe/Paris", lang=lang, names=names).to_json()


def test_the_figure_hides_a_small_account_keeps_an_actor_and_prints_the_rule(drawn):
    store, ds, net, (small_id, small_handle), (_, actor_handle) = drawn
    private = _figure_json(store, ds, net, enabled=True)
    assert small_handle not in private
    assert Pseudonymizer(store, ds, enabled=True, lang="en").label(small_id, small_handle) in private
    assert actor_handle in private
    assert "under 5,000 followers" in json.loads(private)["layout"]["title"]["subtitle"]["text"]
    open_ = _figure_json(store, ds, net, enabled=False)
    assert small_handle in open_ and "followers and not in the actor registry" not in open_


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv"])
def test_exports_hide_the_same_account(drawn, fmt):
    store, ds, net, (small_id, small_handle), (_, actor_handle) = drawn
    names = Pseudonymizer(store, ds, enabled=True, lang="fr")
    exported = b"".join(export_bytes(net, fmt, names).values()).decode("utf-8")
    assert small_handle not in exported and names.label(small_id, small_handle) in exported
    assert names.label(small_id, small_handle).startswith("compte ")
    assert actor_handle in exported


def test_pages_default_to_privacy_and_privacy_0_switches_it_off(app_db, drawn):
    _, _, _, (small_id, small_handle), _ = drawn
    default = run_page("views/network/page.py", lang="en")
    assert not default.exception
    tables = " ".join(str(df.value) for df in default.dataframe)
    charts = " ".join(c.proto.spec for c in default.get("plotly_chart"))
    assert small_handle not in tables + charts
    off = run_page("views/network/page.py", lang="en", privacy="0")
    assert small_handle in " ".join(c.proto.spec for c in off.get("plotly_chart"))
    odd = run_page("views/network/page.py", lang="en", privacy="maybe")
    assert any("privacy" in w.value for w in odd.sidebar.warning)
    assert small_handle not in " ".join(c.proto.spec for c in odd.get("plotly_chart"))


def test_presentation_mode_hides_the_chrome_and_forces_privacy(app_db, drawn):
    _, _, _, (_, small_handle), _ = drawn
    at = run_page("views/network/page.py", lang="fr", present="1", privacy="0")
    assert not at.exception
    assert any("stSidebar" in h.proto.body for h in at.get("html"))  # the presentation style sheet
    assert [b.label for b in at.button if b.key == "present_exit"] == ["Quitter le mode présentation"]
    assert small_handle not in " ".join(c.proto.spec for c in at.get("plotly_chart"))
    at.button(key="present_exit").click().run()
    assert "present" not in at.query_params
