"""Issue 21 in a real browser on `streamlit run`: Markdown payloads load nothing and link nowhere; a `clameur import`
from the command line succeeds while the app serves the database, a page visited during an import says so, and the
new dataset shows without a restart; Streamlit's own "Download as CSV" is off."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from clameur.reactions.events import add_event
from clameur.store import open_store, query
from tests.browser import (
    ARTIFACTS,
    assert_no_error,
    browser_page,
    require_chromium,
    settle,
    streamlit_server,
    wait_for_app,
)
from tests.conftest import ROOT
from tests.test_db_sharing import _holder
from tests.test_markdown_injection import PAYLOAD, add_hostile_data

pytestmark = pytest.mark.browser


def _no_remote_link_or_image(page) -> None:
    assert page.locator('a[href^="http://evil.example"]').count() == 0
    assert page.locator('img[src^="http://tracker.example"]').count() == 0
    html = page.content()
    assert 'href="http://evil.example' not in html and 'src="http://tracker.example' not in html


def test_markdown_payloads_fetch_nothing_and_make_no_link(demo_db_path, fixtures_dir, tmp_path):
    require_chromium()
    db = tmp_path / "app" / "clameur.duckdb"
    db.parent.mkdir()
    shutil.copy(demo_db_path, db)
    event_id = add_hostile_data(db, fixtures_dir, tmp_path)
    unknown = "![](http://tracker.example/d.png)[Sign in again](http://evil.example/d)"
    visits = [
        "/?" + urlencode({"dataset": PAYLOAD}),  # the imported name and hashtag: title, caption, help
        "/?" + urlencode({"dataset": unknown, "tz": PAYLOAD, "privacy": PAYLOAD}),
        "/timeline?" + urlencode({"bin": PAYLOAD, "stack": PAYLOAD}),
        "/network?" + urlencode({"kind": PAYLOAD}),
        "/institutions?" + urlencode({"event": event_id}),  # the effect sentence
    ]
    with streamlit_server(db) as url, browser_page() as (page, outside):
        for n, visit in enumerate(visits):
            page.goto(url + visit)
            wait_for_app(page, timeout_ms=120_000)
            settle(page, 90_000, 1500)
            assert_no_error(page)
            assert "Sign in again" in page.inner_text("body")  # shown as text
            _no_remote_link_or_image(page)
            page.screenshot(path=str(ARTIFACTS / f"markdown-payload-{n}.png"), full_page=True)
        assert outside == [], f"the app reached outside the machine: {outside[:5]}"


def test_an_import_from_the_command_line_while_the_app_serves_the_database(demo_db_path, fixtures_dir, tmp_path):
    require_chromium()
    db = tmp_path / "app" / "clameur.duckdb"
    db.parent.mkdir()
    shutil.copy(demo_db_path, db)
    sample = fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl"
    with streamlit_server(db) as url, browser_page() as (page, outside):
        page.goto(f"{url}/?lang=en")
        wait_for_app(page)  # the app has opened the database
        done = subprocess.run(
            [sys.executable, "-m", "clameur.cli", "import", str(sample), "--dataset", "brexit", "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and "loaded 100" in done.stdout

        page.goto(f"{url}/?lang=en&dataset=brexit")  # no restart
        wait_for_app(page)
        settle(page, 90_000, 1500)
        assert_no_error(page)
        assert "Clameur does not know" not in page.inner_text("body")  # the link's dataset exists now
        assert "brexit" in page.locator("h1").first.inner_text().lower()  # its overview: "#Brexit: …"

        importer = _holder(db, "import", hold=120)  # an import running in another process
        try:
            for lang, sentence in (("en", "An import is running from the command line"), ("fr", "Un import est en")):
                page.goto(f"{url}/timeline?lang={lang}")
                page.get_by_text(sentence).wait_for(timeout=60_000)
                assert_no_error(page)
                assert page.locator('[data-testid="stException"]').count() == 0
            page.screenshot(path=str(ARTIFACTS / "import-running-fr.png"), full_page=True)
        finally:
            importer.kill()
            importer.wait()
        page.goto(f"{url}/?lang=en")
        wait_for_app(page)  # back as soon as the import has ended
        assert_no_error(page)
        assert outside == []


def test_tables_offer_no_verbatim_csv_only_clameurs_formula_safe_one(demo_db_path, tmp_path):
    require_chromium()
    db = tmp_path / "clameur.duckdb"
    shutil.copy(demo_db_path, db)
    formula = "=cmd|' /C calc'!A0"
    store = open_store(db)
    ds = int(query(store, "SELECT dataset_id FROM datasets WHERE name = 'balancetontiktokeur'")["dataset_id"].iloc[0])
    first = query(store, "SELECT min(starts_at) AS t FROM events WHERE dataset_id = ?", [ds])["t"].iloc[0]
    add_event(store, {"dataset_id": ds, "event_type": "other", "starts_at": first.to_pydatetime(), "title": formula})
    store.close()
    with streamlit_server(db) as url, browser_page() as (page, outside):
        page.goto(f"{url}/?lang=en")
        wait_for_app(page)
        settle(page, 90_000, 1500)
        events = page.locator(".st-key-table_csv_overview_events").locator("xpath=preceding-sibling::*[1]")
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        grid.hover()
        page.wait_for_timeout(800)
        toolbar = page.locator('[data-testid="stElementToolbar"]').first
        toolbar.wait_for(state="attached", timeout=30_000)
        labels = [b.get_attribute("aria-label") or "" for b in toolbar.locator("button").all()]
        assert labels, "the toolbar is there (search, fullscreen)"
        assert not any("download" in label.lower() for label in labels), labels
        assert events.count() == 1
        # Clameur's own CSV beside the events table: the formula cell starts with a quote
        with page.expect_download(timeout=60_000) as caught:
            page.locator(".st-key-table_csv_overview_events button").click()
        text = Path(caught.value.path()).read_text(encoding="utf-8")
        assert "'" + formula in text and "\n" + formula not in text and "," + formula not in text
        assert outside == []
