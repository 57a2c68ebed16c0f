"""Threads: every reference («عطف به …», «پیرو …») linked to the registered letter it cites.

Links are derived from the facts of all records together, never stored one by one as
letters arrive, so a reply registered before its original is linked as soon as the
original is there, and the answer does not depend on the order letters came in.

A reference cites a number (any digit script, any spelling: `numbers.number_key`) and
often a date. Of the letters with that number (letter number or registry number), one
whose own date differs from the cited date is never the one meant; among the rest the
best is: the cited date itself, then the direction a reference implies («عطف» answers a
letter from the other side, «پیرو» follows one's own), then a letter older than the
citing one, the most recent first, then the content hash (so ties break the same way in
every registry).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from paayesh_docs.tracking.facts import Fact, Ref


def _day_number(day: str) -> int:
    return int(day.replace("-", ""))


def cited(source_id: int, source: Fact, ref: Ref, facts: Mapping[int, Fact],
          by_key: Mapping[str, list[int]]) -> int | None:
    """The record a reference of `source` cites, or None when it is not registered (yet)."""
    relation, key, date = ref
    best: tuple[object, ...] | None = None
    found = None
    for candidate_id in by_key.get(key, ()):
        if candidate_id == source_id:
            continue
        candidate = facts[candidate_id]
        if date and candidate.date and candidate.date != date:
            continue
        opposite = candidate.direction != source.direction
        expected = opposite if relation == "reply_to" else not opposite
        rank = (0 if date and candidate.date == date else 1, 0 if expected else 1,
                1 if candidate.day > source.day else 0, -_day_number(candidate.day),
                candidate.sha)
        if best is None or rank < best:
            best, found = rank, candidate_id
    return found


@dataclass
class Graph:
    """The links between all records, and the threads they make."""

    facts: Mapping[int, Fact]
    by_key: Mapping[str, list[int]]
    targets: dict[int, tuple[int | None, ...]] = field(default_factory=dict)
    cited_by: dict[int, list[int]] = field(default_factory=dict)
    _root: dict[int, int] = field(default_factory=dict)
    _members: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # the facts as this graph took them in, and every number any reference cites: what
        # `take` compares new facts with
        self._taken: dict[int, Fact] = dict(self.facts)
        self._cited_keys: set[str] = {ref[1] for fact in self.facts.values() for ref in fact.refs}
        for record_id, fact in self.facts.items():
            if not fact.refs:
                continue
            targets = tuple(cited(record_id, fact, ref, self.facts, self.by_key)
                            for ref in fact.refs)
            self.targets[record_id] = targets
            for target in dict.fromkeys(t for t in targets if t is not None):
                self.cited_by.setdefault(target, []).append(record_id)
                self._union(record_id, target)
        for record_id in self._root:
            self._members.setdefault(self._find(record_id), []).append(record_id)

    def take(self, record_ids: Iterable[int]) -> bool:
        """Take in the facts of `record_ids` that changed in `facts` since this graph was made:
        True when the graph is now what making it again would give, False when it cannot
        tell (make it again). A new letter that no reference cites yet only adds its own
        links (the watcher's usual case: milliseconds, where making the graph of 100,000
        records again takes 0.2 s); a changed letter, or one with a number some reference
        cites (an older reply may now point at it), needs the graph made again."""
        for record_id in record_ids:
            fact, before = self.facts.get(record_id), self._taken.get(record_id)
            if fact == before:
                continue
            if before is not None or fact is None or self._cited_keys.intersection(fact.keys):
                return False
            self._taken[record_id] = fact
            if not fact.refs:
                continue
            self._cited_keys.update(ref[1] for ref in fact.refs)
            targets = tuple(cited(record_id, fact, ref, self.facts, self.by_key)
                            for ref in fact.refs)
            self.targets[record_id] = targets
            for target in dict.fromkeys(t for t in targets if t is not None):
                self.cited_by.setdefault(target, []).append(record_id)
                self._join(record_id, target)
        return True

    def _join(self, a: int, b: int) -> None:
        """`_union` once the members are listed: the two threads' members become one list."""
        root_a, root_b = self._find(a), self._find(b)
        if root_a == root_b:
            return
        keep, gone = min(root_a, root_b), max(root_a, root_b)
        self._root[gone] = keep
        self._members[keep] = self._members.get(keep, [keep]) + self._members.pop(gone, [gone])

    def _find(self, record_id: int) -> int:
        root = self._root.setdefault(record_id, record_id)
        while root != self._root[root]:
            self._root[root] = self._root[self._root[root]]
            root = self._root[root]
        return root

    def _union(self, a: int, b: int) -> None:
        root_a, root_b = self._find(a), self._find(b)
        if root_a != root_b:
            self._root[max(root_a, root_b)] = min(root_a, root_b)

    def cites(self, record_id: int) -> list[int]:
        """The records `record_id` cites (each once)."""
        return list(dict.fromkeys(t for t in self.targets.get(record_id, ()) if t is not None))

    def members(self, record_id: int) -> list[int]:
        """Every record of `record_id`'s thread (itself alone when it has no links)."""
        if record_id not in self._root:
            return [record_id]
        return self._members[self._find(record_id)]

    def thread(self, record_id: int) -> list[int]:
        """The whole chain, both directions, oldest first; on one day a reply after what it
        answers."""
        members = self.members(record_id)
        depth: dict[int, int] = {}

        def depth_of(node: int, seen: frozenset[int] = frozenset()) -> int:
            if node not in depth:
                older = [t for t in self.cites(node) if t not in seen]
                depth[node] = 1 + max((depth_of(t, seen | {node}) for t in older), default=-1)
            return depth[node]

        return sorted(members, key=lambda i: (self.facts[i].day, depth_of(i), self.facts[i].sha))
