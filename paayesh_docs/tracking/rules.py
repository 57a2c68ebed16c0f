"""The `[tracking]` settings made ready to match: phrase lists compiled once per process.

A fingerprint of everything that shapes a record's facts is kept in the tracking state:
when a clerk edits the bodies or phrases in `paayesh.toml`, the state is rebuilt on
the next sync instead of mixing facts made under two configurations.
"""

from __future__ import annotations

import hashlib
from functools import cached_property, lru_cache

from paayesh_docs.config import Calendar, Tracking
from paayesh_docs.persian.dates import WorkCalendar
from paayesh_docs.tracking.phrases import Phrases, terms_of

FACTS_VERSION = 1  # bump when `facts_of` changes what it records


class Rules:
    """Phrase matchers and calendars for one office's tracking settings."""

    def __init__(self, tracking: Tracking, calendar: Calendar | None = None) -> None:
        self.settings = tracking
        self.calendar_settings = calendar or Calendar()
        self.secretariat = Phrases(tracking.copy_to)
        self.levels = [(level.level, Phrases(level.bodies)) for level in tracking.levels]
        self.routine = Phrases(tracking.routine_subjects)
        self.minutes_word = Phrases(["صورتجلسه"])
        self.extraordinary = Phrases(tracking.meetings.extraordinary)
        statistics = tracking.statistics
        self.filing = Phrases(statistics.subjects if statistics.enabled else ())
        self.approved = Phrases(statistics.approved)
        self.returned = Phrases(statistics.returned)
        self.corrected = Phrases(statistics.corrected)
        self.body_of = lru_cache(maxsize=20_000)(self._body_of)

    def _body_of(self, name: str) -> tuple[int, str] | None:
        """The level and the body (as `paayesh.toml` names it) that `name` addresses; the
        longest alias wins (the High Council's secretariat is not the High Council)."""
        best: tuple[int, int, str] | None = None
        for level, bodies in self.levels:
            found = bodies.find(name)
            if found is not None:
                size = len(terms_of(found))
                if best is None or size > best[0]:
                    best = (size, level, found)
        return (best[1], best[2]) if best else None

    def level_of(self, name: str) -> int | None:
        body = self.body_of(name)
        return body[0] if body else None

    @cached_property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar.from_names(self.calendar_settings.weekend,
                                       self.calendar_settings.holidays)

    @cached_property
    def fingerprint(self) -> str:
        """Changes when anything `facts_of` depends on changes."""
        shaping = (FACTS_VERSION, self.settings.copy_to, self.settings.routine_subjects,
                   self.settings.levels, self.settings.meetings.extraordinary,
                   self.settings.statistics.enabled, self.settings.statistics.subjects,
                   self.settings.statistics.approved, self.settings.statistics.returned,
                   self.settings.statistics.corrected)
        return hashlib.sha256(repr(shaping).encode("utf-8")).hexdigest()[:16]
