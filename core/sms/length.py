"""How long an SMS is and how many parts it is sent in.

A text written only in the GSM 7-bit alphabet (plain Latin letters, digits, common punctuation)
fits 160 characters in one part and 153 in each part of a longer message; the characters of the
GSM extension table (``^{}\\[~]|€``) take two places. Any other character (Persian letters,
Persian digits, emoji) sends the whole text as UCS-2: 70 in one part, 67 per part after, with
characters outside the Basic Multilingual Plane taking two places. static/js/sms.js counts the
same way with the alphabets and limits it reads from the page (see ``counter_attributes``).
"""
from dataclasses import dataclass

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = "^{}\\[~]|€\f"
_GSM7_BASIC = frozenset(GSM7_BASIC)
_GSM7_EXTENDED = frozenset(GSM7_EXTENDED)

LIMITS = {"gsm7": (160, 153), "ucs2": (70, 67)}


@dataclass(frozen=True)
class SmsLength:
    characters: int  # places taken (an extension character or an emoji counts two)
    parts: int
    encoding: str  # "gsm7" or "ucs2"

    @property
    def single_limit(self):
        return LIMITS[self.encoding][0]

    @property
    def part_limit(self):
        return LIMITS[self.encoding][1]

    @property
    def remaining(self):
        """Places left in the last part before another part starts."""
        if self.parts <= 1:
            return self.single_limit - self.characters
        return self.parts * self.part_limit - self.characters


def is_gsm7(text: str) -> bool:
    return all(c in _GSM7_BASIC or c in _GSM7_EXTENDED for c in text)


def parts_for(characters: int, encoding: str) -> int:
    single, per_part = LIMITS[encoding]
    if characters == 0:
        return 0
    if characters <= single:
        return 1
    return -(-characters // per_part)


def measure(text: str) -> SmsLength:
    """The length and parts of ``text`` as it will be sent."""
    if is_gsm7(text):
        characters = sum(2 if c in _GSM7_EXTENDED else 1 for c in text)
        encoding = "gsm7"
    else:
        characters = len(text.encode("utf-16-le")) // 2
        encoding = "ucs2"
    return SmsLength(characters, parts_for(characters, encoding), encoding)


def max_characters(parts: int, encoding: str) -> int:
    """The longest text that fits ``parts`` parts."""
    single, per_part = LIMITS[encoding]
    return single if parts == 1 else parts * per_part


def clean_message(text: str | None) -> str:
    """The text as it is sent: one kind of line break, Persian ی and ک, no surrounding blanks.
    Inner spacing is kept (it is part of the message)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_PERSIAN_LETTERS).strip()


_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u0640": None})
