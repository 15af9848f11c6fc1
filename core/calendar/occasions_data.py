"""Occasions the PR office marks and decorates for that are not official holidays (those come from
the `holidays` library, see core.calendar.sources). Their names are data, not interface text.

Each row is ``(key, Persian title, month, day, days)``: ``key`` stays stable (an admin's correction
of a year names the occasion by it), ``days`` is the length of a week or a decade. An admin adds
what is missing for a year, or moves or removes a day, on the holidays page (/calendar/holidays).
"""

# Fixed Jalali dates.
JALALI_OCCASIONS = (
    ("army_day", "روز ارتش جمهوری اسلامی ایران", 1, 29, 1),
    ("saadi_day", "روز بزرگداشت سعدی", 2, 1, 1),
    ("persian_gulf_day", "روز ملی خلیج فارس", 2, 10, 1),
    ("workers_day", "روز جهانی کار و کارگر", 2, 11, 1),
    ("teachers_day", "روز معلم", 2, 12, 1),
    ("ferdowsi_day", "روز بزرگداشت فردوسی و پاسداشت زبان فارسی", 2, 25, 1),
    ("pr_day", "روز ارتباطات و روابط عمومی", 2, 27, 1),
    ("khorramshahr_day", "سالروز آزادسازی خرمشهر", 3, 3, 1),
    ("judiciary_day", "روز قوه قضاییه", 4, 7, 1),
    ("constitution_day", "سالروز صدور فرمان مشروطیت", 5, 14, 1),
    ("journalists_day", "روز خبرنگار", 5, 17, 1),
    ("doctors_day", "روز بزرگداشت ابوعلی سینا و روز پزشک", 6, 1, 1),
    ("government_week", "هفته دولت", 6, 2, 7),
    ("employees_day", "روز کارمند", 6, 4, 1),
    ("cinema_day", "روز سینما", 6, 21, 1),
    ("sacred_defense_week", "هفته دفاع مقدس", 6, 31, 7),
    ("rumi_day", "روز بزرگداشت مولوی", 7, 8, 1),
    ("police_day", "روز نیروی انتظامی", 7, 13, 1),
    ("hafez_day", "روز بزرگداشت حافظ", 7, 20, 1),
    ("students_day", "روز ملی مبارزه با استکبار جهانی و روز دانش‌آموز", 8, 13, 1),
    ("book_week", "هفته کتاب و کتابخوانی", 8, 24, 7),
    ("basij_week", "هفته بسیج", 9, 5, 7),
    ("university_students_day", "روز دانشجو", 9, 16, 1),
    ("research_day", "روز پژوهش", 9, 25, 1),
    ("yalda", "شب یلدا", 9, 30, 1),
    ("insight_day", "روز بصیرت و میثاق امت با ولایت", 10, 9, 1),
    ("soleimani_day", "سالروز شهادت سردار سلیمانی", 10, 13, 1),
    ("fajr_decade", "دهه فجر انقلاب اسلامی", 11, 12, 11),
    ("engineers_day", "روز مهندسی", 12, 5, 1),
    ("tree_day", "روز درختکاری", 12, 15, 1),
    ("martyrs_day", "روز بزرگداشت شهدا", 12, 22, 1),
)

# Lunar Hijri dates: converted with the Umm al-Qura calendar and moved to the start of the month
# as observed in Iran (see core.calendar.sources.hijri_to_gregorian). The Prophet's birthday,
# Father's Day (13 Rajab), Arbaeen and the other religious holidays come from the library.
HIJRI_OCCASIONS = (
    ("muharram_decade", "دهه اول محرم", 1, 1, 10),
    ("sajjad_martyrdom", "شهادت امام سجاد علیه السلام", 1, 25, 1),
    ("unity_week", "هفته وحدت", 3, 12, 6),
    ("nurses_day", "ولادت حضرت زینب (س) و روز پرستار", 5, 5, 1),
    ("mothers_day", "ولادت حضرت فاطمه زهرا (س)، روز زن و مادر", 6, 20, 1),
    ("baqir_birthday", "ولادت امام محمد باقر علیه السلام", 7, 1, 1),
    ("jawad_birthday", "ولادت امام محمد تقی علیه السلام", 7, 10, 1),
    ("guards_day", "ولادت امام حسین (ع) و روز پاسدار", 8, 3, 1),
    ("veterans_day", "ولادت حضرت ابوالفضل (ع) و روز جانباز", 8, 4, 1),
    ("ramadan_start", "آغاز ماه مبارک رمضان", 9, 1, 1),
    ("hasan_birthday", "ولادت امام حسن مجتبی علیه السلام", 9, 15, 1),
    ("qadr_nights", "شب‌های قدر", 9, 19, 5),
    ("girls_day", "ولادت حضرت معصومه (س) و روز دختران", 11, 1, 1),
    ("karamat_decade", "دهه کرامت", 11, 1, 11),
    ("reza_birthday", "ولادت امام رضا علیه السلام", 11, 11, 1),
    ("arafah", "روز عرفه", 12, 9, 1),
    ("imamate_decade", "دهه امامت و ولایت", 12, 18, 10),
)
