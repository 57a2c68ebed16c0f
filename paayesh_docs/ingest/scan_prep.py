"""Cleaning a scanned page before Tesseract reads it.

What a secretariat's scanner, fax or phone makes differs from a clean render in a few
known ways, each handled here only where it changes what Tesseract reads:

- **resolution**: Tesseract's Persian model reads best at about 300 dpi; a 150-dpi
  scan is scaled up, a fax's 200×100 dpi is made square first (its rows are twice
  as tall as its columns are wide);
- **colour**: a blue stamp or signature over the text is turned white by its hue,
  so it does not cover the words under it; red marks («فوری», «محرمانه») are kept
  as black text, since they are the letter's priority and classification;
- **skew**: a page fed a little crooked (±3°) is turned straight by the angle whose
  row profile is sharpest (text lines are dark rows with white rows between);
- **noise**: salt-and-pepper specks (fax line noise, dust) are removed by a 3×3
  median filter when the page has many isolated specks.

Pillow and numpy only; every step works on a greyscale copy and returns a new image.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

TARGET_DPI = 300
_MIN_DPI_KNOWN = 50  # a dpi below this in a file's header is a placeholder, not a fact
_SKEW_STEP = 0.25
_SKEW_RANGE = 3.0
_PROFILE_WIDTH = 800  # pixels: skew is measured on a copy this wide
_SPECKS_FOR_MEDIAN = 0.0015  # isolated dark pixels per pixel above which the page is noisy


@dataclass
class Prepared:
    """A page ready for Tesseract, and what was done to it (for the record's warnings)."""

    image: Image.Image
    dpi: int
    angle: float = 0.0
    stamp_removed: bool = False
    denoised: bool = False
    ruled: bool = False  # a table's rules were taken away
    # a 1-bit page's fax line at the target dpi (pixels tall, after smoothing): a streak
    # of line noise is no thicker; 0 for a page that was not 1-bit
    streak_height: int = 0
    # a 1-bit page enlarged without smoothing, turned like `image`: the smoothing that
    # helps the model read joins glyphs that stood apart (a number's slash and letter)
    sharp: Image.Image | None = None


def prepare(image: Image.Image, dpi: tuple[float, float] | None,
            target_dpi: int = TARGET_DPI) -> Prepared:
    """Grey, square, about `target_dpi`, straight and without specks."""
    stamp_removed = False
    if image.mode in ("RGB", "RGBA", "P", "CMYK", "LAB", "HSV", "YCbCr"):
        grey, stamp_removed = colour_to_grey(image.convert("RGB"))
    else:
        grey = image.convert("L")
    unscaled = grey
    grey, dpi_now = to_resolution(grey, dpi, target_dpi)
    streak_height = 0
    sharp = None
    if image.mode == "1":
        sharp = unscaled.resize(grey.size, Image.Resampling.NEAREST)
        grey = smoothed_bilevel(grey, dpi, target_dpi)
        streak_height = bilevel_streak_height(dpi, target_dpi)
    denoised = False
    if speck_share(grey) > _SPECKS_FOR_MEDIAN:
        grey = grey.filter(ImageFilter.MedianFilter(3))
        denoised = True
    angle = skew_angle(grey)
    if angle:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False,
                           fillcolor=255)
        if sharp is not None:
            sharp = sharp.rotate(angle, resample=Image.Resampling.NEAREST, expand=False,
                                 fillcolor=255)
    grey, ruled = without_rules(grey)
    return Prepared(grey, dpi_now, angle, stamp_removed, denoised, ruled, streak_height, sharp)


_BILEVEL_BLUR = 2 / 3  # Gaussian radius (pixels at the target dpi) per step of enlargement


def smoothed_bilevel(grey: Image.Image, dpi: tuple[float, float] | None,
                     target_dpi: int) -> Image.Image:
    """A 1-bit page (a fax) smoothed after scaling: its strokes are staircases of
    enlarged pixels, 3× taller than wide for a fax's 100-dpi rows, that the model reads
    as broken letters; a Gaussian blur in proportion to the enlargement gives them back
    their edges. Measured on the fax scans of the corpus (radius at 300 dpi from 100):
    none 21/36 fields, 1 px 26, 1.5 px 28, 2 px 28 (fewest wrong and unflagged), 2.5 px
    26, 3 px 19; a 3×3 close 23, a 5×5 median 18."""
    low = min(dpi) if dpi and min(dpi) >= _MIN_DPI_KNOWN else target_dpi
    radius = _BILEVEL_BLUR * max(1.0, target_dpi / low)
    return grey.filter(ImageFilter.GaussianBlur(radius))


def bilevel_streak_height(dpi: tuple[float, float] | None, target_dpi: int) -> int:
    """How tall one row of a 1-bit page stands once scaled and smoothed (`smoothed_bilevel`):
    the row enlarged, and the blur's reach of two radii above and below. Line noise on a
    fax is such a row of ink; no stroke of a letter is that thin over 0.2 inch."""
    low = min(dpi) if dpi and min(dpi) >= _MIN_DPI_KNOWN else target_dpi
    step = max(1.0, target_dpi / low)
    return round(step + 4 * _BILEVEL_BLUR * step)


_STREAK_INCHES = 0.2  # a run of ink level for longer than this, and thin, is line noise
_STREAK_INK = 230  # grey below this is ink: a smoothed streak's blurred edge included


def without_streaks(image: Image.Image, height: int, dpi: int = TARGET_DPI) -> Image.Image:
    """A fax's streaks of line noise taken out of `image` (a crop of a smoothed 1-bit
    page): ink on a level run longer than 0.2 inch that stands on no upright run taller
    than `height` (a streak is one fax row; the strokes of the letters it crosses are
    taller, and kept)."""
    grey = np.asarray(image.convert("L"))
    ink = grey < _STREAK_INK
    level = _runs(ink, max(2, round(_STREAK_INCHES * dpi)), axis=1)
    upright = _runs(ink, height + 1, axis=0)
    streak = level & ~upright
    if not streak.any():
        return image
    cleaned = grey.copy()
    cleaned[streak] = 255
    return Image.fromarray(cleaned, "L")


def colour_to_grey(image: Image.Image) -> tuple[Image.Image, bool]:
    """Greyscale with blue ink made white and red ink made black; True when blue ink
    (a stamp, a signature) covered a noticeable part of the page. One channel at a time,
    in 16 bits: an A4 page at 300 dpi is 9 million pixels."""
    red, green, blue = (np.asarray(channel, dtype=np.int16) for channel in image.split())
    grey = np.array(image.convert("L"))
    highest = np.maximum(np.maximum(red, green), blue)
    lowest = np.minimum(np.minimum(red, green), blue)
    coloured = (highest - lowest) > 60
    del highest, lowest
    bluish = coloured & (blue > red + 30) & (blue >= green)
    reddish = coloured & (red > blue + 30) & (red > green + 30)
    grey[bluish] = 255
    grey[reddish] = np.minimum(grey[reddish], 40)
    return Image.fromarray(grey, "L"), bool(bluish.mean() > 0.0005)


def to_resolution(image: Image.Image, dpi: tuple[float, float] | None,
                  target_dpi: int) -> tuple[Image.Image, int]:
    """Scaled so that both axes are about `target_dpi` (unknown dpi: guessed from the
    page's width, an A4 page being 8.27 inches wide)."""
    width, height = image.size
    if dpi and min(dpi) >= _MIN_DPI_KNOWN:
        x_dpi, y_dpi = float(dpi[0]), float(dpi[1])
    else:
        x_dpi = y_dpi = width / 8.27
    if abs(x_dpi - target_dpi) / target_dpi < 0.15 and abs(y_dpi - x_dpi) < 1:
        return image, round(x_dpi)
    size = (max(1, round(width * target_dpi / x_dpi)), max(1, round(height * target_dpi / y_dpi)))
    return image.resize(size, Image.Resampling.LANCZOS), target_dpi


def speck_share(image: Image.Image) -> float:
    """Dark pixels with no dark neighbour, per pixel: salt-and-pepper noise. Only the
    dark pixels' neighbours are looked at (a page is mostly paper): a 3×3 filter over
    the whole page cost 70 ms of a 300-dpi page's reading."""
    dark = np.asarray(image) < 128
    if dark.shape[0] < 3 or dark.shape[1] < 3:
        return 0.0
    rows, columns = np.nonzero(dark[1:-1, 1:-1])  # the page's edge has no neighbours
    rows += 1
    columns += 1
    alone = np.ones(rows.size, dtype=bool)
    for down in (-1, 0, 1):
        for across in (-1, 0, 1):
            if down or across:
                alone &= ~dark[rows + down, columns + across]
    return float(alone.sum()) / dark.size


def skew_angle(image: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text lines level: the one
    whose row sums vary most. 0 when the page is level or has no lines. Each angle's row
    sums come from the ink pixels' places turned as `Image.rotate` turns them, counted
    per row (25 angles; turning the image itself for each cost 50 ms a page)."""
    width, height = image.size
    scale = min(1.0, _PROFILE_WIDTH / width)
    small = image.resize((max(1, int(width * scale)), max(1, int(height * scale))))
    ink = np.asarray(small) < 140
    if ink.mean() * 255 < 0.5:  # a blank page
        return 0.0
    rows_count, columns_count = ink.shape
    down, across = np.nonzero(ink)
    # about the centre, as Image.rotate turns (pixel centres; y grows downwards)
    x = across - columns_count / 2 + 0.5
    y = down - rows_count / 2 + 0.5

    def sharpness(angle: float) -> float:
        sine, cosine = np.sin(np.deg2rad(angle)), np.cos(np.deg2rad(angle))
        row = np.floor(y * cosine - x * sine + rows_count / 2).astype(np.int64)
        column = x * cosine + y * sine + columns_count / 2
        kept = (row >= 0) & (row < rows_count) & (column >= 0) & (column < columns_count)
        rows = np.bincount(row[kept], minlength=rows_count).astype(np.float64)
        return float(np.square(np.diff(rows)).sum())

    steps = np.arange(-_SKEW_RANGE, _SKEW_RANGE + _SKEW_STEP / 2, _SKEW_STEP)
    scores = {round(float(a), 2): sharpness(float(a)) for a in steps}
    best = max(scores, key=lambda a: scores[a])
    if scores[best] <= scores[0.0] * 1.02:  # no clearer than as it is
        return 0.0
    return best


def _runs(ink: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels that lie on an unbroken run of ink at least `length` long along `axis`.
    Only the rows (or columns) holding that much ink at all are searched: on a letter
    they are a few dozen of thousands (the whole page cost 190 ms)."""
    ink = ink if axis == 1 else ink.T
    on = np.zeros(ink.shape, dtype=bool)
    lines = np.flatnonzero(ink.sum(axis=1) >= length)
    if lines.size:
        on[lines] = _runs_along_rows(ink[lines], length)
    return on if axis == 1 else on.T


def _runs_along_rows(ink: np.ndarray, length: int) -> np.ndarray:
    counts = np.cumsum(np.pad(ink.astype(np.int16), ((0, 0), (1, 0))), axis=1,
                       dtype=np.int16)  # a row is at most a few thousand pixels
    full = (counts[:, length:] - counts[:, :-length]) == length  # run starting at each x
    on = np.zeros(ink.shape, dtype=bool)
    starts = np.nonzero(full)
    if starts[0].size:
        marks = np.zeros((ink.shape[0], ink.shape[1] + 1), dtype=np.int16)
        np.add.at(marks, (starts[0], starts[1]), 1)
        np.add.at(marks, (starts[0], starts[1] + length), -1)
        on = np.cumsum(marks, axis=1, dtype=np.int16)[:, :-1] > 0
    return on


def without_rules(image: Image.Image) -> tuple[Image.Image, bool]:
    """A table's ruled lines taken away: Tesseract takes a box of rules for a picture and
    skips the words inside it (the header table of a letter, its شماره and تاریخ).
    A rule is a straight run of ink longer than any letter: a tenth of the page's width
    across, or three text lines' height down."""
    grey = np.asarray(image)
    ink = grey < 140
    width, height = image.size
    across = _runs(ink, max(40, width // 10), axis=1)
    down = _runs(ink, max(40, height // 30), axis=0)
    rules = across | down
    if not rules.any():
        return image, False
    # the rule's own thickness and its anti-aliased edge
    rules = rules | np.roll(rules, 1, 0) | np.roll(rules, -1, 0) | np.roll(rules, 1, 1) \
        | np.roll(rules, -1, 1)
    cleaned = grey.copy()
    cleaned[rules] = 255
    return Image.fromarray(cleaned, "L"), True


def ink_segments(image: Image.Image, gap_heights: float = 3.0) -> list[tuple[int, int, int, int]]:
    """The page's lines of ink as boxes (left, top, right, bottom): bands of rows with ink,
    each cut where a gap wider than `gap_heights` times its height parts two columns."""
    ink = np.asarray(image) < 140
    rows = ink.sum(axis=1) > max(2, ink.shape[1] // 500)
    boxes: list[tuple[int, int, int, int]] = []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
    for top, bottom in zip(edges[::2], edges[1::2], strict=True):
        height = bottom - top
        if height < 8:  # a speck's row, a rule's remains
            continue
        columns = np.flatnonzero(ink[top:bottom].any(axis=0))
        if columns.size == 0:
            continue
        breaks = np.flatnonzero(np.diff(columns) > gap_heights * height)
        starts = [columns[0], *columns[breaks + 1]]
        ends = [*columns[breaks], columns[-1]]
        boxes.extend((int(a), int(top), int(b) + 1, int(bottom)) for a, b in zip(starts, ends,
                                                                                strict=True))
    return boxes


def otsu_threshold(grey: np.ndarray) -> int:
    """The grey level that best splits ink from paper (Otsu)."""
    histogram = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = histogram.sum()
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    between = (mean[-1] * weight - mean * total) ** 2 / np.maximum(weight * (total - weight), 1)
    return int(np.argmax(between))


def binarised(image: Image.Image) -> Image.Image:
    """Black ink on white paper (for re-reading a small crop at a larger scale)."""
    grey = np.asarray(image.convert("L"))
    level = otsu_threshold(grey)
    return Image.fromarray(np.where(grey > level, 255, 0).astype(np.uint8), "L")
