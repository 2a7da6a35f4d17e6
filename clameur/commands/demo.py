"""`clameur demo`: build the demo datasets, load a scaled campaign, or write one as an export file."""

from __future__ import annotations

import time
from pathlib import Path

from clameur.commands.common import CliError, add_db_arg, open_db
from clameur.demo.export import FORMATS
from clameur.store import dataset_by_name


def register(sub) -> None:
    p = sub.add_parser(
        "demo",
        help="build the demo datasets (or, with --posts, a campaign of any size)",
        description="Without options: (re)build the demo datasets in the database. With --posts N --out FILE: "
        "write a synthetic campaign of N posts as an export file. With --posts N alone: load it into the database.",
    )
    add_db_arg(p)
    p.add_argument("--posts", type=int, help="size of a scaled #BalanceTonTikTokeur-shaped campaign")
    p.add_argument("--format", choices=FORMATS, default="twarc2", help="export format with --out")
    p.add_argument("--out", help="write the campaign to this file instead of the database")
    p.add_argument("--name", default=None, help="dataset name for --posts (default: campaign-N)")
    p.add_argument("--seed", type=int, default=2020)
    p.set_defaults(func=run)


def run(args) -> int:
    started = time.perf_counter()
    if args.out:
        if not args.posts:
            raise CliError("--out needs --posts N (how many posts to write).")
        from clameur.demo.export import write_export

        n = write_export(args.posts, args.format, Path(args.out), seed=args.seed)
        print(f"Wrote {n:,} posts as {args.format} to {args.out} in {time.perf_counter() - started:.1f} s.")
        return 0
    store = open_db(args)
    if args.posts:
        from clameur.demo.build import load_campaign

        name = args.name or f"campaign-{args.posts}"
        if dataset_by_name(store, name):
            raise CliError(f"A dataset named “{name}” already exists; pick another --name or delete it first.")
        load_campaign(store, name, args.posts, seed=args.seed)
        print(f"Loaded {args.posts:,} posts as “{name}” in {time.perf_counter() - started:.1f} s.")
        return 0
    from clameur.demo.build import demo_specs, rebuild_demo

    replaced = [s.name for s in demo_specs() if dataset_by_name(store, s.name)]
    ids = rebuild_demo(store)
    verb = "Rebuilt" if replaced else "Built"
    print(
        f"{verb} {len(ids)} demo datasets ({', '.join(s.name for s in demo_specs())}) "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0
