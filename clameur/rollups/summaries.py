"""Summaries: tables computed in DuckDB from a dataset's rollups, never from its posts.

A rollup is one SQL text both engines run. A summary needs more than that (an exact count over fixed bins, a graph
algorithm), so it is computed on this machine from the rollups, whatever engine built them: a dataset imported by
Spark, or kept as rollups only, has its summaries too, and they are rebuilt for every dataset when a summary's
definition changes (its ``version``).

Each summary lives with its feature, in a module that defines ``SUMMARY``; the modules are imported when first
needed, because some of them use code (the network's metrics) that itself imports the store.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from clameur.rollups.definitions import DatasetTable

# The modules that define a summary, in the order they are built.
MODULES: tuple[str, ...] = ("clameur.timeline.account_bins", "clameur.network.summary")


@dataclass(frozen=True)
class Summary(DatasetTable):
    name: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type), dataset_id excluded
    build: Callable[[object, int], None]  # inserts one dataset's rows (its old rows are already deleted)
    version: str  # changed by hand whenever what ``build`` computes changes


@cache
def summaries() -> tuple[Summary, ...]:
    return tuple(importlib.import_module(m).SUMMARY for m in MODULES)


def summaries_signature() -> str:
    text = "\n".join(f"{s.name}|{s.columns}|{s.version}" for s in summaries())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def build_summaries(cur, dataset_id: int) -> None:
    """Replace the dataset's summary rows with ones computed from its rollups (call after the rollups are built or
    loaded, in the same transaction)."""
    ds = int(dataset_id)
    for summary in summaries():
        cur.execute(f"DELETE FROM {summary.name} WHERE dataset_id = ?", [ds])  # noqa: S608 (our table names)
        summary.build(cur, ds)
