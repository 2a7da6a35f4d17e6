"""Every visible string has both languages: each key the code passes to ``t()`` is in the French and the
English tables, the two tables hold the same keys, and no text is empty.

Keys are read from the source (clameur/, ui/, views/, app.py), not from running pages, so a string on a
branch no test reaches is checked too. Keys built at run time (``t(f"event.{kind}")``) are expanded over
the values the code can give them, declared in ``families()``; a new kind of built key fails the test
until its values are declared there.
"""

from __future__ import annotations

import ast
import re
import string
from datetime import datetime
from pathlib import Path

import pytest

from clameur import heavy, i18n, settings, window
from clameur import tables as tables_shown
from clameur.charts.export import FORMATS
from clameur.network.figures import COLOUR_BY
from clameur.network.model import KINDS as NETWORK_KINDS
from clameur.network.model import METRICS
from clameur.reactions import platforms
from clameur.reactions.effects import window_stats
from clameur.timeline.queries import BINS, MEASURES, MODES, STACKS

ROOT = Path(__file__).resolve().parents[1]
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.([a-z0-9_]+|\{\}))+$")  # a key, or a template such as event.{}
# Dotted literals that name files, not strings (``"events.csv"``); source formats' field paths live in ingest/.
FILE_SUFFIXES = {"csv", "json", "jsonl", "ndjson", "parquet", "png", "svg", "gexf", "graphml", "duckdb", "py", "key"}


def sources() -> list[Path]:
    files = [p for folder in ("clameur", "ui", "views") for p in sorted((ROOT / folder).rglob("*.py"))]
    return [p for p in [*files, ROOT / "app.py"] if "i18n" not in p.relative_to(ROOT).parts]


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _calls(tree: ast.AST, name: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name and node.args:
            yield node.args[0]


def _template(arg: ast.expr) -> str | None:
    """``"a.b"`` → ``"a.b"``; ``f"a.{x}"`` and ``"a." + x`` → ``"a.{}"``; a bare variable → None."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in arg.values)
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
        left, right = _template(arg.left), _template(arg.right)
        return (left or "{}") + (right or "{}") if left or right else None
    return None


def t_templates() -> dict[str, set[str]]:
    """Every key or key template passed to ``t()``, with the files it appears in."""
    found: dict[str, set[str]] = {}
    for path in sources():
        for arg in _calls(_tree(path), "t"):
            template = _template(arg)
            if template is not None:
                found.setdefault(template, set()).add(str(path.relative_to(ROOT)))
    return found


def _first_args(paths, helper: str) -> list[str]:
    return [a.value for p in paths for a in _calls(_tree(p), helper) if isinstance(a, ast.Constant)]


def families(store) -> dict[str, tuple[str, ...]]:
    """The values each built key can take, from the constants the code draws them from."""
    areas = _first_args(sorted((ROOT / "views").glob("*/page.py")), "page")  # ui.context.page(area): title and intro
    empty = datetime(2000, 1, 1)
    return {
        "{}.title": tuple(areas),
        "{}.intro": tuple(areas),
        "overview.{}": tuple(_first_args([ROOT / "clameur" / "overview" / "builder.py"], "fig")),  # key-figure tiles
        "timeline.stack.{}": STACKS,
        "bin.{}": ("auto", *BINS),  # the bin select and the provenance
        "bin.per.{}": tuple(BINS),  # "posts per hour" in titles
        "timeline.mode.{}": MODES,
        "timeline.measure.{}": MEASURES,
        "timeline.y.{}": MEASURES,  # the y-axis title of counts
        "network.kind.{}": NETWORK_KINDS,
        "network.metric.{}": METRICS,
        "network.colour.{}": COLOUR_BY,
        "network.verb.{}": tuple(k for k in NETWORK_KINDS if k != "hashtag"),  # hashtag has its own sentence
        "network.self.{}": tuple(k for k in NETWORK_KINDS if k != "hashtag"),  # a tag is never its own pair
        "download.{}": FORMATS,
        "kind.{}": settings.KINDS,
        "event.{}": settings.EVENT_TYPES,
        "confidence.{}": settings.CONFIDENCE_LEVELS,
        "actor.{}": settings.ACTOR_CATEGORIES,
        "effects.m.{}": tuple(window_stats(store, 0, empty, empty, [], [])),  # the before/after measures
        "table.{}": tables_shown.COLUMNS,
        "state.bad_time.{}": window.REASONS,  # why a link's time window cannot be used
        "status.{}": (*settings.RESPONSE_STATUSES, *platforms.STATUSES),
        "object.{}": tables_shown.OBJECTS,
        "heavy.waiting.{}": heavy.WAIT_REASONS,
        "heavy.too_big.{}": heavy.BUDGETED,
        "data.keep.{}": settings.KEEP_POSTS,  # which posts an import keeps: the Data page's select
        "data.kept.{}": settings.KEEP_POSTS,  # and the sentence of the import report
    }


def loose_templates(areas: set[str]) -> dict[str, set[str]]:
    """Keys and key templates of a catalogue area written outside ``t()`` and handed to it through a variable
    (menu entries, axis titles chosen by mode: ``{"count": f"timeline.y.{measure}"}``)."""
    found: dict[str, set[str]] = {}
    for path in sources():
        if "ingest" in path.relative_to(ROOT).parts:
            continue
        for node in ast.walk(_tree(path)):
            template = _template(node) if isinstance(node, (ast.Constant, ast.JoinedStr)) else None
            if not isinstance(template, str) or not KEY.match(template):
                continue
            if template.split(".")[0] in areas and template.rsplit(".", 1)[-1] not in FILE_SUFFIXES:
                found.setdefault(template, set()).add(str(path.relative_to(ROOT)))
    return found


def all_templates() -> dict[str, set[str]]:
    found = t_templates()
    for template, where in loose_templates({key.split(".", 1)[0] for key in i18n.catalog()}).items():
        found.setdefault(template, set()).update(where)
    return found


def tables() -> dict[str, dict[str, str]]:
    """The catalogue as one table per language: {lang: {key: text}}."""
    out: dict[str, dict[str, str]] = {lang: {} for lang in i18n.LANGS}
    for key, entry in i18n.catalog().items():
        for lang, text in entry.items():
            out.setdefault(lang, {})[key] = text
    return out


def used_keys(fams: dict[str, tuple[str, ...]]) -> dict[str, set[str]]:
    """Every key the code can pass to ``t()``, with where it comes from."""
    used: dict[str, set[str]] = {}
    for template, where in all_templates().items():
        for value in fams.get(template, ()) if "{}" in template else (None,):
            used.setdefault(template if value is None else template.replace("{}", value), set()).update(where)
    return used


def missing(used: dict[str, set[str]], tabs: dict[str, dict[str, str]]) -> list[str]:
    return sorted(
        f"{lang}: {key} (in {', '.join(sorted(used[key]))})" for lang in tabs for key in used if key not in tabs[lang]
    )


@pytest.fixture(scope="module")
def fams(tmp_path_factory) -> dict[str, tuple[str, ...]]:
    from clameur.store import open_store

    store = open_store(tmp_path_factory.mktemp("i18n") / "db" / "clameur.duckdb")  # empty: for window_stats' keys
    try:
        return families(store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def used(fams) -> dict[str, set[str]]:
    return used_keys(fams)


def test_every_built_key_has_its_values_declared(fams):
    built = {template: where for template, where in all_templates().items() if "{}" in template}
    assert {tpl: sorted(where) for tpl, where in built.items() if tpl not in fams} == {}
    assert [tpl for tpl, values in fams.items() if not values] == []


def test_the_scan_finds_the_keys_the_pages_use(used):
    assert len(used) > 250
    for key in ("nav.data", "timeline.chart_title", "event.meeting", "network.kind.hashtag", "timeline.title"):
        assert key in used, key
    assert "app.bsky.embed.record" not in used and "events.csv" not in used


def test_every_key_used_exists_in_french_and_english(used):
    assert missing(used, tables()) == []


def test_a_removed_translation_is_reported(used):
    tabs = tables()
    del tabs["fr"]["nav.data"]
    assert missing(used, tabs) == ["fr: nav.data (in app.py)"]


def test_french_and_english_tables_have_the_same_keys_and_no_empty_text():
    tabs = tables()
    assert set(tabs) == set(i18n.LANGS)
    assert sorted(set(tabs["fr"]) ^ set(tabs["en"])) == []
    empty = [f"{lang}: {key}" for lang, table in tabs.items() for key, text in table.items() if not text.strip()]
    assert empty == []


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_languages_take_the_same_placeholders():
    tabs = tables()
    differ = [key for key in tabs["en"] if _fields(tabs["en"][key]) != _fields(tabs["fr"].get(key, ""))]
    assert differ == []


def test_no_key_is_written_twice_in_one_module():
    """``STRINGS.update`` would silently replace an earlier entry of the same module."""
    twice = []
    for path in sorted((ROOT / "clameur" / "i18n").glob("*.py")):
        keys = [
            k.value
            for node in ast.walk(_tree(path))
            if isinstance(node, ast.Dict)
            for k in node.keys
            if isinstance(k, ast.Constant) and isinstance(k.value, str) and KEY.match(k.value)
        ]
        twice += [f"{path.name}: {k}" for k in sorted({k for k in keys if keys.count(k) > 1})]
    assert twice == []
