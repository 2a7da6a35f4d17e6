"""`clameur import --engine spark`: read the files with Spark, compute the rollups there, store only the rollups.

The database is held only while the rollups are written (one transaction): Spark may work for hours on a cluster
while the app keeps serving the database. The name is checked before Spark starts, and again in the transaction.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from clameur.errors import Message
from clameur.i18n import fmt_int, t
from clameur.ingest.file_hash import sha256
from clameur.ingest.names import display_name, terminal_text
from clameur.spark import session as spark_session
from clameur.spark.load import Counts, FileRead, load
from clameur.spark.readers import (
    Source,
    SparkRefused,
    inspect,
    is_url,
    read_sources,
    source_format,
)
from clameur.spark.rollups import compute, row_count
from clameur.store import Store, dataset_by_name, import_running


@dataclass
class SparkReport:
    """What a Spark import did, for the command line (sentences in either language) and --json."""

    dataset_id: int
    dataset_name: str
    files: list[str]
    format: str
    where: str
    records_read: int
    loaded: int
    duplicates: int
    rejected_count: int
    context: int
    unparsed_timestamps: int
    implausible_dates: int
    refs_unresolved: dict[str, int]
    rows_stored: dict[str, int]
    seconds: float
    engine: str = "spark"
    keep_posts: str = "none"
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def lines(self, lang: str | None = "en") -> list[str]:
        """The report as the command prints it."""
        counts = {
            k: fmt_int(getattr(self, a), lang)
            for k, a in (
                ("read", "records_read"),
                ("loaded", "loaded"),
                ("duplicates", "duplicates"),
                ("rejected", "rejected_count"),
                ("context", "context"),
            )
        }
        out = [
            t(
                "spark_engine.report",
                lang,
                files=terminal_text(", ".join(self.files)),
                format=self.format,
                where=self.where,
                seconds=f"{self.seconds:.1f}",
                **counts,
            )
        ]
        rollup_rows = sum(n for table, n in self.rows_stored.items() if table.startswith("roll_"))
        out.append(
            t(
                "spark_engine.stored",
                lang,
                name=self.dataset_name,
                rows=fmt_int(rollup_rows, lang),
                accounts=fmt_int(self.rows_stored.get("accounts", 0), lang),
            )
        )
        out += [f"  {w.say(lang) if isinstance(w, Message) else w}" for w in self.warnings]
        return out


def _name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _hash(source: Source) -> str | None:
    return sha256(source.local) if source.local is not None else None


def run_spark_import(
    open_db: Callable[[], Store],
    paths: list[str],
    *,
    dataset_name: str,
    master: str | None = None,
    remote: str | None = None,
    timezone: str = "UTC",
    campaign: str | None = None,
) -> SparkReport:
    """Import ``paths`` into a new dataset with Spark; raises a ClameurError (a sentence) when it cannot."""
    started = time.monotonic()
    store = open_db()
    try:
        if dataset_by_name(store, dataset_name) is not None:
            raise SparkRefused("spark_engine.dataset_exists", name=dataset_name)
        beside = store.path.parent
    finally:
        store.close()
    local = [inspect(p) for p in paths if not is_url(p)]  # refused before Spark starts when it can be
    # beside the database: a local Spark writes the rollups there and the store reads them (it reaches its own
    # folder only); removed after the import
    with tempfile.TemporaryDirectory(prefix=".clameur-spark-", dir=beside, ignore_cleanup_errors=True) as spill:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="clameur-hash") as pool:
            hashes = pool.map(_hash, local)  # hashed while Spark works, as the DuckDB importer does
            with spark_session.session(master, remote) as spark, spark_session.said_as_sentence():
                by_path = {s.path: s for s in local}
                sources = [by_path[p] if p in by_path else inspect(p, spark) for p in paths]
                read = read_sources(spark, sources)
                try:
                    here = remote is None and spark_session.runs_here(spark)  # else the rows come back in Arrow
                    computed = compute(spark, read.frames, read.main_tags, Path(spill) if here else None)
                finally:
                    read.release()
            digests = dict(zip([s.path for s in local], hashes, strict=True))
        report = _stored(
            open_db, sources, read, computed, digests, name=dataset_name, timezone=timezone, campaign=campaign,
            where=remote or master,
        )  # fmt: skip
    report.seconds = time.monotonic() - started
    return report


def _stored(open_db, sources, read, computed, digests, *, name, timezone, campaign, where) -> SparkReport:
    """Write what Spark computed into the store; the report of the import."""
    counts = Counts(read=read.read, loaded=computed.loaded, duplicates=read.duplicates, rejected=read.rejected)
    fmt = source_format(sources)
    warnings: list[Message] = []
    if read.rejected:
        warnings.append(Message("spark_engine.rejects_unlisted", n=read.rejected))
    if computed.unparsed:
        warnings.append(Message("spark_engine.unparsed", n=computed.unparsed))
    if computed.implausible:
        warnings.append(Message("ingest.warn.odd_dates", n=computed.implausible))
    if any(computed.refs_unresolved.values()):
        warnings.append(
            Message(
                "spark_engine.unresolved", rt=computed.refs_unresolved["retweet"], qt=computed.refs_unresolved["quote"]
            )
        )
    report = SparkReport(
        dataset_id=0,
        dataset_name=name,
        files=[s.path for s in sources],
        format=fmt,
        where=where or spark_session.DEFAULT_MASTER,
        records_read=counts.read,
        loaded=counts.loaded,
        duplicates=counts.duplicates,
        rejected_count=counts.rejected,
        context=computed.context,
        unparsed_timestamps=computed.unparsed,
        implausible_dates=computed.implausible,
        refs_unresolved=computed.refs_unresolved,
        rows_stored={name: row_count(table) for name, table in computed.tables.items()},
        seconds=0.0,
        warnings=warnings,
    )
    files = [FileRead(display_name(_name(s.path)), digests.get(s.path), s.detected) for s in sources]
    store = open_db()
    try:
        with import_running(store.path, [s.path for s in sources]):
            report.dataset_id = load(
                store,
                name=name,
                computed=computed,
                counts=counts,
                files=files,
                source_format=fmt,
                timezone=timezone,
                campaign=campaign,
                report=report.to_dict(),
            )
    finally:
        store.close()
    return report
