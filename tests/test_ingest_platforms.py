"""Platform formats: Gnip Activity Streams and tweepy's vcrpy cassettes on the real fixtures (expected values
derived here from the raw files with plain json), and Zeeschuimer / 4CAT NDJSON (TikTok, X GraphQL) and TikTok
Research API samples written here after the public documentation of each format (4CAT's and Zeeschuimer's
item mappers, TikTok's Research API codebook)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from clameur.ingest import ImportRefused, run_import
from clameur.store import query, scalar

GNIP = "gnip_activity_streams/tweet_parser_activity_streams_examples.jsonl"
V1_TWIN = "twitter_v1_json/tweet_parser_original_format_examples.jsonl"
CASSETTES = [
    "tweepy_cassette_testsearchtweets.json",
    "tweepy_cassette_testgetretweets.json",
    "tweepy_cassette_testhometimeline.json",
    "tweepy_cassette_testusertimeline.json",
    "tweepy_cassette_testgetstatus.json",
]
V1_TIME = "%a %b %d %H:%M:%S %z %Y"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def _posts(store, dataset: str) -> dict[str, dict]:
    frame = query(
        store,
        "SELECT p.* FROM posts p JOIN datasets d USING (dataset_id) WHERE d.name = ? ORDER BY post_id",
        [dataset],
    )
    frame = frame.astype(object).where(frame.notna(), None)  # NULL as None, not NaN
    return {r["post_id"]: r for r in frame.to_dict("records")}


def _tags(store, dataset: str) -> dict[str, set[str]]:
    rows = query(
        store,
        "SELECT h.post_id, h.tag FROM post_hashtags h JOIN datasets d USING (dataset_id) WHERE d.name = ?",
        [dataset],
    ).values.tolist()
    out: dict[str, set[str]] = {}
    for post_id, tag in rows:
        out.setdefault(post_id, set()).add(tag)
    return out


def _utc(ts: datetime) -> datetime:
    return ts.astimezone(UTC).replace(tzinfo=None)


# ---------------------------------------------------------------- Gnip Activity Streams
def _gnip_id(value: str) -> str:
    return value.rsplit(":", 1)[-1]


def _gnip_kind(a: dict) -> str:
    if a["verb"] == "share":
        return "retweet"
    return "quote" if "twitter_quoted_status" in a else "reply" if "inReplyTo" in a else "original"


def _gnip_tags(a: dict) -> set[str]:
    src = a["object"] if a["verb"] == "share" else a
    ent = src["long_object"]["twitter_entities"] if "long_object" in src else src["twitter_entities"]
    return {h["text"].casefold() for h in ent["hashtags"]}


def test_gnip_activities_load_with_their_kinds_and_hashtags(fstore, fixtures_dir):
    activities = _jsonl(fixtures_dir / GNIP)
    report = run_import(fstore, fixtures_dir / GNIP, dataset_name="gnip")
    assert report.format == "gnip" and report.rejected == []
    assert report.loaded == len({a["id"] for a in activities}) == len(activities)
    posts = _posts(fstore, "gnip")
    assert {p: r["kind"] for p, r in posts.items()} == {_gnip_id(a["id"]): _gnip_kind(a) for a in activities}
    kinds = [r["kind"] for r in posts.values()]
    assert kinds.count("retweet") == sum(a["verb"] == "share" for a in activities)
    assert kinds.count("quote") == sum(a["verb"] == "post" and "twitter_quoted_status" in a for a in activities)
    assert kinds.count("reply") == sum(
        a["verb"] == "post" and "inReplyTo" in a and "twitter_quoted_status" not in a for a in activities
    )
    tags = _tags(fstore, "gnip")
    assert tags == {_gnip_id(a["id"]): _gnip_tags(a) for a in activities if _gnip_tags(a)}
    for a in activities:  # ids are the numeric part, authors and times as sent
        row = posts[_gnip_id(a["id"])]
        assert (
            row["author_id"] == _gnip_id(a["actor"]["id"]) and row["author_handle"] == a["actor"]["preferredUsername"]
        )
        assert row["created_at"] == _utc(datetime.fromisoformat(a["postedTime"]))
        assert row["text"] == a.get("long_object", {}).get("body", a["body"])
        if a["verb"] == "share":
            assert row["ref_post_id"] == _gnip_id(a["object"]["id"])
            assert row["ref_author_handle"] == a["object"]["actor"]["preferredUsername"]


def test_gnip_and_its_original_format_twin_name_the_same_tweets(fstore, fixtures_dir):
    run_import(fstore, fixtures_dir / GNIP, dataset_name="gnip")
    run_import(fstore, fixtures_dir / V1_TWIN, dataset_name="v1")
    gnip, v1 = _posts(fstore, "gnip"), _posts(fstore, "v1")
    assert len(gnip) == len(_jsonl(fixtures_dir / V1_TWIN))
    fields = ("kind", "author_id", "ref_post_id", "ref_author_id", "reply_to_post_id", "quote_of_post_id")
    for name in fields:
        assert {p: r[name] for p, r in gnip.items()} == {p: r[name] for p, r in v1.items()}, name
    assert _tags(fstore, "gnip") == _tags(fstore, "v1")


def test_gnip_hashtags_of_a_long_tweet_come_from_long_object(fstore, tmp_path):
    body = "x" * 130 + " #premier #second"
    activity = {
        "id": "tag:search.twitter.com,2005:1273284265374646272",
        "objectType": "activity",
        "verb": "post",
        "postedTime": "2020-06-17T16:00:00.000Z",
        "actor": {"id": "id:twitter.com:9", "preferredUsername": "u", "displayName": "U", "followersCount": 3},
        "body": body[:139] + "…",
        "long_object": {"body": body, "twitter_entities": {"hashtags": [{"text": "premier"}, {"text": "second"}]}},
        "twitter_entities": {"hashtags": [], "user_mentions": []},
        "twitter_lang": "fr",
    }
    run_import(fstore, _write_jsonl(tmp_path / "g.jsonl", [activity]), dataset_name="g")
    assert _tags(fstore, "g") == {"1273284265374646272": {"premier", "second"}}
    assert _posts(fstore, "g")["1273284265374646272"]["text"] == body


def test_gnip_activities_that_are_not_posts_are_refused(fstore, tmp_path):
    delete = {"id": "tag:x,2005:1", "verb": "delete", "actor": {"id": "id:twitter.com:9"}, "object": {}}
    with pytest.raises(ImportRefused, match="Gnip activity of verb"):
        run_import(fstore, _write_jsonl(tmp_path / "d.jsonl", [delete]), dataset_name="d")


# ---------------------------------------------------------------- vcrpy cassettes (tweepy)
def _cassette_statuses(path: Path) -> list[dict]:
    out = []
    for interaction in json.loads(path.read_text(encoding="utf-8"))["interactions"]:
        body = json.loads(interaction["response"]["body"]["string"])
        out += body if isinstance(body, list) else body["statuses"] if "statuses" in body else [body]
    return out


@pytest.mark.parametrize("name", CASSETTES)
def test_tweepy_cassettes_load_every_status_of_every_body(fstore, fixtures_dir, name):
    path = fixtures_dir / "twitter_v1_json" / name
    statuses = _cassette_statuses(path)
    report = run_import(fstore, path, dataset_name="c")
    assert report.format == "vcr_cassette" and report.rejected == []
    unique = {s["id_str"]: s for s in statuses}
    assert report.loaded == len(unique) and report.loaded + report.duplicates == len(statuses)
    posts = _posts(fstore, "c")
    assert set(posts) == set(unique)
    rts = {i for i, s in unique.items() if "retweeted_status" in s}
    assert {p for p, r in posts.items() if r["kind"] == "retweet"} == rts
    for i in rts:
        assert posts[i]["ref_post_id"] == unique[i]["retweeted_status"]["id_str"]


def test_cassette_bodies_that_are_not_posts_are_rejected_not_dropped(fstore, fixtures_dir, tmp_path):
    source = json.loads((fixtures_dir / "twitter_v1_json" / "tweepy_cassette_testgetstatus.json").read_text())
    user = {"id": 9, "id_str": "9", "screen_name": "someone", "name": "Someone"}
    extra = [
        {
            "request": {"uri": "https://api.twitter.com/1.1/x.json"},
            "response": {"body": {"string": "<html>503</html>"}},
        },
        {
            "request": {"uri": "https://api.twitter.com/1.1/users/show.json"},
            "response": {"body": {"string": json.dumps(user)}},
        },
    ]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps({**source, "interactions": source["interactions"] + extra}, indent=2))
    report = run_import(fstore, path, dataset_name="m")
    assert report.loaded == len(
        _cassette_statuses(fixtures_dir / "twitter_v1_json" / "tweepy_cassette_testgetstatus.json")
    )
    assert report.rejected_count == len(extra)
    assert report.records_read == report.loaded + report.duplicates + report.rejected_count
    only_users = tmp_path / "users.json"
    only_users.write_text(json.dumps({"version": 1, "interactions": extra}, indent=2))
    with pytest.raises(ImportRefused, match="cassette whose responses hold no posts"):
        run_import(fstore, only_users, dataset_name="u")


# ---------------------------------------------------------------- Zeeschuimer / 4CAT NDJSON: TikTok
def _zs(platform: str, data: dict, n: int, page: str) -> dict:
    """One line of a Zeeschuimer export (the fields its background script stores for each item)."""
    return {
        "id": n,
        "nav_index": f"1:{n}:0",
        "item_id": str(data.get("rest_id") or data.get("id")),
        "timestamp_collected": 1720620000000 + n,
        "source_platform": platform,
        "source_platform_url": page,
        "source_url": page + "/api",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "data": data,
    }


def _tiktok_item(vid: str, created, author, desc: str, *, challenges=(), extra=(), followers=100) -> dict:
    item = {
        "id": vid,
        "desc": desc,
        "createTime": created,
        "author": author,
        "authorStats": {"followerCount": followers, "followingCount": 12, "heartCount": 900, "videoCount": 31},
        "stats": {"diggCount": 230, "shareCount": 12, "commentCount": 45, "playCount": 10400, "collectCount": 7},
        "music": {"id": "7000000000000000001", "title": "son original", "playUrl": ""},
        "video": {"id": vid, "duration": 31, "cover": "", "downloadAddr": ""},
        "duetInfo": {"duetFromId": "0"},
        "isAd": False,
    }
    if challenges:
        item["challenges"] = [{"id": str(i), "title": t, "desc": ""} for i, t in enumerate(challenges)]
    if extra:
        item["textExtra"] = list(extra)
    return item


def _tag(name: str) -> dict:
    return {"awemeId": "", "hashtagId": "1", "hashtagName": name, "isCommerce": False, "type": 1, "userId": ""}


def _author(uid: str, handle: str, name: str) -> dict:
    return {"id": uid, "uniqueId": handle, "nickname": name, "verified": False, "secUid": "MS4wLjABAAAA" + uid}


def test_zeeschuimer_tiktok_items(fstore, tmp_path):
    page = "https://www.tiktok.com/tag/balancetontiktokeur"
    mention = {"hashtagName": "", "type": 0, "userId": "6800000000000000001", "userUniqueId": "amie_b"}
    items = [
        _tiktok_item(  # hashtags in both challenges and textExtra
            "7254813377285635354",
            1688997600,
            _author("6812345678901234567", "creatrice_a", "Créatrice A"),
            "Témoignage #BalanceTonTikTokeur #MeToo @amie_b",
            challenges=["BalanceTonTikTokeur", "metoo"],
            extra=[_tag("BalanceTonTikTokeur"), _tag("MeToo"), mention],
            followers=1520,
        ),
        _tiktok_item(  # textExtra only, createTime as text
            "7254900000000000001",
            "1689001200",
            _author("6812345678901234568", "createur_b", "Créateur B"),
            "#balancetontiktokeur ça suffit",
            extra=[_tag("balancetontiktokeur")],
        ),
        _tiktok_item(  # challenges only
            "7255000000000000002",
            1689004800,
            _author("6812345678901234569", "createur_c", "C"),
            "soutien",
            challenges=["Soutien"],
        ),
        {  # the JSON embedded in a page: the author is a handle
            **_tiktok_item("7255100000000000003", 1689008400, "createur_d", "sans hashtag"),
            "nickname": "D",
            "authorId": "6812345678901234570",
        },
    ]
    lines = [_zs("tiktok.com", item, n, page) for n, item in enumerate(items, start=1)]
    lines.append(_zs("instagram.com", {"id": "3150000000000000000_1", "caption": {}}, 9, "https://www.instagram.com"))
    raw = _jsonl(_write_jsonl(tmp_path / "zeeschuimer-export-tiktok.ndjson", lines))
    report = run_import(fstore, tmp_path / "zeeschuimer-export-tiktok.ndjson", dataset_name="tt")
    assert report.format == "zeeschuimer_tiktok" and report.loaded == 4
    assert report.rejected == [(5, report.rejected[0][1])] and "instagram.com" in report.rejected[0][1]
    posts = _posts(fstore, "tt")
    videos = [line["data"] for line in raw if line["source_platform"] == "tiktok.com"]
    assert set(posts) == {v["id"] for v in videos}
    for v in videos:
        row = posts[v["id"]]
        author = v["author"] if isinstance(v["author"], dict) else {"id": v["authorId"], "uniqueId": v["author"]}
        assert (row["platform"], row["kind"]) == ("tiktok", "original")
        assert (row["author_id"], row["author_handle"]) == (author["id"], author["uniqueId"])
        assert row["created_at"] == datetime.fromtimestamp(int(v["createTime"]), UTC).replace(tzinfo=None)
        assert row["text"] == v["desc"]
        assert (row["like_count"], row["reply_count"]) == (v["stats"]["diggCount"], v["stats"]["commentCount"])
    expected = {
        v["id"]: {c["title"].casefold() for c in v.get("challenges", [])}
        | {e["hashtagName"].casefold() for e in v.get("textExtra", []) if e["hashtagName"]}
        for v in videos
    }
    assert _tags(fstore, "tt") == {k: t for k, t in expected.items() if t}
    followers = scalar(fstore, "SELECT followers FROM accounts WHERE handle = 'creatrice_a'")
    assert followers == videos[0]["authorStats"]["followerCount"]
    mentioned = query(fstore, "SELECT mentioned_id, mentioned_handle FROM post_mentions").values.tolist()
    assert mentioned == [[mention["userId"], mention["userUniqueId"]]]


def test_a_zeeschuimer_file_from_another_platform_is_refused(fstore, tmp_path):
    line = _zs("instagram.com", {"id": "3150000000000000000_1", "caption": {}}, 1, "https://www.instagram.com")
    with pytest.raises(ImportRefused, match="Zeeschuimer item from instagram.com"):
        run_import(fstore, _write_jsonl(tmp_path / "ig.ndjson", [line]), dataset_name="ig")


# ---------------------------------------------------------------- Zeeschuimer / 4CAT NDJSON: X GraphQL
def _gql_user(uid: str, handle: str, name: str, followers: int, *, newer: bool = False) -> dict:
    legacy = {"followers_count": followers, "friends_count": 10, "description": "", "verified": False}
    result = {"__typename": "User", "id": "VXNlcjo" + uid, "rest_id": uid, "is_blue_verified": False}
    if newer:  # 2025 payloads moved screen_name and name to the user's "core"
        result |= {"core": {"screen_name": handle, "name": name, "created_at": "Mon Jan 01 00:00:00 +0000 2018"}}
    else:
        legacy |= {"screen_name": handle, "name": name}
    return {"user_results": {"result": {**result, "legacy": legacy}}}


def _gql_tweet(tid: str, user: dict, text: str, created: str, *, tags=(), mentions=(), **legacy) -> dict:
    uid = user["user_results"]["result"]["rest_id"]
    return {
        "__typename": "Tweet",
        "rest_id": tid,
        "core": user,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "views": {"count": "120", "state": "EnabledWithCount"},
        "legacy": {
            "bookmark_count": 0,
            "conversation_id_str": legacy.pop("conversation_id_str", tid),
            "created_at": created,
            "display_text_range": [0, len(text)],
            "entities": {
                "hashtags": [{"indices": [0, len(t) + 1], "text": t} for t in tags],
                "symbols": [],
                "urls": [],
                "user_mentions": [
                    {"id_str": i, "name": h, "screen_name": h, "indices": [0, len(h) + 1]} for i, h in mentions
                ],
            },
            "favorite_count": 3,
            "full_text": text,
            "id_str": tid,
            "is_quote_status": "quoted_status_id_str" in legacy,
            "lang": "fr",
            "quote_count": 0,
            "reply_count": 1,
            "retweet_count": 2,
            "user_id_str": uid,
            **legacy,
        },
    }


def test_zeeschuimer_x_graphql_tweets(fstore, tmp_path):
    page = "https://x.com/search?q=%23BalanceTonTikTokeur"
    alice = _gql_user("1000000000000000001", "alice", "Alice", 2500, newer=True)
    bob = _gql_user("22", "bob", "Bob", 40)
    carol = _gql_user("1300000000000000003", "carol", "Carol", 90)
    first = _gql_tweet(
        "1811111111111111111",
        alice,
        "#BalanceTonTikTokeur ça commence",
        "Wed Jul 10 14:00:00 +0000 2024",
        tags=["BalanceTonTikTokeur"],
    )
    original = _gql_tweet(
        "1810000000000000007",
        carol,
        "Un long fil #MeToo #BalanceTonTikTokeur",
        "Tue Jul 09 08:00:00 +0000 2024",
        tags=["MeToo", "BalanceTonTikTokeur"],
    )
    retweet = _gql_tweet(
        "1811111111111111112",
        bob,
        "RT @carol: Un long fil #MeToo #Balan…",
        "Wed Jul 10 15:30:00 +0000 2024",
        tags=["MeToo"],
        mentions=[("1300000000000000003", "carol")],
        retweeted_status_result={"result": {"__typename": "TweetWithVisibilityResults", "tweet": original}},
    )
    reply = _gql_tweet(
        "1811111111111111113",
        bob,
        "@alice merci",
        "Wed Jul 10 16:00:00 +0000 2024",
        mentions=[("1000000000000000001", "alice")],
        conversation_id_str="1811111111111111111",
        in_reply_to_status_id_str="1811111111111111111",
        in_reply_to_user_id_str="1000000000000000001",
        in_reply_to_screen_name="alice",
    )
    quote_reply = _gql_tweet(
        "1811111111111111114",
        carol,
        "@alice à lire",
        "Wed Jul 10 17:00:00 +0000 2024",
        mentions=[("1000000000000000001", "alice")],
        quoted_status_id_str="1810000000000000007",
        in_reply_to_status_id_str="1811111111111111111",
        in_reply_to_user_id_str="1000000000000000001",
        in_reply_to_screen_name="alice",
    )
    quote_reply["quoted_status_result"] = {"result": original}
    wrapped = {  # as Zeeschuimer stores replies of a thread: the wrapper kept, its "id" rounded by parseInt
        "__typename": "TweetWithVisibilityResults",
        "tweet": first,
        "limitedActionResults": {"limited_actions": [{"action": "Reply"}]},
        "id": 1811111111111111200,
    }
    tombstone = {"__typename": "TweetTombstone", "tombstone": {"text": {"text": "This Post is unavailable."}}}
    datas = [wrapped, retweet, reply, quote_reply, tombstone]
    lines = [_zs("twitter.com" if n < 3 else "x.com", d, n, page) for n, d in enumerate(datas, start=1)]
    raw = _jsonl(_write_jsonl(tmp_path / "zeeschuimer-export-twitter.ndjson", lines))
    report = run_import(fstore, tmp_path / "zeeschuimer-export-twitter.ndjson", dataset_name="x")
    assert report.format == "zeeschuimer_x" and report.loaded == 4
    assert [line for line, _ in report.rejected] == [5] and "unavailable" in report.rejected[0][1]
    tweets = [d.get("tweet", d) for d in (line["data"] for line in raw) if "legacy" in d.get("tweet", d)]
    posts = _posts(fstore, "x")
    assert set(posts) == {t["rest_id"] for t in tweets}  # exact, not the rounded "id" of the wrapper
    for t in tweets:
        leg = t["legacy"]
        user = t["core"]["user_results"]["result"]
        kind = (
            "retweet"
            if "retweeted_status_result" in leg
            else "quote"
            if "quoted_status_id_str" in leg
            else "reply"
            if "in_reply_to_status_id_str" in leg
            else "original"
        )
        row = posts[t["rest_id"]]
        assert (row["platform"], row["kind"], row["author_id"]) == ("x", kind, user["rest_id"])
        assert row["author_handle"] == user.get("core", user["legacy"]).get("screen_name")
        assert row["created_at"] == _utc(datetime.strptime(leg["created_at"], V1_TIME))
        assert row["reply_to_post_id"] == leg.get("in_reply_to_status_id_str")
        assert row["quote_of_post_id"] == leg.get("quoted_status_id_str")
    rt = posts[retweet["rest_id"]]
    assert (rt["ref_post_id"], rt["ref_author_id"], rt["ref_author_handle"]) == (
        original["rest_id"],
        carol["user_results"]["result"]["rest_id"],
        carol["user_results"]["result"]["legacy"]["screen_name"],
    )
    assert posts[reply["rest_id"]]["ref_author_id"] == reply["legacy"]["in_reply_to_user_id_str"]
    # a retweet's hashtags are its original's (its own text is truncated)
    assert _tags(fstore, "x")[retweet["rest_id"]] == {
        t["text"].casefold() for t in original["legacy"]["entities"]["hashtags"]
    }
    context = query(fstore, "SELECT post_id, author_id FROM context_posts").values.tolist()
    assert context == [[original["rest_id"], carol["user_results"]["result"]["rest_id"]]]
    name = scalar(
        fstore, "SELECT name FROM accounts WHERE account_id = ?", [alice["user_results"]["result"]["rest_id"]]
    )
    assert name == alice["user_results"]["result"]["core"]["name"]


# ---------------------------------------------------------------- TikTok Research API
def _research_video(vid: int, created: int, username: str, desc: str, tags: list[str]) -> dict:
    return {
        "id": vid,
        "create_time": created,
        "username": username,
        "region_code": "FR",
        "video_description": desc,
        "hashtag_names": tags,
        "music_id": 7000000000000000001,
        "like_count": 1200,
        "comment_count": 88,
        "share_count": 31,
        "view_count": 54000,
        "voice_to_text": "bonjour à tous",
        "effect_ids": ["0"],
        "playlist_id": 0,
    }


def _research_page(videos: list[dict], cursor: int, more: bool) -> dict:
    return {
        "data": {"videos": videos, "cursor": cursor, "has_more": more, "search_id": "7301234567890123456"},
        "error": {"code": "ok", "message": "", "log_id": "20240710140000ABCDEF0123456789"},
    }


RESEARCH_VIDEOS = [
    _research_video(
        7351234567890123457, 1720620000, "createur_x", "#BalanceTonTikTokeur témoignage", ["balancetontiktokeur"]
    ),
    _research_video(7351234567890123458, 1720623600, "createur_y", "on en parle", ["metoo", "BalanceTonTikTokeur"]),
    _research_video(7351234567890123459, 1720627200, "createur_x", "suite", []),
]


def _assert_research_videos(store, dataset: str, videos: list[dict]) -> None:
    posts = _posts(store, dataset)
    assert all(v["id"] > 2**53 and str(float(v["id"])) != str(v["id"]) for v in videos)
    assert set(posts) == {str(v["id"]) for v in videos}
    for v in videos:
        row = posts[str(v["id"])]
        assert (row["platform"], row["kind"]) == ("tiktok", "original")
        assert row["author_id"] == row["author_handle"] == v["username"]
        assert row["created_at"] == datetime.fromtimestamp(v["create_time"], UTC).replace(tzinfo=None)
        assert row["text"] == v["video_description"]
        assert (row["like_count"], row["reply_count"]) == (v["like_count"], v["comment_count"])
    expected = {str(v["id"]): {t.casefold() for t in v["hashtag_names"]} for v in videos}
    assert _tags(store, dataset) == {k: t for k, t in expected.items() if t}


def test_tiktok_research_api_pages_keep_ids_beyond_2_53(fstore, tmp_path):
    pages = [_research_page(RESEARCH_VIDEOS[:2], 2, True), _research_page(RESEARCH_VIDEOS[2:], 3, False)]
    path = _write_jsonl(tmp_path / "research.jsonl", pages)
    videos = [v for page in _jsonl(path) for v in page["data"]["videos"]]
    report = run_import(fstore, path, dataset_name="r")
    assert report.format == "tiktok_research" and report.loaded == len(videos) and report.rejected == []
    _assert_research_videos(fstore, "r", videos)


def test_tiktok_research_videos_saved_one_per_line_or_as_one_response(fstore, tmp_path):
    flat = _write_jsonl(tmp_path / "videos.jsonl", RESEARCH_VIDEOS)
    report = run_import(fstore, flat, dataset_name="flat")
    assert report.format == "tiktok_research" and report.loaded == len(RESEARCH_VIDEOS)
    _assert_research_videos(fstore, "flat", _jsonl(flat))
    page = tmp_path / "page.json"
    page.write_text(json.dumps(_research_page(RESEARCH_VIDEOS, 3, False), indent=2))
    assert run_import(fstore, page, dataset_name="page").loaded == len(RESEARCH_VIDEOS)


@pytest.mark.parametrize(
    "body,what",
    [
        (
            {"data": {}, "error": {"code": "rate_limit_exceeded", "message": "Too many requests", "log_id": "1"}},
            "TikTok Research API error",
        ),
        (
            {"data": {"display_name": "X", "follower_count": 3, "video_count": 1}, "error": {"code": "ok"}},
            "without videos",
        ),
    ],
)
def test_tiktok_research_responses_without_videos_are_refused(fstore, tmp_path, body, what):
    with pytest.raises(ImportRefused, match=what):
        run_import(fstore, _write_jsonl(tmp_path / "e.jsonl", [body]), dataset_name="e")
    assert scalar(fstore, "SELECT count(*) FROM posts") == 0
