"""PNG and SVG exports: the slide size, and the provenance printed on the image itself."""

from __future__ import annotations

import struct

import pytest

from clameur.charts.export import ExportError, figure_image
from clameur.overview.builder import build_overview
from clameur.privacy import Pseudonymizer
from clameur.store import dataset_by_name
from tests.browser import require_chromium


@pytest.fixture(scope="module")
def overview_chart(demo_store):
    require_chromium()
    ds = dataset_by_name(demo_store, "balancetontiktokeur")
    return build_overview(demo_store, ds, "Europe/Paris", "en", Pseudonymizer(None, None, enabled=False)).chart


def test_png_is_16_9_at_scale_3(overview_chart):
    png = figure_image(overview_chart, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (3 * 1280, 3 * 720)


def test_svg_carries_title_provenance_and_source(overview_chart):
    svg = figure_image(overview_chart, "svg").decode("utf-8")
    assert "Posts per hour, by kind" in svg
    assert "times in Europe/Paris" in svg and "bin 1 h" in svg and "n = 29,450" in svg
    assert "SYNTHETIC DEMO DATA" in svg and "Source: balancetontiktokeur" in svg


def test_an_unknown_format_is_refused():
    with pytest.raises(ExportError, match="Unknown image format"):
        figure_image(None, "gif")
