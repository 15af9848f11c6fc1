"""A year of the photo archive: about 100 events a month on the working days (mostly meetings and
visits, some ceremonies and press conferences) in Yazd province with one to three officials, real
photos on the latest ones, and about 150 photo captions and clips of the officials' words."""
import io
from datetime import datetime, timedelta

from PIL import Image, ImageDraw

from core.jalali import today
from core.photos.service import Source, import_photos
from core.workdays import is_working_day

from ..models import Caption, Event
from ..views.archive import ENTITY
from .items import COUNTIES

# (kind, title, place): {official} is an official's position, {county} a county of the province.
EVENTS = [
    ("meeting", "جلسه شورای اداری استان به ریاست {official}", "سالن جلسات استانداری"),
    ("meeting", "جلسه ستاد تنظیم بازار استان", "سالن شهید رجایی استانداری"),
    ("meeting", "جلسه شورای برنامه‌ریزی و توسعه استان", "سالن جلسات استانداری"),
    ("meeting", "جلسه کارگروه آب و محیط زیست استان با حضور {official}", "سالن جلسات استانداری"),
    ("meeting", "جلسه ستاد مدیریت بحران استان", "سالن ستاد مدیریت بحران استانداری"),
    ("meeting", "جلسه شورای ترافیک استان", "سالن شهید رجایی استانداری"),
    ("meeting", "جلسه کارگروه اشتغال و سرمایه‌گذاری استان", "سالن جلسات استانداری"),
    ("meeting", "جلسه شورای اداری شهرستان {county} با حضور {official}", "فرمانداری {county}"),
    ("meeting", "جلسه شورای تأمین شهرستان {county}", "سالن جلسات فرمانداری {county}"),
    ("meeting", "نشست {official} با مدیران دستگاه‌های اجرایی شهرستان {county}", "فرمانداری {county}"),
    ("meeting", "دیدار مردمی {official} در شهرستان {county}", "مصلای شهرستان {county}"),
    ("meeting", "دیدار {official} با نمایندگان مردم استان در مجلس", "دفتر استاندار"),
    ("meeting", "نشست {official} با فعالان اقتصادی و صنعتگران", "اتاق بازرگانی یزد"),
    ("meeting", "جلسه ستاد اربعین استان", "سالن همایش‌های استانداری"),
    ("visit", "بازدید {official} از طرح‌های عمرانی شهرستان {county}", "شهرستان {county}"),
    ("visit", "سفر {official} به شهرستان {county}", "شهرستان {county}"),
    ("visit", "بازدید {official} از بیمارستان در حال ساخت {county}", "بیمارستان {county}"),
    ("visit", "بازدید از واحدهای تولیدی شهرک صنعتی {county}", "شهرک صنعتی {county}"),
    ("visit", "بازدید {official} از تصفیه‌خانه آب {county}", "تصفیه‌خانه آب {county}"),
    ("visit", "بازدید از مدارس در حال ساخت شهرستان {county}", "شهرستان {county}"),
    ("ceremony", "آیین تکریم و معارفه فرماندار {county}", "سالن اجتماعات فرمانداری {county}"),
    ("ceremony", "آیین افتتاح طرح‌های هفته دولت در شهرستان {county}", "شهرستان {county}"),
    ("ceremony", "آیین گرامیداشت روز خبرنگار با حضور {official}", "تالار وحدت یزد"),
    ("ceremony", "آیین تجلیل از خیرین مدرسه‌ساز استان", "سالن همایش‌های استانداری"),
    ("ceremony", "آیین کلنگ‌زنی ۵۰۰ واحد مسکونی در {county}", "شهرستان {county}"),
    ("press_conference", "نشست خبری {official}", "سالن همایش‌های استانداری"),
    ("press_conference", "نشست خبری {official} به مناسبت هفته دولت", "خانه مطبوعات استان یزد"),
]
# How often each kind comes up: mostly meetings and visits.
KIND_WEIGHTS = {"meeting": 60, "visit": 25, "ceremony": 11, "press_conference": 4}
DESCRIPTIONS = ["گزارش تصویری از {title}.", "{title} با حضور مدیران دستگاه‌های اجرایی برگزار شد.", ""]
PHOTOGRAPHERS = ["حمید رستمی", "مریم دهقان", "سجاد فلاحی"]
PHOTO_EVENTS, PHOTOS_PER_EVENT = 25, (3, 6)
PHOTO_SIZE = (640, 427)

QUOTES = [
    "یزد شهر امنیت، آرامش و مهربانی است و این سرمایه را باید پاس داشت.",
    "تأمین آب پایدار، مهم‌ترین اولویت استان در سال جاری است.",
    "هیچ طرح نیمه‌تمامی در استان رها نخواهد شد.",
    "رسانه‌ها چشم بیدار جامعه و یاور دولت در خدمت به مردم‌اند.",
    "گردشگری، موتور توسعه اقتصادی یزد است.",
    "پاسخگویی به مردم وظیفه همه مدیران است، نه یک انتخاب.",
    "مشارکت مردم رمز موفقیت طرح‌های عمرانی است.",
    "حمایت از تولید و اشتغال جوانان در صدر برنامه‌های دولت است.",
    "مدیریت مصرف آب و برق، مسئولیت همگانی است.",
    "خیرین مدرسه‌ساز سفیران امید در استان‌اند.",
    "بهره‌وری انرژی، آینده صنعت استان را تضمین می‌کند.",
    "خدمت بی‌منت به مردم، افتخار نظام اداری است.",
]
CAPTION_LINKS = {"ایتا": "https://eitaa.com/ostandari_yazd/{n}", "بله": "https://ble.ir/ostandari_yazd/{n}",
                 "اینستاگرام": "https://www.instagram.com/p/yazdcap{n}/"}
CAPTIONS_PER_YEAR = 150


def _events_of_day(rng):
    return rng.choice((3, 4, 5, 5, 5, 6, 6, 7))


def _event(rng, base, day):
    kinds, weights = zip(*KIND_WEIGHTS.items())
    kind = rng.choices(kinds, weights)[0]
    _kind, title, place = rng.choice([row for row in EVENTS if row[0] == kind])
    lead = base.officials[0] if rng.random() < 0.4 else rng.choice(base.officials)
    others = [person for person in base.officials if person is not lead]
    officials = [lead] + rng.sample(others, rng.choice((0, 0, 1, 2)))
    values = {"official": lead.position, "county": rng.choice(COUNTIES)}
    title = title.format(**values)
    return Event(kind=kind, title=title, date=day, place=place.format(**values), officials=officials,
                 description=rng.choice(DESCRIPTIONS).format(title=title),
                 photographer=rng.choice(PHOTOGRAPHERS) if rng.random() < 0.7 else "")


def _photo(rng, taken):
    """A real JPEG: a coloured gradient with a few shapes, dated ``taken`` by its EXIF."""
    width, height = PHOTO_SIZE
    start, end = (tuple(rng.randrange(30, 226) for _ in range(3)) for _twice in range(2))
    image = Image.composite(Image.new("RGB", PHOTO_SIZE, start), Image.new("RGB", PHOTO_SIZE, end),
                            Image.linear_gradient("L").resize(PHOTO_SIZE))
    draw = ImageDraw.Draw(image)
    for _shape in range(rng.randint(3, 7)):
        x, y = rng.randrange(width), rng.randrange(height)
        size = rng.randint(30, 160)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x, y, x + size, y + size * 2 // 3), fill=colour)
    exif = Image.Exif()
    exif[0x0110] = "EOS 5D Mark IV"  # Model
    exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal, Tehran time
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, exif=exif)
    return buffer.getvalue()


def _add_photos(session, rng, events):
    session.flush()  # the events' ids
    for event in events:
        start = datetime.combine(event.date, datetime.min.time()).replace(hour=rng.randint(8, 17))
        sources = [Source(f"IMG_{event.id:04d}_{number}.jpg",
                          lambda taken=start + timedelta(minutes=7 * number): _photo(rng, taken))
                   for number in range(1, rng.randint(*PHOTOS_PER_EVENT) + 1)]
        import_photos(ENTITY, event.id, sources)


def _captions(rng, base, events, days):
    channels = [channel for channel in base.channels if channel.name in CAPTION_LINKS]
    captions = []
    for number in range(CAPTIONS_PER_YEAR * days // 365):
        event = rng.choice(events) if events and rng.random() < 0.5 else None
        official = event.officials[0] if event is not None else rng.choice(base.officials)
        kind = "clip" if rng.random() < 0.3 else "caption"
        channel = rng.choice(channels) if channels else None
        captions.append(Caption(
            kind=kind, quote=rng.choice(QUOTES), official=official, event=event, channel=channel,
            title=f"{'کلیپ' if kind == 'clip' else 'عکس‌نوشته'} | {official.position}",
            date=event.date if event is not None else today() - timedelta(days=rng.randrange(days)),
            link=CAPTION_LINKS[channel.name].format(n=5200 + number) if channel else ""))
    return captions


def seed(session, context, base):
    rng = context.random
    days = 365 * context.years
    last = today()
    events = []
    for offset in range(days - 1, -1, -1):
        day = last - timedelta(days=offset)
        if is_working_day(day):
            events += [_event(rng, base, day) for _index in range(_events_of_day(rng))]
    session.add_all(events)
    _add_photos(session, rng, events[-PHOTO_EVENTS:])
    session.add_all(_captions(rng, base, events, days))
    base.events.extend(events)
