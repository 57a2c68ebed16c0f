"""Arabic plurals meet their singulars in search; look-alikes and plurals of a sense of
their own stay apart. Checked on `search_terms` and through the real `paayesh search`."""

from __future__ import annotations

import json

import pytest
from conftest import run_paayesh

from paayesh_docs.persian import lexicon, plurals
from paayesh_docs.persian.text import search_terms

# (what the clerk types, what the letter says)
MEET = [
    ("مصوبه", "مصوبات"), ("مکاتبه", "مکاتبات"), ("گزارش", "گزارشات"), ("سند", "اسناد"),
    ("مانع", "موانع"), ("مرجع", "مراجع"), ("مسئله", "مسائل"), ("مساله", "مسایل"),
    ("ماده", "مواد"), ("اقدام", "اقدامات"), ("اداره", "ادارات"), ("دستور", "دستورات"),
    ("امر", "امور"), ("عضو", "اعضا"), ("عضو", "اعضاء"), ("خدمت", "خدمات"),
    ("جلسه", "جلسات"), ("صورتجلسه", "صورت‌جلسات"), ("مقرره", "مقررات"),
    ("مطالبه", "مطالبات"), ("شکایت", "شکایات"), ("مؤسسه", "موسسات"), ("مسئول", "مسئولین"),
    ("معاون", "معاونین"), ("مدرک", "مدارک"), ("منبع", "منابع"), ("منطقه", "مناطق"),
    ("مرکز", "مراکز"), ("وظیفه", "وظایف"), ("هدف", "اهداف"), ("قانون", "قوانین"),
    ("ضابطه", "ضوابط"), ("سابقه", "سوابق"), ("نتیجه", "نتایج"), ("مورد", "موارد"),
    ("نکته", "نکات"), ("جهت", "جهات"), ("ساعت", "ساعات"), ("مراسله", "مراسلات"),
    ("تصمیم", "تصمیمات"), ("نظر", "نظرات"), ("حساب", "حسابات"), ("ضمیمه", "ضمائم"),
    ("مصوبه", "مصوبات‌ها"),
]
# (query, document): the query must not find the document.
APART = [
    ("اطلاع", "اطلاعات"),  # information, the Ministry of Intelligence: not «notice»
    ("اطلاعات", "اطلاع"),
    ("انتخاب", "انتخابات"),  # elections
    ("صادره", "صادرات"),  # a register's outgoing letters are not exports
    ("وارده", "واردات"),
    ("وارد", "واردات"),
    ("شکل", "شکلات"), ("شکل", "اشکال"),  # chocolate; «اشکال» is a problem
    ("مالی", "مالیات"), ("حق", "حقوق"), ("عمل", "اعمال"), ("بعد", "ابعاد"),
    ("مصوب", "مصوبات"),  # approved (adjective) is not resolutions
    ("مکاتب", "مکاتبات"), ("ثبت", "ثبات"), ("مهم", "مهمات"), ("ساده", "سادات"),
    ("مقرر", "مقررات"),  # «مقرر شد» in every minutes is not regulations
    ("مطلب", "مطالبات"),
]


@pytest.mark.parametrize(("query", "document"), MEET, ids=[f"{q}>{d}" for q, d in MEET])
def test_the_singular_meets_its_plural(query: str, document: str) -> None:
    assert set(search_terms(query)) & set(search_terms(document))


@pytest.mark.parametrize(("query", "document"), APART, ids=[f"{q}!{d}" for q, d in APART])
def test_look_alikes_stay_apart(query: str, document: str) -> None:
    assert not set(search_terms(query)) & set(search_terms(document))


def test_every_singular_of_the_table_is_a_known_word() -> None:
    known = lexicon.words()
    unknown = [(plural, single) for plural, single in plurals.broken_plurals()
               if lexicon.fold(single) not in known]
    assert unknown == []


def test_no_plural_of_the_table_has_two_singulars() -> None:
    """Spellings that fold alike (مسائل، مسایل) must name the same singular."""
    singular_of: dict[str, set[str]] = {}
    for plural, single in plurals.broken_plurals():
        singular_of.setdefault(lexicon.fold(plural), set()).add(lexicon.fold(single))
    assert {plural: s for plural, s in singular_of.items() if len(s) > 1} == {}
    assert not set(singular_of) & {lexicon.fold(word) for word in plurals.STAY_APART}


def test_a_plural_in_a_sentence_keeps_its_neighbours() -> None:
    assert search_terms("مصوبات جلسات کمیته") == ["مصوبه", "جلسه", "کمیته"]


def test_paayesh_search_finds_the_plural_from_the_singular(tmp_path) -> None:
    home = tmp_path / "office"
    assert run_paayesh("init", str(home)).returncode == 0
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "a.txt").write_text("موضوع: پیگیری مصوبات و رفع موانع صادرات\n"
                                   "اسناد و مکاتبات پیوست است.\n", encoding="utf-8")
    (letters / "b.txt").write_text("موضوع: اطلاعات تماس مراجع\n", encoding="utf-8")
    files = [str(path) for path in sorted(letters.iterdir())]
    assert run_paayesh("--home", str(home), "ingest", *files).returncode == 0
    found = {}
    for query in ("مصوبه", "مانع", "سند", "مکاتبه", "مرجع", "اطلاع"):
        result = run_paayesh("--home", str(home), "search", query, "--json")
        assert result.returncode == 0, result.stderr
        found[query] = sorted(hit["file"].rsplit("/", 1)[-1]
                              for hit in json.loads(result.stdout)["hits"])
    assert found == {"مصوبه": ["a.txt"], "مانع": ["a.txt"], "سند": ["a.txt"],
                     "مکاتبه": ["a.txt"], "مرجع": ["b.txt"], "اطلاع": []}
