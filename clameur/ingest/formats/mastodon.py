"""Mastodon statuses (one status per record, or a ``context`` with ancestors and descendants)."""

from __future__ import annotations

import html
import re

from clameur.ingest.formats.base import Format, kind_of, make_post, text_id


def detect(rec: dict) -> bool:
    return ("account" in rec and "content" in rec) or "ancestors" in rec or "descendants" in rec


TAG_HTML = re.compile(r"<[^>]+>")


def _mastodon_text(content: str | None) -> str:
    text = re.sub(r"<br\s*/?>|</p>\s*<p>", "\n", content or "")
    return html.unescape(TAG_HTML.sub("", text)).strip()


def _mastodon_status(s: dict) -> dict:
    acc = s.get("account") or {}
    reblog = s.get("reblog")
    src = reblog or s
    tags = [t.get("name") for t in src.get("tags") or [] if t.get("name")]
    mentions = [{"id": text_id(m.get("id")), "handle": m.get("acct")} for m in src.get("mentions") or []]
    ref_acc = (reblog or {}).get("account") or {}
    reply = text_id(s.get("in_reply_to_id"))
    return make_post(
        platform="mastodon",
        post_id=text_id(s.get("id")),
        created_raw=s.get("created_at"),
        author_id=text_id(acc.get("id")),
        author_handle=acc.get("acct"),
        author_name=acc.get("display_name"),
        author_followers=acc.get("followers_count"),
        text=_mastodon_text(src.get("content")),
        lang=src.get("language"),
        kind=kind_of(reblog, False, reply),
        ref_post_id=text_id(reblog.get("id")) if reblog else reply,
        ref_author_id=text_id(ref_acc.get("id")) if reblog else text_id(s.get("in_reply_to_account_id")),
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


FORMAT = Format("mastodon", "Mastodon", detect, mastodon)
