"""What every import format shares: the shape of a normalised post, the helpers that build one, and
:class:`Format`, the entry of the registry (:mod:`clameur.ingest.formats`).

A parser takes one JSON record and returns ``(collected, context)`` lists of post dicts with the keys of
:data:`POST_KEYS`. Kind precedence: retweet > quote > reply > original.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Posts = tuple[list[dict], list[dict]]


@dataclass(frozen=True)
class Format:
    """One import format: its name (stored, and given to ``clameur import --format``), its label for people,
    ``detect(record)`` (True when the record is of this format; it may raise NotPosts when it recognises a record of
    its source that holds no posts), ``parse(record) -> (collected, context)`` and, for formats whose records
    describe more accounts than their posts' authors, ``accounts(record)`` (dicts of staging.ACCOUNT_COLUMNS)."""

    name: str
    label: str
    detect: Callable[[dict], bool]
    parse: Callable[[dict], Posts]
    accounts: Callable[[dict], list[dict]] | None = None


POST_KEYS = (
    "platform",
    "post_id",
    "created_raw",
    "author_id",
    "author_handle",
    "author_name",
    "author_followers",
    "author_verified",
    "text",
    "lang",
    "kind",
    "ref_post_id",
    "ref_author_id",
    "ref_author_handle",
    "reply_to_post_id",
    "quote_of_post_id",
    "retweet_count",
    "like_count",
    "reply_count",
    "quote_count",
    "withheld",
    "hashtags",
    "mentions",
    "ref_inferred",
)
RT_PREFIX = re.compile(r"^RT @(\w{1,30}):")
TAG_IN_TEXT = re.compile(r"[#＃](\w+)")
# A link to a tweet (a quote's link to the quoted one): its handle and id (as twarc2_duckdb.QUOTED_LINK).
TWEET_LINK = re.compile(r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w{1,30})/status(?:es)?/([0-9]+)")


def text_id(value) -> str | None:
    """Ids as text, exactly: MongoDB extended JSON and numbers included."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("$numberLong") or value.get("$oid") or value.get("$numberInt")
    return None if value is None else str(value)


def make_post(**kw) -> dict:
    row = dict.fromkeys(POST_KEYS)
    row.update(kw)
    row["hashtags"] = row["hashtags"] or []
    row["mentions"] = row["mentions"] or []
    return row


def kind_of(retweet, quote, reply) -> str:
    return "retweet" if retweet else "quote" if quote else "reply" if reply else "original"


def quoted_link_handle(urls, quoted_id: str | None) -> str | None:
    """The handle in the link (an entities.urls entry) to the quoted tweet ``quoted_id``, if the post has one."""
    for u in urls or []:
        m = TWEET_LINK.match(str((u or {}).get("expanded_url") or "")) if isinstance(u, dict) else None
        if m and m.group(2) == quoted_id and m.group(1) != "i":  # twitter.com/i/status/…: no handle
            return m.group(1)
    return None


def handle_index(users) -> dict[str, str | None]:
    """lower(handle) → id among ``users`` (dicts with id and username); None when two accounts share a handle."""
    ids: dict[str, set] = {}
    for u in users:
        if isinstance(u, dict) and u.get("username") and text_id(u.get("id")):
            ids.setdefault(str(u["username"]).lower(), set()).add(text_id(u["id"]))
    return {h: next(iter(found)) if len(found) == 1 else None for h, found in ids.items()}
