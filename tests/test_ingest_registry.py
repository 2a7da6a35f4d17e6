"""The import formats' registry: every format once, in the order detection tries them, and the lookups the
importer uses derived from that one list."""

from __future__ import annotations

import pytest

from clameur.ingest.formats import ACCOUNT_READERS, FORMAT_NAMES, PARSERS, REGISTRY, Format, NotPosts, classify

# The order of detection: twarc2 pages before flattened tweets, both before v1.1 statuses (a flattened tweet has an
# "id" and a "text"); the formats of Zeeschuimer and of other tools' recordings last.
ORDER = [
    "twarc2",
    "twarc2_flat",
    "twitter_v1",
    "bluesky",
    "mastodon",
    "vcr_cassette",
    "zeeschuimer_tiktok",
    "tiktok_research",
    "zeeschuimer_x",
    "gnip",
]


def test_the_registry_holds_every_format_once_in_order():
    names = [fmt.name for fmt in REGISTRY]
    assert names == ORDER
    assert all(isinstance(fmt, Format) and fmt.label.strip() for fmt in REGISTRY)
    assert len({fmt.label for fmt in REGISTRY}) == len(REGISTRY)


def test_lookups_come_from_the_registry():
    assert list(PARSERS) == ORDER and list(FORMAT_NAMES) == ORDER
    assert PARSERS == {fmt.name: fmt.parse for fmt in REGISTRY}
    assert FORMAT_NAMES == {fmt.name: fmt.label for fmt in REGISTRY}
    assert set(ACCOUNT_READERS) == {"twarc2", "twarc2_flat"}


@pytest.mark.parametrize(
    ("record", "name"),
    [
        ({"data": [{"id": "1", "text": "a"}], "includes": {}}, "twarc2"),
        # a flattened tweet that also carries a v1.1-like "user": the earlier format wins
        ({"id": "1", "author_id": "2", "text": "a", "user": {}}, "twarc2_flat"),
        ({"id_str": "1", "user": {}, "full_text": "a"}, "twitter_v1"),
        ({"posts": [{"uri": "at://did:plc:x/app.bsky.feed.post/1"}]}, "bluesky"),
        ({"account": {}, "content": "<p>a</p>"}, "mastodon"),
        ({"request": {}, "response": {}}, "vcr_cassette"),
        ({"source_platform": "tiktok.com", "data": {"desc": "a"}}, "zeeschuimer_tiktok"),
        ({"id": 1, "create_time": 1, "username": "u"}, "tiktok_research"),
        ({"source_platform": "x.com", "data": {}}, "zeeschuimer_x"),
        ({"verb": "post", "actor": {}, "id": "tag:x,2005:1"}, "gnip"),
    ],
)
def test_each_format_is_detected_by_its_entry(record, name):
    assert classify(record) == name
    assert [fmt.name for fmt in REGISTRY if _detects(fmt, record)][0] == name


def _detects(fmt: Format, record: dict) -> bool:
    try:
        return fmt.detect(record)
    except NotPosts:
        return False


def test_a_zeeschuimer_item_of_another_platform_is_not_posts():
    with pytest.raises(NotPosts) as caught:
        classify({"source_platform": "instagram.com", "data": {"id": "1"}})
    assert caught.value.key == "ingest.what.zeeschuimer_other"
