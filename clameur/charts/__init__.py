"""The house chart style: one explicit template, provenance printed on every figure.

Every figure of the app is built in this package and finished with :func:`finish`, which sets the
template on the figure itself (pages show it with ``theme=None`` so screen and export match), the
title, a subtitle with dataset, period, time zone, bin and n, and a source line.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field

import plotly.graph_objects as go
import plotly.io as pio

from clameur.i18n import fmt_int, norm_lang, t

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
        return joined_lines(self._parts(lang), wrap)

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

    def source_line(self, lang: str | None = None, wrap: int | None = None) -> str:
        bits = []
        if self.synthetic:
            bits.append(t("prov.synthetic", lang))
        bits.append(t("prov.source", lang, source=self.source or ", ".join(self.datasets)))
        bits.append(t("prov.made_with", lang))
        return joined_lines(bits, wrap)


def joined_lines(parts: list[str], wrap: int | None = None) -> str:
    """Escaped ``parts`` joined by " · "; with ``wrap``, broken into lines ("<br>") of at most about ``wrap``
    characters, between parts where possible and between words of a part too long for a line."""
    pieces = [esc(p) for p in parts if p]
    if not wrap:
        return " · ".join(pieces)
    lines: list[list[str]] = [[]]
    for part in pieces:
        for chunk in textwrap.wrap(part, wrap, break_long_words=False) or [part]:
            if lines[-1] and len(" · ".join([*lines[-1], chunk])) > wrap:
                lines.append([])
            lines[-1].append(chunk)
    return "<br>".join(" · ".join(line) for line in lines)


SUBTITLE_CHARS = 110
# plotly's number separators (decimal, thousands) per language: "2 333,5" in French, "2,333.5" in English.
SEPARATORS = {"fr": ",\u202f", "en": ".,"}


TITLE_CHARS = 64  # a longer title is broken into lines: plotly clips a title wider than the figure
TITLE_SIZE = 14 * 1.2  # plotly's default: 1.2 × the font size
SUBTITLE_SIZE = 13


def title_lines(title: str, chars: int = TITLE_CHARS) -> list[str]:
    return textwrap.wrap(title, chars, break_long_words=False, break_on_hyphens=False) or [""]


def _title(lines: list[str], subtitle: str, title_size: float, subtitle_size: float) -> dict:
    """The title block: each line bold, plotly's own subtitle under it. Plotly anchors a multi-line title by its
    middle, so its top is pushed down by half the extra lines, and the top margin grows by all of them."""
    extra = len(lines) - 1
    return dict(
        text="<br>".join(f"<b>{esc(line)}</b>" for line in lines),
        subtitle=dict(text=subtitle, font=dict(size=subtitle_size, color="#555555")),
        font=dict(size=title_size),
        x=0.01,
        xanchor="left",
        y=1,
        yref="container",
        yanchor="top",
        pad=dict(t=14 + title_size * 1.3 * extra / 2),
    )


def _top_margin(title_n: int, subtitle_n: int, title_size: float, subtitle_size: float) -> float:
    """Room for the title lines, the subtitle lines and the legend row above the plot."""
    base = HOUSE.layout.margin.t  # one title line, one subtitle line and the legend at the house sizes
    return base + title_size * 1.3 * (title_n - 1) + subtitle_size * 1.4 * (subtitle_n - 1)


NARROW = 0.5  # a figure drawn in half the page's width (the network's time slices) breaks its lines twice as short


def finish(fig: go.Figure, title: str, prov: Provenance, lang: str | None = None, *, width: float = 1.0) -> go.Figure:
    """Apply the house template, title, provenance subtitle and source line to ``fig``. ``width`` is the share of
    the page's width the figure is drawn in: its text lines are broken to fit it."""
    subtitle = prov.subtitle(lang, wrap=int(SUBTITLE_CHARS * width))  # wrapped: a cut provenance is no provenance
    source = prov.source_line(lang, wrap=int(SUBTITLE_CHARS * 1.1 * width) if width < 1 else None)
    lines = title_lines(title, int(TITLE_CHARS * width))
    fig.update_layout(
        template=HOUSE,
        # plotly's own subtitle: a "<br>" two-line title lost its first line's top in kaleido exports
        title=_title(lines, subtitle, TITLE_SIZE, SUBTITLE_SIZE),
        width=None,
        height=HEIGHT * 0.75,
        separators=SEPARATORS[norm_lang(lang)],
        margin_t=_top_margin(len(lines), subtitle.count("<br>") + 1, TITLE_SIZE, SUBTITLE_SIZE),
        margin_b=HOUSE.layout.margin.b + 14 * source.count("<br>"),
    )
    fig.add_annotation(
        text=source,
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
    fig.update_layout(
        meta={
            "clameur_provenance": prov.subtitle(lang),
            "clameur_source": prov.source_line(lang),
            "clameur_title": title,
            "clameur_subtitle": prov.subtitle(lang, wrap=SUBTITLE_CHARS),  # a slide is drawn full width
        }
    )
    return fig


SLIDE_FONT, SLIDE_TITLE, SLIDE_SUBTITLE, SLIDE_LABELS, SLIDE_TITLE_CHARS = 16, 26, 17, 15, 56


def slide(fig: go.Figure, height: int = HEIGHT) -> go.Figure:
    """A copy of a finished figure for a projected slide: every text larger (title, provenance, ticks, legend,
    event and marker labels, the source line), the title re-broken for its size, the margins grown to match, at
    ``height`` pixels."""
    big = go.Figure(fig)
    meta = dict(big.layout.meta or {})
    if "clameur_title" not in meta:  # not a house figure: only the sizes
        big.update_layout(font_size=SLIDE_FONT, height=height)
        return big
    lines = title_lines(meta["clameur_title"], SLIDE_TITLE_CHARS)
    subtitle = meta.get("clameur_subtitle", "")
    big.update_layout(
        font_size=SLIDE_FONT,
        title=_title(lines, subtitle, SLIDE_TITLE, SLIDE_SUBTITLE),
        height=height,
        margin_t=_top_margin(len(lines), subtitle.count("<br>") + 1, SLIDE_TITLE, SLIDE_SUBTITLE) + 30,
        margin_b=HOUSE.layout.margin.b + 30,
    )
    big.update_traces(textfont_size=SLIDE_LABELS, selector=lambda tr: getattr(tr, "text", None) is not None)
    for note in big.layout.annotations:
        size = (note.font.size or 11) if note.font else 11
        note.font.size = max(size, 11) + 4
        if note.name == "provenance":
            note.yshift = -92
            note.text = meta.get("clameur_source", note.text)  # on one line: a slide is drawn full width
    return big
