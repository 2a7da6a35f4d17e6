"""Exports of the whole filtered network (not only the drawn part): GEXF, GraphML, CSV node/edge lists.

Every id and label goes through the Pseudonymizer first (:func:`shown_frames`): a masked account's node id is
"anon-<code>" and its label "account <code>", in the node list and as the source/target of every edge; the files
say in their metadata whether privacy mode was on. :func:`files` then works on those plain frames, so that a
worker process can build a big file (clameur.heavy)."""

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


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format “{fmt}”: use one of {', '.join(FORMATS)}.")


def shown_frames(net: Network, names: Pseudonymizer | None = None) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The nodes and edges as they leave Clameur (ids and labels through the Pseudonymizer), and the privacy
    notice the files carry."""
    nodes, edges = net.nodes.copy(), net.edges.copy()
    names = (names or Pseudonymizer.off()).for_network(net.query.kind)
    ids = [str(i) for i in nodes["id"]]
    labels = [lbl if isinstance(lbl, str) else None for lbl in nodes["label"]]
    shown = dict(zip(ids, (names.node_id(i, lbl) for i, lbl in zip(ids, labels, strict=True)), strict=True))
    nodes["id"] = [shown[i] for i in ids]
    nodes["label"] = [names.label(i, lbl) for i, lbl in zip(ids, labels, strict=True)]
    for end in ("source", "target"):
        edges[end] = [shown.get(str(i), None) or names.node_id(str(i)) for i in edges[end]]
    return nodes, edges, names.notice("en")


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
    nodes, edges, notice = shown_frames(net, names)
    g = graph_from_frames(nodes, edges, net.query.kind)
    g.graph["privacy"] = notice  # GraphML: a graph attribute
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


def files(nodes: pd.DataFrame, edges: pd.DataFrame, kind: str, fmt: str, notice: str) -> dict[str, bytes]:
    """{file suffix: bytes}: one file for GEXF/GraphML, nodes and edges for CSV (frames from :func:`shown_frames`)."""
    check_format(fmt)
    if fmt == "csv":
        return {
            "nodes.csv": csv_bytes(nodes.astype({"id": str})),
            "edges.csv": csv_bytes(edges.assign(kind=kind).astype({"source": str, "target": str})),
        }
    g = graph_from_frames(nodes, edges, kind)
    if fmt == "gexf":
        return {fmt: _gexf(g, notice)}
    g.graph["privacy"] = notice
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    return {fmt: buf.getvalue()}


def export_bytes(net: Network, fmt: str, names: Pseudonymizer | None = None) -> dict[str, bytes]:
    """{file suffix: bytes}: one file for GEXF/GraphML, nodes and edges for CSV."""
    check_format(fmt)
    nodes, edges, notice = shown_frames(net, names)
    return files(nodes, edges, net.query.kind, fmt, notice)
