"""The watched inbox: which dropped files are complete, claiming them, registering each
once or setting it aside with a reason, and the watcher that drives it.

    from paayesh_docs.inbox import Inbox, Watcher

It sits above the registry (it registers) and below the CLI (`paayesh watch`).
"""

from paayesh_docs.inbox.claims import Inbox
from paayesh_docs.inbox.watcher import Watcher

__all__ = ["Inbox", "Watcher"]
