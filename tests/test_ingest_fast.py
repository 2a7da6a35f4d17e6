"""The DuckDB reader of twarc2 pages must store exactly what the line-by-line reader stores, on every
real twarc2 page file; it must be the one used for page files; and it must step aside (to the reader
that names lines) when a line is broken or is not a page."""

from __future__ import annotations

import pytest

import clameur.ingest.core as core
from clameur.ingest import run_import

PAGE_FILES = [
    "twarc-csv_brexit.jsonl",
    "twarc-csv_kpop.jsonl",
    "twarc-csv_2sets.jsonl",
    "twarc-csv_withheld.jsonl",
    "twarc-csv_noflat.jsonl",
    "twarc-csv_entities_test.jsonl",
    "twarc-csv_geo_tweets.jsonl",
    "twarc-csv_media_policy_violation_off.jsonl",
    "twarc-csv_media_policy_violation_on.jsonl",
    "twarc-csv_quoted_edit.jsonl",
    "twarc-csv_two_tweets.jsonl",
    "twarc-csv_mentions_tweet.jsonl",
    "twarc-csv_cashtags.jsonl",
    "twarc-csv_flat.jsonl",  # `twarc2 flatten` lines
    "../twarc_csv/twarc-csv_small_sample_2021-03_source_flat.jsonl",
]
SNAPSHOT = {
    "posts": "SELECT * EXCLUDE (dataset_id, source_line) FROM posts WHERE dataset_id = ? ORDER BY post_id",
    "hashtags": "SELECT post_id, tag, kind FROM post_hashtags WHERE dataset_id = ? ORDER BY ALL",
    "mentions": "SELECT post_id, mentioned_id, mentioned_handle FROM post_mentions WHERE dataset_id = ? ORDER BY ALL",
    "accounts": "SELECT * EXCLUDE (dataset_id) FROM accounts WHERE dataset_id = ? ORDER BY ALL",
    "context": "SELECT * EXCLUDE (dataset_id) FROM context_posts WHERE dataset_id = ? ORDER BY ALL",
}


def _snapshot(store, dataset_id: int) -> dict:
    cur = store.cursor()
    return {name: cur.execute(sql, [dataset_id]).fetchall() for name, sql in SNAPSHOT.items()}


@pytest.mark.parametrize("name", PAGE_FILES)
def test_duckdb_and_line_readers_store_the_same_posts(fstore, fixtures_dir, name, monkeypatch):
    fast = run_import(fstore, fixtures_dir / "twarc2_jsonl" / name, dataset_name="fast")
    used_fast = (
        fstore.cursor()
        .execute("SELECT count(*) = 0 FROM posts WHERE dataset_id = ? AND source_line IS NOT NULL", [fast.dataset_id])
        .fetchone()[0]
    )
    assert used_fast, "page files go through DuckDB's read_json (no line numbers on posts)"
    monkeypatch.setattr(core, "stage_twarc2_pages", lambda cur, path, flat=False: None)
    slow = run_import(fstore, fixtures_dir / "twarc2_jsonl" / name, dataset_name="slow")
    assert (fast.records_read, fast.loaded, fast.duplicates, fast.context) == (
        slow.records_read,
        slow.loaded,
        slow.duplicates,
        slow.context,
    )
    assert _snapshot(fstore, fast.dataset_id) == _snapshot(fstore, slow.dataset_id)


def test_a_broken_line_sends_the_file_to_the_reader_that_names_it(fstore, fixtures_dir, tmp_path):
    pages = (fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl").read_text(encoding="utf-8")
    broken = tmp_path / "broken.jsonl"
    broken.write_text(pages.rstrip("\n") + '\n{"data": [{"id": "1", "text": "cut in the mid\n', encoding="utf-8")
    report = run_import(fstore, broken, dataset_name="broken")
    assert [line for line, _ in report.rejected] == [2]
    assert report.loaded == 100  # the page on line 1 (100 tweets, counted in the MANIFEST and by the JSON test)


def test_a_user_lookup_line_among_pages_is_rejected_by_line(fstore, fixtures_dir, tmp_path):
    pages = (fixtures_dir / "twarc2_jsonl" / "twarc-csv_kpop.jsonl").read_text(encoding="utf-8").rstrip("\n")
    users = (fixtures_dir / "twarc2_jsonl" / "twarc-csv_users.jsonl").read_text(encoding="utf-8").strip()
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(pages + "\n" + users + "\n", encoding="utf-8")
    report = run_import(fstore, mixed, dataset_name="mixed")
    assert [line for line, _ in report.rejected] == [2]
    assert "user lookup" in report.rejected[0][1]


@pytest.mark.parametrize("fmt", ["twarc2", "twarc2_flat"])
def test_a_synthetic_export_loads_the_same_through_both_readers(fstore, tmp_path, fmt, monkeypatch):
    from clameur.demo.export import write_export

    path = tmp_path / f"{fmt}.jsonl"
    write_export(3_000, fmt, path)
    fast = run_import(fstore, path, dataset_name="fast")
    monkeypatch.setattr(core, "stage_twarc2_pages", lambda cur, path, flat=False: None)
    slow = run_import(fstore, path, dataset_name="slow")
    assert fast.loaded == slow.loaded == 3_000
    assert _snapshot(fstore, fast.dataset_id) == _snapshot(fstore, slow.dataset_id)
