"""Names in SQL go through one quoting helper; values, the mapped platform constant included, are bound."""

from __future__ import annotations

import pytest

from clameur.sql import quote_ident, quote_idents
from clameur.store import scalar

HOSTILE = "x'); DROP TABLE posts; --"
ODD_NAMES = [
    'text"; DROP TABLE posts; --',
    "select",
    "order",
    '"',
    '""',
    "a b",
    "week[12]*?",
    "café",
    "＃covid",
    "evil\u202egpj",
    "👩\u200d👩\u200d👧",
    "a\x00b",
    "x" * 500,
]


def _tables(store) -> set[str]:
    return {
        r[0] for r in store.cursor().execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()
    }


@pytest.mark.parametrize("name", ODD_NAMES)
def test_a_quoted_name_reads_back_as_exactly_itself(store, name):
    before = _tables(store)
    cur = store.cursor()
    assert cur.execute(f"SELECT 1 AS {quote_ident(name)}").description[0][0] == name
    cur.execute(f"CREATE TEMP TABLE odd ({quote_ident(name)} VARCHAR, {quote_ident(name + '2')} VARCHAR)")
    cur.execute(f"INSERT INTO odd ({quote_idents([name, name + '2'])}) VALUES (?, ?)", ["v", "w"])
    assert cur.execute(f"SELECT {quote_ident(name)} FROM odd").fetchall() == [("v",)]
    cur.execute("DROP TABLE odd")
    assert _tables(store) == before and "posts" in before


def test_only_text_is_a_name():
    with pytest.raises(TypeError):
        quote_ident(1)


def test_a_platform_constant_is_bound_never_written_into_the_sql(store):
    from clameur.ingest.staging import staging_tables
    from clameur.ingest.tabular import select_sql, stage_mapped

    mapping = {"post_id": "id", "created_at": "at", "platform": "=" + HOSTILE}
    sql, params = select_sql(mapping, "src")
    assert HOSTILE not in sql and "DROP" not in sql and params == [HOSTILE]
    cur = store.cursor()
    cur.execute("CREATE TEMP TABLE src AS SELECT '1' AS id, '2020-06-18T08:00:00Z' AS at, 1::BIGINT AS row_no")
    with staging_tables(cur):
        stage_mapped(cur, mapping, "src", [])  # past the allow-list, as a caller that skipped it would be
        assert cur.execute("SELECT platform, post_id FROM staged_posts").fetchall() == [(HOSTILE, "1")]
    assert "posts" in _tables(store)


def test_an_import_refuses_a_platform_outside_the_list_with_a_sentence_and_drops_nothing(store, tmp_path):
    from clameur.ingest import ImportRefused, run_import

    path = tmp_path / "posts.csv"
    path.write_text("id,created_at,text\n1,2020-06-18T08:00:00Z,hello\n", encoding="utf-8")
    ok = run_import(
        store, path, dataset_name="a", mapping={"post_id": "id", "created_at": "created_at", "platform": "=x"}
    )
    assert ok.loaded == 1
    with pytest.raises(ImportRefused) as refused:
        run_import(
            store,
            path,
            dataset_name="b",
            mapping={"post_id": "id", "created_at": "created_at", "platform": "=" + HOSTILE},
        )
    assert HOSTILE in str(refused.value) and "x'" in refused.value.message("fr")
    assert "posts" in _tables(store)
    assert scalar(store, "SELECT count(*) FROM posts") == 1
    assert scalar(store, "SELECT list(name ORDER BY name) FROM datasets") == ["a"]


def test_a_hostile_header_is_read_as_a_column_of_that_name(store, tmp_path):
    from clameur.ingest import run_import

    header = 'text"; DROP TABLE posts; --'
    path = tmp_path / "posts.csv"
    path.write_text(f'id,created_at,"{header.replace(chr(34), chr(34) * 2)}"\n1,2020-06-18T08:00:00Z,hello\n', "utf-8")
    mapping = {"post_id": "id", "created_at": "created_at", "text": header, "platform": "=x"}
    report = run_import(store, path, dataset_name="a", mapping=mapping)
    assert report.loaded == 1
    assert store.cursor().execute("SELECT platform, text FROM posts").fetchall() == [("x", "hello")]
