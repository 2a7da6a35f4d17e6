"""Every chart query, warm (issue 20: ≤ 50 ms each at 5M posts).

The feature functions the pages call, so the bench follows whatever they read (the raw posts today, the rollups
once the pages are converted): the timeline's volume at every bin for posts and for accounts, stacked by kind, by
hashtag and not at all; peaks and their explanations; the overview's summary, top accounts and hashtags; the edges
of every network kind; the institutions' and platforms' queries and the effect estimate's data.

    python -m bench.run --only queries --sizes 100000 --repeats 5
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bench.measure import timed_row
from clameur.network.model import KINDS, NetworkQuery, coded_edges
from clameur.overview.summary import peak_hour, summarize, top_accounts, top_hashtags
from clameur.privacy import Pseudonymizer
from clameur.reactions import queries as rq
from clameur.reactions.actors import account_categories, match_actors
from clameur.reactions.effects import aligned_counts, before_after, comparison_options, window_for
from clameur.reactions.events import list_events
from clameur.reactions.platforms import ladder, own_voice
from clameur.store import open_store
from clameur.timeline.launch import hourly_since_launch
from clameur.timeline.peaks import PeakRule, detect, explain, totals
from clameur.timeline.queries import BINS, VolumeQuery, span, volume

TARGET_S = 0.05
TZ = "Europe/Paris"


def dataset_id(store) -> int:
    return int(store.cursor().execute("SELECT min(dataset_id) FROM datasets").fetchone()[0])


def cases(store, ds: int) -> dict:
    """{name: callable}: every chart query of the pages, on dataset ``ds``."""
    lang = "en"
    names = Pseudonymizer(None, None, enabled=False)
    try:
        tags = top_hashtags(store, ds, 2)["tag"].tolist()
    except Exception:  # the hashtag case reports the error
        tags = ["?"]
    out: dict = {}
    for b in BINS:
        out[f"timeline {b}, posts by kind"] = lambda b=b: volume(store, VolumeQuery([ds], tz=TZ, bin=b, stack="kind"))
        out[f"timeline {b}, distinct accounts"] = lambda b=b: volume(
            store, VolumeQuery([ds], tz=TZ, bin=b, stack="none", measure="accounts")
        )
    for measure in ("posts", "accounts"):
        out[f"timeline hour, {measure} by hashtag ({len(tags)} tags)"] = lambda m=measure: volume(
            store, VolumeQuery([ds], tz=TZ, bin="hour", stack="tag", measure=m, tags=tags)
        )
    out["timeline hour, accounts by kind"] = lambda: volume(
        store, VolumeQuery([ds], tz=TZ, bin="hour", stack="kind", measure="accounts")
    )
    out.update(_guarded("peaks", lambda: _peak_cases(store, ds, names)))
    out["timeline span"] = lambda: span(store, [ds])
    out["campaigns from launch (hourly)"] = lambda: hourly_since_launch(store, [ds])
    out["overview summary"] = lambda: summarize(store, ds)
    out["overview top accounts"] = lambda: top_accounts(store, ds, 10)
    out["overview top hashtags (40, the pages' menus)"] = lambda: top_hashtags(store, ds, 40)
    out["overview peak hour"] = lambda: peak_hour(store, ds, TZ)
    for kind in KINDS:
        out[f"network edges: {kind}"] = lambda k=kind: coded_edges(store, NetworkQuery(ds, kind=k))
    out.update(_guarded("network window", lambda: {"network edges: retweet, one day window": _window_edges(store, ds)}))
    out["network account categories"] = lambda: account_categories(store)
    out["institutions: who reacted"] = lambda: rq.who_reacted(store, ds, lang)
    out["institutions: actor posts"] = lambda: rq.actor_posts(store, ds, lang)
    out["institutions: reach"] = lambda: rq.reach(store, ds)
    out["institutions: launch"] = lambda: rq.launch_of(store, ds)
    out["institutions: matched actors"] = lambda: match_actors(store, ds)
    out["events of the dataset"] = lambda: list_events(store, ds, lang)
    out["platforms: ladder"] = lambda: ladder(store, ds, lang)
    out["platforms: own voice"] = lambda: own_voice(store, ds)
    out.update(_guarded("effects", lambda: _effect_cases(store, ds, list_events(store, ds, lang))))
    return out


def _guarded(name: str, build) -> dict:
    """The cases ``build`` returns, or one case that raises its error (reported as a row, the bench goes on)."""
    try:
        return build()
    except Exception as exc:  # reported in the table

        def fail(exc=exc):
            raise exc

        return {f"{name}: setting up": fail}


def _peak_cases(store, ds: int, names: Pseudonymizer) -> dict:
    hourly = volume(store, VolumeQuery([ds], tz=TZ, bin="hour"))
    rule = PeakRule()
    events = list_events(store, ds, "en")
    found = detect(totals(hourly), rule)
    return {
        "peaks: detection (hour)": lambda: detect(totals(hourly), rule),
        "peaks: explanations (hour)": lambda: explain(
            store, ds, found, bin_seconds=3600, bin_key="hour", tz=TZ, lang="en", events=events, names=names, rule=rule
        ),
    }


def _window_edges(store, ds: int):
    first, last = span(store, [ds])
    start = pd.Timestamp(first).to_pydatetime() if first is not None else None
    end = (pd.Timestamp(first) + pd.Timedelta(days=1)).to_pydatetime() if first is not None else None
    return lambda: coded_edges(store, NetworkQuery(ds, kind="retweet", start=start, end=end))


def _effect_cases(store, ds: int, events: pd.DataFrame) -> dict:
    """The data an effect estimate reads (the fit itself is timed with the institutions page)."""
    if events.empty:
        return {}
    inst = events[events["event_type"] == "institutional_reaction"]
    at = pd.Timestamp((inst if len(inst) else events).iloc[0]["starts_at"]).to_pydatetime()
    window = window_for(store, ds, at, 48, 24)
    matched = match_actors(store, ds)
    ids, handles = matched["account_id"].dropna().tolist(), matched["handle"].dropna().tolist()
    return {
        "effects: window": lambda: window_for(store, ds, at, 48, 24),
        "effects: hourly counts": lambda: aligned_counts(store, ds, window),
        "effects: comparison options": lambda: comparison_options(store, ds),
        "effects: before/after table": lambda: before_after(store, ds, window, ids, handles),
    }


def run(db_path: Path, n_posts: int, repeats: int) -> list[dict]:
    store = open_store(db_path)
    try:
        ds = dataset_id(store)
        rows = []
        for case, fn in cases(store, ds).items():
            rows.append(timed_row("queries", case, n_posts, fn, repeats, target_s=TARGET_S))
        return rows
    finally:
        store.close()
