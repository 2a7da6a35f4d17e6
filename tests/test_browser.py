"""Real-browser tests: the app served by `streamlit run`, driven in headless system Chromium."""

from __future__ import annotations

import shutil

import pytest

from tests.browser import (
    ARTIFACTS,
    DOCS,
    assert_no_error,
    browser_page,
    profile_dir,
    require_chromium,
    settle,
    streamlit_server,
    wait_for_app,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(demo_db_path, tmp_path_factory):
    require_chromium()
    db = tmp_path_factory.mktemp("browser") / "clameur.duckdb"
    shutil.copy(demo_db_path, db)
    with streamlit_server(db) as url:
        yield url


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_overview_opens_on_the_demo(server, lang):
    with browser_page() as (page, outside):
        page.goto(f"{server}/?lang={lang}")
        wait_for_app(page)
        assert_no_error(page)
        body = page.inner_text("body")
        assert "BalanceTonTikTokeur" in body or "balancetontiktokeur" in body
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / ("overview.png" if lang == "en" else f"overview-{lang}.png")))
        # the events are drawn and labelled on the timeline, with actor and source in the hover
        chart = page.locator(".js-plotly-plot").first
        label = {"en": "institutional reaction", "fr": "réaction institutionnelle"}[lang]
        assert label in chart.inner_html()
        marker = chart.locator(".scatterlayer .trace").last.locator(".point").nth(2)
        marker.hover(force=True)
        page.wait_for_timeout(500)
        hover = chart.locator(".hoverlayer").text_content()
        assert "Schiappa" in hover and "rtl.fr" in hover
        page.screenshot(path=str(ARTIFACTS / f"overview-{lang}.png"), full_page=True)
        assert outside == [], f"the app reached outside the machine: {outside[:5]}"


def _hover_event(page, title: str) -> str:
    """Hover the event markers one by one until the tooltip of the event named ``title`` shows."""
    chart = page.locator(".js-plotly-plot").first
    markers = chart.locator(".scatterlayer .trace").last.locator(".point")
    seen = []
    for i in range(markers.count()):
        page.mouse.move(1, 1)
        markers.nth(i).hover(force=True)
        page.wait_for_timeout(600)
        text = chart.locator(".hoverlayer").text_content() or ""
        if title in text:
            return text
        seen.append(text[:60])
    raise AssertionError(f"no event marker shows {title!r}; tooltips seen: {seen}")


def test_timeline_draws_events_with_their_hover(server):
    with browser_page() as (page, outside):
        page.goto(f"{server}/timeline?lang=en")
        wait_for_app(page)
        assert_no_error(page)
        assert "Explained peaks" in page.inner_text("body")
        hover = _hover_event(page, "Meeting at the ministry")  # 29 June
        assert "Meeting at the ministry" in hover and "meeting" in hover and "11 days 21 h" in hover  # cut, not rounded
        page.screenshot(path=str(ARTIFACTS / "timeline-en.png"), full_page=True)
        page.screenshot(path=str(DOCS / "timeline.png"))
        assert outside == []


def test_network_draws_nodes_with_hover_data(server):
    with browser_page() as (page, outside):
        page.goto(f"{server}/network?lang=en")
        wait_for_app(page)
        assert_no_error(page)
        chart = page.locator(".js-plotly-plot").first
        chart.scroll_into_view_if_needed()
        data = page.evaluate(
            "() => document.querySelector('.js-plotly-plot').data.filter(t => t.name === 'nodes')[0].hovertext"
        )
        assert len(data) > 100 and any("PageRank" in h for h in data)
        assert any("secretariat_egalite_demo" in h and "government" in h for h in data)
        page.screenshot(path=str(ARTIFACTS / "network-en.png"), full_page=True)
        page.screenshot(path=str(DOCS / "network.png"))
        assert outside == []


@pytest.mark.parametrize("path,heading", [("institutions", "Who reacted"), ("platforms", "Response ladder")])
def test_reaction_pages_open_on_the_demo(server, path, heading):
    with browser_page() as (page, outside):
        page.goto(f"{server}/{path}?lang=en")
        wait_for_app(page)
        assert_no_error(page)
        assert heading in page.inner_text("body")
        page.screenshot(path=str(ARTIFACTS / f"{path}-en.png"), full_page=True)
        assert outside == []


def test_a_researcher_uploads_a_twarc2_file_and_reads_the_report(server, tmp_path):
    from clameur.demo.export import write_export

    export = tmp_path / "campaign.jsonl"
    write_export(300, "twarc2", export)
    with browser_page() as (page, outside):
        _upload(page, server, "uploaded", export)
        page.wait_for_selector("text=campaign.jsonl", timeout=60_000)
        button = page.get_by_role("button", name="Import", exact=True)
        button.wait_for(state="visible", timeout=60_000)
        button.click()
        page.wait_for_selector("text=300 posts read = 300 loaded", timeout=60_000)
        assert_no_error(page)
        page.screenshot(path=str(ARTIFACTS / "data-upload-en.png"), full_page=True)
        assert outside == []


def test_a_researcher_maps_the_columns_of_an_excel_csv(server, tmp_path):
    rows = [f"{i};2020-06-17 18:{i:02d}:00;compte_{i % 4};Témoignage n°{i} #BalanceTonTikTokeur" for i in range(1, 21)]
    export = tmp_path / "excel.csv"
    export.write_bytes(("post_id;created_at;author_handle;text\r\n" + "\r\n".join(rows) + "\r\n").encode("cp1252"))
    with browser_page() as (page, outside):
        _upload(page, server, "mapped", export)
        page.wait_for_selector("text=excel.csv: CSV", timeout=60_000)
        page.wait_for_selector("text=Say which column holds each field", timeout=60_000)  # unknown layout: the form
        page.screenshot(path=str(ARTIFACTS / "data-mapping-en.png"), full_page=True)
        page.get_by_role("button", name="Import", exact=True).click()
        page.wait_for_selector("text=20 posts read = 20 loaded", timeout=60_000)
        assert_no_error(page)
        assert outside == []


def _upload(page, server: str, dataset: str, path) -> None:
    page.goto(f"{server}/data?lang=en")
    page.get_by_label("Dataset name").fill(dataset)
    page.get_by_label("Dataset name").press("Enter")
    page.wait_for_timeout(1000)
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached", timeout=60_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_presentation_mode_gives_a_clean_16_9_figure(server, lang):
    exit_label = {"en": "Leave presentation mode", "fr": "Quitter le mode présentation"}[lang]
    with browser_page(1600, 900) as (page, outside):
        page.goto(f"{server}/timeline?lang={lang}&present=1")
        wait_for_app(page)
        assert_no_error(page)
        page.get_by_role("button", name=exit_label).wait_for(state="visible", timeout=60_000)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert not page.locator('[data-testid="stSelectbox"]').first.is_visible()
        chart = page.locator(".js-plotly-plot").first
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        chart.screenshot(path=str(DOCS / f"presentation-{lang}.png"))
        page.screenshot(path=str(ARTIFACTS / f"presentation-{lang}.png"), full_page=True)
        page.get_by_role("button", name=exit_label).click()
        page.locator('[data-testid="stSidebar"]').wait_for(state="visible", timeout=60_000)
        assert outside == []


def test_a_copied_link_reopens_the_same_view_and_survives_a_page_switch(server):
    with browser_page() as (page, outside):
        page.goto(f"{server}/network?lang=en&kind=mention&min_weight=2")
        wait_for_app(page)
        assert_no_error(page)
        page.wait_for_selector("text=mentions network", timeout=60_000)
        assert "kind=mention" in page.url and "min_weight=2" in page.url
        page.get_by_role("link", name="Timeline").click()
        wait_for_app(page)
        page.get_by_role("link", name="Network").click()
        page.wait_for_selector("text=mentions network", timeout=60_000)
        assert "kind=mention" in page.url
        assert outside == []


@pytest.mark.parametrize("path", ["timeline", "network", "institutions", "platforms"])
def test_french_pages_for_the_readme(server, path):
    with browser_page() as (page, outside):
        page.goto(f"{server}/{path}?lang=fr")
        wait_for_app(page)
        assert_no_error(page)
        page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=60_000)
        assert "confidentialité" in page.inner_text("body").lower()  # the privacy switch, in French
        page.screenshot(path=str(DOCS / f"{path}-fr.png"))
        assert outside == []


def test_a_deep_link_as_a_fresh_servers_first_request_shows_clameurs_menu(demo_db_path, tmp_path):
    """views/ holds only folders, so Streamlit never serves a page without app.py: the very first request of a
    new server, a deep link, gets Clameur's translated menu, the sidebar and the network."""
    require_chromium()
    db = tmp_path / "clameur.duckdb"
    shutil.copy(demo_db_path, db)
    with streamlit_server(db) as url, browser_page() as (page, outside):
        page.goto(f"{url}/network?kind=mention&lang=fr")
        wait_for_app(page)
        assert_no_error(page)
        nav = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]')
        nav.first.wait_for(state="visible", timeout=60_000)
        links = [nav.nth(i).locator('[data-testid="stMarkdownContainer"]').inner_text() for i in range(nav.count())]
        assert links == ["Vue d'ensemble", "Chronologie", "Réseau", "Institutions", "Plateformes", "Données"]
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # Streamlit's own menu drops the state
        hrefs = [nav.nth(i).get_attribute("href") for i in range(nav.count())]
        assert all("lang=fr" in h and "dataset=balancetontiktokeur" in h for h in hrefs), hrefs
        assert "page" not in [x.lower() for x in links]  # Streamlit's own menu would name the files
        assert page.locator('[data-testid="stSidebar"]').is_visible()
        assert page.locator(".js-plotly-plot").count() >= 1
        assert "mention" in page.url
        page.screenshot(path=str(ARTIFACTS / "deep-link-network-fr.png"), full_page=True)
        dialogs = page.locator('[role="dialog"]')  # Streamlit's English "Page not found" would open over the page
        assert dialogs.count() == 0, dialogs.first.inner_text()
        assert outside == []


MENU = ("Overview", "Timeline", "Network", "Institutions", "Platforms", "Data")


def _settle(page, timeout_ms: int = 90_000) -> None:
    """Wait until Streamlit has finished running the page (no chart needed: some pages of a small dataset have none)."""
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]', timeout=timeout_ms)
    settle(page, timeout_ms, 1000)


def _menu_link(page, label: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]').filter(has_text=label)


def _sidebar_dataset(page) -> str:
    return page.locator('[data-testid="stSidebar"] input[aria-label="Dataset"]').input_value()


def test_the_researcher_imports_a_twarc2_sample_and_sees_it_on_every_page(server, fixtures_dir):
    """Issue 19: after an import the new dataset is selected, listed and linked; no page switch brings back the demo."""
    sample = fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl"
    with browser_page() as (page, outside):
        page.goto(f"{server}/?lang=en&tz=UTC")  # the address they were given; then the Data page from the menu
        _settle(page)
        _menu_link(page, "Data").click()
        page.wait_for_url(lambda url: "/data" in url, timeout=60_000)
        _settle(page)
        page.get_by_label("Dataset name").fill("brexit-sample")
        page.get_by_label("Dataset name").press("Enter")
        page.wait_for_timeout(1000)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(sample))
        page.wait_for_selector(f"text={sample.name}", timeout=60_000)
        page.get_by_role("button", name="Import", exact=True).click()
        page.wait_for_selector("text=100 posts read = 100 loaded", timeout=90_000)
        page.wait_for_selector("text=is now the selected dataset on every page", timeout=60_000)
        _settle(page)
        assert_no_error(page)
        assert "dataset=brexit-sample" in page.url
        assert _sidebar_dataset(page) == "brexit-sample"  # listed and chosen without a reload
        # its own zone, the one the import form gave it, not the UTC the researcher was browsing in
        assert "tz=" not in page.url
        page.get_by_role("link", name="Open “brexit-sample” in the overview").click()
        _settle(page)
        seen = []
        for label in (*MENU[1:], "Overview"):
            _menu_link(page, label).click()
            page.wait_for_url(lambda url, label=label: label.lower() in url or label == "Overview", timeout=60_000)
            _settle(page)
            assert_no_error(page)
            assert "dataset=brexit-sample" in page.url, (label, page.url)
            assert "lang=en" in page.url
            assert _sidebar_dataset(page) == "brexit-sample", label
            assert "synthetic demo data" not in page.inner_text("main").lower(), label
            page.screenshot(path=str(ARTIFACTS / f"journey-researcher-{label.lower()}.png"), full_page=True)
            seen.append(label)
        assert seen == [*MENU[1:], "Overview"]
        assert outside == []


def _network_numbers(page) -> tuple[str, int, int]:
    """What the network page prints and draws: its counts sentence, the nodes drawn and the edge segments drawn."""
    settle(page, 90_000, 1500)
    counts = page.locator("text=/\\d+ nodes and \\d+ edges in the filtered network/").first.inner_text()
    drawn = page.evaluate(
        """() => {
            const gd = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
            const trace = name => gd._fullData.filter(t => t.name === name)[0];
            return [trace('nodes').x.length, trace('edges').x.length];
        }"""
    )
    return counts, *drawn


def _quiet(page) -> None:
    """Wait until the page has finished its run and stays finished (a rerun can start just after one ends)."""
    settle(page, 90_000, 1500)
    wait_for_app(page)


def _pick(page, label: str, option: str, where: str = "stMain") -> None:
    """Choose ``option`` in the selectbox labelled ``label`` (in the main area or the sidebar), as a person does."""
    page.locator(f'[data-testid="{where}"] input[aria-label="{label}"]').click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page, 90_000, 500)


def test_the_adviser_copies_a_customised_network_url_and_a_fresh_browser_sees_the_same_network(server):
    """Issue 19: zone and window chosen on the Timeline, kind and weight on the Network; the copied address opens
    the same nodes and edges in another browser (it lost the window: 132 nodes there for 104 here)."""
    with browser_page() as (page, outside):
        page.goto(f"{server}/?lang=en")
        wait_for_app(page)
        _menu_link(page, "Timeline").click()
        page.wait_for_url(lambda url: "/timeline" in url, timeout=60_000)
        wait_for_app(page)
        _pick(page, "Time zone", "UTC", where="stSidebar")
        page.wait_for_url(lambda url: "tz=UTC" in url, timeout=60_000)
        _quiet(page)
        chart = page.locator(".js-plotly-plot").first
        chart.scroll_into_view_if_needed()
        box = chart.locator(".nsewdrag").first.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] * 0.08, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.2, y + 20, steps=10)
        page.mouse.up()
        page.wait_for_url(lambda url: "from=" in url and "to=" in url, timeout=60_000)
        _quiet(page)
        window = page.locator("text=/^Time window: .* \\(UTC\\)$/").first.inner_text()
        _menu_link(page, "Network").click()
        page.wait_for_url(lambda url: "/network" in url, timeout=60_000)
        _quiet(page)
        assert window in page.inner_text("main")  # the window is said on the page it filters
        _pick(page, "Network", "mentions")
        page.wait_for_url(lambda url: "kind=mention" in url, timeout=60_000)
        _quiet(page)
        weight = page.get_by_label("Minimum edge weight")
        weight.fill("2")
        weight.press("Enter")
        page.wait_for_url(lambda url: "min_weight=2" in url, timeout=60_000)
        _quiet(page)
        assert_no_error(page)
        copied = page.url
        for part in ("kind=mention", "min_weight=2", "tz=UTC", "from=", "to=", "dataset=balancetontiktokeur"):
            assert part in copied, (part, copied)
        sent = _network_numbers(page)
        page.screenshot(path=str(ARTIFACTS / "journey-adviser-sender.png"), full_page=True)
        assert outside == []
    fresh = "chromium-profile-adviser"
    shutil.rmtree(profile_dir(fresh), ignore_errors=True)
    with browser_page(profile_name=fresh) as (page, outside):
        page.goto(copied)
        _quiet(page)
        assert_no_error(page)
        received = _network_numbers(page)
        assert received == sent, (received, sent)
        assert window in page.inner_text("main")
        page.screenshot(path=str(ARTIFACTS / "journey-adviser-receiver.png"), full_page=True)
        assert outside == []
