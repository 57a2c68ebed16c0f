"""Why a file cannot be read, said so that a clerk and an administrator both understand.

Every reader raises `Rejected` with a stable `code` (for programs and tests) and a
reason in Persian and English that names the problem; the caller adds the file name.
Nothing else may escape a reader: an unexpected exception is turned into
`Rejected("unreadable", ...)` at the pipeline's edge, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Rejected(Exception):
    """The file is not a document we can read; `fa` and `en` say why."""

    code: str
    fa: str
    en: str

    def __str__(self) -> str:
        return f"{self.en} / {self.fa}"

    def as_reason(self) -> dict[str, str]:
        return {"code": self.code, "fa": self.fa, "en": self.en}


class Ignored(Exception):
    """Not a document at all (an Office lock file, a temporary or hidden file): skip silently."""


def too_large(what_fa: str, what_en: str, limit: str) -> Rejected:
    return Rejected("too_large", f"{what_fa} بیش از حد مجاز ({limit}) است.",
                    f"{what_en} exceeds the limit ({limit}).")
