"""JSON importers on the real fixtures (expected counts derived here from the raw files with plain
json) and on hostile inputs: messages and unchanged state."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from clameur.ingest import ImportRefused, run_import
from clameur.store import query, scalar

TABLES = ("datasets", "posts", "context_posts", "post_hashtags", "post_mentions", "accounts", "import_files")


def _counts(store) -> dict:
    return {t: scalar(store, f"SELECT count(*) FROM {t}") for t in TABLES}  # noqa: S608 (fixed names)


def _lines(path: Path):
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):  # not splitlines: U+2028 is text
        if line.strip():
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError:
                yield n, None


def _v2_tweets(path: Path) -> list[dict]:
    out = []
    for _, page in _lines(path):
        if page is None:
            continue
        data = page["data"]
        out += data if isinstance(data, list) else [data]
    return out


def _ref_type(tweet: dict) -> str:
    types = {r["type"] for r in tweet.get("referenced_tweets") or []}
    return (
        "retweet"
        if "retweeted" in types
        else "quote"
        if "quoted" in types
        else "reply"
        if "replied_to" in types
        else "original"
    )


@pytest.mark.parametrize(
    "name",
    [
        "twarc-csv_brexit.jsonl",
        "twarc-csv_kpop.jsonl",
        "twarc-csv_withheld.jsonl",
        "twarc-csv_entities_test.jsonl",
        "twarc-csv_noflat.jsonl",
        "twarc-csv_media_policy_violation_on.jsonl",
    ],
)
def test_twarc2_pages_load_every_tweet_with_its_kind(fstore, fixtures_dir, name):
    path = fixtures_dir / "twarc2_jsonl" / name
    tweets = _v2_tweets(path)
    report = run_import(fstore, path, dataset_name="t")
    unique = {t["id"] for t in tweets}
    assert report.records_read == len(tweets) and report.loaded == len(unique)
    assert report.records_read == report.loaded + report.duplicates + report.rejected_count
    stored = query(fstore, "SELECT post_id, kind FROM posts").set_index("post_id")["kind"].to_dict()
    assert stored == {t["id"]: _ref_type(t) for t in tweets}
    # every retweet keeps an edge: its original author is known (includes, or the "RT @x:" prefix)
    missing = scalar(fstore, "SELECT count(*) FROM posts WHERE kind = 'retweet' AND ref_author_handle IS NULL")
    assert missing == 0


def test_hashtags_survive_in_the_text_when_entities_are_missing(fstore, fixtures_dir):
    path = fixtures_dir / "twarc2_jsonl" / "twarc-csv_media_policy_violation_on.jsonl"
    run_import(fstore, path, dataset_name="t")
    assert scalar(fstore, "SELECT count(DISTINCT post_id) FROM post_hashtags") > 0


def test_the_flattened_twarc2_file_matches_its_unflattened_twin(fstore, fixtures_dir):
    flat = run_import(fstore, fixtures_dir / "twarc2_jsonl" / "twarc-csv_flat.jsonl", dataset_name="flat")
    raw = run_import(fstore, fixtures_dir / "twarc2_jsonl" / "twarc-csv_noflat.jsonl", dataset_name="raw")
    assert flat.format == "twarc2_flat" and flat.loaded == raw.loaded == 100
    kinds = query(
        fstore,
        """SELECT d.name, p.kind, count(*) AS n FROM posts p JOIN datasets d USING (dataset_id)
                             GROUP BY ALL ORDER BY ALL""",
    )
    assert (
        kinds[kinds["name"] == "flat"][["kind", "n"]].values.tolist()
        == kinds[kinds["name"] == "raw"][["kind", "n"]].values.tolist()
    )


def test_the_corrupt_stream_line_is_reported_with_its_number(fstore, fixtures_dir):
    path = fixtures_dir / "twarc2_jsonl" / "twarc-csv_streaming_output_with_error.jsonl"
    bad = [n for n, v in _lines(path) if v is None]
    report = run_import(fstore, path, dataset_name="s")
    assert [line for line, _ in report.rejected] == bad == [8]
    assert report.loaded == 7 and "not valid JSON" in report.rejected[0][1]


def test_v1_statuses_with_extended_tweets_and_mongo_ids(fstore, fixtures_dir):
    path = fixtures_dir / "twitter_v1_json" / "tweet_parser_original_format_examples.jsonl"
    statuses = [v for _, v in _lines(path)]
    report = run_import(fstore, path, dataset_name="v1")
    assert report.loaded == len({s["id_str"] for s in statuses})
    rts = sum(1 for s in statuses if "retweeted_status" in s)
    assert scalar(fstore, "SELECT count(*) FROM posts WHERE kind = 'retweet'") == rts
    long = [s for s in statuses if s.get("truncated") and "extended_tweet" in s]
    for s in long:
        text = scalar(fstore, "SELECT text FROM posts WHERE post_id = ?", [s["id_str"]])
        assert text == s["extended_tweet"]["full_text"]
    mongo = fixtures_dir / "twitter_v1_json" / "smappdragon_dirty_2_mongoexport.jsonl"
    rows = [v for _, v in _lines(mongo)]
    run_import(fstore, mongo, dataset_name="mongo")
    ids = set(
        query(fstore, "SELECT post_id FROM posts JOIN datasets USING (dataset_id) WHERE name = 'mongo'")["post_id"]
    )
    assert ids == {r["id_str"] for r in rows}


def test_bluesky_reposts_hashtags_and_replies(fstore, fixtures_dir):
    feed_path = fixtures_dir / "bluesky" / "atrrr_recorded_app.bsky.feed.getAuthorFeed_925c2.json"
    feed = json.loads(feed_path.read_text())["feed"]
    reposts = sum(1 for f in feed if (f.get("reason") or {}).get("$type", "").endswith("reasonRepost"))
    report = run_import(fstore, feed_path, dataset_name="feed")
    assert report.loaded == len(feed)
    assert scalar(fstore, "SELECT count(*) FROM posts WHERE kind = 'retweet'") == reposts
    search = fixtures_dir / "bluesky" / "atrrr_recorded_app.bsky.feed.searchPosts_bb16d.json"
    posts = json.loads(search.read_text())["posts"]
    run_import(fstore, search, dataset_name="search")
    tagged = {
        p["uri"]
        for p in posts
        if p["record"].get("tags")
        or any(f["$type"].endswith("#tag") for fc in p["record"].get("facets") or [] for f in fc["features"])
    }
    stored = set(
        query(
            fstore,
            "SELECT DISTINCT h.post_id FROM post_hashtags h JOIN datasets d USING (dataset_id) WHERE d.name = 'search'",
        )["post_id"]
    )
    assert stored == tagged
    replies = sum(1 for p in posts if "reply" in p["record"])
    assert (
        scalar(
            fstore,
            "SELECT count(*) FROM posts JOIN datasets USING (dataset_id) WHERE name = 'search' "
            "AND reply_to_post_id IS NOT NULL",
        )
        == replies
    )


def test_mastodon_html_is_text_and_the_broken_line_is_named(fstore, fixtures_dir):
    path = fixtures_dir / "mastodon" / "rtoot_testdata_malformed_statuses.jsonl"
    good = [v for _, v in _lines(path) if v is not None]
    report = run_import(fstore, path, dataset_name="m")
    assert [line for line, _ in report.rejected] == [n for n, v in _lines(path) if v is None]
    assert report.loaded + report.duplicates == len(good)
    assert report.loaded == len({s["id"] for s in good})
    assert scalar(fstore, "SELECT count(*) FROM posts WHERE text LIKE '%<p>%'") == 0


@pytest.mark.parametrize(
    "name,what",
    [
        ("twarc2_jsonl/twarc-csv_users.jsonl", "a twarc2 user lookup"),
        ("twarc2_jsonl/twarc-csv_counts.jsonl", "a twarc2 counts response"),
        ("mastodon/rtoot_mastodonsocial_reblogged_by_accounts.json", "a Mastodon account"),
        ("bluesky/atrrr_recorded_app.bsky.feed.getRepostedBy_95deb.json", "getRepostedBy"),
    ],
)
def test_files_that_are_not_posts_are_refused_with_what_they_are(fstore, fixtures_dir, name, what):
    before = _counts(fstore)
    with pytest.raises(ImportRefused, match=what):
        run_import(fstore, fixtures_dir / name, dataset_name="x")
    assert _counts(fstore) == before


def test_reimporting_the_same_file_changes_nothing_and_cross_file_duplicates_are_counted(fstore, fixtures_dir):
    kpop = fixtures_dir / "twarc2_jsonl" / "twarc-csv_kpop.jsonl"
    both = fixtures_dir / "twarc2_jsonl" / "twarc-csv_2sets.jsonl"
    run_import(fstore, kpop, dataset_name="d")
    before = _counts(fstore)
    again = run_import(fstore, kpop, dataset_name="d")
    assert again.already_imported and _counts(fstore) == before
    report = run_import(fstore, both, dataset_name="d")  # kpop + brexit pages: the kpop half is known
    kpop_ids = {t["id"] for t in _v2_tweets(kpop)}
    assert report.duplicates == len([t for t in _v2_tweets(both) if t["id"] in kpop_ids])
    assert scalar(fstore, "SELECT count(*) FROM posts") == len({t["id"] for t in _v2_tweets(both)})


def _write(tmp_path, name, text, mode="w"):
    p = tmp_path / name
    if mode == "w":
        p.write_text(text, encoding="utf-8")
    else:
        p.write_bytes(text)
    return p


def _v2_line(tid, text="hello", created="2020-06-17T16:00:00.000Z", tags=()):
    return json.dumps(
        {
            "data": [
                {
                    "id": tid,
                    "text": text,
                    "created_at": created,
                    "author_id": "1",
                    "entities": {"hashtags": [{"tag": t} for t in tags]},
                }
            ],
            "includes": {"users": [{"id": "1", "username": "a"}]},
            "meta": {},
        }
    )


def test_empty_and_disguised_files_are_refused_before_parsing(fstore, tmp_path):
    before = _counts(fstore)
    with pytest.raises(ImportRefused, match="The file is empty"):
        run_import(fstore, _write(tmp_path, "e.jsonl", ""), dataset_name="x")
    for data, what in (
        (gzip.compress(b"{}" * 1000), "a gzip archive"),
        (b"PK\x03\x04rest", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n....", "a PNG image"),
    ):
        with pytest.raises(ImportRefused, match=what):
            run_import(fstore, _write(tmp_path, "x.jsonl", data, mode="b"), dataset_name="x")
    assert _counts(fstore) == before


def test_truncated_huge_deep_and_blank_lines_are_accounted_for(fstore, tmp_path):
    lines = [
        _v2_line("1"),
        "",
        _v2_line("2")[:-20],  # truncated object
        _v2_line("3", text="x" * (20 * 2**20)),  # one 20 MB line
        "[" * 100_000,  # 100,000 nested brackets
        _v2_line("4"),
    ]
    report = run_import(fstore, _write(tmp_path, "h.jsonl", "\n".join(lines)), dataset_name="h")
    assert report.loaded == 2 and [line for line, _ in report.rejected] == [3, 4, 5]
    assert "larger than" in report.rejected[1][1]
    assert report.records_read == report.loaded + report.duplicates + report.rejected_count
    assert scalar(fstore, "SELECT count(*) FROM posts WHERE text IS NULL OR post_id IS NULL") == 0


def test_a_json_array_of_statuses_and_ids_beyond_2_53(fstore, tmp_path):
    big = "1273284265374646272"  # > 2^53: a float would round it
    statuses = [
        {
            "id": 1273284265374646272,
            "id_str": big,
            "text": "a",
            "user": {"id_str": "9", "screen_name": "u"},
            "created_at": "Wed Jun 17 16:00:00 +0000 2020",
        }
    ]
    run_import(fstore, _write(tmp_path, "a.json", json.dumps(statuses, indent=2)), dataset_name="a")
    assert query(fstore, "SELECT post_id FROM posts")["post_id"].tolist() == [big]


def test_mixed_timestamp_formats_are_parsed_and_garbage_is_counted(fstore, tmp_path):
    lines = [
        _v2_line("1", created="2020-06-17T16:00:00Z"),
        _v2_line("2", created="2020-06-17T18:00:00+02:00"),
        _v2_line("3", created="1592409600"),
        _v2_line("4", created="1592409600000"),
        _v2_line("5", created="Wed Jun 17 16:00:00 +0000 2020"),
        _v2_line("6", created="yesterday"),
    ]
    report = run_import(fstore, _write(tmp_path, "t.jsonl", "\n".join(lines)), dataset_name="t")
    times = query(fstore, "SELECT post_id, created_at FROM posts ORDER BY post_id")
    assert report.unparsed_timestamps == 1
    assert times["created_at"].iloc[:5].astype(str).tolist() == ["2020-06-17 16:00:00"] * 5
    assert times["created_at"].isna().tolist() == [False] * 5 + [True]


def test_hashtags_are_one_whatever_the_case_width_and_normal_form(fstore, tmp_path):
    lines = [
        _v2_line("1", tags=["café"]),
        _v2_line("2", tags=["cafe\u0301"]),
        _v2_line("3", tags=["＃COVID"]),
        _v2_line("4", tags=["covid", "Covid"]),
    ]
    run_import(fstore, _write(tmp_path, "n.jsonl", "\n".join(lines)), dataset_name="n")
    tags = query(fstore, "SELECT tag, count(*) AS n FROM post_hashtags GROUP BY tag ORDER BY tag")
    assert tags.values.tolist() == [["café", 2], ["covid", 2]]


def test_a_field_that_changes_type_rejects_only_that_record(fstore, tmp_path):
    good = _v2_line("1")
    odd = json.dumps({"data": [{"id": "2", "text": "x", "author_id": "1", "referenced_tweets": "oops"}], "meta": {}})
    report = run_import(fstore, _write(tmp_path, "c.jsonl", good + "\n" + odd), dataset_name="c")
    assert report.loaded == 1 and report.rejected[0][0] == 2


def test_the_import_command_reports_and_fails_when_nothing_was_imported(tmp_path, fixtures_dir, capsys):
    from clameur.cli import main

    db = str(tmp_path / "cli" / "c.duckdb")
    good = str(fixtures_dir / "twarc2_jsonl" / "twarc-csv_streaming_output_with_error.jsonl")
    assert main(["import", good, "--dataset", "s", "--json", "--db", db]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["loaded"] == 7 and out[0]["rejected"] == [{"line": 8, "reason": out[0]["rejected"][0]["reason"]}]
    users = str(fixtures_dir / "twarc2_jsonl" / "twarc-csv_users.jsonl")
    assert main(["import", users, "--db", db]) == 1
    assert "refused" in capsys.readouterr().out
