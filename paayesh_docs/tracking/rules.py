"""The `[tracking]` settings made ready to match: phrase lists compiled once per process.

A fingerprint of everything that shapes a record's facts is kept in the tracking state:
when a clerk edits the bodies or phrases in `paayesh.toml`, the state is rebuilt on
the next sync instead of mixing facts made under two configurations.
"""

from __future__ import annotations

import hashlib
from functools import cached_property, lru_cache
from typing import Any

from paayesh_docs.config import Calendar, Numbering, Tracking
from paayesh_docs.persian.dates import WorkCalendar
from paayesh_docs.registry.numbering import DIRECTIONS, format_number
from paayesh_docs.tracking.numbers import number_key
from paayesh_docs.tracking.phrases import Names, Subjects, Wordings, terms_of

FACTS_VERSION = 5  # bump when `facts_of` changes what it records (4: composed reports,
# 5: void and party, for the reports)


class Rules:
    """Phrase matchers and calendars for one office's tracking settings."""

    def __init__(self, tracking: Tracking, calendar: Calendar | None = None,
                 numbering: Numbering | None = None) -> None:
        self.settings = tracking
        self.calendar_settings = calendar or Calendar()
        self._codes = _registry_codes(numbering or Numbering())
        self.secretariat = Names(tracking.copy_to)
        self.levels = [(level.level, Names(level.bodies)) for level in tracking.levels]
        self.routine = Wordings(tracking.routine_subjects)
        self.minutes_word = Wordings(["صورتجلسه"])
        self.extraordinary = Wordings(tracking.meetings.extraordinary)
        statistics = tracking.statistics
        self.filing = Wordings(statistics.subjects if statistics.enabled else ())
        self.approved = Wordings(statistics.approved)
        self.returned = Wordings(statistics.returned)
        self.corrected = Wordings(statistics.corrected)
        # every subject is asked about all of these at once
        self.subjects = Subjects({"routine": self.routine, "minutes": self.minutes_word,
                                  "filing": self.filing, "approved": self.approved,
                                  "returned": self.returned, "corrected": self.corrected})
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

    def registry_key(self, record: dict[str, Any]) -> str | None:
        """`number_key` of the record's registry number, made from its parts when the
        register writes numbers the default way (a rebuild keys 100,000 of them)."""
        code = self._codes.get(record.get("direction") or "") if self._codes else None
        if code is not None and record.get("seq") and record.get("year"):
            return f"{record['year']}/{code}/{record['seq']}"
        return number_key(record.get("registry_number"))

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


def _registry_codes(numbering: Numbering) -> dict[str, str] | None:
    """Each direction's letter as it stands in a registry number's key, when numbers are
    written the default way (`1405/و/000123`, key `1405/و/123`); None otherwise."""
    if numbering.format != Numbering().format:
        return None
    codes = {}
    for direction in DIRECTIONS:
        key = number_key(format_number(numbering, 1405, direction, 7))
        if key is None or key.count("/") != 2:
            return None
        codes[direction] = key.split("/")[1]
    return codes
