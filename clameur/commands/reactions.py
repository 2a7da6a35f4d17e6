"""`clameur reactions DATASET --json [--event ID --before H --after H]`: lags, reach and effects."""

from __future__ import annotations

import json
from datetime import timedelta

import pandas as pd

from clameur.commands.common import CliError, add_db_arg, resolve_dataset
from clameur.reactions.effects import fit_its, hourly_counts, sentence
from clameur.reactions.events import list_events
from clameur.reactions.platforms import ladder
from clameur.reactions.queries import who_reacted
from clameur.store import open_store


def register(sub) -> None:
    p = sub.add_parser("reactions", help="institutional and platform reactions: lags, reach, effects")
    p.add_argument("dataset")
    add_db_arg(p)
    p.add_argument("--event", type=int, help="estimate the before/after effect of this event id")
    p.add_argument("--before", type=int, default=12, help="hours before the event")
    p.add_argument("--after", type=int, default=24, help="hours after the event")
    p.add_argument("--lang", choices=("en", "fr"), default="en")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _iso(ts) -> str | None:
    return None if ts is None or pd.isna(ts) else pd.Timestamp(ts).strftime("%Y-%m-%dT%H:%M:%SZ")


def run(args) -> int:
    store = open_store(args.db)
    row = resolve_dataset(store, args.dataset)
    ds = int(row["dataset_id"])
    who = who_reacted(store, ds)
    out = {
        "dataset": row["name"],
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
        events = list_events(store, ds).set_index("event_id")
        if args.event not in events.index:
            raise CliError(f"No event {args.event} in “{row['name']}”. Events: {', '.join(map(str, events.index))}.")
        ev = events.loc[args.event]
        at = pd.Timestamp(ev["starts_at"]).to_pydatetime()
        try:
            res = fit_its(
                hourly_counts(store, ds, at - timedelta(hours=args.before), at + timedelta(hours=args.after)), at
            )
        except ValueError as exc:
            raise CliError(f"{exc} Use wider --before/--after.") from exc
        out["effect"] = {
            "event_id": args.event,
            "title": ev["title"],
            "level_ratio": round(res.level_ratio, 4),
            "level_ci95": [round(x, 4) for x in res.level_ci],
            "slope_ratio_per_hour": round(res.slope_ratio, 4),
            "slope_ci95": [round(x, 4) for x in res.slope_ci],
            "hours_before": res.n_before,
            "hours_after": res.n_after,
            "sentence": sentence(res, ev["title"], args.lang),
        }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for a in out["actors"]:
            print(f"{a['actor']}: first {a['first']} ({a['lag_hours']} h after launch), {a['retweets_received']} RTs")
        if "effect" in out:
            print(out["effect"]["sentence"])
    return 0
