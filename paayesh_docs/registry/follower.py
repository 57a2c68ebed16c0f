"""What is derived from the records (the search index, tracking), kept current by a process
of its own.

A long-running writer (the watcher) nudges the follower after each batch it registers
and goes on at once: indexing a record costs about as much as extracting it, and
tantivy merges segments now and then, so doing it in the writer would cut its speed
and stall it at random. Nudges that arrive while the follower is busy are folded into
one catch-up, which starts from the last record each derived state took in
(`Registry.sync_index`, `Tracker.sync`), so nothing is done twice and nothing is
missed. If the follower dies, the next command that searches or tracks catches up
itself; if the writer is killed, the follower sees its pipe close and exits.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Sequence
from multiprocessing.connection import Connection
from typing import IO, Any

from paayesh_docs.registry.api import Registry

log = logging.getLogger(__name__)

_EVERY = 1.0  # seconds: the follower catches up at most this often
_M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h


Follow = Callable[[Registry], Callable[[], object]]
"""Given the follower's registry, the catch-up to call on every nudge (made in the
follower, after the fork: e.g. `lambda registry: registry.sync_index`)."""


class Follower:
    """A forked process that catches the registry's derived state up when nudged.

    Forked, not spawned, from the writer once its registry is open, with the objects
    made so far frozen out of the garbage collector: the follower shares their memory
    pages (100,000 records' summaries) instead of reading them again. Nothing in the
    writer runs threads yet at that moment (tantivy's come later, in the follower),
    which is what makes fork safe here. `inherited` are files the follower must not
    keep open (the watcher's lock, which would outlive a killed watcher).
    """

    def __init__(self, registry: Registry, followers: Sequence[Follow],
                 inherited: Iterable[IO[Any]] = ()) -> None:
        context = multiprocessing.get_context("fork")
        gc.freeze()  # the collector would write to every frozen object's page, unsharing it
        self._pipe, theirs = context.Pipe()
        # the follower must not hold the writer's end of the pipe, or it would never see
        # the writer die
        inherited = [self._pipe.fileno(), *(f.fileno() for f in inherited)]
        self._process: Any = context.Process(
            target=_follow, args=(registry, followers, theirs, inherited),
            name="paayesh-follower", daemon=True)
        self._process.start()
        theirs.close()

    def nudge(self) -> None:
        """Records were added: catch up soon. Never waits for the catching up."""
        with contextlib.suppress(OSError):
            self._pipe.send(True)

    def close(self, timeout: float = 120.0) -> None:
        """Catch up one last time, then end the process."""
        with contextlib.suppress(OSError):
            self._pipe.send(False)
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()
        self._pipe.close()

    def __enter__(self) -> Follower:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _follow(registry: Registry, followers: Sequence[Follow], pipe: Connection,
            inherited: list[int]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group: the
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # writer decides when this one stops
    for descriptor in inherited:
        os.close(descriptor)
    registry.reopen()
    libc = _libc()
    _one_malloc_arena(libc)
    catch_ups = [follow(registry) for follow in followers]
    going, last = True, -_EVERY
    while going:
        try:
            going = pipe.recv()
            # a burst nudges many times a second: one catch-up (one index commit, one
            # segment to merge later) a second is enough for searches
            while going and pipe.poll(max(last + _EVERY - time.monotonic(), 0)):
                going = pipe.recv()
        except (EOFError, OSError):  # the writer is gone (killed)
            going = False
        last = time.monotonic()
        for catch_up in catch_ups:
            try:
                catch_up()
            except Exception:  # the next command catches up; keep following
                log.exception("catching up: %s", catch_up)
        _give_back(libc)


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: its malloc has neither knob
        return None


def _one_malloc_arena(libc: ctypes.CDLL | None) -> None:
    """tantivy's writer and merge threads each get a glibc malloc arena, and what they
    free there is seldom given back: at 100,000 records a follower committing every
    second grew without end (236 MB after 30 commits); with one arena it stays flat
    (151 MB). Measured with bench/watch.py's registry."""
    with contextlib.suppress(AttributeError):
        if libc is not None:
            libc.mallopt(_M_ARENA_MAX, 1)


def _give_back(libc: ctypes.CDLL | None) -> None:
    """After a catch-up, the free pages of malloc's heap back to the system (`malloc_trim`):
    each index commit takes its writer's memory budget (15 MB) and the merges theirs, and
    glibc returns freed memory only from the heap's top, so a follower kept them between
    catch-ups. A walk of the free lists, about a millisecond, at most once a second."""
    with contextlib.suppress(AttributeError):
        if libc is not None:
            libc.malloc_trim(0)
