"""`clameur figure`: the page's figure as PNG (slide size) or SVG (title, provenance, source), errors as sentences."""

from __future__ import annotations

import html
import struct
from datetime import datetime

import pytest

from clameur.charts import HEIGHT, WIDTH
from clameur.charts.export import PNG_SCALE
from clameur.cli import main
from clameur.i18n import fmt_date, fmt_int, t
from clameur.store import query
from tests.browser import require_chromium

DATASET = "balancetontiktokeur"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CHARTS = ("timeline", "network", "reactions", "platforms")
# Non-default view options, so the tests also see them reach the figure.
VIEW = {
    "timeline": ["--bin", "hour", "--from", "2020-06-18T00:00", "--to", "2020-06-20T00:00"],
    "network": ["--kind", "mention"],
    "reactions": ["--timezone", "America/New_York"],
    "platforms": [],
}


def expected_title(chart: str, lang: str) -> str:
    """The figure's title, from the i18n tables and the options in VIEW."""
    if chart == "timeline":
        return t("timeline.chart_title", lang, bin=t("bin.per.hour", lang), stack=t("timeline.stack.kind", lang))
    if chart == "network":
        return t("network.chart_title", lang, kind=t("network.kind.mention", lang))
    if chart == "reactions":  # the demo spans two weeks: drawn by the hour
        return t("institutions.timeline", lang, bin=t("bin.per.hour", lang))
    return t("platforms.ladder_title", lang)


def figure_cli(db, out, chart: str, *extra: str) -> int:
    return main(["figure", DATASET, "--db", str(db), "--chart", chart, "--out", str(out), *VIEW[chart], *extra])


@pytest.fixture(scope="module")
def svgs(demo_db_path, demo_store, tmp_path_factory):
    """SVG text per (chart, lang), drawn once and on first use (each export costs a browser round trip)."""
    require_chromium()
    folder = tmp_path_factory.mktemp("svg")
    drawn: dict[tuple[str, str], str] = {}

    def get(chart: str, lang: str) -> str:
        if (chart, lang) not in drawn:
            out = folder / f"{chart}-{lang}.svg"
            assert figure_cli(demo_db_path, out, chart, "--lang", lang) == 0
            drawn[chart, lang] = html.unescape(out.read_text(encoding="utf-8"))
        return drawn[chart, lang]

    return get


@pytest.mark.parametrize("chart", [pytest.param(c, marks=pytest.mark.slow) if c == "network" else c for c in CHARTS])
def test_png_is_the_slide_size_and_the_path_is_printed(chart, demo_db_path, demo_store, tmp_path, capsys):
    require_chromium()
    out = tmp_path / f"{chart}.png"
    assert figure_cli(demo_db_path, out, chart) == 0
    assert capsys.readouterr().out.strip() == str(out)
    png = out.read_bytes()
    assert png[:8] == PNG_MAGIC and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (PNG_SCALE * WIDTH, PNG_SCALE * HEIGHT) == (3840, 2160)


@pytest.mark.parametrize("chart", CHARTS)
def test_svg_carries_title_provenance_and_source(chart, svgs):
    svg = svgs(chart, "en")
    tz = "America/New_York" if chart == "reactions" else "Europe/Paris"
    assert expected_title(chart, "en") in svg
    assert f"{DATASET} · " in svg and t("prov.times_in", "en", tz=tz) in svg
    assert t("prov.synthetic", "en") in svg and t("prov.source", "en", source=DATASET) in svg


def test_timeline_window_is_local_to_the_zone(svgs, demo_store):
    """--from/--to are ISO times on the Paris clock: the period printed and n match the posts in that window."""
    n = query(
        demo_store,
        "SELECT count(*) AS n FROM posts JOIN datasets USING (dataset_id) WHERE name = ? "
        "AND created_at >= TIMESTAMP '2020-06-17 22:00' AND created_at < TIMESTAMP '2020-06-19 22:00'",
        [DATASET],
    )["n"].iloc[0]
    svg = svgs("timeline", "en")
    period = f"{fmt_date(datetime(2020, 6, 18), 'en')} – {fmt_date(datetime(2020, 6, 20), 'en')}"
    assert period in svg and f"n = {fmt_int(n, 'en')}" in svg and 0 < n


def test_french_and_english_figures_have_their_own_titles(svgs):
    en, fr = svgs("timeline", "en"), svgs("timeline", "fr")
    assert expected_title("timeline", "fr") != expected_title("timeline", "en")
    assert expected_title("timeline", "fr") in fr and expected_title("timeline", "en") not in fr
    assert expected_title("timeline", "en") in en and t("prov.synthetic", "fr") in fr


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["nope", "--chart", "timeline"], "No dataset named “nope”"),
        ([DATASET, "--chart", "pie"], "Unknown --chart “pie”"),
        ([DATASET, "--chart", "timeline", "--from", "June 18th"], "--from “June 18th” is not a date and time"),
        ([DATASET, "--chart", "timeline", "--from", "2020-06-20", "--to", "2020-06-18"], "is not before --to"),
        ([DATASET, "--chart", "timeline", "--bin", "fortnight"], "Unknown bin “fortnight”"),
        ([DATASET, "--chart", "timeline", "--timezone", "Mars/Olympus"], "Unknown time zone “Mars/Olympus”"),
        ([DATASET, "--chart", "network", "--kind", "like"], "Unknown network kind “like”"),
        ([DATASET, "--chart", "timeline", "--kind", "mention"], "The timeline chart does not use --kind"),
        ([DATASET, "--chart", "reactions", "--event", "999"], "No event 999"),
    ],
)
def test_errors_are_one_sentence_and_exit_2(args, sentence, demo_db_path, demo_store, tmp_path, capsys):
    out = tmp_path / "figure.png"
    assert main(["figure", *args, "--db", str(demo_db_path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert sentence in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_out_must_name_an_image(demo_db_path, demo_store, tmp_path, capsys):
    assert figure_cli(demo_db_path, tmp_path / "figure.jpg", "platforms") == 2
    assert figure_cli(demo_db_path, tmp_path / "figure.png", "platforms", "--format", "svg") == 2
    errs = capsys.readouterr().err.splitlines()
    assert errs[0].startswith("clameur: --out must end in .png or .svg") and "--format is svg" in errs[1]


def test_figures_are_private_by_default_and_no_privacy_lifts_it(svgs, demo_db_path, tmp_path):
    rule = t("privacy.rule", "en", n="5,000")
    assert rule in svgs("network", "en")
    out = tmp_path / "open.svg"
    assert figure_cli(demo_db_path, out, "network", "--lang", "en", "--no-privacy") == 0
    assert rule not in html.unescape(out.read_text(encoding="utf-8"))
