"""A real process that registers files, for the crash and concurrency tests.

    python registry_worker.py HOME FILE...

Prints `ready` once the registry is open, then `ok <id> <registry number> <file>`
after each registration returns: a line printed is a record acknowledged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from paayesh_docs.config import load_settings
from paayesh_docs.registry import Registry


def main() -> None:
    home, files = Path(sys.argv[1]), sys.argv[2:]
    with Registry(load_settings(home)) as registry:
        print("ready", flush=True)
        for name in files:
            result = registry.register(Path(name), index=False)
            print(result.status, result.id, result.registry_number, Path(name).name, flush=True)


if __name__ == "__main__":
    main()
