"""twarc2 response pages read by DuckDB's ``read_json`` with an explicit schema, in one scan.

The same semantics as :func:`clameur.ingest.formats.twarc2` (kind precedence, a retweet's author from
``includes``, else from ``RT @author:``, a retweet's hashtags from its original, hashtags from the text
when entities are absent), but without a Python loop per tweet. Users and referenced tweets are looked
up across the whole file rather than per page. Anything unexpected (a malformed line, a line that is
not a page of tweets, a tweet without an id) returns ``False`` so the caller falls back to the
line-by-line reader, which names the offending lines.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from clameur import settings

_TWEET_FIELDS = {
    "id": "VARCHAR",
    "text": "VARCHAR",
    "created_at": "VARCHAR",
    "author_id": "VARCHAR",
    "lang": "VARCHAR",
    "in_reply_to_user_id": "VARCHAR",
    "referenced_tweets": "STRUCT(type VARCHAR, id VARCHAR)[]",
    "entities": "STRUCT(hashtags STRUCT(tag VARCHAR)[], mentions STRUCT(username VARCHAR, id VARCHAR)[])",
    "public_metrics": "STRUCT(retweet_count BIGINT, reply_count BIGINT, like_count BIGINT, quote_count BIGINT)",
    "withheld": "STRUCT(country_codes VARCHAR[])",
}
_TWEET = "STRUCT(" + ", ".join(f"{k} {v}" for k, v in _TWEET_FIELDS.items()) + ")"
_USER = (
    "STRUCT(id VARCHAR, username VARCHAR, name VARCHAR, verified BOOLEAN, "
    "public_metrics STRUCT(followers_count BIGINT))"
)
COLUMNS = {"data": f"{_TWEET}[]", "includes": f"STRUCT(users {_USER}[], tweets {_TWEET}[])"}
# `twarc2 flatten` lines: one tweet per line with its `author`, referenced tweets expanded with theirs.
_FLAT_REF = "STRUCT(type VARCHAR, " + ", ".join(f"{k} {v}" for k, v in _TWEET_FIELDS.items()) + f", author {_USER})"
FLAT_COLUMNS = {**_TWEET_FIELDS, "referenced_tweets": f"{_FLAT_REF}[]", "author": _USER}


def _tweet_row(src: int, v: str) -> str:
    def ref(kind: str) -> str:
        return f"list_filter({v}.referenced_tweets, lambda r: r.type = '{kind}')[1].id"

    return f"""struct_pack(src := {src}, id := {v}.id, text := {v}.text, created_at := {v}.created_at,
        author_id := {v}.author_id, lang := {v}.lang, in_reply_to_user_id := {v}.in_reply_to_user_id,
        rt := {ref("retweeted")}, qt := {ref("quoted")}, rp := {ref("replied_to")},
        has_entities := {v}.entities IS NOT NULL,
        hashtags := list_transform({v}.entities.hashtags, lambda h: h.tag),
        mentions := list_transform({v}.entities.mentions, lambda m: struct_pack(id := m.id, handle := m.username)),
        retweet_count := {v}.public_metrics.retweet_count, reply_count := {v}.public_metrics.reply_count,
        like_count := {v}.public_metrics.like_count, quote_count := {v}.public_metrics.quote_count,
        withheld := CASE WHEN {v}.withheld IS NOT NULL
                         THEN coalesce(nullif(array_to_string({v}.withheld.country_codes, ','), ''), 'true') END,
        username := NULL::VARCHAR, name := NULL::VARCHAR, verified := NULL::BOOLEAN, followers := NULL::BIGINT)"""


def _other_row(src: int, u: str) -> str:
    return f"""struct_pack(src := {src}, id := {u}.id, text := NULL::VARCHAR, created_at := NULL::VARCHAR,
        author_id := NULL::VARCHAR, lang := NULL::VARCHAR, in_reply_to_user_id := NULL::VARCHAR,
        rt := NULL::VARCHAR, qt := NULL::VARCHAR, rp := NULL::VARCHAR, has_entities := NULL::BOOLEAN,
        hashtags := NULL::VARCHAR[], mentions := NULL::STRUCT(id VARCHAR, handle VARCHAR)[],
        retweet_count := NULL::BIGINT, reply_count := NULL::BIGINT, like_count := NULL::BIGINT,
        quote_count := NULL::BIGINT, withheld := NULL::VARCHAR, username := {u}.username, name := {u}.name,
        verified := {u}.verified, followers := {u}.public_metrics.followers_count)"""


# src: 0 collected tweet, 1 context tweet (includes.tweets), 2 user, 3 a line without `data` (not a page)
_SCAN = f"""CREATE OR REPLACE TEMP TABLE twarc2_rows AS
    SELECT unnest(list_concat(
        list_transform(data, lambda t: {_tweet_row(0, "t")}),
        list_transform(includes.tweets, lambda t: {_tweet_row(1, "t")}),
        list_transform(includes.users, lambda u: {_other_row(2, "u")}),
        CASE WHEN data IS NULL THEN [{_other_row(3, f"(NULL::{_USER})")}] END), recursive := true)
    FROM read_json(?, format = 'newline_delimited', columns = ?, maximum_object_size = ?)"""

# The same rows from flattened lines (the table alias `j` is the line): the tweet, its referenced tweets (kept
# to look up authors and a retweet's hashtags, not as context: the line-by-line reader keeps none), the authors.
_FLAT_SCAN = f"""CREATE OR REPLACE TEMP TABLE twarc2_rows AS
    SELECT unnest(list_concat(
        [{_tweet_row(0, "j")}],
        list_transform(j.referenced_tweets, lambda r: {_tweet_row(1, "r")}),
        [{_other_row(2, "j.author")}],
        list_transform(j.referenced_tweets, lambda r: {_other_row(2, "r.author")})), recursive := true)
    FROM read_json(?, format = 'newline_delimited', columns = ?, maximum_object_size = ?) j"""

_TAG_IN_TEXT = "regexp_extract_all(t.text, '[#＃]([\\p{L}\\p{N}\\p{M}_]+)', 1)"

_STAGE = f"""INSERT INTO __TABLE__ (platform, post_id, created_raw, author_id, author_handle, author_name,
        author_followers, author_verified, text, lang, kind, ref_post_id, ref_author_id, ref_author_handle,
        reply_to_post_id, quote_of_post_id, retweet_count, like_count, reply_count, quote_count, withheld,
        hashtags, mentions)
    WITH users AS (SELECT id, any_value(username) AS username, any_value(name) AS name,
                          bool_or(verified) AS verified, max(followers) AS followers
                   FROM twarc2_rows WHERE src = 2 GROUP BY id),
         refs AS (SELECT id, any_value(author_id) AS author_id, bool_or(has_entities) AS has_entities,
                         any_value(hashtags) AS hashtags, any_value(mentions) AS mentions
                  FROM twarc2_rows WHERE src = 1 GROUP BY id),
         tw AS (SELECT t.*, coalesce(t.rt, t.qt, t.rp) AS ref_id,
                       coalesce(r.author_id, CASE WHEN t.rp IS NOT NULL AND t.rt IS NULL AND t.qt IS NULL
                                                  THEN t.in_reply_to_user_id END) AS ref_author,
                       r.has_entities AS ref_has_entities, r.hashtags AS ref_hashtags,
                       r.mentions AS ref_mentions
                FROM twarc2_rows t LEFT JOIN refs r ON r.id = coalesce(t.rt, t.qt, t.rp)
                WHERE t.src = __SRC__ __EXTRA__)
    SELECT 'x', t.id, t.created_at, t.author_id, a.username, a.name, a.followers, a.verified, t.text, t.lang,
           CASE WHEN t.rt IS NOT NULL THEN 'retweet' WHEN t.qt IS NOT NULL THEN 'quote'
                WHEN t.rp IS NOT NULL THEN 'reply' ELSE 'original' END,
           t.ref_id, t.ref_author,
           coalesce(ru.username, CASE WHEN t.rt IS NOT NULL
                                      THEN nullif(regexp_extract(t.text, '^RT @(\\w{{1,30}}):', 1), '') END),
           t.rp, t.qt, t.retweet_count, t.like_count, t.reply_count, t.quote_count, t.withheld,
           CASE WHEN len(coalesce(CASE WHEN t.rt IS NOT NULL AND t.ref_has_entities THEN t.ref_hashtags
                                       ELSE t.hashtags END, [])) > 0
                THEN CASE WHEN t.rt IS NOT NULL AND t.ref_has_entities THEN t.ref_hashtags ELSE t.hashtags END
                ELSE {_TAG_IN_TEXT} END,
           coalesce(CASE WHEN t.rt IS NOT NULL AND t.ref_has_entities AND t.mentions IS NULL
                         THEN t.ref_mentions ELSE t.mentions END, [])
    FROM tw t LEFT JOIN users a ON a.id = t.author_id LEFT JOIN users ru ON ru.id = t.ref_author"""


def _stage_sql(table: str, src: int, extra: str) -> str:
    return _STAGE.replace("__TABLE__", table).replace("__SRC__", str(src)).replace("__EXTRA__", extra)


def stage_twarc2_pages(cur: duckdb.DuckDBPyConnection, path: Path, flat: bool = False) -> int | None:
    """Fill the staging tables from a file of twarc2 pages (or, ``flat``, of `twarc2 flatten` lines); return the
    number of collected tweets, or None (staging left empty) when the file needs the line-by-line reader."""
    try:
        if flat:
            cur.execute(_FLAT_SCAN, [str(path), FLAT_COLUMNS, settings.MAX_RECORD_BYTES])
        else:
            cur.execute(_SCAN, [str(path), COLUMNS, settings.MAX_RECORD_BYTES])
        bad = cur.execute(
            "SELECT count(*) FROM twarc2_rows WHERE src = 3 OR (src = 0 AND (id IS NULL OR text IS NULL))"
        ).fetchone()[0]
        if bad:
            return None
        cur.execute(_stage_sql("staged_posts", 0, ""))
        collected = "SELECT id FROM twarc2_rows WHERE src = 0 AND id IS NOT NULL"
        if not flat:
            cur.execute(_stage_sql("staged_context", 1, f"AND t.id IS NOT NULL AND t.id NOT IN ({collected})"))
        return int(cur.execute("SELECT count(*) FROM twarc2_rows WHERE src = 0").fetchone()[0])
    except duckdb.Error:
        cur.execute("DELETE FROM staged_posts")
        cur.execute("DELETE FROM staged_context")
        return None
    finally:
        cur.execute("DROP TABLE IF EXISTS twarc2_rows")
