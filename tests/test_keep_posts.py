"""`--keep-posts all|actors|none`: the posts a dataset keeps once its rollups are built (issue #20).

Expected values come from the raw files (tweet ids and authors read with ``json``), or from an import of the same
file that keeps every post: a dataset that lets its posts go must hold the very same rollups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clameur.cli import main
from clameur.ingest import ImportRefused, run_import
from clameur.rollups.definitions import ROLLUPS
from clameur.store import open_store, scalar

POST_TABLES = ("posts", "post_hashtags", "post_mentions", "context_posts")
KEPT_TABLES = ("accounts", "author_first_seen", *(r.name for r in ROLLUPS))
TWARC2 = "twarc2_jsonl/twarc-csv_withheld.jsonl"


def _id(store, name: str) -> int:
    return scalar(store, "SELECT dataset_id FROM datasets WHERE name = ?", [name])


def _rows(store, table: str, name: str) -> list[tuple]:
    """Every row of ``table`` for the dataset ``name``, without the dataset id, in a fixed order."""
    sql = f"SELECT * EXCLUDE (dataset_id) FROM {table} WHERE dataset_id = ? ORDER BY ALL"  # noqa: S608 (fixed names)
    return store.cursor().execute(sql, [_id(store, name)]).fetchall()


def _count(store, table: str, name: str) -> int:
    return scalar(store, f"SELECT count(*) FROM {table} WHERE dataset_id = ?", [_id(store, name)])  # noqa: S608


def _twarc2_tweets(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The collected tweets of a twarc2 file read with json: {tweet id: author id}, and {author id: username}."""
    tweets, users = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        page = json.loads(line)
        data = page["data"] if isinstance(page["data"], list) else [page["data"]]
        tweets.update({tw["id"]: tw["author_id"] for tw in data})
        users.update({u["id"]: u["username"] for u in page.get("includes", {}).get("users", [])})
    return tweets, users


@pytest.mark.parametrize("fixture", [TWARC2, "twitter_v1_json/tweet_parser_original_format_examples.jsonl"])
def test_none_keeps_no_post_and_the_same_rollups_as_all(fstore, fixtures_dir, fixture):
    path = fixtures_dir / fixture
    everything = run_import(fstore, path, dataset_name="all")
    report = run_import(fstore, path, dataset_name="none", keep_posts="none")
    assert report.keep_posts == "none" and report.posts_kept == 0 and report.loaded == everything.loaded > 0
    assert {t: _count(fstore, t, "none") for t in POST_TABLES} == dict.fromkeys(POST_TABLES, 0)
    assert _count(fstore, "posts", "all") == everything.loaded  # the other dataset keeps its posts
    for table in KEPT_TABLES:  # rollups, accounts and first-seen times: row for row those of the full import
        assert _rows(fstore, table, "none") == _rows(fstore, table, "all"), table
    assert scalar(fstore, "SELECT sum(posts) FROM roll_volume WHERE dataset_id = ?", [_id(fstore, "none")]) == (
        everything.loaded
    )
    assert scalar(fstore, "SELECT keep_posts FROM datasets WHERE name = 'none'") == "none"
    assert scalar(fstore, "SELECT keep_posts FROM datasets WHERE name = 'all'") == "all"
    assert scalar(fstore, "SELECT count(*) FROM import_files WHERE dataset_id = ?", [_id(fstore, "none")]) == 1
    stored = json.loads(_rows(fstore, "import_files", "none")[0][-1])  # the report kept with the file
    assert stored["keep_posts"] == "none" and stored["posts_kept"] == 0


def test_the_raw_file_decides_the_counts_the_rollups_keep(fstore, fixtures_dir):
    tweets, _ = _twarc2_tweets(fixtures_dir / TWARC2)
    run_import(fstore, fixtures_dir / TWARC2, dataset_name="none", keep_posts="none")
    ds = _id(fstore, "none")
    assert scalar(fstore, "SELECT sum(posts) FROM roll_volume WHERE dataset_id = ?", [ds]) == len(tweets)
    authors = scalar(fstore, "SELECT count(DISTINCT author_id) FROM roll_authors WHERE dataset_id = ?", [ds])
    assert authors == len(set(tweets.values()))


def test_actors_keeps_only_the_posts_of_registry_accounts(fstore, fixtures_dir):
    from clameur.reactions.actors import add_actor

    tweets, users = _twarc2_tweets(fixtures_dir / TWARC2)
    by_author: dict[str, int] = {}
    for author in tweets.values():
        by_author[author] = by_author.get(author, 0) + 1
    (by_id, _), (by_handle, _) = sorted(by_author.items(), key=lambda kv: (-kv[1], kv[0]))[:2]
    handle = users[by_handle].upper()  # matched case-insensitively
    add_actor(fstore, "one", "media", accounts=[{"platform": "x", "account_id": by_id}])
    add_actor(fstore, "two", "ngo", accounts=[{"platform": "x", "handle": handle}])
    add_actor(fstore, "elsewhere", "ngo", accounts=[{"platform": "tiktok", "handle": users[sorted(by_author)[-1]]}])
    expected = {tid for tid, author in tweets.items() if author in (by_id, by_handle)}

    run_import(fstore, fixtures_dir / TWARC2, dataset_name="all")
    report = run_import(fstore, fixtures_dir / TWARC2, dataset_name="actors", keep_posts="actors")
    assert report.keep_posts == "actors" and report.posts_kept == len(expected) >= 2
    kept = {row[1] for row in _rows(fstore, "posts", "actors")}  # (platform, post_id, ...)
    assert kept == expected
    for table in ("post_hashtags", "post_mentions"):  # the kept posts' rows, and no other
        full = [r for r in _rows(fstore, table, "all") if r[0] in expected]
        assert _rows(fstore, table, "actors") == full, table
    assert _count(fstore, "context_posts", "actors") == 0
    for table in KEPT_TABLES:
        assert _rows(fstore, table, "actors") == _rows(fstore, table, "all"), table
    assert report.kept_sentence("en").startswith(f"{len(expected)} posts kept: those of the accounts in the actor")
    assert report.kept_sentence("fr").startswith(f"{len(expected)} messages conservés : ceux des comptes du registre")


def test_a_dataset_that_let_posts_go_takes_no_other_file(fstore, fixtures_dir):
    first = fixtures_dir / "twarc2_jsonl" / "twarc-csv_kpop.jsonl"
    other = fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl"
    run_import(fstore, first, dataset_name="d", keep_posts="none")
    before = {t: _rows(fstore, t, "d") for t in (*KEPT_TABLES, "import_files")}
    datasets = fstore.cursor().execute("SELECT * FROM datasets ORDER BY ALL").fetchall()
    for keep in ("all", "none"):
        with pytest.raises(ImportRefused) as refused:
            run_import(fstore, other, dataset_name="d", keep_posts=keep)
        assert refused.value.key == "ingest.keep_posts_closed"
        assert str(refused.value).startswith("The dataset “d” keeps no post, only its summary tables: Clameur can")
        assert "Import this file into a new dataset, or delete this dataset and import all its files again" in str(
            refused.value
        )
        assert "--keep-posts all" in str(refused.value)
        french = refused.value.message("fr")
        assert french.startswith("Le jeu de données « d » ne conserve aucun message, seulement ses tables de synthèse")
        assert "Importez ce fichier dans un nouveau jeu de données" in french
    assert {t: _rows(fstore, t, "d") for t in before} == before  # nothing changed
    assert fstore.cursor().execute("SELECT * FROM datasets ORDER BY ALL").fetchall() == datasets
    again = run_import(fstore, first, dataset_name="d")  # the same file: recognised, not refused
    assert again.already_imported and again.keep_posts == "none"
    assert run_import(fstore, other, dataset_name="new").loaded > 0  # a new dataset takes it


def test_a_dataset_that_keeps_only_the_actors_posts_is_closed_too(fstore, fixtures_dir):
    run_import(fstore, fixtures_dir / "twarc2_jsonl" / "twarc-csv_kpop.jsonl", dataset_name="d", keep_posts="actors")
    with pytest.raises(ImportRefused, match="keeps only the posts of the accounts in the actor registry"):
        run_import(fstore, fixtures_dir / "twarc2_jsonl" / "twarc-csv_brexit.jsonl", dataset_name="d")


@pytest.mark.parametrize("value", ["some", "ALL", "", "none; DROP TABLE posts", None])
def test_an_unknown_policy_is_refused_with_a_sentence(fstore, fixtures_dir, value):
    with pytest.raises(ImportRefused) as refused:
        run_import(fstore, fixtures_dir / TWARC2, dataset_name="d", keep_posts=value)
    assert str(refused.value) == (
        f"“{value}” is not a choice of posts to keep. Choose all (every post), actors (only the posts of the accounts "
        "in the actor registry) or none (the summary tables only: every chart, no post to read one by one)."
    )
    assert refused.value.message("fr").startswith(f"« {value} » n'est pas un choix de messages à conserver.")
    assert scalar(fstore, "SELECT count(*) FROM datasets") == 0


def test_cli_keep_posts_none_over_several_files(tmp_path, fixtures_dir, capsys):
    files = [str(fixtures_dir / "twarc2_jsonl" / f) for f in ("twarc-csv_kpop.jsonl", "twarc-csv_brexit.jsonl")]
    db = str(tmp_path / "db" / "c.duckdb")
    assert main(["import", *files, "--dataset", "full", "--db", db]) == 0
    assert main(["import", *files, "--dataset", "lean", "--keep-posts", "none", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "lean: No post kept: the posts were let go once the summary tables were built." in out
    assert "full: All posts are kept" in out
    s = open_store(db)
    try:
        assert {t: _count(s, t, "lean") for t in POST_TABLES} == dict.fromkeys(POST_TABLES, 0)
        for table in KEPT_TABLES:
            assert _rows(s, table, "lean") == _rows(s, table, "full"), table
        assert scalar(s, "SELECT count(*) FROM import_files WHERE dataset_id = ?", [_id(s, "lean")]) == 2
    finally:
        s.close()
    assert main(["datasets", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "keep_posts" in lines[0]
    assert [line.split()[4] for line in lines[1:]] == ["all", "none"]
    assert main(["datasets", "--json", "--db", db]) == 0
    assert [r["keep_posts"] for r in json.loads(capsys.readouterr().out)] == ["all", "none"]


def test_cli_refusals_are_sentences(tmp_path, fixtures_dir, capsys):
    db = str(tmp_path / "db" / "c.duckdb")
    path = str(fixtures_dir / TWARC2)
    assert main(["import", path, "--keep-posts", "some", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "“some” is not a choice of posts to keep. Choose all" in err and "Traceback" not in err
    assert not Path(db).exists()  # refused before the database was opened
    assert main(["import", path, "--dataset", "d", "--keep-posts", "none", "--db", db]) == 0
    other = str(fixtures_dir / "twarc2_jsonl" / "twarc-csv_kpop.jsonl")
    assert main(["import", other, "--dataset", "d", "--db", db]) == 1
    out = capsys.readouterr().out
    assert "refused. The dataset “d” keeps no post, only its summary tables" in out
    assert "d: No post kept" in out  # and the dataset still says which posts it keeps


def test_the_database_shrinks(tmp_path, fixtures_dir):
    sample = str(fixtures_dir / "twarc2_jsonl" / "twarc-csv_entities_test.jsonl")  # 474 tweets
    sizes = {}
    for keep in ("all", "none"):
        db = tmp_path / keep / "c.duckdb"
        assert main(["import", sample, "--dataset", "d", "--keep-posts", keep, "--db", str(db), "--json"]) == 0
        sizes[keep] = db.stat().st_size  # the command has closed the database: its file as it stays
    assert sizes["none"] < sizes["all"], sizes


def test_the_data_page_imports_with_the_chosen_policy_and_lists_it(app_db, fixtures_dir):
    from tests.conftest import run_page

    sample = fixtures_dir / TWARC2
    at = run_page("views/data/page.py", lang="en")
    assert not at.exception
    keep = at.selectbox(key="data_keep_posts")
    assert keep.value == "all" and keep.options == ["All posts", "Only the actors' posts", "None (summary tables only)"]
    table = at.dataframe[0].value
    assert set(table["Posts kept"]) == {"All posts"}  # the demo datasets keep every post
    at.text_input(key="data_name").set_value("lean")
    keep.set_value("none")
    at.file_uploader(key="data_files").set_value((sample.name, sample.read_bytes(), "application/json")).run()
    at.button(key="data_go").click().run()
    assert not at.exception
    assert any(i.value.startswith("No post kept: the posts were let go") for i in at.info), [i.value for i in at.info]
    table = at.dataframe[-1].value
    assert dict(zip(table["Name"], table["Posts kept"], strict=True))["lean"] == "None (summary tables only)"
    s = open_store(app_db)
    try:
        assert scalar(s, "SELECT keep_posts FROM datasets WHERE name = 'lean'") == "none"
        assert _count(s, "posts", "lean") == 0 and scalar(s, "SELECT rows_loaded FROM datasets WHERE name = 'lean'") > 0
    finally:
        s.close()
    fr = run_page("views/data/page.py", lang="fr", dataset="lean")
    assert not fr.exception
    table = fr.dataframe[0].value
    kept = dict(zip(table["Nom"], table["Messages conservés"], strict=True))
    assert kept["lean"] == "Aucun (tables de synthèse seules)" and kept["balancetontiktokeur"] == "Tous les messages"
    assert fr.selectbox(key="data_keep_posts").options[0] == "Tous les messages"
