"""Monthly trend charts: the data a plugin gives, and their layout as column charts.

One layout (in SVG user units) is drawn twice: as inline SVG on the page (templates/dashboard/
_chart.html, with Persian labels as SVG text, which the browser shapes) and as a PNG for the PDF
(``chart_png``: bars and grid only; xhtml2pdf cannot shape Persian in images, so the PDF puts the
month names and figures in a table aligned under the bars). Months run right to left, as the page.
"""
import io
import math
from dataclasses import dataclass, field

from core.jalali import MONTH_NAMES
from core.text import fa_number, to_fa_digits

PALETTE = ("#0f5c73", "#c98a12", "#5b8c5a", "#8e4b6d")
GRID = "#d9dee4"
AXIS = "#5b6875"

SLOT = 30          # width of one month
AXIS_WIDTH = 40    # the figures of the grid lines, right of the bars
LEFT = 8
TOP = 18
PLOT_HEIGHT = 130
LABELS = 62        # month names under the bars, tilted


class ChartError(ValueError):
    """A chart from a hook is malformed (the module's section shows an error instead)."""


@dataclass
class Series:
    title: str
    values: list[int]
    color: str = PALETTE[0]


@dataclass
class Chart:
    key: str
    title: str
    months: list[tuple[int, int]]
    series: list[Series]
    unit: str = ""

    @classmethod
    def from_hook(cls, item):
        """Build from a ``ravabet_dashboard_charts`` dict: ``counts`` (one series named after the
        chart) or ``series`` (a list of ``{"title", "counts"}``), counts as ``monthly_counts`` gives."""
        try:
            parts = item["series"] if "series" in item else [{"title": item["title"], "counts": item["counts"]}]
            months = [(int(jy), int(jm)) for jy, jm, _n in parts[0]["counts"]]
            series = []
            for part in parts:
                if [(int(jy), int(jm)) for jy, jm, _n in part["counts"]] != months:
                    raise ChartError(f"chart {item.get('key')!r}: every series must cover the same months")
                values = [n or 0 for _jy, _jm, n in part["counts"]]
                series.append(Series(str(part["title"]), values, PALETTE[len(series) % len(PALETTE)]))
            chart = cls(str(item["key"]), str(item["title"]), months, series, str(item.get("unit") or ""))
        except (KeyError, TypeError, ValueError, IndexError) as error:
            raise ChartError(f"malformed chart {item!r}: {error}") from error
        if not months or not 1 <= len(series) <= len(PALETTE):
            raise ChartError(f"chart {chart.key!r} needs months and 1 to {len(PALETTE)} series")
        return chart

    @property
    def month_labels(self):
        """Persian month names, with the year on the first month and on each Farvardin."""
        return [month_label(jy, jm, with_year=(i == 0 or jm == 1)) for i, (jy, jm) in enumerate(self.months)]

    @property
    def total(self):
        return sum(sum(s.values) for s in self.series)

    @property
    def range_label(self):
        first, last = self.months[0], self.months[-1]
        if first == last:
            return month_label(*first)
        return f"{month_label(*first)} تا {month_label(*last)}"

    def rows(self):
        """The table alternative: (month label, [value per series]) per month."""
        return [(month_label(jy, jm), [s.values[i] for s in self.series]) for i, (jy, jm) in enumerate(self.months)]

    def layout(self):
        return Layout(self)


def month_label(jy, jm, with_year=True):
    return f"{MONTH_NAMES[jm - 1]} {to_fa_digits(jy)}" if with_year else MONTH_NAMES[jm - 1]


def nice_ticks(top_value, count=4):
    """Round grid values from 0 covering ``top_value``: 0, 5, 10, 15, 20 for 17."""
    if top_value <= 0:
        return [0, 1]
    raw = top_value / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step)) if step >= 1 else 1
    return [step * i for i in range(math.ceil(top_value / step) + 1)]


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    color: str
    value: int
    title: str


@dataclass
class Label:
    x: float
    y: float
    text: str


@dataclass
class Layout:
    """Positions of everything in the chart, in SVG user units (origin top left)."""

    chart: Chart
    bars: list[Bar] = field(default_factory=list)
    grid: list[tuple[float, str]] = field(default_factory=list)  # (y, Persian figure)
    values: list[Label] = field(default_factory=list)  # figures above single-series bars
    labels: list[Label] = field(default_factory=list)  # month names under the bars, tilted

    def __post_init__(self):
        chart = self.chart
        n, k = len(chart.months), len(chart.series)
        self.slot = SLOT if n <= 24 else max(12, 720 / n)
        self.plot_left, self.plot_right = LEFT, LEFT + n * self.slot
        self.plot_top, self.plot_bottom = TOP, TOP + PLOT_HEIGHT
        self.width = self.plot_right + AXIS_WIDTH
        self.height = self.plot_bottom + LABELS
        ticks = nice_ticks(max((max(s.values) for s in chart.series), default=0))
        top = ticks[-1]
        for tick in ticks:
            self.grid.append((self.y_of(tick, top), fa_number(tick)))
        group = self.slot * (0.6 if k == 1 else 0.8)
        bar_width = group / k
        every = math.ceil(n / 24)  # with many months, name only some of them
        month_labels = chart.month_labels
        for i, (jy, jm) in enumerate(chart.months):
            slot_right = self.plot_right - i * self.slot
            center = slot_right - self.slot / 2
            month = month_label(jy, jm)
            for j, series in enumerate(chart.series):
                value = series.values[i]
                x = center + group / 2 - (j + 1) * bar_width
                y = self.y_of(value, top)
                title = f"{month}: {fa_number(value)}" + (f" ({series.title})" if k > 1 else "")
                self.bars.append(Bar(x, y, bar_width, self.plot_bottom - y, series.color, value, title))
                if k == 1 and n <= 24 and value:
                    self.values.append(Label(center, y - 4, fa_number(value)))
            if i % every == 0:
                self.labels.append(Label(center + 4, self.plot_bottom + 12, month_labels[i]))

    def y_of(self, value, top):
        return self.plot_bottom - (value / top) * PLOT_HEIGHT if top else self.plot_bottom


def chart_png(chart, width_px=1500, height_px=360):
    """The bars and grid lines of ``chart`` as PNG bytes, without any text, filling the image
    from edge to edge so that month i sits under the i-th column (from the right) of a table."""
    from PIL import Image, ImageDraw

    layout = chart.layout()
    plot_width = layout.plot_right - layout.plot_left
    sx, sy = width_px / plot_width, height_px / (layout.plot_bottom - layout.plot_top + 6)
    image = Image.new("RGB", (width_px, height_px), "white")
    draw = ImageDraw.Draw(image)

    def y(value):
        return (value - layout.plot_top + 6) * sy

    for grid_y, _text in layout.grid:
        draw.line([(0, y(grid_y)), (width_px, y(grid_y))], fill=GRID, width=2)
    for bar in layout.bars:
        if bar.height > 0:
            left = (bar.x - layout.plot_left) * sx
            draw.rectangle([left, y(bar.y), left + bar.width * sx, y(layout.plot_bottom)], fill=bar.color)
    draw.line([(0, y(layout.plot_bottom)), (width_px, y(layout.plot_bottom))], fill=AXIS, width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
