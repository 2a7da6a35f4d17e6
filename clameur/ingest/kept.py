"""The kept original: a private copy of the file under a generated name, which is what the readers read.

Reading the copy, never the researcher's path, means DuckDB only ever sees names Clameur made (a name such as
``week[12].jsonl`` or ``campaign*.jsonl`` is a glob pattern to DuckDB's readers), and the posts, the digest and the
kept file all come from the same bytes even while a collector (``twarc2 stream``) keeps appending to the file.

The copy is written to a temporary name, flushed to disk and only then renamed to its digest: a full disk or a
killed process leaves no truncated file under a digest's name. It is a copy, never a hard link, so appending to the
researcher's file does not change it. While copying, lines longer than the record limit are noted (their number
and place), so that no reader has to hold such a line in memory to find out (see :func:`blank_lines`).
"""

from __future__ import annotations

import errno
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from clameur import settings
from clameur.ingest.errors import ImportRefused

_CHUNK = 1 << 20
_write = os.write  # the one call that writes the copy's bytes (a test makes it fail as a full disk would)


@dataclass(frozen=True)
class LongLine:
    number: int  # 1-based
    start: int  # byte offsets: [start, end) is the line without its line break
    end: int


@dataclass
class Kept:
    path: Path  # the copy, under a generated name in the uploads folder
    long_lines: list[LongLine] = field(default_factory=list)


@dataclass(frozen=True)
class ReadJob:
    """What an import asks of a reader (JSON, CSV or Parquet: ``core.READERS``), the one signature they share."""

    path: Path  # the kept copy
    fmt: str | None = None  # the format asked for; None: recognised from the content
    progress: Callable[[float], None] | None = None
    mapping: dict | None = None  # the column mapping asked for; None: recognised from the header
    long_lines: list[LongLine] = field(default_factory=list)  # lines over the record limit, found when copying


class _LineScan:
    """Lines longer than ``limit`` bytes, found a chunk at a time (a line ends at LF, CR or CRLF, as DuckDB reads
    them). Per chunk, only its first and last line breaks are looked for, which is quick for any text; the lines'
    numbers are counted afterwards, and only when a line is too long. Chunks must not be longer than ``limit``, so
    that a line that starts and ends inside one chunk is never too long."""

    def __init__(self, limit: int):
        self.limit, self.offset, self.run_start = limit, 0, 0
        self.spans: list[tuple[int, int]] = []

    def feed(self, data: bytearray | bytes, n: int) -> None:
        """Scan ``data[:n]``, the next bytes of the file."""
        first = min((i for i in (data.find(b"\n", 0, n), data.find(b"\r", 0, n)) if i >= 0), default=-1)
        if first < 0:  # the line goes on
            self.offset += n
            return
        self._end_line(self.offset + first)
        self.run_start = self.offset + max(data.rfind(b"\n", 0, n), data.rfind(b"\r", 0, n)) + 1
        self.offset += n

    def _end_line(self, end: int) -> None:
        if end - self.run_start > self.limit:
            self.spans.append((self.run_start, end))

    def close(self, path: Path) -> list[LongLine]:
        """The long lines, numbered by counting the line breaks of ``path`` before each."""
        self._end_line(self.offset)
        if not self.spans:
            return []
        numbered, breaks, pos, after_cr = [], 0, 0, False
        with open(path, "rb", buffering=0) as f:
            for start, end in self.spans:
                while pos < start:
                    chunk = f.read(min(_CHUNK, start - pos))
                    breaks += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
                    breaks -= after_cr and chunk[:1] == b"\n"  # a CRLF cut in two by the chunks: one break
                    after_cr = chunk[-1:] == b"\r"
                    pos += len(chunk)
                numbered.append(LongLine(breaks + 1, start, end))
        return numbered


def long_lines(path: Path, limit: int | None = None) -> list[LongLine]:
    """The lines of ``path`` longer than ``limit`` bytes (default: the record limit), read a chunk at a time."""
    scan = _LineScan(settings.MAX_RECORD_BYTES if limit is None else limit)
    buffer = bytearray(min(_CHUNK, scan.limit))
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buffer):
            scan.feed(buffer, n)
    return scan.close(path)


def _refusal(exc: OSError, where: Path) -> ImportRefused:
    """A sentence for what the file system said."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ImportRefused("ingest.disk_full", folder=str(where))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ImportRefused("ingest.no_permission", path=str(where))
    return ImportRefused("ingest.os_error", path=str(where), reason=exc.strerror or str(exc))


def read_refusal(exc: OSError, path: Path) -> ImportRefused:
    """A sentence for a file that cannot be opened or read."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ImportRefused("ingest.cannot_read", path=str(path))
    return ImportRefused("ingest.os_error", path=str(path), reason=exc.strerror or str(exc))


@contextmanager
def private_copy(source: Path, uploads: Path) -> Iterator[Kept]:
    """A copy of ``source`` under a generated name in ``uploads``; removed when the block ends unless :func:`keep`
    flushed it to disk and renamed it to its digest first. Refuses with a sentence when the disk is full or the folder
    cannot be written."""
    tmp = uploads / f"import-{uuid.uuid4().hex}.part"
    scan = _LineScan(settings.MAX_RECORD_BYTES)
    try:
        src = open(source, "rb", buffering=0)  # noqa: SIM115 (closed below, with the copy)
    except OSError as exc:
        raise read_refusal(exc, source) from exc
    try:
        out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        src.close()
        raise _refusal(exc, uploads) from exc
    try:
        try:
            buffer = bytearray(min(_CHUNK, scan.limit))
            view = memoryview(buffer)
            while n := src.readinto(buffer):
                scan.feed(buffer, n)
                chunk = view[:n]
                while chunk:
                    chunk = chunk[_write(out, chunk) :]
        finally:
            os.close(out)
            src.close()
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _refusal(exc, uploads) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    try:
        yield Kept(tmp, scan.close(tmp))
    finally:
        tmp.unlink(missing_ok=True)


def keep(kept: Kept, uploads: Path, digest: str) -> Path:
    """Give the copy its digest's name. A file already under that name is replaced, not trusted: an older import
    may have left it truncated (this copy is flushed to disk first, so it is complete)."""
    dest = uploads / digest
    try:
        _fsync(kept.path)  # flushed here, not after copying: the system wrote most of it while DuckDB read it
        os.replace(kept.path, dest)
        _fsync(uploads)
    except OSError as exc:
        raise _refusal(exc, uploads) from exc
    return dest


def _fsync(path: Path) -> None:
    """Flush a file's bytes (or a folder's entries: a rename) to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def blank_lines(path: Path, lines: list[LongLine], work_dir: Path) -> Iterator[Path]:
    """``path``, or while the block runs a copy of it in which each of ``lines`` is emptied (its line break kept, so
    the other lines keep their numbers): what DuckDB reads instead of a line it would hold whole in memory."""
    if not lines:
        yield path
        return
    out = work_dir / f"without-long-lines-{uuid.uuid4().hex}.part"
    try:
        with open(path, "rb", buffering=0) as src, open(out, "wb") as dst:
            pos = 0
            for line in lines:
                _copy_range(src, dst, pos, line.start)
                pos = line.end
            _copy_range(src, dst, pos, None)
        yield out
    finally:
        out.unlink(missing_ok=True)


def _copy_range(src, dst, start: int, end: int | None) -> None:
    src.seek(start)
    left = None if end is None else end - start
    while left is None or left > 0:
        chunk = src.read(_CHUNK if left is None else min(_CHUNK, left))
        if not chunk:
            return
        dst.write(chunk)
        if left is not None:
            left -= len(chunk)
