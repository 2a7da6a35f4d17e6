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
from clameur.timeline.account_bins import accounts_in_bin
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


def _rolling_mad(values: np.ndarray, window: int, rows: int = 8192) -> np.ndarray:
    """The median absolute deviation of the ``window`` bins before each bin, 0 until a whole window of previous
    bins exists (what pandas' rolling apply gave here, whose first windows held the shift's missing value), computed
    on strided views in blocks of ``rows`` bins: a Python call per bin took 1.4 s on 20,000 minute bins."""
    out = np.zeros(len(values))
    if len(values) <= window:
        return out
    windows = np.lib.stride_tricks.sliding_window_view(values[:-1], window)  # windows[j]: the bins before j + window
    for start in range(0, len(windows), rows):
        block = windows[start : start + rows]
        centre = np.median(block, axis=1, keepdims=True)
        out[window + start : window + start + len(block)] = np.median(np.abs(block - centre), axis=1)
    return out


def detect(totals: pd.DataFrame, rule: PeakRule) -> pd.DataFrame:
    """``totals``: columns bin, bin_utc, total (one row per bin, zero-filled, in time order)."""
    s = totals["total"].astype(float).reset_index(drop=True)
    prev = s.shift(1)
    med = prev.rolling(rule.window, min_periods=1).median().fillna(0.0)
    mad = _rolling_mad(s.to_numpy(), rule.window) * 1.4826
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


def _bin_facts(store: Store, ds: int, start, end, lookback_start, bin_key: str | None = None, tz: str = "UTC") -> dict:
    """What happened in the bin [start, end) (whole minutes: bins start on a minute), read from the rollups so
    that a dataset imported without its posts is explained alike: posts and retweets from ``roll_volume``,
    distinct authors from their counts per bin (clameur.timeline.account_bins; ``roll_authors`` for a bin they do
    not hold), the most retweeted posts from ``roll_refs``, rising hashtags from ``roll_tags``; new accounts from
    ``author_first_seen`` (built at import too)."""
    params = [ds, start, end]
    kinds = query(
        store,
        """SELECT coalesce(sum(posts), 0)::BIGINT AS n,
                  coalesce(sum(posts) FILTER (WHERE kind = 'retweet'), 0)::BIGINT AS rts
           FROM roll_volume WHERE dataset_id = ? AND minute >= ? AND minute < ?""",
        params,
    ).iloc[0]
    authors = accounts_in_bin(store, ds, start, end, bin_key, tz)
    if authors is None:
        authors = query(
            store,
            """SELECT count(DISTINCT author_id) AS n FROM roll_authors
               WHERE dataset_id = ? AND minute >= ? AND minute < ?""",
            params,
        )["n"].iloc[0]
    top_posts = query(
        store,
        """SELECT ref_post_id, min(ref_author_id) AS author_id, min(ref_author_handle) AS handle,
                  sum(posts)::BIGINT AS n
           FROM roll_refs WHERE dataset_id = ? AND minute >= ? AND minute < ? AND kind = 'retweet'
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
        """WITH now_ AS (SELECT tag, sum(posts) AS n FROM roll_tags
                         WHERE dataset_id = ? AND minute >= ? AND minute < ? GROUP BY tag),
                before AS (SELECT tag, sum(posts) AS n FROM roll_tags
                           WHERE dataset_id = ? AND minute >= ? AND minute < ? GROUP BY tag),
                main AS (SELECT hashtag FROM datasets WHERE dataset_id = ?)
           SELECT now_.tag, now_.n::BIGINT AS n, coalesce(before.n, 0)::BIGINT AS before_n
           FROM now_ LEFT JOIN before USING (tag)
           WHERE now_.tag IS DISTINCT FROM (SELECT hashtag FROM main) AND now_.n >= 5
           ORDER BY now_.n / (coalesce(before.n, 0) + 1.0) DESC, now_.tag LIMIT 2""",
        params + [ds, lookback_start, start, ds],
    )
    return {
        "n": int(kinds["n"]),
        "rts": int(kinds["rts"]),
        "authors": int(authors),
        "top_posts": top_posts,
        "new": int(new_accounts),
        "rising": rising,
    }


def peak_facts(
    store: Store,
    dataset_id: int,
    peaks: pd.DataFrame,
    *,
    bin_seconds: int = 3600,
    tz: str,
    rule: PeakRule,
    bin_key: str | None = None,
) -> tuple[pd.DataFrame, list[dict]]:
    """The highest ``MAX_EXPLAINED`` peaks in time order, and what happened in each one's bin (numbers, ids and
    handles as stored: no name is chosen here, so the facts can be kept while the privacy mode changes)."""
    chosen = peaks.nlargest(MAX_EXPLAINED, "total").sort_values("bin_utc").reset_index(drop=True)
    facts = []
    for row in chosen.itertuples():
        start = pd.Timestamp(row.bin_utc).to_pydatetime()
        if bin_key is None:
            end = start + timedelta(seconds=bin_seconds)
        else:
            end = bin_end_utc(row.bin, bin_key, tz).to_pydatetime()
        found = _bin_facts(store, int(dataset_id), start, end, start - (end - start) * rule.window, bin_key, tz)
        facts.append({**found, "start": start, "end": end})
    return chosen, facts


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
    facts: tuple[pd.DataFrame, list[dict]] | None = None,
) -> pd.DataFrame:
    """Add a ``sentence`` (and the facts behind it) to the highest ``MAX_EXPLAINED`` peaks. With ``bin_key``, a
    bin ends where the calendar says (a month, a week from Monday) and is named at its own precision. ``facts``:
    those :func:`peak_facts` gave for these peaks (else they are read now)."""
    if peaks.empty:
        return peaks.assign(sentence=pd.Series(dtype=str), when=pd.Series(dtype=str))
    if facts is None:
        facts = peak_facts(store, dataset_id, peaks, bin_seconds=bin_seconds, tz=tz, rule=rule, bin_key=bin_key)
    chosen, per_bin = facts
    sentences, rt_shares, new_shares, whens = [], [], [], []
    for row, fact in zip(chosen.itertuples(), per_bin, strict=True):
        start, end = fact["start"], fact["end"]
        rt_share = fact["rts"] / fact["n"] if fact["n"] else 0.0
        new_share = fact["new"] / fact["authors"] if fact["authors"] else 0.0
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
                n=fmt_int(fact["n"], lang),
                rt=fmt_pct(rt_share, lang),
            )
        ]
        top = fact["top_posts"]
        if fact["rts"] and not top.empty:
            who = ", ".join(names.mention(a, h) for a, h in zip(top["author_id"], top["handle"], strict=True))
            parts.append(
                t("peaks.top_posts", lang, share=fmt_pct(top["n"].sum() / fact["rts"], lang), k=len(top), who=who)
            )
        parts.append(t("peaks.new_accounts", lang, share=fmt_pct(new_share, lang)))
        if not fact["rising"].empty:
            parts.append(t("peaks.rising", lang, tags=", ".join("#" + x for x in fact["rising"]["tag"])))
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
