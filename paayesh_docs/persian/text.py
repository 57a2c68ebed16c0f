"""Persian text: one clean form for storage and one set of search terms for every spelling.

Two functions carry the whole product's Persian:

- `normalize` cleans characters for storage and display and never changes what a
  clerk would read: letter numbers, dates and amounts keep their shape
  (hazm's default `Normalizer` spaces out `۱۲۳/۴۵۶/ص` and turns `10.450` into
  `۱۰ ٫ ۴۵۰`, so we take its ideas, not its defaults).
- `search_terms` turns text into index tokens. The index and the query both go
  through it, so a word matches however it was typed: Arabic or Persian letters,
  three digit scripts, ZWNJ or space or nothing before affixes, compounds written
  joined or apart, hamza seats. Stemming is light and checked against hazm's
  word list (see `lexicon`), so نامه never becomes نام.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from paayesh_docs.persian import lexicon, plurals
from paayesh_docs.persian.digits import to_latin_digits, to_persian_digits
from paayesh_docs.persian.fold import (
    ZWNJ,
    compose,
    fold_characters,
    fold_for_search,
    fold_hamza_seats,
)

_ZWNJ_RUN = re.compile(f"{ZWNJ}{{2,}}")
# A ZWNJ at a word's edge is dropped: followed by a non-word or the end, or after a
# non-word or the start. Three patterns that each begin with a character, not one whose
# branch begins with a look-behind (tried at every position: 4 s on a 15 MB letter).
_COMBINING_HAMZA_OR_MADDA = re.compile("[\u0653\u0654\u0655]")
_ZWNJ_BEFORE_EDGE = re.compile(rf"{ZWNJ}+(?=\W|$)")
_ZWNJ_AFTER_EDGE = re.compile(rf"(\W){ZWNJ}+")
_ZWNJ_AT_START = re.compile(rf"^{ZWNJ}+")
_SPACES = re.compile(r" {2,}")
_SPACE_AT_LINE_EDGE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize(text: str, digits: str | None = "fa") -> str:
    """Clean `text` for storage and display.

    `digits` is the canonical digit script: "fa" (Persian, what a clerk reads),
    "latin", or None to leave digits as written.
    """
    text = compose(text.replace("\r\n", "\n").replace("\r", "\n"))
    # composed again once tatweel, marks and glyph codes are gone (ﺍ + ٔ is أ)
    text = compose(fold_characters(text))
    text = _ZWNJ_RUN.sub(ZWNJ, text)
    if ZWNJ in text:
        text = _ZWNJ_BEFORE_EDGE.sub("", text)
        text = _ZWNJ_AFTER_EDGE.sub(r"\1", text)
        text = _ZWNJ_AT_START.sub("", text)
        if _COMBINING_HAMZA_OR_MADDA.search(text):  # a ZWNJ stood between ا and ٔ
            text = compose(text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AT_LINE_EDGE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text).strip(" \n")
    if digits == "fa":
        text = to_persian_digits(text)
    elif digits == "latin":
        text = to_latin_digits(text)
    return text


def fold_word(word: str) -> str:
    """Letter-level search key of one word (already free of ZWNJ and diacritics)."""
    word = fold_hamza_seats(word)
    return lexicon.spelling_variants().get(word, word)


# Suffixes stripped when what is left is a known word.
_PLURAL_AND_DEGREE = ("هایی", "های", "ها", "ترین", "تر")
_AFTER_HEH = ("ای", "ی")  # خانه‌ای، خانه‌ی (ezafe and indefinite after silent heh)

# Words written apart from their word: joined to the previous word when alone.
_DETACHED_SUFFIXES = frozenset(
    {"ها", "های", "هایی", "تر", "ترین", "ای", "ی", "ام", "ات", "اش", "مان", "تان", "شان"}
)
# Verb and negation prefixes written apart: joined to the next word.
_DETACHED_PREFIXES = frozenset({"می", "نمی"})
# Prefixes that make a new word whose meaning is not the parts': غیرنفتی is not نفتی.
_CLOSED_PREFIXES = frozenset({"غیر", "نا"})


def lemma(word: str) -> str:
    """Strip an inflectional suffix when the stem is a known word and the word is not.

    Checked against hazm's word list rather than hazm's `Stemmer`, which turns
    رونوشت into رونو and تجارت into تجار. An Arabic plural becomes its singular
    (مصوبات is مصوبه, اسناد is سند) even though hazm lists it: see `plurals`.
    """
    known = lexicon.words()
    plural_of = plurals.singular(word, lexicon.fold, known, lexicon.frequency)
    if plural_of is not None:
        return plural_of
    if word in known:
        return word
    stems = [word[: -len(suffix)] for suffix in _PLURAL_AND_DEGREE
             if word.endswith(suffix) and len(word) - len(suffix) >= 2]
    stems += [word[: -len(suffix)] for suffix in _AFTER_HEH
              if word.endswith("ه" + suffix)]
    stems = [stem for stem in stems if stem in known]
    if not stems:
        return word
    # the longest known stem: نامه‌ای is نامه + ای, not نام + های
    stem = max(stems, key=len)
    return plurals.singular(stem, lexicon.fold, known, lexicon.frequency) or stem  # مصوبات‌ها


# A word, or a number-like run of words joined by / \ - or a decimal point.
_TOKEN = re.compile(r"[^\W_]+(?:(?:[/\\\-]|(?<=\d)\.(?=\d))[^\W_]+)*")
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d+")
_SEPARATOR = re.compile(r"[\\\-]")
_GLUED = re.compile(r"\d+|[^\d]+")

_term_cache: dict[str, tuple[str, ...]] = {}


def _word_terms(word: str) -> tuple[str, ...]:
    """Terms for one plain word: its lemma, and for a compound also its parts."""
    cached = _term_cache.get(word)
    if cached is not None:
        return cached
    key = lemma(fold_word(word))
    parts = lexicon.compound_parts(key)
    terms = (key, *parts) if parts else (key,)
    if len(_term_cache) < 200_000:
        _term_cache[word] = terms
    return terms


def _number_terms(token: str) -> tuple[str, ...]:
    """A letter number, date or amount: the whole, one separator, and its digit runs.

    `۲۰۷۹۴/ت/۳۵۰۱۴` and `20794-ت-35014` give the same whole, and leading zeros are
    dropped from each group so that `1405-8-21` meets `۱۴۰۵/۰۸/۲۱` and `1405/و/123`
    meets `1405/و/000123`; the digit runs let a clerk find a letter by the part of
    its number she remembers.
    """
    if token.count(".") >= 2:  # ۱۴۰۵.۰۸.۲۱ is a date, 10.450 a decimal
        token = token.replace(".", "/")
    groups = []
    for group in _SEPARATOR.sub("/", token).split("/"):
        # letters glued to digits are a group of their own: ۲۰۷۹۴/ت۳۵۰۱۴ک is ۲۰۷۹۴/ت/۳۵۰۱۴ ک
        groups += _GLUED.findall(group) if "." not in group else [group]
    canonical = _SEPARATOR.sub("/", token)
    if len(groups) > 1 and not groups[-1][0].isdigit() and not canonical.endswith(
            "/" + groups[-1]):
        groups.pop()  # a letter glued to the end, as a separate «ک» after a space is dropped
    whole = "/".join(g.lstrip("0") or "0" if g.isdigit() else fold_hamza_seats(g)
                     for g in groups)
    runs = [run.lstrip("0") or "0" for run in _DIGIT_RUN.findall(whole)]
    return (whole, *(run for run in runs if run != whole))


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _raw_tokens(text: str) -> list[str]:
    folded = to_latin_digits(fold_for_search(text))
    return _TOKEN.findall(_THOUSANDS.sub("", folded))  # 7,775,000 is ۷٬۷۷۵٬۰۰۰


def _attach_detached_affixes(tokens: list[str]) -> Iterator[str]:
    """Join «نامه ها», «می روند», «غیر نفتی» as if typed with ZWNJ or joined."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        while (
            (token in _DETACHED_PREFIXES or token in _CLOSED_PREFIXES)
            and index + 1 < len(tokens)
            and not _DIGIT.search(tokens[index + 1])
        ):
            index += 1
            token += tokens[index]
        while index + 1 < len(tokens) and tokens[index + 1] in _DETACHED_SUFFIXES:
            if _DIGIT.search(token):
                break
            index += 1
            token += tokens[index]
        yield token
        index += 1


def search_terms(text: str) -> list[str]:
    """The tokens the index stores and a query looks for, in text order.

    A compound gives its joined form then its parts, whether it was written
    joined, with ZWNJ or with a space, so that all three meet; single letters
    other than digits are left out (the و of «و», the ک after a letter number).
    """
    tokens = list(_attach_detached_affixes(_raw_tokens(text)))
    terms: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if _DIGIT.search(token):
            terms.extend(_number_terms(token))
            index += 1
            continue
        word = _word_terms(token)
        if index + 1 < len(tokens) and not _DIGIT.search(tokens[index + 1]):
            following = _word_terms(tokens[index + 1])
            joined = lexicon.join_compound(word[0], following[0])
            if joined is not None:
                terms.extend(_word_terms(joined))
                index += 2
                continue
        if len(word[0]) > 1:
            terms.extend(word)
        index += 1
    return terms
