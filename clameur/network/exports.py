"""Exports of the whole filtered network (not only the drawn part): GEXF, GraphML, CSV node/edge lists."""

from __future__ import annotations

import io

import networkx as nx

from clameur.exports import csv_bytes
from clameur.network.model import Network
from clameur.privacy import Pseudonymizer

FORMATS = ("gexf", "graphml", "csv")


def to_networkx(net: Network, names: Pseudonymizer | None = None) -> nx.Graph:
    g = nx.DiGraph() if net.query.kind != "hashtag" else nx.Graph()
    for row in net.nodes.itertuples():
        label = names.label(row.id, row.label) if names else str(row.label)
        g.add_node(
            str(row.id),
            label=label,
            handle=label,
            pagerank=float(row.pagerank),
            in_strength=float(row.in_strength),
            out_strength=float(row.out_strength),
            community=int(row.community),
            core=int(row.core),
            category=str(row.category or ""),
        )
    for row in net.edges.itertuples():
        g.add_edge(str(row.source), str(row.target), weight=float(row.weight), kind=net.query.kind)
    return g


def export_bytes(net: Network, fmt: str, names: Pseudonymizer | None = None) -> dict[str, bytes]:
    """{file suffix: bytes}: one file for GEXF/GraphML, nodes and edges for CSV."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format “{fmt}”: use one of {', '.join(FORMATS)}.")
    if fmt == "csv":
        nodes = net.nodes.copy()
        if names:
            nodes["label"] = [names.label(i, lbl) for i, lbl in zip(nodes["id"], nodes["label"], strict=True)]
        edges = net.edges.assign(kind=net.query.kind)
        return {
            "nodes.csv": csv_bytes(nodes.astype({"id": str})),
            "edges.csv": csv_bytes(edges.astype({"source": str, "target": str})),
        }
    g = to_networkx(net, names)
    buf = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(g, buf)
    else:
        nx.write_graphml(g, buf)
    return {fmt: buf.getvalue()}
