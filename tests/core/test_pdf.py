"""Persian PDF documents (core.pdf): text read back with poppler's tools, fonts, page sizes, images,
failures and the resource rules. The sample documents are in tests/templates/pdf_samples/."""
import io
import logging
import re
import shutil
import socket
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, FileSystemLoader
from PIL import Image, ImageDraw
from pypdf import PdfReader

from core import pdf
from core.jalali import Period
from core.text import to_fa_digits

SAMPLES = Path(__file__).resolve().parents[1] / "templates"
PERSIAN = re.compile(r"[\u0600-\u06FF]")
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u200e\u200f]")
MM = 72 / 25.4


def tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils); PDF checks skipped")
    return path


def poppler(name, data, *args):
    """The output of one of poppler's tools (pdftotext, pdfinfo, ...) run on the PDF ``data``."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        result = subprocess.run([tool(name), *args, file.name, *(["-"] if name == "pdftotext" else [])],
                                capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pdftotext(data):
    return re.sub(r"[ \t]+", " ", BIDI_CONTROLS.sub("", poppler("pdftotext", data)))


def page_size_mm(data):
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", poppler("pdfinfo", data)).groups()
    return round(float(width) / MM, 1), round(float(height) / MM, 1)


def images(data):
    return poppler("pdfimages", data, "-list").splitlines()[2:]


def test_image(size=(300, 380), kind="JPEG", **save):
    image = Image.new("RGB", size, "#c9d6e3")
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] * 0.3, size[1] * 0.15, size[0] * 0.7, size[1] * 0.5), fill="#7a8ea3")
    buffer = io.BytesIO()
    image.save(buffer, kind, **save)
    return buffer.getvalue()


test_image.__test__ = False  # a helper, not a test

ITEMS = [
    "تولید و انتشار بیش از ۱۰۶۰ عنوان خبر در پایگاه اطلاع‌رسانی (به طور متوسط روزانه ۳٫۷۸ خبر)",
    "برگزاری ۱۲ نشست خبری که ۹ نشست آن با محوریت آموزش بود",
    "کسب رتبهٔ اول جشنوارهٔ روابط عمومی‌های برتر کشور",
]
SAMPLE_CONTEXT = {
    "report": dict(
        period=Period.year(1403),
        sections=[{"title": title, "items": ITEMS * 3} for title in
                  ("ادارهٔ خبر و اطلاع‌رسانی", "ادارهٔ ارتباطات مردمی", "ادارهٔ رسانه‌های دیجیتال")],
        stats=[("نشست خبری", 12, date(2024, 5, 3)), ("بازدید میدانی", 1060, date(2024, 7, 21))],
        signers=[("تهیه‌کننده", "مریم احمدی"), ("مدیرکل روابط عمومی", "حسین کریمی")],
    ),
    "table": dict(rows=[(to_fa_digits(i), f"نام عضو شمارهٔ {to_fa_digits(i)}", "خبرگزاری ایرنا",
                         to_fa_digits(f"ع-{i:05d}")) for i in range(1, 101)]),
    "landscape": dict(landscape=True, name="سرکار خانم مریم احمدی", day=date(2024, 11, 16),
                      text="به پاس تلاش‌های ارزنده در برگزاری جشنوارهٔ رسانه‌ای استان",
                      signer="حسین کریمی", signer_role="مدیرکل روابط عمومی"),
    "card": dict(page_size="card", association="انجمن خبرنگاران"),
}


@pytest.fixture(scope="module")
def samples(app):
    """Render each sample document once for the module: ``samples("report")`` -> PDF bytes."""
    original = app.jinja_env.loader
    app.jinja_env.loader = ChoiceLoader([FileSystemLoader(str(SAMPLES)), original])
    cache = {}

    def render(name):
        if name not in cache:
            context = dict(SAMPLE_CONTEXT[name])
            if name == "landscape":
                context["logo"] = pdf.image_data_uri(test_image((200, 200), "PNG"))
            if name == "card":
                context["members"] = [{
                    "name": "مریم احمدی", "media": "خبرگزاری ایرنا", "number": "1403-0125",
                    "valid_until": date(2025, 3, 20), "photo": pdf.image_data_uri(test_image()),
                    "qr": pdf.qr_data_uri("https://ravabet.example/v/0125")}]
            with app.test_request_context():
                cache[name] = pdf.render_pdf(f"pdf_samples/{name}.html", **context)
        return cache[name]

    yield render
    app.jinja_env.loader = original


@pytest.fixture
def sample_templates(app, samples):
    """The sample templates for a test that renders its own documents."""
    return samples


def test_persian_text_comes_out_in_logical_order(samples):
    data = samples("report")
    text = pdftotext(data)
    assert "گزارش مختصر فعالیت‌ها" in text
    assert "اداره کل روابط عمومی" in text
    assert "۱۴۰۳" in text
    assert "روابط عمومی‌های برتر کشور" in text
    assert "اطلاع‌رسانی" in text  # لا is drawn as one ligature glyph
    # «ه» with a hamza above is written «ۀ», which the PDF keeps
    assert "ادارۀ ارتباطات مردمی" in text and "\u0654" not in text
    pages = text.split("\f")
    assert len([page for page in pages if page.strip()]) >= 2
    # pdftotext puts the spaces around numbers in right-to-left lines where it likes
    assert "صفحۀ۱از۲" in re.sub(r"\s+", "", pages[0])
    assert "صفحۀ۲از۲" in re.sub(r"\s+", "", pages[1])


def test_every_digit_is_persian(samples):
    for name in ("report", "table", "landscape", "card"):
        text = pdftotext(samples(name))
        assert PERSIAN.search(text)
        assert not re.search(r"[0-9]", text), f"{name}: Latin digits in {re.findall(r'.{10}[0-9].{10}', text)[:3]}"


def test_the_text_is_drawn_in_vazirmatn(samples):
    data = samples("report")
    fonts = poppler("pdffonts", data)
    embedded = [line.split()[0] for line in fonts.splitlines()[2:] if " yes yes " in line]
    assert any(name.endswith("+Vazirmatn-FD-Regular") for name in embedded)
    assert any(name.endswith("+Vazirmatn-FD-Bold") for name in embedded)
    faces = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            faces.add(str(font["/BaseFont"]))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    assert faces and all("Vazirmatn" in face for face in faces), faces


@pytest.mark.parametrize("name", ["report", "table", "landscape", "card"])
def test_pages_render_to_images(samples, name, tmp_path):
    source = tmp_path / "document.pdf"
    source.write_bytes(samples(name))
    subprocess.run([tool("pdftoppm"), "-r", "40", "-f", "1", "-l", "1", "-png", str(source),
                    str(tmp_path / "page")], check=True)
    [png] = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        gray = image.convert("L")
        dark = sum(gray.histogram()[:128])
    assert dark > 0.002 * gray.width * gray.height  # ink on the page, not a blank sheet


@pytest.mark.parametrize("size, landscape, expected", [
    ("A4", False, (210.0, 297.0)),
    ("A4", True, (297.0, 210.0)),
    ("A3", False, (297.0, 420.0)),
    ("A5", False, (148.0, 210.0)),
    ("A5", True, (210.0, 148.0)),
    ("A6", False, (105.0, 148.0)),
    ((120, 160), False, (120.0, 160.0)),
])
def test_page_size_and_orientation(sample_templates, size, landscape, expected):
    data = pdf.render_pdf("pdf_samples/table.html", page_size=size, landscape=landscape,
                          rows=SAMPLE_CONTEXT["table"]["rows"][:5])
    assert page_size_mm(data) == expected
    assert "فهرست اعضای انجمن" in pdftotext(data)


def test_an_unknown_page_size_is_the_callers_bug(sample_templates):
    with pytest.raises(ValueError):
        pdf.render_pdf("pdf_samples/table.html", page_size="B5", rows=[])


def test_a_table_too_wide_for_its_page_is_a_persian_error(sample_templates):
    with pytest.raises(pdf.PdfError) as error:
        pdf.render_pdf("pdf_samples/table.html", page_size=(54, 85.6), rows=SAMPLE_CONTEXT["table"]["rows"][:5])
    assert PERSIAN.search(str(error.value))


def test_card_size_photo_and_qr_code(samples):
    data = samples("card")
    assert page_size_mm(data) == (85.6, 54.0)
    assert len(images(data)) == 2  # the photo and the QR code
    text = pdftotext(data)
    assert "کارت عضویت انجمن خبرنگاران" in text and "مریم احمدی" in text
    # «۱۴۰۳-۰۱۲۵» after Persian words is drawn ۰۱۲۵-۱۴۰۳ (Unicode bidi), which pdftotext keeps
    assert "۰۱۲۵-۱۴۰۳" in text


def test_landscape_document(samples):
    data = samples("landscape")
    assert page_size_mm(data) == (297.0, 210.0)
    assert "لوح تقدیر" in pdftotext(data)
    assert len(images(data)) == 1


def test_long_table_has_one_table_per_page_with_its_titles(samples):
    data = samples("table")
    pages = [page for page in pdftotext(data).split("\f") if page.strip()]
    assert len(pages) == 4  # 26 rows on the first page, 29 on the others
    assert all("نام و نام خانوادگی" in page for page in pages)
    text = "".join(pages)
    assert all(f"نام عضو شمارۀ {to_fa_digits(i)}" in text for i in (1, 26, 27, 100))


def test_qr_and_image_data_uris():
    qr = pdf.qr_data_uri("https://ravabet.example/v/1")
    assert qr.startswith("data:image/png;base64,")
    assert pdf.image_data_uri(test_image()).startswith("data:image/jpeg;base64,")
    # WebP becomes PNG, a large photo is made smaller
    assert pdf.image_data_uri(test_image(kind="WEBP")).startswith("data:image/png;base64,")
    import base64
    big = pdf.image_data_uri(test_image((3000, 2000)))
    with Image.open(io.BytesIO(base64.b64decode(big.split(",", 1)[1]))) as image:
        assert max(image.size) == pdf.MAX_IMAGE_SIDE


def test_a_bad_image_is_a_persian_error(app):
    with pytest.raises(pdf.PdfError) as error:
        pdf.image_data_uri(b"not an image")
    assert PERSIAN.search(str(error.value))


def test_html_is_autoescaped_and_the_hamza_kept(sample_templates):
    html = pdf.render_html("pdf_samples/table.html", rows=[("<b>۱</b>", "جلسهٔ شورا", "", "")])
    assert "&lt;b&gt;" in html and "<b>۱" not in html
    assert "جلسۀ شورا" in html and "\u0654" not in html
    with pytest.raises(ValueError):
        pdf.render_html("pdf/base.txt")


def test_a_failing_template_is_a_persian_error_and_writes_no_file(sample_templates, tmp_path, caplog):
    target = tmp_path / "out" / "report.pdf"
    with pytest.raises(pdf.PdfError) as error:
        pdf.write_pdf(target, "pdf_samples/report.html", sections=None)  # not iterable: it fails
    assert "PDF" in str(error.value) and PERSIAN.search(str(error.value))
    assert not target.exists()
    assert not any(tmp_path.rglob("*.pdf*"))


def test_an_xhtml2pdf_failure_is_a_persian_error(sample_templates, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("reportlab exploded")

    monkeypatch.setattr(pdf.pisa, "CreatePDF", broken)
    with pytest.raises(pdf.PdfError) as error:
        pdf.render_pdf("pdf_samples/table.html", rows=[])
    assert PERSIAN.search(str(error.value))

    class Status:
        err = 1

    monkeypatch.setattr(pdf.pisa, "CreatePDF", lambda *args, **kwargs: Status())
    with pytest.raises(pdf.PdfError):
        pdf.render_pdf("pdf_samples/table.html", rows=[])


def test_missing_fonts_are_an_error_not_helvetica(sample_templates, monkeypatch):
    monkeypatch.setattr(pdf, "FONT_FILES", pdf.FONT_FILES + ("Vazirmatn-Missing.ttf",))
    with pytest.raises(pdf.PdfError) as error:
        pdf.render_pdf("pdf_samples/table.html", rows=[])
    assert "make setup" in str(error.value) and PERSIAN.search(str(error.value))


def test_write_pdf_is_atomic(sample_templates, tmp_path, monkeypatch):
    target = tmp_path / "members.pdf"
    target.write_bytes(b"the previous edition")
    rows = SAMPLE_CONTEXT["table"]["rows"][:3]

    def failing_replace(source, destination):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(pdf.os, "replace", failing_replace)
        with pytest.raises(pdf.PdfError) as error:
            pdf.write_pdf(target, "pdf_samples/table.html", rows=rows)
    assert PERSIAN.search(str(error.value))
    assert target.read_bytes() == b"the previous edition"
    assert [p.name for p in tmp_path.iterdir()] == ["members.pdf"]

    assert pdf.write_pdf(target, "pdf_samples/table.html", rows=rows) == target
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["members.pdf"]


def test_link_callback_allows_only_static_files_and_data(app, caplog):
    static = Path(app.static_folder).resolve()
    font = pdf.link_callback("/static/vendor/fonts/Vazirmatn-FD-Regular.ttf")
    assert Path(font) == static / "vendor/fonts/Vazirmatn-FD-Regular.ttf"
    assert pdf.link_callback("data:image/png;base64,AAAA") == "data:image/png;base64,AAAA"
    with caplog.at_level(logging.WARNING, logger="core.pdf"):
        for uri in ("http://example.com/logo.png", "https://169.254.169.254/latest/meta-data/",
                    "/static/../config.py", "/etc/passwd", "file:///etc/passwd", "logo.png"):
            assert pdf.link_callback(uri) == pdf.REFUSED, uri
    assert "http://example.com/logo.png" in caplog.text


def test_rendering_fetches_nothing_from_the_network(sample_templates, monkeypatch, tmp_path):
    template = tmp_path / "pdf_samples_remote.html"
    template.write_text('{% extends "pdf/base.html" %}{% block content %}<p>تصویر</p>'
                        '<img src="http://127.0.0.1:9/x.png" width="20" height="20">'
                        '<img src="https://example.com/logo.png" width="20" height="20">{% endblock %}',
                        encoding="utf-8")

    def no_network(*args, **kwargs):
        raise AssertionError("the PDF renderer tried to reach the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    from flask import current_app

    loader = current_app.jinja_env.loader
    current_app.jinja_env.loader = ChoiceLoader([FileSystemLoader(str(tmp_path)), loader])
    try:
        data = pdf.render_pdf("pdf_samples_remote.html")
    finally:
        current_app.jinja_env.loader = loader
    assert images(data) == []
    assert "تصویر" in pdftotext(data)


def test_pdf_response_names_the_file_in_persian(sample_templates):
    rows = SAMPLE_CONTEXT["table"]["rows"][:3]
    response = pdf.pdf_response("pdf_samples/table.html", "فهرست اعضا ۱۴۰۳", as_attachment=True, rows=rows)
    assert response.mimetype == "application/pdf"
    assert response.get_data().startswith(b"%PDF-")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="document.pdf"; ')
    assert "filename*=UTF-8''%D9%81%D9%87%D8%B1%D8%B3%D8%AA" in disposition
    assert disposition.endswith(".pdf")
    assert response.headers["Cache-Control"] == "private, no-store"
    inline = pdf.pdf_response("pdf_samples/table.html", 'report\r\n"x".pdf', rows=rows)
    assert inline.headers["Content-Disposition"].startswith('inline; filename="report-x.pdf"')
    assert "\r" not in inline.headers["Content-Disposition"]
