"""Every remaining real fixture imported, with its counts derived here from the raw file with plain json
(the MANIFEST's numbers are hints, not oracles)."""

from __future__ import annotations

import json

import pytest

from clameur.ingest import ImportRefused, run_import
from clameur.store import scalar


def _json_lines(path) -> list:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _mastodon_statuses(path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    value = json.loads(text) if path.suffix == ".json" else _json_lines(path)
    if isinstance(value, dict):  # a context tree
        return value["ancestors"] + value["descendants"]
    return value


def _count(store, sql: str, dataset_id: int) -> int:
    return scalar(store, sql + " AND dataset_id = ?", [dataset_id])


@pytest.mark.parametrize(
    "name",
    [
        "rtoot_fosstodon_account_statuses.json",
        "rtoot_fosstodon_public_timeline.json",
        "rtoot_fosstodon_tag_rstats_timeline.json",
        "rtoot_mastodonsocial_status_context_replies.json",
        "rtoot_testdata_mastodonsocial_statuses.jsonl",
    ],
)
def test_mastodon_fixtures(fstore, fixtures_dir, name):
    path = fixtures_dir / "mastodon" / name
    statuses = _mastodon_statuses(path)
    report = run_import(fstore, path, dataset_name=name)
    assert report.loaded == len({s["id"] for s in statuses})
    assert report.records_read == len(statuses)
    replies = {s["id"] for s in statuses if s.get("in_reply_to_id") and not s.get("reblog")}
    reblogs = {s["id"] for s in statuses if s.get("reblog")}
    ds = report.dataset_id
    assert _count(fstore, "SELECT count(*) FROM posts WHERE kind = 'reply'", ds) == len(replies)
    assert _count(fstore, "SELECT count(*) FROM posts WHERE kind = 'retweet'", ds) == len(reblogs)
    tagged = {s["id"] for s in statuses if (s.get("reblog") or s).get("tags")}
    assert _count(fstore, "SELECT count(DISTINCT post_id) FROM post_hashtags WHERE true", ds) == len(tagged)


def _thread_posts(node) -> list[dict]:
    out = [node["post"]] if "post" in node else []
    for reply in node.get("replies") or []:
        out += _thread_posts(reply)
    return out


def test_bluesky_search_and_thread(fstore, fixtures_dir):
    search = fixtures_dir / "bluesky" / "atrrr_recorded_app.bsky.feed.searchPosts_0e3ec.json"
    posts = json.loads(search.read_text(encoding="utf-8"))["posts"]
    report = run_import(fstore, search, dataset_name="search")
    assert report.loaded == len({p["uri"] for p in posts})
    replies = sum(1 for p in posts if "reply" in p["record"])  # a reply that quotes is a quote first
    assert _count(fstore, "SELECT count(*) FROM posts WHERE reply_to_post_id IS NOT NULL", report.dataset_id) == replies
    thread = fixtures_dir / "bluesky" / "atrrr_recorded_app.bsky.feed.getPostThread_72827.json"
    nodes = _thread_posts(json.loads(thread.read_text(encoding="utf-8"))["thread"])
    report = run_import(fstore, thread, dataset_name="thread")
    assert report.loaded == len(nodes) > 1  # the root and the replies under it
    reply = next(n for n in nodes if "reply" in n["record"])
    assert (
        scalar(fstore, "SELECT reply_to_post_id FROM posts WHERE post_id = ?", [reply["uri"]])
        == (reply["record"]["reply"]["parent"]["uri"])
    )


def _tweet_id(t: dict) -> str:
    """The id as text: v1.1 id_str, v2 id, or mongoexport's {"$numberLong": …}."""
    raw = t.get("id_str") or t["id"]
    return raw["$numberLong"] if isinstance(raw, dict) else str(raw)


@pytest.mark.parametrize(
    "folder,name",
    [
        ("twarc2_jsonl", "twarc-csv_edited_before.jsonl"),
        ("twarc2_jsonl", "twarc-csv_edited_after.jsonl"),
        ("twitter_v1_json", "smappdragon_valid-single_mongoexport.jsonl"),
        ("twitter_v1_json", "tweepy_DERIVED_v1_statuses_from_cassettes.jsonl"),
        ("twitter_v1_json", "tweet_parser_public_api_sample.jsonl"),
        ("twarc_csv", "twarc-csv_small_sample_2021-03_source_flat.jsonl"),
    ],
)
def test_twitter_line_files(fstore, fixtures_dir, folder, name):
    path = fixtures_dir / folder / name
    lines = _json_lines(path)
    tweets = [t for line in lines for t in (line["data"] if "data" in line else [line])]
    ids = {_tweet_id(t) for t in tweets}
    report = run_import(fstore, path, dataset_name=name)
    assert report.loaded == report.records_read == len(tweets)
    stored = {r[0] for r in fstore.cursor().execute("SELECT post_id FROM posts").fetchall()}
    assert stored == ids
    retweets = sum(
        1
        for t in tweets
        if "retweeted_status" in t or any(r.get("type") == "retweeted" for r in t.get("referenced_tweets") or [])
    )
    assert _count(fstore, "SELECT count(*) FROM posts WHERE kind = 'retweet'", report.dataset_id) == retweets


def test_the_flattened_source_has_the_ids_of_the_early_twarc_csv_export(fstore, fixtures_dir):
    import csv

    flat = fixtures_dir / "twarc_csv" / "twarc-csv_small_sample_2021-03_source_flat.jsonl"
    table = fixtures_dir / "twarc_csv" / "twarc-csv_small_sample_2021-03.csv"
    a = run_import(fstore, flat, dataset_name="flat")
    b = run_import(fstore, table, dataset_name="csv")
    with open(table, encoding="utf-8", newline="") as f:
        collected = {r["id"] for r in csv.DictReader(f) if not r["type"]}
    cur = fstore.cursor()
    ids = {
        ds: {r[0] for r in cur.execute("SELECT post_id FROM posts WHERE dataset_id = ?", [ds]).fetchall()}
        for ds in (a.dataset_id, b.dataset_id)
    }
    assert ids[a.dataset_id] == ids[b.dataset_id] == collected
    kinds = {
        ds: dict(cur.execute("SELECT post_id, kind FROM posts WHERE dataset_id = ?", [ds]).fetchall())
        for ds in (a.dataset_id, b.dataset_id)
    }
    assert kinds[a.dataset_id] == kinds[b.dataset_id]


def test_a_yaml_recording_is_refused_with_what_it_is(fstore, fixtures_dir):
    with pytest.raises(ImportRefused, match="The file is YAML"):
        run_import(
            fstore,
            fixtures_dir / "mastodon" / "rtoot_vcr_cassette_get_timeline_hashtag_default.yml",
            dataset_name="yaml",
        )
    assert scalar(fstore, "SELECT count(*) FROM datasets") == 0
