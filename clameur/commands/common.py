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
