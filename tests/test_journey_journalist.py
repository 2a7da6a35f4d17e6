"""The journalist's journey in a real browser, in French: the launch, the peak and the minister's lag, with no
English that Clameur writes anywhere on the page; then every page as a 1280×720 slide in both languages, saved
into docs/ (issue 19)."""

from __future__ import annotations

import re
import shutil

import pytest

from clameur import i18n
from tests.browser import (
    DOCS,
    assert_no_error,
    browser_page,
    require_chromium,
    streamlit_server,
    wait_for_app,
)

pytestmark = pytest.mark.browser
PAGES = ("overview", "timeline", "network", "institutions", "platforms", "data")
# Words Clameur writes in English that a French page must not show: the issue's own list, English month names
# and "None", plus every word of the English catalogue that no French text uses (so a new English string that
# leaks is caught without being listed here).
ENGLISH = {"Peak", "hour", "None", "after", "account", "Jun", "Jul", "Oct"}
MONTHS = "January February March April May June July August September October November December".split()
# Words both languages share, and the language switch's own "English" (each language named in itself).
KEEP = {"retweet", "retweets", "hashtag", "hashtags", "source", "type", "format", "clameur", "demo", "posts", "english"}
# Streamlit's own English, which Clameur cannot change (the README lists it).
STREAMLIT_OWN = ("Skip to main content", "Drag and drop file here", "Drag and drop files here", "Browse files")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-zÀ-ÿ]+", text))


def english_words() -> set[str]:
    tables = {lang: " ".join(e[lang] for e in i18n.catalog().values()) for lang in i18n.LANGS}
    only_en = {w for w in _words(tables["en"]) - _words(tables["fr"]) if len(w) >= 4 and w.lower() not in KEEP}
    return only_en | ENGLISH | set(MONTHS) | {m[:3] for m in MONTHS if m[:3] not in ("Mar", "Mai")}


@pytest.fixture(scope="module")
def server(demo_db_path, tmp_path_factory):
    require_chromium()
    db = tmp_path_factory.mktemp("journalist") / "clameur.duckdb"
    shutil.copy(demo_db_path, db)
    with streamlit_server(db) as url:
        # the first page a fresh server serves is its main page: a deep link as the very first request gets
        # Streamlit's own "Page not found" dialog over the right page (tested in test_browser.py); start there
        with browser_page() as (page, _):
            page.goto(f"{url}/?lang=fr")
            wait_for_app(page)
        yield url


def _visible_text(page) -> str:
    """What the reader sees: the page's text (without the names of icons, drawn from a font's ligatures), every
    figure's text, every table's cells (drawn on a canvas, read from the grid's accessible copy)."""
    body = page.evaluate(
        """() => { const copy = document.body.cloneNode(true);
                   copy.querySelectorAll('[data-testid=stIconMaterial], style, script').forEach(e => e.remove());
                   document.body.appendChild(copy); const text = copy.innerText; copy.remove(); return text; }"""
    )
    svg = page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot .main-svg text')).map(t => t.textContent)"
    )
    cells = page.evaluate(
        "() => Array.from(document.querySelectorAll('[data-testid=stDataFrame] table td, "
        "[data-testid=stDataFrame] table th')).map(t => t.textContent)"
    )
    return "\n".join([body, *svg, *cells])


def _english_left(text: str) -> list[str]:
    """English words of Clameur's left on the page once Streamlit's own strings are set aside."""
    for known in STREAMLIT_OWN:
        text = text.replace(known, " ")
    return sorted(_words(text) & english_words())


def test_the_journalist_finds_launch_peak_and_lag_in_french(server):
    with browser_page(1400, 1000) as (page, outside):
        page.goto(f"{server}/?lang=fr")
        wait_for_app(page)
        assert_no_error(page)
        text = _visible_text(page)
        # the launch: the first event, in Paris time, with its year
        assert "lancement de la campagne" in text and "17 juin 2020, vers 18 h" in text  # an approximate hour
        # the peak: the busiest hour, with its date and year
        assert "Heure de pointe · 17 juin 2020" in text and "19 h" in text
        assert _english_left(text) == []
        # opened by its address: the menu's links keep the language only once the shared state lands (items 1-2)
        page.goto(f"{server}/institutions?lang=fr")
        wait_for_app(page)
        page.wait_for_selector("text=Qui a réagi", timeout=60_000)
        assert_no_error(page)
        text = _visible_text(page)
        # the minister's lag: her demand at 10:30 on 18 June, 16 h 30 after the launch at 18:00 the day before
        assert "18 juin 2020, 10 h 30" in text
        assert text.count("16 h 30") >= 2  # the minister's demand and her office's post, one lag
        assert _english_left(text) == []
        assert outside == []


def test_a_language_switch_relabels_every_select_at_once(server):
    with browser_page(1400, 1000) as (page, outside):
        page.goto(f"{server}/timeline?lang=en&bin=day")
        wait_for_app(page)
        selects = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input')

        def shown() -> list[str]:
            return [selects.nth(i).input_value() for i in range(4)]

        assert shown() == ["1 day", "kind", "counts", "posts"]
        page.locator("[data-testid=stSidebar] [data-testid=stRadio] label").filter(has_text="Français").click()
        page.wait_for_selector("text=Empiler par", timeout=60_000)
        wait_for_app(page)
        assert shown() == ["1 jour", "type", "effectifs", "messages"]  # at once, without a reload
        assert outside == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_as_a_1280_by_720_slide(server, lang):
    """The slides the docs show: each page opens on its first figure, whole, with its title and provenance."""
    DOCS.mkdir(exist_ok=True)
    with browser_page(1280, 720) as (page, outside):
        for name in PAGES:
            path = "" if name == "overview" else name
            page.goto(f"{server}/{path}?lang={lang}&present=1")
            if name != "data":
                wait_for_app(page)
                chart = page.locator(".js-plotly-plot").first
                box = chart.bounding_box()
                assert box["y"] >= 0 and box["y"] + box["height"] <= 720, (name, box)  # whole on screen
                title = chart.locator(".gtitle").first
                assert title.is_visible() and title.bounding_box()["y"] >= 0
                assert chart.locator("text=Clameur").count() >= 1  # the source line, at the bottom of the figure
                save = {"fr": "Enregistrer cette diapositive (PNG)", "en": "Save this slide (PNG)"}[lang]
                assert page.get_by_role("button", name=save).is_visible()
            else:
                heading = {"fr": "Jeux de données", "en": "Datasets"}[lang]
                # by its heading's role and exact name: a bare text selector also matches "datasets" in prose
                page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)
                page.wait_for_timeout(800)
            assert_no_error(page)
            page.screenshot(path=str(DOCS / f"presentation-{name}-{lang}.png"))
        assert outside == []
