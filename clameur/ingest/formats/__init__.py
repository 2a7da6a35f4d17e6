"""The import formats, in ONE ordered list: :data:`REGISTRY`. A record is of the first format whose ``detect``
says so (the order matters: a flattened twarc2 tweet also has the keys of a v1.1 status); ``classify``,
``PARSERS``, ``ACCOUNT_READERS`` and ``FORMAT_NAMES`` are derived from it.

To add a format: a module beside this one with its ``detect``, its parser and a :class:`~.base.Format`, built on
:mod:`.base` only (never on this registry), and one line in ``REGISTRY``.
"""

from __future__ import annotations

from clameur.ingest.errors import NotPosts
from clameur.ingest.formats import bluesky, cassette, gnip, mastodon, tiktok, twarc2, twitter_v1, x_graphql
from clameur.ingest.formats.base import POST_KEYS, TWEET_LINK, Format, Posts

__all__ = [
    "ACCOUNT_READERS",
    "FORMAT_NAMES",
    "PARSERS",
    "POST_KEYS",
    "REGISTRY",
    "TWEET_LINK",
    "Format",
    "NotPosts",
    "classify",
    "parse",
]


def classify(rec) -> str:
    """The name of the format of one record, or raise NotPosts with what the record is."""
    if isinstance(rec, dict):
        for fmt in REGISTRY:
            if fmt.detect(rec):
                return fmt.name
        if "source_platform" in rec and "data" in rec:
            raise NotPosts("ingest.what.zeeschuimer_other", platform=str(rec["source_platform"]))
        if "repostedBy" in rec:
            raise NotPosts("ingest.what.bluesky_reposted_by")
        if "acct" in rec and "username" in rec:
            raise NotPosts("ingest.what.mastodon_account")
        if "screen_name" in rec or ("username" in rec and "text" not in rec):
            raise NotPosts("ingest.what.profile")
    raise NotPosts("ingest.what.unknown_json")


def parse(name: str, rec: dict) -> Posts:
    """The (collected, context) posts of a record of the format ``name``."""
    return PARSERS[name](rec)


REGISTRY: tuple[Format, ...] = (
    twarc2.TWARC2,
    twarc2.TWARC2_FLAT,
    twitter_v1.FORMAT,
    bluesky.FORMAT,
    mastodon.FORMAT,
    cassette.reading(classify, parse),
    tiktok.ZEESCHUIMER,
    tiktok.RESEARCH,
    x_graphql.FORMAT,
    gnip.FORMAT,
)
PARSERS = {fmt.name: fmt.parse for fmt in REGISTRY}
# Formats whose records describe accounts beyond the authors of their posts (and of their context posts, which the
# loader stores anyway): record → account dicts (keys of staging.ACCOUNT_COLUMNS).
ACCOUNT_READERS = {fmt.name: fmt.accounts for fmt in REGISTRY if fmt.accounts is not None}
FORMAT_NAMES = {fmt.name: fmt.label for fmt in REGISTRY}
