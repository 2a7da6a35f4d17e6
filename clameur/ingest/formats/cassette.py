"""vcrpy JSON cassettes (tweepy's test recordings, or anyone's): ``{"interactions": [{"request": ...,
"response": {"body": {"string": "<JSON text>"}}}], "version": 1}``; vcrpy 0.x wrote a bare list of interactions.

Each response body is decoded and read as any format Clameur knows (a list of v1.1 statuses, a v1.1 search
``{"statuses": [...]}``, one status, a twarc2 page...). A body that is not JSON, or holds no posts, becomes a
row without an id, so the import report counts it as rejected instead of dropping it silently; the reason is
kept under ``reject_reason`` on that row (the staging tables ignore the key). A cassette none of whose
bodies holds posts is not posts.

A cassette holds records of the other formats: the registry hands :func:`reading` its ``classify`` and parsers, so
this module never imports the registry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from clameur.errors import Message
from clameur.ingest.errors import NotPosts
from clameur.ingest.formats.base import Format, Posts, make_post


def reading(classify: Callable[[object], str], parse: Callable[[str, dict], Posts]) -> Format:
    """The cassette format, whose bodies are recognised by ``classify`` (a record's format name, or NotPosts) and
    read by ``parse(name, record)``."""

    def detect(rec: dict) -> bool:
        if "request" in rec and isinstance(rec.get("response"), dict):
            return True  # one interaction of a vcrpy 0.x list: its neighbours may hold the posts
        if not isinstance(rec.get("interactions"), list):
            return False
        if any(kind for _, _, _, kind, _ in _bodies(rec, classify)):
            return True
        raise NotPosts("ingest.what.empty_cassette")

    def cassette(rec: dict) -> Posts:
        posts: list[dict] = []
        context: list[dict] = []
        skipped: list[dict] = []
        for n, interaction, item, kind, why in _bodies(rec, classify):
            if kind is None:
                request = interaction.get("request") if isinstance(interaction, dict) else None
                uri = (request.get("uri") if isinstance(request, dict) else None) or "?"
                skipped.append(
                    {**make_post(), "reject_reason": Message("ingest.reject.cassette", n=str(n), uri=uri, why=why)}
                )
                continue
            found, ctx = parse(kind, item)
            posts += found
            context += ctx
        return posts + skipped, context

    return Format("vcr_cassette", "vcrpy cassette", detect, cassette)


def _items(value) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and isinstance(value.get("statuses"), list):  # v1.1 search/tweets
        return value["statuses"]
    return [value]


def _bodies(
    rec: dict, classify: Callable[[object], str]
) -> Iterator[tuple[int, dict, object, str | None, Message | None]]:
    """(interaction number, interaction, item, its format or None, why it is not read) for every item of
    every response body."""
    for n, interaction in enumerate(rec["interactions"] if "interactions" in rec else [rec], start=1):
        response = interaction.get("response") if isinstance(interaction, dict) else None
        body = response.get("body") if isinstance(response, dict) else None
        try:
            value = json.loads(body.get("string") if isinstance(body, dict) else body)
        except (TypeError, ValueError):
            yield n, interaction, None, None, Message("ingest.reject.body_not_json")
            continue
        for item in _items(value):
            try:
                kind, why = classify(item), None
            except NotPosts as exc:
                kind, why = None, Message("ingest.reject.not_a_post", what=exc.what)
            yield n, interaction, item, kind, why
