"""Which posts a dataset keeps beside its rollups (``datasets.keep_posts``), and the sentence a drill-down shows
when the posts it would name were not kept."""

from __future__ import annotations

from clameur.i18n import t
from clameur.settings import KEEP_POSTS
from clameur.store import Store, scalar


def posts_kept(store: Store, dataset_id: int) -> str:
    """'all', 'actors' (only the posts of registered actors) or 'none' (rollups only)."""
    kept = scalar(store, "SELECT keep_posts FROM datasets WHERE dataset_id = ?", [int(dataset_id)])
    if kept is None:  # a dataset made before the policy existed kept everything
        return "all"
    return kept if kept in KEEP_POSTS else "none"  # a value Clameur did not write: say the least kept


def not_kept_note(store: Store, dataset_id: int, lang: str) -> str | None:
    """The sentence that replaces a list of posts when the dataset did not keep them all; None when it did."""
    kept = posts_kept(store, dataset_id)
    if kept == "all":
        return None
    return t("posts_kept.none", lang) if kept == "none" else t("posts_kept.actors", lang)
