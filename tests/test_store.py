"""The store: schema and migrations, the locked-down connection, transactions, time limits."""

from __future__ import annotations

import duckdb
import pytest

from clameur.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    QueryTimeout,
    delete_dataset,
    migrate,
    open_store,
    query,
    scalar,
    transaction,
)


def test_schema_is_created_at_the_latest_version(store):
    assert scalar(store, "SELECT max(version) FROM schema_version") == SCHEMA_VERSION
    tables = set(query(store, "SELECT table_name FROM information_schema.tables")["table_name"])
    assert {"datasets", "posts", "post_hashtags", "post_mentions", "accounts", "actors", "events"} <= tables


def test_ids_are_text_and_times_are_naive_utc(store):
    cols = query(
        store,
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'posts'",
    ).set_index("column_name")["data_type"]
    assert cols["post_id"] == "VARCHAR" and cols["author_id"] == "VARCHAR" and cols["ref_post_id"] == "VARCHAR"
    assert cols["created_at"] == "TIMESTAMP"  # not TIMESTAMPTZ: stored in UTC, converted for display


def test_migrations_are_forward_only_and_idempotent(tmp_path):
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    assert migrate(con) == SCHEMA_VERSION
    assert migrate(con) == SCHEMA_VERSION
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd')",
        "ATTACH '/tmp/elsewhere.duckdb' AS other",
        "INSTALL httpfs",
        "SET enable_external_access = true",
        "SELECT * FROM read_json('http://example.invalid/x.json')",
    ],
)
def test_the_connection_is_locked_down(store, sql):
    with pytest.raises(duckdb.Error):
        store.cursor().execute(sql)


def test_a_failed_transaction_leaves_the_database_as_it_was(store):
    with pytest.raises(RuntimeError):
        with transaction(store) as cur:
            cur.execute("INSERT INTO datasets (name) VALUES ('half-done')")
            raise RuntimeError("import failed midway")
    assert scalar(store, "SELECT count(*) FROM datasets") == 0


def test_a_runaway_query_is_interrupted_with_a_sentence(store):
    with pytest.raises(QueryTimeout, match="took longer than 0.2 seconds"):
        query(store, "SELECT count(*) FROM range(10000000000) a", timeout=0.2)


def test_delete_dataset_removes_its_rows_only(store):
    with transaction(store) as cur:
        cur.execute("INSERT INTO datasets (dataset_id, name) VALUES (1, 'a'), (2, 'b')")
        cur.execute(
            "INSERT INTO posts (dataset_id, platform, post_id, kind) VALUES (1, 'x', '1', 'original'),"
            " (2, 'x', '2', 'original')"
        )
    delete_dataset(store, 1)
    assert query(store, "SELECT dataset_id FROM posts")["dataset_id"].tolist() == [2]
    assert query(store, "SELECT name FROM datasets")["name"].tolist() == ["b"]


def test_the_database_reopens_with_its_data(tmp_path):
    path = tmp_path / "db" / "c.duckdb"
    s = open_store(path)
    with transaction(s) as cur:
        cur.execute("INSERT INTO datasets (name) VALUES ('kept')")
    s.close()
    s2 = open_store(path)
    assert scalar(s2, "SELECT name FROM datasets") == "kept"
    s2.close()


def test_migration_3_keeps_every_row_and_stores_identifiers_uncompressed(tmp_path, monkeypatch):
    import clameur.store as store_module

    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS[:2])  # a database made before migration 3
    assert migrate(con) == 2
    con.execute("INSERT INTO datasets (name) VALUES ('old')")
    con.execute(
        """INSERT INTO posts (dataset_id, platform, post_id, created_at, author_id, author_handle, text, kind)
           SELECT 1, 'x', (1000000000000000000 + i)::VARCHAR, TIMESTAMP '2020-06-17' + i * INTERVAL 1 SECOND,
                  (i % 997)::VARCHAR, 'h' || (i % 997), 'texte ' || (i % 13), 'original' FROM range(200000) t(i)"""
    )
    con.execute("INSERT INTO post_hashtags SELECT dataset_id, post_id, 'tag', created_at, kind, author_id FROM posts")
    before = con.execute("SELECT * FROM posts ORDER BY post_id").fetchall()
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    assert migrate(con) == SCHEMA_VERSION
    assert con.execute("SELECT * FROM posts ORDER BY post_id").fetchall() == before
    assert con.execute("SELECT count(*) FROM post_hashtags").fetchone()[0] == len(before)
    con.execute("CHECKPOINT")
    compression = dict(
        con.execute(
            """SELECT column_name, any_value(compression) FROM pragma_storage_info('posts')
               WHERE segment_type = 'VARCHAR' GROUP BY 1"""
        ).fetchall()
    )
    assert compression["post_id"] == compression["author_id"] == "Uncompressed"
    assert compression["text"] != "Uncompressed"  # thirteen distinct texts: still compressed
