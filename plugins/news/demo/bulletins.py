"""A year of monthly bulletins for the governor: one final bulletin per past month, each with the
month's news chosen as «انتخاب خودکار» chooses it and two or three reports of the outlets, and
two confidential bulletins on the province's sensitive matters."""
from datetime import timedelta

from core.jalali import MONTH_NAMES, Period, today
from core.text import to_fa_digits

from ..models import Bulletin, BulletinEntry
from ..views.bulletins import auto_fill, default_title, next_position

NEWS_PER_BULLETIN = (16, 17, 18)
INTRODUCTION = ("گزیده مهم‌ترین اخبار استانداری یزد و بازتاب آن در رسانه‌ها در {month}، "
                "برای استحضار استاندار محترم.")
# (title, summary): reports of the outlets on the governorate, written in by hand.
COVERAGE = [
    ("گزارش {outlet} از پیشرفت طرح‌های عمرانی استان",
     "{outlet} در گزارشی میدانی روند اجرای طرح‌های نیمه‌تمام استان را بررسی و از سرعت کار تقدیر کرد."),
    ("مصاحبه {outlet} با استاندار درباره تأمین آب پایدار",
     "استاندار در این گفت‌وگو انتقال آب و مدیریت مصرف را اولویت نخست استان دانست."),
    ("بازتاب سفر استاندار به شهرستان‌ها در {outlet}",
     "{outlet} با انتشار گزارش تصویری، دیدارهای مردمی استاندار را پوشش داد."),
    ("تحلیل {outlet} از وضعیت اشتغال جوانان استان",
     "{outlet} با اشاره به آمار رسمی، طرح‌های اشتغال‌زایی استان را بررسی کرد."),
    ("انتقاد {outlet} از کندی روند صدور مجوزهای تولید",
     "{outlet} به نقل از فعالان اقتصادی خواستار تسریع در صدور مجوزها شد."),
    ("گزارش {outlet} از آمادگی استان برای مقابله با گردوغبار",
     "{outlet} اقدامات ستاد مدیریت بحران استان را مرور کرد."),
]
CONFIDENTIAL = [
    ("بولتن محرمانه — {month}",
     "گزارش محرمانه وضعیت افکار عمومی و بازتاب رسانه‌ای موضوعات حساس استان در {month}.",
     [("تحلیل فضای مجازی درباره کم‌آبی استان",
       "بررسی بازتاب کم‌آبی در کانال‌های پرمخاطب و پیشنهاد پاسخ‌گویی مسئولان."),
      ("ارزیابی بازتاب تجمع کشاورزان در رسانه‌های خارج از استان",
       "جمع‌بندی روایت رسانه‌ها و پیشنهاد نشست خبری معاون هماهنگی امور اقتصادی.")]),
    ("بولتن ویژه (محرمانه) — {month}",
     "موارد نیازمند توجه ویژه استاندار در بازتاب رسانه‌ای {month}.",
     [("شایعات منتشرشده درباره تغییر مدیران استان",
       "فهرست شایعات، منبع نخستین انتشار و پاسخ‌های پیشنهادی روابط عمومی."),
      ("گزارش رصد رسانه‌ای انتخابات شوراها",
       "روند پوشش خبری و موضوعات مطرح‌شده در رسانه‌های محلی.")]),
]


def _past_months(years):
    """(year, month) of the Jalali months of the last ``years`` years, this month left out."""
    last = today()
    return [(jy, jm) for jy, jm, _start, end in Period.custom(last - timedelta(days=365 * years - 1), last).months()
            if end < last]


def _add_coverage(session, bulletin, rng, outlets, texts):
    period = Period.month(bulletin.year, bulletin.month)
    for title, summary in texts:
        outlet = rng.choice(outlets).name if outlets else "خبرگزاری ایرنا"
        day = period.start + timedelta(days=rng.randrange(period.days))
        session.add(BulletinEntry(bulletin=bulletin, position=next_position(bulletin), kind="coverage",
                                  title=title.format(outlet=outlet), summary=summary.format(outlet=outlet),
                                  source=outlet, date=min(day, today())))
        session.flush()


def seed(session, context, base):
    rng = context.random
    months = _past_months(context.years)
    for year, month in months:
        name = to_fa_digits(f"{MONTH_NAMES[month - 1]} {year}")
        bulletin = Bulletin(year=year, month=month, title=default_title(year, month), status="final",
                            introduction=INTRODUCTION.format(month=name))
        session.add(bulletin)
        session.flush()
        auto_fill(bulletin, rng.choice(NEWS_PER_BULLETIN))
        session.flush()
        _add_coverage(session, bulletin, rng, base.outlets, rng.sample(COVERAGE, rng.choice((2, 3))))
    # The confidential bulletins: last month's still a draft, the other final.
    for (title, introduction, texts), (year, month), status in zip(CONFIDENTIAL, months[-1:-4:-2], ("draft", "final")):
        name = to_fa_digits(f"{MONTH_NAMES[month - 1]} {year}")
        bulletin = Bulletin(year=year, month=month, title=title.format(month=name), confidential=True,
                            status=status, introduction=introduction.format(month=name))
        session.add(bulletin)
        session.flush()
        _add_coverage(session, bulletin, rng, base.outlets, texts)
        auto_fill(bulletin, 5)
