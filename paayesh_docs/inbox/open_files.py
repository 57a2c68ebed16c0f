"""Which files some process still holds open for writing, from Linux's `/proc`.

A scanner, a slow share or a program writing in chunks may pause longer than any
stillness `delay` with the file still open; the file is complete only once every writer
has closed it. The kernel says who holds what: `/proc/<pid>/fd/<n>` links to each open
file and `/proc/<pid>/fdinfo/<n>` gives the mode it was opened with.

A full look at `/proc` reads a link for every open descriptor of every process, so it
is asked only about the files about to be taken, all at once, and only descriptors
whose link ends in one of their names are looked at closer (their device and inode,
then their mode): a few milliseconds on a busy machine. What it cannot see (processes of
other users when we are not root, writers on another machine behind a network share) it
says so (`complete` is False), and the caller decides.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_PROC = "/proc"
_WRITE_MODES = (os.O_WRONLY, os.O_RDWR)


@dataclass
class Writers:
    """The answer of one look: the (device, inode) of the files held open for writing,
    and whether every process could be looked at."""

    held: set[tuple[int, int]] = field(default_factory=set)
    complete: bool = True

    def holds(self, status: os.stat_result) -> bool:
        return (status.st_dev, status.st_ino) in self.held


def held_for_writing(files: Iterable[tuple[Path, os.stat_result]]) -> Writers:
    """Which of `files` (each with its `lstat`) some process has open for writing."""
    wanted: dict[str, set[tuple[int, int]]] = {}
    for path, status in files:
        wanted.setdefault(path.name, set()).add((status.st_dev, status.st_ino))
    if not wanted:
        return Writers()
    try:
        processes = [entry for entry in os.listdir(_PROC) if entry.isdigit()]
    except OSError:  # no /proc: not Linux, or a sandbox without it
        return Writers(complete=False)
    answer = Writers()
    for pid in processes:
        descriptors = f"{_PROC}/{pid}/fd"
        try:
            numbers = os.listdir(descriptors)
        except PermissionError:  # another user's process, and we are not root
            answer.complete = False
            continue
        except OSError:  # ended meanwhile
            continue
        for number in numbers:
            link = f"{descriptors}/{number}"
            try:
                inodes = wanted.get(os.readlink(link).rpartition("/")[2])
                if inodes is None:
                    continue
                status = os.stat(link)
                key = (status.st_dev, status.st_ino)
                if key in inodes and _opened_for_writing(f"{_PROC}/{pid}/fdinfo/{number}"):
                    answer.held.add(key)
            except OSError:  # closed or ended meanwhile
                continue
    return answer


def _opened_for_writing(fdinfo: str) -> bool:
    with open(fdinfo, encoding="ascii", errors="replace") as stream:
        for line in stream:
            if line.startswith("flags:"):
                return int(line.split()[1], 8) & os.O_ACCMODE in _WRITE_MODES
    return False
