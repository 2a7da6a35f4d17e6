"""Gnip Activity Streams (the "activity-streams" output of PowerTrack, Historical PowerTrack and Search APIs).

An activity has ``verb`` "post" (a tweet) or "share" (a retweet, whose ``object`` is the original activity),
``id`` "tag:search.twitter.com,2005:<tweet id>", ``actor`` {id "id:twitter.com:<user id>", preferredUsername,
displayName, followersCount}, ``postedTime``, ``body``, ``twitter_entities``, ``long_object`` (the full text and
entities of a tweet longer than 140 characters), ``twitter_quoted_status`` and ``inReplyTo`` {link}. Ids keep
only their numeric part so they match the other X formats.
"""

from __future__ import annotations

from clameur.ingest.errors import NotPosts
from clameur.ingest.formats.base import Format, kind_of, make_post

VERBS = ("post", "share")


def detect(rec: dict) -> bool:
    if "verb" in rec and isinstance(rec.get("actor"), dict) and "id" in rec:
        if rec["verb"] in VERBS:
            return True
        raise NotPosts("ingest.what.gnip_verb", verb=str(rec["verb"]))
    return False


def _tail(value) -> str | None:
    """The numeric end of a Gnip id ("tag:search.twitter.com,2005:123" → "123") or of a status link."""
    if not value:
        return None
    return str(value).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] or None


def _entities(a: dict) -> dict:
    return (a.get("long_object") or {}).get("twitter_entities") or a.get("twitter_entities") or {}


def _activity(a: dict) -> dict:
    actor = a.get("actor") or {}
    shared = a.get("object") if a.get("verb") == "share" and isinstance(a.get("object"), dict) else None
    quoted = a.get("twitter_quoted_status") if isinstance(a.get("twitter_quoted_status"), dict) else None
    reply_link = (a.get("inReplyTo") or {}).get("link")
    reply_to = _tail(reply_link)
    ent = _entities(a)
    mentions = [
        {"id": m.get("id_str") or _tail(m.get("id")), "handle": m.get("screen_name")}
        for m in ent.get("user_mentions") or []
    ]
    ref = shared or quoted
    ref_actor = (ref or {}).get("actor") or {}
    if ref:
        ref_id, ref_author_id, ref_handle = (
            _tail(ref.get("id")),
            _tail(ref_actor.get("id")),
            ref_actor.get("preferredUsername"),
        )
    else:  # a reply: the link names the replied-to account; its id is the author's own or among the mentions
        ref_handle = reply_link.split("/")[3] if reply_to and reply_link.count("/") >= 5 else None
        ref_id = reply_to
        known = [{"id": _tail(actor.get("id")), "handle": actor.get("preferredUsername")}, *mentions]
        ref_author_id = next(
            (m["id"] for m in known if ref_handle and (m["handle"] or "").lower() == ref_handle.lower()), None
        )
    return make_post(
        platform="x",
        post_id=_tail(a.get("id")),
        created_raw=a.get("postedTime"),
        author_id=_tail(actor.get("id")),
        author_handle=actor.get("preferredUsername"),
        author_name=actor.get("displayName"),
        author_followers=actor.get("followersCount"),
        author_verified=actor.get("verified"),
        text=(a.get("long_object") or {}).get("body") or a.get("body"),
        lang=a.get("twitter_lang"),
        kind=kind_of(shared, quoted, reply_to),
        ref_post_id=ref_id,
        ref_author_id=ref_author_id,
        ref_author_handle=ref_handle,
        reply_to_post_id=reply_to,
        quote_of_post_id=_tail(quoted.get("id")) if quoted else None,
        retweet_count=a.get("retweetCount"),
        like_count=a.get("favoritesCount"),
        hashtags=[h.get("text") for h in _entities(shared or a).get("hashtags") or [] if h.get("text")],
        mentions=mentions,
    )


def gnip(rec: dict) -> tuple[list[dict], list[dict]]:
    context = [
        _activity(rec[k])
        for k in ("object", "twitter_quoted_status")
        if isinstance(rec.get(k), dict) and "actor" in rec[k]
    ]
    return [_activity(rec)], context


FORMAT = Format("gnip", "Gnip Activity Streams", detect, gnip)
