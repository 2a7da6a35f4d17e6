"""Text from data and URLs never becomes Markdown (issue 21 §4): the payloads of the issue in URL parameters, an
imported dataset name and hashtag, and an event title give no link and no image on any page.

A rendered body is checked the way Streamlit would read it: once every backslash-escaped character is taken out,
no link or image syntax, HTML, maths or colour directive is left; and no bare http://, https:// or www. remains for
GitHub's autolinks to find."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

from clameur.ingest import run_import
from clameur.markdown_safe import WORD_JOINER, md
from clameur.reactions.events import add_event
from clameur.store import open_store, query
from tests.conftest import run_page

PAYLOAD = "![](http://tracker.example/u.png)[Sign in again](http://evil.example)"
MORE = [
    PAYLOAD,
    "[click](http://x.example) :red[x] :material/home: $\\href{http://evil.example}{x}$ <img src=x onerror=alert(1)>",
    "<https://evil.example/auto> www.evil.example me@evil.example",
    "line\n# heading\n- item | a | b |\r\n[ref]: http://evil.example",
]
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")
_SYNTAX = re.compile(r"\]\(|!\[|<|\$|:[a-z-]+\[|\]:|\]\[")
_AUTOLINK = re.compile(r"(?i)https?://|www\.")


def plain(body: str) -> str:
    """The text a reader sees: escapes taken away."""
    return _ESCAPED.sub(lambda m: m.group(0)[1], body)


def rendered_problems(body: str) -> list[str]:
    """What Streamlit's Markdown would turn into a link, an image, HTML, maths or a directive in ``body``."""
    unescaped = _ESCAPED.sub("", body)
    text = plain(body)
    return [m.group(0) for m in _SYNTAX.finditer(unescaped)] + [m.group(0) for m in _AUTOLINK.finditer(text)]


def markdown_bodies(at) -> list[str]:
    """Every piece of Markdown the run rendered: text elements, alerts, titles, captions, help and labels."""
    bodies = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "warning", "info", "error", "success"):
        bodies += [el.value for el in at.get(kind)]
    bodies += [m.help or "" for m in at.metric] + [m.label for m in at.metric]
    bodies += [el.label for el in at.get("expander")] + [c.label for c in at.checkbox]
    return bodies


def assert_safe(at, needle: str) -> None:
    assert not at.exception, at.exception
    shown = [b for b in markdown_bodies(at) if needle in plain(b)]
    assert shown, f"the page does not show {needle!r} at all"
    for body in shown:
        assert rendered_problems(body) == [], body


@pytest.mark.parametrize("text", MORE)
def test_md_leaves_nothing_that_markdown_renders_and_reads_back_as_the_text(text):
    out = md(text)
    assert rendered_problems(out) == []
    assert "\n" not in out and "\r" not in out
    back = plain(out).replace(WORD_JOINER, "")
    assert back == re.sub(r"[\r\n]+", " ", text)


def test_plain_words_and_numbers_are_left_alone():
    assert md("BalanceTonTikTokeur 2020") == "BalanceTonTikTokeur 2020"
    assert md(None) == ""


@pytest.mark.parametrize(
    ("path", "param", "value"),
    [
        ("views/overview/page.py", "dataset", PAYLOAD),
        ("views/overview/page.py", "tz", PAYLOAD),
        ("views/overview/page.py", "privacy", PAYLOAD),
        ("views/timeline/page.py", "bin", PAYLOAD),
        ("views/network/page.py", "kind", PAYLOAD),
        ("views/timeline/page.py", "stack", MORE[1]),
        ("views/overview/page.py", "dataset", MORE[2]),
    ],
)
def test_echoed_url_parameters_make_no_link_and_no_image(app_db, path, param, value):
    at = run_page(path, **{param: value})
    assert any("evil" in w.value for w in at.sidebar.warning)
    assert_safe(at, "evil.example")


def add_hostile_data(db: Path, fixtures_dir: Path, scratch: Path) -> int:
    """Into ``db`` (a copy of the demo): a dataset imported from a real twarc2 sample whose name and hashtags are
    the payload, and an event of the demo campaign whose title is the payload; returns the event's id."""
    pages = []
    for line in (fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            page = json.loads(line)
            for tweet in page.get("data", []) + page.get("includes", {}).get("tweets", []):
                tweet.setdefault("entities", {})["hashtags"] = [{"start": 0, "end": 1, "tag": PAYLOAD}]
            pages.append(json.dumps(page))
    crafted = scratch / "crafted.jsonl"
    crafted.write_text("\n".join(pages) + "\n", encoding="utf-8")
    store = open_store(db, read_dirs=[scratch])
    report = run_import(store, crafted, dataset_name=PAYLOAD, original_name="crafted.jsonl")
    assert report.loaded > 0
    first = query(
        store,
        """SELECT starts_at FROM events e JOIN datasets d USING (dataset_id)
           WHERE d.name = 'balancetontiktokeur' AND event_type = 'institutional_reaction' ORDER BY starts_at LIMIT 1""",
    )["starts_at"].iloc[0]
    ds = int(query(store, "SELECT dataset_id FROM datasets WHERE name = 'balancetontiktokeur'")["dataset_id"].iloc[0])
    event_id = add_event(
        store,
        {
            "dataset_id": ds,
            "event_type": "institutional_reaction",
            "starts_at": first.to_pydatetime() + timedelta(hours=1),
            "title": PAYLOAD,
            "actor_name": PAYLOAD,
            "confidence": "low",
        },
    )
    store.close()
    return event_id


@pytest.fixture
def hostile_db(app_db, fixtures_dir, tmp_path):
    return add_hostile_data(app_db, fixtures_dir, tmp_path)


def test_an_imported_name_and_hashtag_make_no_link_in_the_overview(hostile_db):
    for lang in ("en", "fr"):
        at = run_page("views/overview/page.py", dataset=PAYLOAD, lang=lang)
        assert not at.sidebar.warning, "the dataset is chosen, not refused"
        title = plain(at.title[0].value)
        assert "tracker.example" in title  # the tag is in the title, as text
        assert_safe(at, "evil.example")
        assert any("evil.example" in plain(m.help or "") for m in at.metric)


def test_an_event_title_makes_no_link_in_the_effect_sentence(hostile_db):
    at = run_page("views/institutions/page.py", event=str(hostile_db), lang="en")
    assert any("“" + PAYLOAD in plain(m.value).replace(WORD_JOINER, "") for m in at.markdown)
    assert_safe(at, "evil.example")


def test_the_payload_url_is_the_one_of_the_issue():
    # the browser test opens this address; keep it the issue's own
    assert quote(PAYLOAD, safe="").startswith("%21%5B%5D%28http")
