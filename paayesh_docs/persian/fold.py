"""Character folding shared by `normalize`, `search_terms` and the lexicon.

Kept apart from `text` so that the lexicon can fold hazm's word list with exactly
the function that folds the words of a letter and of a query.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

ZWNJ = "\u200c"
# the letters that never join the letter after them: a word's pieces part after them
# (صادر کنندگان), and no ZWNJ is written after them (کالاها)
NON_JOINING = frozenset("ادذرزژوآأإؤ")

# Arabic and regional letter shapes that Persian text means as Persian letters.
_LETTER_FOLD = {
    "ي": "ی",  # Arabic yeh
    "ى": "ی",  # alef maksura
    "ې": "ی",
    "ے": "ی",  # yeh barree
    "ك": "ک",  # Arabic kaf
    "ڪ": "ک",  # swash kaf
    "ە": "ه",  # ae
    "ھ": "ه",  # heh doachashmee
    "ہ": "ه",  # heh goal
}

_DIACRITICS = (
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0655\u0656\u0657"
    "\u0658\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670"
)
_TATWEEL = "\u0640"
# Invisible marks that carry nothing a reader sees: bidi controls, zero-width
# space and joiner, soft hyphen, BOM / zero-width no-break space.
_INVISIBLE = (
    "\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u00ad\ufeff"
)
_ODD_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u202f\u205f\u3000"
)


def _presentation_form_table() -> dict[int, str]:
    """Map Arabic presentation forms (PDF glyph codes) to base letters.

    NFKC does this for most of U+FB50–U+FDFF and U+FE70–U+FEFF, but it maps the
    Uighur/Kazakh forms at U+FBE4–U+FBE9 to letters Persian does not use: those
    are what PDF producers emit for Persian yeh, so they go to ی.
    """
    table: dict[int, str] = {}
    for start, end in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE)):
        for code in range(start, end + 1):
            char = chr(code)
            if unicodedata.category(char) == "Cn":
                continue
            folded = unicodedata.normalize("NFKC", char)
            if folded != char:
                # harakat forms (U+FE70…) decompose to a space or tatweel and a mark
                table[code] = "".join(_LETTER_FOLD.get(c, c) for c in folded
                                      if c not in _DIACRITICS and c not in " \u0640")
    for code in range(0xFBE4, 0xFBEA):
        table[code] = "ی"
    return table


CHAR_TABLE: dict[int, str | None] = {
    **_presentation_form_table(),
    **{ord(k): v for k, v in _LETTER_FOLD.items()},
    **{ord(c): None for c in _DIACRITICS + _TATWEEL + _INVISIBLE},
    **{ord(c): " " for c in _ODD_SPACES + "\t\v\f"},
}

# Beyond `normalize`: letters that spell the same word differently. Hamza on an
# alef is often left off (تأمین / تامین); teh marbuta and heh with hamza read as heh.
SEARCH_TABLE: dict[int, str | None] = {
    **CHAR_TABLE,
    **{ord(c): "ا" for c in "أإٱ"},
    ord("ة"): "ه",
    ord("ۀ"): "ه",
    ord("ؤ"): "و",
    ord("\u0654"): None,  # hamza above, as in هٔ
    ord(ZWNJ): None,  # joined, spaced and ZWNJ spellings meet as joined
    ord("٫"): ".",  # Arabic decimal separator
    ord("٬"): None,  # Arabic thousands separator
}


def fold_hamza_seats(word: str) -> str:
    """One spelling for words whose hamza seat varies.

    رئیس/رییس, مسئول/مسوول/مسؤول, مسائل/مسایل, آئین/آیین, سئوال/سوال, فرآیند/فرایند
    all meet. Doubled waw is collapsed (مسوول is مسئول written without its sign); doubled
    yeh is not, so اجرایی stays apart from اجرای. The result is an index key.
    """
    if "ئ" in word:
        word = word.replace("ائ", "ای").replace("ئو", "و").replace("ئ", "ی")
    if word.endswith("اء"):
        word = word[:-1]
    if "وو" in word:
        word = word.replace("وو", "و")
    if "آ" in word[1:]:
        word = word[0] + word[1:].replace("آ", "ا")  # فرآیند / فرایند; آ first stays
    return word




def _translator(table: dict[int, str | None]) -> Callable[[str], str]:
    """`text.translate(table)`, done by a regex over the few characters that change.

    Measured here: `str.translate` with a dict costs about 0.2 µs a character even
    when nothing changes; the regex scan skips ordinary Persian text in C, 20 times
    faster on a letter.
    """
    pattern = re.compile("[" + "".join(re.escape(chr(code)) for code in table) + "]")

    def replace(match: re.Match[str]) -> str:
        return table[ord(match.group())] or ""

    return lambda text: pattern.sub(replace, text)


fold_characters = _translator(CHAR_TABLE)
_fold_search_characters = _translator(SEARCH_TABLE)


# A hamza typed as a separate mark after its seat (یٔ, ؤ, أ) is the hamza letter.
_SEATED_HAMZA = re.compile("[یيى]\u0654")


def compose(text: str) -> str:
    """NFC, with ی + combining hamza composed too (Unicode composes only ي + hamza)."""
    return unicodedata.normalize("NFC", _SEATED_HAMZA.sub("ئ", text))


def fold_for_search(text: str) -> str:
    """Letters folded for searching: no ZWNJ, no diacritics, Persian letters, lower case.

    Composed before and after folding: removing a tatweel, a mark or a ZWNJ can bring a
    letter next to a combining hamza."""
    return compose(_fold_search_characters(compose(text.replace(ZWNJ, "")))).lower()
