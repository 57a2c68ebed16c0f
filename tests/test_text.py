"""Persian text: `normalize` keeps what a clerk reads, `search_terms` makes every spelling meet."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paayesh_docs.persian.digits import to_latin_digits
from paayesh_docs.persian.text import normalize, search_terms

ZWNJ = "\u200c"


def presentation(word: str) -> str:
    """`word` written with isolated presentation-form glyph codes, as some PDFs carry it."""
    out = []
    for char in word:
        try:
            out.append(unicodedata.lookup(f"{unicodedata.name(char)} ISOLATED FORM"))
        except KeyError:
            out.append(char)
    return "".join(out)


# Spellings of the same text: their terms must be identical.
SAME = [
    # Arabic letters
    ("كميته", "کمیته"), ("شماره", "شماره"), ("دبيرخانه", "دبیرخانه"), ("رونوشت", "رونوشت"),
    ("تجارت خارجي", "تجارت خارجی"), ("بازرگاني", "بازرگانی"), ("گمرك استان", "گمرک استان"),
    ("سازمان توسعه تجارت ايران", "سازمان توسعه تجارت ایران"), ("مصوبات", "مصوبات"),
    # diacritics, tatweel, presentation forms
    ("تَجارَت", "تجارت"), ("تجـــارت", "تجارت"), ("صــادرات", "صادرات"),
    (presentation("تجارت"), "تجارت"), (presentation("کمیته پایش"), "کمیته پایش"),
    ("مُصَوَّبه", "مصوبه"),
    # digits in three scripts, letter numbers, dates
    ("۲۰۷۹۴/ت/۳۵۰۱۴", "20794/ت/35014"), ("٢٠٧٩٤/ت/٣٥٠١٤", "20794/ت/35014"),
    ("۲۰۷۹۴/ت/۳۵۰۱۴ ک", "20794/ت/35014"), ("۱۲۳/۴۵۶/ص", "123/456/ص"),
    ("۱۴۰۵/۰۸/۲۱", "1405/08/21"), ("1405-8-21", "۱۴۰۵/۰۸/۲۱"), ("۱۴۰۵.۰۸.۲۱", "1405/8/21"),
    ("1405/و/000123", "۱۴۰۵/و/۱۲۳"), ("۸۰۰ میلیون", "800 میلیون"),
    ("۱۰٫۴۵۰", "10.450"),
    # ZWNJ, space or nothing before affixes
    ("نامه‌ها", "نامه ها"), ("نامه‌ها", "نامهها"), ("نامه‌های", "نامه های"),
    ("نامه‌هایی", "نامه هایی"), ("بازارچه‌های مرزی", "بازارچه های مرزی"),
    ("می‌شود", "می شود"), ("می‌شود", "میشود"), ("نمی‌شود", "نمی شود"), ("نمی‌شود", "نمیشود"),
    ("می‌رساند", "می رساند"), ("بزرگ‌تر", "بزرگ تر"), ("بزرگ‌ترین", "بزرگترین"),
    ("خانه‌ای", "خانه ای"), ("کارگروه‌ها", "کارگروه ها"), ("دستگاه‌های", "دستگاههای"),
    ("کتاب‌ها", "کتابها"), ("سفارتخانه‌ها", "سفارتخانه ها"),
    # compounds joined, spaced or with ZWNJ
    ("صورتجلسه", "صورت جلسه"), ("صورتجلسه", "صورت‌جلسه"), ("غیرنفتی", "غیر نفتی"),
    ("غیرنفتی", "غیر‌نفتی"), ("آیین‌نامه", "آئین نامه"), ("آیین‌نامه", "آئین‌نامه"),
    ("آیین‌نامه", "آییننامه"), ("سفارتخانه", "سفارت خانه"), ("سفارتخانه", "سفارت‌خانه"),
    ("کارگروه", "کار گروه"), ("بخشنامه", "بخش نامه"), ("شیوه‌نامه", "شیوه نامه"),
    ("صادرات غیر نفتی", "صادرات غیرنفتی"),
    # hamza seats and heh with hamza
    ("رئیس", "رییس"), ("مسئول", "مسوول"), ("مسئول", "مسؤول"), ("مسئولین", "مسوولین"),
    ("هیئت", "هیأت"), ("هیئت", "هیات"), ("مسائل", "مسایل"), ("سؤال", "سوال"),
    ("سئوال", "سوال"), ("پائین", "پایین"), ("ارائه", "ارایه"), ("تأمین", "تامین"),
    ("مأموریت", "ماموریت"), ("جزئی", "جزیی"), ("خانهٔ", "خانه"), ("خانه‌ی", "خانه"),
    ("خانه ی", "خانه"), ("دائم", "دایم"),
    # Latin
    ("ISO 9001", "iso 9001"), ("TPO", "tpo"),
    # whole phrases, mixed
    ("صورت‌جلسه كميته پايش تجارت خارجي", "صورتجلسه کمیته پایش تجارت خارجی"),
    ("دبيرخانه شوراي عالي توسعه صادرات غير نفتي", "دبیرخانه شورای عالی توسعه صادرات غیرنفتی"),
    ("رونوشت: رئيس سازمان", "رونوشت رییس سازمان"),
]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"{a}={b}" for a, b in SAME])
def test_spellings_meet(a: str, b: str) -> None:
    assert search_terms(a) == search_terms(b)
    assert search_terms(a)


# A search for the first finds a document holding the second (terms are a subset).
FINDS = [
    ("نامه", "نامه‌های رسیده"), ("جلسه", "صورتجلسه"), ("20794", "۲۰۷۹۴/ت/۳۵۰۱۴ ک"),
    ("35014", "۲۰۷۹۴/ت/۳۵۰۱۴"), ("کمیته", "كميته‌ها"), ("صادرات غیرنفتی", "صادرات غير نفتي"),
    ("سفارت", "سفارتخانه"), ("رییس سازمان", "رئیس سازمان صنعت"), ("123", "1405/و/000123"),
]


@pytest.mark.parametrize(("query", "document"), FINDS, ids=[f"{q}<{d}" for q, d in FINDS])
def test_query_finds_document(query: str, document: str) -> None:
    assert set(search_terms(query)) <= set(search_terms(document))


# A search for the first must NOT find a document holding only the second.
APART = [
    ("نام", "نامه"), ("نامه", "نام"), ("نفتی", "غیرنفتی"), ("سال", "سؤال"), ("این", "آیین"),
    ("نامه", "برنامه"), ("تجار", "تجارت"), ("رونو", "رونوشت"), ("تن", "تنها"),
    ("20794/ت/35014", "20794/ت/35015"), ("1405/08/21", "1405/08/12"), ("دختر", "دخ"),
    ("مسئول", "مسائل"), ("کار", "کارگر"),
]


@pytest.mark.parametrize(("query", "document"), APART, ids=[f"{q}!{d}" for q, d in APART])
def test_different_words_stay_apart(query: str, document: str) -> None:
    assert not set(search_terms(query)) <= set(search_terms(document))


def test_stems_are_safe() -> None:
    for word in ("نامه", "رونوشت", "تجارت", "صادرات", "تنها", "برنامه", "دختر"):
        assert search_terms(word) == [search_terms(word)[0]]
    assert search_terms("نامه")[0] != search_terms("نام")[0]
    assert search_terms("رونوشت") == ["رونوشت"] and search_terms("تجارت") == ["تجارت"]


NORMALIZE = [
    ("۱۲۳/۴۵۶/ص", "۱۲۳/۴۵۶/ص"),
    ("۱۴۰۲.۱۱.۰۵", "۱۴۰۲.۱۱.۰۵"),
    ("10.450", "۱۰.۴۵۰"),
    ("۷/۷۷۵/۰۰۰/۰۰۰ ریال", "۷/۷۷۵/۰۰۰/۰۰۰ ریال"),
    ("۲۰۷۹۴/ت/۳۵۰۱۴ ک", "۲۰۷۹۴/ت/۳۵۰۱۴ ک"),
    ("كميته پايش", "کمیته پایش"),
    ("ى", "ی"),
    ("تَجارَت", "تجارت"),
    ("تجـــارت", "تجارت"),
    (presentation("سلام"), "سلام"),
    ("ﻻ", "لا"),
    ("نامه‌‌ها", "نامه‌ها"),
    ("نامه‌ ها", "نامه ها"),
    ("‌نامه‌", "نامه"),
    ("کتاب\u200fها", "کتابها"),
    ("یک\u00a0دو", "یک دو"),
    ("الف  ب\tپ", "الف ب پ"),
    ("سطر یک\r\nسطر دو", "سطر یک\nسطر دو"),
    ("الف\n\n\n\nب", "الف\n\nب"),
    ("  فاصله  ", "فاصله"),
    ("خانهٔ ما", "خانهٔ ما"),
    ("آ", "آ"),
    ("\ufeffمتن", "متن"),
]


@pytest.mark.parametrize(("text", "expected"), NORMALIZE, ids=[repr(c[0]) for c in NORMALIZE])
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_digit_choice() -> None:
    assert normalize("۱۴۰۵/۰۸/۲۱ و ١٢", digits="latin") == "1405/08/21 و 12"
    assert normalize("1405/08/21", digits=None) == "1405/08/21"
    assert normalize("1405/08/21") == "۱۴۰۵/۰۸/۲۱"


PERSIAN_ALPHABET = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ"
MESSY = (PERSIAN_ALPHABET + "يكىةۀأإئؤء" + "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
         + ZWNJ * 4 + " " * 6 + "\n\t" + "\u064e\u064f\u0650\u0651\u0652\u0640" + "/.-،,:"
         + "ﺗﺠﺎﺭﺕﻻ" + "AbZ")
messy_text = st.text(alphabet=MESSY, max_size=60)


@settings(max_examples=400, deadline=None)
@given(st.one_of(messy_text, st.text(max_size=40)))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


def _arabic_letters(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك")


def _arabic_digits(text: str) -> str:
    return to_latin_digits(text).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


@settings(max_examples=400, deadline=None)
@given(messy_text)
def test_search_terms_ignore_letter_digit_and_zwnj_variants(text: str) -> None:
    terms = search_terms(text)
    assert search_terms(_arabic_letters(text)) == terms
    assert search_terms(_arabic_digits(text)) == terms
    assert search_terms(to_latin_digits(text)) == terms
    assert search_terms(text.replace(ZWNJ, "")) == terms


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_search_terms_never_fail(text: str) -> None:
    assert isinstance(search_terms(text), list)
