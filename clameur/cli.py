"""The `clameur` command: demo, datasets, summary, import, timeline, network, reactions, figure."""

from __future__ import annotations

import argparse
import importlib
import sys

from clameur.commands import COMMAND_MODULES
from clameur.commands.common import CliError


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; given the command about to run, only that command's module is imported (the others pull in
    statsmodels, plotly, igraph… and would add a second to every `clameur import`)."""
    parser = argparse.ArgumentParser(prog="clameur", description="Clameur: hashtag campaigns in DuckDB.")
    sub = parser.add_subparsers(dest="command", required=True)
    chosen = [m for m in COMMAND_MODULES if m.rsplit(".", 1)[1].rstrip("_") == command]
    for name in chosen or COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command not written yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"clameur: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
