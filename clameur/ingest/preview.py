"""The preview of a file before its import, as the Data page shows it: with privacy on, the accounts it names
are pseudonyms unless they are in the actor registry or the file gives them at least the follower threshold."""

from __future__ import annotations

import re

import pandas as pd

from clameur.ingest.inspect import Inspection
from clameur.privacy import Pseudonymizer

# Columns of a table (CSV, Parquet, JSON rows) that hold accounts: ids, handles, display names.
_ACCOUNT = re.compile(r"user|author|screen_?name|handle|from_user|to_user|mention|in_reply_to|account|actor|owner")
_NOT_ACCOUNT = re.compile(r"count|followers|following|friends|verified|created|date|time|lang|location|protected")
_ID = re.compile(r"(^|[^a-z])id(s|_str)?$|_id(s|_str)?$")


def account_columns(header: list[str]) -> list[str]:
    """Table columns that name accounts (by their header), e.g. `author.username`, `user_screen_name`."""
    out = []
    for column in header:
        low = str(column).lower()
        if _ACCOUNT.search(low) and not _NOT_ACCOUNT.search(low) and not low.endswith(("tweet_id", "status_id")):
            out.append(column)
    return out


def shown_preview(info: Inspection, names: Pseudonymizer) -> pd.DataFrame:
    """The preview with privacy applied (unchanged when privacy mode is off)."""
    preview = info.preview.copy()
    if not names.enabled or preview.empty:
        return preview
    if not info.is_table:  # parsed posts: the author's id and followers are known
        authors = info.authors.reindex(columns=["author_id", "author_handle", "author_followers"])
        followers = pd.to_numeric(authors["author_followers"], errors="coerce")
        big = authors[followers >= names.threshold]
        names = names.with_public(big["author_id"], big["author_handle"])
        preview["author_handle"] = [
            names.label(a, h) if isinstance(h, str) else h
            for a, h in zip(authors["author_id"], preview["author_handle"], strict=True)
        ]
        preview["text"] = names.texts(preview["text"])
        return preview
    for column in preview.columns:
        cells = preview[column]
        if column in account_columns([column]):
            by_id = bool(_ID.search(str(column).lower()))
            preview[column] = [
                c if c is None or c != c or str(c) == "" else names.label(c, None) if by_id else names.label(None, c)
                for c in cells
            ]
        elif cells.dtype == object:
            preview[column] = names.texts(cells)
    return preview
