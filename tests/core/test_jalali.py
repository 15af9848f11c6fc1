import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import jdatetime
import pytest
from babel.messages.extract import extract_from_file
from babel.support import Translations
from flask import Flask
from flask_babel import Babel
from werkzeug.datastructures import MultiDict

from core.jalali import (
    MONTH_NAMES,
    TIMEZONE,
    WEEKDAY_NAMES,
    JalaliDateError,
    Period,
    days_in_month,
    format_date,
    format_datetime,
    jalali_today,
    parse_jalali_date,
    parse_jalali_datetime,
    to_jalali_input,
    today,
)

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "core" / "translations" / "fa" / "LC_MESSAGES" / "messages.po"
MODULES_WITH_MESSAGES = ["core/jalali.py", "core/forms/fields.py"]


@pytest.fixture(scope="session")
def translations_dir(tmp_path_factory):
    """The fa catalog compiled with pybabel into a private directory."""
    directory = tmp_path_factory.mktemp("translations")
    (directory / "fa" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(CATALOG, directory / "fa" / "LC_MESSAGES" / "messages.po")
    pybabel = Path(sys.executable).parent / "pybabel"
    result = subprocess.run(
        [pybabel, "compile", "-d", directory, "-f"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower(), result.stderr
    return directory


@pytest.fixture(scope="session")
def fa_app(translations_dir):
    """A bare Flask app speaking Persian; shared with test_fields."""
    app = Flask(__name__)
    app.config.update(
        TESTING=True,
        SECRET_KEY="test",
        WTF_CSRF_ENABLED=False,
        BABEL_DEFAULT_LOCALE="fa",
        BABEL_TRANSLATION_DIRECTORIES=str(translations_dir),
    )
    Babel(app)
    return app


@pytest.fixture
def fa(fa_app):
    with fa_app.test_request_context():
        yield


def error_text(exc_info) -> str:
    return str(exc_info.value)


# --- catalog ---------------------------------------------------------------


def _messages(module: str) -> list[str]:
    return [m[1] for m in extract_from_file("python", ROOT / module, keywords={"_l": None})]


def test_every_message_has_one_persian_translation(translations_dir):
    catalog = CATALOG.read_text(encoding="utf-8")
    translations = Translations.load(str(translations_dir), ["fa"])
    messages = {m for module in MODULES_WITH_MESSAGES for m in _messages(module)}
    assert len(messages) >= 13
    for msgid in messages:
        assert catalog.count(f'\nmsgid "{msgid}"\n') == 1, msgid
        translated = translations.gettext(msgid)
        assert translated != msgid
        assert any("\u0600" <= c <= "\u06ff" for c in translated), msgid


# --- constants and conversion ------------------------------------------------


def test_constants():
    assert len(MONTH_NAMES) == 12
    assert MONTH_NAMES[0] == "فروردین" and MONTH_NAMES[7] == "آبان" and MONTH_NAMES[11] == "اسفند"
    assert WEEKDAY_NAMES[0] == "شنبه" and WEEKDAY_NAMES[6] == "جمعه"
    assert len(WEEKDAY_NAMES) == 7
    assert str(TIMEZONE) == "Asia/Tehran"


def test_days_in_month():
    assert days_in_month(1403, 1) == 31
    assert days_in_month(1403, 6) == 31
    assert days_in_month(1403, 7) == 30
    assert days_in_month(1403, 11) == 30
    assert days_in_month(1403, 12) == 30  # leap year
    assert days_in_month(1402, 12) == 29
    assert days_in_month(1404, 12) == 29
    assert days_in_month(1399, 12) == 30


# --- parsing -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["۱۴۰۳/۰۸/۲۵", "1403/8/25", "١٤٠٣-٠٨-٢٥", "1403.08.25", "  1403/08/25  ", "۱۴۰۳ / ۸ / ۲۵"],
)
def test_parse_jalali_date_formats(text):
    assert parse_jalali_date(text) == date(2024, 11, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1403/01/01", date(2024, 3, 20)),
        ("1402/12/29", date(2024, 3, 19)),
        ("1403/12/30", date(2025, 3, 20)),  # Esfand 30 exists in a leap year
        ("1404/01/01", date(2025, 3, 21)),
        ("1403/06/31", date(2024, 9, 21)),
        ("1403/07/01", date(2024, 9, 22)),
        ("1300/01/01", date(1921, 3, 21)),
        ("\u200f1403/08/25\u200e", date(2024, 11, 15)),  # pasted bidi marks
    ],
)
def test_parse_jalali_date_values(text, expected):
    assert parse_jalali_date(text) == expected


def test_parse_errors_are_distinct_persian_messages(fa):
    messages = {}
    for text in ["", "   ", None, "1403/08", "25/08/1403", "abc", "1299/01/01", "1501/01/01",
                 "1403/00/10", "1403/13/01", "1402/12/30", "1403/07/31", "1403/08/00"]:  # fmt: skip
        with pytest.raises(JalaliDateError) as exc_info:
            parse_jalali_date(text)
        messages[text] = error_text(exc_info)
    assert messages[""] == messages[None] == messages["   "] == "تاریخ را وارد کنید."
    assert messages["abc"] == "تاریخ را به شکل ۱۴۰۳/۰۸/۲۵ وارد کنید."
    assert messages["1403/08"] == messages["25/08/1403"] == messages["abc"]
    assert messages["1299/01/01"] == messages["1501/01/01"] == "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد."
    assert messages["1403/13/01"] == messages["1403/00/10"] == "ماه باید بین ۱ و ۱۲ باشد."
    assert messages["1402/12/30"] == "تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد: اسفند ۱۴۰۲ ۲۹ روز دارد."
    assert messages["1403/07/31"] == "تاریخ ۱۴۰۳/۰۷/۳۱ وجود ندارد: مهر ۱۴۰۳ ۳۰ روز دارد."
    assert messages["1403/08/00"] == "تاریخ ۱۴۰۳/۰۸/۰۰ وجود ندارد: آبان ۱۴۰۳ ۳۰ روز دارد."


def test_jalali_date_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_jalali_date("1402/12/30")


def test_parse_jalali_datetime():
    expected = datetime(2024, 11, 15, 11, 0, tzinfo=timezone.utc)  # Tehran is UTC+3:30
    assert parse_jalali_datetime("۱۴۰۳/۰۸/۲۵", "۱۴:۳۰") == expected
    assert parse_jalali_datetime("1403/8/25", "14:30") == expected
    assert parse_jalali_datetime("1403/8/25", " ١٤ : ٣٠ ") == expected
    assert parse_jalali_datetime("1403/8/25", "0:05") == datetime(
        2024, 11, 14, 20, 35, tzinfo=timezone.utc
    )
    # Iran still had daylight saving time in 1400 (UTC+4:30 in summer)
    assert parse_jalali_datetime("1400/04/01", "12:00") == datetime(
        2021, 6, 22, 7, 30, tzinfo=timezone.utc
    )
    assert parse_jalali_datetime("1403/8/25", "14:30").tzinfo == timezone.utc


@pytest.mark.parametrize(
    "time_text", ["", None, "24:00", "14:60", "1430", "14:3", "ساعت ۲", "14:30:00"]
)
def test_parse_jalali_datetime_bad_time(fa, time_text):
    with pytest.raises(JalaliDateError) as exc_info:
        parse_jalali_datetime("1403/08/25", time_text)
    assert error_text(exc_info) == "ساعت را به شکل ۱۴:۳۰ وارد کنید."


def test_parse_jalali_datetime_bad_date(fa):
    with pytest.raises(JalaliDateError) as exc_info:
        parse_jalali_datetime("1402/12/30", "10:00")
    assert "۲۹ روز" in error_text(exc_info)


# --- formatting --------------------------------------------------------------


def test_format_date_styles():
    d = date(2024, 11, 15)
    assert format_date(d) == "۲۵ آبان ۱۴۰۳"
    assert format_date(d, "long") == "۲۵ آبان ۱۴۰۳"
    assert format_date(d, "numeric") == "۱۴۰۳/۰۸/۲۵"
    assert format_date(d, "weekday") == "جمعه ۲۵ آبان ۱۴۰۳"
    assert format_date(d, "month") == "آبان ۱۴۰۳"
    assert format_date(date(2024, 3, 20), "long") == "۱ فروردین ۱۴۰۳"
    assert format_date(date(2024, 3, 17), "weekday") == "یکشنبه ۲۷ اسفند ۱۴۰۲"
    assert format_date(date(2024, 3, 23), "weekday") == "شنبه ۴ فروردین ۱۴۰۳"
    assert format_date(None) == ""
    with pytest.raises(ValueError):
        format_date(d, "short")


def test_format_date_of_datetime_uses_tehran_day():
    late_utc = datetime(2024, 11, 15, 21, 0, tzinfo=timezone.utc)  # 00:30 on the 16th in Tehran
    assert format_date(late_utc) == "۲۶ آبان ۱۴۰۳"
    assert format_date(late_utc.replace(tzinfo=None)) == "۲۶ آبان ۱۴۰۳"  # naive means UTC
    assert format_date(datetime(2024, 11, 15, 10, 0, tzinfo=TIMEZONE)) == "۲۵ آبان ۱۴۰۳"


def test_format_datetime():
    aware = datetime(2024, 11, 15, 11, 0, tzinfo=timezone.utc)
    assert format_datetime(aware) == "۲۵ آبان ۱۴۰۳، ساعت ۱۴:۳۰"
    assert format_datetime(aware.replace(tzinfo=None)) == "۲۵ آبان ۱۴۰۳، ساعت ۱۴:۳۰"
    assert format_datetime(aware, "numeric") == "۱۴۰۳/۰۸/۲۵ ۱۴:۳۰"
    assert format_datetime(aware, "weekday") == "جمعه ۲۵ آبان ۱۴۰۳، ساعت ۱۴:۳۰"
    assert format_datetime(datetime(2024, 11, 15, 20, 45)) == "۲۶ آبان ۱۴۰۳، ساعت ۰۰:۱۵"
    assert format_datetime(None) == ""


def test_parse_and_format_round_trip():
    when = parse_jalali_datetime("1403/12/30", "23:59")
    assert format_datetime(when, "numeric") == "۱۴۰۳/۱۲/۳۰ ۲۳:۵۹"


def test_to_jalali_input():
    assert to_jalali_input(date(2024, 11, 15)) == "۱۴۰۳/۰۸/۲۵"
    assert to_jalali_input(date(2024, 3, 20)) == "۱۴۰۳/۰۱/۰۱"
    assert to_jalali_input(None) == ""
    assert parse_jalali_date(to_jalali_input(date(2025, 3, 20))) == date(2025, 3, 20)


def test_today_is_tehran_today():
    assert today() == datetime.now(TIMEZONE).date()
    assert isinstance(jalali_today(), jdatetime.date)
    assert jalali_today().togregorian() == today()


# --- periods -----------------------------------------------------------------


def test_period_year():
    p = Period.year(1403)
    assert (p.start, p.end, p.kind) == (date(2024, 3, 20), date(2025, 3, 20), "year")
    assert p.label == "سال ۱۴۰۳"
    assert p.days == 366
    assert Period.year(1404).days == 365
    assert Period.year(1404).end == date(2026, 3, 20)


def test_period_month():
    p = Period.month(1403, 8)
    assert (p.start, p.end, p.kind) == (date(2024, 10, 22), date(2024, 11, 20), "month")
    assert p.label == "آبان ۱۴۰۳"
    assert Period.month(1403, 1).days == 31
    assert Period.month(1403, 12).days == 30
    assert Period.month(1402, 12).days == 29
    assert Period.month(1402, 12).end == date(2024, 3, 19)


@pytest.mark.parametrize(
    ("q", "start", "end", "label"),
    [
        (1, date(2024, 3, 20), date(2024, 6, 20), "فصل اول ۱۴۰۳"),
        (2, date(2024, 6, 21), date(2024, 9, 21), "فصل دوم ۱۴۰۳"),
        (3, date(2024, 9, 22), date(2024, 12, 20), "فصل سوم ۱۴۰۳"),
        (4, date(2024, 12, 21), date(2025, 3, 20), "فصل چهارم ۱۴۰۳"),
    ],
)
def test_period_quarter(q, start, end, label):
    p = Period.quarter(1403, q)
    assert (p.start, p.end, p.label, p.kind) == (start, end, label, "quarter")


def test_quarters_tile_the_year():
    quarters = [Period.quarter(1402, q) for q in range(1, 5)]
    assert sum(q.days for q in quarters) == Period.year(1402).days == 365
    for before, after in zip(quarters, quarters[1:]):
        assert after.start == before.end + timedelta(days=1)


def test_period_first_months():
    p = Period.first_months(1403, 8)
    assert (p.start, p.end, p.kind) == (date(2024, 3, 20), date(2024, 11, 20), "first")
    assert p.label == "۸ ماه نخست سال ۱۴۰۳"
    assert p.days == 6 * 31 + 2 * 30
    assert Period.first_months(1403, 12).end == Period.year(1403).end


def test_period_custom():
    p = Period.custom(date(2024, 3, 20), date(2024, 11, 20))
    assert p.kind == "custom"
    assert p.label == "از ۱ فروردین ۱۴۰۳ تا ۳۰ آبان ۱۴۰۳"
    assert p.days == 246
    assert Period.custom(date(2024, 1, 1), date(2024, 1, 1)).days == 1


def test_period_custom_rejects_reversed_range(fa):
    with pytest.raises(JalaliDateError) as exc_info:
        Period.custom(date(2024, 11, 20), date(2024, 11, 19))
    assert error_text(exc_info) == "تاریخ شروع نباید بعد از تاریخ پایان باشد."


def test_period_year_to_date():
    p = Period.year_to_date(today=date(2026, 11, 26))
    assert (p.start, p.end, p.kind) == (date(2026, 3, 21), date(2026, 11, 26), "ytd")
    assert p.label == "از ۱ فروردین تا ۵ آذر ۱۴۰۵"
    first_day = Period.year_to_date(date(2024, 3, 20))
    assert (first_day.start, first_day.days) == (date(2024, 3, 20), 1)
    assert Period.year_to_date().end == today()


def test_period_constructors_validate(fa):
    cases = [
        (lambda: Period.year(1299), "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد."),
        (lambda: Period.month(1403, 13), "ماه باید بین ۱ و ۱۲ باشد."),
        (lambda: Period.month(1403, 0), "ماه باید بین ۱ و ۱۲ باشد."),
        (lambda: Period.quarter(1403, 5), "فصل باید بین ۱ و ۴ باشد."),
        (lambda: Period.quarter(1403, 0), "فصل باید بین ۱ و ۴ باشد."),
        (lambda: Period.first_months(1403, 13), "تعداد ماه‌ها باید بین ۱ و ۱۲ باشد."),
        (lambda: Period.first_months(1403, 0), "تعداد ماه‌ها باید بین ۱ و ۱۲ باشد."),
    ]
    for make, message in cases:
        with pytest.raises(JalaliDateError) as exc_info:
            make()
        assert error_text(exc_info) == message


def test_period_is_frozen_and_comparable():
    p = Period.month(1403, 8)
    with pytest.raises(AttributeError):
        p.start = date(2024, 1, 1)
    assert p == Period.month(1403, 8)
    assert hash(p) == hash(Period.month(1403, 8))


def test_previous_of_calendar_periods():
    assert Period.year(1403).previous() == Period.year(1402)
    assert Period.month(1403, 8).previous() == Period.month(1403, 7)
    assert Period.month(1403, 1).previous() == Period.month(1402, 12)
    assert Period.quarter(1403, 3).previous() == Period.quarter(1403, 2)
    assert Period.quarter(1403, 1).previous() == Period.quarter(1402, 4)
    assert Period.month(1403, 1).previous().end == date(2024, 3, 19)


def test_previous_of_ranges_is_as_long_and_ends_the_day_before():
    custom = Period.custom(date(2024, 11, 10), date(2024, 11, 19))
    assert custom.previous() == Period.custom(date(2024, 10, 31), date(2024, 11, 9))
    first = Period.first_months(1403, 8).previous()
    assert (first.kind, first.end, first.days) == ("custom", date(2024, 3, 19), 246)
    ytd = Period.year_to_date(date(2026, 11, 26)).previous()
    assert (ytd.kind, ytd.end, ytd.days) == ("custom", date(2026, 3, 20), 251)


def test_same_period_last_year():
    assert Period.year(1404).same_period_last_year() == Period.year(1403)
    assert Period.year(1404).same_period_last_year().days == 366  # not a shifted 29 Esfand
    assert Period.month(1403, 8).same_period_last_year() == Period.month(1402, 8)
    assert Period.month(1404, 12).same_period_last_year().end == date(2025, 3, 20)  # 30 Esfand 1403
    assert Period.quarter(1403, 4).same_period_last_year() == Period.quarter(1402, 4)
    assert Period.first_months(1403, 8).same_period_last_year() == Period.first_months(1402, 8)


def test_same_period_last_year_clamps_esfand_30():
    esfand = Period.custom(parse_jalali_date("1403/12/01"), parse_jalali_date("1403/12/30"))
    last_year = esfand.same_period_last_year()
    assert (last_year.start, last_year.end) == (
        parse_jalali_date("1402/12/01"),
        parse_jalali_date("1402/12/29"),
    )
    assert last_year.label == "از ۱ اسفند ۱۴۰۲ تا ۲۹ اسفند ۱۴۰۲"
    ytd = Period.year_to_date(parse_jalali_date("1403/12/30")).same_period_last_year()
    assert (ytd.kind, ytd.start, ytd.end) == ("ytd", date(2023, 3, 21), date(2024, 3, 19))
    ytd = Period.year_to_date(date(2026, 11, 26)).same_period_last_year()
    assert ytd.label == "از ۱ فروردین تا ۵ آذر ۱۴۰۴"


def test_months_of_a_year():
    months = Period.year(1403).months()
    assert len(months) == 12
    assert months[0] == (1403, 1, date(2024, 3, 20), date(2024, 4, 19))
    assert months[7] == (1403, 8, date(2024, 10, 22), date(2024, 11, 20))
    assert months[11] == (1403, 12, date(2025, 2, 19), date(2025, 3, 20))
    for before, after in zip(months, months[1:]):
        assert after[2] == before[3] + timedelta(days=1)


def test_months_are_clipped_to_the_period():
    p = Period.custom(parse_jalali_date("1402/12/20"), parse_jalali_date("1403/02/10"))
    assert p.months() == [
        (1402, 12, parse_jalali_date("1402/12/20"), date(2024, 3, 19)),
        (1403, 1, date(2024, 3, 20), date(2024, 4, 19)),
        (1403, 2, date(2024, 4, 20), parse_jalali_date("1403/02/10")),
    ]
    one_day = Period.custom(date(2024, 11, 15), date(2024, 11, 15))
    assert one_day.months() == [(1403, 8, date(2024, 11, 15), date(2024, 11, 15))]
    assert [m[:2] for m in Period.quarter(1403, 4).months()] == [(1403, 10), (1403, 11), (1403, 12)]


@pytest.mark.parametrize(
    "period",
    [
        Period.year(1403),
        Period.month(1403, 8),
        Period.quarter(1403, 3),
        Period.first_months(1403, 8),
        Period.custom(date(2024, 3, 10), date(2024, 11, 20)),
    ],
)
def test_as_args_round_trip(period):
    args = period.as_args()
    assert all(isinstance(v, str) and v.isascii() for v in args.values())
    assert Period.from_args(args) == period


def test_as_args_values():
    assert Period.month(1403, 8).as_args() == {"kind": "month", "y": "1403", "m": "8"}
    assert Period.custom(date(2024, 3, 20), date(2024, 11, 20)).as_args() == {
        "kind": "custom",
        "from": "1403/01/01",
        "to": "1403/08/30",
    }
    assert Period.year_to_date(date(2026, 11, 26)).as_args() == {"kind": "ytd"}


def test_from_args_with_any_digits():
    assert Period.from_args({"kind": "month", "y": "۱۴۰۳", "m": "۸"}) == Period.month(1403, 8)
    assert Period.from_args({"kind": "quarter", "y": "١٤٠٣", "q": "٣"}) == Period.quarter(1403, 3)
    first = Period.from_args({"kind": "first", "y": " 1403 ", "n": "08"})
    assert first == Period.first_months(1403, 8)
    assert Period.from_args({"kind": "year", "y": 1403}) == Period.year(1403)
    custom = Period.from_args({"kind": "custom", "from": "۱۴۰۳/۰۱/۰۱", "to": "۱۴۰۳/۰۸/۳۰"})
    assert custom == Period.custom(date(2024, 3, 20), date(2024, 11, 20))
    args = MultiDict([("kind", "month"), ("y", "1403"), ("m", "8"), ("m", "9")])
    assert Period.from_args(args) == Period.month(1403, 8)


def test_from_args_defaults_to_year_to_date():
    day = date(2026, 11, 26)
    assert Period.from_args({}, today=day) == Period.year_to_date(day)
    assert Period.from_args({"kind": ""}, today=day) == Period.year_to_date(day)
    assert Period.from_args({"kind": "ytd", "y": "1390"}, today=day) == Period.year_to_date(day)
    assert Period.from_args({}).end == today()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"kind": "week"}, "نوع بازه نامعتبر است."),
        ({"kind": "year"}, "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد."),
        ({"kind": "year", "y": "abc"}, "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد."),
        ({"kind": "year", "y": "2024"}, "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد."),
        ({"kind": "year", "y": "-1403"}, "سال باید بین ۱۳۰۰ و ۱۵۰۰ باشد."),
        ({"kind": "month", "y": "1403"}, "ماه باید بین ۱ و ۱۲ باشد."),
        ({"kind": "month", "y": "1403", "m": "۱۳"}, "ماه باید بین ۱ و ۱۲ باشد."),
        ({"kind": "quarter", "y": "1403", "q": "5"}, "فصل باید بین ۱ و ۴ باشد."),
        ({"kind": "first", "y": "1403", "n": "0"}, "تعداد ماه‌ها باید بین ۱ و ۱۲ باشد."),
        ({"kind": "custom", "to": "1403/08/30"}, "تاریخ را وارد کنید."),
        ({"kind": "custom", "from": "1402/12/30", "to": "1403/08/30"}, "تاریخ ۱۴۰۲/۱۲/۳۰ وجود ندارد: اسفند ۱۴۰۲ ۲۹ روز دارد."),
        ({"kind": "custom", "from": "1403/08/30", "to": "1403/08/01"}, "تاریخ شروع نباید بعد از تاریخ پایان باشد."),
    ],
)  # fmt: skip
def test_from_args_bad_input(fa, args, message):
    with pytest.raises(JalaliDateError) as exc_info:
        Period.from_args(args)
    assert error_text(exc_info) == message
