"""X (Twitter) web GraphQL tweets, as Zeeschuimer captures them (4CAT NDJSON, ``source_platform`` "twitter.com"
or "x.com").

A GraphQL ``Tweet`` keeps a v1.1 status under ``legacy`` and its author under ``core.user_results.result``
(screen name and name in ``legacy`` or, in newer payloads, in ``core``). Some results are wrapped as
``{"__typename": "TweetWithVisibilityResults", "tweet": {...}}``; long tweets keep their full text in
``note_tweet``. Each tweet is rebuilt as a v1.1 status and read by the v1.1 parser, so kinds, hashtags and
ids agree with the other X formats.
"""

from __future__ import annotations

from clameur.ingest.errors import Unreadable
from clameur.ingest.formats.base import Format
from clameur.ingest.formats.twitter_v1 import twitter_v1

X_PLATFORMS = ("twitter.com", "x.com")


def detect(rec: dict) -> bool:
    platform = str(rec.get("source_platform") or "").lower().removeprefix("www.")
    return isinstance(rec.get("data"), dict) and platform.split("/")[0] in X_PLATFORMS


def _tweet(result) -> dict | None:
    """The tweet inside a GraphQL result; None for tombstones and unavailable tweets."""
    if isinstance(result, dict) and "legacy" not in result and isinstance(result.get("tweet"), dict):
        result = result["tweet"]  # TweetWithVisibilityResults
    return result if isinstance(result, dict) and isinstance(result.get("legacy"), dict) else None


def _user(tweet: dict) -> dict:
    result = ((tweet.get("core") or {}).get("user_results") or {}).get("result") or {}
    if not result and isinstance(tweet.get("user"), dict):  # older "adaptive" captures: a v1.1 user
        return tweet["user"]
    legacy = result.get("legacy") or {}
    core = result.get("core") or {}
    return {
        "id_str": result.get("rest_id") or tweet["legacy"].get("user_id_str"),
        "screen_name": core.get("screen_name") or legacy.get("screen_name"),
        "name": core.get("name") or legacy.get("name"),
        "followers_count": legacy.get("followers_count"),
        "verified": legacy.get("verified") or (result.get("verification") or {}).get("verified"),
    }


def as_v1(tweet: dict) -> dict:
    """A GraphQL tweet as a v1.1 status (retweeted and quoted tweets included)."""
    legacy = tweet["legacy"]
    status = {**legacy, "id_str": tweet.get("rest_id") or legacy.get("id_str"), "user": _user(tweet)}
    note = (((tweet.get("note_tweet") or {}).get("note_tweet_results") or {}).get("result")) or {}
    if note.get("text"):
        status["extended_tweet"] = {"full_text": note["text"], "entities": note.get("entity_set") or {}}
    retweeted = legacy.get("retweeted_status_result") or tweet.get("retweeted_status_result") or {}
    rt = _tweet(retweeted.get("result"))
    if rt:
        status["retweeted_status"] = as_v1(rt)
    qt = _tweet((tweet.get("quoted_status_result") or {}).get("result"))
    if qt:
        status["quoted_status"] = as_v1(qt)
    return status


def zeeschuimer_x(rec: dict) -> tuple[list[dict], list[dict]]:
    tweet = _tweet(rec["data"])
    if tweet is None:
        raise Unreadable("ingest.reject.x_no_tweet")
    return twitter_v1(as_v1(tweet))


FORMAT = Format("zeeschuimer_x", "Zeeschuimer / 4CAT X (NDJSON)", detect, zeeschuimer_x)
