"""core.files: images checked by content, stored under random names with a thumbnail."""
import io
from pathlib import Path

import pytest
from PIL import Image
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
