"""The `clameur` command: demo, datasets, summary, import, timeline, network, reactions, figure."""

from __future__ import annotations

import argparse
import importlib
import sys

from clameur.commands import COMMAND_MODULES


class CliError(Exception):
    """A problem to print as one sentence (exit code 2), never as a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clameur", description="Clameur: hashtag campaigns in DuckDB.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command not written yet
                continue
            raise
        module.register(sub)
    return parser


def add_db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="DuckDB file (default: $CLAMEUR_DB or data/clameur.duckdb)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"clameur: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    # `python -m clameur.cli`: run the imported module's main, so that its CliError is the one commands raise.
    from clameur.cli import main as _main

    sys.exit(_main())
