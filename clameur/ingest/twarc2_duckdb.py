"""twarc2 response pages read by DuckDB's ``read_json`` with an explicit schema, in one scan.

The same semantics as :func:`clameur.ingest.formats.twarc2` (kind precedence, a retweet's author from
``includes``, else from ``RT @author:`` and its first mention, a quote's from the quoted link, a retweet's
hashtags from its original, hashtags from the text when entities are absent), but without a Python loop per
tweet. Users and referenced tweets are looked
up across the whole file rather than per page. Anything unexpected (a malformed line, a line that is
not a page of tweets, a tweet without an id) returns ``False`` so the caller falls back to the
line-by-line reader, which names the offending lines.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from clameur import settings
from clameur.ingest.errors import READ_ERRORS
from clameur.ingest.staging import insert_staged, whole_number_sql
from clameur.sql import quote_ident

_TWEET_FIELDS = {
    "id": "VARCHAR",
    "text": "VARCHAR",
    "created_at": "VARCHAR",
    "author_id": "VARCHAR",
    "lang": "VARCHAR",
    "in_reply_to_user_id": "VARCHAR",
    "referenced_tweets": "STRUCT(type VARCHAR, id VARCHAR)[]",
    "entities": "STRUCT(hashtags STRUCT(tag VARCHAR)[], mentions STRUCT(username VARCHAR, id VARCHAR)[], "
    "urls STRUCT(expanded_url VARCHAR)[])",
    # counts as DOUBLE: read as BIGINT, 1.5 would become 2; kept only when whole (whole_number_sql)
    "public_metrics": "STRUCT(retweet_count DOUBLE, reply_count DOUBLE, like_count DOUBLE, quote_count DOUBLE)",
    "withheld": "STRUCT(country_codes VARCHAR[])",
}
_TWEET = "STRUCT(" + ", ".join(f"{k} {v}" for k, v in _TWEET_FIELDS.items()) + ")"
_USER = (
    "STRUCT(id VARCHAR, username VARCHAR, name VARCHAR, verified BOOLEAN, "
    "public_metrics STRUCT(followers_count DOUBLE))"
)
COLUMNS = {"data": f"{_TWEET}[]", "includes": f"STRUCT(users {_USER}[], tweets {_TWEET}[])"}
# `twarc2 flatten` lines: one tweet per line with its `author`, referenced tweets expanded with theirs.
_FLAT_REF = "STRUCT(type VARCHAR, " + ", ".join(f"{k} {v}" for k, v in _TWEET_FIELDS.items()) + f", author {_USER})"
FLAT_COLUMNS = {**_TWEET_FIELDS, "referenced_tweets": f"{_FLAT_REF}[]", "author": _USER}


def _ref(v: str, kind: str) -> str:
    """The id of ``v``'s referenced tweet of type ``kind`` (positions read directly: lambdas cost more)."""
    refs = f"{v}.referenced_tweets"
    first = " ".join(f"WHEN {refs}[{i}].type = '{kind}' THEN {refs}[{i}].id" for i in (1, 2, 3))
    return f"CASE {first} WHEN len({refs}) > 3 THEN list_filter({refs}, lambda r: r.type = '{kind}')[1].id END"


# One scan of the file: each line's tweets (t), context tweets (c) and users (u) unnested side by side, so a
# row holds up to one of each; `bad` marks a line that is not a page of tweets.
_SCAN = """CREATE OR REPLACE TEMP TABLE twarc2_rows AS
    SELECT unnest(data) AS t, unnest(includes.tweets) AS c, unnest(includes.users) AS u,
           unnest(CASE WHEN data IS NULL THEN [true] END) AS bad
    FROM read_json(?, format = 'newline_delimited', columns = ?, maximum_object_size = ?, compression = 'none')"""

# Flattened lines: the line is the tweet; its referenced tweets (kept to look up authors and a retweet's hashtags,
# not as context: the line-by-line reader keeps none) and the authors of both, side by side.
_FLAT_SCAN = """CREATE OR REPLACE TEMP TABLE twarc2_rows AS
    SELECT unnest([j]) AS t, unnest(j.referenced_tweets) AS c,
           unnest(list_concat([j.author], list_transform(j.referenced_tweets, lambda r: r.author))) AS u,
           NULL::BOOLEAN AS bad
    FROM read_json(?, format = 'newline_delimited', columns = ?, maximum_object_size = ?, compression = 'none') j"""

_TAG_IN_TEXT = "regexp_extract_all(t.text, '[#＃]([\\p{L}\\p{N}\\p{M}_]+)', 1)"


def _tweets(v: str) -> str:
    """The fields of the tweets in column ``v`` of ``twarc2_rows``, one row each."""
    m = f"{v}.public_metrics"
    return f"""SELECT {v}.id AS id, {v}.text AS text, {v}.created_at AS created_raw, {v}.author_id AS author_id,
            {v}.lang AS lang, {v}.in_reply_to_user_id AS in_reply_to_user_id, {_ref(v, "retweeted")} AS rt,
            {_ref(v, "quoted")} AS qt, {_ref(v, "replied_to")} AS rp, {v}.entities IS NOT NULL AS has_entities,
            {v}.entities.hashtags AS hashtags, {v}.entities.mentions AS mentions, {v}.entities.urls AS urls,
            {whole_number_sql(m + ".retweet_count")} AS retweet_count,
            {whole_number_sql(m + ".reply_count")} AS reply_count,
            {whole_number_sql(m + ".like_count")} AS like_count,
            {whole_number_sql(m + ".quote_count")} AS quote_count,
            CASE WHEN {v}.withheld IS NOT NULL
                 THEN coalesce(nullif(array_to_string({v}.withheld.country_codes, ','), ''), 'true') END AS withheld
        FROM twarc2_rows WHERE {v} IS NOT NULL"""


_RT_HANDLE = "nullif(regexp_extract(t.text, '^RT @(\\w{1,30}):', 1), '')"
# A link to the quoted tweet, as twarc2 keeps it in entities.urls: its handle (group 1) and tweet id (group 2).
QUOTED_LINK = r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w{1,30})/status(?:es)?/([0-9]+)"
# The handle of the quoted link whose tweet id is the quote's reference ('i' is twitter.com/i/status/…: no handle).
_QT_HANDLE = f"""nullif(nullif(regexp_extract(
    list_filter(t.urls, lambda u: regexp_extract(u.expanded_url, '{QUOTED_LINK}', 2) = t.qt)[1].expanded_url,
    '{QUOTED_LINK}', 1), ''), 'i')"""

USERS = f"""SELECT u.id AS id, any_value(u.username) AS username, any_value(u.name) AS name, bool_or(u.verified)
                   AS verified, max({whole_number_sql("u.public_metrics.followers_count")}) AS followers
           FROM twarc2_rows WHERE u IS NOT NULL AND u.id IS NOT NULL GROUP BY 1"""

# A retweet or quote whose original is not in the file (withheld, deleted or protected) names its author itself:
# a retweet in its "RT @handle:" prefix, whose first mention carries the id; a quote in the link to the quoted
# tweet. The id is then the first mention's, else that of the file's only account with that handle.
_STAGED = f"""WITH users AS ({USERS}),
         handles AS (SELECT lower(username) AS handle, CASE WHEN count(*) = 1 THEN any_value(id) END AS id
                     FROM users WHERE username IS NOT NULL GROUP BY 1),
         refs AS (SELECT c.id AS id, any_value(c.author_id) AS author_id,
                         bool_or(c.entities IS NOT NULL) AS has_entities,
                         any_value(c.entities.hashtags) AS hashtags, any_value(c.entities.mentions) AS mentions
                  FROM twarc2_rows WHERE c IS NOT NULL GROUP BY 1),
         tw AS (SELECT t.*, coalesce(t.rt, t.qt, t.rp) AS ref_id,
                       coalesce(r.author_id, CASE WHEN t.rp IS NOT NULL AND t.rt IS NULL AND t.qt IS NULL
                                                  THEN t.in_reply_to_user_id END) AS known_author,
                       CASE WHEN r.author_id IS NULL AND t.rt IS NOT NULL THEN {_RT_HANDLE}
                            WHEN r.author_id IS NULL AND t.qt IS NOT NULL THEN {_QT_HANDLE} END AS said,
                       CASE WHEN t.rt IS NOT NULL AND r.has_entities THEN r.hashtags ELSE t.hashtags END AS tags,
                       CASE WHEN t.rt IS NOT NULL AND r.has_entities AND t.mentions IS NULL
                            THEN r.mentions ELSE t.mentions END AS named
                FROM (__TWEETS__) t LEFT JOIN refs r ON r.id = coalesce(t.rt, t.qt, t.rp)),
         tw_said AS (SELECT t.*, coalesce(t.known_author, CASE WHEN t.rt IS NOT NULL
                                                                AND lower(t.mentions[1].username) = lower(t.said)
                                                               THEN t.mentions[1].id END, h.id) AS ref_author
                     FROM tw t LEFT JOIN handles h ON h.handle = lower(t.said))
    SELECT 'x' AS platform, t.id AS post_id, t.created_raw, NULL::TIMESTAMP AS created_at, t.author_id,
           a.username AS author_handle, a.name AS author_name, a.followers AS author_followers,
           a.verified AS author_verified, t.text, t.lang,
           CASE WHEN t.rt IS NOT NULL THEN 'retweet' WHEN t.qt IS NOT NULL THEN 'quote'
                WHEN t.rp IS NOT NULL THEN 'reply' ELSE 'original' END AS kind,
           t.ref_id AS ref_post_id, t.ref_author AS ref_author_id,
           coalesce(ru.username, CASE WHEN t.rt IS NOT NULL THEN {_RT_HANDLE} END, t.said) AS ref_author_handle,
           t.said IS NOT NULL AS ref_inferred,
           t.rp AS reply_to_post_id, t.qt AS quote_of_post_id, t.retweet_count, t.like_count, t.reply_count,
           t.quote_count, t.withheld,
           CASE WHEN len(coalesce(t.tags, [])) > 0 THEN list_transform(t.tags, lambda h: h.tag)
                ELSE {_TAG_IN_TEXT} END AS hashtags,
           list_transform(coalesce(t.named, []), lambda m: struct_pack(id := m.id, handle := m.username)) AS mentions
    FROM tw_said t LEFT JOIN users a ON a.id = t.author_id LEFT JOIN users ru ON ru.id = t.ref_author"""


def stage_twarc2_pages(cur: duckdb.DuckDBPyConnection, path: Path, flat: bool = False) -> int | None:
    """Fill the staging tables from a file of twarc2 pages (or, ``flat``, of `twarc2 flatten` lines); return the
    number of collected tweets, or None (staging left empty) when the file needs the line-by-line reader."""
    try:
        if flat:
            cur.execute(_FLAT_SCAN, [str(path), FLAT_COLUMNS, settings.MAX_RECORD_BYTES])
        else:
            cur.execute(_SCAN, [str(path), COLUMNS, settings.MAX_RECORD_BYTES])
        bad, collected = cur.execute(
            "SELECT count(*) FILTER (bad OR (t IS NOT NULL AND (t.id IS NULL OR t.text IS NULL))), count(t) "
            "FROM twarc2_rows"
        ).fetchone()
        if bad:
            return None
        insert_staged(cur, "staged_posts", _STAGED.replace("__TWEETS__", _tweets("t")))
        if not flat:
            collected_ids = "SELECT t.id FROM twarc2_rows WHERE t.id IS NOT NULL"
            context = _tweets("c") + f" AND c.id IS NOT NULL AND c.id NOT IN ({collected_ids})"
            insert_staged(cur, "staged_context", _STAGED.replace("__TWEETS__", context))
        cur.execute(f"INSERT INTO staged_accounts SELECT 'x', id, username, name, followers, verified FROM ({USERS})")
        return int(collected)
    except READ_ERRORS:
        for table in ("staged_posts", "staged_context", "staged_accounts"):
            cur.execute(f"DELETE FROM {quote_ident(table)}")  # noqa: S608 (our table names)
        return None
    finally:
        cur.execute("DROP TABLE IF EXISTS twarc2_rows")
