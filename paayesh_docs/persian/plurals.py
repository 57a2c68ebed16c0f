"""Arabic plurals of official Persian, joined to their singulars for search.

A clerk types «مصوبه» and means the letter about «مصوبات»; she types «سند» and means
«اسناد». Two kinds of plural are handled, both ending at a word of hazm's list:

- the sound plural in «ـات» (مصوبات، مکاتبات، گزارشات، خدمات), by rule in
  `sound_plural_singular`: the singular with «ه» or «ت» in place of «ات», or the bare
  stem, whichever hazm's list knows (and, between them, the one its corpus sees
  most, the bare stem only when it is far commoner);
- the broken plural (اسناد، موانع، مراجع، مسائل) and the Arabic «ـین» plural of
  persons (مسئولین، معاونین), from the table `BROKEN_PLURALS`, written by hand.

Words that look like a plural but name something else stay apart (`STAY_APART`):
«اطلاعات» is information and the Ministry of Intelligence, not the plural of «اطلاع»
(notice); «انتخابات» is elections, not choices; «شکلات» is chocolate, not shapes;
«مالیات» tax, not «مالی»; «صادرات» and «واردات» are exports and imports, while
«صادره» and «وارده» are a register's outgoing and incoming letters. A broken plural
with a second common sense is left out of the table altogether: «حقوق» (salary, law),
«اشکال» (a problem), «اعمال» (applying), «عوارض» (levies), «مصالح» (building
materials), «ابعاد» (بعد is "after"), «اعلام».
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

# plural singular, one pair a line; several spellings of one plural each get a line.
_BROKEN = """
اسناد سند
موانع مانع
مراجع مرجع
مسائل مسئله
مسایل مسئله
مواد ماده
امور امر
اوامر امر
امورات امر
اعضا عضو
اعضاء عضو
مدارک مدرک
مقررات مقرره
مطالبات مطالبه
نظریات نظریه
نشریات نشریه
مصارف مصرف
منابع منبع
مناطق منطقه
مراکز مرکز
مدارس مدرسه
مساجد مسجد
مشاغل شغل
وظایف وظیفه
وظائف وظیفه
اهداف هدف
افراد فرد
اشخاص شخص
اموال مال
اوقات وقت
اخبار خبر
آثار اثر
احکام حکم
اصول اصل
ارقام رقم
اقلام قلم
اجزا جزء
اجزاء جزء
اسامی اسم
اشیا شیء
اشیاء شیء
اطراف طرف
اعداد عدد
اقسام قسم
اقوام قوم
اماکن مکان
انواع نوع
اوضاع وضع
اهالی اهل
ادله دلیل
دلایل دلیل
دلائل دلیل
ادوار دوره
ادیان دین
اذهان ذهن
ارکان رکن
اساتید استاد
اساتیذ استاد
اشعار شعر
اصناف صنف
اطفال طفل
اعیاد عید
افکار فکر
اقشار قشر
الفاظ لفظ
امراض مرض
القاب لقب
اجناس جنس
اسلحه سلاح
ابنیه بنا
اسباب سبب
اوراق ورقه
بلاد بلد
بنادر بندر
تجار تاجر
جداول جدول
جرایم جرم
جرائم جرم
جوانب جانب
جوایز جایزه
جوائز جایزه
جوامع جامعه
حدود حد
حوادث حادثه
حروف حرف
حقایق حقیقت
حقائق حقیقت
خطوط خط
دفاتر دفتر
دوایر دایره
دوائر دایره
دروس درس
دول دولت
ذخایر ذخیره
ذخائر ذخیره
رسوم رسم
رسائل رساله
رسایل رساله
روابط رابطه
روسا رئیس
روسای رئیس
رؤسا رئیس
رؤسای رئیس
زوایا زاویه
سطوح سطح
سلایق سلیقه
سوابق سابقه
شرایط شرط
شرائط شرط
شرکا شریک
شرکای شریک
شعب شعبه
شواهد شاهد
شهود شاهد
صفوف صف
صنایع صنعت
صفات صفت
ضوابط ضابطه
ضمائم ضمیمه
ضمایم ضمیمه
طرق طریق
طوایف طایفه
ظروف ظرف
عوامل عامل
عناوین عنوان
عناصر عنصر
عقود عقد
عقاید عقیده
عقائد عقیده
علل علت
علوم علم
عواقب عاقبت
عیوب عیب
معایب عیب
فنون فن
فواید فایده
فوائد فایده
فرامین فرمان
فروع فرع
فصول فصل
قبایل قبیله
قرائن قرینه
قراین قرینه
قوانین قانون
قواعد قاعده
قوا قوه
قرون قرن
قضات قاضی
قضایا قضیه
قیود قید
کتب کتاب
کسور کسر
مباحث مبحث
مبالغ مبلغ
مبانی مبنا
متون متن
مجالس مجلس
مجامع مجمع
مجاری مجرا
محافل محفل
محاکم محکمه
مخارج خرج
مخازن مخزن
مذاهب مذهب
مراتب مرتبه
مراحل مرحله
مزارع مزرعه
مسالک مسلک
مصادیق مصداق
مضامین مضمون
مطالب مطلب
مظاهر مظهر
معادن معدن
معابر معبر
معانی معنا
مفاهیم مفهوم
مفاسد مفسده
مقاصد مقصد
مقادیر مقدار
مقاطع مقطع
مکاتب مکتب
ملل ملت
ممالک مملکت
منازل منزل
مناصب منصب
منافع منفعت
مواقع موقع
موارد مورد
مواضع موضع
موازین میزان
مآخذ ماخذ
نتایج نتیجه
نتائج نتیجه
نقاط نقطه
نواقص نقص
نقایص نقص
نکات نکته
نواحی ناحیه
وجوه وجه
وجوهات وجه
ورثه وارث
وسایل وسیله
وسائل وسیله
وقایع واقعه
وقائع واقعه
وزرا وزیر
وزراء وزیر
وزرای وزیر
تعاریف تعریف
تصاویر تصویر
تکالیف تکلیف
تواریخ تاریخ
تجارب تجربه
جهات جهت
نیات نیت
خیرات خیر
اقوال قول
ملاکات ملاک
مسئولین مسئول
مسوولین مسئول
معاونین معاون
مشاورین مشاور
مامورین مامور
متخلفین متخلف
معترضین معترض
حاضرین حاضر
غایبین غایب
غائبین غایب
شاغلین شاغل
مهندسین مهندس
محققین محقق
مسافرین مسافر
متخصصین متخصص
مالکین مالک
متقاضیین متقاضی
منتخبین منتخب
متهمین متهم
مجرمین مجرم
مدیرین مدیر
مؤسسین مؤسس
موسسین مؤسس
"""

# «ـات» words that are no plural of what the rule would find, and plurals of a sense of
# their own (see the module docstring): their search key is the word itself.
_STAY_APART = """
اطلاعات انتخابات صادرات واردات تشریفات مطبوعات مخابرات شکلات ملاقات شیلات منشات
منشآت روبات دیپلمات کیلوات تورات سادات مشکات کربنات خرابات مهمات تبعات مالیات
عملیات ادبیات کلیات جزئیات حیات صلوات مساوات ثبات نجات زکات برات
"""
STAY_APART = frozenset(_STAY_APART.split())

# The bare stem wins over the «ه»/«ت» singular only when hazm's corpus sees it this
# many times more often: مصوبات is مصوبه (not مصوب), موجودات is موجود (not موجوده).
_BARE_STEM_FACTOR = 20
_MIN_STEM = 3  # ثبات is not ثبت, جهات goes through the table


def broken_plurals() -> list[tuple[str, str]]:
    """The table as written: (plural, singular) pairs, unfolded."""
    return [(line.split()[0], line.split()[1]) for line in _BROKEN.strip().split("\n")]


@cache
def _folded_tables(fold: Callable[[str], str]) -> tuple[dict[str, str], frozenset[str]]:
    table = {fold(plural): fold(singular) for plural, singular in broken_plurals()}
    return table, frozenset(fold(word) for word in STAY_APART)


def singular(key: str, fold: Callable[[str], str], known: frozenset[str],
             frequency: Callable[[str], int | None]) -> str | None:
    """The folded singular of a folded plural `key`, or None when `key` is no plural
    this module joins. `fold` folds a written word as the word list was folded."""
    table, apart = _folded_tables(fold)
    if key in apart:
        return None
    found = table.get(key)
    if found is not None:
        return found
    return sound_plural_singular(key, known, frequency)


def sound_plural_singular(key: str, known: frozenset[str],
                          frequency: Callable[[str], int | None]) -> str | None:
    """The singular of a «ـات» plural by the rule in the module docstring, or None."""
    if not key.endswith("ات"):
        return None
    stem = key[:-2]
    if len(stem) < _MIN_STEM or stem.endswith("ا"):
        return None
    if stem.endswith("ی"):  # شکایات is شکایت; مالیات (tax) is no plural of مالی
        return stem + "ت" if stem + "ت" in known else None
    with_ending = [word for word in (stem + "ه", stem + "ت") if word in known]
    best = max(with_ending, key=lambda word: frequency(word) or 0) if with_ending else None
    if stem in known and (best is None or (frequency(stem) or 0)
                          > _BARE_STEM_FACTOR * (frequency(best) or 0)):
        return stem
    return best
