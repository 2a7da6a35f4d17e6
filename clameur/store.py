"""The DuckDB store: one file, a schema with forward migrations, a locked-down connection.

All app queries go through :func:`query` (parameterised, time-limited). Writes go through
:func:`transaction`. Times are stored as UTC ``TIMESTAMP`` (naive); convert for display only.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from clameur import settings
from clameur.errors import ClameurError
from clameur.i18n import t
from clameur.rollups.build import build_rollups
from clameur.rollups.definitions import ROLLUPS, rollups_signature
from clameur.rollups.summaries import build_summaries, summaries, summaries_signature
from clameur.sql import quote_ident

if TYPE_CHECKING:  # pandas loads only when a query returns a frame: `clameur import` starts faster
    import pandas as pd

# Identifiers and handles of the big tables, stored uncompressed (migration 3). DuckDB's default compression of
# millions of distinct short strings took a third of an import's writing time (1.3 s per million posts); without
# it the database is about 2.4 times larger, still smaller than the original file an import keeps, and queries
# run as fast. Codes, times, tags and texts stay compressed.
UNCOMPRESSED_COLUMNS = {
    "posts": ("post_id", "author_id", "author_handle", "ref_post_id", "ref_author_id"),
    "post_hashtags": ("post_id", "author_id"),
    "post_mentions": ("post_id", "author_id", "mentioned_id", "mentioned_handle"),
    "accounts": ("account_id", "handle", "name"),
}


def _store_ids_uncompressed(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild each table of UNCOMPRESSED_COLUMNS with the same columns and rows, those columns uncompressed
    (DuckDB sets compression when a table is created, not by ALTER)."""
    for table, uncompressed in UNCOMPRESSED_COLUMNS.items():
        columns = con.execute(
            """SELECT column_name, data_type, is_nullable FROM duckdb_columns()
               WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?
               ORDER BY column_index""",
            [table],
        ).fetchall()
        ddl = ", ".join(
            f"{quote_ident(name)} {typ}"
            + ("" if nullable else " NOT NULL")
            + (" USING COMPRESSION uncompressed" if name in uncompressed else "")
            for name, typ, nullable in columns
        )
        name, rebuilt = quote_ident(table), quote_ident(f"{table}_rebuilt")
        con.execute(f"CREATE TABLE {rebuilt} ({ddl})")
        con.execute(f"INSERT INTO {rebuilt} SELECT * FROM {name}")  # noqa: S608 (our table names)
        con.execute(f"DROP TABLE {name}")
        con.execute(f"ALTER TABLE {rebuilt} RENAME TO {name}")


# Forward migrations: (version, steps), each step SQL or a function of the connection. Never edit a released step;
# append a new one.
MIGRATIONS: list[tuple[int, list[str | Callable[[duckdb.DuckDBPyConnection], None]]]] = [
    (
        1,
        [
            "CREATE SEQUENCE IF NOT EXISTS dataset_ids START 1",
            """CREATE TABLE IF NOT EXISTS datasets (
                dataset_id INTEGER PRIMARY KEY DEFAULT nextval('dataset_ids'),
                name VARCHAR NOT NULL UNIQUE,
                platforms VARCHAR,            -- comma-separated, e.g. 'x' or 'x,tiktok'
                source_format VARCHAR,
                file_hash VARCHAR,            -- sha256 of the last imported file
                imported_at TIMESTAMP,        -- UTC
                rows_read BIGINT DEFAULT 0,
                rows_loaded BIGINT DEFAULT 0,
                rows_rejected BIGINT DEFAULT 0,
                rows_duplicate BIGINT DEFAULT 0,
                rows_context BIGINT DEFAULT 0,
                notes VARCHAR,
                synthetic BOOLEAN DEFAULT FALSE,
                timezone VARCHAR DEFAULT 'UTC',
                hashtag VARCHAR               -- the campaign's main tag, normalised, without '#'
            )""",
            # Collected posts. Unique by (dataset_id, platform, post_id): enforced by the importers.
            """CREATE TABLE IF NOT EXISTS posts (
                dataset_id INTEGER NOT NULL,
                platform VARCHAR NOT NULL,
                post_id VARCHAR NOT NULL,
                created_at TIMESTAMP,
                author_id VARCHAR,
                author_handle VARCHAR,
                text VARCHAR,
                lang VARCHAR,
                kind VARCHAR NOT NULL,        -- original | retweet | quote | reply
                ref_post_id VARCHAR,          -- the retweeted / quoted / replied-to post
                ref_author_id VARCHAR,
                ref_author_handle VARCHAR,
                reply_to_post_id VARCHAR,     -- also set when a quote is a reply too
                quote_of_post_id VARCHAR,
                retweet_count BIGINT,
                like_count BIGINT,
                reply_count BIGINT,
                quote_count BIGINT,
                withheld VARCHAR,             -- country codes or 'true' when the source says so
                source_line BIGINT            -- line (or record) number in the imported file
            )""",
            # Referenced posts seen only as context (includes.tweets, embedded statuses).
            """CREATE TABLE IF NOT EXISTS context_posts (
                dataset_id INTEGER NOT NULL,
                platform VARCHAR NOT NULL,
                post_id VARCHAR NOT NULL,
                created_at TIMESTAMP,
                author_id VARCHAR,
                author_handle VARCHAR,
                text VARCHAR,
                lang VARCHAR,
                kind VARCHAR,
                ref_post_id VARCHAR,
                ref_author_id VARCHAR,
                retweet_count BIGINT,
                like_count BIGINT,
                reply_count BIGINT,
                quote_count BIGINT
            )""",
            # Denormalised (created_at, kind, author_id) so hashtag timelines need no join.
            """CREATE TABLE IF NOT EXISTS post_hashtags (
                dataset_id INTEGER NOT NULL,
                post_id VARCHAR NOT NULL,
                tag VARCHAR NOT NULL,         -- NFKC + casefold, without '#'
                created_at TIMESTAMP,
                kind VARCHAR,
                author_id VARCHAR
            )""",
            """CREATE TABLE IF NOT EXISTS post_mentions (
                dataset_id INTEGER NOT NULL,
                post_id VARCHAR NOT NULL,
                author_id VARCHAR,            -- who mentions
                mentioned_id VARCHAR,         -- may be NULL when only the handle is known
                mentioned_handle VARCHAR,
                created_at TIMESTAMP,
                kind VARCHAR
            )""",
            """CREATE TABLE IF NOT EXISTS accounts (
                dataset_id INTEGER NOT NULL,
                platform VARCHAR NOT NULL,
                account_id VARCHAR NOT NULL,
                handle VARCHAR,
                name VARCHAR,
                followers BIGINT,
                verified BOOLEAN,
                description VARCHAR,
                created_at TIMESTAMP
            )""",
            "CREATE SEQUENCE IF NOT EXISTS actor_ids START 1",
            """CREATE TABLE IF NOT EXISTS actors (
                actor_id INTEGER PRIMARY KEY DEFAULT nextval('actor_ids'),
                name VARCHAR NOT NULL,
                category VARCHAR NOT NULL,    -- see clameur.settings.ACTOR_CATEGORIES
                country VARCHAR,
                source VARCHAR,
                notes VARCHAR,
                synthetic BOOLEAN DEFAULT FALSE
            )""",
            """CREATE TABLE IF NOT EXISTS actor_accounts (
                actor_id INTEGER NOT NULL,
                platform VARCHAR NOT NULL,
                handle VARCHAR,               -- matched case-insensitively
                account_id VARCHAR
            )""",
            "CREATE SEQUENCE IF NOT EXISTS event_ids START 1",
            """CREATE TABLE IF NOT EXISTS events (
                event_id INTEGER PRIMARY KEY DEFAULT nextval('event_ids'),
                dataset_id INTEGER,           -- NULL: applies to every dataset
                event_type VARCHAR NOT NULL,  -- see clameur.settings.EVENT_TYPES
                actor_id INTEGER,
                actor_name VARCHAR,
                platform VARCHAR,             -- the platform concerned (platform responses)
                starts_at TIMESTAMP NOT NULL, -- UTC
                ends_at TIMESTAMP,            -- UTC, NULL for a point event
                title VARCHAR NOT NULL,
                description VARCHAR,
                source_url VARCHAR,
                confidence VARCHAR DEFAULT 'medium',  -- high | medium | low
                status VARCHAR,               -- announced | implemented | disputed (responses)
                synthetic BOOLEAN DEFAULT FALSE
            )""",
            """CREATE TABLE IF NOT EXISTS import_files (
                file_hash VARCHAR NOT NULL,
                dataset_id INTEGER NOT NULL,
                original_name VARCHAR,        -- shown only as escaped text
                stored_path VARCHAR,          -- generated name under the uploads folder
                source_format VARCHAR,
                imported_at TIMESTAMP,
                report_json VARCHAR
            )""",
            """CREATE TABLE IF NOT EXISTS import_rejects (
                dataset_id INTEGER NOT NULL,
                file_hash VARCHAR,
                line_no BIGINT,
                reason VARCHAR
            )""",
            """CREATE TABLE IF NOT EXISTS mapping_presets (
                name VARCHAR PRIMARY KEY,
                mapping_json VARCHAR NOT NULL
            )""",
            """CREATE TABLE IF NOT EXISTS availability (
                dataset_id INTEGER NOT NULL,
                platform VARCHAR,
                object_type VARCHAR NOT NULL, -- post | account
                object_id VARCHAR NOT NULL,
                status VARCHAR NOT NULL,      -- available | deleted | suspended | withheld
                checked_at TIMESTAMP
            )""",
        ],
    ),
    (
        2,
        [
            # Derived, rebuilt by refresh_derived() after every load: when each author first posted.
            """CREATE TABLE IF NOT EXISTS author_first_seen (
                dataset_id INTEGER NOT NULL,
                author_id VARCHAR NOT NULL,
                first_at TIMESTAMP
            )""",
            """INSERT INTO author_first_seen
               SELECT dataset_id, author_id, min(created_at) FROM posts
               WHERE author_id IS NOT NULL GROUP BY ALL""",
        ],
    ),
    (3, [_store_ids_uncompressed]),
    (
        4,
        [
            # Where an event comes from, said so that a reader can check it: the outlet, the article's date, a short
            # quote in the source's language, and whether the hour is the source's or only approximate (the source
            # gives a day, or "around 18:00"). Titles, descriptions and actor labels in both languages; the display
            # falls back to the other language, then to the untagged `title` / `description` / `actor_name` that
            # databases made before this migration hold.
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS source_outlet VARCHAR",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS source_date DATE",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS source_quote VARCHAR",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS time_approximate BOOLEAN DEFAULT FALSE",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS title_fr VARCHAR",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS title_en VARCHAR",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS description_fr VARCHAR",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS description_en VARCHAR",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_name_fr VARCHAR",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_name_en VARCHAR",
            "UPDATE events SET time_approximate = FALSE WHERE time_approximate IS NULL",
            "ALTER TABLE actors ADD COLUMN IF NOT EXISTS name_fr VARCHAR",
            "ALTER TABLE actors ADD COLUMN IF NOT EXISTS name_en VARCHAR",
            "ALTER TABLE actors ADD COLUMN IF NOT EXISTS description_fr VARCHAR",
            "ALTER TABLE actors ADD COLUMN IF NOT EXISTS description_en VARCHAR",
        ],
    ),
    (
        5,
        [
            # Retweets and quotes whose original is absent from the file: author taken from the post itself
            # (resolved), or not identified (unresolved, left out of the networks).
            "ALTER TABLE datasets ADD COLUMN refs_resolved BIGINT DEFAULT 0",
            "ALTER TABLE datasets ADD COLUMN refs_unresolved BIGINT DEFAULT 0",
        ],
    ),
    # The campaign a dataset follows, as people write it ("#BalanceTonTikTokeur"): the overview's title. Asked at
    # import; NULL means the dataset's own name.
    (6, ["ALTER TABLE datasets ADD COLUMN IF NOT EXISTS campaign VARCHAR"]),
    # Rollups (clameur.rollups.definitions), built at import so that pages read small tables; which posts a
    # dataset keeps beside them (all | actors | none), and which engine built them (duckdb | spark).
    (
        7,
        [
            "ALTER TABLE datasets ADD COLUMN IF NOT EXISTS keep_posts VARCHAR DEFAULT 'all'",
            "ALTER TABLE datasets ADD COLUMN IF NOT EXISTS engine VARCHAR DEFAULT 'duckdb'",
        ],
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]


def plausible_time(col: str = "created_at") -> str:
    """SQL that is true when ``col`` is a time a platform could have given: from 2006, at most a day ahead.
    Posts outside it (a default 1970 date, a clock error) stay in the dataset but out of timelines and spans."""
    return f"({col} >= TIMESTAMP '{settings.PLAUSIBLE_SINCE}' AND {col} <= now()::TIMESTAMP + INTERVAL 1 DAY)"


def time_window(col: str, start, end) -> tuple[list[str], list]:
    """SQL conditions for the half-open window [start, end) on ``col`` (fixed text, never a user's), and their bound
    values; a missing end leaves that side open."""
    where, params = [], []
    if start is not None:
        where.append(f"{col} >= ?")
        params.append(start)
    if end is not None:
        where.append(f"{col} < ?")
        params.append(end)
    return where, params


def refresh_derived(cur, dataset_id: int) -> None:
    """Rebuild the derived tables of one dataset (call inside the loading transaction)."""
    cur.execute("DELETE FROM author_first_seen WHERE dataset_id = ?", [int(dataset_id)])
    cur.execute(  # a post dated 1970 is no one's first post: the plausible-time rule, as everywhere times are read
        f"""INSERT INTO author_first_seen
           SELECT dataset_id, author_id, min(created_at) FROM posts
           WHERE dataset_id = ? AND author_id IS NOT NULL AND {plausible_time()} GROUP BY ALL""",  # noqa: S608
        [int(dataset_id)],
    )
    build_rollups(cur, dataset_id)
    build_summaries(cur, dataset_id)


class QueryTimeout(ClameurError, RuntimeError):
    """A query ran past its time limit and was interrupted."""


@dataclass
class Store:
    """One DuckDB database. Keep one per process; take a cursor per thread."""

    path: Path
    con: duckdb.DuckDBPyConnection
    _local: threading.local
    write_lock: threading.Lock

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cur = getattr(self._local, "cur", None)
        if cur is None:
            cur = self.con.cursor()
            self._local.cur = cur
        return cur

    def close(self) -> None:
        self.con.close()


def default_db_path() -> Path:
    return Path(os.environ.get("CLAMEUR_DB", settings.DEFAULT_DB))


def uploads_dir(db_path: Path) -> Path:
    return db_path.parent / "uploads"


class DatabaseBusy(RuntimeError):
    """Another process holds the database file (DuckDB lets one process write it at a time)."""

    def __init__(self, path: Path, pid: int | None, waited: float):
        self.path, self.pid, self.waited = path, pid, waited
        self.importing = running_import(path)
        super().__init__(self.sentence("en"))

    def holder(self, lang: str) -> str:
        if self.importing is not None:
            return t(
                "store.holder_import",
                lang,
                files=", ".join(self.importing.get("files") or ()) or "?",
                since=self.importing.get("started", "?"),
                pid=self.importing.get("pid", "?"),
            )
        return t("store.holder_other", lang, pid=self.pid or "?", idle=f"{settings.STORE_IDLE_RELEASE_S:g}")

    def sentence(self, lang: str) -> str:
        """Why the database could not be opened, after waiting (for the command line)."""
        return t("store.busy", lang, path=self.path, holder=self.holder(lang), waited=f"{self.waited:g}")

    def waiting(self, lang: str) -> str:
        """The line a command prints when it starts waiting."""
        return t("store.waiting", lang, path=self.path, holder=self.holder(lang), wait=f"{self.waited:g}")


def _lock_holder(exc: duckdb.Error) -> int | None | bool:
    """The PID holding the file when ``exc`` is DuckDB's lock conflict (0 when it names none); False otherwise."""
    text = str(exc)
    if "Could not set lock on file" not in text:
        return False
    found = re.search(r"\(PID (\d+)\)", text)
    return int(found.group(1)) if found else 0


def _connect(db_path: Path, wait: float, on_wait: Callable[[DatabaseBusy], None] | None) -> duckdb.DuckDBPyConnection:
    """Connect, waiting up to ``wait`` seconds while another process holds the file (``on_wait`` is told once)."""
    deadline = time.monotonic() + max(0.0, wait)
    told = False
    while True:
        try:
            return duckdb.connect(str(db_path))
        except duckdb.IOException as exc:
            pid = _lock_holder(exc)
            if pid is False:
                raise
            left = deadline - time.monotonic()
            if left <= 0:
                raise DatabaseBusy(db_path, pid or None, wait) from None
            if not told and on_wait is not None:
                on_wait(DatabaseBusy(db_path, pid or None, wait))
                told = True
            time.sleep(min(settings.DB_RETRY_S, left))


def _shown(name: str) -> str:
    """A file name as another process may print it: no control or bidi characters (a terminal would run them)."""
    kept = "".join(
        ch for ch in name if ch.isprintable() and ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )
    return kept[:120] + ("…" if len(kept) > 120 else "")


def _marker(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".import")


@contextmanager
def import_running(db_path: Path, files: Sequence[str | Path]) -> Iterator[None]:
    """Mark the database as being imported into by this process (for the pages and the other commands that find
    it busy), for as long as the block runs."""
    marker = _marker(Path(db_path))
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    marker.write_text(
        json.dumps({"pid": os.getpid(), "files": [_shown(Path(f).name) for f in files], "started": started}),
        encoding="utf-8",
    )
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)


def running_import(db_path: str | Path) -> dict | None:
    """The import running into this database from another process (pid, file names, start), or None."""
    marker = _marker(Path(db_path))
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
        pid = int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if os.name == "posix":
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return None  # an import killed before it could clean up
        except PermissionError:
            pass
    return info


def open_store(
    path: str | Path | None = None,
    *,
    read_dirs: Sequence[str | Path] = (),
    lock: bool = True,
    bulk_load: bool = False,
    wait: float = 0.0,
    on_wait: Callable[[DatabaseBusy], None] | None = None,
) -> Store:
    """Open (and migrate) the database, then lock the connection down.

    ``read_dirs`` are extra folders the importers may read (the CLI passes the folders of the
    files it was given); ``bulk_load`` lets DuckDB store imported rows in any order. Everything
    else on disk, URLs, ATTACH of other paths, INSTALL/LOAD and
    later ``SET`` statements are refused once locked.

    While another process holds the file (the app serving it, another command), waits up to ``wait`` seconds
    (``on_wait`` is called once when the wait starts), then raises :class:`DatabaseBusy`.
    """
    db_path = Path(path) if path is not None else default_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    uploads = uploads_dir(db_path)
    uploads.mkdir(parents=True, exist_ok=True)
    con = _connect(db_path, wait, on_wait)
    if con.execute("SELECT current_setting('lock_configuration')").fetchone()[0]:
        # The same file is already open (and locked down) in this process: DuckDB shares one
        # instance per file, so it is migrated and its settings are in force already.
        return Store(path=db_path, con=con, _local=threading.local(), write_lock=threading.Lock())
    migrate(con)
    ensure_rollups(con)
    con.execute("SET TimeZone = 'UTC'")  # naive TIMESTAMPs are UTC; never the machine's zone
    con.execute("SET memory_limit = ?", [settings.DUCKDB_MEMORY_LIMIT])  # big imports spill to disk instead
    if bulk_load:
        # A process that only imports (`clameur import`): DuckDB may store rows in any order, which spares it
        # re-ordering row groups at the checkpoint (0.4 s per million posts). Every query that shows or exports
        # rows orders them itself.
        con.execute("SET preserve_insertion_order = false")
    if lock:
        allowed = [db_path.parent.resolve(), uploads.resolve(), *(Path(d).resolve() for d in read_dirs)]
        con.execute("SET allowed_directories=?", [[str(d) + os.sep for d in allowed]])
        con.execute("SET enable_external_access=false")
        con.execute("SET autoinstall_known_extensions=false")
        con.execute("SET autoload_known_extensions=false")
        con.execute("SET lock_configuration=true")
    return Store(path=db_path, con=con, _local=threading.local(), write_lock=threading.Lock())


def derived_signature() -> str:
    """What the rollup and summary tables were built under: the rollups' definitions, then the summaries'."""
    return f"{rollups_signature()}/{summaries_signature()}"


def ensure_rollups(con: duckdb.DuckDBPyConnection) -> bool:
    """Make the rollup and summary tables match their definitions (clameur.rollups): when a rollup's definition
    changed since the database last saw them, recreate the tables and rebuild every dataset that still holds its
    posts. A dataset kept as rollups only cannot be rebuilt: it keeps its rows in every rollup whose columns did not
    change, and has none in a new one. Summaries are computed from the rollups, so every dataset's are rebuilt when
    either changed. True when something was rebuilt."""
    con.execute("CREATE TABLE IF NOT EXISTS rollup_signature (signature VARCHAR NOT NULL, built_at TIMESTAMP)")
    stored = con.execute("SELECT max(signature) FROM rollup_signature").fetchone()[0]
    if stored == derived_signature():
        return False
    rollups_changed = (stored or "").split("/")[0] != rollups_signature()
    con.execute("BEGIN TRANSACTION")
    try:
        existing = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for table in (*ROLLUPS, *summaries()):
            if table.name in existing and _columns(con, table.name) != ["dataset_id", *table.names]:
                con.execute(f"DROP TABLE {table.name}")  # noqa: S608 (our table names)
            con.execute(table.ddl())
        if rollups_changed:
            for (dataset_id,) in con.execute(
                "SELECT dataset_id FROM datasets WHERE coalesce(keep_posts, 'all') = 'all' ORDER BY dataset_id"
            ).fetchall():
                build_rollups(con, dataset_id)
        for (dataset_id,) in con.execute("SELECT dataset_id FROM datasets ORDER BY dataset_id").fetchall():
            build_summaries(con, dataset_id)
        con.execute("DELETE FROM rollup_signature")
        con.execute("INSERT INTO rollup_signature VALUES (?, now()::TIMESTAMP)", [derived_signature()])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return True


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
    ).fetchall()
    return [r[0] for r in rows]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the stored version, each in its own transaction."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP)")
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    current = int(row[0])
    for version, statements in MIGRATIONS:
        if version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for step in statements:
                if isinstance(step, str):
                    con.execute(step)
                else:
                    step(con)
            con.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP)", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        current = version
    return current


def query(
    store: Store, sql: str, params: Sequence | dict | None = None, *, timeout: float | None = None
) -> pd.DataFrame:
    """Run one parameterised read query and return a DataFrame, interrupted after ``timeout`` s."""
    cur = store.cursor()
    limit = settings.QUERY_TIMEOUT_S if timeout is None else timeout
    timer = threading.Timer(limit, cur.interrupt)
    timer.start()
    try:
        return cur.execute(sql, params or []).df()
    except duckdb.InterruptException as exc:
        raise QueryTimeout("error.query_timeout", seconds=f"{limit:g}") from exc
    finally:
        timer.cancel()


def scalar(store: Store, sql: str, params: Sequence | dict | None = None):
    row = store.cursor().execute(sql, params or []).fetchone()
    return None if row is None else row[0]


@contextmanager
def transaction(store: Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write transaction on this thread's cursor; single writer per process."""
    with store.write_lock:
        cur = store.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")


def has_datasets(store: Store) -> bool:
    return bool(scalar(store, "SELECT count(*) FROM datasets"))


def list_datasets(store: Store) -> pd.DataFrame:
    return query(
        store,
        """SELECT dataset_id, name, platforms, source_format, imported_at, rows_read, rows_loaded,
                  rows_rejected, rows_duplicate, rows_context, refs_resolved, refs_unresolved, synthetic, timezone,
                  hashtag, campaign, notes, coalesce(keep_posts, 'all') AS keep_posts
           FROM datasets ORDER BY dataset_id""",
    )


def campaign_label(dataset: dict) -> str:
    """The campaign a dataset follows, as its importer named it, or else the dataset's name."""
    label = dataset.get("campaign")
    return label.strip() if isinstance(label, str) and label.strip() else str(dataset["name"])


def dataset_by_name(store: Store, name: str) -> dict | None:
    df = query(store, "SELECT * FROM datasets WHERE name = ?", [name])
    return None if df.empty else df.iloc[0].to_dict()


def dataset_by_id(store: Store, dataset_id: int) -> dict | None:
    df = query(store, "SELECT * FROM datasets WHERE dataset_id = ?", [int(dataset_id)])
    return None if df.empty else df.iloc[0].to_dict()


DATASET_TABLES = (
    "posts",
    "context_posts",
    "post_hashtags",
    "post_mentions",
    "accounts",
    "import_files",
    "import_rejects",
    "availability",
    "events",
    "author_first_seen",
    *(rollup.name for rollup in ROLLUPS),
)


def dataset_tables() -> tuple[str, ...]:
    """Every table that holds rows of a dataset (the datasets row itself apart)."""
    return (*DATASET_TABLES, *(s.name for s in summaries()))


def delete_dataset(store: Store, dataset_id: int) -> None:
    """Remove a dataset and everything that belongs to it, in one transaction."""
    with transaction(store) as cur:
        for table in dataset_tables():  # fixed names, not user input
            cur.execute(f"DELETE FROM {quote_ident(table)} WHERE dataset_id = ?", [int(dataset_id)])  # noqa: S608
        cur.execute("DELETE FROM datasets WHERE dataset_id = ?", [int(dataset_id)])
