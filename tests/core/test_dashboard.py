"""The performance dashboard: figures with their changes, trend charts, lazy parts, failing and
disabled modules, permissions, a bounded number of queries, and the monthly report as a PDF.

The app here runs the scaffolded example plugin ``sample`` (its figure counts ``Item`` rows),
the fixture plugin ``dash_charts`` (figures and ``ravabet_dashboard_charts`` over the same items)
and ``runtime_fail`` (whose ``ravabet_dashboard_metrics`` raises).
"""
import io
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image

from core.dashboard import views
from core.dashboard.charts import Chart, ChartError, chart_png, nice_ticks
from core.dashboard.sections import Change, trend_period
from core.db import db
from core.jalali import Period, parse_jalali_date
from core.models import RolePermission
from core.pdf import PdfError
from core.testing import persian_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "plugins"
KEYS = ["sample", "dash_charts", "runtime_fail"]
ABAN_1403 = {"kind": "month", "y": "1403", "m": "8"}
ERROR_TEXT = "آمار این بخش محاسبه نشد"


@pytest.fixture(scope="module")
def dash_app(app, make_app):
    return make_app(PLUGIN_PATHS=[*app.config["PLUGIN_PATHS"], str(FIXTURES)], PLUGINS_ONLY=KEYS)


@pytest.fixture
def department(dash_app, make_department, enable_module):
    department = make_department(name="واحد داشبورد")
    for key in KEYS:
        enable_module(key, department)
    return department


@pytest.fixture
def staff_client(dash_app, department, make_user, login):
    client = dash_app.test_client()
    login(make_user("staff", departments=[department]), test_client=client)
    return client


def add_items(*jalali_dates, title="مورد"):
    from plugins.sample.models import Item

    for text in jalali_dates:
        db.session.add(Item(title=title, date=parse_jalali_date(text)))
    db.session.commit()


def text_of(response):
    return persian_text(response.get_data(as_text=True))


def tile_text(html, title):
    """The visible text of the figure tile whose title is ``title``."""
    for tile in re.findall(r'<li class="tile dash-tile">.*?</ul>\s*</li>', html, re.S):
        if title in tile:
            return persian_text(tile)
    raise AssertionError(f"no tile {title!r}")


# --- figures and their changes ------------------------------------------------------------------

def test_a_figure_is_compared_with_the_previous_month_and_the_same_month_last_year(staff_client):
    add_items("1403/08/01", "1403/08/15", "1403/08/30", "1403/08/30")  # Aban 1403: 4
    add_items("1403/07/10", "1403/07/30")                              # Mehr 1403: 2
    add_items(*["1402/08/05"] * 8)                                     # Aban 1402: 8
    add_items("1403/09/01", "1402/07/30")                              # outside all three
    response = staff_client.get("/dashboard/part/sample", query_string=ABAN_1403)
    assert response.status_code == 200
    tile = tile_text(response.get_data(as_text=True), "موارد ثبت‌شده در کمیته نمونه")
    assert "۴" in tile
    assert "▲ افزایش ۱۰۰٪ نسبت به دورهٔ قبل" in tile
    assert "▼ کاهش ۵۰٪ نسبت به مدت مشابه سال قبل" in tile


def test_a_hook_that_takes_periods_is_called_once_for_all_three(staff_client, count_queries):
    add_items("1403/08/01", "1403/08/02", "1403/07/10", *["1402/08/05"] * 4, title="جلسه")
    with count_queries() as statements:
        html = staff_client.get("/dashboard/part/dash_charts", query_string=ABAN_1403).get_data(as_text=True)
    tile = tile_text(html, "جلسه‌های ثبت‌شده")
    assert "۲" in tile and "▲ افزایش ۱۰۰٪ نسبت به دورهٔ قبل" in tile
    assert "▼ کاهش ۵۰٪ نسبت به مدت مشابه سال قبل" in tile
    assert len([s for s in statements if "count(CASE WHEN" in s]) == 1  # the figure's three periods at once


def test_a_figure_without_an_earlier_figure_says_so(staff_client):
    add_items("1403/08/10")
    html = staff_client.get("/dashboard/part/sample", query_string=ABAN_1403).get_data(as_text=True)
    tile = tile_text(html, "موارد ثبت‌شده در کمیته نمونه")
    assert tile.count("بدون دادهٔ قبلی") == 2
    assert 'title="مهر ۱۴۰۳: ۰"' in html and 'title="آبان ۱۴۰۲: ۰"' in html


def test_the_tile_links_to_the_list_it_counts(staff_client):
    html = staff_client.get("/dashboard/part/sample", query_string=ABAN_1403).get_data(as_text=True)
    assert 'href="/sample/?start=1403/08/01&amp;end=1403/08/30"' in html


@pytest.mark.parametrize("value, base, text, direction", [
    (150, 100, "▲ ۵۰٪", "up"),
    (97, 100, "▼ ۳٪", "down"),
    (1035, 1000, "▲ ۳٫۵٪", "up"),
    (5, 5, "بدون تغییر", "same"),
    (5, 0, "بدون دادهٔ قبلی", "none"),
    (5, None, "بدون دادهٔ قبلی", "none"),
])
def test_change_in_percent_with_persian_digits(app, value, base, text, direction):
    change = Change("نسبت به دورهٔ قبل", "مهر ۱۴۰۳", base, value)
    assert (change.text, change.direction) == (text, direction)


def test_a_figure_the_user_may_not_see_is_left_out(staff_client, make_user, login, dash_app):
    html = staff_client.get("/dashboard/?full=1").get_data(as_text=True)
    assert "جلسه‌های ثبت‌شده" in html and "رقم محرمانه" not in html
    admin = login(make_user("admin"), test_client=dash_app.test_client())
    assert "رقم محرمانه" in admin.get("/dashboard/?full=1").get_data(as_text=True)


# --- trend charts -------------------------------------------------------------------------------

def test_ravabet_dashboard_charts_draws_an_accessible_svg_with_persian_months(staff_client):
    add_items("1403/08/05", "1403/08/06", "1403/01/01", "1402/09/01")
    html = staff_client.get("/dashboard/part/dash_charts", query_string=ABAN_1403).get_data(as_text=True)
    chart = re.search(r'<figure class="chart" id="dash-dash_charts-items">.*?</figure>', html, re.S).group(0)
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "style=" not in chart and "<script" not in chart
    # the 12 months that end with Aban 1403, right to left, with the year on the first and on Farvardin
    labels = re.findall(r'transform="rotate\(-45[^"]*">([^<]+)</text>', chart)
    assert labels[0] == "آذر ۱۴۰۲" and labels[4] == "فروردین ۱۴۰۳" and labels[-1] == "آبان"
    assert len(labels) == 12
    assert "<title>آبان ۱۴۰۳: ۲</title>" in chart and "<title>آذر ۱۴۰۲: ۱</title>" in chart
    assert "<title>دی ۱۴۰۲: ۰</title>" not in chart  # no bar for an empty month
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td[^>]*>([^<]+)</td></tr>', chart)
    assert rows[0] == ("آذر ۱۴۰۲", "۱") and rows[1] == ("دی ۱۴۰۲", "۰") and rows[4] == ("فروردین ۱۴۰۳", "۱") and rows[-1] == ("آبان ۱۴۰۳", "۲")


def test_a_chart_of_two_series_has_a_legend_and_a_column_per_series(staff_client):
    add_items("1403/08/05", title="جلسه کمیته")
    add_items("1403/08/06", "1403/08/07", title="بازدید از واحد")
    html = staff_client.get("/dashboard/part/dash_charts", query_string=ABAN_1403).get_data(as_text=True)
    chart = re.search(r'<figure class="chart" id="dash-dash_charts-kinds">.*?</figure>', html, re.S).group(0)
    assert '<ul class="chart-legend">' in chart
    assert re.search(r'<tr><th scope="row">آبان ۱۴۰۳</th><td[^>]*>۱</td><td[^>]*>۲</td></tr>', chart)


@pytest.mark.parametrize("period, expected", [
    (Period.month(1403, 8), ("1402/09/01", "1403/08/30")),
    (Period.quarter(1403, 1), ("1402/04/01", "1403/03/31")),
    (Period.year(1403), ("1403/01/01", "1403/12/30")),
])
def test_trend_period_is_the_12_months_ending_with_the_period(app, period, expected):
    trend = trend_period(period)
    assert (trend.start, trend.end) == tuple(parse_jalali_date(d) for d in expected)
    assert len(trend.months()) == 12


def test_a_longer_period_is_its_own_trend(app):
    period = Period.custom(parse_jalali_date("1401/01/01"), parse_jalali_date("1403/06/31"))
    assert trend_period(period) == period


def test_nice_ticks(app):
    assert nice_ticks(17) == [0, 5, 10, 15, 20]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(1060) == [0, 500, 1000, 1500]


def test_a_malformed_chart_is_refused(app):
    with pytest.raises(ChartError):
        Chart.from_hook({"key": "x", "title": "ناقص", "series": [
            {"title": "الف", "counts": [(1403, 1, 2)]}, {"title": "ب", "counts": [(1403, 2, 2)]}]})
    with pytest.raises(ChartError):
        Chart.from_hook({"key": "x", "title": "بی‌داده"})


# --- lazy parts, failures, disabled modules -------------------------------------------------------

def test_the_page_has_a_lazy_slot_per_module_and_a_way_without_javascript(staff_client):
    html = staff_client.get("/dashboard/", query_string=ABAN_1403).get_data(as_text=True)
    for key in KEYS:
        assert re.search(rf'hx-get="/dashboard/part/{key}\?[^"]*kind=month[^"]*" hx-trigger="load"', html)
    assert "جلسه‌های ثبت‌شده" not in html  # the figures come with the parts
    refresh = re.search(r'<noscript><meta http-equiv="refresh" content="0; url=([^"]+)"></noscript>', html)
    assert refresh and "full=1" in refresh.group(1) and "m=8" in refresh.group(1)


def test_an_htmx_part_is_only_the_section(staff_client):
    response = staff_client.get("/dashboard/part/sample", query_string=ABAN_1403, headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith('<section class="dash-section" id="dash-sample"')
    assert "<html" not in html


def test_a_failing_module_shows_an_error_and_the_others_render(staff_client, dash_app, caplog):
    add_items("1403/08/05", title="جلسه کمیته")
    full = staff_client.get("/dashboard/", query_string={**ABAN_1403, "full": "1"})
    assert full.status_code == 200
    text = text_of(full)
    assert ERROR_TEXT in text and "خطای زمان اجرا" in text
    assert "جلسه‌های ثبت‌شده" in text and "موارد ثبت‌شده در کمیته نمونه" in text and "جلسه‌ها و بازدیدها" in text
    part = staff_client.get("/dashboard/part/runtime_fail", query_string=ABAN_1403, headers={"HX-Request": "true"})
    assert part.status_code == 200 and ERROR_TEXT in text_of(part) and 'role="alert"' in part.get_data(as_text=True)
    assert "hook ravabet_dashboard_metrics of plugin runtime_fail failed" in caplog.text
    assert "metrics exploded" in dash_app.extensions["ravabet_plugins"].runtime_errors["runtime_fail"]


def test_a_disabled_module_leaves_the_dashboard_and_its_part_answers_404(staff_client, enable_module):
    enable_module("dash_charts", enabled=False)
    assert staff_client.get("/dashboard/part/dash_charts").status_code == 404
    assert staff_client.get("/dashboard/part/no_such_module").status_code == 404
    html = staff_client.get("/dashboard/?full=1").get_data(as_text=True)
    assert "نمودارهای آزمایشی" not in html and "جلسه‌های ثبت‌شده" not in html
    assert "/dashboard/part/dash_charts" not in staff_client.get("/dashboard/").get_data(as_text=True)
    enable_module("dash_charts")
    assert staff_client.get("/dashboard/part/dash_charts").status_code == 200


def test_the_dashboard_needs_its_permission(dash_app, staff_client, department, make_user, login):
    viewer = login(make_user("viewer"), test_client=dash_app.test_client())
    assert viewer.get("/dashboard/").status_code == 200
    db.session.add(RolePermission(role="staff", permission="dashboard.view", granted=False))
    db.session.commit()
    assert staff_client.get("/dashboard/").status_code == 403
    assert staff_client.get("/dashboard/part/sample").status_code == 403


def test_a_wrong_period_shows_a_persian_message_and_the_year_to_date(staff_client):
    response = staff_client.get("/dashboard/", query_string={"kind": "month", "y": "1403", "m": "13"})
    assert response.status_code == 200
    text = text_of(response)
    assert "ماه باید بین ۱ و ۱۲ باشد." in text
    assert "به جای آن، از ۱ فروردین تا" in text
    assert 'name="y" value="1403"' in response.get_data(as_text=True)  # the form keeps what was sent


def test_the_dashboard_is_in_the_navigation(staff_client):
    assert 'href="/dashboard/"' in staff_client.get("/").get_data(as_text=True)


def test_home_shows_the_figures_and_links_to_the_dashboard(staff_client):
    add_items("1403/08/05")
    html = staff_client.get("/", query_string=ABAN_1403).get_data(as_text=True)
    assert 'class="button" href="/dashboard/?kind=month&amp;y=1403&amp;m=8"' in html
    # The page answers at once; each module's figures fill their slot from /home/tiles/<key>.
    assert 'hx-get="/home/tiles/sample?kind=month&amp;y=1403&amp;m=8"' in html
    assert "موارد ثبت‌شده در کمیته نمونه" not in html and "url=/?full=1" in html  # the no-JS way
    tiles = staff_client.get("/home/tiles/sample", query_string=ABAN_1403, headers={"HX-Request": "true"})
    assert "موارد ثبت‌شده در کمیته نمونه" in persian_text(tiles.get_data(as_text=True))
    assert "<html" not in tiles.get_data(as_text=True)
    full = staff_client.get("/", query_string={**ABAN_1403, "full": "1"}).get_data(as_text=True)
    assert "موارد ثبت‌شده در کمیته نمونه" in full and "hx-get=\"/home/tiles" not in full
    assert "نسبت به دورهٔ قبل" not in full  # the home page shows the figures only


# --- queries ------------------------------------------------------------------------------------

def test_the_dashboard_runs_a_bounded_number_of_queries(staff_client, count_queries):
    def queries():
        with count_queries() as statements:
            response = staff_client.get("/dashboard/", query_string={**ABAN_1403, "full": "1"})
        assert response.status_code == 200
        return len(statements)

    add_items("1403/08/01", "1403/07/01", "1402/08/01", title="جلسه")
    few = queries()
    add_items(*["1403/08/02"] * 40, *["1403/03/03"] * 40, title="جلسه")
    add_items(*["1402/12/29"] * 40, title="بازدید")
    assert queries() == few
    # sample: 3 figure queries (one per period); dash_charts: 1 figure query for the three periods
    # + 3 chart series; plus the request's own (session user, enabled modules, role grants, module
    # departments)
    assert few <= 17


# --- the monthly report as a PDF, read back with pdftotext and drawn with pdftoppm -------------------

BIDI_AND_SPACES = re.compile("[\\s\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


def squash(text):
    """Text without spaces, ZWNJ and bidi marks: pdftotext puts them around digit runs freely."""
    return BIDI_AND_SPACES.sub("", text)


def run_tool(*args):
    if shutil.which(args[0]) is None:
        pytest.skip(f"{args[0]} (poppler-utils) is not installed")
    return subprocess.run(args, capture_output=True, check=True)


def test_the_monthly_report_has_the_figures_their_changes_and_the_charts(staff_client, tmp_path):
    add_items("1403/08/01", "1403/08/02", "1403/08/03", title="جلسه کمیته")  # Aban 1403: 3
    add_items("1403/07/01", "1403/07/02", title="جلسه کمیته")                # Mehr 1403: 2
    add_items("1402/08/09", title="بازدید از واحد")                           # Aban 1402: 1
    response = staff_client.get("/dashboard/report.pdf", query_string=ABAN_1403)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    path = tmp_path / "dashboard.pdf"
    path.write_bytes(response.data)
    text = squash(run_tool("pdftotext", "-enc", "UTF-8", str(path), "-").stdout.decode())
    for words in ("گزارش ماهانه داشبورد عملکرد", "آبان ۱۴۰۳", "کمیته نمونه", "موارد ثبت‌شده در کمیته نمونه",
                  "جلسه‌های ثبت‌شده", "مهر ۱۴۰۳", "آبان ۱۴۰۲",
                  "موارد ثبت‌شده در هر ماه", "جلسه‌ها و بازدیدها", "آذر ۱۴۰۲", "اردیبهشت", "خطای زمان اجرا",
                  "آمار این بخش محاسبه نشد"):
        assert squash(words) in text, words
    # the changes: 3 against 2 in Mehr and against 1 in Aban 1402 (pdftotext may put ٪ first)
    assert re.search("افزایش(۵۰٪|٪۵۰).*افزایش(۲۰۰٪|٪۲۰۰)", text)
    assert "رقم محرمانه" not in text  # a figure the user may not see
    # the charts are images (bars only); the month names and figures are text in the table
    images = run_tool("pdfimages", "-list", str(path)).stdout.decode().strip().splitlines()[2:]
    assert len(images) == 3  # the sample plugin's monthly chart and the fixture plugin's two
    run_tool("pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page"))
    assert Image.open(tmp_path / "page-1.png").size[0] > 200


def test_without_a_period_the_report_is_last_months(staff_client, monkeypatch):
    monkeypatch.setattr(views, "last_month", lambda: Period.month(1403, 8))
    response = staff_client.get("/dashboard/report.pdf")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    name = response.headers["Content-Disposition"].split("''")[1]
    assert unquote(name) == "گزارش ماهانه داشبورد عملکرد آبان ۱۴۰۳.pdf"


def test_a_failed_pdf_shows_a_persian_message(staff_client, monkeypatch):
    def fail(*args, **kwargs):
        raise PdfError("سند PDF ساخته نشد.")

    monkeypatch.setattr(views, "pdf_response", fail)
    response = staff_client.get("/dashboard/report.pdf", query_string=ABAN_1403)
    assert response.status_code in (302, 303) and "/dashboard/?" in response.headers["Location"]
    assert "سند PDF ساخته نشد." in staff_client.get(response.headers["Location"]).get_data(as_text=True)


def test_the_chart_image_has_a_bar_per_month_from_right_to_left(app):
    chart = Chart.from_hook({"key": "a", "title": "نمودار", "counts": [(1403, m, m) for m in range(1, 13)]})
    image = Image.open(io.BytesIO(chart_png(chart, 1200, 330))).convert("RGB")
    assert image.size == (1200, 330)
    bar = (0x0F, 0x5C, 0x73)

    def bar_height(month):  # the month's column is the month-th 100 px from the right
        x = 1200 - 100 * month + 50
        return sum(1 for y in range(330) if image.getpixel((x, y)) == bar)

    heights = [bar_height(month) for month in range(1, 13)]
    assert heights == sorted(heights) and heights[0] > 0 and heights[-1] > 10 * heights[0]
