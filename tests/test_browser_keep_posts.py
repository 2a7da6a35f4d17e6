"""Issue #20 in a real browser: a dataset imported with `--keep-posts none` (rollups only, no post kept) opens on every
page without an error box, draws the same figures as the same file imported with every post, and reaches nothing
outside the machine.

The database holds one real sample (tests/fixtures, twarc2) imported twice: with keep_posts none, and with every post
(the reference), each with two events of the test's own on its time span, so that the institutions and platforms
pages have something to measure. Screenshots stay in tests/.artifacts (fixture content: never in docs)."""

from __future__ import annotations

from datetime import datetime

import pytest

from clameur.ingest import run_import
from clameur.reactions.events import add_event
from clameur.store import open_store, scalar
from tests.browser import ARTIFACTS, assert_no_error, browser_page, require_chromium, settle, streamlit_server
from tests.conftest import FIXTURES

pytestmark = pytest.mark.browser

NAME, CONTROL = "rollups-only", "all-posts"  # the same file, kept as rollups only and with every post
SAMPLE = FIXTURES / "twarc2_jsonl" / "twarc-csv_entities_test.jsonl"  # 474 tweets, 25 Sep 2022 23:47-23:59 UTC
# (route, does the page draw a chart for this dataset)
PAGES = [("", True), ("timeline", True), ("network", True), ("institutions", True), ("platforms", True)]
PAGES.append(("data", False))
# What each drawn figure shows: its title and subtitle (window, n) and, per trace, its name and number of points.
FIGURES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
    title: [(p.layout.title || {}).text || '', ((p.layout.title || {}).subtitle || {}).text || ''].join(' | '),
    traces: p._fullData.map(t => [t.name || '', t.type || '', t._length ?? (t.x || t.y || t.values || []).length]),
}))"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    db = tmp_path_factory.mktemp("keep_none") / "clameur.duckdb"
    store = open_store(db, read_dirs=[FIXTURES])
    try:
        full = run_import(store, SAMPLE, dataset_name=CONTROL)
        report = run_import(store, SAMPLE, dataset_name=NAME, keep_posts="none")
        assert report.loaded == full.loaded > 0 and report.posts_kept == 0
        assert scalar(store, "SELECT count(*) FROM posts WHERE dataset_id = ?", [report.dataset_id]) == 0
        for ds in (full.dataset_id, report.dataset_id):
            for kind, minute, title in (
                ("institutional_reaction", 53, "A ministry answers"),
                ("platform_statement", 55, "The platform answers"),
            ):
                add_event(
                    store,
                    {
                        "dataset_id": ds,
                        "event_type": kind,
                        "starts_at": datetime(2022, 9, 25, 23, minute),
                        "title": title,
                        "actor_name": "Test actor",
                        "platform": "x" if kind == "platform_statement" else None,
                        "confidence": "high",
                    },
                )
    finally:
        store.close()
    with streamlit_server(db) as url:
        yield url


def _settle(page) -> None:
    """Wait until the page's title (or an error box) is drawn and Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stMain"] h1, [data-testid="stException"]', timeout=90_000)
    settle(page, 90_000, 1500)


def _open(page, server: str, route: str, dataset: str, charted: bool) -> list[dict]:
    """Open ``route`` on ``dataset``, screenshot it, check it shows no error box; return what its figures show."""
    page.goto(f"{server}/{route}?lang=en&dataset={dataset}")
    _settle(page)
    shot = ARTIFACTS / f"keep-{dataset}-{route or 'overview'}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert_no_error(page)
    assert "dataset=" + dataset in page.url  # the dataset of the link, not another one
    if not charted:
        return []
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_timeout(800)
    page.screenshot(path=str(shot), full_page=True)
    figures = [  # the dataset's own name (titles, a comparison's trace) set aside: the rest must be equal
        {
            # the two datasets' names differ in length, so a title may wrap at another place: compare the words
            "title": f["title"].replace(dataset, "DATASET").replace("<br>", " · "),
            "traces": [[n.replace(dataset, "DATASET"), *r] for n, *r in f["traces"]],
        }
        for f in page.evaluate(FIGURES_JS)
    ]
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()  # the overview's numbers
    return [*figures, {"metrics": metrics}]


@pytest.mark.parametrize("route,charted", PAGES, ids=[r or "overview" for r, _ in PAGES])
def test_a_rollups_only_dataset_opens_on_every_page(server, route, charted):
    with browser_page() as (page, outside):
        expected = _open(page, server, route, CONTROL, charted)  # the same file with every post: the reference
        shown = _open(page, server, route, NAME, charted)
        if charted:  # the same figures (titles with their n, traces with as many points) and the same numbers
            assert expected[:-1] and shown == expected  # at least one figure
        else:  # the datasets table (a canvas grid: read through its accessible table) says what each keeps
            cells = page.locator('[data-testid="stDataFrame"] [role="gridcell"]').all_inner_texts()
            assert "None (summary tables only)" in cells and "All posts" in cells, cells
        assert outside == [], f"the app reached outside the machine: {outside[:5]}"
