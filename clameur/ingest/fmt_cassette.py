"""vcrpy JSON cassettes (tweepy's test recordings, or anyone's): ``{"interactions": [{"request": ...,
"response": {"body": {"string": "<JSON text>"}}}], "version": 1}``; vcrpy 0.x wrote a bare list of interactions.

Each response body is decoded and read as any format Clameur knows (a list of v1.1 statuses, a v1.1 search
``{"statuses": [...]}``, one status, a twarc2 page...). A body that is not JSON, or holds no posts, becomes a
row without an id, so the import report counts it as rejected instead of dropping it silently; the reason is
kept under ``reject_reason`` on that row (the staging tables ignore the key). A cassette none of whose
bodies holds posts is not posts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from clameur.ingest.formats import NotPosts, _post


def detect(rec: dict) -> str | None:
    if "request" in rec and isinstance(rec.get("response"), dict):
        return "vcr_cassette"  # one interaction of a vcrpy 0.x list: its neighbours may hold the posts
    if not isinstance(rec.get("interactions"), list):
        return None
    if any(kind for _, _, _, kind, _ in _bodies(rec)):
        return "vcr_cassette"
    raise NotPosts("ingest.what.empty_cassette")


def _items(value) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and isinstance(value.get("statuses"), list):  # v1.1 search/tweets
        return value["statuses"]
    return [value]


def _bodies(rec: dict) -> Iterator[tuple[int, dict, object, str | None, str | None]]:
    """(interaction number, interaction, item, its format or None, why it is not read) for every item of
    every response body."""
    from clameur.ingest.formats import classify  # formats imports this module

    for n, interaction in enumerate(rec["interactions"] if "interactions" in rec else [rec], start=1):
        response = interaction.get("response") if isinstance(interaction, dict) else None
        body = response.get("body") if isinstance(response, dict) else None
        try:
            value = json.loads(body.get("string") if isinstance(body, dict) else body)
        except (TypeError, ValueError):
            yield n, interaction, None, None, "the response body is not JSON"
            continue
        for item in _items(value):
            try:
                kind, why = classify(item), None
            except NotPosts as exc:
                kind, why = None, f"not a post: {exc}"
            yield n, interaction, item, kind, why


def cassette(rec: dict) -> tuple[list[dict], list[dict]]:
    from clameur.ingest.formats import PARSERS

    posts: list[dict] = []
    context: list[dict] = []
    skipped: list[dict] = []
    for n, interaction, item, kind, why in _bodies(rec):
        if kind is None:
            request = interaction.get("request") if isinstance(interaction, dict) else None
            uri = (request.get("uri") if isinstance(request, dict) else None) or "?"
            skipped.append({**_post(), "reject_reason": f"cassette interaction {n} ({uri}): {why}"})
            continue
        found, ctx = PARSERS[kind](item)
        posts += found
        context += ctx
    return posts + skipped, context
