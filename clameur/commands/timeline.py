"""`clameur timeline DATASET [--bin B] [--tag T] [--tz ZONE] --json`: the bins and peaks the page draws."""

from __future__ import annotations

import json

from clameur.commands.common import CliError, add_db_arg, add_privacy_arg, names_for, open_db, resolve_dataset
from clameur.ingest.loader import normalise_tag
from clameur.reactions.events import list_events
from clameur.timeline.builder import TimelineView, build_timeline
from clameur.timeline.peaks import PeakRule
from clameur.timeline.queries import BINS, TimelineError
from clameur.timezones import is_valid_zone


def register(sub) -> None:
    p = sub.add_parser("timeline", help="volume over time and detected peaks")
    p.add_argument("dataset")
    add_db_arg(p)
    p.add_argument("--bin", choices=list(BINS), default=None, help="bin size (default: from the span)")
    p.add_argument("--tag", action="append", default=[], help="only posts with this hashtag (repeatable)")
    p.add_argument("--tz", default=None, help="display time zone (default: the dataset's)")
    p.add_argument("--k", type=float, default=4.0, help="peak sensitivity (median + k·MAD)")
    p.add_argument("--lang", choices=("en", "fr"), default="en")
    p.add_argument("--json", action="store_true")
    add_privacy_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    store = open_db(args)
    row = resolve_dataset(store, args.dataset)
    tz = args.tz or row.get("timezone") or "UTC"
    if not is_valid_zone(tz):
        raise CliError(f"Unknown time zone “{tz}”; use an IANA name such as Europe/Paris.")
    tags = [normalise_tag(tg) for tg in args.tag]  # as the importer stored them: NFKC, casefold, no #
    view = TimelineView([int(row["dataset_id"])], tz, args.lang, bin=args.bin, tags=tags, rule=PeakRule(k=args.k))
    names = names_for(args, store, int(row["dataset_id"]), args.lang)
    try:
        result = build_timeline(store, view, names, list_events(store, int(row["dataset_id"]), args.lang))
    except TimelineError as exc:
        raise CliError(exc.message(args.lang)) from exc
    wide = result.data.pivot_table(
        index=["bin_start_utc", f"bin_start_{tz}"], columns="series", values="value", aggfunc="sum", fill_value=0
    ).reset_index()
    bins = [
        {
            "start": r["bin_start_utc"].strftime("%Y-%m-%dT%H:%M:%SZ"),
            "start_local": r[f"bin_start_{tz}"].strftime("%Y-%m-%dT%H:%M:%S"),
            "posts": int(sum(int(r[k]) for k in wide.columns[2:])),
            **{str(k): int(r[k]) for k in wide.columns[2:]},
        }
        for _, r in wide.iterrows()
    ]
    peaks = [
        {
            "start": p.bin_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "start_local": p.bin.strftime("%Y-%m-%dT%H:%M:%S"),
            "when": p.when,  # as the table and the sentence say it: at the bin's own resolution
            "posts": int(p.total),
            "baseline": float(p.baseline),
            "sentence": p.sentence,
        }
        for p in result.peaks.itertuples()
    ]
    out = {
        "dataset": row["name"],
        "bin": result.bin,
        "tz": tz,
        "tags": tags,
        "n": result.n,
        "bins": bins,
        "peaks": peaks,
        "rule": view.rule.sentence(args.lang),
        "privacy": names.as_json(),
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(f"{row['name']}: {result.n:,} posts in {len(bins)} bins of {result.bin} ({tz}); {len(peaks)} peaks")
        for p in peaks:
            print("  " + p["sentence"])
    return 0
