"""Exports of the whole filtered network (not only the drawn part): GEXF, GraphML, CSV node/edge lists.

:func:`files` works on plain frames, so that a worker process can build a big file (clameur.heavy); the labels
are decided first, here, by the privacy rule (:func:`labelled_nodes`)."""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd

from clameur.exports import csv_bytes
from clameur.network.model import Network
from clameur.privacy import Pseudonymizer

FORMATS = ("gexf", "graphml", "csv")


def labelled_nodes(net: Network, names: Pseudonymizer | None = None) -> pd.DataFrame:
    """The nodes with the label each export shows (a pseudonym for small accounts when privacy is on)."""
    nodes = net.nodes.copy()
    if names:
        nodes["label"] = [names.label(i, lbl) for i, lbl in zip(nodes["id"], nodes["label"], strict=True)]
    else:
        nodes["label"] = nodes["label"].astype(str)
    return nodes


def graph_from_frames(nodes: pd.DataFrame, edges: pd.DataFrame, kind: str) -> nx.Graph:
    g = nx.DiGraph() if kind != "hashtag" else nx.Graph()
    for row in nodes.itertuples():
        g.add_node(
            str(row.id),
            label=row.label,
            handle=row.label,
            pagerank=float(row.pagerank),
            in_strength=float(row.in_strength),
            out_strength=float(row.out_strength),
            community=int(row.community),
            core=int(row.core),
            category=str(row.category or ""),
        )
    for row in edges.itertuples():
        g.add_edge(str(row.source), str(row.target), weight=float(row.weight), kind=kind)
    return g


def to_networkx(net: Network, names: Pseudonymizer | None = None) -> nx.Graph:
    return graph_from_frames(labelled_nodes(net, names), net.edges, net.query.kind)


def files(nodes: pd.DataFrame, edges: pd.DataFrame, kind: str, fmt: str) -> dict[str, bytes]:
    """{file suffix: bytes}: one file for GEXF/GraphML, nodes and edges for CSV (``nodes`` already labelled)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format “{fmt}”: use one of {', '.join(FORMATS)}.")
    if fmt == "csv":
        return {
            "nodes.csv": csv_bytes(nodes.astype({"id": str})),
            "edges.csv": csv_bytes(edges.assign(kind=kind).astype({"source": str, "target": str})),
        }
    g = graph_from_frames(nodes, edges, kind)
    buf = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(g, buf)
    else:
        nx.write_graphml(g, buf)
    return {fmt: buf.getvalue()}


def export_bytes(net: Network, fmt: str, names: Pseudonymizer | None = None) -> dict[str, bytes]:
    """{file suffix: bytes}: one file for GEXF/GraphML, nodes and edges for CSV."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format “{fmt}”: use one of {', '.join(FORMATS)}.")
    return files(labelled_nodes(net, names), net.edges, net.query.kind, fmt)
