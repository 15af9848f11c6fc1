"""Persian text helpers: digits, normalization for saving and searching, numbers, IDs.

`clean_text` is applied to user text before it is saved; `normalize_fa` builds search keys
and is used for both the stored search text and the query, so they always match.
"""

import re

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"
ZWNJ = "\u200c"

_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, ASCII_DIGITS * 2)
_TO_FA = str.maketrans(ASCII_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)
_FA_CONVERTED = re.compile(f"[{ASCII_DIGITS}{ARABIC_DIGITS}]")

_BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CLEAN = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "\u0640": None,  # tatweel
        **{a: p for a, p in zip(ARABIC_DIGITS, PERSIAN_DIGITS)},
        **{c: None for c in _BIDI_CONTROLS},
    }
)
_SEARCH = str.maketrans(
    {
        **{p: a for p, a in zip(PERSIAN_DIGITS, ASCII_DIGITS)},
        **{chr(c): None for c in range(0x064B, 0x0660)},  # harakat, tanwin, shadda, hamza marks
        "\u0670": None,  # superscript alef
        "\u200c": None,  # ZWNJ
        "\u200d": None,  # ZWJ
        "ۀ": "ه",
        "ة": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ی",
    }
)
_ZWNJ_RUN = re.compile(ZWNJ + "+")
_ZWNJ_BY_SPACE = re.compile(rf"{ZWNJ}(?=\s)|(?<=\s){ZWNJ}")
_PHONE_PUNCTUATION = re.compile(r"[\s\-()]")
_MOBILE = re.compile(r"(?:\+98|0098|98|0)?(9[0-9]{9})")
_NATIONAL_CODE_PUNCTUATION = re.compile(r"[\s\-]")


def to_ascii_digits(s: str) -> str:
    """Persian and Arabic-Indic digits to ASCII digits."""
    return s.translate(_TO_ASCII)


def to_fa_digits(s: object) -> str:
    """ASCII and Arabic-Indic digits to Persian digits; any object is str()-ed first."""
    s = str(s)
    # Looked for first: translating a Persian text looks up every letter (a title of 70 letters:
    # 5.6 µs; the search 0.7 µs), and most titles hold no digit to convert.
    return s.translate(_TO_FA) if _FA_CONVERTED.search(s) else s


def clean_text(s: str | None) -> str | None:
    """Normalize user text before saving it (Persian ی/ک and digits, no stray controls).

    Whitespace runs, newlines included, become one space: meant for single-line input.
    """
    if s is None:
        return None
    s = _ZWNJ_RUN.sub(ZWNJ, s.translate(_CLEAN))
    s = _ZWNJ_BY_SPACE.sub("", s)
    return " ".join(s.split()).strip(ZWNJ)


def clean_multiline_text(s: str | None) -> str | None:
    """``clean_text`` for each line of a multi-line text, keeping the lines (blank runs become one
    empty line)."""
    if s is None:
        return None
    lines = [clean_text(line) for line in s.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n")


def normalize_fa(s: str | None) -> str:
    """Search key for Persian text; used for both stored search text and queries."""
    if s is None:
        return ""
    return " ".join(clean_text(s).translate(_SEARCH).casefold().split())


def fa_number(value, decimals: int | None = None) -> str:
    """Format a number with Persian digits and separators: 1060 -> ۱٬۰۶۰, 3.784 -> ۳٫۷۸.

    With ``decimals=None`` ints print as ints and other numbers with at most two
    decimals, trailing zeros trimmed; otherwise exactly ``decimals`` decimals.
    """
    if value is None:
        return ""
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text.startswith("-") and not any(c in "123456789" for c in text):
        text = text[1:]  # a value that rounds to zero has no sign
    return to_fa_digits(text.replace(",", "\u066c").replace(".", "\u066b"))


def normalize_mobile(s: str) -> str:
    """Return an Iranian mobile number as 09xxxxxxxxx or raise ValueError.

    Accepts 09…, 9…, +98…, 98… and 0098… forms in any digits, with spaces,
    dashes or parentheses.
    """
    text = _PHONE_PUNCTUATION.sub("", to_ascii_digits(clean_text(str(s))))
    match = _MOBILE.fullmatch(text)
    if not match:
        raise ValueError(f"not an Iranian mobile number: {s!r}")
    return "0" + match.group(1)


def _national_code_digits(s: str) -> str:
    return _NATIONAL_CODE_PUNCTUATION.sub("", to_ascii_digits(str(s)))


def _national_code_checks(code: str) -> bool:
    if not re.fullmatch(r"[0-9]{10}", code) or len(set(code)) == 1:
        return False
    r = sum(int(digit) * weight for digit, weight in zip(code, range(10, 1, -1))) % 11
    return int(code[9]) == (r if r < 2 else 11 - r)


def is_valid_national_code(s: str) -> bool:
    """Whether ``s`` is a valid 10-digit Iranian national code (any digits)."""
    return _national_code_checks(_national_code_digits(s))


def normalize_national_code(s: str) -> str:
    """Return the national code as 10 ASCII digits or raise ValueError.

    8- and 9-digit input is left-padded with zeros (leading zeros often get lost
    in spreadsheets).
    """
    code = _national_code_digits(s)
    if re.fullmatch(r"[0-9]{8,9}", code):
        code = code.zfill(10)
    if not _national_code_checks(code):
        raise ValueError(f"not a valid national code: {s!r}")
    return code


# Persian alphabetical order: Unicode puts پ چ ژ گ after the Arabic letters and ک/ی among them.
PERSIAN_ALPHABET = "آاأإبپتثجچحخدذرزژسشصضطظعغفقکگلمنوؤهةیئ"
_ALPHABET_RANK = {letter: index for index, letter in enumerate(PERSIAN_ALPHABET)}


def persian_sort_key(text: str) -> list:
    """Key for sorting Persian text in alphabetical order (other characters after the letters)."""
    return [_ALPHABET_RANK.get(letter, len(PERSIAN_ALPHABET) + ord(letter)) for letter in normalize_fa(text or "")]


_ONES = ("", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه")
_TEENS = ("ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده")
_TENS = ("", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود")


def persian_ordinal(number: int, adjective: bool = False) -> str:
    """An ordinal in Persian words: 12 → «دوازدهم», or «دوازدهمین» as an adjective
    («دوازدهمین دوره»); from 100 on in digits («۱۰۰ام»)."""
    if number == 1:
        return "نخستین" if adjective else "اول"
    if not 1 < number < 100:
        word = to_fa_digits(number) + ZWNJ + "ام"
    else:
        word = (_ONES[number] if number < 10 else _TEENS[number - 10] if number < 20
                else _TENS[number // 10] + (" و " + _ONES[number % 10] if number % 10 else ""))
        if word.endswith("سه"):
            word = word[:-2] + "سوم"
        else:
            word += ZWNJ + "ام" if word.endswith("ی") else "م"
    return word + "ین" if adjective else word
