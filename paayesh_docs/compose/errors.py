"""Why a document cannot be composed, in Persian and English, naming the file and the field.

Every check of a data file or template collects all of its problems before raising,
so a clerk fixes the file once instead of once per problem; the CLI prints the two
messages and exits with code 2, and nothing has been written or numbered by then.
"""

from __future__ import annotations


class ComposeError(Exception):
    """A data file or template that cannot be used; `fa` and `en` say why."""

    def __init__(self, fa: str, en: str) -> None:
        super().__init__(en)
        self.fa, self.en = fa, en


def problems_error(file: object, problems: list[tuple[str, str]]) -> ComposeError:
    """One error listing every (fa, en) problem found in `file`."""
    fa = "\n".join(f"  - {p_fa}" for p_fa, _ in problems)
    en = "\n".join(f"  - {p_en}" for _, p_en in problems)
    return ComposeError(f"فایل {file} قابل استفاده نیست:\n{fa}",
                        f"{file} cannot be used:\n{en}")
