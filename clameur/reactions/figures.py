"""Reaction figures: the campaign with institutional posts and events, the intervention effect, the
platform response ladder."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from clameur.charts import PALETTE, Provenance, esc, finish
from clameur.charts.time_axis import local_label, local_labels, local_time_axis
from clameur.i18n import fmt_datetime, fmt_duration, fmt_int, t
from clameur.i18n.clock import fmt_bin
from clameur.reactions.effects import HOUR, EffectResult
from clameur.timeline.figures import EVENT_STYLES, add_events
from clameur.timeline.queries import CALENDAR_BINS
from clameur.timezones import to_local


def reactions_figure(
    hourly: pd.DataFrame,
    actor_posts: pd.DataFrame,
    events: pd.DataFrame,
    *,
    tz: str,
    lang: str,
    title: str,
    prov: Provenance,
    launch_utc: datetime | None,
    bin_key: str = "hour",
) -> go.Figure:
    """``hourly``: bin (local), bin_utc, total (one row per bin of ``bin_key``, in time order); drawn at the UTC
    instants, labelled in ``tz``."""
    per = esc(t("timeline.y.per", lang, unit=t(f"bin.per.{bin_key}", lang)))
    fig = go.Figure()
    fig.add_bar(
        x=hourly["bin_utc"],
        y=hourly["total"],
        name=per,
        marker_color="#BBBBBB",
        marker_line_width=0,
        customdata=[esc(f"{fmt_bin(b, bin_key, lang)} ({tz})") for b in hourly["bin"]]
        if bin_key in CALENDAR_BINS
        else local_labels(hourly["bin_utc"], tz, lang),
        hovertemplate="%{customdata}: %{y:,}<extra></extra>",
    )
    if not actor_posts.empty:
        starts = pd.DatetimeIndex(hourly["bin_utc"])
        at = pd.to_datetime(actor_posts["created_at"])
        where = starts.searchsorted(at, side="right") - 1  # the bin each post falls in: its bar's height
        heights = [int(hourly["total"].iloc[i]) if 0 <= i < len(hourly) else 0 for i in where]
        for i, (category, part) in enumerate(actor_posts.assign(h=heights).groupby("category", sort=False)):
            fig.add_scatter(
                x=pd.to_datetime(part["created_at"]),
                y=part["h"],
                mode="markers",
                name=esc(t(f"actor.{category}", lang)),
                marker=dict(
                    size=10, symbol="diamond", color=PALETTE[(i + 5) % len(PALETTE)], line=dict(width=1, color="white")
                ),
                hovertext=[
                    f"<b>{esc(n)}</b><br>{esc(local_label(at, tz, lang))}<br>{esc(str(txt)[:140])}"
                    for n, txt, at in zip(part["name"], part["text"], part["created_at"], strict=True)
                ],
                hoverinfo="text",
            )
    if not events.empty:
        add_events(fig, events, tz=tz, lang=lang, launch_utc=launch_utc)
    fig.update_layout(bargap=0.05, yaxis_title=per, yaxis_tickformat=",~r")  # thousands grouped: 2 500
    local_time_axis(fig, tz, lang)
    return finish(fig, title, prov, lang)


def _clock(ts: pd.Timestamp, lang: str) -> str:
    return f"{ts.hour:02d} h {ts.minute:02d}" if lang == "fr" else f"{ts.hour:02d}:{ts.minute:02d}"


def effect_figure(res: EffectResult, *, tz: str, lang: str, title: str, prov: Provenance) -> go.Figure:
    """Hourly bins on an axis of hours since the event (bin k spans k to k+1 h, drawn at its middle); the
    model's fit, and the counterfactual with its 95 % prediction interval after the event (none without a model)."""
    s = res.series
    x = s["hours_from_event"] + 0.5
    starts = [to_local(b, tz) for b in s["bin_start"]]
    ends = [to_local(b, tz) for b in s["bin_end"]]
    fig = go.Figure()
    after = s[s["after"]]
    xa = after["hours_from_event"] + 0.5
    if res.method != "none":  # the band first, so that the bars are drawn over it
        fig.add_scatter(x=xa, y=after["cf_high"], mode="lines", line=dict(width=0), showlegend=False, hoverinfo="skip")
        fig.add_scatter(
            x=xa,
            y=after["cf_low"],
            mode="lines",
            line=dict(width=0),
            fill="tonexty",
            fillcolor="rgba(213, 94, 0, 0.18)",
            name=esc(t("effects.band", lang)),
            hoverinfo="skip",
        )
    fig.add_bar(
        x=x,
        y=s["posts"],
        width=0.9,
        name=esc(t("effects.observed", lang)),
        marker_color="#BBBBBB",
        marker_line_width=0,
        hovertext=[
            f"{esc(fmt_datetime(a, lang))} – {esc(_clock(b, lang))}: {esc(fmt_int(n, lang))}"
            for a, b, n in zip(starts, ends, s["posts"], strict=True)
        ],
        hoverinfo="text",
    )
    if res.method != "none":
        fig.add_scatter(
            x=x, y=s["fitted"], mode="lines", name=esc(t("effects.fitted", lang)), line=dict(color="#0072B2", width=2.5)
        )
        fig.add_scatter(
            x=xa,
            y=after["counterfactual"],
            mode="lines",
            name=esc(t("effects.counterfactual", lang)),
            line=dict(color="#D55E00", width=2.5, dash="dash"),
        )
    fig.add_vline(x=0, line=dict(color="#D55E00", width=1.5, dash="dot"))
    lo, hi = -res.n_before, res.n_after
    step = next(h for h in (3, 6, 12, 24, 48, 168, 10**6) if (hi - lo) / h <= 12)
    ticks = [k for k in range(lo, hi + 1) if k % step == 0]
    at = to_local(res.window.event_at, tz)
    fig.update_xaxes(
        range=[lo, hi],
        tickvals=ticks,
        ticktext=[
            f"{k:+d} h<br>{_clock(to_local(res.window.event_at + k * HOUR, tz), lang)}" if k else "0" for k in ticks
        ],
        title_text=esc(t("effects.x", lang, when=fmt_datetime(at, lang), tz=tz)),
    )
    fig.update_layout(bargap=0.05, yaxis_title=esc(t("timeline.y.per_hour", lang)), yaxis_tickformat=",~r")
    return finish(fig, title, prov, lang)


def ladder_figure(
    steps: pd.DataFrame, *, demand_hours: float | None, lang: str, title: str, prov: Provenance
) -> go.Figure:
    """One row per platform; each first response placed at its delay (days) after the launch, its label above it,
    or below when the previous response of its row is within two days (their labels would overlap)."""
    fig = go.Figure()
    sides, last = {}, {}
    for i, row in steps.sort_values("hours_from_launch").iterrows():
        near = row["platform"] in last and row["hours_from_launch"] - last[row["platform"]][0] < 48
        flip = near and last[row["platform"]][1] == "top center"
        sides[i] = "bottom center" if flip else "top center"
        last[row["platform"]] = (row["hours_from_launch"], sides[i])
    for step, part in steps.groupby("step", sort=False):
        colour, _, symbol = EVENT_STYLES.get(step, EVENT_STYLES["other"])
        fig.add_scatter(
            x=part["hours_from_launch"] / 24,
            y=part["platform"],
            mode="markers+text",
            name=esc(t(f"event.{step}", lang)),
            marker=dict(size=16, color=colour, symbol=symbol, line=dict(width=1, color="white")),
            text=[esc(fmt_duration(h, lang)) for h in part["hours_from_launch"]],
            textposition=[sides[i] for i in part.index],
            hovertext=[
                f"<b>{esc(tt)}</b><br>{esc(t('event.' + step, lang))} · {esc(fmt_duration(h, lang))}"
                f"<br>{esc(t('event.hover.confidence', lang))}: {esc(t('confidence.' + c, lang))}"
                for tt, h, c in zip(part["title"], part["hours_from_launch"], part["confidence"], strict=True)
            ],
            hoverinfo="text",
        )
    if demand_hours is not None:
        fig.add_vline(x=demand_hours / 24, line=dict(color="#D55E00", dash="dash", width=1.5))
        fig.add_annotation(
            x=demand_hours / 24,
            y=1.02,
            yref="paper",
            text=esc(t("event.institutional_reaction", lang)),
            showarrow=False,
            font=dict(size=11, color="#D55E00"),
            xanchor="left",
        )
    fig.update_layout(xaxis_title=esc(t("platforms.x_days", lang)), yaxis=dict(type="category"))
    fig.update_xaxes(rangemode="tozero")
    return finish(fig, title, prov, lang)
