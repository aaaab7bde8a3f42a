"""Node type declarations: one module per node type, collected by the registry."""

from flow_runtime.nodes.base import NodeDeclaration, Port, Text
from flow_runtime.nodes.registry import NODE_TYPES, catalog, get_node_type

__all__ = ["NODE_TYPES", "NodeDeclaration", "Port", "Text", "catalog", "get_node_type"]
