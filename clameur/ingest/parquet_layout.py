"""Clameur's own Parquet layout: one row per post, hashtags and mentions as lists.

Written by `clameur demo --format parquet` and by dataset exports; read back by the Parquet importer.
"""

from __future__ import annotations

COLUMNS: list[tuple[str, str]] = [
    ("platform", "VARCHAR"),
    ("post_id", "VARCHAR"),
    ("created_at", "TIMESTAMP"),
    ("author_id", "VARCHAR"),
    ("author_handle", "VARCHAR"),
    ("author_name", "VARCHAR"),
    ("author_followers", "BIGINT"),
    ("text", "VARCHAR"),
    ("lang", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("ref_post_id", "VARCHAR"),
    ("ref_author_id", "VARCHAR"),
    ("ref_author_handle", "VARCHAR"),
    ("reply_to_post_id", "VARCHAR"),
    ("quote_of_post_id", "VARCHAR"),
    ("retweet_count", "BIGINT"),
    ("like_count", "BIGINT"),
    ("reply_count", "BIGINT"),
    ("quote_count", "BIGINT"),
    ("withheld", "VARCHAR"),
    ("hashtags", "VARCHAR[]"),
    ("mentions", "STRUCT(id VARCHAR, handle VARCHAR)[]"),
]

# How each column is computed from a `posts` row aliased `p` (same dataset).
_EXPRESSIONS = {
    "author_name": "(SELECT any_value(a.name) FROM accounts a WHERE a.dataset_id = p.dataset_id "
    "AND a.account_id = p.author_id)",
    "author_followers": "(SELECT max(a.followers) FROM accounts a WHERE a.dataset_id = p.dataset_id "
    "AND a.account_id = p.author_id)",
    "hashtags": "coalesce((SELECT list(h.tag ORDER BY h.tag) FROM post_hashtags h WHERE h.dataset_id = p.dataset_id "
    "AND h.post_id = p.post_id), [])",
    "mentions": "coalesce((SELECT list(struct_pack(id := m.mentioned_id, handle := m.mentioned_handle)) "
    "FROM post_mentions m WHERE m.dataset_id = p.dataset_id AND m.post_id = p.post_id), [])",
}


def select_list() -> str:
    """`SELECT …` (without FROM) producing the layout from `posts p`."""
    cols = [f"{_EXPRESSIONS.get(name, 'p.' + name)}::{typ} AS {name}" for name, typ in COLUMNS]
    return "SELECT " + ", ".join(cols)
