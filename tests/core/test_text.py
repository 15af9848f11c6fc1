from decimal import Decimal

import pytest
from markupsafe import Markup

from core.text import (
    clean_text,
    fa_number,
    is_valid_national_code,
    normalize_fa,
    normalize_mobile,
    normalize_national_code,
    persian_ordinal,
    persian_sort_key,
    to_ascii_digits,
    to_fa_digits,
)

ZWNJ = "\u200c"


def test_to_ascii_digits():
    assert to_ascii_digits("۱۴۰۳/۰۸/۲۵") == "1403/08/25"
    assert to_ascii_digits("١٤٠٣-٠٨-٢٥") == "1403-08-25"
    assert to_ascii_digits("abc 123 ۴٥") == "abc 123 45"


def test_to_fa_digits():
    assert to_fa_digits("1403/08/25") == "۱۴۰۳/۰۸/۲۵"
    assert to_fa_digits("١٤٠٣") == "۱۴۰۳"
    assert to_fa_digits(1060) == "۱۰۶۰"
    assert to_fa_digits("ساعت 14") == "ساعت ۱۴"
    assert to_fa_digits("بی رقم") == "بی رقم" and to_fa_digits(None) == "None"
    assert type(to_fa_digits(Markup("<b>بی رقم</b>"))) is str  # text, to be escaped where it is shown


def test_clean_text_arabic_letters_and_digits():
    assert clean_text("علي كاظمي") == "علی کاظمی"
    assert clean_text("موسى") == "موسی"
    assert clean_text("شماره ١٢٣") == "شماره ۱۲۳"
    # Persian and ASCII digits are left as they are
    assert clean_text("۱۲۳ 456") == "۱۲۳ 456"


def test_clean_text_removes_tatweel_and_bidi_controls():
    assert clean_text("سلـــام") == "سلام"
    controls = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert clean_text(f"{controls}یزد{controls}") == "یزد"


def test_clean_text_zwnj():
    assert clean_text(f"می{ZWNJ}{ZWNJ}{ZWNJ}خواهم") == f"می{ZWNJ}خواهم"
    assert clean_text(f"کتاب{ZWNJ} ها") == "کتاب ها"
    assert clean_text(f"کتاب {ZWNJ}ها") == "کتاب ها"
    assert clean_text(f"{ZWNJ}کتاب{ZWNJ}") == "کتاب"
    assert clean_text(f"{ZWNJ} {ZWNJ}") == ""


def test_clean_text_whitespace_and_none():
    assert clean_text("  روابط \t  عمومی\n استانداری  ") == "روابط عمومی استانداری"
    assert clean_text("\u00a0یزد\u00a0") == "یزد"
    assert clean_text("") == ""
    assert clean_text(None) is None


def test_normalize_fa_matches_variants():
    assert normalize_fa("كتاب‌هاي") == normalize_fa("کتابهای") == "کتابهای"
    assert normalize_fa("مؤسسۀ") == normalize_fa("موسسه") == "موسسه"
    assert normalize_fa("مدرسة") == "مدرسه"
    assert normalize_fa("أحمد إمام آمل ٱلله") == "احمد امام امل الله"
    assert normalize_fa("مسئول") == "مسیول"
    assert normalize_fa("مُحَمَّدٌ") == "محمد"
    assert normalize_fa("رحمٰن") == "رحمن"
    assert normalize_fa("a\u200db") == "ab"


def test_normalize_fa_digits_case_whitespace():
    assert normalize_fa(" شماره  ۱۲۳  و ١٢٣ ") == "شماره 123 و 123"
    assert normalize_fa("Yazd GOVERNORATE") == "yazd governorate"
    assert normalize_fa("جلســه\u200f") == "جلسه"
    assert normalize_fa(None) == ""
    assert normalize_fa("") == ""


def test_normalize_fa_is_idempotent():
    text = "  أخبار  كاربري‌ها ١٤٠٣ مؤسسۀ  "
    assert normalize_fa(normalize_fa(text)) == normalize_fa(text)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1060, None, "۱٬۰۶۰"),
        (0, None, "۰"),
        (12941, None, "۱۲٬۹۴۱"),
        (1234567, None, "۱٬۲۳۴٬۵۶۷"),
        (-1234567, None, "-۱٬۲۳۴٬۵۶۷"),
        (3.784, 2, "۳٫۷۸"),
        (3.784, None, "۳٫۷۸"),
        (3.5, None, "۳٫۵"),
        (3.0, None, "۳"),
        (85.0, 0, "۸۵"),
        (3.5, 2, "۳٫۵۰"),
        (1060, 1, "۱٬۰۶۰٫۰"),
        (5100.25, None, "۵٬۱۰۰٫۲۵"),
        (-3.784, 1, "-۳٫۸"),
        (-0.001, None, "۰"),
        (-0.001, 2, "۰٫۰۰"),
        (Decimal("3.50"), None, "۳٫۵"),
        (Decimal("1234.567"), 2, "۱٬۲۳۴٫۵۷"),
    ],
)
def test_fa_number(value, decimals, expected):
    assert fa_number(value, decimals) == expected


def test_fa_number_none():
    assert fa_number(None) == ""


@pytest.mark.parametrize(
    "text",
    [
        "09123456789",
        "9123456789",
        "+989123456789",
        "989123456789",
        "00989123456789",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "٠٩١٢٣٤٥٦٧٨٩",
        "+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹",
        "0912-345-6789",
        "(0912) 345 6789",
        "+98 (912) 345-6789",
        " 09123456789 ",
        "\u200e+989123456789\u200e",
    ],
)
def test_normalize_mobile_accepts(text):
    assert normalize_mobile(text) == "09123456789"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0912345678",  # too short
        "091234567890",  # too long
        "08123456789",  # not a mobile prefix
        "02135551234",  # landline
        "+9809123456789",
        "+1 912 345 6789",
        "0912345678a",
        "09123456789x",
        "0912.345.6789",
        "phone",
    ],
)
def test_normalize_mobile_rejects(text):
    with pytest.raises(ValueError):
        normalize_mobile(text)


def test_national_code_check_digit():
    assert is_valid_national_code("0499370899")
    assert is_valid_national_code("۰۴۹۹۳۷۰۸۹۹")
    assert is_valid_national_code("٠٤٩٩٣٧٠٨٩٩")
    assert is_valid_national_code("0010350829")
    assert is_valid_national_code("1234567891")  # r == 1: the check digit is r itself
    assert is_valid_national_code("1000000060")  # r == 0
    assert not is_valid_national_code("0499370898")
    assert not is_valid_national_code("1234567890")


def test_national_code_rejects_repeated_digits_and_bad_length():
    # these pass the checksum but are not real codes
    assert not is_valid_national_code("0000000000")
    assert not is_valid_national_code("1111111111")
    assert not is_valid_national_code("499370899")
    assert not is_valid_national_code("04993708990")
    assert not is_valid_national_code("049937089a")
    assert not is_valid_national_code("")


def test_normalize_national_code():
    assert normalize_national_code("0499370899") == "0499370899"
    assert normalize_national_code("۰۴۹۹۳۷۰۸۹۹") == "0499370899"
    assert normalize_national_code(" 049-937089-9 ") == "0499370899"
    assert normalize_national_code("499370899") == "0499370899"
    assert normalize_national_code("10350829") == "0010350829"


@pytest.mark.parametrize(
    "text", ["", "0499370898", "0000000000", "1350829", "04993708991", "abc", "۰۴۹۹۳۷۰۸۹۸"]
)
def test_normalize_national_code_rejects(text):
    with pytest.raises(ValueError):
        normalize_national_code(text)


def test_clean_multiline_text_keeps_lines():
    from core.text import clean_multiline_text

    raw = "بند يك\r\n\r\n\r\n\r\nبند  دو ٣\n"
    assert clean_multiline_text(raw) == "بند یک\n\nبند دو ۳"
    assert clean_multiline_text(None) is None


def test_persian_ordinals():
    assert [persian_ordinal(n) for n in (1, 2, 3, 12, 13, 21, 30, 33, 100)] == [
        "اول", "دوم", "سوم", "دوازدهم", "سیزدهم", "بیست و یکم", "سی\u200cام", "سی و سوم", "۱۰۰\u200cام"]
    assert persian_ordinal(12, adjective=True) == "دوازدهمین"
    assert persian_ordinal(1, adjective=True) == "نخستین"


def test_persian_alphabetical_order():
    names = ["یزدی", "کاظمی", "گلستانی", "پورمحمدی", "بهرامی", "وحیدی", "چاوشی", "زارع", "ژیان", "كريمي"]
    assert sorted(names, key=persian_sort_key) == [
        "بهرامی", "پورمحمدی", "چاوشی", "زارع", "ژیان", "کاظمی", "كريمي", "گلستانی", "وحیدی", "یزدی"]
