"""What a document is (letter, minutes, report, directive, regulation, news, other), from its title.

The title is one of the first lines, short and unlabelled: «صورتجلسه ...»,
«دستورالعمل ...», «آیین‌نامه ...», «گزارش ...». A covering letter whose subject
names minutes («موضوع: ارسال صورتجلسه») is still a letter, so labelled lines
never decide the kind.
"""

from __future__ import annotations

import re

from paayesh_docs.persian.text import search_terms

_TITLE_WORDS = (
    ("minutes", ("صورتجلسه",)),
    ("directive", ("دستورالعمل", "بخشنامه", "شیوه‌نامه")),
    ("regulation", ("آیین‌نامه", "مقررات")),
    ("report", ("گزارش",)),
)
_NEWS = re.compile(r"به\s+گزارش\s+(?:خبرنگار|خبرگزاری|ایرنا|ایسنا|فارس|تسنیم|مهر|پایگاه|"
                   r"روابط\s+عمومی|گروه|سرویس)|خبرگزاری|\((?:ایرنا|ایسنا|مهر|فارس)\)")
_LABELLED = re.compile(r"^\s*[\w\s]{1,20}[:：]")
_SKIP = ("بسمه تعالی", "بسمه‌تعالی", "به نام خدا", "بسم الله", "باسمه تعالی", "بسمه‌ تعالی")


# The title ends where the letter proper begins: a greeting or an addressee.
_LETTER_STARTS = re.compile(r"^\s*(?:با\s+سلام|سلام|احتراما|جناب|سرکار|ریاست\s+محترم|به\s*:|"
                            r"به\s+گزارش)")
_MAX_TITLE_WORDS = 14


def title_lines(text: str, count: int = 6) -> list[str]:
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if _LETTER_STARTS.match(line):
            break
        if not line or any(line.startswith(s) for s in _SKIP) or _LABELLED.match(line):
            continue
        if len(line.split()) <= _MAX_TITLE_WORDS:
            lines.append(line)
        if len(lines) == count:
            break
    return lines


def classify(text: str, letter_like: bool) -> str:
    """The document's kind; `letter_like` says it has a letter's number, date or addressee."""
    if _NEWS.search(text[:3000]):
        return "news"
    for line in title_lines(text):
        if len(line) > 120:
            continue
        terms = search_terms(line)[:4]
        for kind, words in _TITLE_WORDS:
            if any(search_terms(word)[0] in terms for word in words):
                return kind
    return "letter" if letter_like else "other"
