"""Twitter API v1.1 statuses (and MongoDB exports of them): one status per record, its retweeted and quoted
statuses as context."""

from __future__ import annotations

from clameur.ingest.formats.base import RT_PREFIX, Format, kind_of, make_post, quoted_link_handle, text_id


def detect(rec: dict) -> bool:
    return ("id_str" in rec or "id" in rec) and "user" in rec and ("text" in rec or "full_text" in rec)


def _v1_text_entities(s: dict) -> tuple[str, dict]:
    ext = s.get("extended_tweet") or {}
    text = ext.get("full_text") or s.get("full_text") or s.get("text") or ""
    return text, ext.get("entities") or s.get("entities") or {}


def _v1_status(s: dict) -> dict:
    user = s.get("user") or {}
    rt = s.get("retweeted_status")
    qt = s.get("quoted_status")
    rp = text_id(s.get("in_reply_to_status_id_str") or s.get("in_reply_to_status_id"))
    ref = rt or qt
    text, ent = _v1_text_entities(s)
    if rt:
        _, ent_rt = _v1_text_entities(rt)
        ent = {"hashtags": ent_rt.get("hashtags") or ent.get("hashtags"), "user_mentions": ent.get("user_mentions")}
    ref_user = (ref or {}).get("user") or {}
    ref_id = text_id((ref or {}).get("id_str") or (ref or {}).get("id")) if ref else rp
    if qt and not rt:
        ref_id = ref_id or text_id(s.get("quoted_status_id_str"))
    ref_author_id = (
        text_id(ref_user.get("id_str") or ref_user.get("id"))
        if ref
        else text_id(s.get("in_reply_to_user_id_str") or s.get("in_reply_to_user_id"))
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
    return make_post(
        platform="x",
        post_id=text_id(s.get("id_str") or s.get("id")),
        created_raw=_created(s.get("created_at")),
        author_id=text_id(user.get("id_str") or user.get("id")),
        author_handle=user.get("screen_name"),
        author_name=user.get("name"),
        author_followers=user.get("followers_count"),
        author_verified=user.get("verified"),
        text=text,
        lang=s.get("lang"),
        kind=kind_of(rt, qt or s.get("is_quote_status") and s.get("quoted_status_id_str"), rp),
        ref_post_id=ref_id,
        ref_author_id=ref_author_id,
        ref_author_handle=ref_handle,
        reply_to_post_id=rp,
        quote_of_post_id=text_id((qt or {}).get("id_str")) or text_id(s.get("quoted_status_id_str")),
        retweet_count=s.get("retweet_count"),
        like_count=s.get("favorite_count"),
        reply_count=s.get("reply_count"),
        quote_count=s.get("quote_count"),
        withheld=",".join(withheld) if withheld else None,
        hashtags=[h.get("text") for h in ent.get("hashtags") or [] if h.get("text")],
        mentions=[
            {"id": text_id(m.get("id_str") or m.get("id")), "handle": m.get("screen_name")}
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


FORMAT = Format("twitter_v1", "Twitter API v1.1", detect, twitter_v1)
