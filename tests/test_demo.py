"""The demo campaign: deterministic, the right size and shape, the sourced events, no real people.

Expected values come from the issue (≈20,000 posts in 24 h, ≈60 % retweets) and are checked with
independent SQL on the stored rows.
"""

from __future__ import annotations

import json

import pandas as pd

from clameur.demo.build import demo_specs, tiktokeur_spec
from clameur.demo.campaign import generate
from clameur.store import query

TIKTOKEUR = "balancetontiktokeur"


def _posts(store, name=TIKTOKEUR) -> pd.DataFrame:
    return query(store, "SELECT p.* FROM posts p JOIN datasets d USING (dataset_id) WHERE d.name = ?", [name])


def test_generation_is_deterministic():
    a = generate(tiktokeur_spec(posts=3000))
    b = generate(tiktokeur_spec(posts=3000))
    pd.testing.assert_frame_equal(a["posts"], b["posts"])
    c = generate(tiktokeur_spec(posts=3000, seed=7))
    assert not a["posts"]["author"].equals(c["posts"]["author"])


def test_demo_datasets_are_there_and_flagged_synthetic(demo_store):
    ds = query(demo_store, "SELECT name, platforms, synthetic, timezone FROM datasets ORDER BY dataset_id")
    assert ds["name"].tolist() == [s.name for s in demo_specs()]
    assert ds["synthetic"].all() and (ds["timezone"] == "Europe/Paris").all()
    assert set(ds["platforms"]) == {"x", "tiktok"}


def test_about_20000_posts_in_the_first_24_hours_from_the_launch(demo_store):
    posts = _posts(demo_store)
    first = posts["created_at"].min()
    assert first == pd.Timestamp("2020-06-17 16:00")  # 18:00 in Paris
    in_24h = (posts["created_at"] < first + pd.Timedelta(hours=24)).sum()
    assert 19_000 <= in_24h <= 21_000


def test_about_60_percent_retweets(demo_store):
    share = (_posts(demo_store)["kind"] == "retweet").mean()
    assert 0.55 <= share <= 0.65


def test_popularity_is_heavy_tailed(demo_store):
    posts = _posts(demo_store)
    received = posts[posts["kind"] == "retweet"].groupby("ref_author_id").size().sort_values(ascending=False)
    top = max(1, len(received) // 100)
    assert received.iloc[:top].sum() / received.sum() > 0.3  # the top 1 % collect > 30 % of retweets


def test_activity_is_heavy_tailed(demo_store):
    per_author = _posts(demo_store).groupby("author_id").size()
    assert per_author.max() >= 20 * per_author.median()


def test_day_night_cycle_and_second_wave(demo_store):
    posts = _posts(demo_store)
    local = posts["created_at"].dt.tz_localize("UTC").dt.tz_convert("Europe/Paris")
    day2 = local[(local >= "2020-06-18 00:00+02:00") & (local < "2020-06-19 00:00+02:00")]
    later = local[local >= "2020-06-20 00:00+02:00"]
    night = ((later.dt.hour >= 2) & (later.dt.hour < 6)).sum() / 4
    evening = ((later.dt.hour >= 18) & (later.dt.hour < 22)).sum() / 4
    assert night < 0.4 * evening  # the day/night cycle, once the launch burst has passed
    after_minister = ((day2 >= "2020-06-18 10:30+02:00") & (day2 < "2020-06-18 12:30+02:00")).sum() / 2
    before = ((day2 >= "2020-06-18 07:00+02:00") & (day2 < "2020-06-18 09:00+02:00")).sum() / 2
    assert after_minister > 2 * before  # the second wave after the minister's reaction


def test_replies_quotes_and_cohashtags(demo_store):
    kinds = _posts(demo_store)["kind"].value_counts()
    assert kinds["reply"] > 1000 and kinds["quote"] > 500
    tags = set(query(demo_store, "SELECT DISTINCT tag FROM post_hashtags")["tag"])
    assert {"balancetontiktokeur", "tiktok", "balancetonyoutubeur", "metoo"} <= tags


def test_every_retweet_points_to_a_stored_post_of_its_original_author(demo_store):
    broken = query(
        demo_store,
        """SELECT count(*) AS n FROM posts r LEFT JOIN posts o
             ON o.dataset_id = r.dataset_id AND o.post_id = r.ref_post_id
           WHERE r.kind = 'retweet' AND (o.post_id IS NULL OR o.author_id <> r.ref_author_id
                                         OR r.text NOT LIKE 'RT @' || o.author_handle || ':%')""",
    )["n"].iloc[0]
    assert broken == 0


def test_sourced_events_and_stand_in_actors(demo_store):
    events = query(demo_store, "SELECT * FROM events ORDER BY starts_at")
    assert events["event_type"].tolist()[:3] == ["campaign_start", "volume_milestone", "institutional_reaction"]
    assert {"meeting", "platform_statement", "enforcement"} <= set(events["event_type"])
    assert events["source_url"].str.startswith("https://").all()  # every one, see tests/test_demo_events.py
    twitch = events[events["actor_name"] == "Twitch"]
    assert len(twitch) == 2 and (twitch["confidence"] == "medium").all()
    reaction = events[events["event_type"] == "institutional_reaction"].iloc[0]
    assert reaction["starts_at"] == pd.Timestamp("2020-06-18 08:30")  # 10:30 in Paris
    actors = query(demo_store, "SELECT name, synthetic FROM actors")
    assert actors["synthetic"].all() and actors["name"].str.contains("(démo)", regex=False).all()


def test_stand_ins_are_labelled_and_the_minister_is_never_a_handle(demo_store):
    accounts = query(demo_store, "SELECT handle, name FROM accounts")
    assert not accounts["handle"].str.contains("schiappa", case=False).any()
    institutional = accounts[accounts["handle"].str.endswith("_demo")]
    assert institutional["name"].str.endswith("(démo)").all()


def test_the_twarc2_export_is_a_real_twarc2_page_file(tmp_path):
    from clameur.demo.export import write_export

    out = tmp_path / "c.jsonl"
    write_export(1234, "twarc2", out)
    pages = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    tweets = [t for p in pages for t in p["data"]]
    assert len(tweets) == 1234 and len(pages) == 13
    assert all(isinstance(t["id"], str) and len(t["id"]) == 19 for t in tweets)
    user_ids = {u["id"] for p in pages for u in p["includes"]["users"]}
    assert {t["author_id"] for t in tweets} <= user_ids
    rts = [t for t in tweets if t.get("referenced_tweets") and t["referenced_tweets"][0]["type"] == "retweeted"]
    assert all(t["text"].startswith("RT @") for t in rts)
    assert pages[0]["meta"]["result_count"] == 100
