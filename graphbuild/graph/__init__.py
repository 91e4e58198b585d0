"""The graph layer: the store, the resolver, the merge of an extraction, and queries.

It reads extractions (the contract of EXTRACTION.md) and reference data; it knows
nothing of the extractors or of the exporters, which read it.
"""

from __future__ import annotations

from .core import FORMAT, NODE_TYPES, KnowledgeGraph

__all__ = ["FORMAT", "NODE_TYPES", "KnowledgeGraph"]
