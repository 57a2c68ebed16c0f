"""Persian text: `normalize` keeps what a clerk reads, `search_terms` makes every spelling meet.

The tables speak the secretariat's language: کمیته پایش تجارت خارجی، دبیرخانه شورای عالی
توسعه صادرات غیرنفتی، کارگروه توسعه صادرات استان، صورتجلسه، مصوبات، رونوشت، عطف، پیرو،
پیوست, and letter numbers like ۲۰۷۹۴/ت/۳۵۰۱۴ ک.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from paayesh_docs.persian.digits import to_latin_digits
from paayesh_docs.persian.text import normalize, search_terms

ZWNJ = "\u200c"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Letters that join only to the letter before them: what follows starts a new glyph run.
_RIGHT_JOINING = set("اآأإدذرزژوؤة")


def _is_letter(char: str) -> bool:
    return bool(char) and unicodedata.name(char, "").startswith("ARABIC LETTER")


def isolated(text: str) -> str:
    """`text` with every letter as its isolated presentation-form glyph (U+FB50–U+FEFF)."""
    out = []
    for char in text:
        try:
            out.append(unicodedata.lookup(f"{unicodedata.name(char)} ISOLATED FORM"))
        except (KeyError, ValueError):
            out.append(char)
    return "".join(out)


def glyphs(text: str) -> str:
    """`text` as a PDF's glyph codes carry it: initial, medial, final and isolated forms."""
    out = []
    for index, char in enumerate(text):
        if not _is_letter(char):
            out.append(char)
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        joins_before = _is_letter(before) and before not in _RIGHT_JOINING
        joins_after = _is_letter(after) and char not in _RIGHT_JOINING
        form = {(False, False): "ISOLATED", (True, False): "FINAL",
                (False, True): "INITIAL", (True, True): "MEDIAL"}[(joins_before, joins_after)]
        name = unicodedata.name(char)
        try:
            out.append(unicodedata.lookup(f"{name} {form} FORM"))
        except KeyError:
            out.append(unicodedata.lookup(f"{name} ISOLATED FORM"))
    return "".join(out)


def arabic_letters(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك")


def arabic_digits(text: str) -> str:
    return to_latin_digits(text).translate(ARABIC_INDIC)


# --------------------------------------------------------------------------------------
# 1. Spellings that must meet.
#
# Each row is (query, document, exact). A search for `query` finds `document`: every term
# of the query is among the document's terms. With exact=True the two are pure spelling
# variants of one text and their terms must be identical, in order.
# --------------------------------------------------------------------------------------

SAME, FINDS = True, False


def meet(query: str, document: str, exact: bool, name: str) -> object:
    return pytest.param(query, document, exact, id=name)


MEET = [
    # Arabic yeh and kaf (and alef maksura, teh marbuta) in the words of a letter
    meet("كميته", "کمیته", SAME, "arabic-kaf-yeh:komite"),
    meet("دبيرخانه", "دبیرخانه", SAME, "arabic-yeh:dabirkhane"),
    meet("رونوشت به دبيرخانه كميته", "رونوشت به دبیرخانه کمیته",
         SAME, "arabic:ronevesht-be-dabirkhane-komite"),
    meet("شماره نامه: ۱۲۳/۴۵۶/ص", "شماره نامه ۱۲۳/۴۵۶/ص", SAME, "punctuation:shomare-name-colon"),
    meet("شمارة", "شماره", SAME, "arabic-teh-marbuta:shomare"),
    meet("گمرك استان", "گمرک استان", SAME, "arabic-kaf:gomrok-ostan"),
    meet("تجارت خارجي", "تجارت خارجی", SAME, "arabic-yeh:tejarat-khareji"),
    meet("اتاق بازرگاني", "اتاق بازرگانی", SAME, "arabic-yeh:otagh-bazargani"),
    meet("سازمان توسعه تجارت ايران", "سازمان توسعه تجارت ایران",
         SAME, "arabic-yeh:sazman-tose-tejarat-iran"),
    meet("شوراي عالي", "شورای عالی", SAME, "arabic-yeh:shoraye-aali"),
    meet("شوراى عالى", "شورای عالی", SAME, "alef-maksura:shoraye-aali"),
    meet("مصوبات كميته پايش", "مصوبات کمیته پایش", SAME, "arabic:mosavabat-komite-payesh"),
    # diacritics and tanvin
    meet("تَجارَت", "تجارت", SAME, "diacritics:tejarat"),
    meet("مُصَوَّبات", "مصوبات", SAME, "diacritics-shadda:mosavabat"),
    meet("عَطف به نامهٔ پِیرو", "عطف به نامه پیرو", SAME, "diacritics:atf-peyro"),
    meet("فوراً", "فورا", SAME, "tanvin:foran"),
    # tatweel
    meet("تجـــارت", "تجارت", SAME, "tatweel:tejarat"),
    meet("كـمـيـتـه", "کمیته", SAME, "tatweel+arabic:komite"),
    meet("صـورتجلسه", "صورتجلسه", SAME, "tatweel:suratjalase"),
    # presentation forms (PDF glyph codes)
    meet(isolated("کمیته پایش تجارت خارجی"), "کمیته پایش تجارت خارجی",
         SAME, "isolated-forms:komite-payesh"),
    meet(isolated("رونوشت"), "رونوشت", SAME, "isolated-forms:ronevesht"),
    meet(glyphs("دبیرخانه شورای عالی توسعه صادرات غیرنفتی"),
         "دبیرخانه شورای عالی توسعه صادرات غیرنفتی", SAME, "pdf-glyphs:dabirkhane-shoraye-aali"),
    meet(glyphs("صورت‌جلسه کارگروه"), "صورتجلسه کارگروه",
         SAME, "pdf-glyphs:surat-zwnj-jalase-kargorooh"),
    meet("\ufe8d\ufe91\ufefc\ufece", "ابلاغ", SAME, "pdf-glyphs-lam-alef:eblagh"),
    meet("\ufb58\ufbe9\ufeae\ufeed", "پیرو", SAME, "pdf-glyphs-yeh-FBE9:peyro"),
    # می / نمی written with ZWNJ, space or nothing
    meet("می‌شود", "می شود", SAME, "mi:zwnj=space:mishavad"),
    meet("می‌شود", "میشود", SAME, "mi:zwnj=joined:mishavad"),
    meet("نمی‌شود", "نمی شود", SAME, "nemi:zwnj=space:nemishavad"),
    meet("نمی‌نماید", "نمینماید", SAME, "nemi:zwnj=joined:neminamayad"),
    meet("ابلاغ می‌گردد", "ابلاغ می گردد", SAME, "mi:eblagh-migardad-zwnj=space"),
    meet("ابلاغ میگردد", "ابلاغ می گردد", SAME, "mi:eblagh-migardad-joined=space"),
    meet("می‌باشد", "می باشد", SAME, "mi:mibashad"),
    # plurals ها / های / هایی
    meet("نامه‌ها", "نامه ها", SAME, "ha:zwnj=space:nameha"),
    meet("نامه‌ها", "نامهها", SAME, "ha:zwnj=joined:nameha"),
    meet("نامه‌های", "نامه های", SAME, "hay:nameh-haye"),
    meet("نامه‌هایی", "نامه هایی", SAME, "hayi:nameh-hayi"),
    meet("کمیته‌ها", "کمیته ها", SAME, "ha:komiteha"),
    meet("دستگاه‌های اجرایی", "دستگاههای اجرائی", SAME, "hay+hamza:dastgahhaye-ejraei"),
    meet("اتاق‌های بازرگانی", "اتاقهای بازرگانی", SAME, "hay:otaghhaye-bazargani"),
    meet("گزارش‌های", "گزارش های", SAME, "hay:gozareshhaye"),
    meet("کارگروه‌ها", "کار گروه ها", SAME, "ha+compound:kargoroohha"),
    meet("نامه", "نامه‌های رسیده", FINDS, "find-plural:name<namehaye-reside"),
    meet("کمیته", "كميته‌ها", FINDS, "find-plural:komite<komiteha-arabic"),
    meet("اتاق بازرگانی", "روسای اتاق‌های بازرگانی", FINDS, "find-plural:otagh-bazargani<otaghhaye"),
    meet("استان", "پایش تجارت خارجي استان‌ها", FINDS, "find-plural:ostan<ostanha"),
    meet("پیوست", "پیوست‌ها", FINDS, "find-plural:peyvast<peyvastha"),
    # comparative and superlative تر / ترین
    meet("بزرگ‌تر", "بزرگتر", SAME, "tar:zwnj=joined:bozorgtar"),
    meet("بزرگ‌تر", "بزرگ تر", SAME, "tar:zwnj=space:bozorgtar"),
    meet("مهم‌ترین", "مهمترین", SAME, "tarin:zwnj=joined:mohemtarin"),
    meet("مهم‌ترین", "مهم ترین", SAME, "tarin:zwnj=space:mohemtarin"),
    meet("بیش‌تر", "بیشتر", SAME, "tar:bishtar"),
    meet("مهم", "مهم‌ترین موانع", FINDS, "find-tarin:mohem<mohemtarin"),
    # ی / ای after silent heh (ezafe, indefinite)
    meet("خانهٔ", "خانه", SAME, "heh-hamza:khaneye=khane"),
    meet("خانه‌ی", "خانه", SAME, "heh-yeh-zwnj:khaneye=khane"),
    meet("خانه ی", "خانه", SAME, "heh-yeh-space:khane-ye=khane"),
    meet("خانۀ", "خانه", SAME, "heh-hamza-U06C0:khaneye=khane"),
    meet("دبیرخانهٔ شورای عالی", "دبیرخانه‌ی شورای عالی", SAME, "ezafe:dabirkhaneye-shora"),
    meet("کمیتهٔ پایش", "کمیته پایش", SAME, "ezafe:komiteye-payesh"),
    meet("جلسه‌ای", "جلسه ای", SAME, "indefinite:jalasei-zwnj=space"),
    meet("جلسه‌ای", "جلسه", SAME, "indefinite:jalasei=jalase"),
    meet("نامه‌ای", "نامه", SAME, "indefinite:namei=name"),
    meet("نامه ای", "نامه", SAME, "indefinite-space:name-i=name"),
    meet("کمیته‌ای", "کمیته", SAME, "indefinite:komitei=komite"),
    meet("منطقه", "نشست منطقه ای استانداران", FINDS, "find-indefinite:mantaghe<mantaghe-i"),
    meet("گزارش دوره", "گزارش‌های دوره‌ای", FINDS, "find-indefinite:dore<dorei"),
    # compounds joined, spaced or with ZWNJ
    meet("صورتجلسه", "صورت جلسه", SAME, "compound:suratjalase=surat-jalase"),
    meet("صورتجلسه", "صورت‌جلسه", SAME, "compound:suratjalase=surat-zwnj-jalase"),
    meet("غیرنفتی", "غیر نفتی", SAME, "closed-prefix:gheyrnafti=gheyr-nafti"),
    meet("غیرنفتی", "غیر‌نفتی", SAME, "closed-prefix:gheyrnafti=gheyr-zwnj-nafti"),
    meet("غیردولتی", "غیر دولتی", SAME, "closed-prefix:gheyrdolati=gheyr-dolati"),
    meet("آیین‌نامه", "آئین نامه", SAME, "compound+hamza:aeinname=aein-name"),
    meet("آیین‌نامه", "آییننامه", SAME, "compound:aeinname=aeinname-joined"),
    meet("آئین‌نامه‌ها", "آیین نامه ها", SAME, "compound+ha:aeinnameha"),
    meet("سفارتخانه", "سفارت خانه", SAME, "compound:sefaratkhane=sefarat-khane"),
    meet("سفارتخانه", "سفارت‌خانه", SAME, "compound:sefaratkhane=sefarat-zwnj-khane"),
    meet("سفارت خانه ها", "سفارتخانه‌ها", SAME, "compound+ha:sefarat-khane-ha"),
    meet("کارگروه", "کار گروه", SAME, "compound:kargorooh=kar-gorooh"),
    meet("کارگروه", "کار‌گروه", SAME, "compound:kargorooh=kar-zwnj-gorooh"),
    meet("بخشنامه", "بخش نامه", SAME, "compound:bakhshname"),
    meet("تصویب‌نامه", "تصویب نامه", SAME, "compound:tasvibname"),
    meet("دبیرخانه", "دبیر خانه", SAME, "compound:dabirkhane"),
    meet("پیش‌بینی", "پیش بینی", SAME, "compound:pishbini"),
    meet("جمع‌آوری", "جمع آوری", SAME, "compound:jamavari"),
    meet("ذی‌ربط", "ذی ربط", SAME, "compound:zirabt"),
    meet("صادرات غیر نفتی", "صادرات غیرنفتی", SAME, "phrase:saderat-gheyrnafti"),
    meet("صادراتگرا", "صادرات گرا", SAME, "compound:saderatgara=saderat-gara"),
    meet("دستورالعمل", "دستور العمل", SAME, "compound:dasturolamal=dastur-olamal"),
    meet("جلسه", "صورتجلسه", FINDS, "find-part:jalase<suratjalase"),
    meet("سفارت", "سفارتخانه", FINDS, "find-part:sefarat<sefaratkhane"),
    meet("کارگروه توسعه", "کار گروه توسعه صادرات استان", FINDS, "find:kargorooh<kar-gorooh"),
    meet("صادرات غیرنفتی", "توسعه صادرات غير نفتي", FINDS, "find:gheyrnafti<gheyr-nafti-arabic"),
    meet("مصوبات کارگروه", "مصوبات كار گروه", FINDS, "find:mosavabat-kargorooh"),
    # hamza seats
    meet("رئیس", "رییس", SAME, "hamza:rais=raiis"),
    meet("رئيس", "رییس", SAME, "hamza+arabic-yeh:rais"),
    meet("مسئول", "مسوول", SAME, "hamza:masool=masvool"),
    meet("مسئول", "مسؤول", SAME, "hamza:masool=masool-waw-hamza"),
    meet("مسیٔول", "مسئول", SAME, "hamza-above-combining:masool"),
    meet("مسئولیت", "مسوولیت", SAME, "hamza:masooliat"),
    meet("هیئت", "هیأت", SAME, "hamza:heyat=heyat-alef-hamza"),
    meet("هیئت", "هیات", SAME, "hamza:heyat=hayat"),
    meet("هیأت مدیره", "هیئت‌مدیره", SAME, "hamza+compound:heyat-modire"),
    meet("مسائل", "مسایل", SAME, "hamza:masael=masayel"),
    meet("سؤال", "سوال", SAME, "hamza:soal=soal-plain"),
    meet("سئوال", "سوال", SAME, "hamza:soal-yeh-seat"),
    meet("مسئله", "مسأله", SAME, "hamza:masale"),
    meet("ارائه", "ارایه", SAME, "hamza:erae=eraye"),
    meet("تأمین", "تامین", SAME, "hamza:tamin"),
    meet("تأیید", "تایید", SAME, "hamza:tayid"),
    meet("مؤسسه", "موسسه", SAME, "hamza:moasese"),
    meet("رؤسای", "روسای", SAME, "hamza:roasaye"),
    meet("فرآیند", "فرایند", SAME, "madda:farayand"),
    meet("رییس سازمان", "رئیس سازمان صنعت، معدن و تجارت", FINDS, "find-hamza:rais-sazman"),
    # letter numbers and dates in three digit scripts
    meet("۲۰۷۹۴/ت/۳۵۰۱۴ ک", "20794/ت/35014", SAME, "number:fa+kaf=latin"),
    meet("٢٠٧٩٤/ت/٣٥٠١٤", "۲۰۷۹۴/ت/۳۵۰۱۴", SAME, "number:arabic=fa"),
    meet("۲۰۷۹۴/ت/35014", "20794/ت/۳۵۰۱۴", SAME, "number:mixed-scripts"),
    meet("۱۲۳/۴۵۶/ص", "123/456/ص", SAME, "number:123-456-sad"),
    meet("123\\456\\ص", "۱۲۳/۴۵۶/ص", SAME, "number:backslash"),
    meet("۱۲۳-۴۵۶-ص", "۱۲۳/۴۵۶/ص", SAME, "number:dash"),
    meet("1405/و/000123", "۱۴۰۵/و/۱۲۳", SAME, "number:leading-zeros"),
    meet("1405-8-21", "۱۴۰۵/۰۸/۲۱", SAME, "date:dash=slash"),
    meet("۱۴۰۵.۰۸.۲۱", "1405/8/21", SAME, "date:dots=slash"),
    meet("١٤٠٥/٠٨/٢١", "1405/08/21", SAME, "date:arabic=latin"),
    meet("۱۴۰۵٫۰۸٫۲۱", "۱۴۰۵/۰۸/۲۱", SAME, "date:arabic-decimal-sep"),
    meet("۸۷/۲/۱۶", "87/02/16", SAME, "date:short-year"),
    meet("۱۰٫۴۵۰", "10.450", SAME, "amount:decimal"),
    meet("۷/۷۷۵/۰۰۰/۰۰۰ ریال", "7/775/000/000 ریال", SAME, "amount:slash-groups"),
    meet("۷٬۷۷۵٬۰۰۰٬۰۰۰ ریال", "7,775,000,000 ریال", SAME, "amount:thousands-sep"),
    meet("ماده ۱۶", "ماده ١٦", SAME, "number:made-16"),
    meet("20794", "تصویب‌نامه ۲۰۷۹۴/ت/۳۵۰۱۴ ک", FINDS, "find-number:first-part"),
    meet("35014", "۲۰۷۹۴/ت/۳۵۰۱۴ ک", FINDS, "find-number:last-part"),
    meet("123", "1405/و/000123", FINDS, "find-number:zeros"),
    meet("1405/08/21", "مورخ ۱۴۰۵.۰۸.۲۱", FINDS, "find-date:dots"),
    meet("۲۰۷۹۴/ت/۳۵۰۱۴ ک", "تصویب‌نامه شماره ۲۰۷۹۴/ت۳۵۰۱۴ک", FINDS, "find-number:decree-glued"),
    # Latin
    meet("ISO 9001", "iso 9001", SAME, "latin-case:ISO"),
    meet("WTO", "wto", SAME, "latin-case:WTO"),
    meet("E-Commerce", "e-commerce", SAME, "latin-case:E-Commerce"),
    # whole phrases, everything mixed
    meet("صورت‌جلسه كميته پايش تجارت خارجي مورخ ۱۴۰۲/۱۱/۰۵",
         "صورتجلسه کمیته پایش تجارت خارجی مورخ 1402-11-5", SAME, "mixed:suratjalase-komite-payesh"),
    meet("دبيرخانه شوراي عالي توسعه صادرات غير نفتي",
         "دبیرخانه شورای عالی توسعه صادرات غیرنفتی", SAME, "mixed:dabirkhane-shoraye-aali"),
    meet("عطف به نامهٔ شماره ۱۲۳/۴۵۶/ص", "عطف به نامه‌ی شماره 123/456/ص", SAME, "mixed:atf"),
    meet("پیرو نامه‌های شماره ٥٦٧٨/د", "پیرو نامه های شماره 5678/د", SAME, "mixed:peyro"),
    meet("پیوست: صورت‌جلسه", "پیوست صورتجلسه", SAME, "mixed:peyvast"),
    meet("رونوشت: رئيس سازمان", "رونوشت رییس سازمان", SAME, "mixed:ronevesht-rais"),
    meet("کارگروه توسعه صادرات استان", "کار گروه توسعه صادرات استان",
         SAME, "mixed:kargorooh-ostan"),
]


@pytest.mark.parametrize(("query", "document", "exact"), MEET)
def test_spellings_meet(query: str, document: str, exact: bool) -> None:
    query_terms, document_terms = search_terms(query), search_terms(document)
    assert query_terms, "a query must give at least one term"
    missing = [term for term in query_terms if term not in document_terms]
    assert not missing, f"query terms {query_terms} missing {missing} from {document_terms}"
    if exact:
        assert query_terms == document_terms


# --------------------------------------------------------------------------------------
# 2. Different words that must NOT meet: some term of the query is not in the document.
# --------------------------------------------------------------------------------------

APART = [
    pytest.param("نام", "نامه", id="nam!name"),
    pytest.param("نامه", "نام", id="name!nam"),
    pytest.param("نام", "نامه‌های رسیده", id="nam!namehaye"),
    pytest.param("نام", "نامه‌ای رسید", id="nam!namei"),
    pytest.param("نفتی", "غیرنفتی", id="nafti!gheyrnafti"),
    pytest.param("نفتی", "صادرات غیر نفتی", id="nafti!gheyr-nafti"),
    pytest.param("دولتی", "بخش غیردولتی", id="dolati!gheyrdolati"),
    pytest.param("مشخص", "نامشخص", id="moshakhas!namoshakhas"),
    pytest.param("سال", "سؤال", id="sal!soal"),
    pytest.param("این", "آیین", id="in!aein"),
    pytest.param("این", "آئین نامه", id="in!aein-name"),
    pytest.param("نامه", "برنامه", id="name!barname"),
    pytest.param("نامه", "برنامه‌های توسعه", id="name!barnamehaye"),
    pytest.param("تجار", "تجارت", id="tojjar!tejarat"),
    pytest.param("رونو", "رونوشت", id="ronev!ronevesht"),
    pytest.param("تن", "تنها", id="tan!tanha"),
    pytest.param("دختر", "دخ", id="dokhtar!dokh"),
    pytest.param("کار", "کارگر", id="kar!kargar"),
    pytest.param("مسئول", "مسائل", id="masool!masael"),
    pytest.param("منطق", "نشست منطقه‌ای", id="mantegh!mantaghei"),
    pytest.param("دور", "گزارش دوره‌ای", id="dur!dorei"),
    pytest.param("تنه", "احساس تنهایی", id="tane!tanhayi"),
    pytest.param("اجرایی", "اجرای مصوبات", id="ejraei!ejraye"),
    pytest.param("20794/ت/35014", "20794/ت/35015", id="number!other-number"),
    pytest.param("123/456/ص", "123/456/د", id="number!other-letter"),
    pytest.param("1405/08/21", "1405/08/12", id="date!other-day"),
    pytest.param("۱۴۰۵/۰۸/۲۱", "1404/08/21", id="date!other-year"),
    pytest.param("10.450", "10450", id="decimal!integer"),
]


@pytest.mark.parametrize(("query", "document"), APART)
def test_different_words_stay_apart(query: str, document: str) -> None:
    query_terms, document_terms = search_terms(query), search_terms(document)
    assert query_terms
    assert not set(query_terms) <= set(document_terms), (query_terms, document_terms)


@pytest.mark.parametrize("word", ["نامه", "رونوشت", "تجارت", "صادرات", "تنها", "برنامه",
                                  "دختر", "گمرک", "عطف", "پیرو", "پیوست"])
def test_safe_words_are_kept_whole(word: str) -> None:
    assert search_terms(word) == [word]


def test_resolutions_are_resolution_not_approved() -> None:
    """مصوبات is the plural of مصوبه (tests/test_plurals.py), never the adjective مصوب."""
    assert search_terms("مصوبات") == ["مصوبه"]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("صورتجلسه", ["صورتجلسه", "صورت", "جلسه"], id="suratjalase"),
    pytest.param("کارگروه", ["کارگروه", "کار", "گروه"], id="kargorooh"),
    pytest.param("سفارت خانه", ["سفارتخانه", "سفارت", "خانه"], id="sefarat-khane"),
    pytest.param("غیر نفتی", ["غیرنفتی"], id="closed:gheyr-nafti"),
    pytest.param("نا مشخص", ["نامشخص"], id="closed:na-moshakhas"),
    pytest.param("۲۰۷۹۴/ت/۳۵۰۱۴ ک", ["20794/ت/35014", "20794", "35014"], id="number"),
])
def test_compound_and_number_terms(text: str, expected: list[str]) -> None:
    assert search_terms(text) == expected


# --------------------------------------------------------------------------------------
# 3. normalize: what is stored and shown.
# --------------------------------------------------------------------------------------

NORMALIZE = [
    # letter numbers, dates and amounts keep their shape
    pytest.param("۱۲۳/۴۵۶/ص", "۱۲۳/۴۵۶/ص", id="number-kept"),
    pytest.param("123/456/ص", "۱۲۳/۴۵۶/ص", id="number-latin-digits"),
    pytest.param("۲۰۷۹۴/ت/۳۵۰۱۴ ک", "۲۰۷۹۴/ت/۳۵۰۱۴ ک", id="decree-number"),
    pytest.param("٢٠٧٩٤/ت/٣٥٠١٤", "۲۰۷۹۴/ت/۳۵۰۱۴", id="number-arabic-digits"),
    pytest.param("۱۴۰۲.۱۱.۰۵", "۱۴۰۲.۱۱.۰۵", id="date-dots"),
    pytest.param("1402/11/05", "۱۴۰۲/۱۱/۰۵", id="date-latin"),
    pytest.param("۱۴۰۵-۰۸-۲۱", "۱۴۰۵-۰۸-۲۱", id="date-dashes"),
    pytest.param("10.450", "۱۰.۴۵۰", id="amount-decimal"),
    pytest.param("۷/۷۷۵/۰۰۰/۰۰۰ ریال", "۷/۷۷۵/۰۰۰/۰۰۰ ریال", id="amount-slashes"),
    pytest.param("ماده (۱) هدف", "ماده (۱) هدف", id="parentheses"),
    pytest.param("۱-۱- برگزاری جلسات", "۱-۱- برگزاری جلسات", id="clause-number"),
    pytest.param("عطف به نامه شماره 123/456/ص مورخ 1402/11/05",
                 "عطف به نامه شماره ۱۲۳/۴۵۶/ص مورخ ۱۴۰۲/۱۱/۰۵", id="letter-reference"),
    # Arabic letters, hamza forms left as written
    pytest.param("كميته پايش تجارت خارجي", "کمیته پایش تجارت خارجی", id="arabic-kaf-yeh"),
    pytest.param("شوراى عالى", "شورای عالی", id="alef-maksura"),
    pytest.param("رئیس، مسؤول، هیأت، سؤال", "رئیس، مسؤول، هیأت، سؤال", id="hamza-kept"),
    pytest.param("خانهٔ ما", "خانهٔ ما", id="heh-hamza-kept"),
    # diacritics, tatweel, presentation forms
    pytest.param("تَجارَت", "تجارت", id="diacritics"),
    pytest.param("مُصَوَّبات", "مصوبات", id="shadda"),
    pytest.param("فوراً", "فورا", id="tanvin"),
    pytest.param("تجـــارت", "تجارت", id="tatweel"),
    pytest.param(isolated("دبیرخانه"), "دبیرخانه", id="isolated-forms"),
    pytest.param(glyphs("کمیته پایش تجارت خارجی"), "کمیته پایش تجارت خارجی", id="glyph-forms"),
    pytest.param("\ufe8d\ufe91\ufefc\ufece", "ابلاغ", id="lam-alef-ligature"),
    pytest.param("\ufb58\ufbe9\ufeae\ufeed", "پیرو", id="yeh-FBE9"),
    pytest.param("\ufe8d\u0654", "\u0623", id="presentation+hamza-is-NFC"),
    # ZWNJ
    pytest.param("نامه‌‌‌ها", "نامه‌ها", id="zwnj-run"),
    pytest.param("نامه‌ ها", "نامه ها", id="zwnj-before-space"),
    pytest.param("‌نامه‌", "نامه", id="zwnj-at-edges"),
    pytest.param("نامه‌.", "نامه.", id="zwnj-before-punctuation"),
    pytest.param("می‌شود", "می‌شود", id="zwnj-kept"),
    # invisible marks, odd spaces, line ends
    pytest.param("\u202bنامه\u202c", "نامه", id="bidi-embedding"),
    pytest.param("\u200fشماره: ۱۲۳\u200e", "شماره: ۱۲۳", id="rlm-lrm"),
    pytest.param("\ufeffمتن", "متن", id="bom"),
    pytest.param("کمیته\u00a0پایش", "کمیته پایش", id="nbsp"),
    pytest.param("کمیته\u202fپایش", "کمیته پایش", id="narrow-nbsp"),
    pytest.param("سطر یک\r\nسطر دو\rسطر سه", "سطر یک\nسطر دو\nسطر سه", id="crlf-cr"),
    pytest.param("الف  ب\tپ", "الف ب پ", id="spaces-tabs"),
    pytest.param("  الف  \n  ب  ", "الف\nب", id="line-edges"),
    pytest.param("الف\n\n\n\nب", "الف\n\nب", id="blank-lines"),
]


@pytest.mark.parametrize(("text", "expected"), NORMALIZE)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(("text", "digits", "expected"), [
    pytest.param("۱۴۰۵/۰۸/۲۱ و ١٢", "latin", "1405/08/21 و 12", id="latin"),
    pytest.param("كميته ۱۲۳/۴۵۶/ص", "latin", "کمیته 123/456/ص", id="latin-letters-folded"),
    pytest.param("1405/08/21", None, "1405/08/21", id="none-latin"),
    pytest.param("٠١٢ و ۳۴", None, "٠١٢ و ۳۴", id="none-mixed"),
    pytest.param("1405/08/21", "fa", "۱۴۰۵/۰۸/۲۱", id="fa"),
])
def test_normalize_digit_choice(text: str, digits: str | None, expected: str) -> None:
    assert normalize(text, digits=digits) == expected


# --------------------------------------------------------------------------------------
# 4. Properties.
# --------------------------------------------------------------------------------------

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ"
MESSY = (
    PERSIAN_LETTERS
    + "يكىةۀأإئؤء"  # Arabic letters and hamza forms
    + "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬"
    + ZWNJ * 4 + " " * 6 + "\n\r\t\u00a0"
    + "\u064b\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640"  # marks, tatweel
    + "\u200e\u200f\u202b\u202c\u200d\ufeff"  # bidi and invisible marks
    + "/.-،,:()"
    + "\ufb58\ufb8e\ufb90\ufbfc\ufbfe\ufbff\ufbe9\ufe8d\ufe91\ufe97\ufead\ufeea\ufefb\ufefc"
    + "AbZ"
)
messy_text = st.text(alphabet=MESSY, max_size=60)
any_text = st.one_of(messy_text, st.text(max_size=60))


@settings(max_examples=400, deadline=None)
@given(any_text)
@example("ﺍٔ")
@example("وـٔ")
@example("ا\u200c\u0654")  # a ZWNJ between a letter and its hamza: removed, then composed
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(any_text, st.sampled_from(["fa", "latin", None]))
@example("ﻻٔ", "latin")
@example("ﺍٔ", None)
def test_normalize_is_idempotent_for_every_digit_choice(text: str, digits: str | None) -> None:
    once = normalize(text, digits=digits)
    assert normalize(once, digits=digits) == once


@settings(max_examples=300, deadline=None)
@given(messy_text)
@example("مسیٔول")
def test_search_terms_ignore_arabic_letters(text: str) -> None:
    assert search_terms(arabic_letters(text)) == search_terms(text)


@settings(max_examples=300, deadline=None)
@given(messy_text)
def test_search_terms_ignore_digit_script(text: str) -> None:
    terms = search_terms(text)
    assert search_terms(arabic_digits(text)) == terms
    assert search_terms(to_latin_digits(text)) == terms


@settings(max_examples=300, deadline=None)
@given(messy_text)
@example("ي\u200c\u0654و")
def test_search_terms_ignore_zwnj(text: str) -> None:
    assert search_terms(text.replace(ZWNJ, "")) == search_terms(text)


@settings(max_examples=300, deadline=None)
@given(messy_text)
def test_search_terms_of_normalized_text_are_the_same(text: str) -> None:
    assert search_terms(normalize(text)) == search_terms(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_search_terms_never_fail(text: str) -> None:
    terms = search_terms(text)
    assert isinstance(terms, list)
    assert all(isinstance(term, str) and term for term in terms)
