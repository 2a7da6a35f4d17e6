"""`clameur datasets [--json]`: list the datasets in the database."""

from __future__ import annotations

import json

from clameur.commands.common import add_db_arg, open_db
from clameur.store import list_datasets


def register(sub) -> None:
    p = sub.add_parser("datasets", help="list the datasets in the database")
    add_db_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    store = open_db(args)
    df = list_datasets(store)
    if args.json:
        rows = json.loads(df.to_json(orient="records", date_format="iso"))
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif df.empty:
        print("No dataset yet. Run `clameur demo` or `clameur import FILE`.")
    else:
        # keep_posts: which posts the dataset keeps beside its rollups (all | actors | none), as `import --keep-posts`
        print(df[["dataset_id", "name", "platforms", "rows_loaded", "keep_posts", "synthetic"]].to_string(index=False))
    return 0
