"""Edges whose original is absent from the file, and the accounts a file describes (issues 17 §2 and 18).

Expected values come from the raw files, read here with the plain json module: a retweet's author is its
original's author when the file holds the original, else the "RT @handle:" prefix with the id of its first mention
or of the file's account with that handle; a quote's, the link to the quoted tweet. Every account in a twarc2
file's ``includes.users`` (and every ``user`` of a v1.1 retweeted or quoted status) has its follower count stored.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

import clameur.ingest.core as core
from clameur.cli import main
from clameur.ingest import run_import
from clameur.store import dataset_by_id

WITHHELD = "twarc-csv_withheld.jsonl"


def _pages(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _raw_twarc2(path) -> dict:
    """The collected tweets, the file's referenced tweets and users (from every page), by id."""
    pages = _pages(path)
    tweets = [t for p in pages for t in p["data"]]
    included = {t["id"]: t for p in pages for t in (p.get("includes") or {}).get("tweets", [])}
    users = {u["id"]: u for p in pages for u in (p.get("includes") or {}).get("users", [])}
    return {"tweets": tweets, "included": included, "users": users}


def _refs(tweet: dict) -> dict:
    return {r["type"]: r["id"] for r in tweet.get("referenced_tweets") or []}


def _expected_authors(raw: dict, kind: str) -> dict[str, tuple[str | None, str | None, bool]]:
    """post id → (author id, handle, absent) of the tweet each retweet (kind 'retweeted') or quote (kind 'quoted',
    not also a retweet) refers to, as the raw file gives them."""
    by_handle: dict[str, set] = {}
    for u in raw["users"].values():
        by_handle.setdefault(u["username"].lower(), set()).add(u["id"])
    out = {}
    for t in raw["tweets"]:
        refs = _refs(t)
        if kind not in refs or (kind == "quoted" and "retweeted" in refs):
            continue
        prefix = t["text"].split(":", 1)[0][len("RT @") :] if t["text"].startswith("RT @") else None
        original = raw["included"].get(refs[kind])
        if original is not None:  # a retweet's handle, when its author is not among the users, from its prefix
            author = original["author_id"]
            handle = raw["users"].get(author, {}).get("username") or (prefix if kind == "retweeted" else None)
            out[t["id"]] = (author, handle, False)
            continue
        if kind == "retweeted":
            handle = prefix
            first = ((t.get("entities") or {}).get("mentions") or [{}])[0]
            said_id = first.get("id") if first.get("username", "").lower() == (handle or "").lower() else None
        else:
            links = [u["expanded_url"] for u in (t.get("entities") or {}).get("urls", [])]
            ends = [u.split("/") for u in links if u.split("?")[0].endswith("/status/" + refs[kind])]
            handle = ends[0][3] if ends else None
            said_id = None
        ids = by_handle.get((handle or "").lower(), set())
        out[t["id"]] = (said_id or (next(iter(ids)) if len(ids) == 1 else None), handle, True)
    return out


def _stored(store, dataset_id: int, kind: str) -> dict[str, tuple[str | None, str | None]]:
    rows = store.cursor().execute(
        "SELECT post_id, ref_author_id, ref_author_handle FROM posts WHERE dataset_id = ? AND kind = ?",
        [dataset_id, kind],
    )
    return {post_id: (author, handle) for post_id, author, handle in rows.fetchall()}


def _readers(monkeypatch, reader: str) -> None:
    if reader == "line by line":
        monkeypatch.setattr(core, "stage_twarc2_pages", lambda cur, path, flat=False: None)


@pytest.mark.parametrize("reader", ["duckdb", "line by line"])
def test_retweets_and_quotes_of_absent_originals_keep_their_author(fstore, fixtures_dir, reader, monkeypatch):
    path = fixtures_dir / "twarc2_jsonl" / WITHHELD
    raw = _raw_twarc2(path)
    retweets, quotes = _expected_authors(raw, "retweeted"), _expected_authors(raw, "quoted")
    # The file the issue describes: 38 of its 83 retweets and all 8 of its quotes lack their original.
    assert (len(retweets), sum(absent for *_, absent in retweets.values())) == (83, 38)
    assert (len(quotes), sum(absent for *_, absent in quotes.values())) == (8, 8)
    _readers(monkeypatch, reader)
    report = run_import(fstore, path, dataset_name="withheld")

    stored_rt = _stored(fstore, report.dataset_id, "retweet")
    assert stored_rt == {post: (author, handle) for post, (author, handle, _) in retweets.items()}
    stored_qt = _stored(fstore, report.dataset_id, "quote")
    assert stored_qt == {post: (author, handle) for post, (author, handle, _) in quotes.items()}

    # Every retweet has its author (in the network), or is counted as unresolved in the report.
    resolved_rt = sum(absent and author is not None for author, _, absent in retweets.values())
    unresolved_rt = sum(author is None for author, _, _ in retweets.values())
    resolved_qt = sum(absent and author is not None for author, _, absent in quotes.values())
    unresolved_qt = sum(author is None for author, _, _ in quotes.values())
    assert sum(a is not None for a, _ in stored_rt.values()) + report.refs_unresolved["retweet"] == 83
    assert report.refs_resolved == {"retweet": resolved_rt, "quote": resolved_qt}
    assert report.refs_unresolved == {"retweet": unresolved_rt, "quote": unresolved_qt}
    assert resolved_rt > 0 and resolved_qt == 8  # and the handle-only retweets keep their handle:
    assert all(handle for _, handle in stored_rt.values())
    dataset = dataset_by_id(fstore, report.dataset_id)
    assert (dataset["refs_resolved"], dataset["refs_unresolved"]) == (
        resolved_rt + resolved_qt,
        unresolved_rt + unresolved_qt,
    )


def test_the_import_report_says_how_many_authors_were_read_from_the_posts(fstore, fixtures_dir, tmp_path, capsys):
    path = fixtures_dir / "twarc2_jsonl" / WITHHELD
    raw = _raw_twarc2(path)
    kinds = {"retweet": _expected_authors(raw, "retweeted"), "quote": _expected_authors(raw, "quoted")}
    resolved = {k: sum(a is not None and absent for a, _, absent in d.values()) for k, d in kinds.items()}
    unresolved = {k: sum(a is None for a, _, _ in d.values()) for k, d in kinds.items()}
    assert (resolved["quote"], unresolved["quote"]) == (8, 0)
    db = str(tmp_path / "cli.duckdb")
    assert main(["import", str(path), "--dataset", "w", "--json", "--db", db]) == 0
    reported = json.loads(capsys.readouterr().out)[0]
    assert (reported["refs_resolved"], reported["refs_unresolved"]) == (resolved, unresolved)
    assert main(["import", str(path), "--dataset", "w2", "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"the author of {resolved['retweet']} retweets and 8 quotes was read from the post itself" in out
    assert f"{unresolved['retweet']} retweets and 0 quotes" in out
    report = run_import(fstore, path, dataset_name="w")
    assert f"l'auteur de {resolved['retweet']} retweets et de 8 citations" in report.refs_sentence("fr")


def _page(data: list[dict], users: list[dict], tweets: list[dict] | None = None) -> str:
    return json.dumps({"data": data, "includes": {"users": users, "tweets": tweets or []}}) + "\n"


@pytest.mark.parametrize("reader", ["duckdb", "line by line"])
def test_the_first_mentions_id_and_the_quoted_link(fstore, tmp_path, reader, monkeypatch):
    """Shapes the real sample lacks: a first mention that carries the id (API v2 does), links on x.com, a
    twitter.com/i/status link (no handle), a handle two accounts share, a retweet without its "RT @" prefix."""
    users = [
        {"id": "1", "username": "author", "public_metrics": {"followers_count": 10}},
        {"id": "7", "username": "Shared"},
        {"id": "8", "username": "shared"},
        {"id": "9", "username": "quoted_one", "public_metrics": {"followers_count": 90}},
    ]
    t = {"author_id": "1", "created_at": "2020-06-17T18:00:00.000Z"}
    data = [
        {**t, "id": "100", "text": "RT @gone: hello", "referenced_tweets": [{"type": "retweeted", "id": "50"}],
         "entities": {"mentions": [{"start": 3, "end": 8, "username": "gone", "id": "55"}]}},
        {**t, "id": "101", "text": "RT @shared: hi", "referenced_tweets": [{"type": "retweeted", "id": "51"}],
         "entities": {"mentions": [{"start": 3, "end": 10, "username": "shared"}]}},
        {**t, "id": "102", "text": "no prefix", "referenced_tweets": [{"type": "retweeted", "id": "52"}]},
        {**t, "id": "103", "text": "look https://t.co/x", "referenced_tweets": [{"type": "quoted", "id": "53"}],
         "entities": {"urls": [{"expanded_url": "https://x.com/other/status/99"},
                               {"expanded_url": "https://x.com/quoted_one/status/53?s=20"}]}},
        {**t, "id": "104", "text": "look https://t.co/y", "referenced_tweets": [{"type": "quoted", "id": "54"}],
         "entities": {"urls": [{"expanded_url": "https://twitter.com/i/status/54"}]}},
    ]  # fmt: skip
    path = tmp_path / "absent.jsonl"
    path.write_text(_page(data, users), encoding="utf-8")
    _readers(monkeypatch, reader)
    report = run_import(fstore, path, dataset_name="absent")
    stored = {**_stored(fstore, report.dataset_id, "retweet"), **_stored(fstore, report.dataset_id, "quote")}
    assert stored == {
        "100": ("55", "gone"),  # the first mention's id, though no account of the file has that handle
        "101": (None, "shared"),  # two accounts share the handle: no guess
        "102": (None, None),
        "103": ("9", "quoted_one"),  # the link whose id is the quoted tweet's, not the other one
        "104": (None, None),
    }
    assert report.refs_resolved == {"retweet": 1, "quote": 1}
    assert report.refs_unresolved == {"retweet": 2, "quote": 1}


# ---------------------------------------------------------------- who is public: every account's follower count
def _followers(store, dataset_id: int) -> dict[str, int | None]:
    rows = store.cursor().execute("SELECT account_id, followers FROM accounts WHERE dataset_id = ?", [dataset_id])
    return dict(rows.fetchall())


@pytest.mark.parametrize("reader", ["duckdb", "line by line"])
@pytest.mark.parametrize("name", [WITHHELD, "twarc-csv_noflat.jsonl", "twarc-csv_brexit.jsonl"])
def test_the_most_retweeted_accounts_have_their_follower_counts(fstore, fixtures_dir, name, reader, monkeypatch):
    path = fixtures_dir / "twarc2_jsonl" / name
    raw = _raw_twarc2(path)
    retweeted = Counter(author for author, _, _ in _expected_authors(raw, "retweeted").values() if author)
    top = [account for account, _ in retweeted.most_common(3)]
    authors = {t["author_id"] for t in raw["tweets"]}
    assert set(top) - authors, "the sample's most retweeted accounts include some that post nothing in it"
    _readers(monkeypatch, reader)
    report = run_import(fstore, path, dataset_name="sample")
    stored = _followers(fstore, report.dataset_id)
    assert {a: stored.get(a) for a in top} == {a: raw["users"][a]["public_metrics"]["followers_count"] for a in top}
    # and every account the file describes (its includes.users), mentioned and replied-to ones included
    described = {u["id"]: u["public_metrics"]["followers_count"] for u in raw["users"].values()}
    assert {a: stored.get(a) for a in described} == described


def test_a_later_file_completes_accounts_an_earlier_one_only_named(fstore, fixtures_dir, tmp_path):
    """The same page without its includes.users first (authors known by id only), then the real page: the second
    import loads no new post but stores what it says of every account."""
    path = fixtures_dir / "twarc2_jsonl" / "twarc-csv_noflat.jsonl"
    raw = _raw_twarc2(path)
    stripped = tmp_path / "no_users.jsonl"
    pages = _pages(path)
    for page in pages:
        page["includes"].pop("users")
    stripped.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    first = run_import(fstore, stripped, dataset_name="d")
    assert first.loaded == len(raw["tweets"])
    assert all(f is None for f in _followers(fstore, first.dataset_id).values())
    second = run_import(fstore, path, dataset_name="d")
    assert second.loaded == 0
    stored = _followers(fstore, second.dataset_id)
    described = {u["id"]: u["public_metrics"]["followers_count"] for u in raw["users"].values()}
    assert {a: stored.get(a) for a in described} == described
    assert fstore.cursor().execute("SELECT count(*) = count(DISTINCT account_id) FROM accounts").fetchone()[0]


def _v1_records(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _number(value):
    return int(value["$numberInt"] if isinstance(value, dict) else value)


@pytest.mark.parametrize(
    "name", ["tweepy_DERIVED_v1_statuses_from_cassettes.jsonl", "tweet_parser_original_format_examples.jsonl"]
)
def test_v1_retweeted_and_quoted_users_have_their_follower_counts(fstore, fixtures_dir, name):
    path = fixtures_dir / "twitter_v1_json" / name
    statuses = _v1_records(path)
    seen: dict[str, list[int]] = {}  # every user object of each status, its retweeted and its quoted status
    referenced = set()
    for s in statuses:
        for key in ("user", "retweeted_status", "quoted_status"):
            user = s["user"] if key == "user" else (s.get(key) or {}).get("user")
            if user:
                seen.setdefault(user["id_str"], []).append(_number(user["followers_count"]))
                if key != "user":
                    referenced.add(user["id_str"])
    only_referenced = referenced - {s["user"]["id_str"] for s in statuses}
    assert only_referenced, "the sample has accounts that are only retweeted or quoted"
    report = run_import(fstore, path, dataset_name="v1")
    stored = _followers(fstore, report.dataset_id)
    assert {a: stored.get(a) for a in referenced} == {a: max(seen[a]) for a in referenced}


def test_the_quoted_link_pattern_is_the_same_in_both_readers():
    from clameur.ingest.formats import TWEET_LINK
    from clameur.ingest.twarc2_duckdb import QUOTED_LINK

    assert TWEET_LINK.pattern == QUOTED_LINK
    assert re.match(QUOTED_LINK, "https://mobile.twitter.com/a_b/statuses/12").groups() == ("a_b", "12")


def test_the_dataset_list_names_the_counts_in_both_languages(fstore, fixtures_dir):
    from clameur.store import list_datasets
    from clameur.tables import for_people

    run_import(fstore, fixtures_dir / "twarc2_jsonl" / WITHHELD, dataset_name="w")
    listed = list_datasets(fstore)
    assert {"Auteurs lus dans le message", "Auteurs inconnus"} <= set(for_people(listed, "fr").columns)
    assert {"Authors read from the post", "Authors unknown"} <= set(for_people(listed, "en").columns)
