"""Presentation mode as a slide: each page opens on its first figure, whole in a 720-px-high window with its title
and provenance, text enlarged (event labels too), a button that saves that slide as a PNG (issue 19, item 7)."""

from __future__ import annotations

import json
import re
import struct

import pytest

from clameur.charts import HEIGHT, WIDTH, slide
from clameur.charts.export import figure_image
from clameur.overview.builder import build_overview
from clameur.privacy import Pseudonymizer
from clameur.store import dataset_by_name
from tests.conftest import run_page
from ui.presentation import SLIDE_HEIGHT


def _first_in_main(at):
    """The first element drawn in the page's main area, after our stylesheet."""
    from streamlit.testing.v1.element_tree import Block

    for node in at.main:
        if isinstance(node, Block) or (node.type == "markdown" and "<style>" in node.value):
            continue
        return node
    return None


@pytest.mark.parametrize(
    "path,title",
    [
        ("views/overview/page.py", "Messages par heure, par type"),
        ("views/timeline/page.py", "Messages par heure, par type"),
        ("views/institutions/page.py", "messages et événements institutionnels"),
        ("views/platforms/page.py", "Réponses des plateformes"),
        ("views/network/page.py", "Réseau des retweets"),
    ],
)
def test_each_page_opens_on_its_first_figure_at_slide_size(app_db, path, title):
    at = run_page(path, lang="fr", present="1")
    assert not at.exception
    assert len(at.title) == 0  # no page title, banner or intro above the figure: the figure carries its own
    assert not any("synthétiques" in i.value for i in at.info)
    first = _first_in_main(at)
    assert first is not None and first.type == "plotly_chart", first
    spec = json.loads(first.proto.spec)
    layout = spec["layout"]
    assert title in " ".join(re.sub(r"<[^>]+>", " ", layout["title"]["text"]).split())
    assert layout["height"] == SLIDE_HEIGHT <= 720  # whole in a 1280×720 window, as in a 1920×1080 one
    assert layout["title"]["font"]["size"] >= 26 and layout["font"]["size"] >= 16
    labelled = [tr for tr in spec["data"] if tr.get("text") is not None and tr.get("mode", "").endswith("text")]
    assert all(tr["textfont"]["size"] >= 15 for tr in labelled)  # event labels enlarged with the rest
    source = [a for a in layout["annotations"] if a.get("name") == "provenance"]
    assert source and source[0]["font"]["size"] >= 15
    buttons = [b for b in at.get("download_button") if b.proto.label == "Enregistrer cette diapositive (PNG)"]
    assert len(buttons) == 1  # one click saves the slide


def test_institutions_open_on_the_campaign_with_reactions_not_on_a_table(app_db):
    at = run_page("views/institutions/page.py", lang="en")
    assert not at.exception
    first_chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "institutional posts and events" in first_chart["layout"]["title"]["text"]
    order = [getattr(node, "type", None) for node in at.main]
    order = [x for x in order if x in ("plotly_chart", "arrow_data_frame")]
    assert order[0] == "plotly_chart"


def test_a_long_title_is_broken_into_lines_rather_than_clipped(demo_store):
    from clameur.reactions.builder import effect
    from clameur.reactions.events import list_events

    ds = dataset_by_name(demo_store, "balancetontiktokeur")
    events = list_events(demo_store, int(ds["dataset_id"]))
    pick = int(events[events["event_type"] == "institutional_reaction"]["event_id"].iloc[0])
    fig = effect(demo_store, int(ds["dataset_id"]), pick, 12, 24, "Europe/Paris", "fr")[0]
    title = fig.layout.title.text
    lines = title.split("<br>")
    assert len(lines) >= 2 and all(len(x.replace("<b>", "").replace("</b>", "")) <= 64 for x in lines)
    big = slide(fig)
    assert all(len(x.replace("<b>", "").replace("</b>", "")) <= 56 for x in big.layout.title.text.split("<br>"))
    assert big.layout.margin.t > fig.layout.margin.t  # room for the larger title lines


def test_the_slide_png_is_1280_by_720_with_the_slides_text(demo_store):
    from tests.browser import require_chromium

    require_chromium()
    ds = dataset_by_name(demo_store, "balancetontiktokeur")
    chart = build_overview(demo_store, ds, "Europe/Paris", "fr", Pseudonymizer(None, None, enabled=False)).chart
    png = figure_image(slide(chart), "png")
    assert struct.unpack(">II", png[16:24]) == (3 * WIDTH, 3 * HEIGHT)
    svg = figure_image(slide(chart), "svg").decode("utf-8")
    assert "font-size: 26px" in svg or "font-size:26px" in svg
    assert "DONNÉES SYNTHÉTIQUES DE DÉMONSTRATION" in svg and "heures en Europe/Paris" in svg
