"""Shared fixtures: real DuckDB databases in temporary folders (no mocks)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from clameur.store import open_store  # noqa: E402

# pytest's --basetemp (pyproject) lives here; a fresh clone does not have the folder yet.
(ROOT / "tests" / ".artifacts").mkdir(exist_ok=True)


@pytest.fixture
def store(tmp_path):
    """An empty, migrated, locked-down store in a temp folder."""
    s = open_store(tmp_path / "db" / "clameur.duckdb", read_dirs=[tmp_path])
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory) -> Path:
    """A database file with the demo built once per test session (copy it before writing)."""
    from clameur.demo.build import build_demo

    path = tmp_path_factory.mktemp("demo") / "clameur.duckdb"
    s = open_store(path)
    build_demo(s)
    s.close()
    return path


@pytest.fixture(scope="session")
def demo_store(demo_db_path):
    """The demo database, opened once; use it read-only."""
    s = open_store(demo_db_path)
    yield s
    s.close()


@pytest.fixture
def demo_copy(demo_db_path, tmp_path) -> Path:
    """A private copy of the demo database that the test may write to, alone in its folder (so with its own
    installation key)."""
    dest = tmp_path / "demo_copy" / "clameur.duckdb"
    dest.parent.mkdir()
    shutil.copy(demo_db_path, dest)
    return dest


@pytest.fixture
def app_db(demo_db_path, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo database, exported as CLAMEUR_DB for AppTests."""
    dest = tmp_path / "app" / "clameur.duckdb"
    dest.parent.mkdir(parents=True)
    shutil.copy(demo_db_path, dest)
    monkeypatch.setenv("CLAMEUR_DB", str(dest))
    return dest


@pytest.fixture
def fixtures_dir() -> Path:
    """The real sample files, kept in the repository (tests/fixtures/MANIFEST.md)."""
    assert FIXTURES.is_dir(), f"the real sample files are missing from {FIXTURES}"
    return FIXTURES


@pytest.fixture
def fstore(tmp_path, fixtures_dir):
    """An empty database in a temp folder that may read the real sample files and the test's own files."""
    s = open_store(tmp_path / "db" / "c.duckdb", read_dirs=[fixtures_dir, tmp_path])
    yield s
    s.close()


def run_page(path: str, **params):
    """Run a page (path relative to the project root) in AppTest with URL query parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / path), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def plotly_values(value) -> list:
    """Values of a plotly trace array from figure JSON (plain list or plotly's base64 typed array)."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return arr.tolist()
    return list(value or [])


@pytest.fixture(autouse=True)
def _no_editor_token_from_the_shell(monkeypatch):
    """Page tests edit events and upload files: a CLAMEUR_EDITOR_TOKEN set in the shell must not lock them."""
    monkeypatch.delenv("CLAMEUR_EDITOR_TOKEN", raising=False)


# Under CI=true a skipped test is a failure: a skip there hides a missing install step. The README names the
# reasons allowed to skip (none today).
ALLOWED_SKIPS_IN_CI: tuple[str, ...] = ()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr)
        if not any(allowed in reason for allowed in ALLOWED_SKIPS_IN_CI):
            report.outcome = "failed"
            report.longrepr = f"skipped under CI=true, which counts as a failure: {reason}"


def count_calls(monkeypatch, module, *names: str):
    """A Counter of the calls made to these functions of ``module`` (they still run)."""
    from collections import Counter

    calls = Counter()
    for name in names:
        real = getattr(module, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return calls
