"""The live length counter (static/js/sms.js) in Chromium says exactly what the server says for the
same text (as the server cleans it): the counter's markup comes from the real macro, the script from static/, and each text
typed in the browser is compared with core.sms.length through the same macro."""
import re
from pathlib import Path

import pytest
from flask import render_template_string

from core.sms.length import clean_message
from core.sms.send import counter

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parents[2] / "static" / "js" / "sms.js"
MARKUP = ('{% import "sms/_macros.html" as sms with context %}'
          '<textarea data-sms-text></textarea>{{ sms.length_counter(counter) }}')
TEXTS = [
    "سلام",
    "س" * 70,
    "س" * 71,
    "a" * 160,
    "a" * 161,
    "Meeting at 10:30 {hall 2}",
    "a" * 158 + "€",
    "خبر فوری: نشست خبری 👋",
    "يك كتاب",  # Arabic letters, cleaned to Persian before counting
    "  دو\r\nخط  ",
    "ب" * 700,  # over the limit of parts
]


def _parts(html):
    return {name: re.sub(r"\s+", " ", text).strip()
            for name, text in re.findall(r'data-part="(\w+)">(.*?)</', html, re.S)}


def _server(text):
    return _parts(render_template_string(MARKUP, counter=counter(text)))


def test_the_browser_counts_like_the_server(app, browser):
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html lang='fa' dir='rtl'><body>"
                         + render_template_string(MARKUP, counter=counter("")) + "</body></html>")
        page.add_script_tag(path=str(SCRIPT))
        for text in TEXTS:
            page.fill("textarea", text)
            shown = page.eval_on_selector_all(
                "[data-part]", "els => Object.fromEntries(els.map(e => [e.dataset.part, e.textContent.trim()]))")
            assert shown == _server(clean_message(text)), text
        assert page.eval_on_selector("#sms-counter", "e => e.classList.contains('too-long')")
        page.fill("textarea", "")
        assert page.text_content('[data-part="summary"]') == "هنوز چیزی نوشته نشده است."
    finally:
        page.close()


def test_the_server_count_shows_without_javascript(app):
    parts = _server("س" * 71)
    assert parts == {"summary": "۷۱ نویسه، ۲ بخش", "remaining": "۶۳ نویسه تا پایان این بخش",
                     "rule": "فارسی (یونی‌کد): ۷۰ نویسه در پیامک یک‌بخشی، ۶۷ نویسه در هر بخش پیامک بلندتر"}
