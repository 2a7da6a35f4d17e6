"""Rollups follow their definitions: a database built under other definitions rebuilds them when opened."""

from __future__ import annotations

from clameur.demo.build import load_campaign
from clameur.rollups.definitions import ROLLUPS
from clameur.store import derived_signature, open_store, query


def _per_minute_from_posts(store, ds: int):
    """Independent of the rollups: posts per minute, platform and kind, straight from the posts table."""
    return query(
        store,
        """SELECT date_trunc('minute', created_at) AS minute, platform, kind, count(*) AS posts
           FROM posts WHERE dataset_id = ? GROUP BY ALL ORDER BY ALL""",
        [ds],
    )


def _volume(store, ds: int):
    return query(store, "SELECT minute, platform, kind, posts FROM roll_volume WHERE dataset_id = ? ORDER BY ALL", [ds])


def test_a_new_database_has_every_rollup_and_the_current_signature(tmp_path):
    store = open_store(tmp_path / "c.duckdb")
    tables = set(query(store, "SELECT table_name FROM information_schema.tables")["table_name"])
    assert {r.name for r in ROLLUPS} <= tables
    assert query(store, "SELECT signature FROM rollup_signature")["signature"].tolist() == [derived_signature()]
    store.close()


def test_rollups_built_under_other_definitions_are_rebuilt_but_a_rollups_only_dataset_keeps_its_rows(tmp_path):
    path = tmp_path / "c.duckdb"
    store = open_store(path)
    load_campaign(store, "kept", 3000)
    load_campaign(store, "rollups-only", 2000)
    ids = dict(query(store, "SELECT name, dataset_id FROM datasets")[["name", "dataset_id"]].values)
    kept, only = int(ids["kept"]), int(ids["rollups-only"])
    expected = _per_minute_from_posts(store, kept)
    assert len(expected) > 10 and expected["posts"].sum() == 3000
    only_before = _volume(store, only)
    assert only_before["posts"].sum() == 2000
    # the second dataset lets its posts go; then the rollups of both are damaged and the definitions "change"
    cur = store.cursor()
    for table in ("posts", "post_hashtags", "post_mentions", "context_posts"):
        cur.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [only])
    cur.execute("UPDATE datasets SET keep_posts = 'none' WHERE dataset_id = ?", [only])
    cur.execute("DELETE FROM roll_volume WHERE dataset_id = ? AND kind = 'retweet'", [kept])
    cur.execute("UPDATE rollup_signature SET signature = 'older definitions'")
    store.close()

    store = open_store(path)
    rebuilt = _volume(store, kept)
    assert rebuilt["posts"].tolist() == expected["posts"].astype("int64").tolist()
    assert rebuilt["minute"].tolist() == expected["minute"].tolist()
    assert _volume(store, only).equals(only_before)  # nothing to rebuild it from: its rows stay
    store.close()


def test_an_unchanged_database_is_not_rebuilt(tmp_path):
    path = tmp_path / "c.duckdb"
    store = open_store(path)
    load_campaign(store, "kept", 500)
    ds = int(query(store, "SELECT dataset_id FROM datasets")["dataset_id"].iloc[0])
    store.cursor().execute("DELETE FROM roll_volume WHERE dataset_id = ?", [ds])  # a damage no rebuild repairs
    store.close()
    store = open_store(path)
    assert _volume(store, ds).empty
    store.close()
