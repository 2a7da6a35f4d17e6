"""Files as hostile objects: a gzip bomb is refused by its bytes and never expanded;
hostile file names are never paths; two identical uploads at once load once; an import killed half-way leaves
the database as it was or complete, never half-loaded."""

from __future__ import annotations

import gzip
import signal
import subprocess
import sys
import threading
import time

import pytest

from clameur.demo.export import write_export
from clameur.ingest import ImportRefused, run_import
from clameur.ingest.uploads import import_upload
from clameur.store import open_store, scalar

PAGE = (
    '{"data": [{"id": "1", "text": "Premier #BalanceTonTikTokeur", "author_id": "9", '
    '"created_at": "2020-06-17T16:00:00.000Z"}], "includes": {"users": [{"id": "9", "username": "a"}]}}\n'
)


def test_a_gzip_bomb_is_refused_by_its_bytes_without_being_expanded(store, tmp_path):
    bomb = gzip.compress(b"\0" * (64 * 2**20), compresslevel=9)  # 64 MB of zeros in ~64 kB
    assert len(bomb) < 2**20
    started = time.perf_counter()
    with pytest.raises(ImportRefused, match="gzip archive.*never expands"):
        import_upload(store, bomb, "posts.jsonl", "bomb")
    assert time.perf_counter() - started < 5  # refused from the first bytes, not after inflating 64 MB
    assert scalar(store, "SELECT count(*) FROM datasets") == 0


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd.csv", "/etc/passwd", "nul\x00byte.jsonl", "a.exe:$x.csv", "x" * 500 + ".jsonl", "<b>.jsonl"],
)
def test_hostile_file_names_never_become_paths(store, name):
    report = import_upload(store, PAGE.encode(), name, "names")
    assert report.loaded == 1
    stored = scalar(store, "SELECT stored_path FROM import_files")
    assert stored.endswith(report.file_hash)  # kept under its hash, in the uploads folder
    assert (store.path.parent / "uploads" / report.file_hash).exists()
    kept_name = scalar(store, "SELECT original_name FROM import_files")
    assert "\x00" not in kept_name and "<" not in kept_name and len(kept_name) <= 121
    leftovers = [p.name for p in (store.path.parent / "uploads").iterdir() if p.name != report.file_hash]
    assert leftovers == []


def test_two_identical_uploads_at_once_load_the_posts_once(store):
    data = "".join(PAGE.replace('"1"', f'"{i}"', 1) for i in range(1, 201)).encode()
    reports, errors = [], []

    def upload():
        try:
            reports.append(import_upload(store, data, "same.jsonl", "twice"))
        except Exception as exc:  # noqa: BLE001 (the assertion below shows it)
            errors.append(exc)

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert sorted(r.already_imported for r in reports) == [False, True]
    assert scalar(store, "SELECT count(*) FROM posts") == 200
    assert scalar(store, "SELECT count(*) FROM import_files") == 1


def test_an_import_killed_half_way_leaves_nothing_half_loaded(tmp_path):
    export = tmp_path / "big.jsonl"
    write_export(200_000, "twarc2", export)
    db = tmp_path / "db" / "c.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "clameur.cli", "import", str(export), "--dataset", "killed", "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.8)  # inside the read or the load
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = open_store(db, read_dirs=[tmp_path])
    datasets = scalar(store, "SELECT count(*) FROM datasets")
    posts = scalar(store, "SELECT count(*) FROM posts")
    assert (datasets, posts) in {(0, 0), (1, 200_000)}
    assert scalar(store, "SELECT count(*) FROM post_hashtags WHERE post_id NOT IN (SELECT post_id FROM posts)") == 0
    report = run_import(store, export, dataset_name="killed")  # and the file imports cleanly afterwards
    assert report.loaded + report.duplicates == 200_000
    store.close()
