"""What the sub-commands share: the one-sentence error, the --db and --wait arguments, opening the database (waiting
while the app or another command holds it), finding a dataset by name."""

from __future__ import annotations

import argparse
import sys

from clameur import settings
from clameur.store import DatabaseBusy, Store, dataset_by_name, list_datasets, open_store


class CliError(Exception):
    """A problem to print as one sentence (exit code 2), never as a traceback."""


def add_db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="DuckDB file (default: $CLAMEUR_DB or data/clameur.duckdb)")
    p.add_argument(
        "--wait",
        type=float,
        default=settings.CLI_WAIT_FOR_DB_S,
        metavar="SECONDS",
        help="while the app or another command holds the database, wait this long for it "
        f"(default {settings.CLI_WAIT_FOR_DB_S:g}; 0: do not wait)",
    )


def open_db(args, **kwargs) -> Store:
    """The database of ``--db``. While another process holds it (the app lets it go after a few idle seconds,
    another command when it ends), wait up to ``--wait`` seconds with a line on stderr saying so; past that,
    one sentence (exit code 2), never a traceback."""
    wait = max(0.0, float(getattr(args, "wait", settings.CLI_WAIT_FOR_DB_S)))
    try:
        return open_store(
            args.db, wait=wait, on_wait=lambda busy: print(f"clameur: {busy.waiting('en')}", file=sys.stderr), **kwargs
        )
    except DatabaseBusy as exc:
        raise CliError(exc.sentence("en")) from None


def resolve_dataset(store, name: str) -> dict:
    row = dataset_by_name(store, name)
    if row is None:
        names = ", ".join(list_datasets(store)["name"]) or "none yet (run `clameur demo`)"
        raise CliError(f"No dataset named “{name}”. Available: {names}.")
    return row


def add_privacy_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-privacy",
        action="store_true",
        help="show every account's real handle and id (default: accounts under the follower threshold that are "
        "not in the actor registry are pseudonyms, in the output and in every file written)",
    )


def names_for(args, store, dataset_id: int, lang: str = "en"):
    """The command's Pseudonymizer; says on stderr when privacy mode is off, so that a pipeline's log shows it."""
    import sys

    from clameur.privacy import Pseudonymizer  # numpy and the catalogue: not for `clameur import`

    names = Pseudonymizer(store, dataset_id, enabled=not args.no_privacy, lang=lang)
    if not names.enabled:
        print(f"clameur: {names.notice('en')}", file=sys.stderr)
    return names
