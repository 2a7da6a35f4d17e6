"""TikTok videos: Zeeschuimer / 4CAT NDJSON captures of the web app, and Research API ``video/query`` responses.

Zeeschuimer writes one captured item per line: ``{"item_id", "source_platform": "tiktok.com",
"timestamp_collected", "data": {...}}`` where ``data`` is the web app's item (``id``, ``desc``, ``createTime``,
``author``, ``authorStats``, ``challenges``, ``textExtra``, ``stats``). The Research API answers
``{"data": {"videos": [...], "cursor", "has_more", "search_id"}, "error": {...}}``; videos saved one per line
are read too. Every video is an original post; TikTok shares count as ``retweet_count``, comments as
``reply_count``; views have no column. Ids stay text: Python's json keeps integers above 2^53 exact.
"""

from __future__ import annotations

from clameur.ingest.errors import NotPosts
from clameur.ingest.formats.base import Format, make_post, text_id

RESEARCH_KEYS = ("video_description", "hashtag_names", "username")


def _zeeschuimer(rec: dict) -> bool:
    """A Zeeschuimer item (of any platform)."""
    return "source_platform" in rec and isinstance(rec.get("data"), dict)


def detect_zeeschuimer(rec: dict) -> bool:
    if not _zeeschuimer(rec):
        return False
    data = rec["data"]
    platform = str(rec.get("source_platform") or "").lower().removeprefix("www.")
    return platform.split("/")[0] == "tiktok.com" and ("desc" in data or "createTime" in data)


def detect_research(rec: dict) -> bool:
    if _zeeschuimer(rec):
        return False
    data = rec.get("data")
    if isinstance(data, dict) and "error" in rec:
        if isinstance(data.get("videos"), list):
            return True
        error = rec.get("error") or {}
        if isinstance(error, dict) and error.get("code") not in (None, "ok"):
            raise NotPosts(
                "ingest.what.tiktok_error", code=str(error.get("code")), message=str(error.get("message") or "—")
            )
        raise NotPosts("ingest.what.tiktok_no_videos")
    return "create_time" in rec and "id" in rec and "text" not in rec and any(k in rec for k in RESEARCH_KEYS)


def _unique(tags) -> list[str]:
    return list(dict.fromkeys(t for t in tags if t))


def _web_item(v: dict) -> dict:
    author = v.get("author")
    if isinstance(author, dict):  # an intercepted API response
        user = author
    else:  # the JSON embedded in the page: author is the handle
        user = {"uniqueId": author, "nickname": v.get("nickname"), "id": v.get("authorId")}
    stats = v.get("stats") or v.get("statsV2") or {}
    author_stats = v.get("authorStats") or v.get("authorStatsV2") or {}
    extra = [e for e in v.get("textExtra") or [] if isinstance(e, dict)]
    tags = [c.get("title") for c in v.get("challenges") or [] if isinstance(c, dict)]
    tags += [e.get("hashtagName") for e in extra]
    handle = user.get("uniqueId")
    return make_post(
        platform="tiktok",
        post_id=text_id(v.get("id")),
        created_raw=text_id(v.get("createTime")),
        author_id=text_id(user.get("id") or v.get("authorId")) or handle,
        author_handle=handle,
        author_name=user.get("nickname"),
        author_followers=author_stats.get("followerCount"),
        author_verified=user.get("verified"),
        text=v.get("desc"),
        lang=v.get("textLanguage") or None,
        kind="original",
        retweet_count=stats.get("shareCount"),
        like_count=stats.get("diggCount"),
        reply_count=stats.get("commentCount"),
        hashtags=_unique(tags),
        mentions=[
            {"id": text_id(e.get("userId")) or None, "handle": e.get("userUniqueId") or None}
            for e in extra
            if e.get("userId") or e.get("userUniqueId")
        ],
    )


def zeeschuimer_tiktok(rec: dict) -> tuple[list[dict], list[dict]]:
    return [_web_item(rec["data"])], []


def _research_video(v: dict) -> dict:
    tags = v.get("hashtag_names") or [h.get("hashtag_name") for h in v.get("hashtag_info_list") or []]
    return make_post(
        platform="tiktok",
        post_id=text_id(v.get("id")),
        created_raw=text_id(v.get("create_time")),
        author_id=v.get("username"),  # the API gives no account id
        author_handle=v.get("username"),
        text=v.get("video_description"),
        kind="original",
        retweet_count=v.get("share_count"),
        like_count=v.get("like_count"),
        reply_count=v.get("comment_count"),
        hashtags=_unique(tags),
        mentions=[{"id": None, "handle": str(m).lstrip("@")} for m in v.get("video_mention_list") or [] if m],
    )


def tiktok_research(rec: dict) -> tuple[list[dict], list[dict]]:
    videos = rec["data"]["videos"] if isinstance(rec.get("data"), dict) else [rec]
    return [_research_video(v) for v in videos], []


ZEESCHUIMER = Format("zeeschuimer_tiktok", "Zeeschuimer / 4CAT TikTok (NDJSON)", detect_zeeschuimer, zeeschuimer_tiktok)
RESEARCH = Format("tiktok_research", "TikTok Research API", detect_research, tiktok_research)
