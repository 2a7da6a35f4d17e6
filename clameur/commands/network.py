"""`clameur network DATASET --kind K [--top N] [--since T --until T] --out FILE.gexf|graphml|csv [--json]`."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from clameur.commands.common import CliError, add_db_arg, add_privacy_arg, names_for, open_db, resolve_dataset
from clameur.ingest.loader import normalise_tag
from clameur.network.builder import cached_network
from clameur.network.exports import export_bytes
from clameur.network.model import KINDS, METRICS, NetworkError, NetworkQuery


def register(sub) -> None:
    p = sub.add_parser("network", help="build a network and export it (GEXF, GraphML, CSV) or print its figures")
    p.add_argument("dataset")
    add_db_arg(p)
    p.add_argument("--kind", choices=KINDS, default="retweet")
    p.add_argument("--top", type=int, default=20, help="how many top accounts to print with --json")
    p.add_argument("--metric", choices=METRICS, default="pagerank")
    p.add_argument("--min-weight", type=int, default=1)
    p.add_argument("--tag", default=None, help="only posts with this hashtag")
    p.add_argument("--since", help="UTC start, e.g. 2020-06-18T08:30 (networks are counted per minute)")
    p.add_argument("--until", help="UTC end (exclusive)")
    p.add_argument("--out", help="FILE.gexf, FILE.graphml or FILE.csv (writes FILE-nodes.csv and FILE-edges.csv)")
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the pseudonyms")
    p.add_argument("--json", action="store_true")
    add_privacy_arg(p)
    p.set_defaults(func=run)


def _time(value: str | None, name: str):
    if not value:
        return None
    try:
        ts = pd.Timestamp(value)
    except ValueError as exc:
        raise CliError(f"--{name} “{value}” is not a date and time; use e.g. 2020-06-18T08:30.") from exc
    return (ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo else ts).to_pydatetime()


def run(args) -> int:
    store = open_db(args)
    row = resolve_dataset(store, args.dataset)
    tag = normalise_tag(args.tag) if args.tag else None  # as the importer stored it: NFKC, casefold, no #
    q = NetworkQuery(
        int(row["dataset_id"]),
        kind=args.kind,
        start=_time(args.since, "since"),
        end=_time(args.until, "until"),
        tag=tag,
        min_weight=args.min_weight,
        metric=args.metric,
    )
    try:
        net = cached_network(store, q)
    except NetworkError as exc:
        raise CliError(str(exc)) from exc
    names = names_for(args, store, int(row["dataset_id"]), args.lang)
    if args.out:
        out = Path(args.out)
        fmt = {".gexf": "gexf", ".graphml": "graphml", ".csv": "csv"}.get(out.suffix.lower())
        if fmt is None:
            raise CliError("--out must end in .gexf, .graphml or .csv.")
        for suffix, data in export_bytes(net, fmt, names).items():
            target = out if fmt != "csv" else out.with_name(f"{out.stem}-{suffix}")
            target.write_bytes(data)
            print(f"Wrote {target}")
    top = net.nodes.sort_values([args.metric, "id"], ascending=[False, True]).head(args.top)
    shown = names.for_network(args.kind)
    summary = {
        "dataset": row["name"],
        "kind": args.kind,
        "nodes": net.totals["nodes"],
        "edges": net.totals["edges"],
        "total_weight": net.totals["weight"],
        # one rule with `clameur summary`: self-loops are not edges, and how many were left out is said
        "self_loops_left_out": net.totals["self_loops"],
        "unknown_target_left_out": net.totals["unresolved"],
        "privacy": names.as_json(),
        "top": [
            {
                "id": shown.node_id(r.id, r.label),
                "label": shown.label(r.id, r.label),
                "pagerank": round(float(r.pagerank), 6),
                "in_strength": int(r.in_strength),
                "out_strength": int(r.out_strength),
                "community": int(r.community),
                "category": r.category or None,
            }
            for r in top.itertuples()
        ],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    elif not args.out:
        print(
            f"{row['name']} {args.kind} network: {summary['nodes']:,} nodes, {summary['edges']:,} edges, "
            f"weight {summary['total_weight']:,}; left out: {summary['self_loops_left_out']:,} self-loops, "
            f"{summary['unknown_target_left_out']:,} posts whose target account is unknown"
        )
    return 0
