"""JSON records that are rows of a table (JSON Lines or an array of flat objects): read by DuckDB, mapped like a CSV.

Expected values come from the files the tests write, parsed here with the json module."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import datetime

import duckdb
import pytest

from clameur.demo.export import write_export
from clameur.ingest import ImportRefused, run_import
from clameur.ingest.inspect import inspect_file
from clameur.ingest.loader import normalise_tag
from clameur.store import scalar

TABLES = ("datasets", "posts", "post_hashtags", "post_mentions", "accounts", "import_files")
BIG_ID = 2**60 + 7  # above 2**53: a float would change its last digits
MAPPING = {"post_id": "tweet_id", "created_at": "when", "author_handle": "user", "text": "message", "hashtags": "tags"}


def _counts(store) -> dict:
    return {t: scalar(store, f"SELECT count(*) FROM {t}") for t in TABLES}


def _rows(store, sql: str, params=()):
    return store.cursor().execute(sql, list(params)).fetchall()


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _own_rows() -> list[dict]:
    return [
        {"tweet_id": BIG_ID, "when": "2020-06-17T18:00:00Z", "user": "alice",
         "message": "Un café ☕ #BalanceTonTikTokeur", "tags": ["#BalanceTonTikTokeur", "café"]},
        {"tweet_id": str(BIG_ID + 1), "when": "2020-06-17T18:05:00Z", "user": "@bob", "message": "Ça suffit",
         "tags": ["balancetontiktokeur"]},
        {"tweet_id": 12, "when": "2020-06-17T18:10:00Z", "user": "carol", "message": "🙄 encore", "tags": []},
    ]  # fmt: skip


@pytest.fixture
def layout_lines(tmp_path):
    path = tmp_path / "clameur.jsonl"
    write_export(300, "json", path)
    return path


def test_clameur_json_lines_load_every_post_with_its_kind_hashtags_and_mentions(store, layout_lines):
    records = _lines(layout_lines)
    report = run_import(store, layout_lines, dataset_name="j")
    assert report.format == "json:clameur"
    assert report.loaded == len({r["post_id"] for r in records}) == report.records_read
    assert dict(_rows(store, "SELECT kind, count(*) FROM posts GROUP BY kind")) == Counter(r["kind"] for r in records)
    pairs = {(r["post_id"], normalise_tag(t)) for r in records for t in r["hashtags"] if normalise_tag(t)}
    assert set(_rows(store, "SELECT post_id, tag FROM post_hashtags")) == pairs
    mentions = Counter((r["post_id"], m["id"], m["handle"]) for r in records for m in r["mentions"])
    stored = Counter(_rows(store, "SELECT post_id, mentioned_id, mentioned_handle FROM post_mentions"))
    assert stored == mentions
    times = {r["post_id"]: datetime.fromisoformat(r["created_at"]) for r in records}
    assert dict(_rows(store, "SELECT post_id, created_at FROM posts")) == times


@pytest.mark.parametrize(
    ("tags", "mention", "expected"),
    [
        ("#Un #Deux", {"username": "alice"}, ["deux", "un"]),
        ([{"tag": "Un"}], {"id": "5", "handle": "alice"}, ["un"]),
        (["Un"], {"username": "alice"}, ["un"]),
    ],
    ids=["a string of tags", "tag objects", "only an unknown mention key"],
)
def test_own_lines_with_a_row_of_another_shape_past_the_sample_still_load_every_row(
    store, tmp_path, tags, mention, expected
):
    path = tmp_path / "own.jsonl"
    write_export(300, "json", path)
    records = _lines(path)
    odd = {**records[0], "post_id": "999", "hashtags": tags, "mentions": [mention]}
    # DuckDB guesses the columns' types from the first rows: push the odd row past them.
    filler = [{**r, "post_id": f"{i}{r['post_id']}"} for i in range(80) for r in records]
    lines = [json.dumps(r, ensure_ascii=False) for r in [*records, *filler, odd]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_import(store, path, dataset_name="j")
    assert report.loaded == report.records_read == len(lines)
    assert _rows(store, "SELECT tag FROM post_hashtags WHERE post_id = '999' ORDER BY 1") == [(t,) for t in expected]
    assert _rows(store, "SELECT mentioned_handle FROM post_mentions WHERE post_id = '999'") == [("alice",)]


def test_an_array_of_own_columns_is_mapped_with_exact_ids_text_and_normalised_tags(store, tmp_path):
    rows = _own_rows()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(rows, indent=2), encoding="utf-8")  # ASCII-escaped: "caf\\u00e9"
    assert "\\u00e9" in path.read_text(encoding="utf-8")
    report = run_import(store, path, dataset_name="a", mapping=MAPPING)
    assert report.loaded == len(rows) and report.rejected == []
    stored = dict(_rows(store, "SELECT post_id, text FROM posts"))
    assert stored == {str(r["tweet_id"]): r["message"] for r in rows}
    tags = set(_rows(store, "SELECT post_id, tag FROM post_hashtags"))
    assert tags == {(str(r["tweet_id"]), normalise_tag(t)) for r in rows for t in r["tags"]}
    assert ("@bob",) not in _rows(store, "SELECT author_handle FROM posts")


@pytest.mark.parametrize(
    "counts",
    [
        [5, "7", None, 300.0, 2**40],  # numbers, as pandas and jsonlite write them, and a number written as text
        [5, "7", None, "1 234", "n/a"],  # text a reader of the column still takes for a number, or for none
    ],
)
def test_counts_are_read_as_whole_numbers_whatever_a_later_row_holds(store, tmp_path, counts):
    rows = [{**_own_rows()[0], "tweet_id": i, "likes": n} for i, n in enumerate(counts)]
    path = tmp_path / "counts.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = run_import(store, path, dataset_name="c", mapping={**MAPPING, "like_count": "likes"})
    assert report.loaded == len(rows)
    as_read = {"1 234": 1234, "n/a": None, None: None}  # by a person; the others are int(n)
    wanted = {str(i): as_read[n] if n in as_read else int(n) for i, n in enumerate(counts)}
    assert dict(_rows(store, "SELECT post_id, like_count FROM posts")) == wanted


def test_a_malformed_record_and_a_number_are_rejected_by_line_and_the_rest_loads(store, tmp_path):
    rows = _own_rows()
    lines = [
        json.dumps(rows[0]),
        '{"tweet_id": 99, "when": "2020-06-17',
        json.dumps(rows[1]),
        "42",
        json.dumps(rows[2]),
    ]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run_import(store, path, dataset_name="b", mapping=MAPPING)
    assert [line for line, _ in report.rejected] == [2, 4]
    assert report.loaded == len(rows)
    assert report.records_read == report.loaded + report.duplicates + report.rejected_count == len(lines)


def test_repeated_ids_are_stored_once_and_counted(store, tmp_path):
    rows = _own_rows()
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [*rows, rows[2], rows[0]]) + "\n", encoding="utf-8")
    report = run_import(store, path, dataset_name="t", mapping=MAPPING)
    assert (report.loaded, report.duplicates) == (len(rows), 2)
    assert scalar(store, "SELECT count(*) FROM posts") == len(rows)


def test_unrecognised_columns_without_a_mapping_are_refused_and_nothing_changes(store, tmp_path):
    path = tmp_path / "mystery.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _own_rows()) + "\n", encoding="utf-8")
    before = _counts(store)
    with pytest.raises(ImportRefused, match="--map"):
        run_import(store, path, dataset_name="m")
    assert _counts(store) == before


def test_inspection_recognises_tables_and_leaves_nested_lines_to_the_post_readers(tmp_path, layout_lines):
    known = inspect_file(layout_lines)
    assert (known.is_table, known.preset, known.needs_mapping) == (True, "clameur", False)
    assert len(known.preview) > 0
    mystery = tmp_path / "mystery.jsonl"
    mystery.write_text("\n".join(json.dumps(r) for r in _own_rows()) + "\n", encoding="utf-8")
    unknown = inspect_file(mystery)
    assert unknown.needs_mapping and set(unknown.header) == set(_own_rows()[0])
    nested = tmp_path / "flat.jsonl"
    tweet = {"id": "1", "text": "hi #x", "author_id": "9", "created_at": "2020-06-17T10:00:00.000Z",
             "author": {"id": "9", "username": "u"}, "public_metrics": {"retweet_count": 0}}  # fmt: skip
    nested.write_text(json.dumps(tweet) + "\n", encoding="utf-8")
    assert not inspect_file(nested).is_table


def test_the_command_line_maps_a_json_table(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = _own_rows()
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    maps = [arg for field, column in MAPPING.items() for arg in ("--map", f"{field}={column}")]
    db = tmp_path / "db" / "c.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "clameur.cli", "import", str(path), "--dataset", "c", "--db", str(db), *maps, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout)[0]["loaded"] == len({str(r["tweet_id"]) for r in rows})


def test_an_uploaded_json_table_asks_for_a_mapping_then_imports_with_it(store):
    from clameur.ingest.uploads import import_upload, inspect_upload

    rows = _own_rows()
    data = "\n".join(json.dumps(r) for r in rows).encode("utf-8")
    info = inspect_upload(store, data)
    assert info.is_table and info.needs_mapping and "tweet_id" in info.header
    report = import_upload(store, data, "rows.jsonl", "u", mapping=MAPPING)
    assert report.loaded == len(rows)


def test_keys_that_differ_only_by_case_are_read_as_distinct_columns(store, tmp_path):
    rows = [{"tweet_id": str(i), "TWEET_ID": f"autre-{i}", "when": "2020-06-17T18:00:00Z", "user": "alice",
             "message": "texte"} for i in (1, 2)]  # fmt: skip
    path = tmp_path / "case.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    mapping = {field: column for field, column in MAPPING.items() if field != "hashtags"}  # every column in row 1
    report = run_import(store, path, dataset_name="case", mapping=mapping)
    assert report.loaded == len(rows)
    assert sorted(r[0] for r in _rows(store, "SELECT post_id FROM posts")) == [r["tweet_id"] for r in rows]


def test_own_rows_without_a_platform_load_as_other(store, tmp_path):
    path = tmp_path / "own.jsonl"
    write_export(50, "json", path)
    records = _lines(path)
    records[3]["platform"] = None
    del records[7]["platform"]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    parquet = tmp_path / "own.parquet"
    duckdb.connect().execute(
        "COPY (SELECT * REPLACE (CASE WHEN post_id = ? THEN NULL ELSE platform END AS platform) "
        f"FROM read_json('{path}')) TO '{parquet}'",  # noqa: S608 (test paths)
        [records[0]["post_id"]],
    )

    from_json = run_import(store, path, dataset_name="j")
    from_parquet = run_import(store, parquet, dataset_name="p")

    assert from_json.loaded == from_parquet.loaded == len(records)
    without = {records[3]["post_id"], records[7]["post_id"]}
    missing = {"j": without, "p": without | {records[0]["post_id"]}}  # the Parquet has the JSON's rows and one more
    others = _rows(store, "SELECT name, post_id FROM posts JOIN datasets USING (dataset_id) WHERE platform = 'other'")
    assert {(name, post) for name, ids in missing.items() for post in ids} == set(others)
