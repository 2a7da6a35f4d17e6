"""What the institutions and platforms pages show, assembled (tables with translated headers, figures)."""

from __future__ import annotations

import pandas as pd

from clameur.charts import Provenance
from clameur.i18n import fmt_datetime, fmt_duration, fmt_float, fmt_int, fmt_pct, t
from clameur.markdown_safe import md
from clameur.privacy import Pseudonymizer
from clameur.reactions.actors import match_actors
from clameur.reactions.effects import EffectResult, before_after, comparison_options, effect_for_event, sentence
from clameur.reactions.events import list_events
from clameur.reactions.figures import effect_figure, ladder_figure, reactions_figure
from clameur.reactions.platforms import ladder
from clameur.reactions.queries import INSTITUTIONAL, actor_posts, launch_of, who_reacted
from clameur.store import Store, dataset_by_id, scalar
from clameur.tables import EMPTY
from clameur.timeline.builder import TimelineView, auto_bin, provenance_for
from clameur.timeline.peaks import totals
from clameur.timeline.queries import VolumeQuery, span, volume
from clameur.timezones import to_local

EFFECT_HOURS = (48, 24)  # the before/after windows of an effect estimate (cut to the data), unless changed


def _prov(store: Store, dataset_id: int, tz: str, lang: str, bin_key: str | None = "hour"):
    """Provenance of a whole-dataset figure (no full summary: just the span and the post count)."""
    n = scalar(store, "SELECT coalesce(sum(posts), 0) FROM roll_volume WHERE dataset_id = ?", [int(dataset_id)])
    return provenance_for(store, TimelineView([dataset_id], tz, lang), bin_key, int(n))


def _span_bin(store: Store, dataset_id: int) -> str:
    """The bin of a whole-dataset chart: from the dataset's span and size (hours for a campaign of days, months
    for a few posts over years)."""
    first, last = span(store, [dataset_id])
    return auto_bin(store, [dataset_id], first, last)


def who_table(store: Store, dataset_id: int, tz: str, lang: str) -> pd.DataFrame:
    df = who_reacted(store, dataset_id, lang)
    if df.empty:
        return df
    return pd.DataFrame(
        {
            t("col.actor", lang): df["actor"],
            t("col.category", lang): [t(f"actor.{c}", lang) if isinstance(c, str) else "" for c in df["category"]],
            t("col.first", lang, tz=tz): [
                fmt_datetime(to_local(f, tz).to_pydatetime(), lang) if pd.notna(f) else "–" for f in df["first"]
            ],
            t("col.lag", lang): [
                fmt_duration(h, lang) if h is not None and pd.notna(h) else "–" for h in df["lag_hours"]
            ],
            t("col.posts", lang): df["posts"],
            t("col.rts", lang): df["rts"],
            t("col.replies", lang): df["replies"],
            t("col.quotes", lang): df["quotes"],
            t("col.share", lang): [fmt_pct(s, lang, 1) for s in df["engagement_share"]],
            t("col.rank", lang): [str(int(r)) if pd.notna(r) else EMPTY for r in df["rank"]],  # no "None"
            t("col.events", lang): ["; ".join(e) for e in df["events"]],
        }
    )


def reactions_chart(store: Store, dataset_id: int, tz: str, lang: str):
    bin_key = _span_bin(store, dataset_id)
    long = volume(store, VolumeQuery([dataset_id], tz=tz, bin=bin_key, stack="none"))
    per_bin = totals(long)
    return reactions_figure(
        per_bin,
        actor_posts(store, dataset_id, lang),
        list_events(store, dataset_id, lang),
        tz=tz,
        lang=lang,
        title=t("institutions.timeline", lang, bin=t(f"bin.per.{bin_key}", lang)),
        prov=_prov(store, dataset_id, tz, lang, bin_key),
        launch_utc=launch_of(store, dataset_id),
        bin_key=bin_key,
    ), per_bin.rename(columns={"bin": f"bin_start_{tz}", "bin_utc": "bin_start_utc"})


def default_event(events: pd.DataFrame) -> int | None:
    inst = events[events["event_type"] == "institutional_reaction"]
    pick = inst if len(inst) else events
    return None if pick.empty else int(pick.iloc[0]["event_id"])


def comparison_choices(store: Store, dataset_id: int, lang: str) -> dict[str, str]:
    """The comparison series a reader may pick: key -> label (automatic, none, other datasets, hashtags)."""
    out = {"auto": t("effects.compare.auto", lang), "none": t("effects.compare.none", lang)}
    for comp in comparison_options(store, dataset_id):
        out[comp.key] = t("effects.compare.tag", lang, tag=comp.label) if comp.tag else comp.label
    return out


def _effect_prov(store: Store, dataset_id: int, res: EffectResult, tz: str, lang: str) -> Provenance:
    """The fitted window and its n (not the dataset's whole period), the bins, the comparison."""
    row = dataset_by_id(store, dataset_id)
    w = res.window
    period = f"{fmt_datetime(to_local(w.start, tz), lang)} – {fmt_datetime(to_local(w.end, tz), lang)}"
    extra = [t("effects.window", lang, nb=fmt_int(w.before, lang), na=fmt_int(w.after, lang))]
    rows = [row]
    if res.comparison is not None:
        n = int(res.series["comparison"].sum())
        extra.append(t("effects.versus", lang, comp=res.comparison.label, n=fmt_int(n, lang)))
        if res.comparison.dataset_id != int(dataset_id):
            rows.append(dataset_by_id(store, res.comparison.dataset_id))
    return Provenance(
        datasets=[row["name"]],
        period=period,
        timezone=tz,
        bin=t("effects.bins", lang),
        n=int(res.series["posts"].sum()),
        synthetic=any(bool(r.get("synthetic")) for r in rows),
        extra=extra,
        source=", ".join(f"{r['name']} ({r.get('source_format') or '?'})" for r in rows),
    )


def effect(
    store: Store,
    dataset_id: int,
    event_id: int,
    before_h: int,
    after_h: int,
    tz: str,
    lang: str,
    comparison: str = "auto",
):
    """(figure, sentence, before/after table, result) for one event; raises EffectError (a ValueError with a
    translated message) when the windows are too short or the comparison cannot be used."""
    events = list_events(store, dataset_id, lang).set_index("event_id")
    ev = events.loc[event_id]
    at = pd.Timestamp(ev["starts_at"]).to_pydatetime()
    res = effect_for_event(store, dataset_id, at, before_h, after_h, comparison)
    matched = match_actors(store, dataset_id)
    inst = matched[matched["category"].isin(INSTITUTIONAL)]
    table = before_after(
        store, dataset_id, res.window, inst["account_id"].dropna().tolist(), inst["handle"].dropna().tolist()
    )
    fmt = {
        "posts": lambda v: fmt_int(v, lang),
        "posts_per_hour": lambda v: fmt_float(v, lang, 1),
        "new_accounts_per_hour": lambda v: fmt_float(v, lang, 1),
        "rt_share": lambda v: fmt_pct(v, lang, 1),
        "mention_share": lambda v: fmt_pct(v, lang, 1),
    }
    nb, na = fmt_int(res.n_before, lang), fmt_int(res.n_after, lang)
    shown = pd.DataFrame(
        {
            t("effects.col.measure", lang): [t(f"effects.m.{m}", lang) for m in table["measure"]],
            t("effects.col.before", lang, n=nb): [
                fmt[m](v) for m, v in zip(table["measure"], table["before"], strict=True)
            ],
            t("effects.col.after", lang, n=na): [
                fmt[m](v) for m, v in zip(table["measure"], table["after"], strict=True)
            ],
        }
    )
    fig = effect_figure(
        res,
        tz=tz,
        lang=lang,
        title=t("effects.chart_title", lang, title=ev["title"]),
        prov=_effect_prov(store, dataset_id, res, tz, lang),
    )
    return fig, sentence(res, ev["title"], lang, text=md), shown, res  # the sentence is Markdown on the page


def effect_data(res: EffectResult, tz: str) -> pd.DataFrame:
    """The figure's data for its CSV download: bins in UTC and in the display zone, named in the header."""
    out = res.series.copy()
    out.insert(1, f"bin_start_{tz}", [to_local(b, tz) for b in out["bin_start"]])
    return out


def ladder_view(store: Store, dataset_id: int, tz: str, lang: str):
    steps = ladder(store, dataset_id, lang)
    # every step carries both lags, so their difference is the demand's own delay after the launch
    lags = (steps["hours_from_launch"] - steps["hours_from_demand"]).dropna()
    demand_h = float(lags.iloc[0]) if len(lags) else None
    fig = ladder_figure(
        steps,
        demand_hours=demand_h,
        lang=lang,
        title=t("platforms.ladder_title", lang),
        prov=_prov(store, dataset_id, tz, lang, None),
    )
    table = pd.DataFrame(
        {
            t("platforms.col.platform", lang): steps["platform"],
            t("platforms.col.step", lang): [t(f"event.{s}", lang) for s in steps["step"]],
            t("platforms.col.from_launch", lang): [fmt_duration(h, lang) for h in steps["hours_from_launch"]],
            t("platforms.col.from_demand", lang): [
                fmt_duration(h, lang) if h is not None and pd.notna(h) else "–" for h in steps["hours_from_demand"]
            ],
            t("events.title", lang): steps["title"],
        }
    )
    return fig, table, steps


def voice_tables(voice: pd.DataFrame, top: pd.DataFrame, lang: str, names: Pseudonymizer):
    def shape(df: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                t("platforms.col.account", lang): [
                    names.label(a, h) for a, h in zip(df["author_id"], df["author_handle"], strict=True)
                ],
                t("platforms.col.text", lang): names.texts(df["text"]),
                t("platforms.col.rts", lang): df["rts"],
                t("platforms.col.rank", lang): df["rank"],
            }
        )

    return shape(voice), shape(top)
