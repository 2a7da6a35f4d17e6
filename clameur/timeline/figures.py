"""Timeline figures: volume over time stacked by a series, with the events layer drawn on top."""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from clameur import settings
from clameur.bilingual import source_line, text_in, when_text, yes_no
from clameur.charts import KIND_COLOURS, PALETTE, Provenance, esc, finish
from clameur.charts.time_axis import local_time_axis, time_span
from clameur.i18n import fmt_clock, fmt_date, fmt_duration, t
from clameur.i18n.clock import fmt_bin, lag_hours
from clameur.timeline.queries import CALENDAR_BINS

# One style per event type: colour (Okabe-Ito), dash, marker symbol.
EVENT_STYLES: dict[str, tuple[str, str, str]] = {
    "campaign_start": ("#000000", "solid", "star"),
    "volume_milestone": ("#999999", "dot", "diamond"),
    "institutional_reaction": ("#D55E00", "dash", "triangle-down"),
    "meeting": ("#CC79A7", "dash", "square"),
    "platform_statement": ("#009E73", "dashdot", "circle"),
    "policy_change": ("#0072B2", "dashdot", "pentagon"),
    "feature_change": ("#56B4E9", "dot", "hexagon"),
    "enforcement": ("#E69F00", "solid", "x"),
    "transparency_report": ("#F0E442", "dot", "cross"),
    "refusal": ("#882255", "dash", "triangle-up"),
    "media_coverage": ("#666666", "dot", "circle-open"),
    "other": ("#444444", "dot", "circle"),
}
assert set(EVENT_STYLES) == set(settings.EVENT_TYPES)


def hover_times(utc_starts, tz: str, lang: str) -> list[str]:
    """Each bin start said in full in ``tz`` for the hover: '25 October 2020, 02:00 CET (UTC+01:00)', exactly as
    :func:`clameur.charts.time_axis.local_label` says one instant (a test holds them equal). The words are made once
    per day, clock time and (day, offset), then put together: one instant at a time, 20,000 minute bins took over a
    second."""
    utc = pd.DatetimeIndex(utc_starts).tz_localize("UTC")
    local = utc.tz_convert(tz)
    wall = local.tz_localize(None)
    day = wall.normalize()
    clock = wall.floor("min")
    offset = (wall - utc.tz_localize(None)).total_seconds().astype(int)
    days = {d: fmt_date(d, lang) for d in day.unique()}
    zones: dict = {}
    clocks: dict = {}
    texts = []
    for i, (d, c, o) in enumerate(zip(day, clock, offset, strict=True)):
        if (d, o) not in zones:
            ts = local[i]
            sign = ts.strftime("%z")
            zones[d, o] = f"{ts.tzname()} (UTC{sign[:3]}:{sign[3:]})"
        minute = (c.hour, c.minute)
        if minute not in clocks:
            clocks[minute] = fmt_clock(c, lang)
        texts.append(f"{days[d]}, {clocks[minute]} {zones[d, o]}")
    return texts


def series_label(stack: str, value: str, lang: str) -> str:
    return t(f"kind.{value}", lang) if stack == "kind" and value in settings.KINDS else str(value)


def series_colour(stack: str, value: str, i: int) -> str:
    return KIND_COLOURS.get(value, PALETTE[i % len(PALETTE)]) if stack == "kind" else PALETTE[i % len(PALETTE)]


def _ordered(stack: str, values) -> list[str]:
    values = list(dict.fromkeys(values))
    if stack == "kind":
        return [k for k in settings.KINDS if k in values] + [v for v in values if v not in settings.KINDS]
    return values


def volume_figure(
    long: pd.DataFrame,
    *,
    stack: str,
    title: str,
    prov: Provenance,
    lang: str,
    y_title: str,
    events: pd.DataFrame | None = None,
    tz: str = "UTC",
    launch_utc: datetime | None = None,
    peaks: pd.DataFrame | None = None,
    bin_key: str = "hour",
) -> go.Figure:
    """Stacked bars per bin with events and peaks marked. Bars stand at their UTC instants (one bar per bin,
    also on the night clocks go back) and the axis and hover are labelled in ``tz``, in the reader's language; a day,
    week or month bin is named as such in its hover ('semaine du 18 octobre 2021')."""
    fig = go.Figure()
    if bin_key in CALENDAR_BINS:
        hover = {
            u: esc(f"{fmt_bin(b, bin_key, lang)} ({tz})") for u, b in zip(long["bin_utc"], long["bin"], strict=True)
        }
    else:
        starts = long["bin_utc"].drop_duplicates()  # one label per bin, not per bin and series
        hover = dict(zip(starts, hover_times(starts, tz, lang), strict=True))
    for i, value in enumerate(_ordered(stack, long["series"])):
        part = long[long["series"] == value]
        label = esc(series_label(stack, value, lang))
        fig.add_bar(
            x=part["bin_utc"],
            y=part["value"],
            name=label,
            marker_color=series_colour(stack, value, i),
            marker_line_width=0,
            customdata=part["bin_utc"].map(hover).to_numpy(),
            hovertemplate="%{customdata}<br>" + label + ": %{y:,}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack", bargap=0.05, yaxis_title=esc(y_title), hovermode="closest", yaxis_tickformat=",~r"
    )
    fig.update_yaxes(range=[0, float(long.groupby("bin_utc")["value"].sum().max() or 1) * 1.25])
    if events is not None and not events.empty:
        add_events(fig, events, tz=tz, lang=lang, launch_utc=launch_utc)
    if peaks is not None and not peaks.empty:
        fig.add_scatter(
            x=peaks["bin_utc"],
            y=peaks["total"],
            mode="markers",
            name=esc(t("timeline.peaks", lang)),
            marker=dict(symbol="triangle-down", size=12, color="#D55E00", line=dict(width=1, color="white")),
            hovertext=[esc(s) for s in peaks["sentence"]],
            hoverinfo="text",
        )
    local_time_axis(fig, tz, lang)
    return finish(fig, title, prov, lang)


def _text(value) -> str | None:
    """A text cell from a DataFrame row, with NULL/NaN as None."""
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def event_hover(ev: dict, lang: str, launch_utc: datetime | None, tz: str = "UTC") -> str:
    """The hover of one event: its title and actor in the reader's language, when (an approximate hour said so),
    the lag since launch, the confidence, and where it comes from (outlet, date, a short quote, the address)."""
    title = text_in(ev, "title", lang) or ""
    lines = [f"<b>{esc(title)}</b>", esc(t(f"event.{ev['event_type']}", lang))]
    actor = text_in(ev, "actor_name", lang)
    if actor:
        lines.append(f"{t('event.hover.actor', lang)}: {esc(actor)}")
    when = when_text(ev["starts_at"], ev.get("time_approximate"), tz, lang)
    lines.append(f"{t('event.hover.when', lang)}: {esc(when)}")
    if launch_utc is not None:
        hours = lag_hours(launch_utc, ev["starts_at"])  # from the minutes shown: one lag per minute shown
        lag = fmt_duration(hours, lang)
        if yes_no(ev.get("time_approximate")):
            lag = t("event.hover.about", lang, x=lag)
        lines.append(f"{t('event.hover.lag', lang)}: {esc(lag)}")
    lines.append(f"{t('event.hover.confidence', lang)}: {esc(t('confidence.' + ev['confidence'], lang))}")
    source = _short_source(_text(ev.get("source_url")))
    said_by = source_line(ev, lang)
    if said_by:
        lines.append(f"{t('event.hover.source', lang)}: {esc(said_by)}")
        quote = _text(ev.get("source_quote"))
        if quote:
            lines.extend(
                f"<i>{esc(part)}</i>" for part in _wrap(f"«\u00a0{quote}\u00a0»" if lang == "fr" else f"“{quote}”")
            )
        if source:
            lines.append(esc(source))
    else:
        lines.append(
            f"{t('event.hover.source', lang)}: {esc(source) if source else esc(t('event.hover.no_source', lang))}"
        )
    return "<br>".join(lines)


def _wrap(text: str, width: int = 70, limit: int = 240) -> list[str]:
    """A long quote cut into hover lines (the whole quote is in the events table and its CSV)."""
    import textwrap

    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return textwrap.wrap(text, width) or [text]


def _short_source(url: str | None, limit: int = 60) -> str | None:
    """A source that fits in a hover label: the site and the start of the path (the full URL is in the CSV)."""
    if not url:
        return url
    short = re.sub(r"^https?://(www\.)?", "", url)
    return short if len(short) <= limit else short[: limit - 1] + "…"


def _label_sides(xs: list, span: tuple) -> list[str]:
    """Labels to the right of their marker, except near the right edge of the data (``span``), where they go left."""
    lo, hi = span
    cut = lo + (hi - lo) * 0.75
    return ["middle left" if pd.Timestamp(x) > cut else "middle right" for x in xs]


LABEL_ROWS = 6  # rows of event labels above the bars
PLOT_PX, LABEL_CHAR_PX = 1100, 9.5  # a slide's plot width and a label character at the slide's size (15 px)


def _label_rows(xs: list, texts: list[str], sides: list[str], span: tuple) -> list[int]:
    """A row for each event label, the first where it overlaps no label already placed (labels are estimated at
    the slide's text size, the largest they are drawn); events close in time no longer write over each other."""
    lo, hi = span
    per_px = max((hi - lo) / PLOT_PX, pd.Timedelta(seconds=1))
    taken: list[list[tuple]] = [[] for _ in range(LABEL_ROWS)]
    rows = []
    for x, text, side in zip(xs, texts, sides, strict=True):
        width = per_px * (len(re.sub(r"&\w+;", "x", text)) * LABEL_CHAR_PX + 16)
        x = pd.Timestamp(x)
        span = (x - width, x) if side == "middle left" else (x, x + width)
        free = [r for r in range(LABEL_ROWS) if all(span[1] < a or span[0] > b for a, b in taken[r])]
        row = free[0] if free else min(range(LABEL_ROWS), key=lambda r: len(taken[r]))
        taken[row].append(span)
        rows.append(row)
    return rows


def add_events(fig: go.Figure, events: pd.DataFrame, *, tz: str, lang: str, launch_utc: datetime | None) -> None:
    """Vertical lines (ranges as bands) in one style per type, a labelled marker with the hover on top; at their
    UTC instants, as the bars of every time chart (see :mod:`clameur.charts.time_axis`)."""
    xs, texts, hovers, colours, symbols = [], [], [], [], []
    # The shapes add_vrect and add_vline would add, given to plotly in one go (each of those calls costs a full
    # check of the layout: a dozen events took a tenth of a second).
    shapes, edge = [], {"xref": "x", "y0": 0, "y1": 1, "yref": "y domain"}
    for i, ev in enumerate(events.to_dict("records")):
        colour, dash, symbol = EVENT_STYLES.get(ev["event_type"], EVENT_STYLES["other"])
        x = pd.Timestamp(ev["starts_at"])
        if ev.get("ends_at") is not None and not pd.isna(ev.get("ends_at")):
            band = {"fillcolor": colour, "layer": "below", "line": {"width": 0}, "opacity": 0.08, "type": "rect"}
            shapes.append({**band, "x0": x, "x1": pd.Timestamp(ev["ends_at"]), **edge})
        line = {"line": {"color": colour, "dash": dash, "width": 1.5}, "opacity": 0.8, "type": "line"}
        shapes.append({**line, "x0": x, "x1": x, **edge})
        xs.append(x)
        who = _text(ev.get("platform"))
        label = t("event." + ev["event_type"], lang) + (f" · {who}" if who else "")
        texts.append(f"{i + 1}. {esc(label)}")
        hovers.append(event_hover(ev, lang, launch_utc, tz))
        colours.append(colour)
        symbols.append(symbol)
    fig.update_layout(shapes=[*fig.layout.shapes, *shapes])
    span = time_span(fig, xs)  # the bars and the events, read once for both
    sides = _label_sides(xs, span)
    rows = _label_rows(xs, texts, sides, span)
    fig.add_scatter(
        x=xs,
        y=[1.05 - 0.065 * row for row in rows],
        yaxis="y2",
        mode="markers+text",
        text=texts,
        textposition=sides,
        marker=dict(size=11, color=colours, symbol=symbols, line=dict(width=1, color="white")),
        hovertext=hovers,
        hoverinfo="text",
        name=esc(t("timeline.events", lang)),
        showlegend=True,
        textfont=dict(size=11, color="#333333"),
    )
    fig.update_layout(yaxis2=dict(overlaying="y", range=[0, 1.1], visible=False, fixedrange=True))


def event_legend(events: pd.DataFrame, tz: str, lang: str) -> pd.DataFrame:
    """The numbered events as a small table that goes under the chart, headed in the reader's language: titles
    and actors in that language, times in the display zone (named in the header; an approximate hour said so), who
    reported it and where; a missing actor is a dash, a missing source an empty link."""
    rows = []
    when = f"{t('overview.col.when', lang)} ({tz})"
    for i, ev in enumerate(events.to_dict("records")):
        rows.append(
            {
                "#": i + 1,
                when: when_text(ev["starts_at"], ev.get("time_approximate"), tz, lang),
                t("overview.col.type", lang): t(f"event.{ev['event_type']}", lang),
                t("overview.col.what", lang): text_in(ev, "title", lang) or "",
                t("overview.col.actor", lang): text_in(ev, "actor_name", lang) or "–",
                t("overview.col.confidence", lang): t("confidence." + ev["confidence"], lang),
                t("overview.col.reported_by", lang): source_line(ev, lang) or "–",
                t("overview.col.source", lang): _text(ev.get("source_url")) or "",
            }
        )
    return pd.DataFrame(rows)


def aligned_figure(
    aligned: pd.DataFrame, *, title: str, prov: Provenance, lang: str, max_hours: int = 24 * 7, threshold: int = 0
) -> go.Figure:
    """Campaigns overlaid on hours since their launch."""
    fig = go.Figure()
    shown = aligned[(aligned["hours"] >= -6) & (aligned["hours"] <= max_hours)]
    for i, (name, part) in enumerate(shown.groupby("dataset", sort=False)):
        label = esc(name)
        fig.add_scatter(
            x=part["hours"],
            y=part["posts"],
            mode="lines",
            name=label,
            line=dict(color=PALETTE[i % len(PALETTE)], width=2),
            hovertemplate=label + "<br>%{x} h: %{y:,}<extra></extra>",
        )
    fig.add_vline(x=0, line=dict(color="#000000", dash="dot", width=1))
    if threshold:
        fig.add_hline(y=threshold, line=dict(color="#999999", dash="dot", width=1))
    fig.update_layout(
        xaxis_title=esc(t("timeline.x.since_launch", lang)), yaxis_title=esc(t("timeline.y.per_hour", lang))
    )
    return finish(fig, title, prov, lang)
