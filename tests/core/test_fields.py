from datetime import date
from types import SimpleNamespace

import pytest
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired, InputRequired, NumberRange

from core.forms.fields import (
    JalaliDateField,
    MobileField,
    NationalCodeField,
    PersianDecimalField,
    PersianIntegerField,
    PersianStringField,
)
from core.jalali import to_jalali_input, today
from tests.core.test_jalali import fa_app, translations_dir  # noqa: F401 (fixtures)

DATE_ERROR_1402_12_30 = "تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد: اسفند ۱۴۰۲ ۲۹ روز دارد."


class PersonForm(FlaskForm):
    born = JalaliDateField("تاریخ تولد")
    held = JalaliDateField("تاریخ جلسه", validators=[DataRequired()])
    count = PersianIntegerField("تعداد")
    hours = PersianIntegerField("ساعت", validators=[InputRequired(), NumberRange(min=1)])
    name = PersianStringField("نام")
    title = PersianStringField("عنوان", filters=[lambda s: s and s.upper()])
    mobile = MobileField("همراه")
    phone = MobileField("همراه ضروری", validators=[DataRequired()])
    code = NationalCodeField("کد ملی")


VALID = {"held": "1403/08/25", "hours": "2", "phone": "09123456789"}


@pytest.fixture
def submit(fa_app):
    """Build PersonForm from posted fields (VALID plus the given ones) in a Persian request."""
    contexts = []

    def submit(**fields):
        ctx = fa_app.test_request_context(method="POST", data={**VALID, **fields})
        ctx.push()
        contexts.append(ctx)
        form = PersonForm()
        form.validate()
        return form

    yield submit
    for ctx in reversed(contexts):
        ctx.pop()


@pytest.fixture
def blank(fa_app):
    """Build PersonForm from an object, as on an edit page (GET)."""
    with fa_app.test_request_context():
        yield lambda **attrs: PersonForm(obj=SimpleNamespace(**attrs))


def errors(field) -> list[str]:
    return [str(e) for e in field.errors]


def test_valid_submission(submit):
    form = submit()
    assert form.errors == {}
    assert form.held.data == date(2024, 11, 15)
    assert form.hours.data == 2
    assert form.phone.data == "09123456789"
    assert form.born.data is None
    assert form.count.data is None
    assert form.mobile.data is None
    assert form.code.data is None
    assert form.name.data is None  # not posted


# --- JalaliDateField ---------------------------------------------------------


@pytest.mark.parametrize("text", ["۱۴۰۳/۰۸/۲۵", "1403/8/25", "١٤٠٣-٠٨-٢٥", " 1403.08.25 "])
def test_date_field_parses_any_digits(submit, text):
    form = submit(born=text)
    assert form.born.errors == []
    assert form.born.data == date(2024, 11, 15)
    assert form.born._value() == "۱۴۰۳/۰۸/۲۵"


def test_date_field_invalid_keeps_text_and_gives_persian_error(submit):
    form = submit(born="۱۴۰۲/۱۲/۳۰")
    assert form.born.data is None
    assert errors(form.born) == [DATE_ERROR_1402_12_30]
    assert 'value="۱۴۰۲/۱۲/۳۰"' in form.born()
    assert errors(submit(born="25/8/1403").born) == ["تاریخ را به شکل ۱۴۰۳/۰۸/۲۵ وارد کنید."]


def test_date_field_esfand_30_in_leap_year(submit):
    assert submit(born="1403/12/30").born.data == date(2025, 3, 20)


def test_date_field_empty_is_optional(submit):
    form = submit(born="   ")
    assert form.born.errors == []
    assert form.born.data is None
    assert form.born._value() == ""


def test_date_field_required(submit):
    form = submit(held="")
    assert len(form.held.errors) == 1
    assert form.held.data is None


def test_required_date_field_keeps_the_parse_error(submit):
    form = submit(held="1402/12/30")
    assert errors(form.held) == [DATE_ERROR_1402_12_30]


def test_date_field_renders_jalali_value_from_object(blank):
    form = blank(born=date(2024, 3, 20))
    html = form.born()
    assert 'value="۱۴۰۳/۰۱/۰۱"' in html
    assert 'inputmode="numeric"' in html
    assert f'placeholder="{to_jalali_input(today())}"' in html  # an example in the current year
    assert "dir=" not in html
    assert 'value=""' in blank().born()


def test_date_field_render_kw_can_be_extended(fa_app):
    class Form(FlaskForm):
        day = JalaliDateField(render_kw={"placeholder": "روز", "class": "date"})

    with fa_app.test_request_context():
        html = Form().day()
    assert 'placeholder="روز"' in html and 'class="date"' in html and 'inputmode="numeric"' in html


# --- PersianIntegerField -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("۱۰۶۰", 1060), ("1060", 1060), ("١٠٦٠", 1060), ("۱٬۰۶۰", 1060), ("1,060", 1060),
     ("۱۲ ۹۴۱", 12941), ("۱،۰۶۰", 1060), (" 7 ", 7), ("-۵", -5), ("0", 0)],
)  # fmt: skip
def test_integer_field_parses_any_digits(submit, text, value):
    form = submit(count=text)
    assert form.count.errors == []
    assert form.count.data == value


@pytest.mark.parametrize("text", ["abc", "۱۲a", "۳٫۷۸", "3.5", "--5", "5-"])
def test_integer_field_rejects_non_numbers(submit, text):
    form = submit(count=text)
    assert errors(form.count) == ["یک عدد صحیح وارد کنید."]
    assert form.count.data is None
    assert f'value="{text}"' in form.count()


def test_integer_field_empty_is_optional(submit):
    form = submit(count="")
    assert form.count.errors == []
    assert form.count.data is None


def test_integer_field_validators(submit):
    assert len(submit(hours="").hours.errors) == 1  # InputRequired
    assert len(submit(hours="۰").hours.errors) == 1  # NumberRange
    assert errors(submit(hours="x").hours) == ["یک عدد صحیح وارد کنید."]
    assert submit(hours="۱۲").hours.errors == []


def test_integer_field_renders_text_input_with_persian_digits(blank):
    html = blank(count=1060).count()
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert 'value="۱۰۶۰"' in html


# --- PersianStringField ------------------------------------------------------


def test_string_field_cleans_text(submit):
    form = submit(name="  علي  كاظمي ١٢ــ\u200f ", title="yazd")
    assert form.name.data == "علی کاظمی ۱۲"
    assert form.title.data == "YAZD"  # the field's own filters still run, after clean_text
    assert submit(name=" \u200c ").name.data == ""


# --- MobileField -------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["۰۹۱۲ ۳۴۵ ۶۷۸۹", "+98 912 345 6789", "9123456789", "00989123456789"]
)
def test_mobile_field_normalizes(submit, text):
    form = submit(mobile=text)
    assert form.mobile.errors == []
    assert form.mobile.data == "09123456789"
    assert 'value="۰۹۱۲۳۴۵۶۷۸۹"' in form.mobile()


def test_mobile_field_invalid(submit):
    form = submit(mobile="021 3555 1234")
    assert errors(form.mobile) == ["شماره همراه را به شکل ۰۹۱۲۳۴۵۶۷۸۹ وارد کنید."]
    assert form.mobile.data is None
    assert 'value="021 3555 1234"' in form.mobile()


def test_mobile_field_required(submit):
    assert len(submit(phone="").phone.errors) == 1
    assert errors(submit(phone="0912").phone) == ["شماره همراه را به شکل ۰۹۱۲۳۴۵۶۷۸۹ وارد کنید."]


def test_mobile_field_renders_stored_value(blank):
    html = blank(mobile="09123456789").mobile()
    assert 'value="۰۹۱۲۳۴۵۶۷۸۹"' in html
    assert 'inputmode="tel"' in html


# --- NationalCodeField -------------------------------------------------------


@pytest.mark.parametrize("text", ["0499370899", "۰۴۹۹۳۷۰۸۹۹", "499370899", "049-937089-9"])
def test_national_code_field_normalizes(submit, text):
    form = submit(code=text)
    assert form.code.errors == []
    assert form.code.data == "0499370899"


@pytest.mark.parametrize("text", ["0499370898", "1111111111", "12345", "کد"])
def test_national_code_field_invalid(submit, text):
    form = submit(code=text)
    assert errors(form.code) == ["کد ملی ۱۰ رقمی معتبر وارد کنید."]
    assert form.code.data is None
    assert f'value="{text}"' in form.code()


def test_national_code_field_empty_is_optional(submit):
    form = submit(code=" ")
    assert form.code.errors == []
    assert form.code.data is None


class HoursForm(FlaskForm):
    hours = PersianDecimalField("ساعت")


@pytest.mark.parametrize("text, value", [("۲٫۵", "2.5"), ("2.5", "2.5"), ("٣/٧٥", "3.75"), ("۱۲", "12"), ("", None)])
def test_decimal_field_parses_any_digits_and_decimal_marks(fa_app, text, value):
    from decimal import Decimal

    with fa_app.test_request_context(method="POST", data={"hours": text}):
        form = HoursForm()
        assert form.validate()
        assert form.hours.data == (Decimal(value) if value else None)


@pytest.mark.parametrize("text", ["۲٫۵٫۱", "دو", "2,5", "-1"])
def test_decimal_field_refuses_other_text_in_persian_and_keeps_it(fa_app, text):
    with fa_app.test_request_context(method="POST", data={"hours": text}):
        form = HoursForm()
        assert not form.validate()
        assert errors(form.hours) == ["عددی مانند ۲ یا ۲٫۵ وارد کنید."]
        assert text in form.hours()
