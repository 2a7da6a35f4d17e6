"""Tables shown to people: column names and coded values (event types, confidence, statuses, categories)
in the reader's language. The data exports keep the raw names; this is for the screen."""

from __future__ import annotations

import pandas as pd

from clameur.i18n import t

# The columns of the registry, event, dataset and availability tables the pages show.
COLUMNS = (
    "event_id",
    "starts_at",
    "platform",
    "event_type",
    "title",
    "status",
    "confidence",
    "source_url",
    "source_outlet",
    "description",
    "actor_name",
    "dataset_id",
    "name",
    "platforms",
    "source_format",
    "imported_at",
    "rows_read",
    "rows_loaded",
    "rows_rejected",
    "rows_duplicate",
    "rows_context",
    "refs_resolved",
    "refs_unresolved",
    "synthetic",
    "timezone",
    "hashtag",
    "notes",
    "category",
    "country",
    "source",
    "accounts",
    "checked",
    "object_type",
    "n",
    "share",
    "post_id",
    "created_raw",
    "author_handle",
    "kind",
    "text",
)
OBJECTS = ("post", "account")
VALUES = {  # coded columns: how a value is said
    "event_type": lambda v, lang: t(f"event.{v}", lang),
    "confidence": lambda v, lang: t(f"confidence.{v}", lang),
    "category": lambda v, lang: t(f"actor.{v}", lang),
    "status": lambda v, lang: t(f"status.{v}", lang),
    "object_type": lambda v, lang: t(f"object.{v}", lang),
    "kind": lambda v, lang: t(f"kind.{v}", lang),
}


def for_people(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy with translated headers and coded values."""
    out = df.copy()
    for column, say in VALUES.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, say=say: say(v, lang) if isinstance(v, str) and v else v)
    return out.rename(columns={c: t(f"table.{c}", lang) for c in out.columns})
