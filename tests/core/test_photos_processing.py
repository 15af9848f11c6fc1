"""core.photos.processing: a photo checked by content, its capture time and camera read from EXIF,
turned upright, rendered once into a thumbnail and a display copy."""
import io
from datetime import UTC, datetime

import pytest
from PIL import Image

from core.files import FileRejected, ImageTooLarge
from core.photos.models import THUMB_BOX, VIEW_BOX
from core.photos.processing import check_photo
from tests.core.test_files import PROGRAMS, image_bytes, photo_bytes, png_bomb


def _open(rendering):
    image = Image.open(io.BytesIO(rendering.data))
    assert image.format == "JPEG" and image.size == (rendering.width, rendering.height)
    return image


@pytest.mark.parametrize("kind, extension, content_type", [
    ("JPEG", "jpg", "image/jpeg"), ("PNG", "png", "image/png"), ("WEBP", "webp", "image/webp")])
def test_photos_are_recognised_by_content_and_rendered(app, kind, extension, content_type):
    checked = check_photo(photo_bytes(kind, size=(3000, 2000)))
    assert (checked.extension, checked.content_type) == (extension, content_type)
    assert (checked.width, checked.height) == (3000, 2000)
    assert (checked.view.width, checked.view.height) == (VIEW_BOX, round(VIEW_BOX * 2 / 3))
    assert (checked.thumb.width, checked.thumb.height) == (THUMB_BOX, round(THUMB_BOX * 2 / 3))
    _open(checked.view), _open(checked.thumb)
    assert len(checked.checksum) == 64


def test_the_capture_time_comes_from_exif_in_tehran_time_or_the_recorded_offset(app):
    assert check_photo(photo_bytes(taken="2024:03:05 14:30:00")).taken_at == datetime(2024, 3, 5, 11, 0, tzinfo=UTC)
    summer = check_photo(photo_bytes(taken="2025:08:01 09:15:20", offset="+02:00"))
    assert summer.taken_at == datetime(2025, 8, 1, 7, 15, 20, tzinfo=UTC)


@pytest.mark.parametrize("taken", [None, "0000:00:00 00:00:00", "2024:13:45 10:00:00", "soon", "2999:01:01 00:00:00"])
def test_without_a_usable_capture_time_there_is_none(app, taken):
    assert check_photo(photo_bytes(taken=taken)).taken_at is None


def test_the_camera_is_named_once(app):
    assert check_photo(photo_bytes(camera=("Canon", "Canon EOS 80D"))).camera == "Canon EOS 80D"
    assert check_photo(photo_bytes(camera=("NIKON CORPORATION", "D750"))).camera == "NIKON CORPORATION D750"
    assert check_photo(photo_bytes()).camera == ""


def test_a_photo_taken_with_the_camera_turned_is_shown_upright(app):
    data = photo_bytes(size=(1200, 800), orientation=6)  # stored lying down, meant standing up
    checked = check_photo(data)
    assert (checked.width, checked.height) == (800, 1200)
    assert _open(checked.thumb).size[1] > _open(checked.thumb).size[0]
    assert _open(checked.view).size == (800, 1200)


def test_transparency_is_laid_on_white(app):
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(buffer, format="PNG")
    view = _open(check_photo(buffer.getvalue()).view)
    assert view.getpixel((10, 10)) >= (250, 250, 250)


def test_small_photos_are_not_enlarged(app):
    checked = check_photo(photo_bytes(size=(320, 240)))
    assert (checked.view.width, checked.thumb.width) == (320, 320)


@pytest.mark.parametrize("data, message", [
    (b"", "خالی"),
    (PROGRAMS["windows"], "برنامه اجرایی است، نه عکس"),
    (PROGRAMS["linux"], "برنامه اجرایی است، نه عکس"),
    (image_bytes("GIF"), "عکسی با قالب JPEG یا PNG یا WebP نیست"),
    (b"%PDF-1.7\n", "عکسی با قالب JPEG یا PNG یا WebP نیست"),
    (photo_bytes()[:2000], "خراب یا ناقص"),  # cut short in the middle
    (photo_bytes()[:20] + b"\x00" * 3000, "خراب یا ناقص"),  # the header of a JPEG, then nothing
])
def test_what_is_not_a_usable_photo_gets_a_persian_reason(app, data, message):
    with pytest.raises(FileRejected, match=message):
        check_photo(data)


def test_a_decompression_bomb_is_not_decoded(app):
    with pytest.raises(ImageTooLarge, match="بیش از ۸۹ میلیون پیکسل"):
        check_photo(png_bomb())


def test_a_jpeg_with_extra_frames_is_a_jpeg(app):
    """Phones and some cameras add frames (depth maps, previews): Pillow calls that MPO."""
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 10, 10)).save(buffer, "MPO", save_all=True,
                                                     append_images=[Image.new("RGB", (400, 300))])
    checked = check_photo(buffer.getvalue())
    assert (checked.extension, checked.content_type, checked.width) == ("jpg", "image/jpeg", 800)
