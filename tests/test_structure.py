"""The layering rules of the engineering standards, checked on the source tree."""

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


def test_core_never_imports_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in _sources("clameur")
        if re.search(r"^\s*(import streamlit|from streamlit)", p.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+TABLE)\b", re.I)


@pytest.mark.parametrize("folder", ["views", "ui"])
def test_no_sql_in_pages_or_ui(folder):
    offenders = [str(p.relative_to(ROOT)) for p in _sources(folder) if SQL.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_page_has_an_apptest():
    tests_text = "\n".join(p.read_text(encoding="utf-8") for p in _sources("tests"))
    missing = [p.name for p in _sources("views") if f"views/{p.name}" not in tests_text]
    assert missing == []


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (it comes with the test extra)")
    result = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]
