"""Structural difference between two flow graphs, by node and edge id, for the editor to highlight."""

from __future__ import annotations

from typing import Any

from flow_runtime.graph import FlowGraph


def _by_id(items: list) -> dict[str, Any]:
    return {item.id: item for item in items}


def diff_graphs(old: FlowGraph, new: FlowGraph) -> dict[str, dict[str, list[str]]]:
    """Ids of nodes added, removed, changed (type or parameters) and only moved; edges added, removed,
    changed (other output or target)."""
    old_nodes, new_nodes = _by_id(old.nodes), _by_id(new.nodes)
    common = old_nodes.keys() & new_nodes.keys()
    changed = sorted(i for i in common if (old_nodes[i].type, old_nodes[i].data) != (new_nodes[i].type, new_nodes[i].data))
    moved = sorted(i for i in common if i not in changed and old_nodes[i].position != new_nodes[i].position)
    old_edges, new_edges = _by_id(old.edges), _by_id(new.edges)
    return {
        "nodes": {
            "added": sorted(new_nodes.keys() - old_nodes.keys()),
            "removed": sorted(old_nodes.keys() - new_nodes.keys()),
            "changed": changed,
            "moved": moved,
        },
        "edges": {
            "added": sorted(new_edges.keys() - old_edges.keys()),
            "removed": sorted(old_edges.keys() - new_edges.keys()),
            "changed": sorted(i for i in old_edges.keys() & new_edges.keys() if old_edges[i] != new_edges[i]),
        },
    }
