"""The hash that names an imported file: hashed beside DuckDB's read when the file cannot be a re-import, first
when a file of its size is already in the dataset. Expected digests come from hashlib over the files' bytes."""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import CancelledError

import pytest

import clameur.ingest.core as core
from clameur.ingest import run_import
from clameur.ingest.file_hash import sha256, sha256_beside
from clameur.store import scalar

PAGE = (
    '{"data": [{"id": "ID", "text": "Premier #BalanceTonTikTokeur", "author_id": "9", '
    '"created_at": "2020-06-17T16:00:00.000Z"}], "includes": {"users": [{"id": "9", "username": "a"}]}}\n'
)


def _page(tmp_path, post_id: str):
    path = tmp_path / f"page-{post_id}.jsonl"
    path.write_text(PAGE.replace("ID", post_id), encoding="utf-8")
    return path


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_files_of_the_same_size_are_told_apart_by_their_hash(store, tmp_path):
    first, second = _page(tmp_path, "11"), _page(tmp_path, "22")
    assert first.stat().st_size == second.stat().st_size
    reports = [run_import(store, p, dataset_name="d") for p in (first, second)]
    assert [r.loaded for r in reports] == [1, 1]
    assert [r.file_hash for r in reports] == [_digest(first), _digest(second)]
    stored = {r[0] for r in store.cursor().execute("SELECT file_hash FROM import_files").fetchall()}
    assert stored == {_digest(first), _digest(second)}


def test_a_reimport_is_answered_before_the_file_is_read(store, tmp_path, monkeypatch):
    path = _page(tmp_path, "11")
    run_import(store, path, dataset_name="d")

    def never(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setitem(core.READERS, "json", never)
    again = run_import(store, path, dataset_name="d")
    assert again.already_imported and again.file_hash == _digest(path)
    assert scalar(store, "SELECT count(*) FROM posts") == 1


def test_a_reimport_is_recognised_when_the_kept_original_is_gone(store, tmp_path):
    path = _page(tmp_path, "11")
    report = run_import(store, path, dataset_name="d")
    (store.path.parent / "uploads" / report.file_hash).unlink()
    again = run_import(store, path, dataset_name="d")
    assert again.already_imported
    assert scalar(store, "SELECT count(*) FROM posts") == scalar(store, "SELECT count(*) FROM import_files") == 1


def test_the_same_file_in_another_dataset_is_imported_again(store, tmp_path):
    path = _page(tmp_path, "11")
    reports = [run_import(store, path, dataset_name=name) for name in ("a", "b")]
    assert [(r.loaded, r.already_imported) for r in reports] == [(1, False), (1, False)]


def test_a_hash_nobody_waits_for_stops(tmp_path):
    path = tmp_path / "big.bin"
    path.write_bytes(b"x" * (8 << 20))
    stop = threading.Event()
    stop.set()
    with pytest.raises(CancelledError):
        sha256(path, stop)
    with pytest.raises(RuntimeError), sha256_beside(path):
        raise RuntimeError("a refusal while the file is hashed")
    assert not [t for t in threading.enumerate() if t.name.startswith("clameur-hash")]
    with sha256_beside(path) as digest:
        assert digest() == _digest(path)
