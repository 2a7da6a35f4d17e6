"""Bursts against a rolling baseline, each explained in one plain sentence.

Rule: a bin is a peak when its count exceeds median + k·MAD of the previous N bins (MAD scaled by
1.4826, at least 1 post, so a perfectly flat series has no peak), has at least ``min_posts`` posts,
and is the highest bin of its run of consecutive flagged bins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd

from clameur.charts.time_axis import bin_label
from clameur.i18n import fmt_duration, fmt_int, fmt_pct, t
from clameur.i18n.clock import fmt_bin, lag_hours
from clameur.privacy import Pseudonymizer
from clameur.store import Store, query
from clameur.timeline.queries import CALENDAR_BINS, bin_end_utc

MAX_EXPLAINED = 10
EVENT_LOOKBACK = timedelta(hours=12)


@dataclass
class PeakRule:
    k: float = 4.0
    window: int = 24
    min_posts: int = 20

    def sentence(self, lang: str) -> str:
        return t("peaks.rule", lang, k=f"{self.k:g}", n=self.window, min=self.min_posts)


def detect(totals: pd.DataFrame, rule: PeakRule) -> pd.DataFrame:
    """``totals``: columns bin, bin_utc, total (one row per bin, zero-filled, in time order)."""
    s = totals["total"].astype(float).reset_index(drop=True)
    prev = s.shift(1)
    med = prev.rolling(rule.window, min_periods=1).median().fillna(0.0)
    mad = (
        prev.rolling(rule.window, min_periods=1)
        .apply(lambda w: np.median(np.abs(w - np.median(w))), raw=True)
        .fillna(0.0)
        * 1.4826
    )
    threshold = med + rule.k * np.maximum(mad, 1.0)
    has_history = s.index >= 1  # the first bin has nothing to be compared with
    flagged = (s > threshold) & (s >= rule.min_posts) & has_history
    run_id = (flagged != flagged.shift(fill_value=False)).cumsum()
    out = totals.reset_index(drop=True).assign(baseline=med.values, threshold=threshold.values)
    out = out[flagged.values]
    if out.empty:
        return out.assign(run=pd.Series(dtype=int))
    out = out.assign(run=run_id[flagged].values)
    return out.loc[out.groupby("run")["total"].idxmax()].drop(columns="run").reset_index(drop=True)


def _bin_facts(store: Store, ds: int, start, end, lookback_start) -> dict:
    params = [ds, start, end]
    kinds = query(
        store,
        """SELECT count(*) AS n, count(*) FILTER (WHERE kind = 'retweet') AS rts,
                  count(DISTINCT author_id) AS authors
           FROM posts WHERE dataset_id = ? AND created_at >= ? AND created_at < ?""",
        params,
    ).iloc[0]
    top_posts = query(
        store,
        """SELECT ref_post_id, any_value(ref_author_id) AS author_id, any_value(ref_author_handle) AS handle,
                  count(*) AS n
           FROM posts WHERE dataset_id = ? AND created_at >= ? AND created_at < ? AND kind = 'retweet'
           GROUP BY ref_post_id ORDER BY n DESC, ref_post_id LIMIT 3""",
        params,
    )
    new_accounts = query(  # authors whose first post in the dataset falls in the bin
        store,
        "SELECT count(*) AS n FROM author_first_seen WHERE dataset_id = ? AND first_at >= ? AND first_at < ?",
        params,
    )["n"].iloc[0]
    rising = query(
        store,
        """WITH now_ AS (SELECT tag, count(*) AS n FROM post_hashtags
                         WHERE dataset_id = ? AND created_at >= ? AND created_at < ? GROUP BY tag),
                before AS (SELECT tag, count(*) AS n FROM post_hashtags
                           WHERE dataset_id = ? AND created_at >= ? AND created_at < ? GROUP BY tag),
                main AS (SELECT hashtag FROM datasets WHERE dataset_id = ?)
           SELECT now_.tag, now_.n, coalesce(before.n, 0) AS before_n FROM now_ LEFT JOIN before USING (tag)
           WHERE now_.tag IS DISTINCT FROM (SELECT hashtag FROM main) AND now_.n >= 5
           ORDER BY now_.n / (coalesce(before.n, 0) + 1.0) DESC, now_.tag LIMIT 2""",
        params + [ds, lookback_start, start, ds],
    )
    return {
        "n": int(kinds["n"]),
        "rts": int(kinds["rts"]),
        "authors": int(kinds["authors"]),
        "top_posts": top_posts,
        "new": int(new_accounts),
        "rising": rising,
    }


def explain(
    store: Store,
    dataset_id: int,
    peaks: pd.DataFrame,
    *,
    bin_seconds: int = 3600,
    tz: str,
    lang: str,
    events: pd.DataFrame | None,
    names: Pseudonymizer,
    rule: PeakRule,
    bin_key: str | None = None,
) -> pd.DataFrame:
    """Add a ``sentence`` (and the facts behind it) to the highest ``MAX_EXPLAINED`` peaks. With ``bin_key``, a
    bin ends where the calendar says (a month, a week from Monday) and is named at its own precision."""
    if peaks.empty:
        return peaks.assign(sentence=pd.Series(dtype=str), when=pd.Series(dtype=str))
    chosen = peaks.nlargest(MAX_EXPLAINED, "total").sort_values("bin_utc").reset_index(drop=True)
    sentences, rt_shares, new_shares, whens = [], [], [], []
    for row in chosen.itertuples():
        start = pd.Timestamp(row.bin_utc).to_pydatetime()
        if bin_key is None:
            end = start + timedelta(seconds=bin_seconds)
        else:
            end = bin_end_utc(row.bin, bin_key, tz).to_pydatetime()
        facts = _bin_facts(store, int(dataset_id), start, end, start - (end - start) * rule.window)
        rt_share = facts["rts"] / facts["n"] if facts["n"] else 0.0
        new_share = facts["new"] / facts["authors"] if facts["authors"] else 0.0
        if bin_key in CALENDAR_BINS:  # 'semaine du 18 octobre 2021', 'octobre 2021'
            when = fmt_bin(row.bin, bin_key, lang)
        else:  # at the bin's resolution, with its year: 21:31 for a minute bin
            when = bin_label(row.bin_utc, bin_seconds, tz, lang)
        parts = [
            t(
                "peaks.head",
                lang,
                when=when,
                tz=tz,
                n=fmt_int(facts["n"], lang),
                rt=fmt_pct(rt_share, lang),
            )
        ]
        top = facts["top_posts"]
        if facts["rts"] and not top.empty:
            who = ", ".join(names.mention(a, h) for a, h in zip(top["author_id"], top["handle"], strict=True))
            parts.append(
                t("peaks.top_posts", lang, share=fmt_pct(top["n"].sum() / facts["rts"], lang), k=len(top), who=who)
            )
        parts.append(t("peaks.new_accounts", lang, share=fmt_pct(new_share, lang)))
        if not facts["rising"].empty:
            parts.append(t("peaks.rising", lang, tags=", ".join("#" + x for x in facts["rising"]["tag"])))
        ev = _event_before(events, start, end)
        if ev is not None:
            hours = lag_hours(ev["starts_at"], start)
            key = "peaks.after_event" if hours > 0 else "peaks.during_event"
            parts.append(
                t(
                    key,
                    lang,
                    lag=fmt_duration(max(hours, 0), lang),
                    title=ev["title"],
                    type=t("event." + ev["event_type"], lang),
                )
            )
        sentences.append("; ".join(parts) + ".")
        rt_shares.append(rt_share)
        new_shares.append(new_share)
        whens.append(when)
    return chosen.assign(sentence=sentences, rt_share=rt_shares, new_share=new_shares, when=whens)


def _event_before(events: pd.DataFrame | None, start, end) -> dict | None:
    """The latest event that starts in the look-back window before the bin, or inside it."""
    if events is None or events.empty:
        return None
    ts = pd.to_datetime(events["starts_at"])
    window = events[(ts >= pd.Timestamp(start) - EVENT_LOOKBACK) & (ts < pd.Timestamp(end))]
    if window.empty:
        return None
    return window.sort_values("starts_at").iloc[-1].to_dict()


def totals(long: pd.DataFrame) -> pd.DataFrame:
    """Per-bin totals from a long volume frame (bin, bin_utc, series, value)."""
    if long.empty:
        return pd.DataFrame(columns=["bin", "bin_utc", "total"])
    return (
        long.groupby(["bin", "bin_utc"], as_index=False)["value"]
        .sum()
        .rename(columns={"value": "total"})
        .sort_values("bin_utc")
        .reset_index(drop=True)
    )
