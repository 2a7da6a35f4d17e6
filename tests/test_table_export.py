"""Formula safety on every table a person can download (issue 21 §9): Streamlit's own "Download as CSV" exported
cells verbatim, so it is off; every table keeps Clameur's formula-safe CSV beside it (the browser test clicks it)."""

from __future__ import annotations

import tomllib

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, run_page


def test_streamlits_table_export_is_off_in_the_apps_configuration():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["client"]["disableDataExport"] is True


def test_the_app_turns_it_off_itself_when_started_without_that_configuration(app_db):
    before = config.get_option("client.disableDataExport")
    config.set_option("client.disableDataExport", False)  # as if .streamlit/config.toml were not read
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
        assert not at.exception
        assert config.get_option("client.disableDataExport") is True
    finally:
        config.set_option("client.disableDataExport", before)


# Tables whose rows have their own registry export beside them (events.csv, actors.csv), not a second CSV.
WITH_REGISTRY_EXPORT = {
    "views/overview/page.py": 0,
    "views/timeline/page.py": 1,
    "views/institutions/page.py": 1,
    "views/platforms/page.py": 1,
    "views/data/page.py": 0,
}


@pytest.mark.parametrize("path", list(WITH_REGISTRY_EXPORT))
def test_every_table_has_clameurs_formula_safe_csv_beside_it(app_db, path):
    at = run_page(path, lang="en")
    assert not at.exception
    tables = len(at.dataframe)
    own = [b for b in at.download_button if (b.key or "").startswith("table_csv_")]
    assert tables > 0
    assert len(own) == tables - WITH_REGISTRY_EXPORT[path]
    assert {b.label for b in own} == {"Data (CSV)"}
