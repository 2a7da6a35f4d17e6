"""The whole-period network of each kind, with every node's metrics, computed once from the rollups (a summary:
clameur.rollups.summaries), so that the network page's default view reads its top accounts instead of recomputing
the whole network (clameur.network.model.Precomputed).

The same code as the live path, on the same edges: :func:`coded_edges_on` then :func:`structure` (seeded), so every
figure the page shows from it equals the one it would compute. One row per node: its code (rank in id order), id,
label, metrics, and the number and weight of the edges it is the source of (the network's totals are their sums).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clameur.network.model import KINDS, SUMMARY_TABLE, NetworkQuery, coded_edges_on, structure
from clameur.rollups.summaries import Summary

COLUMNS = (
    ("network", "VARCHAR"),
    ("code", "BIGINT"),
    ("id", "VARCHAR"),
    ("label", "VARCHAR"),
    ("pagerank", "DOUBLE"),
    ("in_strength", "DOUBLE"),
    ("out_strength", "DOUBLE"),
    ("community", "BIGINT"),
    ("core", "BIGINT"),
    ("edges_out", "BIGINT"),
    ("weight_out", "BIGINT"),
)


def build(cur, dataset_id: int) -> None:
    for kind in KINDS:
        q = NetworkQuery(int(dataset_id), kind=kind)
        c = coded_edges_on(cur, q)
        n = len(c.names)
        if not n:
            continue
        metrics = structure(q, n, c.source, c.target, c.weight).nodes  # vertices in code order, no filter
        rows = pd.DataFrame(
            {
                "network": kind,
                "code": np.arange(n, dtype=np.int64),
                "id": c.names,
                "label": c.labels,
                "pagerank": metrics["pagerank"].to_numpy(dtype=float),
                "in_strength": metrics["in_strength"].to_numpy(dtype=float),
                "out_strength": metrics["out_strength"].to_numpy(dtype=float),
                "community": metrics["community"].to_numpy(dtype=np.int64),
                "core": metrics["core"].to_numpy(dtype=np.int64),
                "edges_out": np.bincount(c.source, minlength=n).astype(np.int64),
                "weight_out": np.bincount(c.source, weights=c.weight, minlength=n).round().astype(np.int64),
            }
        )
        del metrics, c
        cur.register("net_summary_rows", rows)
        try:
            cur.execute(
                f"INSERT INTO {SUMMARY_TABLE} SELECT ?, {', '.join(name for name, _ in COLUMNS)} FROM net_summary_rows",  # noqa: S608
                [int(dataset_id)],
            )
        finally:
            cur.unregister("net_summary_rows")


SUMMARY = Summary(SUMMARY_TABLE, COLUMNS, build, "2")
