"""core.files: images checked by content, stored under random names with a thumbnail."""
import io
import struct
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import ExifTags, Image
from werkzeug.datastructures import FileStorage

from core import files


def image_bytes(kind="PNG", size=(640, 480), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, (20, 120, 160) if mode == "RGB" else (20, 120, 160, 128)).save(buffer, format=kind)
    return buffer.getvalue()


def upload(data, filename):
    return FileStorage(stream=io.BytesIO(data), filename=filename)


@pytest.mark.parametrize("kind, ext", [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_images_are_stored_with_a_thumbnail(app, kind, ext):
    data = image_bytes(kind)
    name = files.save_image(upload(data, "عکس پرسنلی.bin"))
    assert name.endswith("." + ext) and "عکس" not in name
    with files.open_image(name) as stored:
        assert stored.read() == data
    with files.open_image(name, thumbnail=True) as stored, Image.open(stored) as thumbnail:
        assert max(thumbnail.size) == 256 and thumbnail.format == kind
    assert Path(app.static_folder).resolve() not in files.files_dir().resolve().parents


def test_names_are_random(app):
    data = image_bytes()
    assert files.save_image(upload(data, "a.png")) != files.save_image(upload(data, "a.png"))


@pytest.mark.parametrize("data", [
    b"MZ\x90\x00 this is a renamed program",
    b"GIF89a" + b"\x00" * 40,
    image_bytes("GIF"),
    image_bytes("PNG")[:60],  # truncated
])
def test_anything_but_a_jpeg_png_or_webp_is_rejected(app, data):
    with pytest.raises(files.FileRejected) as error:
        files.save_image(upload(data, "photo.jpg"))
    assert "JPEG" in str(error.value) and "تصویر" in str(error.value)
    assert not list((files.files_dir() / "images").glob("*.gif"))


def test_too_large_and_empty_files_are_rejected(app):
    with pytest.raises(files.FileRejected, match="مگابایت"):
        files.save_image(upload(image_bytes(), "a.png"), max_bytes=100)
    with pytest.raises(files.FileRejected, match="خالی"):
        files.save_image(upload(b"", "a.png"))


def test_a_transparent_png_gets_a_png_thumbnail(app):
    name = files.save_image(upload(image_bytes("PNG", mode="RGBA"), "a.png"))
    with files.open_image(name, thumbnail=True) as stored, Image.open(stored) as thumbnail:
        assert thumbnail.mode == "RGBA"


@pytest.mark.parametrize("name", ["../../config.py", "abc.png", "0" * 32 + ".exe", ""])
def test_only_stored_names_are_opened(app, name):
    with pytest.raises(FileNotFoundError):
        files.open_image(name)


# --- samples shared by the attachment and photo tests -------------------------------------------

PROGRAMS = {
    "windows": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200,
    "linux": b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200,
    "macos": b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 200,
    "script": b"#!/bin/sh\nrm -rf ~\n",
}


def photo_bytes(kind="JPEG", size=(1200, 800), taken=None, offset=None, orientation=None, camera=None, mark=0):
    """A real photo made here, with the EXIF fields asked for; each ``mark`` gives other bytes."""
    image = Image.new("RGB", size, (30, 110, 150))
    for bit in range(12):
        if mark >> bit & 1:
            image.paste((250, 250, 250), (16 * bit, 0, 16 * bit + 16, 16))
    exif = Image.Exif()
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if camera:
        exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = camera
    if taken:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    if offset:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.OffsetTimeOriginal] = offset
    buffer = io.BytesIO()
    image.save(buffer, format=kind, exif=exif)
    return buffer.getvalue()


def png_bomb(width=60_000, height=60_000):
    """A PNG that claims 3.6 billion pixels in a few bytes: decoding it would take gigabytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
            + chunk(b"IEND", b""))


# --- content-disposition, programs, bombs -------------------------------------------------------

def test_content_disposition_keeps_the_persian_name_and_an_ascii_fallback():
    header = files.content_disposition("عکس‌های جلسه ۱۴۰۳.zip")
    assert header.startswith('attachment; filename="file.zip"; ')
    assert header.endswith("filename*=UTF-8''" + quote("عکس‌های جلسه ۱۴۰۳.zip", safe=""))
    header.encode("latin-1")
    assert files.content_disposition("report 2024.pdf", as_attachment=False) == (
        "inline; filename=\"report-2024.pdf\"; filename*=UTF-8''report%202024.pdf")


@pytest.mark.parametrize("name", ['a"b\r\nSet-Cookie: x.pdf', "نامه\u202egpj.exe", "../../etc/passwd", "\x00"])
def test_content_disposition_drops_what_could_break_the_header_or_mislead(name):
    header = files.content_disposition(name, default="document")
    for bad in ("\r", "\n", "\x00", "/", "\u202e", "\\"):
        assert bad not in header and quote(bad, safe="") not in header.split("filename*=", 1)[1]
    assert header.count('"') == 2


@pytest.mark.parametrize("kind", sorted(PROGRAMS))
def test_programs_are_recognised(kind):
    assert files.is_program(PROGRAMS[kind])
    assert not files.is_program(photo_bytes())


def test_a_decompression_bomb_is_refused_before_it_is_decoded(app):
    with pytest.raises(files.ImageTooLarge, match="پیکسل"):
        files.open_upload_image(png_bomb())
    with pytest.raises(files.FileRejected):
        files.save_image(upload(png_bomb(), "a.png"))


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_for_renderings(app):
    image, kind, size = files.open_upload_image(photo_bytes(size=(4000, 3000)), draft_box=(1000, 1000))
    assert kind == "JPEG" and size == (4000, 3000) and image.size == (1000, 750)  # decoded at 1/4
