"""Registry: durable records with registry numbers, archived originals, and Persian search."""

from paayesh_docs.registry.api import Incoming, Registered, Registry, SearchResult
from paayesh_docs.registry.index import Filters

__all__ = ["Filters", "Incoming", "Registered", "Registry", "SearchResult"]
