"""`clameur reactions DATASET --json [--event ID --before H --after H]`: lags, reach and effects."""

from __future__ import annotations

import json

import pandas as pd

from clameur.commands.common import CliError, add_db_arg, add_privacy_arg, names_for, open_db, resolve_dataset
from clameur.ingest.loader import normalise_tag
from clameur.reactions.builder import EFFECT_HOURS
from clameur.reactions.effects import (
    MIN_PRE_FOR_RHYTHM,
    EffectError,
    EffectResult,
    effect_for_event,
    method_note,
    sentence,
)
from clameur.reactions.events import list_events
from clameur.reactions.platforms import ladder
from clameur.reactions.queries import who_reacted
from clameur.store import dataset_by_name

METHOD_NAMES = {
    "rhythm": "interrupted_time_series_hour_of_day",
    "did": "difference_in_differences",
    "none": "none",
}


def register(sub) -> None:
    p = sub.add_parser("reactions", help="institutional and platform reactions: lags, reach, effects")
    p.add_argument("dataset")
    add_db_arg(p)
    p.add_argument("--event", type=int, help="estimate the before/after effect of this event id")
    p.add_argument("--before", type=int, default=EFFECT_HOURS[0], help="hours before the event (cut to the data)")
    p.add_argument("--after", type=int, default=EFFECT_HOURS[1], help="hours after the event (cut to the data)")
    p.add_argument(
        "--comparison",
        default="auto",
        help=f"comparison series when the window has fewer than {MIN_PRE_FOR_RHYTHM} h before the event: "
        "auto (the other dataset covering the window with the most posts), none, a dataset name, or #tag "
        "(that hashtag's posts in this dataset)",
    )
    p.add_argument("--lang", choices=("en", "fr"), default="en")
    p.add_argument("--json", action="store_true")
    add_privacy_arg(p)
    p.set_defaults(func=run)


def _iso(ts) -> str | None:
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m-%dT%H:%M:%SZ")


def run(args) -> int:
    store = open_db(args)
    row = resolve_dataset(store, args.dataset)
    ds = int(row["dataset_id"])
    who = who_reacted(store, ds)
    out = {
        "dataset": row["name"],
        "privacy": names_for(args, store, ds, args.lang).as_json(),  # actors are in the registry: always named
        "actors": [
            {
                "actor": r.actor,
                "category": r.category if isinstance(r.category, str) else None,
                "first": _iso(r.first),
                "lag_hours": None if pd.isna(r.lag_hours) else round(r.lag_hours, 2),
                "posts": int(r.posts),
                "retweets_received": int(r.rts),
                "replies_received": int(r.replies),
                "quotes_received": int(r.quotes),
                "engagement_share": round(float(r.engagement_share), 5),
                "rank": None if r.rank is None or pd.isna(r.rank) else int(r.rank),
                "events": list(r.events),
            }
            for r in who.itertuples()
        ],
        "platforms": [
            {
                "platform": s.platform,
                "first": s.step,
                "at": _iso(s.at),
                "hours_from_launch": round(s.hours_from_launch, 2),
                "hours_from_demand": None if pd.isna(s.hours_from_demand) else round(s.hours_from_demand, 2),
                "title": s.title,
                "confidence": s.confidence,
            }
            for s in ladder(store, ds).itertuples()
        ],
    }
    if args.event is not None:
        events = list_events(store, ds, args.lang).set_index("event_id")
        if args.event not in events.index:
            raise CliError(f"No event {args.event} in “{row['name']}”. Events: {', '.join(map(str, events.index))}.")
        ev = events.loc[args.event]
        comparison = comparison_key(store, ds, args.comparison)
        try:
            res = effect_for_event(store, ds, ev["starts_at"], args.before, args.after, comparison)
        except EffectError as exc:
            raise CliError(f"{exc.message(args.lang)} (--before/--after/--comparison)") from exc
        out["effect"] = {
            "event_id": args.event,
            "title": ev["title"],
            "event_at": _iso(ev["starts_at"]),
            **effect_json(res),
            "sentence": sentence(res, ev["title"], args.lang),
            "method_note": method_note(res, args.lang),
        }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for a in out["actors"]:
            print(f"{a['actor']}: first {a['first']} ({a['lag_hours']} h after launch), {a['retweets_received']} RTs")
        if "effect" in out:
            print(out["effect"]["sentence"])
    return 0


def comparison_key(store, dataset_id: int, value: str) -> str:
    """auto, none, a dataset name or #tag, as the key effect_for_event takes."""
    if value in ("auto", "none"):
        return value
    if value.startswith(("#", "＃")):
        return f"tag:{normalise_tag(value)}"
    row = dataset_by_name(store, value)
    if row is None:
        raise CliError(
            f"--comparison “{value}” is neither auto, none, a dataset name (see `clameur datasets`) nor #tag."
        )
    if int(row["dataset_id"]) == int(dataset_id):
        raise CliError("--comparison names the dataset itself; give another dataset, or #tag for one of its hashtags.")
    return f"dataset:{int(row['dataset_id'])}"


def _r(x, digits: int = 4):
    return None if x is None else round(float(x), digits)


def effect_json(res: EffectResult) -> dict:
    """The effect's bins (aligned on the event), method, interval, checks: everything a reader may recompute."""
    s = res.series
    bins = []
    for r in s.itertuples():
        b = {
            "start": _iso(r.bin_start),
            "end": _iso(r.bin_end),
            "hours_from_event": int(r.hours_from_event),
            "after": bool(r.after),
            "posts": int(r.posts),
        }
        if "comparison" in s:
            b["comparison_posts"] = int(r.comparison)
        if res.method != "none":
            b["fitted"] = _r(r.fitted, 2)
        if res.method != "none" and r.after:
            b["counterfactual"] = _r(r.counterfactual, 2)
            b["counterfactual_pi95"] = [_r(r.cf_low, 2), _r(r.cf_high, 2)]
        bins.append(b)
    comp = res.comparison
    placebo = res.placebo
    out = {
        "method": METHOD_NAMES[res.method],
        "model": None
        if res.method == "none"
        else "quasi-Poisson GLM (statsmodels), hourly bins from the event's minute",
        "comparison": None
        if comp is None
        else {
            "kind": "hashtag" if comp.tag else "dataset",
            "name": comp.label,
            "posts_before": res.comparison_posts()[0],
            "posts_after": res.comparison_posts()[1],
        },
        "reasons": res.reasons,
        "window": {
            "start": _iso(res.window.start),
            "end": _iso(res.window.end),
            "hours_before": res.n_before,
            "hours_after": res.n_after,
            "posts": int(s["posts"].sum()),
            "bin_hours": 1,
        },
        "posts_before": res.posts_before,
        "posts_after": res.posts_after,
        "bins": bins,
    }
    if res.method == "none":
        return out
    out.update(
        {
            "ratio": _r(res.ratio),
            "ratio_ci95": [_r(x) for x in res.ratio_ci],
            "expected_after": _r(res.expected_after, 1),
            "level_ratio": _r(res.level_ratio),
            "level_ci95": [_r(x) for x in res.level_ci],
            "slope_ratio_per_day": _r(res.slope_ratio),
            "slope_ci95": None if res.slope_ci is None else [_r(x) for x in res.slope_ci],
            "dispersion": _r(res.dispersion),
            "parallel_trends": None
            if res.pretrend is None
            else {
                "ratio_per_hour": _r(res.pretrend[0]),
                "ci95": [_r(res.pretrend[1]), _r(res.pretrend[2])],
                "parallel": res.parallel,
            },
            "counterfactual_above_every_hour_before": res.extrapolates,
            "placebo": {
                "every_hours": placebo.every,
                "same_windows": True,
                "fake_events": placebo.n,
                "as_large": placebo.as_large,
                "p_value": _r(placebo.p_value),
                "hours_before_real_event": placebo.offsets,
                "ratios": [_r(x) for x in placebo.ratios],
                "history_hours": res.history_hours,
                "hours_needed": res.n_before + res.n_after,
            },
            "reliable": res.reliable,
        }
    )
    return out
