"""What the sub-commands share: the one-sentence error, the --db argument, finding a dataset by name."""

from __future__ import annotations

import argparse

from clameur.store import dataset_by_name, list_datasets


class CliError(Exception):
    """A problem to print as one sentence (exit code 2), never as a traceback."""


def add_db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="DuckDB file (default: $CLAMEUR_DB or data/clameur.duckdb)")


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
