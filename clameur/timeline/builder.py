"""Everything the timeline page draws, from its view parameters (also used by the CLI and bench)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from clameur.charts import Provenance
from clameur.i18n import fmt_date, fmt_int, t
from clameur.i18n.clock import fmt_when
from clameur.privacy import Pseudonymizer
from clameur.store import Store, dataset_by_id
from clameur.tables import dashes
from clameur.timeline.figures import aligned_figure, volume_figure
from clameur.timeline.launch import hourly_since_launch, launch_metrics
from clameur.timeline.peaks import PeakRule, detect, explain, peak_facts, totals
from clameur.timeline.queries import BINS, VolumeQuery, default_bin, posts_between, span, transform, volume


@dataclass
class TimelineView:
    dataset_ids: list[int]
    tz: str
    lang: str
    bin: str | None = None  # None: chosen from the span
    stack: str = "kind"
    mode: str = "count"
    measure: str = "posts"
    tags: list[str] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    rule: PeakRule = field(default_factory=PeakRule)


@dataclass
class TimelineResult:
    figure: go.Figure
    data: pd.DataFrame
    peaks: pd.DataFrame
    events: pd.DataFrame
    bin: str
    n: int


def provenance_for(store: Store, view: TimelineView, bin_key: str | None, n: int, n_label: str = "n") -> Provenance:
    rows = [dataset_by_id(store, d) for d in view.dataset_ids]
    first, last = span(store, view.dataset_ids)
    start, end = view.start or first, view.end or last
    period = ""
    if start and end:
        loc = [pd.Timestamp(x).tz_localize("UTC").tz_convert(view.tz) for x in (start, end)]
        period = f"{fmt_date(loc[0], view.lang)} – {fmt_date(loc[1], view.lang)}"
    extra = [", ".join("#" + tg for tg in view.tags)] if view.tags else []
    return Provenance(
        datasets=[r["name"] for r in rows],
        period=period,
        timezone=view.tz,
        bin=t(f"bin.{bin_key}", view.lang) if bin_key else None,
        n=n,
        n_label=n_label,
        synthetic=any(bool(r.get("synthetic")) for r in rows),
        extra=extra,
        source=", ".join(f"{r['name']} ({r.get('source_format') or '?'})" for r in rows),
    )


@dataclass
class TimelineData:
    """What the database says for a view: SQL only, no account named and no event drawn, so that a page can keep
    it between reruns while the privacy mode, the events or the drawing mode change."""

    bin: str
    long: pd.DataFrame
    n: int
    first: datetime | None
    prov: Provenance
    found: pd.DataFrame  # the peaks detected, before they are explained
    facts: tuple | None  # what happened in their bins (clameur.timeline.peaks.peak_facts)


def timeline_data(store: Store, view: TimelineView) -> TimelineData:
    """The volumes of ``view`` (read from the rollups), its peaks and the facts that explain them."""
    first, last = span(store, view.dataset_ids)
    start, end = view.start or first, view.end or last
    bin_key = view.bin or auto_bin(store, view.dataset_ids, start, end)
    q = VolumeQuery(
        view.dataset_ids,
        tz=view.tz,
        bin=bin_key,
        stack=view.stack,
        measure=view.measure,
        tags=view.tags or None,
        start=view.start,
        end=view.end,
    ).validate()
    long = volume(store, q)
    n = int(long["value"].sum()) if view.measure == "posts" else int(long["value"].max() if len(long) else 0)
    found, facts = pd.DataFrame(), None
    if view.measure == "posts" and len(long):
        found = detect(totals(long), view.rule)
        if not found.empty:
            facts = peak_facts(
                store,
                view.dataset_ids[0],
                found,
                bin_seconds=BINS[bin_key],
                bin_key=bin_key,
                tz=view.tz,
                rule=view.rule,
            )
    return TimelineData(bin_key, long, n, first, provenance_for(store, view, bin_key, n), found, facts)


def draw_timeline(
    data: TimelineData, view: TimelineView, names: Pseudonymizer, events: pd.DataFrame | None = None
) -> TimelineResult:
    """The figure, explained peaks and table of ``view`` from its ``data``, with ``events`` (the primary dataset's,
    from the events registry) drawn on it and the accounts named as ``names`` says."""
    bin_key, long = data.bin, data.long
    shown = transform(long, view.mode)
    if events is None:
        events = pd.DataFrame({"starts_at": pd.Series(dtype="datetime64[us]")})
    if view.start is not None:
        events = events[events["starts_at"] >= pd.Timestamp(view.start)]
    if view.end is not None:
        events = events[events["starts_at"] < pd.Timestamp(view.end)]
    peaks = pd.DataFrame()
    if view.measure == "posts" and len(long):
        peaks = explain(
            None,
            view.dataset_ids[0],
            data.found,
            bin_seconds=BINS[bin_key],
            bin_key=bin_key,
            tz=view.tz,
            lang=view.lang,
            events=events,
            names=names,
            rule=view.rule,
            facts=data.facts,
        )
        if view.mode != "count" and not peaks.empty:  # mark peaks at the height they are drawn
            drawn = shown.groupby("bin_utc")["value"].sum()
            peaks = peaks.assign(total=peaks["bin_utc"].map(drawn))
    key = "timeline.chart_title" if view.measure == "posts" else "timeline.chart_title_accounts"
    title = t(
        key, view.lang, bin=t(f"bin.per.{bin_key}", view.lang), stack=t(f"timeline.stack.{view.stack}", view.lang)
    )
    y_key = {"count": f"timeline.y.{view.measure}", "share": "timeline.y.share", "cumulative": "timeline.y.cumulative"}
    prov = replace(data.prov, extra=list(data.prov.extra))
    if names.rule(view.lang) and not peaks.empty:  # peak explanations name accounts
        prov.extra.append(names.rule(view.lang))
    fig = volume_figure(
        shown,
        stack=view.stack,
        title=title,
        prov=prov,
        lang=view.lang,
        y_title=t(y_key[view.mode], view.lang),
        events=events,
        tz=view.tz,
        launch_utc=data.first,
        peaks=peaks if not peaks.empty else None,
        bin_key=bin_key,
    )
    table = shown.rename(columns={"bin": f"bin_start_{view.tz}", "bin_utc": "bin_start_utc"})
    return TimelineResult(fig, table, peaks, events, bin_key, data.n)


def build_timeline(
    store: Store, view: TimelineView, names: Pseudonymizer, events: pd.DataFrame | None = None
) -> TimelineResult:
    """The timeline of ``view``, with ``events`` (the primary dataset's, from the events registry) drawn on it."""
    return draw_timeline(timeline_data(store, view), view, names, events)


def auto_bin(store: Store, dataset_ids: list[int], start, end) -> str:
    """The bin for a view that did not choose one: from its span and how many posts it holds."""
    if start is None or end is None:
        return "hour"
    n = posts_between(store, dataset_ids, start, end)
    return default_bin(pd.Timestamp(end) - pd.Timestamp(start), n)


def peak_table(peaks: pd.DataFrame, lang: str, tz: str = "UTC") -> pd.DataFrame:
    """The explained peaks, each bin named at its own precision with its year; the header names the zone."""
    if peaks.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            t("timeline.col.peak", lang, tz=tz): peaks["when"].tolist(),  # at the bin's own resolution, with its year
            t("timeline.col.posts", lang): [fmt_int(v, lang) for v in peaks["total"]],
            t("timeline.col.baseline", lang): [fmt_int(v, lang) for v in peaks["baseline"]],
            t("timeline.col.explanation", lang): peaks["sentence"],
        }
    )


def build_comparison(store: Store, dataset_ids: list[int], tz: str, lang: str, threshold: int = 0):
    aligned = hourly_since_launch(store, dataset_ids, threshold)
    view = TimelineView(dataset_ids, tz, lang)
    prov = provenance_for(store, view, "hour", int(aligned["posts"].sum()) if len(aligned) else 0)
    if threshold:
        prov.extra.append(f"{t('timeline.compare_threshold', lang)}: {threshold}")
    fig = aligned_figure(aligned, title=t("timeline.compare_chart", lang), prov=prov, lang=lang, threshold=threshold)
    metrics = dashes(launch_metrics(aligned))
    metrics["launch_utc"] = [fmt_when(x, tz, lang, zone=False) for x in metrics["launch_utc"]]
    table = metrics.rename(
        columns={
            "dataset": t("timeline.col.dataset", lang),
            "launch_utc": t("timeline.col.launch", lang, tz=tz),
            "posts_first_24h": t("timeline.col.first_24h", lang),
            "hours_to_peak": t("timeline.col.to_peak", lang),
            "peak_posts_per_hour": t("timeline.col.peak_height", lang),
            "half_life_hours": t("timeline.col.half_life", lang),
        }
    )
    return fig, aligned, table
