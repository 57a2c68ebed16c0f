"""Answers kept between requests while nothing they count has changed.

A year's report or the tracking overview takes a second or more at 100,000 records, and
an evaluator asks for the same one again and again (the page, then its downloads; the
page again after opening a record). An answer is kept under what it was asked with and
under everything it counts: the registry's last revision (every registration, edit and
void moves it) and the clerks' marks. A new letter or mark is in the next answer.
Kept answers are shared by the requests that ask for them: read them, never change them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import Request

from paayesh_docs.web.deps import office

KEPT = 8  # answers at most, the least recently asked for going first


def kept(request: Request, key: tuple[Hashable, ...], make: Callable[[Any], Any]) -> Any:
    """`make(tracker)` for `key`, or the answer it gave while the records and the marks
    are as they were; `make` runs holding the office's lock, the Tracker caught up."""
    from paayesh_docs.tracking.marks import Marks

    the_office = office(request)
    answers: OrderedDict[tuple, Any] | None = getattr(request.app.state, "kept", None)
    if answers is None:
        answers = request.app.state.kept = OrderedDict()
    with the_office.lock:
        tracker = the_office.tracker()  # caught up with the registry
        with Marks(the_office.raw_registry.folder) as marks:
            marked = tuple(marks.all())
        full = (*key, the_office.raw_registry.max_rev, marked)
        if full not in answers:
            answers[full] = make(tracker)
            while len(answers) > KEPT:
                answers.popitem(last=False)
        answers.move_to_end(full)
        return answers[full]
