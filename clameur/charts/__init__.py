"""The house chart style: one explicit template, provenance printed on every figure.

Every figure of the app is built in this package and finished with :func:`finish`, which sets the
template on the figure itself (pages show it with ``theme=None`` so screen and export match), the
title, a subtitle with dataset, period, time zone, bin and n, and a source line.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import plotly.graph_objects as go
import plotly.io as pio

from clameur.i18n import fmt_int, t

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # green
    "#CC79A7",  # pink
    "#56B4E9",  # sky
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",
)
KIND_COLOURS = {
    "original": "#0072B2",
    "retweet": "#56B4E9",
    "quote": "#E69F00",
    "reply": "#009E73",
}
FONT = "DejaVu Sans, Arial, sans-serif"
WIDTH, HEIGHT = 1280, 720  # 16:9, legible at slide size

HOUSE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=14, color="#222222"),
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(showgrid=True, gridcolor="#E5E5E5", linecolor="#888888", ticks="outside", zeroline=False),
        yaxis=dict(showgrid=True, gridcolor="#E5E5E5", linecolor="#888888", ticks="outside", zeroline=False),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, bgcolor="rgba(0,0,0,0)"),
        hoverlabel=dict(font=dict(family=FONT, size=13), bgcolor="white"),
        margin=dict(l=70, r=30, t=120, b=110),
    )
)
pio.templates["clameur"] = HOUSE


def esc(text: object) -> str:
    """Escape user text for plotly labels and hover (plotly renders <a>, <b>, <span style>)."""
    return html.escape("" if text is None else str(text), quote=True)


@dataclass
class Provenance:
    """What a figure shows and where it comes from; printed on the figure."""

    datasets: list[str]
    period: str = ""  # already formatted in the display zone
    timezone: str = "UTC"
    bin: str | None = None  # e.g. "1 h"
    n: int | None = None  # posts (or nodes…) behind the figure
    n_label: str = "n"
    synthetic: bool = False
    extra: list[str] = field(default_factory=list)  # filters, privacy rule, …
    source: str = ""  # e.g. "twarc2 export, imported 2026-11-24"

    def subtitle(self, lang: str | None = None, wrap: int | None = None) -> str:
        """The parts joined by " · "; with ``wrap``, on lines of at most about ``wrap`` characters ("<br>")."""
        parts = [esc(p) for p in self._parts(lang) if p]
        if not wrap:
            return " · ".join(parts)
        lines: list[list[str]] = [[]]
        for part in parts:
            if lines[-1] and len(" · ".join([*lines[-1], part])) > wrap:
                lines.append([])
            lines[-1].append(part)
        return "<br>".join(" · ".join(line) for line in lines)

    def _parts(self, lang: str | None) -> list[str]:
        parts = [", ".join(self.datasets)]
        if self.period:
            parts.append(self.period)
        parts.append(t("prov.times_in", lang, tz=self.timezone))
        if self.bin:
            parts.append(f"{t('prov.bin', lang)} {self.bin}")
        if self.n is not None:
            parts.append(f"{self.n_label} = {fmt_int(self.n, lang)}")
        parts.extend(self.extra)
        return parts

    def source_line(self, lang: str | None = None) -> str:
        bits = []
        if self.synthetic:
            bits.append(t("prov.synthetic", lang))
        bits.append(t("prov.source", lang, source=self.source or ", ".join(self.datasets)))
        bits.append(t("prov.made_with", lang))
        return " · ".join(esc(b) for b in bits)


SUBTITLE_CHARS = 110


def finish(fig: go.Figure, title: str, prov: Provenance, lang: str | None = None) -> go.Figure:
    """Apply the house template, title, provenance subtitle and source line to ``fig``."""
    subtitle = prov.subtitle(lang, wrap=SUBTITLE_CHARS)  # wrapped: a cut provenance is no provenance
    extra_lines = subtitle.count("<br>")
    fig.update_layout(
        template=HOUSE,
        title=dict(
            # plotly's own subtitle: a "<br>" two-line title lost its first line's top in kaleido exports
            text=f"<b>{esc(title)}</b>",
            subtitle=dict(text=subtitle, font=dict(size=13, color="#555555")),
            x=0.01,
            xanchor="left",
            y=1,
            yref="container",
            yanchor="top",
            pad=dict(t=14),
        ),
        width=None,
        height=HEIGHT * 0.75,
        margin_t=HOUSE.layout.margin.t + 18 * extra_lines,
    )
    fig.add_annotation(
        text=prov.source_line(lang),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-72,  # in pixels, below tick labels and the axis title, whatever the figure's height
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font=dict(size=11, color="#555555"),
        name="provenance",
    )
    fig.update_layout(meta={"clameur_provenance": prov.subtitle(lang), "clameur_source": prov.source_line(lang)})
    return fig
