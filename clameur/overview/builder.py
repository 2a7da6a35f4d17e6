"""Everything the overview page shows, computed once: key figures with their provenance, the hourly
chart with the events, top accounts and hashtags."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from clameur.charts import Provenance
from clameur.i18n import fmt_date, fmt_datetime, fmt_int, fmt_pct, t
from clameur.markdown_safe import md
from clameur.overview.summary import peak_hour, summarize, top_accounts, top_hashtags
from clameur.privacy import Pseudonymizer
from clameur.reactions.actors import match_actors
from clameur.reactions.events import list_events
from clameur.store import Store
from clameur.timeline.figures import event_legend, volume_figure
from clameur.timeline.queries import VolumeQuery, volume
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
    tag = dataset.get("hashtag")
    display_tag = _display_tag(store, ds, tag)
    # The title, the help texts and the caption are Markdown on the page: the name and the tag come from a file.
    title = (
        t("overview.title", lang, tag=md(display_tag))
        if display_tag
        else t("overview.title_plain", lang, name=md(dataset["name"]))
    )
    prov = provenance(dataset, summary, tz, lang, "1 h")
    long = volume(store, VolumeQuery([ds], tz=tz, bin="hour", stack="kind"))
    events = list_events(store, ds, lang)
    if summary["posts"] == 0:
        return Overview(title, {}, "", go.Figure(), long, events, pd.DataFrame(), pd.DataFrame(), empty=True)
    launch = pd.Timestamp(summary["first"][:-1])
    chart = volume_figure(
        long,
        stack="kind",
        title=t("overview.chart_title", lang),
        prov=prov,
        lang=lang,
        y_title=t("timeline.y.posts", lang),
        events=events,
        tz=tz,
        launch_utc=launch,
    )
    peak_at, peak_n = peak_hour(store, ds, tz)
    k = summary["kinds"]
    first_local = fmt_datetime(to_local(launch, tz).to_pydatetime(), lang)

    def fig(key: str, value: str, help_text: str, name: str | None = None) -> Figure:
        return Figure(name or t(f"overview.{key}", lang), value, help_text)

    peak_name = t("overview.peak_hour", lang) + (f" · {fmt_date(peak_at, lang).rsplit(' ', 1)[0]}" if peak_at else "")
    peak_value = "–" if not peak_at else (f"{peak_at.hour:02d} h" if lang == "fr" else f"{peak_at.hour:02d}:00")
    figures = {
        "posts": fig(
            "posts", fmt_int(summary["posts"], lang), t("overview.help.posts", lang, name=md(dataset["name"]))
        ),
        "accounts": fig(
            "accounts", fmt_int(summary["authors"], lang), t("overview.help.accounts", lang, name=md(dataset["name"]))
        ),
        "first_24h": fig(
            "first_24h", fmt_int(summary["first_24h"], lang), t("overview.help.first_24h", lang, first=first_local)
        ),
        "peak_hour": fig(
            "peak_hour", peak_value, t("overview.help.peak_hour", lang, tz=tz, n=fmt_int(peak_n, lang)), name=peak_name
        ),
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
    return Overview(title, figures, where_from, chart, long, event_legend(events, tz, lang), table, hashtags)


def _display_tag(store: Store, dataset_id: int, tag: str | None) -> str | None:
    """The campaign tag as people write it (#BalanceTonTikTokeur), from the posts' own text."""
    if not tag:
        return None
    from clameur.store import query

    df = query(
        store,
        """SELECT m AS tag, count(*) AS n FROM (
               SELECT unnest(regexp_extract_all(text, '#(\\w+)', 1)) AS m FROM posts
               WHERE dataset_id = ? AND kind = 'original' LIMIT 2000) WHERE lower(m) = ?
           GROUP BY 1 ORDER BY n DESC, tag LIMIT 1""",
        [int(dataset_id), tag],
    )
    return tag if df.empty else str(df["tag"].iloc[0])
