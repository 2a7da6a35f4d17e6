"""List cells of tables (hashtags and mentions written by many tools): every shape gives the tags and mentions a
reader of the cell sees, whatever path the importer takes to read it. Expected values are written by hand here."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from clameur.ingest import run_import

MAPPING = {"post_id": "id", "created_at": "when", "author_handle": "user", "text": "text", "platform": "=x"}

TAG_CELLS = [
    ("[a, b]", ["a", "b"]),  # a DuckDB or Clameur list
    ('["a", "b"]', ["a", "b"]),  # JSON
    ('["a","b"]', ["a", "b"]),
    ("['a', 'b']", ["a", "b"]),  # a Python list written by pandas
    ("#a #b", ["a", "b"]),
    ("a,b", ["a", "b"]),
    ("a; b", ["a", "b"]),
    ("a|b", ["a", "b"]),
    ("[#A, ＃b]", ["a", "b"]),
    ('["#A", "@b"]', ["a", "b"]),
    ('["caf\\u00e9"]', ["café"]),  # a JSON escape
    ('[{"tag": "a"}, {"text": "#b"}, {"name": "c"}]', ["a", "b", "c"]),  # entity objects
    ("[a,,b]", ["a", "b"]),
    ('["a", ""]', ["a"]),
    ("[ a , b ]", ["a", "b"]),
    ("[a b]", ["a", "b"]),
    ('["a b"]', ["a", "b"]),
    (" [a, b] ", ["a", "b"]),
    ("a#b", ["a", "b"]),
    ("[]", []),
    ("", []),
    ("[Éte, ÉTÉ]", ["éte", "été"]),
    ("[{'tag': 'a', 'start': 0}, {'tag': '#B'}]", ["a", "b"]),  # objects written by Python (pandas' to_csv)
    ("[{'text': 'x', 'indices': [1, 2]}]", ["x"]),
]

MENTION_CELLS = [
    ("[@x, @y]", [(None, "x"), (None, "y")]),
    ("@x @y", [(None, "x"), (None, "y")]),
    ('["x", "@y"]', [(None, "x"), (None, "y")]),
    ('[{"id": "1", "handle": "x"}]', [("1", "x")]),
    ('[{"id":"1","handle":"@x"},{"id":null,"handle":"y"}]', [("1", "x"), (None, "y")]),
    ('[{"id_str": "2", "screen_name": "y"}, {"id": "3", "username": "z"}]', [("2", "y"), ("3", "z")]),
    ('[{"acct": "w@mastodon.social", "id": "4"}]', [("4", "w@mastodon.social")]),
    ('[{"id": "5", "handle": ""}]', []),
    ("[]", []),
    ("[{'start': 0, 'end': 5, 'username': 'x', 'id': '1'}, {'username': '@y', 'id': 2}]", [("1", "x"), ("2", "y")]),
    ("[{'screen_name': 'z', 'id_str': '3'}]", [("3", "z")]),
]


def _import(store, tmp_path, column: str, cells: list[str]):
    path = tmp_path / "cells.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id", "when", "user", "text", column])
        out.writerows([str(i), "2020-06-17T18:00:00Z", "alice", "texte", cell] for i, cell in enumerate(cells))
    report = run_import(store, path, dataset_name="cells", mapping={**MAPPING, column: column})
    assert report.loaded == len(cells)


def test_every_shape_of_hashtag_cell_gives_its_tags(store, tmp_path):
    _import(store, tmp_path, "hashtags", [cell for cell, _ in TAG_CELLS])
    stored = store.cursor().execute("SELECT post_id, tag FROM post_hashtags").fetchall()
    for i, (cell, tags) in enumerate(TAG_CELLS):
        assert sorted(t for p, t in stored if p == str(i)) == sorted(tags), cell


def test_every_shape_of_mention_cell_gives_its_accounts(store, tmp_path):
    _import(store, tmp_path, "mentions", [cell for cell, _ in MENTION_CELLS])
    stored = store.cursor().execute("SELECT post_id, mentioned_id, mentioned_handle FROM post_mentions").fetchall()
    for i, (cell, mentions) in enumerate(MENTION_CELLS):
        assert sorted(((m, h) for p, m, h in stored if p == str(i)), key=repr) == sorted(mentions, key=repr), cell


@pytest.mark.parametrize("cell", ["[a, b]", '["a", "b"]'])
def test_ids_and_codes_padded_with_spaces_are_trimmed_and_free_text_is_kept(store, tmp_path, cell):
    path = tmp_path / "padded.csv"
    path.write_text(
        "id,when,user,text,lang,hashtags\n"
        f' 7 ,2020-06-17T18:00:00Z , @alice ,"  deux espaces  ", fr ,"{cell.replace(chr(34), chr(34) * 2)}"\n',
        encoding="utf-8",
    )
    run_import(store, path, dataset_name="padded", mapping={**MAPPING, "lang": "lang", "hashtags": "hashtags"})
    row = store.cursor().execute("SELECT post_id, author_handle, lang, text, created_at FROM posts").fetchone()
    assert row[:4] == ("7", "alice", "fr", "  deux espaces  ")
    assert row[4].isoformat() == "2020-06-17T18:00:00"
    assert store.cursor().execute("SELECT tag FROM post_hashtags ORDER BY 1").fetchall() == [("a",), ("b",)]


@pytest.mark.parametrize(
    "cells",
    [
        ["[a, a]", "[a, b, a]", "[b, a]", "[b]"],  # every tag already normalised
        ["[a, A]", "[#a, b, a]", "[B, a]", "[b]"],  # written in several ways
    ],
)
def test_a_tag_written_twice_in_a_post_is_stored_once(store, tmp_path, cells):
    _import(store, tmp_path, "hashtags", cells)
    stored = store.cursor().execute("SELECT post_id, tag FROM post_hashtags ORDER BY 1, 2").fetchall()
    assert stored == [("0", "a"), ("1", "a"), ("1", "b"), ("2", "a"), ("2", "b"), ("3", "b")]


# JSON tables hold lists as lists: the importer reads them as lists, with the same items as the text above.
TAG_LISTS = [
    (["a", "b"], ["a", "b"]),
    (["#A", "＃b"], ["a", "b"]),
    (["a", "", None], ["a"]),
    ([" a ", "b "], ["a", "b"]),
    (["@x", "'y'"], ["x", "y"]),
    (["café", "Éte", "ÉTÉ"], ["café", "éte", "été"]),
    ([], []),
    (None, []),
]
MENTION_OBJECTS = [
    ([{"id": "1", "username": "x", "start": 0, "end": 2}], [("1", "x")]),  # twarc's entities.mentions
    ([{"id_str": "2", "screen_name": "@y"}, {"id": 3, "handle": "z"}], [("2", "y"), ("3", "z")]),
    ([{"acct": "w@mastodon.social", "id": "4"}], [("4", "w@mastodon.social")]),
    ([{"id": "5", "username": ""}], []),
    ([], []),
    (None, []),
]
MENTION_STRINGS = [(["@x", "y"], [(None, "x"), (None, "y")]), (["", None], []), (None, [])]
SAMPLE = 20_480  # records DuckDB samples to type a JSON file's fields


def _import_json(store, tmp_path, column: str, values: list) -> None:
    path = tmp_path / "lists.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i, value in enumerate(values):
            row = {"id": str(i), "when": "2020-06-17T18:00:00Z", "user": "alice", "text": "texte", column: value}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    report = run_import(store, path, dataset_name="lists", mapping={**MAPPING, column: column})
    assert report.loaded == len(values) and not report.rejected


def _stored_tags(store) -> dict[str, list[str]]:
    stored: dict[str, list[str]] = {}
    for post, tag in store.cursor().execute("SELECT post_id, tag FROM post_hashtags ORDER BY 1, 2").fetchall():
        stored.setdefault(post, []).append(tag)
    return stored


def test_every_json_list_of_tags_gives_its_tags(store, tmp_path):
    _import_json(store, tmp_path, "hashtags", [value for value, _ in TAG_LISTS])
    stored = _stored_tags(store)
    for i, (value, tags) in enumerate(TAG_LISTS):
        assert stored.get(str(i), []) == sorted(tags), value


@pytest.mark.parametrize("cases", [MENTION_OBJECTS, MENTION_STRINGS], ids=["objects", "strings"])
def test_every_json_list_of_mentions_gives_its_accounts(store, tmp_path, cases):
    _import_json(store, tmp_path, "mentions", [value for value, _ in cases])
    stored = store.cursor().execute("SELECT post_id, mentioned_id, mentioned_handle FROM post_mentions").fetchall()
    for i, (value, mentions) in enumerate(cases):
        assert sorted(((m, h) for p, m, h in stored if p == str(i)), key=repr) == sorted(mentions, key=repr), value


@pytest.mark.parametrize(
    ("late", "tags"),
    [
        ([{"tag": "Objet"}, "#deux"], ["deux", "objet"]),  # objects in a list the sample saw holding strings
        ("trois quatre", ["quatre", "trois"]),  # text where the sample saw lists
        ([["cinq"]], ["cinq"]),  # a list in the list
    ],
)
def test_a_list_of_another_shape_past_the_sample_is_read_all_the_same(store, tmp_path, late, tags):
    _import_json(store, tmp_path, "hashtags", [["un"]] * SAMPLE + [late, ["six"]])
    stored = _stored_tags(store)
    assert len(stored) == SAMPLE + 2
    assert stored[str(SAMPLE)] == tags
    assert stored["0"] == ["un"] and stored[str(SAMPLE + 1)] == ["six"]


def test_a_mapped_field_missing_from_the_first_row_is_read_from_the_rows_that_have_it(store, tmp_path):
    rows = [{"id": "0", "when": "2020-06-17T18:00:00Z", "user": "alice", "text": "sans tags"}]
    rows += [{**rows[0], "id": str(i), "hashtags": tags} for i, tags in enumerate([["a", "#B"], ["c"], []], 1)]
    path = tmp_path / "late_field.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    report = run_import(store, path, dataset_name="late", mapping={**MAPPING, "hashtags": "hashtags"})
    assert report.loaded == len(rows)
    assert _stored_tags(store) == {"1": ["a", "b"], "2": ["c"]}


def test_a_parquet_list_of_objects_gives_its_tags_and_mentions(store, tmp_path):
    path = tmp_path / "objects.parquet"
    duckdb.connect().execute(
        f"""COPY (SELECT '1' AS id, '2020-06-17T18:00:00Z' AS "when", 'alice' AS "user", 'texte' AS text,
                         [{{'tag': 'Un', 'start': 0}}, {{'tag': 'deux trois', 'start': 4}}] AS tags,
                         [{{'username': '@bob', 'id': '7'}}, {{'username': NULL, 'id': '8'}}] AS ments)
            TO '{path}' (FORMAT parquet)"""  # noqa: S608 (a test's own path)
    )
    report = run_import(store, path, dataset_name="pq", mapping={**MAPPING, "hashtags": "tags", "mentions": "ments"})
    assert report.loaded == 1
    assert _stored_tags(store) == {"1": ["deux trois", "un"]}
    stored = store.cursor().execute("SELECT mentioned_id, mentioned_handle FROM post_mentions").fetchall()
    assert stored == [("7", "bob")]
