"""A document ready to be numbered and rendered, and the check of a data file's fields.

`Prepared` holds everything about one letter, minutes or report except its registry
number: the template context and the record's fields (the `extract` contract's
shape, so tracking reads a composed letter like one that arrived). The number is
filled in by `numbered`, under the registry's lock, just before rendering.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from paayesh_docs.compose.inputs import Problems, text
from paayesh_docs.ingest.fields import canonical_number
from paayesh_docs.persian.digits import to_persian_digits

DRAFT_NUMBER = "پیش‌نویس"


@dataclass
class Prepared:
    """One document: its template, context, record fields and registry direction."""

    template: str
    context: dict[str, Any]
    record: dict[str, Any]
    direction: str
    label: str
    numbers_record: bool = True  # the registry number is also the letter's «شماره»
    extra: dict[str, Any] = field(default_factory=dict)  # what later steps need to know

    def numbered(self, registry_number: str | None, registered_on: str) -> Prepared:
        """A copy carrying its registry number (None: a draft, which carries none)."""
        done = copy.deepcopy(self)
        if registry_number is None:
            done.context.update(number=DRAFT_NUMBER, registry_line=DRAFT_NUMBER)
            return done
        shown = to_persian_digits(registry_number)
        done.context.update(number=shown,
                            registry_line=f"شماره ثبت: {shown}    تاریخ ثبت: {registered_on}")
        if self.numbers_record:
            done.record["number"] = canonical_number(registry_number)
        return done


def check_fields(data: dict[str, Any], inputs: set[str], computed: set[str],
                 template_fields: set[str], problems: Problems) -> dict[str, Any]:
    """Fields the templates need that nobody gives, and data fields nobody reads.

    `inputs` are the data fields this kind of document understands, `computed` the
    context fields paayesh fills itself; any other field a template reads (one a user
    added in Word) must come from the data, and is passed through as written.
    Returns those pass-through fields."""
    extra = template_fields - computed - inputs
    missing = sorted(name for name in extra if name not in data)
    if missing:
        problems.add("قالب این فیلدها را می‌خواهد و فایل داده ندارد: " + "، ".join(missing),
                     "the template needs field(s) the data lacks: " + ", ".join(missing))
    unknown = sorted(set(data) - inputs - template_fields)
    if unknown:
        problems.add("این فیلدها در فایل داده هست ولی قالب آن‌ها را نمی‌شناسد: "
                     + "، ".join(unknown),
                     "field(s) in the data that the template does not know: " + ", ".join(unknown))
    return {name: text(data[name]) if isinstance(data[name], str | int | float) else data[name]
            for name in extra if name in data}
