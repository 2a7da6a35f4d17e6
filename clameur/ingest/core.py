"""One import: check the file, read every record, normalise, de-duplicate, load in one transaction.

The report accounts for every post: ``read = loaded + duplicates + rejected`` (a rejected line counts
as one). Referenced posts seen only as context are stored apart and counted apart. A re-import of the
same file into the same dataset is recognised by its SHA-256 and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from clameur.ingest.formats import FORMAT_NAMES, PARSERS, POST_KEYS, NotPosts, classify
from clameur.ingest.records import Record, Reject, read_json_records
from clameur.store import Store, refresh_derived, transaction, uploads_dir

MAGIC = {
    b"\x1f\x8b": "a gzip archive",
    b"PK\x03\x04": "a ZIP archive",
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"PAR1": "a Parquet file (not readable by this importer yet)",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"BZh": "a bzip2 archive",
}


# Normalised fields that go to other tables (accounts, post_hashtags, post_mentions) or are parsed first.
NOT_IN_POSTS_TABLE = ("created_raw", "author_name", "author_followers", "author_verified", "hashtags", "mentions")


class ImportRefused(ValueError):
    """The file cannot be imported; the message says what it is and what to do."""


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
    warnings: list[str] = field(default_factory=list)

    @property
    def rejected_count(self) -> int:
        return len(self.rejected)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["rejected_count"] = self.rejected_count
        out["rejected"] = [{"line": line, "reason": reason} for line, reason in self.rejected]
        return out


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_file(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise ImportRefused("The file is empty: there is nothing to import.")
    with open(path, "rb") as f:
        head = f.read(8)
    for magic, what in MAGIC.items():
        if head.startswith(magic):
            raise ImportRefused(
                f"The file is {what}, not posts in JSON. Extract or export the posts as JSON Lines "
                "(one post or API page per line) and import that file."
            )


def normalise_tag(tag: str) -> str:
    """#BalanceTonTikTokeur = #balancetontiktokeur = ＃BalanceTonTikTokeur (NFKC, casefold, no '#')."""
    return unicodedata.normalize("NFKC", tag).lstrip("#＃").casefold()


def parse_times(raw: pd.Series) -> pd.Series:
    """Explicit formats: ISO 8601 (Z, offsets, µs), Twitter v1.1 ('Wed Oct 10 20:19:24 +0000 2018'),
    epoch seconds and milliseconds. Returns naive UTC; unparsed values are NaT."""
    text = raw.astype("string")
    iso = pd.to_datetime(text, format="ISO8601", utc=True, errors="coerce")
    v1 = pd.to_datetime(text, format="%a %b %d %H:%M:%S %z %Y", utc=True, errors="coerce")
    numeric = pd.to_numeric(text, errors="coerce")
    epoch_s = pd.to_datetime(numeric.where(numeric < 1e11), unit="s", utc=True, errors="coerce")
    epoch_ms = pd.to_datetime(numeric.where(numeric >= 1e11), unit="ms", utc=True, errors="coerce")
    out = iso.fillna(v1).fillna(epoch_s).fillna(epoch_ms)
    return out.dt.tz_localize(None)


def read_posts(
    path: Path, fmt: str | None = None, progress: Callable[[float], None] | None = None
) -> tuple[str, list[dict], list[dict], list[Reject]]:
    """All collected posts, context posts and rejects of a file (raises ImportRefused for non-posts)."""
    collected: list[dict] = []
    context: list[dict] = []
    rejects: list[Reject] = []
    detected = fmt
    size = max(path.stat().st_size, 1)
    for n, item in enumerate(read_json_records(path)):
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        assert isinstance(item, Record)
        try:
            kind = classify(item.value)
        except NotPosts as exc:
            if detected is None and not collected:
                raise ImportRefused(
                    f"This file holds {exc} (line {item.line}). Clameur imports posts: "
                    "export the posts themselves and import that file."
                ) from exc
            rejects.append(Reject(item.line, f"not a post: {exc}"))
            continue
        detected = detected or kind
        try:
            posts, ctx = PARSERS[kind](item.value)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            rejects.append(Reject(item.line, f"{FORMAT_NAMES[kind]} record with an unexpected shape ({exc})"))
            continue
        for p in posts:
            p["source_line"] = item.line
        collected += [p for p in posts if p["post_id"]]
        context += ctx
        if progress and n % 500 == 0:
            progress(min(0.9, item.line / max(size / 400, 1)))
    if detected is None and not rejects:
        raise ImportRefused("The file holds no JSON records.")
    return detected or "unknown", collected, context, rejects


def run_import(
    store: Store,
    path: str | Path,
    *,
    dataset_name: str,
    fmt: str | None = None,
    original_name: str | None = None,
    progress: Callable[[float], None] | None = None,
    timezone: str = "UTC",
) -> ImportReport:
    path = Path(path)
    check_file(path)
    digest = sha256(path)
    cur = store.cursor()
    existing = cur.execute("SELECT dataset_id FROM datasets WHERE name = ?", [dataset_name]).fetchone()
    if (
        existing
        and cur.execute(
            "SELECT 1 FROM import_files WHERE file_hash = ? AND dataset_id = ?", [digest, existing[0]]
        ).fetchone()
    ):
        return ImportReport(
            existing[0],
            dataset_name,
            digest,
            "",
            already_imported=True,
            warnings=["This exact file was already imported into this dataset: nothing changed."],
        )
    detected, collected, context, rejects = read_posts(path, fmt, progress)
    report = ImportReport(None, dataset_name, digest, detected, rejected=[(r.line, r.reason) for r in rejects])
    posts = pd.DataFrame(collected) if collected else pd.DataFrame(columns=[*collected_columns()])
    report.records_read = len(posts) + len(rejects)
    posts["created_at"] = parse_times(posts["created_raw"]) if len(posts) else pd.Series(dtype="datetime64[ns]")
    report.unparsed_timestamps = int(posts["created_at"].isna().sum())
    before = len(posts)
    posts = posts.drop_duplicates(["platform", "post_id"], keep="first")
    report.duplicates = before - len(posts)
    with transaction(store) as tx:
        dataset_id = _dataset(tx, dataset_name, detected, posts, timezone)
        report.dataset_id = dataset_id
        loaded = _load(tx, dataset_id, posts, context)
        report.duplicates += len(posts) - loaded
        report.loaded = loaded
        report.context = _load_context(tx, dataset_id, context)
        for line, reason in report.rejected:
            tx.execute("INSERT INTO import_rejects VALUES (?, ?, ?, ?)", [dataset_id, digest, line, reason])
        stored = _keep_original(store, path, digest)
        assert report.records_read == report.loaded + report.duplicates + report.rejected_count
        tx.execute(
            "INSERT INTO import_files VALUES (?, ?, ?, ?, ?, now()::TIMESTAMP, ?)",
            [
                digest,
                dataset_id,
                original_name or path.name,
                str(stored),
                detected,
                json.dumps(report.to_dict(), ensure_ascii=False),
            ],
        )
        tx.execute(
            """UPDATE datasets SET rows_read = rows_read + ?, rows_loaded = rows_loaded + ?,
                      rows_rejected = rows_rejected + ?, rows_duplicate = rows_duplicate + ?,
                      rows_context = rows_context + ?, file_hash = ?, imported_at = now()::TIMESTAMP,
                      source_format = ?
               WHERE dataset_id = ?""",
            [
                report.records_read,
                report.loaded,
                report.rejected_count,
                report.duplicates,
                report.context,
                digest,
                FORMAT_NAMES.get(detected, detected),
                dataset_id,
            ],
        )
        refresh_derived(tx, dataset_id)
    if progress:
        progress(1.0)
    return report


def collected_columns() -> list[str]:
    return [*POST_KEYS, "source_line"]


def _dataset(tx, name: str, fmt: str, posts: pd.DataFrame, timezone: str) -> int:
    row = tx.execute("SELECT dataset_id, platforms FROM datasets WHERE name = ?", [name]).fetchone()
    platforms = sorted(set(posts["platform"].dropna())) if len(posts) else []
    if row:
        merged = sorted(set((row[1] or "").split(",")) - {""} | set(platforms))
        tx.execute("UPDATE datasets SET platforms = ? WHERE dataset_id = ?", [",".join(merged), row[0]])
        return int(row[0])
    return int(
        tx.execute(
            """INSERT INTO datasets (name, platforms, source_format, synthetic, timezone, hashtag)
           VALUES (?, ?, ?, FALSE, ?, ?) RETURNING dataset_id""",
            [name, ",".join(platforms), FORMAT_NAMES.get(fmt, fmt), timezone, _main_tag(posts)],
        ).fetchone()[0]
    )


def _main_tag(posts: pd.DataFrame) -> str | None:
    tags = [normalise_tag(t) for ts in posts.get("hashtags", []) for t in (ts or [])]
    return pd.Series(tags).value_counts().index[0] if tags else None


def _load(tx, dataset_id: int, posts: pd.DataFrame, context: list[dict]) -> int:
    """Insert posts not yet in the dataset; return how many were new."""
    if posts.empty:
        return 0
    ctx_authors = {(c["post_id"]): (c["author_id"], c["author_handle"]) for c in context if c.get("post_id")}
    posts = posts.copy()
    missing = posts["ref_author_id"].isna() & posts["ref_post_id"].isin(ctx_authors)
    posts.loc[missing, "ref_author_id"] = posts.loc[missing, "ref_post_id"].map(lambda r: ctx_authors[r][0])
    posts["hashtags"] = posts["hashtags"].map(lambda ts: sorted({normalise_tag(t) for t in ts or [] if t}))
    cols = ["created_at", "source_line", *(c for c in POST_KEYS if c not in NOT_IN_POSTS_TABLE)]
    frame = posts[cols + ["hashtags", "mentions", "author_name", "author_followers", "author_verified"]].copy()
    for c in ("retweet_count", "like_count", "reply_count", "quote_count", "author_followers", "source_line"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("Int64")
    frame["author_verified"] = frame["author_verified"].astype("boolean")
    frame["mentions"] = frame["mentions"].map(
        lambda ms: [{"id": m.get("id"), "handle": m.get("handle")} for m in ms or []]
    )
    tx.register("incoming", frame)
    tx.execute(
        """CREATE TEMP TABLE new_posts AS
                  SELECT i.* FROM incoming i
                  WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.dataset_id = ? AND p.platform = i.platform
                                    AND p.post_id = i.post_id)""",
        [dataset_id],
    )
    tx.unregister("incoming")
    col_list = ", ".join(cols)
    tx.execute(
        f"INSERT INTO posts (dataset_id, {col_list}) SELECT ?, {col_list} FROM new_posts",  # noqa: S608
        [dataset_id],
    )
    tx.execute(
        """INSERT INTO post_hashtags
                  SELECT ?, post_id, unnest(hashtags), created_at, kind, author_id FROM new_posts""",
        [dataset_id],
    )
    tx.execute(
        """INSERT INTO post_mentions
                  SELECT ?, post_id, author_id, m.id, m.handle, created_at, kind
                  FROM (SELECT post_id, author_id, created_at, kind, unnest(mentions) AS m FROM new_posts)""",
        [dataset_id],
    )
    tx.execute(
        """INSERT INTO accounts
                  SELECT ?, platform, author_id, any_value(author_handle), any_value(author_name),
                         max(author_followers), bool_or(author_verified), NULL, NULL
                  FROM new_posts n WHERE author_id IS NOT NULL AND NOT EXISTS (
                      SELECT 1 FROM accounts a WHERE a.dataset_id = ? AND a.platform = n.platform
                      AND a.account_id = n.author_id)
                  GROUP BY platform, author_id""",
        [dataset_id, dataset_id],
    )
    tx.execute(
        """INSERT INTO accounts  -- authors of referenced posts, so networks can name them
                  SELECT ?, platform, ref_author_id, any_value(ref_author_handle), NULL, NULL, NULL, NULL, NULL
                  FROM new_posts n WHERE ref_author_id IS NOT NULL AND NOT EXISTS (
                      SELECT 1 FROM accounts a WHERE a.dataset_id = ? AND a.platform = n.platform
                      AND a.account_id = n.ref_author_id)
                  GROUP BY platform, ref_author_id""",
        [dataset_id, dataset_id],
    )
    n = tx.execute("SELECT count(*) FROM new_posts").fetchone()[0]
    tx.execute("DROP TABLE new_posts")
    return int(n)


def _load_context(tx, dataset_id: int, context: list[dict]) -> int:
    if not context:
        return 0
    frame = pd.DataFrame(context).drop_duplicates(["platform", "post_id"])
    frame = frame[frame["post_id"].notna()]
    frame["created_at"] = parse_times(frame["created_raw"])
    for c in ("retweet_count", "like_count", "reply_count", "quote_count"):
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("Int64")
    tx.register("incoming_ctx", frame)
    n = tx.execute(
        """INSERT INTO context_posts
           SELECT ?, platform, post_id, created_at, author_id, author_handle, text, lang, kind, ref_post_id,
                  ref_author_id, retweet_count, like_count, reply_count, quote_count
           FROM incoming_ctx i WHERE NOT EXISTS (
               SELECT 1 FROM context_posts c WHERE c.dataset_id = ? AND c.platform = i.platform
               AND c.post_id = i.post_id)""",
        [dataset_id, dataset_id],
    ).fetchone()[0]
    tx.unregister("incoming_ctx")
    return int(n)


def _keep_original(store: Store, path: Path, digest: str) -> Path:
    """Keep the original file (under a generated name) so it can be re-imported later."""
    dest = uploads_dir(store.path) / digest
    if not dest.exists() and path.resolve() != dest.resolve():
        shutil.copyfile(path, dest)
    return dest
