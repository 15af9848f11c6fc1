"""WTForms fields for Persian input: Jalali dates, times of day, numbers (whole or decimal) in any digits, normalized text,
mobile numbers and national codes.

An empty input gives ``None`` (``""`` for PersianStringField) and no error; add
DataRequired or InputRequired to require a value. A parse error stops validation, so a
required validator cannot replace it, and the user's text is shown again.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import StopValidation

from core.jalali import parse_jalali_date, to_jalali_input, today
from core.text import (
    clean_multiline_text,
    clean_text,
    fa_number,
    normalize_mobile,
    normalize_national_code,
    to_ascii_digits,
    to_fa_digits,
)

from .widgets import TextArea, TextInput

_NUMBER_SEPARATORS = re.compile(r"[\s,\u066c\u060c]")  # spaces , ٬ ،


class _ParsedField:
    """Mixin for fields that parse their text into ``data`` in ``process_formdata``."""

    widget = TextInput()  # numbers too: type="number" rejects Persian digits in some browsers
    render_defaults: dict = {}

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs["render_kw"] = {**self.render_defaults, **(kwargs.get("render_kw") or {})}
        super().__init__(label, validators, **kwargs)

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()

    def _value(self):
        if self.process_errors and self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else self._display(self.data)

    def _display(self, data) -> str:
        return to_fa_digits(data)


class JalaliDateField(_ParsedField, StringField):
    """A Jalali date input (۱۴۰۳/۰۸/۲۵ in any digits) whose data is a Gregorian date."""

    render_defaults = {"inputmode": "numeric", "autocomplete": "off"}

    def __init__(self, label=None, validators=None, **kwargs):
        # The example in the box is today, so it shows the current year's form.
        kwargs["render_kw"] = {"placeholder": to_jalali_input(today()), **(kwargs.get("render_kw") or {})}
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        if (valuelist[0] or "").strip():
            self.data = parse_jalali_date(valuelist[0])  # JalaliDateError is a ValueError

    def _display(self, data) -> str:
        return to_jalali_input(data)


class ClockField(_ParsedField, StringField):
    """A time of day such as ۱۴:۳۰ (any digits); ``data`` is a ``datetime.time``."""

    render_defaults = {"inputmode": "numeric", "placeholder": "۱۰:۰۰", "autocomplete": "off", "dir": "ltr"}

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        text = to_ascii_digits(clean_text(valuelist[0] or "") or "")
        if not text:
            return
        match = re.fullmatch(r"([0-9]{1,2})\s*[:.٫]\s*([0-9]{2})", text)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise ValueError(_("Enter the time in the form 14:30."))
        self.data = datetime.time(int(match.group(1)), int(match.group(2)))

    def _display(self, data):
        return to_fa_digits(f"{data:%H:%M}")


class PersianIntegerField(_ParsedField, IntegerField):
    """An integer input accepting Persian/Arabic-Indic digits and thousands separators."""

    render_defaults = {"inputmode": "numeric"}

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Enter a whole number."))
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = _NUMBER_SEPARATORS.sub("", to_ascii_digits(clean_text(valuelist[0] or "")))
        self.data = None
        if not text:
            return
        if not re.fullmatch(r"[-+]?[0-9]+", text):
            raise ValueError(self.invalid_value_message)
        self.data = int(text)


class PersianDecimalField(_ParsedField, StringField):
    """A decimal number in any digits, with «٫», «.» or «/» before the decimals (۲٫۵, 2.5, ۲/۵);
    ``data`` is a ``Decimal``."""

    render_defaults = {"inputmode": "decimal"}

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        text = to_ascii_digits(clean_text(valuelist[0] or "") or "").replace("\u066b", ".").replace("/", ".")
        if not text:
            return
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
            raise ValueError(_("Enter a number such as 2 or 2.5."))
        try:
            self.data = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("Enter a number such as 2 or 2.5.")) from None

    def _display(self, data):
        return fa_number(data)


class PersianStringField(StringField):
    """A text input whose value is normalized with ``clean_text`` (Persian ی/ک and digits)."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, filters=(), **kwargs):
        super().__init__(label, validators, filters=(clean_text, *filters), **kwargs)


class PersianTextAreaField(TextAreaField):
    """A multi-line text normalized line by line (``clean_multiline_text``), keeping its lines."""

    widget = TextArea()

    def __init__(self, label=None, validators=None, filters=(), **kwargs):
        super().__init__(label, validators, filters=(clean_multiline_text, *filters), **kwargs)


class _NormalizedStringField(_ParsedField, StringField):
    """A text input normalized by ``normalize`` (raising ValueError); bad input gets ``message``."""

    normalize = None
    message = None

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        if (valuelist[0] or "").strip():
            try:
                self.data = self.normalize(valuelist[0])
            except ValueError:
                raise ValueError(self.message) from None


class MobileField(_NormalizedStringField):
    """An Iranian mobile number, stored as 09xxxxxxxxx."""

    normalize = staticmethod(normalize_mobile)
    message = _l("Enter a mobile number like 09123456789.")
    render_defaults = {"inputmode": "tel", "autocomplete": "tel"}


class NationalCodeField(_NormalizedStringField):
    """An Iranian national code, stored as 10 ASCII digits."""

    normalize = staticmethod(normalize_national_code)
    message = _l("Enter a valid 10-digit national code.")
    render_defaults = {"inputmode": "numeric"}
