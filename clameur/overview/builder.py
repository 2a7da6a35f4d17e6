"""Everything the overview page shows, computed once: key figures with their provenance, the hourly
chart with the events, top accounts and hashtags."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from clameur.charts import Provenance
from clameur.i18n import fmt_date, fmt_datetime, fmt_int, fmt_pct, t
from clameur.i18n.clock import peak_figure
from clameur.markdown_safe import md
from clameur.overview.summary import summarize, top_accounts, top_hashtags
from clameur.privacy import Pseudonymizer
from clameur.reactions.actors import match_actors
from clameur.reactions.events import list_events
from clameur.store import Store, campaign_label
from clameur.timeline.figures import event_legend, volume_figure
from clameur.timeline.peaks import totals
from clameur.timeline.queries import VolumeQuery, default_bin, volume
from clameur.timezones import to_local


@dataclass
class Figure:
    name: str  # what the number is
    label: str  # the visible number
    help: str  # where it comes from, in a sentence


@dataclass
class Overview:
    title: str
    figures: dict[str, Figure]
    where_from: str
    chart: go.Figure
    chart_data: pd.DataFrame
    events: pd.DataFrame
    top_accounts: pd.DataFrame
    top_hashtags: pd.DataFrame
    empty: bool = False
    bin: str = "hour"  # the chart's bin, chosen from the dataset's span


def provenance(dataset: dict, summary: dict, tz: str, lang: str, bin_label: str | None = None) -> Provenance:
    first, last = summary["first"], summary["last"]
    period = ""
    if first and last:
        period = f"{fmt_date(to_local(first[:-1], tz), lang)} – {fmt_date(to_local(last[:-1], tz), lang)}"
    return Provenance(
        datasets=[dataset["name"]],
        period=period,
        timezone=tz,
        bin=bin_label,
        n=summary["posts"],
        synthetic=bool(dataset.get("synthetic")),
        source=f"{dataset['name']} ({dataset.get('source_format') or '?'})",
    )


def build_overview(store: Store, dataset: dict, tz: str, lang: str, names: Pseudonymizer) -> Overview:
    ds = int(dataset["dataset_id"])
    summary = summarize(store, ds)
    # The title, the help texts and the caption are Markdown on the page: the campaign and names come from a file.
    title = t("overview.title", lang, campaign=md(campaign_label(dataset)))
    events = list_events(store, ds, lang)
    if summary["posts"] == 0 or summary["first"] is None:
        return Overview(title, {}, "", go.Figure(), pd.DataFrame(), events, pd.DataFrame(), pd.DataFrame(), empty=True)
    launch = pd.Timestamp(summary["first"][:-1])
    bin_key = default_bin(pd.Timestamp(summary["last"][:-1]) - launch, summary["posts"])
    prov = provenance(dataset, summary, tz, lang, t(f"bin.{bin_key}", lang))
    long = volume(store, VolumeQuery([ds], tz=tz, bin=bin_key, stack="kind"))
    chart = volume_figure(
        long,
        stack="kind",
        title=t("timeline.chart_title", lang, bin=t(f"bin.per.{bin_key}", lang), stack=t("timeline.stack.kind", lang)),
        prov=prov,
        lang=lang,
        y_title=t("timeline.y.posts", lang),
        events=events,
        tz=tz,
        launch_utc=launch,
        bin_key=bin_key,
    )
    per_bin = totals(long)
    peak = per_bin.loc[per_bin["total"].idxmax()]  # the first of equal bins
    k = summary["kinds"]
    first_local = fmt_datetime(to_local(launch, tz).to_pydatetime(), lang)

    def fig(key: str, value: str, help_text: str, name: str | None = None) -> Figure:
        return Figure(name or t(f"overview.{key}", lang), value, help_text)

    peak_name, peak_value = peak_figure(peak["bin"], bin_key, lang)
    peak_help = t("overview.help.peak", lang, unit=t(f"bin.per.{bin_key}", lang), tz=tz, n=fmt_int(peak["total"], lang))
    figures = {
        "posts": fig(
            "posts", fmt_int(summary["posts"], lang), t("overview.help.posts", lang, name=md(dataset["name"]))
        ),
        "accounts": fig(
            "accounts", fmt_int(summary["authors"], lang), t("overview.help.accounts", lang, name=md(dataset["name"]))
        ),
        "first_24h": fig(
            "first_24h",
            fmt_int(summary["first_24h"], lang),
            t("overview.help.first_24h", lang, first=f"{first_local}, {tz}"),
        ),
        "peak": Figure(peak_name, peak_value, peak_help),
        "rt_share": fig("rt_share", fmt_pct(k["retweet"] / summary["posts"], lang), t("overview.help.rt_share", lang)),
    }
    where_from = t(
        "overview.where_from",
        lang,
        name=md(dataset["name"]),
        format=md(dataset.get("source_format") or "?"),
        n=fmt_int(summary["posts"], lang),
        first=first_local,
        last=fmt_datetime(to_local(summary["last"][:-1], tz).to_pydatetime(), lang),
        tz=tz,
    )
    accounts = top_accounts(store, ds, 10)
    actors = match_actors(store, ds).drop_duplicates("account_id").set_index("account_id")["category"]
    accounts["handle"] = [
        names.label(a, h) + (f" ({t('actor.' + actors[a], lang)})" if a in actors.index else "")
        for a, h in zip(accounts["account_id"], accounts["handle"], strict=True)
    ]
    table = accounts.rename(
        columns={
            "handle": t("overview.col.account", lang),
            "posts": t("overview.col.posts", lang),
            "retweets": t("overview.col.retweets", lang),
        }
    )[[t("overview.col.account", lang), t("overview.col.retweets", lang), t("overview.col.posts", lang)]]
    hashtags = top_hashtags(store, ds, 12).rename(
        columns={"tag": t("overview.col.hashtag", lang), "posts": t("overview.col.n", lang)}
    )
    hashtags[t("overview.col.hashtag", lang)] = "#" + hashtags[t("overview.col.hashtag", lang)]
    data = long.rename(columns={"bin": f"bin_start_{tz}", "bin_utc": "bin_start_utc"})
    legend = event_legend(events, tz, lang)
    return Overview(title, figures, where_from, chart, data, legend, table, hashtags, bin=bin_key)
