"""Source formats: recognise a record's shape and turn it into normalised posts.

Each parser takes one JSON record and returns ``(collected, context)`` lists of post dicts with the
keys of :data:`POST_KEYS`. Kind precedence: retweet > quote > reply > original.
"""

from __future__ import annotations

import html
import re

from clameur.ingest.errors import NotPosts

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


def _id(value) -> str | None:
    """Ids as text, exactly: MongoDB extended JSON and numbers included."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("$numberLong") or value.get("$oid") or value.get("$numberInt")
    return None if value is None else str(value)


def _post(**kw) -> dict:
    row = dict.fromkeys(POST_KEYS)
    row.update(kw)
    row["hashtags"] = row["hashtags"] or []
    row["mentions"] = row["mentions"] or []
    return row


def _kind(retweet, quote, reply) -> str:
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
        if isinstance(u, dict) and u.get("username") and _id(u.get("id")):
            ids.setdefault(str(u["username"]).lower(), set()).add(_id(u["id"]))
    return {h: next(iter(found)) if len(found) == 1 else None for h, found in ids.items()}


# ---------------------------------------------------------------- twarc2 (API v2)
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
        said_id = _id(first.get("id"))
    return handle, said_id or handles.get(handle.lower())


def _v2_tweet(t: dict, users: dict, tweets: dict, handles: dict | None = None) -> dict:
    refs = {r.get("type"): _id(r.get("id")) for r in t.get("referenced_tweets") or []}
    rt, qt, rp = refs.get("retweeted"), refs.get("quoted"), refs.get("replied_to")
    author = t.get("author") or users.get(_id(t.get("author_id"))) or {}
    ref_id = rt or qt or rp
    ref = tweets.get(ref_id) or {}
    embedded = next(
        (r for r in t.get("referenced_tweets") or [] if _id(r.get("id")) == ref_id and "author_id" in r), {}
    )
    ref_author_id = _id(ref.get("author_id") or embedded.get("author_id"))
    text = t.get("text") or ""
    said = None
    if not ref_author_id and (rt or qt):
        said, ref_author_id = _v2_said(t, text, rt, qt, handles or {})
    if rp and not (rt or qt):
        ref_author_id = ref_author_id or _id(t.get("in_reply_to_user_id"))
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
    return _post(
        platform="x",
        post_id=_id(t.get("id")),
        created_raw=t.get("created_at"),
        author_id=_id(t.get("author_id")),
        author_handle=author.get("username"),
        author_name=author.get("name"),
        author_followers=pm.get("followers_count"),
        author_verified=author.get("verified"),
        text=text,
        lang=t.get("lang"),
        kind=_kind(rt, qt, rp),
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
        mentions=[{"id": _id(m.get("id")), "handle": m.get("username")} for m in ent.get("mentions") or []],
        ref_inferred=said is not None,
    )


def twarc2(rec: dict) -> tuple[list[dict], list[dict]]:
    data = rec.get("data")
    includes = rec.get("includes") or {}
    users = {_id(u.get("id")): u for u in includes.get("users") or []}
    handles = handle_index(users.values())
    tweets = {_id(t.get("id")): t for t in includes.get("tweets") or []}
    items = data if isinstance(data, list) else [data]
    collected = [_v2_tweet(t, users, tweets, handles) for t in items if isinstance(t, dict)]
    ids = {p["post_id"] for p in collected}
    context = [_v2_tweet(t, users, tweets, handles) for tid, t in tweets.items() if tid not in ids]
    return collected, context


def _v2_account(u: dict) -> dict:
    return {
        "platform": "x",
        "account_id": _id(u.get("id")),
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
            tweets[_id(r["id"])] = r
            if isinstance(r.get("author"), dict):
                users[_id(r["author"].get("id"))] = r["author"]
    known = [*users.values(), *([rec["author"]] if isinstance(rec.get("author"), dict) else [])]
    return [_v2_tweet(rec, users, tweets, handle_index(known))], []


# ---------------------------------------------------------------- Twitter API v1.1
def _v1_text_entities(s: dict) -> tuple[str, dict]:
    ext = s.get("extended_tweet") or {}
    text = ext.get("full_text") or s.get("full_text") or s.get("text") or ""
    return text, ext.get("entities") or s.get("entities") or {}


def _v1_status(s: dict) -> dict:
    user = s.get("user") or {}
    rt = s.get("retweeted_status")
    qt = s.get("quoted_status")
    rp = _id(s.get("in_reply_to_status_id_str") or s.get("in_reply_to_status_id"))
    ref = rt or qt
    text, ent = _v1_text_entities(s)
    if rt:
        _, ent_rt = _v1_text_entities(rt)
        ent = {"hashtags": ent_rt.get("hashtags") or ent.get("hashtags"), "user_mentions": ent.get("user_mentions")}
    ref_user = (ref or {}).get("user") or {}
    ref_id = _id((ref or {}).get("id_str") or (ref or {}).get("id")) if ref else rp
    if qt and not rt:
        ref_id = ref_id or _id(s.get("quoted_status_id_str"))
    ref_author_id = (
        _id(ref_user.get("id_str") or ref_user.get("id"))
        if ref
        else _id(s.get("in_reply_to_user_id_str") or s.get("in_reply_to_user_id"))
    )
    ref_handle = ref_user.get("screen_name") if ref else s.get("in_reply_to_screen_name")
    if rt and not ref_handle:
        m = RT_PREFIX.match(text)
        ref_handle = m.group(1) if m else None
    said = None
    if not ref and s.get("is_quote_status") and ref_id and not ref_author_id:  # the quoted status is absent
        link = s.get("quoted_status_permalink") or {}
        said = quoted_link_handle([*(ent.get("urls") or []), {"expanded_url": link.get("expanded")}], ref_id)
        ref_handle = said
    withheld = s.get("withheld_in_countries")
    return _post(
        platform="x",
        post_id=_id(s.get("id_str") or s.get("id")),
        created_raw=_created(s.get("created_at")),
        author_id=_id(user.get("id_str") or user.get("id")),
        author_handle=user.get("screen_name"),
        author_name=user.get("name"),
        author_followers=user.get("followers_count"),
        author_verified=user.get("verified"),
        text=text,
        lang=s.get("lang"),
        kind=_kind(rt, qt or s.get("is_quote_status") and s.get("quoted_status_id_str"), rp),
        ref_post_id=ref_id,
        ref_author_id=ref_author_id,
        ref_author_handle=ref_handle,
        reply_to_post_id=rp,
        quote_of_post_id=_id((qt or {}).get("id_str")) or _id(s.get("quoted_status_id_str")),
        retweet_count=s.get("retweet_count"),
        like_count=s.get("favorite_count"),
        reply_count=s.get("reply_count"),
        quote_count=s.get("quote_count"),
        withheld=",".join(withheld) if withheld else None,
        hashtags=[h.get("text") for h in ent.get("hashtags") or [] if h.get("text")],
        mentions=[
            {"id": _id(m.get("id_str") or m.get("id")), "handle": m.get("screen_name")}
            for m in ent.get("user_mentions") or []
        ],
        ref_inferred=said is not None,
    )


def _created(value):
    if isinstance(value, dict):  # MongoDB {"$date": …}
        value = value.get("$date")
    return None if value is None else str(value)


def twitter_v1(rec: dict) -> tuple[list[dict], list[dict]]:
    post = _v1_status(rec)
    context = [_v1_status(rec[k]) for k in ("retweeted_status", "quoted_status") if isinstance(rec.get(k), dict)]
    return [post], context


# ---------------------------------------------------------------- Bluesky
def _bsky_post(p: dict, reason: dict | None = None, by: dict | None = None) -> dict:
    record = p.get("record") or {}
    author = p.get("author") or {}
    tags = list(record.get("tags") or [])
    mentions = []
    for facet in record.get("facets") or []:
        for feat in facet.get("features") or []:
            if feat.get("$type", "").endswith("#tag") and feat.get("tag"):
                tags.append(feat["tag"])
            if feat.get("$type", "").endswith("#mention") and feat.get("did"):
                mentions.append({"id": feat["did"], "handle": None})
    reply = (record.get("reply") or {}).get("parent") or {}
    embed = record.get("embed") or {}
    quoted = embed.get("record") or {}
    if "record" in quoted and isinstance(quoted.get("record"), dict):  # recordWithMedia
        quoted = quoted["record"]
    quote_uri = quoted.get("uri") if embed.get("$type", "").startswith("app.bsky.embed.record") else None
    reply_uri = reply.get("uri")
    base = dict(
        platform="bluesky",
        created_raw=record.get("createdAt"),
        text=record.get("text"),
        lang=(record.get("langs") or [None])[0],
        hashtags=tags,
        mentions=mentions,
        retweet_count=p.get("repostCount"),
        like_count=p.get("likeCount"),
        reply_count=p.get("replyCount"),
        quote_count=p.get("quoteCount"),
    )
    if reason is not None:  # a repost by `by` of someone else's post
        base["created_raw"] = reason.get("indexedAt") or base["created_raw"]
        return _post(
            **base,
            post_id=f"{p.get('uri')}#repost:{by.get('did')}",
            author_id=by.get("did"),
            author_handle=by.get("handle"),
            author_name=by.get("displayName"),
            kind="retweet",
            ref_post_id=p.get("uri"),
            ref_author_id=author.get("did"),
            ref_author_handle=author.get("handle"),
        )
    ref = quote_uri or reply_uri
    return _post(
        **base,
        post_id=p.get("uri"),
        author_id=author.get("did"),
        author_handle=author.get("handle"),
        author_name=author.get("displayName"),
        kind=_kind(False, quote_uri, reply_uri),
        ref_post_id=ref,
        ref_author_id=ref.split("/")[2] if ref and ref.startswith("at://") else None,
        reply_to_post_id=reply_uri,
        quote_of_post_id=quote_uri,
    )


def bluesky(rec: dict) -> tuple[list[dict], list[dict]]:
    if "posts" in rec:
        return [_bsky_post(p) for p in rec["posts"]], []
    if "feed" in rec:
        out, ctx = [], []
        for item in rec["feed"]:
            reason = item.get("reason") or {}
            if reason.get("$type", "").endswith("reasonRepost"):
                out.append(_bsky_post(item["post"], reason, reason.get("by") or {}))
                ctx.append(_bsky_post(item["post"]))
            else:
                out.append(_bsky_post(item["post"]))
        return out, ctx
    if "thread" in rec:
        out = []
        stack = [rec["thread"]]
        while stack:
            node = stack.pop()
            if isinstance(node, dict) and "post" in node:
                out.append(_bsky_post(node["post"]))
                stack.extend(node.get("replies") or [])
        return out, []
    raise NotPosts("ingest.what.bluesky_empty")


# ---------------------------------------------------------------- Mastodon
TAG_HTML = re.compile(r"<[^>]+>")


def _mastodon_text(content: str | None) -> str:
    text = re.sub(r"<br\s*/?>|</p>\s*<p>", "\n", content or "")
    return html.unescape(TAG_HTML.sub("", text)).strip()


def _mastodon_status(s: dict) -> dict:
    acc = s.get("account") or {}
    reblog = s.get("reblog")
    src = reblog or s
    tags = [t.get("name") for t in src.get("tags") or [] if t.get("name")]
    mentions = [{"id": _id(m.get("id")), "handle": m.get("acct")} for m in src.get("mentions") or []]
    ref_acc = (reblog or {}).get("account") or {}
    reply = _id(s.get("in_reply_to_id"))
    return _post(
        platform="mastodon",
        post_id=_id(s.get("id")),
        created_raw=s.get("created_at"),
        author_id=_id(acc.get("id")),
        author_handle=acc.get("acct"),
        author_name=acc.get("display_name"),
        author_followers=acc.get("followers_count"),
        text=_mastodon_text(src.get("content")),
        lang=src.get("language"),
        kind=_kind(reblog, False, reply),
        ref_post_id=_id(reblog.get("id")) if reblog else reply,
        ref_author_id=_id(ref_acc.get("id")) if reblog else _id(s.get("in_reply_to_account_id")),
        ref_author_handle=ref_acc.get("acct") if reblog else None,
        reply_to_post_id=reply,
        retweet_count=s.get("reblogs_count"),
        like_count=s.get("favourites_count"),
        reply_count=s.get("replies_count"),
        hashtags=tags,
        mentions=mentions,
    )


def mastodon(rec) -> tuple[list[dict], list[dict]]:
    if isinstance(rec, dict) and ("ancestors" in rec or "descendants" in rec):
        items = (rec.get("ancestors") or []) + (rec.get("descendants") or [])
    else:
        items = [rec]
    posts = [_mastodon_status(s) for s in items]
    context = [_mastodon_status(s["reblog"]) for s in items if isinstance(s.get("reblog"), dict)]
    return posts, context


# ---------------------------------------------------------------- recognising a record
def classify(rec) -> str:
    """The format of one record, or raise NotPosts with what the record is."""
    if isinstance(rec, dict):
        data = rec.get("data")
        if data is not None and ("includes" in rec or "meta" in rec or "matching_rules" in rec or "errors" in rec):
            sample = data[0] if isinstance(data, list) and data else data
            if isinstance(sample, dict) and "username" in sample and "text" not in sample:
                raise NotPosts("ingest.what.twarc2_users")
            if isinstance(sample, dict) and "tweet_count" in sample:
                raise NotPosts("ingest.what.twarc2_counts")
            if isinstance(data, list) and not data:
                return "twarc2"
            if isinstance(sample, dict) and "text" in sample:
                return "twarc2"
        if "tweet_count" in rec and "start" in rec:
            raise NotPosts("ingest.what.twarc2_counts")
        if "author_id" in rec and "text" in rec and "id" in rec:
            return "twarc2_flat"
        if ("id_str" in rec or "id" in rec) and "user" in rec and ("text" in rec or "full_text" in rec):
            return "twitter_v1"
        if any(k in rec for k in ("posts", "feed", "thread")) and _looks_bluesky(rec):
            return "bluesky"
        if "account" in rec and "content" in rec:
            return "mastodon"
        if "ancestors" in rec or "descendants" in rec:
            return "mastodon"
        for detect in DETECTORS:  # formats kept in their own modules (fmt_*.py)
            kind = detect(rec)
            if kind:
                return kind
        if "source_platform" in rec and "data" in rec:
            raise NotPosts("ingest.what.zeeschuimer_other", platform=str(rec["source_platform"]))
        if "repostedBy" in rec:
            raise NotPosts("ingest.what.bluesky_reposted_by")
        if "acct" in rec and "username" in rec:
            raise NotPosts("ingest.what.mastodon_account")
        if "screen_name" in rec or ("username" in rec and "text" not in rec):
            raise NotPosts("ingest.what.profile")
    raise NotPosts("ingest.what.unknown_json")


def _looks_bluesky(rec: dict) -> bool:
    for key in ("posts", "feed"):
        items = rec.get(key)
        if isinstance(items, list) and items:
            first = items[0].get("post", items[0]) if isinstance(items[0], dict) else {}
            return isinstance(first, dict) and str(first.get("uri", "")).startswith("at://")
    return isinstance(rec.get("thread"), dict)


# the modules of the formats below use the helpers above
from clameur.ingest import fmt_cassette, fmt_gnip, fmt_tiktok, fmt_x_graphql  # noqa: E402

DETECTORS = (fmt_cassette.detect, fmt_tiktok.detect, fmt_x_graphql.detect, fmt_gnip.detect)
PARSERS = {
    "twarc2": twarc2,
    "twarc2_flat": twarc2_flat,
    "twitter_v1": twitter_v1,
    "bluesky": bluesky,
    "mastodon": mastodon,
    "zeeschuimer_tiktok": fmt_tiktok.zeeschuimer_tiktok,
    "tiktok_research": fmt_tiktok.tiktok_research,
    "zeeschuimer_x": fmt_x_graphql.zeeschuimer_x,
    "gnip": fmt_gnip.gnip,
    "vcr_cassette": fmt_cassette.cassette,
}
# Formats whose records describe accounts beyond the authors of their posts (and of their context posts, which the
# loader stores anyway): record → account dicts (keys of staging.ACCOUNT_COLUMNS).
ACCOUNT_READERS = {"twarc2": twarc2_accounts, "twarc2_flat": twarc2_flat_accounts}
FORMAT_NAMES = {
    "twarc2": "twarc2 JSONL",
    "twarc2_flat": "twarc2 flattened JSONL",
    "twitter_v1": "Twitter API v1.1",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "zeeschuimer_tiktok": "Zeeschuimer / 4CAT TikTok (NDJSON)",
    "tiktok_research": "TikTok Research API",
    "zeeschuimer_x": "Zeeschuimer / 4CAT X (NDJSON)",
    "gnip": "Gnip Activity Streams",
    "vcr_cassette": "vcrpy cassette",
}
