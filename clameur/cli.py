"""The `clameur` command: demo, datasets, summary, import, timeline, network, reactions, figure."""

from __future__ import annotations

import argparse
import errno
import importlib
import os
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
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # here, so that a closed pipe is met inside the try, not at exit
        return code
    except BrokenPipeError:  # `clameur datasets --json | head -1`: the reader has all it wanted
        _stdout_to_devnull()
        return 1
    except CliError as exc:
        print(f"clameur: {exc}", file=sys.stderr)
        return 2
    except (OSError, *_duckdb_errors()) as exc:
        sentence = system_error_sentence(exc)
        if sentence is None:
            raise
        print(f"clameur: {sentence}", file=sys.stderr)
        return 2


def _stdout_to_devnull() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not fail again on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _duckdb_errors() -> tuple[type[Exception], ...]:
    duckdb = sys.modules.get("duckdb")  # loaded by then if a command used it; never imported just for this
    return (duckdb.Error,) if duckdb is not None else ()


def system_error_sentence(exc: Exception) -> str | None:
    """A sentence for what the system or DuckDB said (a full disk, a denied access, a database locked by another
    process), or None for an error that is a bug and must be seen as one."""
    from clameur.i18n import t

    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return t("cli.disk_full", "en")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return t("cli.no_permission", "en", path=exc.filename or "a file")
        return t("cli.os_error", "en", reason=exc.strerror or str(exc))
    message = str(exc)
    if "Could not set lock" in message or "Conflicting lock" in message:
        return t("cli.db_busy", "en")
    if "No space left on device" in message or "Disk quota exceeded" in message:
        return t("cli.disk_full", "en")
    if "Permission denied" in message or "Read-only file system" in message:
        return t("cli.no_permission", "en", path="the database")
    return None


if __name__ == "__main__":
    sys.exit(main())
