"""The report bundle: one ZIP with a page's figures (PNG and SVG), their data (CSV) and a README of the
parameters and sources printed on each figure, for a newsroom's archive."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import plotly.graph_objects as go

from clameur.charts.export import FORMATS, figure_image
from clameur.exports import csv_bytes
from clameur.i18n import t


@dataclass
class BundledFigure:
    name: str  # file stem, e.g. "timeline"
    figure: go.Figure
    data: pd.DataFrame | None


def _stem(name: str, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "figure"
    unique, n = stem, 2
    while unique in taken:
        unique, n = f"{stem}-{n}", n + 1
    taken.add(unique)
    return unique


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", str(text or "")).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def readme(
    page: str, figures: list[tuple[str, BundledFigure]], lang: str, link: str | None, privacy: str | None = None
) -> str:
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# Clameur — {page}", "", f"{t('report.made', lang)}: {made}"]
    if link:
        lines.append(f"{t('report.link', lang)}: {link}")
    if privacy:  # whether the figures and CSV files name every account (Pseudonymizer.notice)
        lines.append(privacy)
    for stem, fig in figures:
        layout = fig.figure.layout
        meta = layout.meta if isinstance(layout.meta, dict) else {}
        files = [f"{stem}.{ext}" for ext in FORMATS] + ([f"{stem}.csv"] if fig.data is not None else [])
        lines += [
            "",
            f"## {_plain(layout.title.text)}",
            f"- {t('report.files', lang)}: {', '.join(files)}",
            f"- {t('report.parameters', lang)}: {_plain(meta.get('clameur_provenance', ''))}",
            f"- {_plain(meta.get('clameur_source', ''))}",
        ]
    return "\n".join(lines) + "\n"


def bundle(
    page: str, figures: list[BundledFigure], lang: str, link: str | None = None, privacy: str | None = None
) -> bytes:
    """The ZIP bytes (images drawn by the one kept-alive kaleido browser); ``privacy``: the page's privacy notice,
    written in the README."""
    taken: set[str] = set()
    named = [(_stem(f.name, taken), f) for f in figures]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for stem, fig in named:
            for fmt in FORMATS:
                zf.writestr(f"{stem}.{fmt}", figure_image(fig.figure, fmt))
            if fig.data is not None:
                zf.writestr(f"{stem}.csv", csv_bytes(fig.data))
        zf.writestr("README.md", readme(page, named, lang, link, privacy))
    return out.getvalue()
