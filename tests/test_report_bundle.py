"""The report bundle (issue #7): one ZIP with every figure of the page as PNG and SVG, their data as CSV and a
README of the parameters and sources printed on the figures."""

from __future__ import annotations

import io
import zipfile

from clameur.i18n import t
from clameur.report_bundle import bundle
from tests.browser import require_chromium
from tests.conftest import run_page


def test_the_timeline_page_bundles_its_figures_data_and_readme(app_db):
    require_chromium()
    at = run_page("views/timeline/page.py", lang="en", bin="day")
    assert not at.exception
    assert t("report.button", "en") in [b.label for b in at.sidebar.get("download_button")]
    figures = at.session_state["report_figures"]
    charts = at.get("plotly_chart")
    assert len(figures) == len(charts) >= 2  # the timeline and the campaigns compared
    archive = zipfile.ZipFile(io.BytesIO(bundle("Timeline", figures, "en", "/timeline?bin=day")))
    names = set(archive.namelist())
    for fig in figures:
        stems = {n.rsplit(".", 1)[0] for n in names if n.startswith(fig.name)}
        assert stems, fig.name
    assert sum(n.endswith(".png") for n in names) == sum(n.endswith(".svg") for n in names) == len(figures)
    assert sum(n.endswith(".csv") for n in names) == sum(f.data is not None for f in figures)
    png = next(n for n in names if n.endswith(".png"))
    assert archive.read(png).startswith(b"\x89PNG\r\n\x1a\n")
    readme = archive.read("README.md").decode("utf-8")
    assert "/timeline?bin=day" in readme
    for fig in figures:
        meta = fig.figure.layout.meta
        assert meta["clameur_provenance"].split(" · ")[0] in readme  # the dataset named on the figure
    assert "times in Europe/Paris" in readme and "Source: balancetontiktokeur" in readme


def test_two_figures_with_the_same_name_do_not_overwrite_each_other(app_db):
    require_chromium()
    at = run_page("views/overview/page.py", lang="fr")
    figures = at.session_state["report_figures"]
    assert figures
    twice = [figures[0], figures[0]]
    archive = zipfile.ZipFile(io.BytesIO(bundle("Vue d'ensemble", twice, "fr")))
    assert len([n for n in archive.namelist() if n.endswith(".svg")]) == 2


def test_the_overview_offers_the_bundle_too(app_db):
    at = run_page("views/overview/page.py", lang="fr")
    assert t("report.button", "fr") in [b.label for b in at.sidebar.get("download_button")]
    assert len(at.session_state["report_figures"]) == len(at.get("plotly_chart"))
