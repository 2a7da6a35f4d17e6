"""The Spark engine computes the same rollups as DuckDB, row for row, on every real sample Clameur imports.

Each sample is imported by the DuckDB importer; its parsed posts, hashtags, mentions and context posts are exported
to Parquet and handed to Spark, which runs every definition rendered for Spark; the rows are compared with the
rows DuckDB built in the import's transaction (sorted by every column; lists of tags as lists; naive UTC times).
The files Spark reads itself (Clameur's own layout as Parquet and flat JSON lines, twarc2 files) go through the
whole `clameur import --engine spark` and are compared with a DuckDB import of the same file.

One Spark session (local, two threads) serves the module: starting one takes ten seconds or more.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clameur.cli import main
from clameur.ingest import ImportRefused, run_import
from clameur.ingest.parquet_layout import select_list
from clameur.rollups.definitions import ROLLUPS
from clameur.rollups.summaries import summaries
from clameur.store import dataset_by_name, open_store

pytest.importorskip("pyspark")  # the `test` extra installs it (the `spark` extra); CI counts a skip as a failure

from clameur.spark import rollups as spark_rollups  # noqa: E402
from clameur.spark.load import WRITTEN, naive_utc  # noqa: E402
from clameur.spark.readers import TABLE_COLUMNS  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Samples that are not posts (accounts, counts, an HTTP recording): the DuckDB importer refuses them, and so the
# engines have nothing to agree on. The test checks that these, and only these, are refused.
NOT_POSTS = {
    "atrrr_recorded_app.bsky.feed.getRepostedBy_95deb.json",
    "rtoot_mastodonsocial_reblogged_by_accounts.json",
    "rtoot_vcr_cassette_get_timeline_hashtag_default.yml",
    "twarc-csv_counts.jsonl",
    "twarc-csv_users.jsonl",
}
SAMPLES = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix != ".md")
# The twarc2 samples Spark reads itself: pages and filtered-stream lines, and `twarc2 flatten` lines.
TWARC2_FLAT = {"twarc-csv_flat.jsonl", "twarc-csv_small_sample_2021-03_source_flat.jsonl"}
TWARC2 = {
    "pages": [p for p in SAMPLES if p.parent.name == "twarc2_jsonl" and p.name not in NOT_POSTS | TWARC2_FLAT],
    "flat": [p for p in SAMPLES if p.name in TWARC2_FLAT],
}
SOURCES = {
    "posts": "posts",
    "post_hashtags": "post_hashtags",
    "post_mentions": "post_mentions",
    "context_posts": "context_posts",
    "accounts": "accounts",
}


@pytest.fixture(scope="module")
def spark():
    from clameur.spark.session import start

    session = start("local[2]")
    # The samples hold at most a few hundred posts: one partition per shuffle (a fifth less time here); the
    # engine's own setting is tried on the 100k bench, and the results do not depend on it.
    session.conf.set("spark.sql.shuffle.partitions", "1")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("spark_equivalence")


@pytest.fixture(scope="module")
def duck(work):
    """One store for the module: each sample imported by DuckDB as its own dataset."""
    store = open_store(work / "db" / "clameur.duckdb", read_dirs=[FIXTURES, work])
    yield store
    store.close()


def _rows(cur, table: str, columns: list[str], dataset_id: int) -> list[tuple]:
    cols = ", ".join(columns)
    return cur.execute(f"SELECT {cols} FROM {table} WHERE dataset_id = ?", [dataset_id]).fetchall()


def _sort_key(row: tuple) -> list:
    return [(value is None, value if value is not None else "") for value in row]


def _arrow_rows(table, columns: list[str]) -> list[tuple]:
    table = naive_utc(table)
    return [tuple(row[c] for c in columns) for row in table.select(columns).to_pylist()]


def assert_same(name: str, spark_rows: list[tuple], duck_rows: list[tuple]) -> None:
    spark_sorted, duck_sorted = sorted(spark_rows, key=_sort_key), sorted(duck_rows, key=_sort_key)
    if spark_sorted != duck_sorted:
        only_spark = [r for r in spark_sorted if r not in duck_sorted][:5]
        only_duck = [r for r in duck_sorted if r not in spark_sorted][:5]
        pytest.fail(
            f"{name}: Spark has {len(spark_rows)} rows, DuckDB {len(duck_rows)}; "
            f"only in Spark: {only_spark}; only in DuckDB: {only_duck}"
        )


def _export_tables(cur, dataset_id: int, folder: Path) -> dict[str, str]:
    """The dataset's parsed tables, as Parquet files Spark can read (without dataset_id)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for frame, table in SOURCES.items():
        path = folder / f"{frame}.parquet"
        cols = ", ".join(c for c, _ in TABLE_COLUMNS[frame])
        cur.execute(
            f"COPY (SELECT {cols} FROM {table} WHERE dataset_id = {int(dataset_id)}) TO '{path}' (FORMAT parquet)"
        )
        out[frame] = str(path)
    return out


@pytest.fixture(scope="module")
def imported(duck) -> dict[str, int | str]:
    """Every sample imported by DuckDB: its dataset id, or the importer's sentence when it refused it."""
    out = {}
    for sample in SAMPLES:
        try:
            out[sample.name] = run_import(duck, sample, dataset_name=sample.name).dataset_id
        except ImportRefused as exc:
            out[sample.name] = str(exc)
    return out


def test_every_sample_but_the_ones_that_are_not_posts_is_imported(imported):
    refused = {name: why for name, why in imported.items() if isinstance(why, str)}
    assert set(refused) == NOT_POSTS, refused
    assert len(imported) - len(NOT_POSTS) >= 38


@pytest.mark.parametrize("sample", [p for p in SAMPLES if p.name not in NOT_POSTS], ids=lambda p: p.name)
def test_spark_rollups_equal_duckdb_rollups(spark, duck, imported, work, sample):
    dataset_id = imported[sample.name]
    assert isinstance(dataset_id, int), dataset_id
    cur = duck.cursor()
    assert cur.execute("SELECT count(*) FROM posts WHERE dataset_id = ?", [dataset_id]).fetchone()[0] > 0
    paths = _export_tables(cur, dataset_id, work / "tables" / sample.name)
    frames = {name: spark.read.parquet(path) for name, path in paths.items()}
    tables = spark_rollups.tables(spark, frames)
    for name, columns in WRITTEN.items():
        if name == "accounts":
            continue  # handed over as they are (the parsers' work, not the rollups')
        cols = [c for c, _ in columns]
        assert_same(f"{sample.name} {name}", _arrow_rows(tables[name], cols), _rows(cur, name, cols, dataset_id))


# ---- The whole engine: `clameur import --engine spark` against `clameur import` of the same files ----------------

DATASET_FACTS = (
    "rows_read",
    "rows_loaded",
    "rows_rejected",
    "rows_duplicate",
    "rows_context",
    "refs_unresolved",
    "platforms",
    "hashtag",
    "file_hash",
    "source_format",
)


def _import_both(db: Path, files: list[Path], name: str, capsys, url: bool = False) -> tuple[int, int]:
    """Import ``files`` with DuckDB and with Spark (local) into ``db``; the two dataset ids. ``url``: Spark is given
    ``file://`` URLs, read the way it reads a cluster's paths (not hashed here)."""
    paths = [str(f) for f in files]
    assert main(["import", "--db", str(db), "--dataset", f"duckdb-{name}", *paths]) == 0
    given = [f.resolve().as_uri() for f in files] if url else paths
    code = main(["import", "--db", str(db), "--engine", "spark", "--dataset", f"spark-{name}", *given])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Traceback" not in out.err
    assert not list(db.parent.glob(".clameur-spark-*")), "the rollups' Parquet files handed over are left behind"
    store = open_store(db)
    try:
        duck, spark = (dataset_by_name(store, f"{engine}-{name}") for engine in ("duckdb", "spark"))
    finally:
        store.close()
    assert (duck["engine"], duck["keep_posts"]) == ("duckdb", "all")
    assert (spark["engine"], spark["keep_posts"]) == ("spark", "none")
    return int(duck["dataset_id"]), int(spark["dataset_id"])


def _layout_rows(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def names_in(files: list[Path]) -> dict[tuple, set]:
    """Every (handle or name) the layout files give each account: the rows may name one account differently (a
    renamed account, two samples), and then either engine may keep any of them."""
    out: dict[tuple, set] = {}
    for path in files:
        for r in _layout_rows(path):
            platform = r["platform"] or "other"
            for field, value in (("handle", r["author_handle"]), ("name", r["author_name"])):
                out.setdefault((platform, str(r["author_id"]), field), set()).add(value)
            out.setdefault((platform, r["ref_author_id"], "handle"), set()).add(r["ref_author_handle"])
    return out


def assert_same_accounts(cur, duck_id: int, spark_id: int, names: dict[tuple, set] | None) -> None:
    """Accounts equal row for row; with ``names``, a handle or a name may be any one the files give the account."""
    cols = [c for c, _ in TABLE_COLUMNS["accounts"]]
    spark_rows, duck_rows = _rows(cur, "accounts", cols, spark_id), _rows(cur, "accounts", cols, duck_id)
    if names is None:
        assert_same("accounts", spark_rows, duck_rows)
        return
    exact = [i for i, c in enumerate(cols) if c not in ("handle", "name")]
    assert_same(
        "accounts", [tuple(r[i] for i in exact) for r in spark_rows], [tuple(r[i] for i in exact) for r in duck_rows]
    )
    for rows in (spark_rows, duck_rows):
        for platform, account_id, handle, name, *_ in rows:
            assert handle in names.get((platform, account_id, "handle"), {None}), (platform, account_id, handle)
            assert name in names.get((platform, account_id, "name"), {None}), (platform, account_id, name)


def assert_same_datasets(
    db: Path, duck_id: int, spark_id: int, facts=DATASET_FACTS, names: dict[tuple, set] | None = None, hashed=True
) -> None:
    store = open_store(db)
    try:
        cur = store.cursor()
        for name, columns in WRITTEN.items():
            cols = [c for c, _ in columns]
            if name == "accounts":
                assert_same_accounts(cur, duck_id, spark_id, names)
            else:
                assert_same(name, _rows(cur, name, cols, spark_id), _rows(cur, name, cols, duck_id))
        for summary in summaries():  # computed on loading from the rollups Spark sent back
            spark_rows = _rows(cur, summary.name, summary.names, spark_id)
            assert spark_rows or not _rows(cur, summary.name, summary.names, duck_id), summary.name
            assert_same(summary.name, spark_rows, _rows(cur, summary.name, summary.names, duck_id))
        rows = {
            ds: dataset_by_name(store, n) for ds, n in cur.execute("SELECT dataset_id, name FROM datasets").fetchall()
        }
        assert {f: rows[spark_id][f] for f in facts} == {f: rows[duck_id][f] for f in facts}
        assert cur.execute("SELECT count(*) FROM posts WHERE dataset_id = ?", [spark_id]).fetchone()[0] == 0
        if not hashed:
            return
        kept = cur.execute("SELECT file_hash FROM import_files WHERE dataset_id = ? ORDER BY 1", [spark_id]).fetchall()
        assert (
            kept
            == cur.execute("SELECT file_hash FROM import_files WHERE dataset_id = ? ORDER BY 1", [duck_id]).fetchall()
        )
    finally:
        store.close()


@pytest.fixture(scope="module")
def layout_files(duck, imported, work) -> dict[str, Path]:
    """The posts of every sample in Clameur's own layout, as Parquet and as flat JSON lines (what `clameur demo
    --format parquet|json` and the exports write); the samples overlap (2sets = kpop + brexit): duplicates."""
    folder = work / "layout"
    folder.mkdir()
    ids = ", ".join(str(ds) for ds in imported.values() if isinstance(ds, int))
    rows = f"{select_list()} FROM posts p WHERE p.dataset_id IN ({ids}) ORDER BY p.dataset_id, p.source_line, p.post_id"
    out = {"parquet": folder / "all_samples.parquet", "json": folder / "all_samples.jsonl"}
    cur = duck.cursor()
    cur.execute(f"COPY ({rows}) TO '{out['parquet']}' (FORMAT parquet)")
    cur.execute(f"COPY ({rows}) TO '{out['json']}' (FORMAT json)")
    return out


@pytest.mark.parametrize("kind", ["parquet", "json"])
def test_clameur_layout_imported_by_spark_equals_duckdb_import(spark, layout_files, work, capsys, kind):
    db = work / f"layout_{kind}.duckdb"
    url = kind == "json"  # the JSON lines given as a file:// URL, the way a cluster's paths are read
    duck_id, spark_id = _import_both(db, [layout_files[kind]], kind, capsys, url=url)
    facts = [f for f in DATASET_FACTS if not (url and f == "file_hash")]
    assert_same_datasets(db, duck_id, spark_id, facts, names=names_in([layout_files[kind]]), hashed=not url)


def _post(
    post_id, created_at, *, platform="x", author="100", handle="alice", kind="original", tags=(), mentions=(), **rest
):
    """A row of Clameur's flat JSON layout (every column, in the layout's order)."""
    row = {
        "platform": platform,
        "post_id": post_id,
        "created_at": created_at,
        "author_id": author,
        "author_handle": handle,
        "author_name": rest.pop("author_name", None),
        "author_followers": rest.pop("author_followers", None),
        "text": rest.pop("text", "…"),
        "lang": "fr",
        "kind": kind,
        "ref_post_id": rest.pop("ref_post_id", None),
        "ref_author_id": rest.pop("ref_author_id", None),
        "ref_author_handle": rest.pop("ref_author_handle", None),
        "reply_to_post_id": rest.pop("reply_to_post_id", None),
        "quote_of_post_id": rest.pop("quote_of_post_id", None),
        "retweet_count": rest.pop("retweet_count", None),
        "like_count": rest.pop("like_count", None),
        "reply_count": None,
        "quote_count": None,
        "withheld": None,
        "hashtags": list(tags),
        "mentions": [{"id": i, "handle": h} for i, h in mentions],
    }
    assert not rest, rest
    return row


# Rows that put the layout reader's rules to work: tags to normalise (case, fullwidth ＃, NFD accents, repeats, a
# bare '#'), ids with spaces, blank and repeated ids (the first kept; the same id on another platform is another
# post), times in every written form (ISO with Z or an offset after a space, v1.1, epoch seconds and milliseconds,
# garbage, 1970), counts that are not whole, 19-digit ids written as JSON numbers, retweets whose author is unknown,
# self-mentions by handle in another case, mentions by handle only.
CRAFTED = [
    _post(
        "1",
        "2020-06-17T18:00:00Z",
        tags=["#BalanceTonTikTokeur", "＃balancetontiktokeur", "MeToo"],
        author_followers=12.0,
        retweet_count=1.5,
    ),
    _post(
        " 2 ",
        "2020-06-17 20:01:30 +0200",
        author="101",
        handle="Bob",
        tags=["Cafe\u0301", "café", "#"],
        mentions=[(None, "bob"), ("100", "alice")],
    ),
    _post("2", "2020-06-17T18:02:00Z", author="999", handle="mallory", tags=["doublon"]),
    _post("2", "2020-06-17T18:02:00Z", platform="tiktok", author="t1", handle="tok", tags=["tiktok"]),
    _post("  ", "2020-06-17T18:03:00Z", tags=["rejected"]),
    _post(None, "2020-06-17T18:03:00Z"),
    _post(
        "3",
        "Wed Jun 17 18:05:00 +0000 2020",
        kind="retweet",
        ref_post_id="1",
        ref_author_id="100",
        ref_author_handle="alice",
        tags=["balancetontiktokeur"],
    ),
    _post("4", "1592417100", kind="retweet", ref_post_id="404", tags=["BalanceTonTikTokeur", "BalanceTonTikTokeur"]),
    _post(
        "5",
        "1592417160000",
        author="102",
        handle="carol",
        kind="quote",
        ref_post_id="1",
        quote_of_post_id="1",
        ref_author_id="100",
        mentions=[("100", None)],
    ),
    _post(
        "6",
        "not a time",
        author="102",
        handle="carol",
        kind="reply",
        ref_post_id="5",
        reply_to_post_id="5",
        ref_author_id="102",
        ref_author_handle="carol",
    ),
    _post("7", "1970-01-01T00:00:00Z", author="103", handle="dave", tags=["metoo"]),
    _post(
        1234567890123456789,
        "2020-06-17T18:09:59.999999Z",
        author=9876543210987654321,
        handle="eve",
        mentions=[(None, "EVE")],
        like_count=3,
    ),
    _post(
        "8",
        "2020-06-17T18:10:00+02:00",
        author="100",
        handle="alice",
        kind="reply",
        ref_post_id="1234567890123456789",
        reply_to_post_id="1234567890123456789",
        ref_author_id="9876543210987654321",
    ),
]


def test_the_layout_rules_are_those_of_the_duckdb_importer(spark, work, capsys):
    path = work / "crafted" / "layout.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in CRAFTED) + "\n", encoding="utf-8")
    db = work / "crafted.duckdb"
    duck_id, spark_id = _import_both(db, [path], "crafted", capsys)
    store = open_store(db)
    try:
        ds = dataset_by_name(store, "duckdb-crafted")
        # what the file holds, counted here: 13 rows, 2 without an id, 1 repeated id (the same id on TikTok is not)
        assert (ds["rows_read"], ds["rows_rejected"], ds["rows_duplicate"], ds["rows_loaded"]) == (13, 2, 1, 10)
        assert ds["source_format"] == "json:clameur"  # read as Clameur's own layout, as the Spark engine reads it
    finally:
        store.close()
    assert_same_datasets(db, duck_id, spark_id, names=names_in([path]))


@pytest.mark.parametrize("shape", ["pages", "flat"])
def test_twarc2_files_imported_by_spark_equal_duckdb_import(spark, work, capsys, shape):
    """Every twarc2 sample of one shape in one file (the samples overlap, 2sets = kpop + brexit: repeated posts;
    the stream sample ends on a broken line), imported by both engines. One file for both: Spark looks referenced
    tweets and users up across all the files it reads together, DuckDB within each file."""
    joined = work / "twarc2" / f"{shape}.jsonl"
    joined.parent.mkdir(exist_ok=True)
    joined.write_bytes(b"".join(p.read_bytes().rstrip(b"\n") + b"\n" for p in TWARC2[shape]))
    db = work / f"twarc2_{shape}.duckdb"
    duck_id, spark_id = _import_both(db, [joined], f"twarc2-{shape}", capsys)
    # the twarc2 reader keeps one copy of a repeated post without counting the others: no duplicates, nor their reads
    facts = [f for f in DATASET_FACTS if f not in ("rows_read", "rows_duplicate")]
    assert_same_datasets(db, duck_id, spark_id, facts)


def test_a_spark_dataset_opens_the_overview_and_the_timeline(spark, layout_files, work, capsys):
    """The pages read rollups: a dataset Spark loaded (no posts) shows what the same file imported by DuckDB shows."""
    from clameur.overview.builder import build_overview
    from clameur.overview.summary import summarize
    from clameur.privacy import Pseudonymizer
    from clameur.timeline.builder import TimelineView, build_timeline

    db = work / "layout_parquet.duckdb"
    if not db.exists():
        _import_both(db, [layout_files["parquet"]], "parquet", capsys)
    store = open_store(db)
    try:
        shown = {}
        for engine in ("duckdb", "spark"):
            row = dataset_by_name(store, f"{engine}-parquet")
            ds = int(row["dataset_id"])
            names = Pseudonymizer(store, ds, enabled=False, lang="en")
            overview = build_overview(store, row, "Europe/Paris", "en", names)
            timeline = build_timeline(store, TimelineView([ds], "Europe/Paris", "en", bin="hour"), names)
            accounts = build_timeline(
                store, TimelineView([ds], "Europe/Paris", "en", bin="15min", stack="kind", measure="accounts"), names
            )
            summary = summarize(store, ds)
            summary.pop("dataset")
            shown[engine] = (
                summary,
                overview.chart_data.to_dict("records"),
                overview.top_hashtags.to_dict("records"),
                timeline.n,
                timeline.data.to_dict("records"),
                accounts.data.to_dict("records"),
            )
        assert shown["spark"][0]["posts"] > 1000
        assert shown["spark"] == shown["duckdb"]
    finally:
        store.close()


def test_the_comparison_fails_when_a_definition_differs(spark, duck, imported, work, monkeypatch):
    """A Spark rendering that cuts hours instead of minutes is caught: the equivalence test can fail."""
    from clameur.rollups import definitions

    sample = "twarc-csv_kpop.jsonl"
    real = definitions.render
    monkeypatch.setattr(
        spark_rollups, "render", lambda r, e: real(r, e).replace("date_trunc('minute'", "date_trunc('hour'")
    )
    cur = duck.cursor()
    paths = _export_tables(cur, imported[sample], work / "tables" / "corrupt")
    tables = spark_rollups.tables(spark, {name: spark.read.parquet(path) for name, path in paths.items()})
    cols = [c for c, _ in ROLLUPS[0].columns]
    with pytest.raises(pytest.fail.Exception, match="roll_volume"):
        assert_same(
            "roll_volume", _arrow_rows(tables["roll_volume"], cols), _rows(cur, "roll_volume", cols, imported[sample])
        )


def test_the_frames_have_the_columns_of_the_tables(store):
    for table, columns in TABLE_COLUMNS.items():
        described = (
            store.cursor()
            .execute(
                """SELECT column_name, data_type FROM duckdb_columns()
               WHERE table_name = ? AND column_name <> 'dataset_id' ORDER BY column_index""",
                [table],
            )
            .fetchall()
        )
        assert [tuple(c) for c in columns] == described, table


# ---- What the command says when Spark cannot do it ---------------------------------------------------------------


def _refused(capsys, *args) -> str:
    assert main(["import", *args]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("clameur: ")
    return err


def test_formats_spark_does_not_read_are_refused_naming_those_it_reads(spark, work, capsys):
    db = str(work / "refusals.duckdb")
    csv = FIXTURES / "twarc_csv" / "twarc-csv_small_sample_2021-03.csv"
    err = _refused(capsys, "--db", db, "--engine", "spark", str(csv))
    assert "CSV" in err and "twarc2 files" in err and "Parquet" in err and "without --engine spark" in err
    mastodon = FIXTURES / "mastodon" / "rtoot_fosstodon_public_timeline.json"
    err = _refused(capsys, "--db", db, "--engine", "spark", str(mastodon))
    assert "Mastodon" in err and "twarc2 files" in err
    users = FIXTURES / "twarc2_jsonl" / "twarc-csv_users.jsonl"
    assert "user lookup" in _refused(capsys, "--db", db, "--engine", "spark", str(users))
    odd = work / "odd_kind.jsonl"
    odd.write_text(json.dumps(_post("1", "2020-06-17T18:00:00Z", kind="share")) + "\n", encoding="utf-8")
    assert "original, retweet, quote or reply" in _refused(capsys, "--db", db, "--engine", "spark", str(odd))
    assert "--engine spark" in _refused(capsys, "--db", db, "--master", "local[1]", str(csv))
    store = open_store(db)
    try:
        assert store.cursor().execute("SELECT count(*) FROM datasets").fetchone()[0] == 0
    finally:
        store.close()


def test_an_existing_dataset_name_is_refused(spark, layout_files, work, capsys):
    db = str(work / "taken.duckdb")
    assert main(["import", "--db", db, "--dataset", "taken", str(layout_files["parquet"])]) == 0
    err = _refused(capsys, "--db", db, "--engine", "spark", "--dataset", "taken", str(layout_files["parquet"]))
    assert "“taken” already exists" in err


def test_without_pyspark_the_command_says_how_to_install_it(work, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyspark.sql", None)  # what `import pyspark.sql` meets where it is not installed
    path = work / "one.jsonl"
    path.write_text(json.dumps(_post("1", "2020-06-17T18:00:00Z")) + "\n", encoding="utf-8")
    err = _refused(capsys, "--db", str(work / "nopyspark.duckdb"), "--engine", "spark", str(path))
    assert 'pip install -e ".[spark]"' in err


def test_keeping_posts_with_spark_is_refused_not_ignored(work, capsys):
    """Spark stores rollups only: asking it to keep posts is said before anything runs (it was silently ignored)."""
    db = work / "keep.duckdb"
    sample = FIXTURES / "twarc_csv" / "twarc-csv_small_sample_2021-03.csv"
    for value in ("all", "actors"):
        err = _refused(capsys, "--db", str(db), "--engine", "spark", "--keep-posts", value, str(sample))
        assert f"--keep-posts {value} cannot apply" in err and "without --engine spark" in err
    assert not db.exists()
