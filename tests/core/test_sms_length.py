"""SMS length and parts: Persian (UCS-2) 70 in one part and 67 per part after, Latin (GSM 7-bit)
160 and 153, extension characters and emoji counted twice, mixed text counted as Persian."""
import pytest

from core.sms.length import clean_message, max_characters, measure


@pytest.mark.parametrize("text, characters, parts", [
    ("س" * 70, 70, 1),
    ("س" * 71, 71, 2),
    ("س" * 134, 134, 2),
    ("س" * 135, 135, 3),
    ("۱۲۳", 3, 1),  # Persian digits are not in the GSM alphabet
])
def test_persian_text_counts_70_then_67_per_part(text, characters, parts):
    length = measure(text)
    assert (length.characters, length.parts, length.encoding) == (characters, parts, "ucs2")


@pytest.mark.parametrize("text, characters, parts", [
    ("a" * 160, 160, 1),
    ("a" * 161, 161, 2),
    ("a" * 306, 306, 2),
    ("a" * 307, 307, 3),
    ("Meeting at 10:30, hall 2 (@governorate)!", 40, 1),
])
def test_latin_text_counts_160_then_153_per_part(text, characters, parts):
    length = measure(text)
    assert (length.characters, length.parts, length.encoding) == (characters, parts, "gsm7")


def test_empty_text_has_no_parts():
    assert (measure("").characters, measure("").parts) == (0, 0)


def test_extension_characters_take_two_places_and_keep_the_gsm_alphabet():
    length = measure("a" * 158 + "€")
    assert (length.characters, length.parts, length.encoding) == (160, 1, "gsm7")
    assert measure("a" * 159 + "[").parts == 2


def test_one_persian_letter_makes_the_whole_text_unicode():
    length = measure("Press conference " + "ی")
    assert length.encoding == "ucs2"
    assert length.characters == 18
    assert measure("a" * 100 + "ب").parts == 2  # 101 places: over 70


def test_emoji_take_two_places_in_unicode():
    length = measure("سلام 👋")
    assert (length.characters, length.encoding) == (7, "ucs2")


def test_remaining_places_in_the_current_part():
    assert measure("س" * 60).remaining == 10
    assert measure("س" * 71).remaining == 134 - 71
    assert measure("a" * 10).remaining == 150


def test_longest_text_for_a_number_of_parts():
    assert max_characters(1, "ucs2") == 70
    assert max_characters(4, "ucs2") == 268
    assert max_characters(4, "gsm7") == 612


def test_clean_message_keeps_lines_and_spacing_but_normalizes_letters():
    assert clean_message("  يك\r\nخط  دومـ \n") == "یک\nخط  دوم"
    assert clean_message("كتاب\r\nدوم") == "کتاب\nدوم"
    assert clean_message("سلام  دنیا") == "سلام  دنیا"
    assert clean_message(None) == ""
