"""Bluesky (AT Protocol): ``app.bsky.feed`` responses (``posts``, ``feed`` with reposts, ``thread``)."""

from __future__ import annotations

from clameur.ingest.errors import NotPosts
from clameur.ingest.formats.base import Format, kind_of, make_post


def detect(rec: dict) -> bool:
    return any(k in rec for k in ("posts", "feed", "thread")) and _looks_bluesky(rec)


def _looks_bluesky(rec: dict) -> bool:
    for key in ("posts", "feed"):
        items = rec.get(key)
        if isinstance(items, list) and items:
            first = items[0].get("post", items[0]) if isinstance(items[0], dict) else {}
            return isinstance(first, dict) and str(first.get("uri", "")).startswith("at://")
    return isinstance(rec.get("thread"), dict)


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
        return make_post(
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
    return make_post(
        **base,
        post_id=p.get("uri"),
        author_id=author.get("did"),
        author_handle=author.get("handle"),
        author_name=author.get("displayName"),
        kind=kind_of(False, quote_uri, reply_uri),
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


FORMAT = Format("bluesky", "Bluesky", detect, bluesky)
