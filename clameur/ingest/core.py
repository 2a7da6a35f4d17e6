"""One import: check the file, read every record, normalise, de-duplicate, load in one transaction.

The report accounts for every post: ``read = loaded + duplicates + rejected`` (a rejected line counts
as one). Referenced posts seen only as context are stored apart and counted apart. A re-import of the
same file into the same dataset is recognised by its SHA-256 and changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from clameur import settings
from clameur.errors import Message, said, say
from clameur.i18n import fmt_int, t
from clameur.ingest.errors import ImportRefused
from clameur.ingest.file_hash import may_be_reimport, sha256, sha256_beside
from clameur.ingest.formats import ACCOUNT_READERS, FORMAT_NAMES, PARSERS, NotPosts, classify
from clameur.ingest.json_table import is_table_record, read_json_table_posts
from clameur.ingest.kept import Kept, ReadJob, keep, private_copy, read_refusal
from clameur.ingest.loader import implausible_dates, load, prepare
from clameur.ingest.records import Reject, read_json_records
from clameur.ingest.staging import append_accounts, append_rows, staging_tables
from clameur.ingest.tabular import (
    CSV_FORMATS,
    read_csv_posts,
    read_parquet_posts,
    sniff_text,
    uploads_dir_for,
    utf8_unless_utf16,
)
from clameur.ingest.twarc2_duckdb import stage_twarc2_pages
from clameur.store import Store, refresh_derived, transaction, uploads_dir

YAML_START = re.compile(r"(---\s*\n|(http_)?interactions:\s*\n)")  # YAML documents, R/vcrpy HTTP recordings
MAGIC = {  # first bytes → what the file is (an i18n key). Every read also passes compression = 'none'.
    b"\x1f\x8b": Message("ingest.what.gzip"),
    b"PK\x03\x04": Message("ingest.what.zip"),
    b"PK\x05\x06": Message("ingest.what.zip"),  # an empty ZIP
    b"PK\x07\x08": Message("ingest.what.zip"),  # a spanned ZIP
    b"\x89PNG": Message("ingest.what.png"),
    b"%PDF": Message("ingest.what.pdf"),
    b"\xff\xd8\xff": Message("ingest.what.jpeg"),
    b"7z\xbc\xaf": Message("ingest.what.7z"),
    b"BZh": Message("ingest.what.bzip2"),
    b"\x28\xb5\x2f\xfd": Message("ingest.what.zstd"),
    b"\xfd7zXZ\x00": Message("ingest.what.xz"),
    b"\x5d\x00\x00": Message("ingest.what.lzma"),
    b"\x04\x22\x4d\x18": Message("ingest.what.lz4"),
    b"\x02\x21\x4c\x18": Message("ingest.what.lz4"),  # LZ4's legacy frame
    b"LZIP": Message("ingest.what.lzip"),
    b"Rar!\x1a\x07": Message("ingest.what.rar"),
    b"\x1f\x9d": Message("ingest.what.compress"),
    b"\x1f\xa0": Message("ingest.what.compress"),
    b"\xff\x06\x00\x00sNaPpY": Message("ingest.what.snappy"),
}
# A zstd or LZ4 "skippable frame" (4 bytes 0x184D2A50-5F, little-endian) carries any bytes, text included, before the
# compressed frames: a file that opens with one is an archive whatever its next bytes look like.
SKIPPABLE_FRAME = re.compile(rb"[\x50-\x5f]\x2a\x4d\x18", re.DOTALL)
# Which posts a dataset keeps once its rollups are built (datasets.keep_posts): every post, only those of the
# accounts in the actor registry, or none (rollups only). The pages draw every chart from the rollups.


@dataclass
class ImportReport:
    dataset_id: int | None
    dataset_name: str
    file_hash: str
    format: str
    records_read: int = 0
    loaded: int = 0
    duplicates: int = 0
    context: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    unparsed_timestamps: int = 0
    already_imported: bool = False
    warnings: list[str] = field(default_factory=list)  # Messages: English as str, .say(lang) in another
    # Loaded retweets and quotes, by kind, whose original is not in the file (withheld, deleted or protected) and
    # whose author was taken from the post itself ("RT @handle:" and its first mention, the quoted link) ...
    refs_resolved: dict[str, int] = field(default_factory=lambda: {"retweet": 0, "quote": 0})
    # ... and those whose author could not be identified by id: they are left out of the networks.
    refs_unresolved: dict[str, int] = field(default_factory=lambda: {"retweet": 0, "quote": 0})
    keep_posts: str = "all"  # the dataset's policy after this import (settings.KEEP_POSTS)
    posts_kept: int | None = None  # posts the dataset holds after this import (counted when not all are kept)

    @property
    def rejected_count(self) -> int:
        return len(self.rejected)

    def warnings_in(self, lang: str | None) -> list[str]:
        """The report's warnings in ``lang``."""
        return [say(w, lang) for w in self.warnings]

    def rejected_in(self, lang: str | None) -> list[tuple[int, str]]:
        """(line, reason) of every rejected line, Clameur's reasons in ``lang`` (DuckDB's own words as they are)."""
        return [(line, say(reason, lang)) for line, reason in self.rejected]

    def refs_sentence(self, lang: str | None = None) -> str | None:
        """What became of the retweets and quotes whose original is not in the file, in ``lang``; None if none."""
        if not any(self.refs_resolved.values()) and not any(self.refs_unresolved.values()):
            return None
        counts = {
            f"{k[:2]}_{state}": fmt_int(d.get(kind, 0), lang)
            for state, d in (("resolved", self.refs_resolved), ("unresolved", self.refs_unresolved))
            for kind, k in (("retweet", "rt"), ("quote", "qt"))
        }
        return t("data.refs", lang, **counts)

    def kept_sentence(self, lang: str | None = None) -> str:
        """Which posts the dataset keeps beside its rollups, in ``lang``."""
        return kept_sentence(self.keep_posts, self.posts_kept, lang)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["rejected_count"] = self.rejected_count
        out["rejected"] = [{"line": line, "reason": reason} for line, reason in self.rejected]
        return out


def check_file(path: Path, fmt: str | None = None) -> str:
    """Refuse empty, archived and binary files by their bytes; return the family: json, csv or parquet."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(8192)
    except OSError as exc:
        raise read_refusal(exc, path) from exc
    if size == 0:
        raise ImportRefused("ingest.empty")
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise ImportRefused("ingest.archive", what=what)
    if SKIPPABLE_FRAME.match(head):
        raise ImportRefused("ingest.archive", what=Message("ingest.what.zstd"))
    if head.startswith(b"PAR1") or fmt == "parquet":
        return "parquet"
    text = sniff_text(head)
    if text is None:
        raise ImportRefused("ingest.binary")
    if fmt is None and YAML_START.match(text.lstrip("\ufeff")):
        raise ImportRefused("ingest.yaml")
    if fmt in CSV_FORMATS or (fmt is None and text.lstrip()[:1] not in ("{", "[")):
        return "csv"
    return "json"


def read_json_posts(cur, job: ReadJob) -> tuple[str, list[Reject]]:
    """Stage the collected and context posts of a JSON file (UTF-8, or UTF-16 read from a UTF-8 copy); return
    (format, rejects). Raises ImportRefused for files that hold something other than posts. A file with
    ``long_lines`` (longer than the record limit) is read line by line, never by DuckDB, which would hold such a line
    in memory before refusing it."""
    with utf8_unless_utf16(job.path, uploads_dir_for(cur, job.path)) as readable:
        return _read_json_posts(
            cur, readable, fmt=job.fmt, progress=job.progress, mapping=job.mapping, whole=bool(job.long_lines)
        )


def _read_json_posts(cur, path: Path, *, fmt, progress, mapping, whole: bool = False) -> tuple[str, list[Reject]]:
    """Stage the posts of a UTF-8 JSON file, a chunk at a time (``whole``: the file has lines over the record
    limit, which only the line reader may read)."""
    collected: list[dict] = []
    context: list[dict] = []
    accounts: list[dict] = []
    rejects: list[Reject] = []
    detected = fmt
    size = max(path.stat().st_size, 1)
    for n, item in enumerate(read_json_records(path)):
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        if n == 0 and is_table_record(item.value, mapping):
            return read_json_table_posts(cur, path, mapping=mapping, first=item.value, by_duckdb=not whole)
        try:
            kind = classify(item.value)
        except NotPosts as exc:
            if detected is None:
                raise ImportRefused("ingest.not_posts", what=exc.what, line=item.line) from exc
            rejects.append(Reject(item.line, Message("ingest.reject.not_a_post", what=exc.what)))
            continue
        detected = detected or kind
        pages = kind == "twarc2" and isinstance(item.value.get("data"), list)
        if n == 0 and (pages or kind == "twarc2_flat") and not whole:
            if stage_twarc2_pages(cur, path, flat=kind == "twarc2_flat") is not None:
                return kind, []
        try:
            posts, ctx = PARSERS[kind](item.value)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            rejects.append(
                Reject(item.line, Message("ingest.reject.shape", format=FORMAT_NAMES[kind], reason=said(exc)))
            )
            continue
        rejects += [Reject(item.line, p["reject_reason"]) for p in posts if p.get("reject_reason")]
        posts = [p for p in posts if not p.get("reject_reason")]
        for p in posts:
            p["source_line"] = item.line
        collected += posts
        context += ctx
        if kind in ACCOUNT_READERS:
            accounts += ACCOUNT_READERS[kind](item.value)
        if len(collected) >= settings.IMPORT_CHUNK_POSTS:
            append_rows(cur, "staged_posts", collected)
            append_rows(cur, "staged_context", context)
            append_accounts(cur, accounts)
            collected, context, accounts = [], [], []
            if progress:
                progress(min(0.8, item.line / max(size / 400, 1)))
    append_rows(cur, "staged_posts", collected)
    append_rows(cur, "staged_context", context)
    append_accounts(cur, accounts)
    if detected is None and not rejects:
        raise ImportRefused("ingest.no_records")
    return detected or "unknown", rejects


def run_import(
    store: Store,
    path: str | Path,
    *,
    dataset_name: str,
    fmt: str | None = None,
    original_name: str | None = None,
    progress: Callable[[float], None] | None = None,
    timezone: str = "UTC",
    mapping: dict | None = None,
    campaign: str | None = None,
    keep_posts: str = "all",
) -> ImportReport:
    """Import one file into the dataset ``dataset_name`` (created when new); one transaction. ``campaign`` names
    the campaign the dataset follows (the overview's title; by default the dataset's name). ``keep_posts`` (one of
    settings.KEEP_POSTS) says which of the dataset's posts stay once its rollups are built: the others are let go in the
    same transaction, and a dataset that has let posts go takes no further file (it could not find duplicates).

    The readers read a private copy of the file under a generated name (:mod:`clameur.ingest.kept`), never ``path``
    itself: DuckDB would take a name like ``week[12].jsonl`` as a pattern and read other files."""
    from clameur.timezones import is_valid_zone  # here: it loads pandas, which a big CSV import never needs

    path = Path(path)
    if not is_valid_zone(timezone):
        raise ImportRefused("ingest.bad_timezone", zone=str(timezone))
    check_keep_posts(keep_posts)
    family = check_file(path, fmt)
    if may_be_reimport(store.cursor(), dataset_name, path.stat().st_size):  # then answered before any read
        try:
            digest = sha256(path)
        except OSError as exc:
            raise read_refusal(exc, path) from exc
        known = _already_imported(store.cursor(), dataset_name, digest)
        if known is not None:
            return known
    _refuse_without_all_posts(store.cursor(), dataset_name)  # before reading: the file could not be loaded
    cur = store.cursor()
    uploads = uploads_dir(store.path)
    with private_copy(path, uploads) as kept, staging_tables(cur), sha256_beside(kept.path) as digest_of:
        job = ReadJob(kept.path, fmt=fmt, progress=progress, mapping=mapping, long_lines=kept.long_lines)
        detected, rejects = READERS[family](cur, job)
        staged, unparsed, without_id = prepare(cur)
        rejects = sorted([*rejects, *(Reject(line, Message("ingest.reject.no_id")) for line in without_id)], key=_line)
        report = ImportReport(None, dataset_name, digest_of(), detected, rejected=[(r.line, r.reason) for r in rejects])
        report.unparsed_timestamps = unparsed
        odd_dates = implausible_dates(cur)
        if odd_dates:
            report.warnings.append(Message("ingest.warn.odd_dates", n=odd_dates))
        with transaction(store) as tx:
            report = _load_file(store, tx, kept, report, staged, timezone, original_name or path.name, keep_posts)
            if campaign and campaign.strip() and not report.already_imported:
                tx.execute(
                    "UPDATE datasets SET campaign = ? WHERE dataset_id = ?", [campaign.strip(), report.dataset_id]
                )
        assert report.already_imported or report.records_read == staged + report.rejected_count
    if progress:
        progress(1.0)
    return report


ALREADY_IMPORTED = Message("data.already")


def _already_imported(tx, dataset_name: str, digest: str) -> ImportReport | None:
    """The report of a re-import that changes nothing, when the file with this hash is already in ``dataset_name``."""
    row = tx.execute(
        """SELECT d.dataset_id, f.source_format, coalesce(d.keep_posts, 'all')
           FROM datasets d JOIN import_files f USING (dataset_id)
           WHERE d.name = ? AND f.file_hash = ?""",
        [dataset_name, digest],
    ).fetchone()
    if row is None:
        return None
    return ImportReport(
        row[0], dataset_name, digest, row[1], already_imported=True, warnings=[ALREADY_IMPORTED], keep_posts=row[2]
    )


def check_keep_posts(keep_posts) -> str:
    """``keep_posts`` when it is one of settings.KEEP_POSTS; otherwise refused with a sentence listing the choices."""
    if keep_posts not in settings.KEEP_POSTS:
        raise ImportRefused("ingest.bad_keep_posts", value=str(keep_posts))
    return keep_posts


def _refuse_without_all_posts(cur, dataset_name: str) -> None:
    """Refuse to add a file to a dataset that has let posts go: its duplicates could no longer be found (a post
    already counted in the rollups would be counted again)."""
    row = cur.execute("SELECT coalesce(keep_posts, 'all') FROM datasets WHERE name = ?", [dataset_name]).fetchone()
    if row is not None and row[0] != "all":
        kept = row[0] if row[0] in settings.KEEP_POSTS else "none"  # a value Clameur did not write: say the least
        raise ImportRefused("ingest.keep_posts_closed", name=dataset_name, kept=Message(f"ingest.kept_what.{kept}"))


def kept_sentence(keep_posts: str, posts_kept: int | None, lang: str | None = None) -> str:
    """Which posts a dataset keeps beside its rollups, in ``lang``."""
    return t(f"data.kept.{keep_posts}", lang, n=fmt_int(posts_kept, lang))


def finish_keep_posts(store: Store, dataset_name: str, keep_posts: str) -> tuple[str, int] | None:
    """The dataset's policy and the posts it holds, once ``keep_posts`` is applied; None if there is no such dataset.

    An import of several files passes the policy to its last file only (a dataset that has let posts go takes no
    further file). When that file was refused or already imported, the dataset still keeps all its posts: they are
    let go here, in a transaction of their own. A dataset that has already let posts go keeps its policy."""
    check_keep_posts(keep_posts)
    with transaction(store) as tx:
        row = tx.execute(
            "SELECT dataset_id, coalesce(keep_posts, 'all') FROM datasets WHERE name = ?", [dataset_name]
        ).fetchone()
        if row is None:
            return None
        dataset_id, policy = int(row[0]), row[1]
        if policy == "all" and keep_posts != "all":
            let_posts_go(tx, dataset_id, keep_posts)
            tx.execute("UPDATE datasets SET keep_posts = ? WHERE dataset_id = ?", [keep_posts, dataset_id])
            policy = keep_posts
        held = int(tx.execute("SELECT count(*) FROM posts WHERE dataset_id = ?", [dataset_id]).fetchone()[0])
    return policy, held


def let_posts_go(tx, dataset_id: int, keep_posts: str) -> int | None:
    """Delete the dataset's posts that ``keep_posts`` does not keep (call after its rollups are built, in the same
    transaction), with their hashtag and mention rows and all its context posts; return the posts it still holds
    (None when all are kept). ``actors`` keeps the posts whose author is an account of the actor registry, matched
    on the same platform by account id or by handle (case-insensitive). Accounts, first-seen times, import reports
    and rollups stay."""
    ds = int(dataset_id)
    if keep_posts == "all":
        return None
    if keep_posts == "none":
        for table in ("posts", "post_hashtags", "post_mentions", "context_posts"):  # fixed names
            tx.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [ds])  # noqa: S608
        return 0
    tx.execute(
        """DELETE FROM posts p WHERE p.dataset_id = ? AND NOT EXISTS (
               SELECT 1 FROM actor_accounts a WHERE a.platform = p.platform
               AND (a.account_id = p.author_id OR lower(a.handle) = lower(p.author_handle)))""",
        [ds],
    )
    for table in ("post_hashtags", "post_mentions"):  # fixed names
        tx.execute(
            f"""DELETE FROM {table} r WHERE r.dataset_id = ? AND NOT EXISTS (
                    SELECT 1 FROM posts p WHERE p.dataset_id = r.dataset_id AND p.post_id = r.post_id)""",  # noqa: S608
            [ds],
        )
    tx.execute("DELETE FROM context_posts WHERE dataset_id = ?", [ds])
    return int(tx.execute("SELECT count(*) FROM posts WHERE dataset_id = ?", [ds]).fetchone()[0])


READERS = {"json": read_json_posts, "csv": read_csv_posts, "parquet": read_parquet_posts}


def _line(reject: Reject) -> int:
    return reject.line


def _load_file(
    store, tx, kept: Kept, report: ImportReport, staged: int, timezone, original_name, keep_posts: str = "all"
) -> ImportReport:
    """Load the prepared posts into ``report.dataset_name``, build its rollups, let go the posts ``keep_posts`` does
    not keep, and complete the report (unless already imported)."""
    digest, dataset_name, detected = report.file_hash, report.dataset_name, report.format
    known = _already_imported(tx, dataset_name, digest)  # checked again: another import may have just finished
    if known is not None:
        return known
    _refuse_without_all_posts(tx, dataset_name)  # again, in the transaction: another import may have let posts go
    existing = tx.execute("SELECT dataset_id FROM datasets WHERE name = ?", [dataset_name]).fetchone()
    dataset_id = existing[0] if existing else _new_dataset(tx, dataset_name, detected, timezone)
    report.dataset_id = dataset_id
    done = load(tx, dataset_id, staged)
    report.loaded, report.duplicates, report.context = done.loaded, done.duplicates, done.context
    report.refs_resolved, report.refs_unresolved = done.refs_resolved, done.refs_unresolved
    report.records_read = report.loaded + report.duplicates + report.rejected_count
    if report.rejected:
        rows = [[dataset_id, digest, line, why] for line, why in report.rejected]
        tx.executemany("INSERT INTO import_rejects VALUES (?, ?, ?, ?)", rows)
    platforms = tx.execute("SELECT platforms FROM datasets WHERE dataset_id = ?", [dataset_id]).fetchone()[0]
    merged = ",".join(sorted(set((platforms or "").split(",")) - {""} | set(done.platforms)))
    tx.execute(
        """UPDATE datasets SET rows_read = rows_read + ?, rows_loaded = rows_loaded + ?,
                  rows_rejected = rows_rejected + ?, rows_duplicate = rows_duplicate + ?,
                  rows_context = rows_context + ?, refs_resolved = refs_resolved + ?,
                  refs_unresolved = refs_unresolved + ?, file_hash = ?, imported_at = now()::TIMESTAMP,
                  source_format = ?, platforms = ?, hashtag = coalesce(hashtag, ?)
           WHERE dataset_id = ?""",
        [
            report.records_read,
            report.loaded,
            report.rejected_count,
            report.duplicates,
            report.context,
            sum(report.refs_resolved.values()),
            sum(report.refs_unresolved.values()),
            digest,
            FORMAT_NAMES.get(detected, detected),
            merged,
            done.main_tag,
            dataset_id,
        ],
    )
    refresh_derived(tx, dataset_id)
    report.posts_kept = let_posts_go(tx, dataset_id, keep_posts)
    report.keep_posts = keep_posts
    tx.execute("UPDATE datasets SET keep_posts = ? WHERE dataset_id = ?", [keep_posts, dataset_id])
    stored = keep(kept, uploads_dir(store.path), digest)  # the report stored with the file says what was kept
    tx.execute(
        "INSERT INTO import_files VALUES (?, ?, ?, ?, ?, now()::TIMESTAMP, ?)",
        [digest, dataset_id, original_name, str(stored), detected, json.dumps(report.to_dict())],
    )
    return report


def _new_dataset(tx, name: str, fmt: str, timezone: str) -> int:
    return int(
        tx.execute(
            """INSERT INTO datasets (name, platforms, source_format, synthetic, timezone)
               VALUES (?, '', ?, FALSE, ?) RETURNING dataset_id""",
            [name, FORMAT_NAMES.get(fmt, fmt), timezone],
        ).fetchone()[0]
    )
