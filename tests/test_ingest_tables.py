"""CSV and Parquet importers: the real twarc-csv export (expected values derived here from the raw file with
the csv and json modules), mappings and presets, encodings and delimiters, ragged rows with their line numbers,
hostile headers, Parquet in Clameur's own layout and mapped, corrupt Parquet and the row cap."""

from __future__ import annotations

import csv
import json
from datetime import datetime

import duckdb
import pandas as pd
import pytest

from clameur import settings
from clameur.cli import main
from clameur.demo.export import write_export
from clameur.ingest import ImportRefused, run_import
from clameur.ingest.mapping import saved_presets
from clameur.store import open_store, scalar

TABLES = ("datasets", "posts", "context_posts", "post_hashtags", "post_mentions", "accounts", "import_files")
CSV_FIXTURE = "twarc_csv/twarc-csv_small_sample_2021-03.csv"


def _counts(store) -> dict:
    return {t: scalar(store, f"SELECT count(*) FROM {t}") for t in TABLES}


def _rows(store, sql: str, params=()):
    return store.cursor().execute(sql, list(params)).fetchall()


def test_the_twarc_csv_export_loads_tweets_context_kinds_hashtags_and_mentions(fstore, fixtures_dir):
    path = fixtures_dir / CSV_FIXTURE
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    collected = [r for r in rows if not r["type"]]
    context = [r for r in rows if r["type"]]
    quotes = {
        r["id"]: ref["id"]
        for r in collected
        if r["referenced_tweets"]
        for ref in json.loads(r["referenced_tweets"])
        if ref["type"] == "quoted"
    }
    tags = sorted(
        (r["id"], h["tag"].casefold())
        for r in collected
        if r["entities.hashtags"]
        for h in json.loads(r["entities.hashtags"])
    )
    mentions = sum(len(json.loads(r["entities.mentions"])) for r in collected if r["entities.mentions"])

    report = run_import(fstore, path, dataset_name="csv")

    assert report.format.startswith("csv:twarc-csv")
    assert (report.records_read, report.loaded, report.context, report.rejected_count) == (
        len(collected),
        len(collected),
        len(context),
        0,
    )
    kinds = dict(_rows(fstore, "SELECT post_id, kind FROM posts"))
    assert {k for k, v in kinds.items() if v == "quote"} == set(quotes)
    assert dict(_rows(fstore, "SELECT post_id, ref_post_id FROM posts WHERE kind = 'quote'")) == quotes
    assert sorted(_rows(fstore, "SELECT post_id, tag FROM post_hashtags")) == tags
    assert scalar(fstore, "SELECT count(*) FROM post_mentions") == mentions
    first = collected[0]
    assert scalar(fstore, "SELECT text FROM posts WHERE post_id = ?", [first["id"]]) == json.loads(first["text"])
    quoted_author = {r["id"]: r["author_id"] for r in context}
    for post_id, ref_id in quotes.items():
        if ref_id in quoted_author:
            assert (
                scalar(fstore, "SELECT ref_author_id FROM posts WHERE post_id = ?", [post_id]) == quoted_author[ref_id]
            )


def _write(tmp_path, name: str, text: str, encoding: str = "utf-8") -> object:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


GENERIC = (
    "tweet_id;when;user;message;tags\n"
    "101;2020-06-17T18:00:00Z;alice;Premier #BalanceTonTikTokeur;BalanceTonTikTokeur\n"
    "102;2020-06-17T18:05:00Z;bob;RT @alice: Premier #BalanceTonTikTokeur;BalanceTonTikTokeur\n"
    "103;2020-06-17T18:07:00Z;café;Un € et un café;\n"
)
GENERIC_MAP = {
    "post_id": "tweet_id",
    "created_at": "when",
    "author_handle": "user",
    "text": "message",
    "hashtags": "tags",
    "platform": "=x",
}


def test_an_unknown_table_is_refused_until_its_columns_are_mapped(fstore, tmp_path):
    path = _write(tmp_path, "generic.csv", GENERIC)
    before = _counts(fstore)
    with pytest.raises(ImportRefused, match="does not recognise the columns"):
        run_import(fstore, path, dataset_name="g")
    assert _counts(fstore) == before
    report = run_import(fstore, path, dataset_name="g", mapping=GENERIC_MAP)
    assert (report.records_read, report.loaded) == (3, 3)
    assert dict(_rows(fstore, "SELECT post_id, kind FROM posts")) == {
        "101": "original",
        "102": "retweet",
        "103": "original",
    }
    assert scalar(fstore, "SELECT ref_author_handle FROM posts WHERE post_id = '102'") == "alice"
    assert _rows(fstore, "SELECT DISTINCT tag FROM post_hashtags") == [("balancetontiktokeur",)]


def test_a_mapping_that_names_a_missing_column_says_which(fstore, tmp_path):
    path = _write(tmp_path, "generic.csv", GENERIC)
    with pytest.raises(ImportRefused, match=r"no column for created_at \(“date”\)"):
        run_import(fstore, path, dataset_name="g", mapping={**GENERIC_MAP, "created_at": "date"})
    with pytest.raises(ImportRefused, match="Unknown field"):
        run_import(fstore, path, dataset_name="g", mapping={**GENERIC_MAP, "drop_table": "user"})


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("cp1252", ";"), ("utf-16", "\t"), ("utf-8", "\t"), ("utf-8", ",")],
)
def test_excel_encodings_and_delimiters_keep_every_character(fstore, tmp_path, encoding, delimiter):
    text = GENERIC.replace(";", delimiter).replace("\n", "\r\n")
    path = _write(tmp_path, "excel.csv", text, encoding)
    report = run_import(fstore, path, dataset_name="e", mapping=GENERIC_MAP)
    assert report.loaded == 3
    assert scalar(fstore, "SELECT author_handle FROM posts WHERE post_id = '103'") == "café"
    assert scalar(fstore, "SELECT text FROM posts WHERE post_id = '103'") == "Un € et un café"


def test_ragged_rows_and_invalid_utf8_are_rejected_with_their_line_numbers(fstore, tmp_path):
    lines = GENERIC.splitlines()
    body = "\n".join(
        [
            lines[0],
            lines[1],
            "104;2020-06-17T18:09:00Z;carol;one field too many;x;extra",  # line 3
            "105",  # line 4
            lines[2],
            lines[3],  # line 6: café, €
        ]
    ).encode("utf-8")
    body += b"\n106;2020-06-17T18:10:00Z;dan;bad \xff byte;\n"  # line 7 in a file otherwise valid UTF-8
    path = tmp_path / "ragged.csv"
    path.write_bytes(body)
    report = run_import(fstore, path, dataset_name="r", mapping=GENERIC_MAP)
    assert [line for line, _ in report.rejected] == [3, 4, 7]
    assert "encoding" in report.rejected[2][1]
    assert report.records_read == report.loaded + report.duplicates + report.rejected_count == 6
    assert sorted(r[0] for r in _rows(fstore, "SELECT post_id FROM posts")) == ["101", "102", "103"]
    assert scalar(fstore, "SELECT text FROM posts WHERE post_id = '103'") == "Un € et un café"


def test_a_header_only_table_loads_nothing_and_says_so(fstore, tmp_path):
    path = _write(tmp_path, "empty.csv", GENERIC.splitlines()[0] + "\n")
    report = run_import(fstore, path, dataset_name="h", mapping=GENERIC_MAP)
    assert (report.records_read, report.loaded, report.rejected_count) == (0, 0, 0)


def test_hostile_headers_quoted_cells_nul_bytes_and_a_huge_cell(fstore, tmp_path):
    header = 'select;order;"text""; DROP TABLE posts; --";order;'
    huge = "x" * (10 * 2**20)
    body = (
        f"{header}\n"
        '1;2020-06-17T18:00:00Z;"multi\nline; with ""quotes""";a;\n'
        f"2;2020-06-17T18:01:00Z;nul\x00inside;b;\n"
        f"3;2020-06-17T18:02:00Z;{huge};c;\n"
    )
    path = _write(tmp_path, "hostile.csv", body)
    mapping = {"post_id": "select", "created_at": "order", "text": 'text"; DROP TABLE posts; --'}
    report = run_import(fstore, path, dataset_name="hostile", mapping=mapping)
    assert report.loaded == 3
    texts = dict(_rows(fstore, "SELECT post_id, text FROM posts"))
    assert texts["1"] == 'multi\nline; with "quotes"'
    assert len(texts["3"]) == len(huge)
    assert "nul" in texts["2"]  # the NUL is kept or dropped, never breaks the row
    assert scalar(fstore, "SELECT count(*) FROM posts") == 3  # the table is still there


def test_emoji_and_right_to_left_text_are_byte_identical(fstore, tmp_path):
    text = "👩‍👩‍👧 🇫🇷 漢字 مرحبا #Café"
    path = _write(tmp_path, "emoji.csv", f"tweet_id;when;user;message;tags\n1;2020-06-17T18:00:00Z;a;{text};\n")
    run_import(fstore, path, dataset_name="emoji", mapping=GENERIC_MAP)
    assert scalar(fstore, "SELECT text FROM posts") == text


def test_presets_saved_from_the_command_line_are_reused(tmp_path, capsys):
    path = _write(tmp_path, "generic.csv", GENERIC)
    db = tmp_path / "db" / "c.duckdb"
    maps = [arg for field, column in GENERIC_MAP.items() for arg in ("--map", f"{field}={column}")]
    assert main(["import", str(path), "--dataset", "a", "--db", str(db), *maps, "--save-mapping", "mine"]) == 0
    other = _write(tmp_path, "again.csv", GENERIC.replace("101", "201").replace("102", "202").replace("103", "203"))
    assert main(["import", str(other), "--dataset", "b", "--db", str(db), "--mapping", "mine", "--json"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out[out.index("[") :])
    assert report[0]["loaded"] == 3
    store = open_store(db)
    assert saved_presets(store.cursor())["mine"]["post_id"] == "tweet_id"


def test_parquet_in_clameurs_layout_round_trips(fstore, tmp_path):
    path = tmp_path / "campaign.parquet"
    write_export(2_000, "parquet", path)
    report = run_import(fstore, path, dataset_name="pq")
    assert report.format == "parquet:clameur"
    import duckdb

    raw = duckdb.connect()
    expected = raw.execute(
        "SELECT count(DISTINCT post_id), count(*) FILTER (kind = 'retweet') FROM read_parquet(?)", [str(path)]
    )
    n, retweets = expected.fetchone()
    assert report.loaded == n
    assert scalar(fstore, "SELECT count(*) FROM posts WHERE kind = 'retweet'") == retweets
    tags = raw.execute(
        "SELECT count(*) FROM (SELECT DISTINCT post_id, unnest(hashtags) FROM read_parquet(?))", [str(path)]
    )
    assert scalar(fstore, "SELECT count(*) FROM post_hashtags") == tags.fetchone()[0]


def test_other_parquet_is_mapped_like_csv(fstore, tmp_path):
    import duckdb

    path = tmp_path / "other.parquet"
    duckdb.connect().execute(
        f"""COPY (SELECT * FROM (VALUES (1::BIGINT, TIMESTAMP '2020-06-17 18:00:00', 'alice', 'hello', 'a,b'),
                                       (2::BIGINT, TIMESTAMP '2020-06-17 19:00:00', 'bob', 'RT @alice: hello', 'a'))
                  t(tweet_id, "when", user, message, tags)) TO '{path}' (FORMAT parquet)"""
    )
    report = run_import(fstore, path, dataset_name="op", mapping=GENERIC_MAP)
    assert report.loaded == 2
    assert str(scalar(fstore, "SELECT created_at FROM posts WHERE post_id = '2'")) == "2020-06-17 19:00:00"
    assert scalar(fstore, "SELECT count(*) FROM post_hashtags") == 3


def test_corrupt_parquet_and_the_row_cap_are_refused_and_nothing_changes(fstore, tmp_path, monkeypatch):
    good = tmp_path / "campaign.parquet"
    write_export(500, "parquet", good)
    corrupt = tmp_path / "corrupt.parquet"
    corrupt.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    before = _counts(fstore)
    with pytest.raises(ImportRefused, match="Parquet file could not be read"):
        run_import(fstore, corrupt, dataset_name="c")
    monkeypatch.setattr(settings, "MAX_PARQUET_ROWS", 100)
    with pytest.raises(ImportRefused, match="declares 500 rows"):
        run_import(fstore, good, dataset_name="c")
    assert _counts(fstore) == before


def test_dates_in_1970_or_in_the_future_are_loaded_but_flagged(fstore, tmp_path):
    body = GENERIC.replace("2020-06-17T18:05:00Z", "1970-01-01T00:00:00Z").replace("2020-06-17T18:07:00Z", "2999-01-01")
    report = run_import(fstore, _write(tmp_path, "dates.csv", body), dataset_name="d", mapping=GENERIC_MAP)
    assert report.loaded == 3
    assert any(w.startswith("2 posts are dated before 2006 or in the future") for w in report.warnings)
    stored = json.loads(scalar(fstore, "SELECT report_json FROM import_files"))
    assert stored["warnings"] == report.warnings  # the kept report is the one people read


def test_formula_cells_are_stored_as_text_and_exported_harmless(fstore, tmp_path):
    from clameur.exports import csv_bytes

    cells = ['=HYPERLINK("http://x","y")', "+SUM(1)", "@cmd", "-2+3", "\tlead"]
    quoted = [c.replace('"', '""') for c in cells]
    rows = "".join(f'{i};2020-06-17T18:0{i}:00Z;a;"{c}";\n' for i, c in enumerate(quoted, start=1))
    path = _write(tmp_path, "formula.csv", "tweet_id;when;user;message;tags\n" + rows)
    run_import(fstore, path, dataset_name="f", mapping=GENERIC_MAP)
    stored = [r[0] for r in _rows(fstore, "SELECT text FROM posts ORDER BY post_id")]
    assert stored == cells  # literally, as typed in the cell
    exported = csv_bytes(pd.DataFrame({"text": stored})).decode("utf-8").splitlines()[1:]
    assert not any(line.lstrip('"').startswith(("=", "+", "-", "@", "\t")) for line in exported)


def test_long_empty_and_repeated_headers_are_columns_like_any_other(fstore, tmp_path):
    from clameur.ingest.inspect import inspect_file

    long = "x" * 1000
    path = _write(tmp_path, "headers.csv", f"id;created;{long};;id\n1;2020-06-17T18:00:00Z;hello;;dup\n")
    header = inspect_file(path).header
    assert long in header and len(header) == 5 and len(set(header)) == 5  # the empty and repeated ones renamed
    mapping = {"post_id": "id", "created_at": "created", "text": long}
    report = run_import(fstore, path, dataset_name="h", mapping=mapping)
    assert report.loaded == 1 and scalar(fstore, "SELECT text FROM posts") == "hello"


def test_a_handle_that_changes_for_one_id_is_one_account(fstore, tmp_path):
    body = (
        "tweet_id;when;uid;user;message\n"
        "1;2020-06-17T18:00:00Z;42;old_name;first\n"
        "2;2020-06-18T18:00:00Z;42;new_name;second\n"
        "3;2020-06-18T19:00:00Z;7;fan;RT @new_name: second\n"
    )
    mapping = {"post_id": "tweet_id", "created_at": "when", "author_id": "uid", "author_handle": "user"}
    report = run_import(fstore, _write(tmp_path, "renamed.csv", body), dataset_name="r", mapping=mapping)
    assert scalar(fstore, "SELECT count(*) FROM accounts WHERE account_id = '42'") == 1
    assert scalar(fstore, "SELECT handle FROM accounts WHERE account_id = '42'") in ("old_name", "new_name")
    assert report.loaded == 3


def _own_csv(tmp_path, n: int = 300):
    """Clameur's CSV layout as DuckDB writes it from its Parquet (mentions have no plain CSV form)."""
    parquet, path = tmp_path / "own.parquet", tmp_path / "own.csv"
    write_export(n, "parquet", parquet)
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * EXCLUDE (mentions) FROM read_parquet('{parquet}')) TO '{path}' (HEADER)")
    con.close()
    with open(path, encoding="utf-8", newline="") as f:
        return path, list(csv.DictReader(f))


def _tags(cell: str) -> list[str]:
    return [t for t in cell.strip("[]").split(", ") if t]


def test_a_csv_in_clameurs_columns_loads_every_value(fstore, tmp_path):
    path, rows = _own_csv(tmp_path)
    report = run_import(fstore, path, dataset_name="own")
    assert (report.format, report.loaded, report.rejected_count) == ("csv:clameur", len(rows), 0)
    stored = {
        r[0]: r[1:] for r in _rows(fstore, "SELECT post_id, kind, created_at, retweet_count, author_id FROM posts")
    }
    assert stored == {
        r["post_id"]: (r["kind"], datetime.fromisoformat(r["created_at"]), int(r["retweet_count"]), r["author_id"])
        for r in rows
    }
    pairs = {(r["post_id"], t) for r in rows for t in _tags(r["hashtags"])}
    assert set(_rows(fstore, "SELECT post_id, tag FROM post_hashtags")) == pairs


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"post_id": " 123 ", "author_id": " 42"}, ("123", "retweet", 0, "42")),  # padded: still read typed
        ({"post_id": "123", "kind": "RT", "author_id": "42"}, ("123", "retweet", 0, "42")),  # a kind of another tool
        ({"post_id": "123", "retweet_count": "1 234", "author_id": "42"}, ("123", "retweet", 1234, "42")),
    ],
)
def test_a_clameur_csv_edited_by_hand_keeps_every_row_and_reads_the_edit(fstore, tmp_path, edit, expected):
    path, rows = _own_csv(tmp_path)
    first = next(i for i, r in enumerate(rows) if r["kind"] == "retweet" and r["retweet_count"] == "0")
    rows[first].update(edit)
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)
    report = run_import(fstore, path, dataset_name="edited")
    assert (report.loaded, report.rejected_count) == (len(rows), 0)
    got = _rows(fstore, "SELECT post_id, kind, retweet_count, author_id FROM posts WHERE post_id = '123'")
    assert got == [expected]


@pytest.mark.parametrize(
    ("dialect", "bom", "order"),
    [
        ({}, False, 1),  # as Clameur writes it: read without DuckDB's sniffer
        ({}, True, 1),  # saved by Excel with a BOM
        ({"quoting": csv.QUOTE_ALL}, False, 1),  # every cell quoted, the header too: sniffed
        ({"delimiter": ";"}, False, 1),  # a French Excel's delimiter: sniffed
        ({}, False, -1),  # the columns in another order
    ],
    ids=["plain", "bom", "quoted", "semicolon", "reordered"],
)
def test_a_clameur_csv_in_any_dialect_is_read_in_its_own_columns(fstore, tmp_path, dialect, bom, order):
    path, rows = _own_csv(tmp_path)
    fields = list(rows[0])[::order]
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=fields, **dialect)
        out.writeheader()
        out.writerows(rows)
    report = run_import(fstore, path, dataset_name="dialect")
    assert (report.format, report.loaded, report.rejected_count) == ("csv:clameur", len(rows), 0)
    stored = dict(_rows(fstore, "SELECT post_id, author_handle FROM posts"))
    assert stored == {r["post_id"]: r["author_handle"] for r in rows}
    pairs = {(r["post_id"], t) for r in rows for t in _tags(r["hashtags"])}
    assert set(_rows(fstore, "SELECT post_id, tag FROM post_hashtags")) == pairs


def test_only_a_plain_header_of_clameurs_columns_skips_the_sniffer(tmp_path):
    from clameur.ingest.own_layout import LAYOUT, own_csv_header

    names = [n for n in LAYOUT if n != "mentions"]
    cases = {
        ",".join(names): names,
        "\ufeff" + ",".join(names): names,
        ",".join([*names, "note"]): [*names, "note"],
        ",".join(f'"{n}"' for n in names): None,  # quoted: the sniffer reads it
        ";".join(names): None,
        ",".join([*names, "note;x"]): None,
        ",".join([*names, "post_id"]): None,  # a repeated column
        ",".join(names[1:]): None,  # not Clameur's: platform is missing
    }
    for i, (line, expected) in enumerate(cases.items()):
        path = tmp_path / f"h{i}.csv"
        path.write_text(line + "\r\n1,2\n", encoding="utf-8")
        assert own_csv_header(path) == expected, line


def test_an_offset_after_a_space_is_read_as_written_by_r_and_spreadsheets(fstore, tmp_path):
    cells = ["2020-06-17 18:00:00 +0200", "2020-06-17 11:00:00.250 -05:00", "2020-06-17 16:00:00 +0000 "]
    body = "id;when\n" + "".join(f"{i};{cell}\n" for i, cell in enumerate(cells))
    path = _write(tmp_path, "offsets.csv", body)
    report = run_import(fstore, path, dataset_name="o", mapping={"post_id": "id", "created_at": "when"})
    assert report.unparsed_timestamps == 0
    aware = [
        datetime.fromisoformat(c.strip().replace(" +", "+").replace(" -", "-")) for c in cells
    ]  # as Python reads it
    expected = {str(i): t.replace(tzinfo=None) - t.utcoffset() for i, t in enumerate(aware)}
    assert dict(_rows(fstore, "SELECT post_id, created_at FROM posts")) == expected


def test_a_header_row_repeated_by_joining_files_is_rejected_with_its_line(fstore, fixtures_dir, tmp_path):
    raw = (fixtures_dir / CSV_FIXTURE).read_bytes()
    path = tmp_path / "joined.csv"  # `cat export.csv export.csv`
    path.write_bytes(raw + raw)
    with open(fixtures_dir / CSV_FIXTURE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    second_header = raw.count(b"\n") + 1

    report = run_import(fstore, path, dataset_name="joined")

    assert report.rejected == [(second_header, "the header row again (files joined one after another?): not a post")]
    collected = {r["id"] for r in rows if not r["type"]}
    assert (report.loaded, report.duplicates) == (len(collected), len(collected))
    assert {r[0] for r in _rows(fstore, "SELECT post_id FROM posts")} == collected
    assert _rows(fstore, "SELECT count(*) FROM context_posts WHERE post_id = 'id'") == [(0,)]


def test_excels_sep_hint_line_names_the_delimiter_and_is_not_the_header(fstore, tmp_path):
    from clameur.ingest.inspect import inspect_file

    body = "sep=;\n" + GENERIC + "104;2020-06-17T18:09:00Z\n"  # line 6: a row cut short
    path = _write(tmp_path, "excel.csv", body.replace("\n", "\r\n"), "cp1252")  # as Excel saves it on Windows

    seen = inspect_file(path)
    report = run_import(fstore, path, dataset_name="x", mapping=GENERIC_MAP)

    assert seen.header == GENERIC.splitlines()[0].split(";")
    assert [line for line, _ in report.rejected] == [6]
    assert sorted(r[0] for r in _rows(fstore, "SELECT post_id FROM posts")) == ["101", "102", "103"]
    assert scalar(fstore, "SELECT text FROM posts WHERE post_id = '103'") == "Un € et un café"


def test_clameurs_own_csv_behind_a_sep_hint_is_still_read_typed(fstore, tmp_path):
    parquet = tmp_path / "own.parquet"
    write_export(50, "parquet", parquet)
    csv_path = tmp_path / "own.csv"
    duckdb.connect().execute(
        f"COPY (SELECT * EXCLUDE (mentions) FROM read_parquet('{parquet}')) TO '{csv_path}'"  # noqa: S608 (test paths)
    )
    ids = {r[0] for r in duckdb.connect().execute("SELECT post_id FROM read_parquet(?)", [str(parquet)]).fetchall()}
    hinted = tmp_path / "hinted.csv"
    hinted.write_bytes(b"sep=,\n" + csv_path.read_bytes())

    report = run_import(fstore, hinted, dataset_name="own")

    assert report.format == "csv:clameur" and report.rejected == []
    assert {r[0] for r in _rows(fstore, "SELECT post_id FROM posts")} == ids
