"""`clameur summary DATASET [--json]`: the key figures of a dataset."""

from __future__ import annotations

import json

from clameur.commands.common import add_db_arg, add_privacy_arg, names_for, open_db, resolve_dataset
from clameur.overview.summary import summarize


def register(sub) -> None:
    p = sub.add_parser("summary", help="key figures of a dataset")
    p.add_argument("dataset", help="dataset name (see `clameur datasets`)")
    add_db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    add_privacy_arg(p)
    p.set_defaults(func=run)


def run(args) -> int:
    store = open_db(args)
    row = resolve_dataset(store, args.dataset)
    summary = summarize(store, row["dataset_id"])  # counts and hashtags: no account is named
    summary["privacy"] = names_for(args, store, int(row["dataset_id"])).as_json()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    k = summary["kinds"]
    print(
        f"{summary['dataset']}: {summary['posts']:,} posts by {summary['authors']:,} accounts, "
        f"{summary['first']} → {summary['last']}"
    )
    print(
        f"  first 24 h: {summary['first_24h']:,} posts · retweets {k['retweet']:,} · quotes {k['quote']:,} · "
        f"replies {k['reply']:,} · originals {k['original']:,}"
    )
    print(
        f"  retweet edges: {summary['rt_edges']:,} (weight {summary['rt_weight']:,}; "
        f"{summary['rt_self_loops']:,} self-retweets left out, as in the network)"
    )
    print("  top hashtags: " + ", ".join(f"#{t} ({n:,})" for t, n in summary["top_hashtags"]))
    return 0
