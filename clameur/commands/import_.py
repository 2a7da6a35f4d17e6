"""`clameur import FILE… [--dataset NAME] [--keep-posts all|actors|none] [--json] [--db PATH]`: the importer for files
of any size."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tqdm import tqdm

from clameur.commands.common import CliError, add_db_arg, open_db
from clameur.i18n import t
from clameur.ingest import ImportRefused, run_import
from clameur.ingest.core import finish_keep_posts, kept_sentence
from clameur.ingest.formats import PARSERS
from clameur.ingest.mapping import PRESETS, MappingError, save_preset
from clameur.ingest.names import clean_name, display_name, terminal_text
from clameur.settings import KEEP_POSTS
from clameur.store import import_running


def register(sub) -> None:
    p = sub.add_parser(
        "import",
        help="import post files (twarc2, Twitter v1.1, Bluesky, Mastodon, Zeeschuimer, TikTok JSON; CSV; Parquet)",
    )
    p.add_argument("files", nargs="+", help="files to import")
    p.add_argument("--dataset", help="dataset name (default: the first file's name without extension)")
    p.add_argument(
        "--format",
        choices=sorted([*PARSERS, "csv", "parquet"]),
        help="skip detection (default: detected from the content)",
    )
    p.add_argument("--mapping", help="CSV/Parquet: a column-mapping preset (built-in: " + ", ".join(PRESETS) + ")")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="CSV/Parquet: map one field to a column, e.g. --map post_id=tweet_id --map platform==x (repeatable)",
    )
    p.add_argument("--save-mapping", metavar="NAME", help="save the --map mapping as a preset under this name")
    p.add_argument("--timezone", default="UTC", help="display time zone of a new dataset (e.g. Europe/Paris)")
    p.add_argument(
        "--campaign",
        help="the campaign the dataset follows, as people write it (e.g. '#BalanceTonTikTokeur'): the overview's "
        "title (default: the dataset name)",
    )
    p.add_argument(
        "--keep-posts",
        default=None,
        metavar="all|actors|none",
        help="which posts the dataset keeps once its summary tables (rollups) are built: all (default), actors (only "
        "the posts of accounts in the actor registry) or none (rollups only: every chart, a much smaller database, no "
        "post to read one by one). A dataset that keeps fewer than all takes no further file. The Spark engine keeps "
        "none.",
    )
    add_db_arg(p)
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    _add_engine_args(p)
    p.set_defaults(func=run)


def _add_engine_args(p) -> None:
    p.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="spark: read twarc2 files, Clameur's flat JSON lines or Parquet with Spark and store only the rollups "
        '(needs pip install -e ".[spark]" and Java 17)',
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--master", help="--engine spark: the Spark master (default local[*]; e.g. spark://host:7077)")
    where.add_argument("--remote", help="--engine spark: a Spark Connect server (e.g. sc://host:15002)")


def _is_file(path: Path) -> bool:
    """Whether ``path`` names a file, taken literally (no pattern: ``*``, ``?`` and ``[a]`` are characters of the
    name); a name the system cannot take (too long, a NUL byte) is not a file."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def run(args) -> int:
    from clameur.timezones import is_valid_zone  # here: it loads pandas, which a big CSV import never needs

    if not is_valid_zone(args.timezone):
        raise CliError(ImportRefused("ingest.bad_timezone", zone=terminal_text(str(args.timezone))).message("en"))
    if args.keep_posts is not None and args.keep_posts not in KEEP_POSTS:  # a sentence before the database is opened
        raise CliError(ImportRefused("ingest.bad_keep_posts", value=terminal_text(str(args.keep_posts))).message("en"))
    if args.engine == "spark" or args.master or args.remote:
        return _import_with_spark(args)
    args.keep_posts = args.keep_posts or "all"
    paths = [Path(f) for f in args.files]
    for path in paths:
        if not _is_file(path):
            raise CliError(t("cli.not_a_file", "en", path=terminal_text(str(path))))
    # DuckDB reads private copies in the uploads folder (run_import), never the files' own folders.
    store = open_db(args, bulk_load=True)
    with import_running(store.path, paths):  # a page, or a second import, that finds the database busy says why
        return _import_files(store, paths, args)


def _import_files(store, paths: list[Path], args) -> int:
    name = args.dataset or clean_name(paths[0].name.split(".")[0]) or "import"
    mapping = _mapping(store, args)
    reports, loaded = [], 0
    for i, path in enumerate(paths):
        bar = _progress_bar(path, quiet=args.json)
        # The last file lets go the posts not kept, in its transaction: a dataset that has let posts go takes no
        # further file (finish_keep_posts below applies the policy if the last file did not).
        keep = args.keep_posts if i == len(paths) - 1 else "all"
        try:
            report = run_import(
                store,
                path,
                dataset_name=name,
                fmt=args.format,
                original_name=display_name(path.name),
                timezone=args.timezone,
                mapping=mapping,
                progress=bar.update_to,
                campaign=args.campaign,
                keep_posts=keep,
            )
        except ImportRefused as exc:
            reports.append({"file": str(path), "refused": str(exc)})
            if not args.json:
                print(terminal_text(f"{path}: refused. {exc}"))
            continue
        finally:
            bar.close()
        loaded += report.loaded
        reports.append({"file": str(path), **report.to_dict()})
        if not args.json:
            shown = terminal_text(str(path))
            print(
                f"{shown}: {report.format}, read {report.records_read:,}, loaded {report.loaded:,}, duplicates "
                f"{report.duplicates:,}, rejected {report.rejected_count:,}, context {report.context:,}"
                + (" (already imported)" if report.already_imported else "")
            )
            if report.refs_sentence("en"):
                print(f"  {report.refs_sentence('en')}")
            for warning in report.warnings:
                print(f"  warning: {terminal_text(warning)}")
            for line, reason in report.rejected[:20]:
                print(f"  line {line}: {terminal_text(reason)}")
    done = loaded or any(r.get("already_imported") for r in reports)
    kept = finish_keep_posts(store, name, args.keep_posts) if done else None
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    elif kept is not None:
        print(terminal_text(f"{name}: {kept_sentence(*kept, 'en')}"))
    return 0 if done else 1


def _mapping(store, args) -> dict | str | None:
    if not args.map:
        return args.mapping
    pairs = [item.split("=", 1) for item in args.map]
    if any(len(pair) != 2 or not pair[0] for pair in pairs):
        raise CliError("Write each --map as FIELD=COLUMN, for example --map post_id=tweet_id.")
    mapping = {field.strip(): column for field, column in pairs}
    if args.save_mapping:
        try:
            save_preset(store.cursor(), args.save_mapping, mapping)
        except MappingError as exc:
            raise CliError(str(exc)) from exc
    return mapping


class _Bar(tqdm):
    """A tqdm bar driven by the importer's progress callback (a share from 0 to 1)."""

    def update_to(self, share: float) -> None:
        self.update(max(0, round(share * 100) - self.n))


def _progress_bar(path: Path, *, quiet: bool) -> _Bar:
    # On stderr, and only on a terminal: piped output and --json stay clean.
    return _Bar(
        total=100,
        desc=terminal_text(clean_name(path.name, 40)),
        unit="%",
        file=sys.stderr,
        disable=quiet or not sys.stderr.isatty(),
    )


def _import_with_spark(args) -> int:
    """`--engine spark`: the files may be on a cluster (hdfs://, s3a://); the database is opened only to check the
    name and, at the end, to store the rollups."""
    from clameur.errors import ClameurError
    from clameur.spark.engine import run_spark_import

    if args.engine != "spark":
        raise CliError(t("spark_engine.options_need_engine", "en"))
    unused = [o for o, v in (("--format", args.format), ("--mapping", args.mapping), ("--map", args.map)) if v]
    if unused:
        raise CliError(t("spark_engine.options_duckdb_only", "en", options=", ".join(unused)))
    if args.keep_posts not in (None, "none"):  # said, not ignored: the posts never come back from the cluster
        raise CliError(t("spark_engine.keeps_no_posts", "en", value=args.keep_posts))
    name = args.dataset or clean_name(Path(args.files[0]).name.split(".")[0]) or "import"
    try:
        report = run_spark_import(
            lambda: open_db(args),
            list(args.files),
            dataset_name=name,
            master=args.master,
            remote=args.remote,
            timezone=args.timezone,
            campaign=args.campaign,
        )
    except ClameurError as exc:
        raise CliError(terminal_text(exc.message("en"))) from None
    if args.json:
        print(json.dumps([report.to_dict()], ensure_ascii=False, indent=2))
    else:
        print("\n".join(report.lines("en")))
    return 0 if report.loaded else 1
