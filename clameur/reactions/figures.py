"""Reaction figures: the campaign with institutional posts and events, the intervention effect, the
platform response ladder."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from clameur.charts import PALETTE, Provenance, esc, finish
from clameur.charts.time_axis import local_label, local_labels, local_time_axis
from clameur.i18n import fmt_duration, t
from clameur.reactions.effects import ItsResult
from clameur.timeline.figures import EVENT_STYLES, add_events


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
) -> go.Figure:
    """``hourly``: bin (local), bin_utc, total; drawn at the UTC instants, labelled in ``tz``."""
    fig = go.Figure()
    fig.add_bar(
        x=hourly["bin_utc"],
        y=hourly["total"],
        name=esc(t("timeline.y.per_hour", lang)),
        marker_color="#BBBBBB",
        marker_line_width=0,
        customdata=local_labels(hourly["bin_utc"], tz, lang),
        hovertemplate="%{customdata}: %{y:,}<extra></extra>",
    )
    if not actor_posts.empty:
        per_hour = hourly.set_index("bin_utc")["total"]
        at = pd.to_datetime(actor_posts["created_at"])
        heights = [per_hour.get(ts.floor("h"), 0) for ts in at]
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
    fig.update_layout(bargap=0.05, yaxis_title=esc(t("timeline.y.per_hour", lang)))
    local_time_axis(fig, tz, lang)
    return finish(fig, title, prov, lang)


def effect_figure(res: ItsResult, *, event_at: datetime, tz: str, lang: str, title: str, prov: Provenance) -> go.Figure:
    # at the UTC instants, labelled in tz (clameur.charts.time_axis)
    s = res.series.assign(local=pd.to_datetime(res.series["hour"]))
    fig = go.Figure()
    fig.add_bar(
        x=s["local"],
        y=s["posts"],
        name=esc(t("effects.observed", lang)),
        marker_color="#BBBBBB",
        marker_line_width=0,
        customdata=local_labels(s["local"], tz, lang),
        hovertemplate="%{customdata}: %{y:,}<extra></extra>",
    )
    fig.add_scatter(
        x=s["local"],
        y=s["fitted"],
        mode="lines",
        name=esc(t("effects.fitted", lang)),
        line=dict(color="#0072B2", width=2.5),
    )
    after = s[s["after"]]
    fig.add_scatter(
        x=after["local"],
        y=after["counterfactual"],
        mode="lines",
        name=esc(t("effects.counterfactual", lang)),
        line=dict(color="#D55E00", width=2.5, dash="dash"),
    )
    fig.add_vline(x=pd.Timestamp(event_at), line=dict(color="#D55E00", width=1.5, dash="dot"))
    fig.update_layout(bargap=0.05, yaxis_title=esc(t("timeline.y.per_hour", lang)))
    local_time_axis(fig, tz, lang)
    return finish(fig, title, prov, lang)


def ladder_figure(
    steps: pd.DataFrame, *, demand_hours: float | None, lang: str, title: str, prov: Provenance
) -> go.Figure:
    """One row per platform; each first response placed at its delay (days) after the launch."""
    fig = go.Figure()
    for step, part in steps.groupby("step", sort=False):
        colour, _, symbol = EVENT_STYLES.get(step, EVENT_STYLES["other"])
        fig.add_scatter(
            x=part["hours_from_launch"] / 24,
            y=part["platform"],
            mode="markers+text",
            name=esc(t(f"event.{step}", lang)),
            marker=dict(size=16, color=colour, symbol=symbol, line=dict(width=1, color="white")),
            text=[esc(fmt_duration(h, lang)) for h in part["hours_from_launch"]],
            textposition="top center",
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
