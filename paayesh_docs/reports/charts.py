"""The report's charts: SVG bars with HTML labels, drawn right to left, for WeasyPrint.

Persian labels need shaping (joined letter forms) and right-to-left order, which chart
libraries such as matplotlib do not do. WeasyPrint shapes the page's text with Pango and
HarfBuzz, but SVG `<text>` it draws letter by letter (seen: «مهر» came out «ر ه م», each
letter alone). So the bars, grid and axis are SVG, the numbers too (digits need no
joining), and every label with words is an HTML box laid over the picture at its place
(`position: absolute` in the chart's box), laid out like the rest of the page. The DOCX
gets a picture of the same box as the PDF draws it (`document.chart_png`). Categories run
from the right, as a Persian reader reads; the value axis stands on the right.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.reports.labels import BIN_NAMES, month_name

COLOURS = {"incoming": "#1f4e79", "outgoing": "#c55a11", "internal": "#7f7f7f",
           "on_time": "#548235", "late": "#bf9000", "open": "#2e75b6", "overdue": "#c00000",
           "bar": "#1f4e79", "required": "#a5a5a5", "regular": "#1f4e79",
           "extraordinary": "#c55a11"}
FONT = "Vazirmatn, sans-serif"


@dataclass
class Series:
    name: str
    colour: str
    values: list[float]


@dataclass
class Chart:
    key: str
    title: str
    html: str  # a box of the chart's size: the SVG and its word labels over it


def _words(labels: list[tuple[float, float, str, str, int]], width: int, height: int,
           svg: str) -> str:
    """The SVG with its labels as HTML boxes over it: (x, baseline y, text, anchor, size)."""
    boxes = []
    for x, y, text, anchor, size in labels:
        span = 160
        left = {"middle": x - span / 2, "end": x - span, "start": x}[anchor]
        align = {"middle": "center", "end": "right", "start": "left"}[anchor]
        boxes.append(f'<span style="position: absolute; left: {left:.1f}px; '
                     f'top: {y - size * 1.05:.1f}px; width: {span}px; text-align: {align}; '
                     f'font-size: {size}px; line-height: {size * 1.3:.1f}px; '
                     f'white-space: nowrap; color: #262626">{escape(text)}</span>')
    return (f'<div class="chart-box" style="position: relative; width: {width}px; '
            f'height: {height}px; margin: 0 auto">{svg}{"".join(boxes)}</div>')


def _fa(value: float) -> str:
    return to_persian_digits(str(int(value)) if float(value).is_integer()
                             else f"{value:.1f}".replace(".", "٫"))


def _step(top: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000,
                 20_000, 50_000):
        if top / step <= 6:
            return step
    return 100_000


def bars(categories: list[str], series: list[Series], *, stacked: bool = False,
         width: int = 640, height: int = 260) -> str:
    """Vertical bars, one group (or stack) per category, the first category on the right."""
    left, right, top, bottom = 20, 46, 34, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = ([sum(s.values[i] for s in series) for i in range(len(categories))] if stacked
              else [max((s.values[i] for s in series), default=0)
                    for i in range(len(categories))])
    highest = max(totals, default=0) or 1
    step = _step(highest)
    ceiling = step * (int(highest // step) + (0 if highest % step == 0 else 1)) or step
    words: list[tuple[float, float, str, str, int]] = []
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="10">']
    axis_x = left + plot_w
    for tick in range(0, int(ceiling) + 1, step):
        y = top + plot_h - plot_h * tick / ceiling
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{axis_x}" y2="{y:.1f}" '
                     f'stroke="#d9d9d9" stroke-width="0.6"/>')
        parts.append(f'<text x="{axis_x + 6}" y="{y + 3.5:.1f}" text-anchor="start" '
                     f'fill="#404040">{_fa(tick)}</text>')
    count = max(1, len(categories))
    slot = plot_w / count
    group = slot * 0.7
    each = group if stacked else group / max(1, len(series))
    for index, category in enumerate(categories):
        # the first category at the right
        slot_right = axis_x - index * slot
        start = slot_right - (slot - group) / 2
        base = top + plot_h
        for number, one in enumerate(series):
            value = one.values[index]
            bar_h = plot_h * value / ceiling
            x = start - each if stacked else start - (number + 1) * each
            y = base - bar_h
            if value:
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{each - 1:.1f}" '
                             f'height="{bar_h:.1f}" fill="{one.colour}"/>')
                if not stacked or bar_h > 12:
                    label_y = y - 3 if not stacked else y + 11
                    colour = "#262626" if not stacked else "#ffffff"
                    parts.append(f'<text x="{x + each / 2:.1f}" y="{label_y:.1f}" '
                                 f'text-anchor="middle" font-size="9" fill="{colour}">'
                                 f"{_fa(value)}</text>")
            if stacked:
                base = y
        words.append((slot_right - slot / 2, top + plot_h + 16, category, "middle", 10))
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{axis_x}" y2="{top + plot_h}" '
                 'stroke="#595959" stroke-width="0.8"/>')
    parts += _legend(series, width, height - 12, words)
    parts.append("</svg>")
    return _words(words, width, height, "".join(parts))


def _legend(series: list[Series], width: int, y: float,
            words: list[tuple[float, float, str, str, int]]) -> list[str]:
    """Swatches and names from the right, each name to the left of its swatch."""
    parts, x = [], width - 20
    for one in series:
        parts.append(f'<rect x="{x - 10}" y="{y - 8}" width="10" height="10" '
                     f'fill="{one.colour}"/>')
        words.append((x - 14, y + 1, one.name, "end", 10))
        x -= 24 + 6.5 * len(one.name)
    return parts


def charts(figures: dict[str, Any]) -> list[Chart]:
    """Letters per month, escalations by level and status, days to reply, meetings."""
    letters, escalations = figures["letters"], figures["escalations"]
    months = list(letters["by_month"])
    by_level = escalations["by_level"]
    levels = list(by_level)
    meetings = figures["meetings"]
    histogram = escalations["reply_days"]["histogram"]
    return [
        Chart("letters", "نامه‌ها در هر ماه", bars(
            [month_name(m) for m in months],
            [Series(name, COLOURS[key], [letters["by_month"][m][key] for m in months])
             for key, name in (("incoming", "وارده"), ("outgoing", "صادره"),
                               ("internal", "داخلی"))])),
        Chart("escalations", "پیگیری‌ها به تفکیک سطح و وضعیت", bars(
            [f"سطح {to_persian_digits(level)}" for level in levels],
            [Series(name, COLOURS[key], [by_level[level][field] for level in levels])
             for key, field, name in (("on_time", "answered_on_time", "پاسخ به‌موقع"),
                                      ("late", "answered_late", "پاسخ با تأخیر"),
                                      ("open", "open", "باز"),
                                      ("overdue", "overdue", "معوق"))], stacked=True)),
        Chart("reply_days", "توزیع روزهای پاسخ به پیگیری‌ها", bars(
            [BIN_NAMES.get(name, name) for name in histogram],
            [Series("تعداد پیگیری", COLOURS["bar"], list(histogram.values()))])),
        Chart("meetings", "جلسات برگزارشده در برابر دوره ۱۴ روزه", bars(
            ["جلسات لازم", "جلسات عادی", "جلسات فوق‌العاده"],
            [Series("تعداد جلسه", COLOURS["regular"],
                    [meetings["required"], meetings["regular"], meetings["extraordinary"]])],
            )),
    ]
