"""Write a synthetic campaign as a real export format (benchmarks, importer tests).

``twarc2``: JSON Lines, one API response page per line (``data``, ``includes.users``,
``includes.tweets``, ``meta``), newest first as the search endpoint returns them.
``parquet``: Clameur's own layout (:mod:`clameur.ingest.parquet_layout`).
The JSON is assembled by DuckDB (``COPY … (FORMAT json)``), not serialised tweet by tweet in Python.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from clameur.demo.build import insert_campaign, tiktokeur_spec
from clameur.ingest.parquet_layout import select_list
from clameur.store import Store, ensure_rollups, migrate

PAGE_SIZE = 100
FORMATS = ("twarc2", "twarc2_flat", "parquet", "json")  # json: Clameur's layout, one flat object per line

TWEET = """struct_pack(
    id := {p}.post_id,
    text := {p}.text,
    created_at := strftime({p}.created_at, '%Y-%m-%dT%H:%M:%S.000Z'),
    author_id := {p}.author_id,
    lang := {p}.lang,
    conversation_id := coalesce({p}.reply_to_post_id, {p}.post_id),
    in_reply_to_user_id := CASE WHEN {p}.kind = 'reply' THEN {p}.ref_author_id END,
    public_metrics := struct_pack(retweet_count := {p}.retweet_count, reply_count := {p}.reply_count,
                                  like_count := {p}.like_count, quote_count := {p}.quote_count),
    entities := struct_pack(
        hashtags := list_transform(regexp_extract_all({p}.text, '#(\\w+)', 1), lambda x: struct_pack(
            start := strpos({p}.text, '#' || x) - 1, "end" := strpos({p}.text, '#' || x) + length(x), tag := x)),
        mentions := list_transform(regexp_extract_all({p}.text, '@(\\w+)', 1), lambda x: struct_pack(
            start := strpos({p}.text, '@' || x) - 1, "end" := strpos({p}.text, '@' || x) + length(x),
            username := x, id := {p}.ref_author_id))),
    referenced_tweets := CASE {p}.kind
        WHEN 'retweet' THEN [struct_pack(type := 'retweeted', id := {p}.ref_post_id)]
        WHEN 'quote' THEN [struct_pack(type := 'quoted', id := {p}.ref_post_id)]
        WHEN 'reply' THEN [struct_pack(type := 'replied_to', id := {p}.ref_post_id)] END)"""


def _memory_store() -> Store:
    con = duckdb.connect()
    migrate(con)
    ensure_rollups(con)
    return Store(path=Path(":memory:"), con=con, _local=threading.local(), write_lock=threading.Lock())


def write_export(n_posts: int, fmt: str, out: Path, seed: int = 2020) -> int:
    """Generate a #BalanceTonTikTokeur-shaped campaign of ``n_posts`` and write it to ``out``."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format “{fmt}”: use {', '.join(FORMATS)}.")
    store = _memory_store()
    cur = store.cursor()
    spec = tiktokeur_spec(posts=n_posts, seed=seed)
    insert_campaign(cur, spec, 1)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        cur.execute(
            f"COPY ({select_list()} FROM posts p) TO '{_quote(out)}' (FORMAT parquet)"  # noqa: S608 (our path)
        )
    elif fmt == "json":
        cur.execute(f"COPY ({select_list()} FROM posts p) TO '{_quote(out)}' (FORMAT json)")  # noqa: S608 (our path)
    elif fmt == "twarc2_flat":
        _write_twarc2_flat(cur, out)
    else:
        _write_twarc2(cur, out)
    store.close()
    return n_posts


def _quote(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def _write_twarc2(cur, out: Path) -> None:
    tweet_p = TWEET.format(p="p")
    tweet_o = TWEET.format(p="o")
    cur.execute(
        f"""CREATE TEMP TABLE paged AS
            SELECT p.*, (row_number() OVER (ORDER BY p.created_at DESC, p.post_id DESC) - 1) // {PAGE_SIZE} AS page
            FROM posts p"""  # noqa: S608 (constants only)
    )
    cur.execute(
        f"""COPY (
            WITH users AS (
                SELECT account_id, struct_pack(id := account_id, username := handle, name := name, verified := verified,
                       public_metrics := struct_pack(followers_count := followers)) AS u
                FROM accounts),
            page_users AS (
                SELECT pu.page, list(users.u) AS users
                FROM (SELECT page, author_id AS uid FROM paged
                      UNION SELECT page, ref_author_id FROM paged WHERE ref_author_id IS NOT NULL) pu
                JOIN users ON users.account_id = pu.uid GROUP BY pu.page),
            page_refs AS (
                SELECT p.page, list(DISTINCT {tweet_o}) AS tweets
                FROM paged p JOIN posts o ON o.post_id = p.ref_post_id GROUP BY p.page),
            pages AS (
                SELECT p.page, list({tweet_p} ORDER BY p.created_at DESC, p.post_id DESC) AS data,
                       max(p.post_id) AS newest_id, min(p.post_id) AS oldest_id, count(*) AS result_count
                FROM paged p GROUP BY p.page)
            SELECT pg.data,
                   struct_pack(users := pu.users, tweets := pr.tweets) AS includes,
                   struct_pack(result_count := pg.result_count, newest_id := pg.newest_id,
                               oldest_id := pg.oldest_id, next_token := 'demo' || (pg.page + 1)::VARCHAR) AS meta
            FROM pages pg JOIN page_users pu USING (page) LEFT JOIN page_refs pr USING (page)
            ORDER BY pg.page
        ) TO '{_quote(out)}' (FORMAT json)"""  # noqa: S608 (constants and our own path)
    )


def _write_twarc2_flat(cur, out: Path) -> None:
    """`twarc2 flatten` lines: one tweet per line with its author and its referenced tweet (with its author)."""
    tweet = TWEET.split(",\n    referenced_tweets := ")[0].format(p="p")  # the flat line carries its own refs
    user = "struct_pack(id := {a}.account_id, username := {a}.handle, name := {a}.name, verified := {a}.verified, public_metrics := struct_pack(followers_count := {a}.followers))"  # noqa: E501
    cur.execute(
        f"""COPY (
            SELECT unnest({tweet}, author := {user.format(a="a")},
                   referenced_tweets := CASE WHEN o.post_id IS NOT NULL THEN [struct_pack(
                       type := CASE p.kind WHEN 'retweet' THEN 'retweeted' WHEN 'quote' THEN 'quoted'
                                           ELSE 'replied_to' END,
                       id := o.post_id, text := o.text, author_id := o.author_id,
                       created_at := strftime(o.created_at, '%Y-%m-%dT%H:%M:%S.000Z'),
                       author := {user.format(a="oa")})] END))
            FROM posts p JOIN accounts a ON a.account_id = p.author_id
            LEFT JOIN posts o ON o.post_id = p.ref_post_id LEFT JOIN accounts oa ON oa.account_id = o.author_id
            ORDER BY p.created_at DESC, p.post_id DESC
        ) TO '{_quote(out)}' (FORMAT json)"""  # noqa: S608 (constants and our own path)
    )
