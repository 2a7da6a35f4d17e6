"""How JSON text is laid out does not lose posts: pretty-printed documents one after another (what `jq .` writes),
UTF-16 from Windows PowerShell, a blank first line, a BOM before an array, a byte that is not UTF-8 on the first
line. Expected values come from the raw fixtures, read here with plain json."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from clameur.ingest import run_import
from clameur.ingest.inspect import inspect_file
from clameur.ingest.parquet_layout import COLUMNS as LAYOUT_COLUMNS
from clameur.store import query, scalar

V1 = ("twitter_v1_json", "tweepy_DERIVED_v1_statuses_from_cassettes.jsonl")
PAGES = ("twarc2_jsonl", "twarc-csv_withheld.jsonl")  # five pages of tweets


def _values(path: Path) -> list:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _page_ids(pages: list[dict]) -> set[str]:
    return {t["id"] for page in pages for t in page["data"]}


def _stored_ids(store) -> set[str]:
    return set(query(store, "SELECT post_id FROM posts")["post_id"])


def test_pretty_printed_documents_one_after_another_are_each_a_record(fstore, fixtures_dir, tmp_path):
    statuses = _values(fixtures_dir.joinpath(*V1))
    docs = [json.dumps(s, indent=2, ensure_ascii=False) for s in statuses]
    broken_at = len(docs) // 2  # a document cut short in the middle of the stream
    docs[broken_at] = docs[broken_at][: len(docs[broken_at]) // 2]
    text = "\n".join(docs) + "\n"
    broken_line = 1 + sum(d.count("\n") + 1 for d in docs[:broken_at])
    path = tmp_path / "jq.json"
    path.write_text(text, encoding="utf-8")

    report = run_import(fstore, path, dataset_name="jq")

    assert [line for line, _ in report.rejected] == [broken_line]
    expected = {s["id_str"] for i, s in enumerate(statuses) if i != broken_at}
    assert _stored_ids(fstore) == expected and report.loaded == len(expected)
    assert report.records_read == report.loaded + report.duplicates + report.rejected_count


def test_json_lines_saved_as_utf16_by_powershell_are_read(fstore, fixtures_dir, tmp_path):
    raw = fixtures_dir.joinpath(*PAGES)
    path = tmp_path / "ps.jsonl"  # Windows PowerShell 5's `>`: UTF-16 LE with a BOM, CRLF line ends
    path.write_bytes(codecs.BOM_UTF16_LE + raw.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-16-le"))

    seen = inspect_file(path)
    report = run_import(fstore, path, dataset_name="ps")

    assert seen.format_label == "twarc2 JSONL" and len(seen.preview) > 0
    assert report.rejected == [] and _stored_ids(fstore) == _page_ids(_values(raw))


def test_a_blank_first_line_leaves_the_file_json_lines(fstore, fixtures_dir, tmp_path):
    raw = fixtures_dir.joinpath(*PAGES)
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n" + raw.read_text(encoding="utf-8"), encoding="utf-8")

    report = run_import(fstore, path, dataset_name="b")

    assert report.rejected == [] and _stored_ids(fstore) == _page_ids(_values(raw))


def test_a_byte_that_is_not_utf8_on_the_first_line_rejects_that_line_only(fstore, fixtures_dir, tmp_path):
    raw = fixtures_dir.joinpath(*PAGES)
    first, rest = raw.read_bytes().split(b"\n", 1)
    path = tmp_path / "stray.jsonl"
    path.write_bytes(first.replace(b'"text"', b'"te\xffxt"', 1) + b"\n" + rest)

    report = run_import(fstore, path, dataset_name="s")

    assert [line for line, _ in report.rejected] == [1] and "not UTF-8" in report.rejected[0][1]
    assert _stored_ids(fstore) == _page_ids(_values(raw)[1:]) - _page_ids(_values(raw)[:1])


def test_an_array_of_rows_after_a_byte_order_mark(fstore, tmp_path):
    rows = [  # Clameur's own columns, read typed without a mapping
        {name: None for name, _ in LAYOUT_COLUMNS}
        | {
            "platform": "x",
            "post_id": f"10{i}",
            "created_at": f"2020-06-17T1{i}:00:00Z",
            "author_handle": f"u{i}",
            "text": f"#Tag{i} t",
            "kind": "original",
            "hashtags": [f"tag{i}"],
            "mentions": [],
        }
        for i in range(4)
    ]
    path = tmp_path / "bom.json"
    path.write_bytes(codecs.BOM_UTF8 + json.dumps(rows).encode())  # one line, as pandas writes it

    report = run_import(fstore, path, dataset_name="a")

    assert report.rejected == [] and _stored_ids(fstore) == {r["post_id"] for r in rows}
    assert scalar(fstore, "SELECT count(DISTINCT tag) FROM post_hashtags") == len(rows)


def test_pages_slurped_into_one_array_by_jq(fstore, fixtures_dir, tmp_path):
    # `jq -s -c . pages.jsonl`; DuckDB's complaint about this file (not pages one per line) cuts its quote of the
    # record inside a character, and used to escape as a UnicodeDecodeError
    raw = fixtures_dir / "twarc2_jsonl" / "twarc-csv_media_policy_violation_off.jsonl"
    path = tmp_path / "slurped.json"
    path.write_text(json.dumps(_values(raw)), encoding="utf-8")

    report = run_import(fstore, path, dataset_name="s")

    assert report.rejected == [] and _stored_ids(fstore) == _page_ids(_values(raw))


def test_counts_and_flags_of_odd_types_are_missing_not_a_crash(fstore, fixtures_dir, tmp_path):
    template = _values(fixtures_dir.joinpath(*V1))[0]
    counts = [12, 12.0, "12", " 7 ", "1e3", 1.5, "n/a", [3], 2**70, True, None]
    expected = [12, 12, 12, 7, 1000, None, None, None, None, None, None]
    flags = [True, "yes", 1, None, False, [], {}, "true", 0, "x", True]
    statuses = []
    for i, (count, flag) in enumerate(zip(counts, flags, strict=True)):
        s = json.loads(json.dumps(template))
        s.pop("retweeted_status", None)
        s.pop("quoted_status", None)
        s["id_str"], s["id"], s["retweet_count"] = f"{900 + i}", 900 + i, count
        s["user"]["verified"], s["user"]["id_str"] = flag, f"{700 + i}"
        statuses.append(s)
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in statuses) + "\n", encoding="utf-8")

    report = run_import(fstore, path, dataset_name="odd")

    assert report.loaded == len(statuses) and report.rejected == []
    stored = dict(fstore.cursor().execute("SELECT post_id, retweet_count FROM posts").fetchall())
    assert stored == {f"{900 + i}": n for i, n in enumerate(expected)}
    verified = dict(fstore.cursor().execute("SELECT account_id, verified FROM accounts").fetchall())
    assert verified == {f"{700 + i}": f if isinstance(f, bool) else None for i, f in enumerate(flags)}


def test_a_cassette_interaction_that_is_not_an_object_is_rejected_and_the_others_load(fstore, fixtures_dir, tmp_path):
    raw = fixtures_dir / "twitter_v1_json" / "tweepy_cassette_testusertimeline.json"
    cassette = json.loads(raw.read_text(encoding="utf-8"))
    kept = cassette["interactions"][0]
    cassette["interactions"][1] = "not an interaction"
    body = kept["response"]["body"]
    statuses = json.loads(body["string"] if isinstance(body, dict) else body)
    path = tmp_path / "cassette.json"
    path.write_text(json.dumps(cassette), encoding="utf-8")

    report = run_import(fstore, path, dataset_name="c")

    assert _stored_ids(fstore) == {s["id_str"] for s in statuses}
    assert report.rejected_count == 1 and "interaction 2" in report.rejected[0][1]
