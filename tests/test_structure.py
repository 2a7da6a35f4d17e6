"""The layout and layering rules of the engineering standards, checked on the source tree."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _sources(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    assert Path(found).exists(), f"{name} is not installed (it comes with the test extra)"
    return found


def test_import_contracts_hold():
    """views and commands > ui > features > shared ground; the core never imports Streamlit (pyproject.toml)."""
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_no_pages_folder_beside_app_py():
    """A folder named pages/ beside the main script, even holding only sub-folders, makes Streamlit run a server's
    first session in its old multipage mode: a deep link as that first request opened its English "Page not found"
    dialog over the right page. The pages live in views/."""
    assert not (ROOT / "pages").exists()


def test_views_folder_holds_only_page_folders():
    entries = sorted(p.name for p in (ROOT / "views").iterdir() if p.name != "__pycache__")
    assert all((ROOT / "views" / name).is_dir() for name in entries), entries
    assert all((ROOT / "views" / name / "page.py").is_file() for name in entries), entries


def test_app_serves_every_page_folder():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    routes = re.findall(r'^\s*\("(\w+)", "nav\.', app, re.M)
    assert sorted(routes) == sorted(p.name for p in (ROOT / "views").iterdir() if p.is_dir() and p.name[0] != "_")


SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+TABLE)\b", re.I)


@pytest.mark.parametrize("folder", ["views", "ui"])
def test_no_sql_in_views_or_ui(folder):
    offenders = [str(p.relative_to(ROOT)) for p in _sources(folder) if SQL.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_page_has_an_apptest():
    tests_text = "\n".join(p.read_text(encoding="utf-8") for p in _sources("tests"))
    pages = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "views").glob("*/page.py"))]
    assert pages
    assert [p for p in pages if f'"{p}"' not in tests_text] == []


def test_no_comment_cites_a_document_outside_the_repository():
    outside = re.compile(r"BAD_INPUTS|DESIGN\.md|SOURCES\.md|\.\./shared")
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("clameur", "ui", "views", "bench", "tests")
        for p in _sources(folder)
        if p.name != "test_structure.py" and outside.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_ruff_is_clean():
    result = subprocess.run([_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]
