"""twarc2 (Twitter API v2): pages of ``{"data": [...], "includes": {...}}`` and `twarc2 flatten` lines (one tweet
with its author and referenced tweets inline)."""

from __future__ import annotations

from clameur.ingest.errors import NotPosts
from clameur.ingest.formats.base import (
    RT_PREFIX,
    TAG_IN_TEXT,
    Format,
    handle_index,
    kind_of,
    make_post,
    quoted_link_handle,
    text_id,
)


def detect(rec: dict) -> bool:
    """A page of API v2 results; a page of users or of counts is not posts."""
    data = rec.get("data")
    if data is not None and ("includes" in rec or "meta" in rec or "matching_rules" in rec or "errors" in rec):
        sample = data[0] if isinstance(data, list) and data else data
        if isinstance(sample, dict) and "username" in sample and "text" not in sample:
            raise NotPosts("ingest.what.twarc2_users")
        if isinstance(sample, dict) and "tweet_count" in sample:
            raise NotPosts("ingest.what.twarc2_counts")
        if isinstance(data, list) and not data:
            return True
        if isinstance(sample, dict) and "text" in sample:
            return True
    if "tweet_count" in rec and "start" in rec:
        raise NotPosts("ingest.what.twarc2_counts")
    return False


def detect_flat(rec: dict) -> bool:
    return "author_id" in rec and "text" in rec and "id" in rec


def _v2_said(t: dict, text: str, rt, qt, handles: dict) -> tuple[str | None, str | None]:
    """The (handle, id) that a retweet or quote whose original is absent gives of its author: a retweet's
    "RT @handle:" prefix and first mention, a quote's link to the quoted tweet; the id, when the mention lacks it,
    from the file's only account with that handle."""
    ent = t.get("entities") or {}
    if rt:
        m = RT_PREFIX.match(text)
        handle = m.group(1) if m else None
    else:
        handle = quoted_link_handle(ent.get("urls"), qt)
    if not handle:
        return None, None
    first = (ent.get("mentions") or [None])[0]
    said_id = None
    if rt and isinstance(first, dict) and str(first.get("username") or "").lower() == handle.lower():
        said_id = text_id(first.get("id"))
    return handle, said_id or handles.get(handle.lower())


def _v2_tweet(t: dict, users: dict, tweets: dict, handles: dict | None = None) -> dict:
    refs = {r.get("type"): text_id(r.get("id")) for r in t.get("referenced_tweets") or []}
    rt, qt, rp = refs.get("retweeted"), refs.get("quoted"), refs.get("replied_to")
    author = t.get("author") or users.get(text_id(t.get("author_id"))) or {}
    ref_id = rt or qt or rp
    ref = tweets.get(ref_id) or {}
    embedded = next(
        (r for r in t.get("referenced_tweets") or [] if text_id(r.get("id")) == ref_id and "author_id" in r), {}
    )
    ref_author_id = text_id(ref.get("author_id") or embedded.get("author_id"))
    text = t.get("text") or ""
    said = None
    if not ref_author_id and (rt or qt):
        said, ref_author_id = _v2_said(t, text, rt, qt, handles or {})
    if rp and not (rt or qt):
        ref_author_id = ref_author_id or text_id(t.get("in_reply_to_user_id"))
    ref_user = users.get(ref_author_id) or (embedded.get("author") or {})
    ref_handle = ref_user.get("username")
    if rt and not ref_handle:
        m = RT_PREFIX.match(text)
        ref_handle = m.group(1) if m else None
    ref_handle = ref_handle or said
    ent = t.get("entities") or {}
    if rt and ref.get("entities"):  # a retweet's text is truncated; its original carries the full entities
        ent = {**ref["entities"], **{k: v for k, v in ent.items() if k == "mentions"}}
    metrics = t.get("public_metrics") or {}
    pm = author.get("public_metrics") or {}
    withheld = t.get("withheld")
    return make_post(
        platform="x",
        post_id=text_id(t.get("id")),
        created_raw=t.get("created_at"),
        author_id=text_id(t.get("author_id")),
        author_handle=author.get("username"),
        author_name=author.get("name"),
        author_followers=pm.get("followers_count"),
        author_verified=author.get("verified"),
        text=text,
        lang=t.get("lang"),
        kind=kind_of(rt, qt, rp),
        ref_post_id=ref_id,
        ref_author_id=ref_author_id,
        ref_author_handle=ref_handle,
        reply_to_post_id=rp,
        quote_of_post_id=qt,
        retweet_count=metrics.get("retweet_count"),
        like_count=metrics.get("like_count"),
        reply_count=metrics.get("reply_count"),
        quote_count=metrics.get("quote_count"),
        withheld=",".join(withheld.get("country_codes") or ["true"]) if isinstance(withheld, dict) else None,
        hashtags=[h.get("tag") for h in ent.get("hashtags") or [] if h.get("tag")] or TAG_IN_TEXT.findall(text),
        mentions=[{"id": text_id(m.get("id")), "handle": m.get("username")} for m in ent.get("mentions") or []],
        ref_inferred=said is not None,
    )


def twarc2(rec: dict) -> tuple[list[dict], list[dict]]:
    data = rec.get("data")
    includes = rec.get("includes") or {}
    users = {text_id(u.get("id")): u for u in includes.get("users") or []}
    handles = handle_index(users.values())
    tweets = {text_id(t.get("id")): t for t in includes.get("tweets") or []}
    items = data if isinstance(data, list) else [data]
    collected = [_v2_tweet(t, users, tweets, handles) for t in items if isinstance(t, dict)]
    ids = {p["post_id"] for p in collected}
    context = [_v2_tweet(t, users, tweets, handles) for tid, t in tweets.items() if tid not in ids]
    return collected, context


def _v2_account(u: dict) -> dict:
    return {
        "platform": "x",
        "account_id": text_id(u.get("id")),
        "handle": u.get("username"),
        "name": u.get("name"),
        "followers": (u.get("public_metrics") or {}).get("followers_count"),
        "verified": u.get("verified"),
    }


def twarc2_accounts(rec: dict) -> list[dict]:
    """Every account of a twarc2 page (``includes.users``: authors, and the accounts retweeted, quoted, replied to
    and mentioned), with their follower counts."""
    return [_v2_account(u) for u in (rec.get("includes") or {}).get("users") or [] if isinstance(u, dict)]


def twarc2_flat_accounts(rec: dict) -> list[dict]:
    """A flattened tweet's author and the authors of the tweets it references."""
    refs = [r.get("author") for r in rec.get("referenced_tweets") or [] if isinstance(r, dict)]
    return [_v2_account(u) for u in [rec.get("author"), *refs] if isinstance(u, dict)]


def twarc2_flat(rec: dict) -> tuple[list[dict], list[dict]]:
    """`twarc2 flatten` lines: one tweet with ``author`` and referenced tweets expanded inline."""
    users = {}
    tweets = {}
    for r in rec.get("referenced_tweets") or []:
        if isinstance(r, dict) and r.get("id"):
            tweets[text_id(r["id"])] = r
            if isinstance(r.get("author"), dict):
                users[text_id(r["author"].get("id"))] = r["author"]
    known = [*users.values(), *([rec["author"]] if isinstance(rec.get("author"), dict) else [])]
    return [_v2_tweet(rec, users, tweets, handle_index(known))], []


TWARC2 = Format("twarc2", "twarc2 JSONL", detect, twarc2, twarc2_accounts)
TWARC2_FLAT = Format("twarc2_flat", "twarc2 flattened JSONL", detect_flat, twarc2_flat, twarc2_flat_accounts)
