"""Exports of the whole filtered network (not only the drawn part): GEXF, GraphML, CSV node/edge lists.

Every id and label goes through the Pseudonymizer: a masked account's node id is "anon-<code>" and its label
"account <code>", in the node list and as the source/target of every edge; the files say in their metadata
whether privacy mode was on."""

from __future__ import annotations

import io
from xml.etree.ElementTree import SubElement

import networkx as nx
import pandas as pd
from networkx.readwrite.gexf import GEXFWriter

from clameur.exports import csv_bytes
from clameur.network.model import Network
from clameur.privacy import Pseudonymizer

FORMATS = ("gexf", "graphml", "csv")


def _shown(net: Network, names: Pseudonymizer | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and edges as they leave Clameur: ids and labels through the Pseudonymizer."""
    nodes, edges = net.nodes.copy(), net.edges.assign(kind=net.query.kind)
    names = (names or Pseudonymizer.off()).for_network(net.query.kind)
    ids = [str(i) for i in nodes["id"]]
    labels = [lbl if isinstance(lbl, str) else None for lbl in nodes["label"]]
    shown = dict(zip(ids, (names.node_id(i, lbl) for i, lbl in zip(ids, labels, strict=True)), strict=True))
    nodes["id"] = [shown[i] for i in ids]
    nodes["label"] = [names.label(i, lbl) for i, lbl in zip(ids, labels, strict=True)]
    for end in ("source", "target"):
        edges[end] = [shown.get(str(i), None) or names.node_id(str(i)) for i in edges[end]]
    return nodes, edges


def to_networkx(net: Network, names: Pseudonymizer | None = None) -> nx.Graph:
    nodes, edges = _shown(net, names)
    g = nx.DiGraph() if net.query.kind != "hashtag" else nx.Graph()
    for row in nodes.itertuples():
        g.add_node(
            row.id,
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
        g.add_edge(row.source, row.target, weight=float(row.weight), kind=row.kind)
    g.graph["privacy"] = (names or Pseudonymizer.off()).notice("en")  # GraphML: a graph attribute
    return g


def _gexf(g: nx.Graph, notice: str) -> bytes:
    """networkx's GEXF, with the privacy notice as the <meta> description (its writer leaves it out)."""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(g)
    meta = writer.xml.find("meta")
    if meta is not None:
        SubElement(meta, "description").text = notice
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def export_bytes(net: Network, fmt: str, names: Pseudonymizer | None = None) -> dict[str, bytes]:
    """{file suffix: bytes}: one file for GEXF/GraphML, nodes and edges for CSV."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format “{fmt}”: use one of {', '.join(FORMATS)}.")
    if fmt == "csv":
        nodes, edges = _shown(net, names)
        return {"nodes.csv": csv_bytes(nodes), "edges.csv": csv_bytes(edges)}
    g = to_networkx(net, names)
    if fmt == "gexf":
        return {fmt: _gexf(g, g.graph.pop("privacy"))}
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return {fmt: buf.getvalue()}
