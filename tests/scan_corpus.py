"""A scan corpus made by code: letters printed, then scanned, faxed and photographed.

The letters are those of the ground-truth corpus (`groundtruth.py`: their texts and the
fields a careful clerk reads from them), laid out the ways their PDFs are (plain
paragraphs, a label | value header table, a two-column letterhead), printed by
WeasyPrint in a Naskh face of the kind official letters are typed in (Nazli, Debian's
`fonts-farsiweb`; Vazirmatn where it is missing) with the priority and classification
marks in red, or by LibreOffice from the DOCX twin, and then turned into what reaches
a secretariat:

| condition | what |
| --- | --- |
| `300dpi`, `200dpi`, `150dpi` | grey scans (PDFium rasterises the page) |
| `rotated` | 300 dpi, fed 2° crooked (one letter +2°, the next −2°) |
| `jpeg50` | 200 dpi colour photo-copy saved as JPEG at quality 50 |
| `noise` | 300 dpi with salt-and-pepper specks (1% of the pixels) |
| `stamp` | 300 dpi colour with a blue round stamp over the signature |
| `fax` | 1-bit, 200 × 100 dpi (a fax's fine columns, coarse rows), with line noise |
| `tiff2` | a two-page TIFF: the letter, then a page of its annex |
| `pdf_image` | an image-only PDF (a scanner's PDF: one JPEG a page, no text layer) |
| `libreoffice` | the DOCX twin printed by `soffice --convert-to pdf`, scanned at 300 dpi |

`build_scans(folder)` writes them and returns `Scan`s; `SCORED` are the fields scored.
"""

from __future__ import annotations

import html
import math
import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import groundtruth as gt

SCORED = ("number", "date", "subject", "sender", "recipients", "copies", "references",
          "priority", "classification")
LETTERS = ("escalation-tpo", "long-date-month-marks", "bare-marks-numbered-copies",
           "tpo-number-unpadded-date")
LAYOUTS = {"escalation-tpo": "letterhead", "long-date-month-marks": "plain",
           "bare-marks-numbered-copies": "table", "tpo-number-unpadded-date": "letterhead"}
# The other letters of the ground-truth corpus, scanned at 300/200/150 dpi and faxed: the
# OCR rules were worked out on `LETTERS`; these are the letters they were not tuned on,
# laid out in turn plain, as a header table and as a two-column letterhead.
HELD_OUT_CONDITIONS = ("300dpi", "200dpi", "150dpi", "fax")
CONDITIONS = ("300dpi", "200dpi", "150dpi", "rotated", "jpeg50", "noise", "stamp", "fax",
              "tiff2", "pdf_image", "libreoffice")
NASKH = Path("/usr/share/fonts/truetype/farsiweb/nazli.ttf")
ANNEX = ["پیوست نامه", "فهرست کالاهای معطل در گمرک بازارچه مرزی میرجاوه",
         "خرما، زعفران و کشمش صادراتی به ارزش تقریبی هفت میلیارد ریال"]


@dataclass
class Scan:
    """One scanned file, what is right, and how it was made."""

    path: Path
    expected: dict[str, Any]
    condition: str
    letter: str
    body: str  # the letter's text as printed (for the body's character error rate)


def specs() -> dict[str, gt.Spec]:
    return {spec.name: spec for spec in gt.letter_specs() if spec.name in LETTERS}


def held_out_specs() -> dict[str, gt.Spec]:
    return {spec.name: spec for spec in gt.letter_specs() if spec.name not in LETTERS}


def held_out_layout(index: int) -> str:
    return ("plain", "table", "letterhead")[index % 3]


def font_face() -> tuple[str, str]:
    """(CSS @font-face, family): the Naskh face when installed, else Vazirmatn."""
    from paayesh_docs.fonts import REGULAR

    font = NASKH if NASKH.is_file() else REGULAR
    return f"@font-face {{ font-family: Letter; src: url('{font.as_uri()}'); }}", "Letter"


def letter_html(spec: gt.Spec, layout: str, extra_page: bool = False) -> str:
    marks = "".join(f'<p class="mark">{html.escape(m)}</p>' for m in spec.marks)
    rest = gt._html_lines([*spec.pre])
    body = gt._html_lines([*spec.lines])
    footer = gt._html_lines([*spec.footer])
    if layout == "plain":
        top = gt._html_lines([*spec.letterhead]) + marks + rest + gt._html_lines(
            spec.header_lines())
    elif layout == "table":
        top = gt._html_lines([*spec.letterhead]) + marks + rest + gt._html_lines(
            [gt.Table([[label, value] for label, value in spec.header])])
    else:
        right = "<br>".join(html.escape(line) for line in spec.letterhead)
        left = "<br>".join(html.escape(line) for line in spec.header_lines())
        top = (f'<table class="letterhead"><tr><td>{right}</td>'
               f'<td class="fields">{left}</td></tr></table>' + marks + rest)
    annex = ('<div style="page-break-before: always">' + gt._html_lines(ANNEX) + "</div>"
             if extra_page else "")
    face, family = font_face()
    css = (f"{face} @page {{ size: A4; margin: 2cm; }}"
           f"body {{ font-family: {family}; font-size: 14pt; }}"
           "p { margin: 0.3em 0; } table { border-collapse: collapse; margin: 0.4em 0; }"
           "td { border: 0.6pt solid #444; padding: 3pt 8pt; }"
           "table.letterhead { width: 100%; } table.letterhead td { border: none; }"
           "td.fields { text-align: left; } p.mark { color: #d01010; font-weight: bold; }")
    return (f'<html dir="rtl" lang="fa"><head><meta charset="utf-8"><style>{css}</style>'
            f"</head><body>{top}{body}{footer}{annex}</body></html>")


def write_pdf(spec: gt.Spec, path: Path, layout: str, extra_page: bool = False) -> None:
    from weasyprint import HTML

    HTML(string=letter_html(spec, layout, extra_page)).write_pdf(path)


def rasterise(pdf: Path, dpi: int, colour: bool = False) -> list[Any]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72, grayscale=not colour).to_pil()
                for page in document]
    finally:
        document.close()


def rotate(image: Any, degrees: float) -> Any:
    from PIL import Image

    return image.convert("L").rotate(degrees, resample=Image.Resampling.BICUBIC,
                                     expand=True, fillcolor=255)


def salt_and_pepper(image: Any, share: float, seed: int) -> Any:
    import numpy as np
    from PIL import Image

    pixels = np.array(image.convert("L"))
    rng = np.random.default_rng(seed)
    spots = rng.random(pixels.shape)
    pixels[spots < share / 2] = 0
    pixels[(spots >= share / 2) & (spots < share)] = 255
    return Image.fromarray(pixels, "L")


def blue_stamp(image: Any, spec: gt.Spec) -> Any:
    """A round blue stamp with the organisation's name, pressed over the signature."""
    from PIL import ImageDraw, ImageFont

    from paayesh_docs.fonts import REGULAR

    page = image.convert("RGB")
    draw = ImageDraw.Draw(page)
    width, height = page.size
    # the signature stands after the body: about 55-70% down the page, at the left-centre
    centre = (int(width * 0.30), int(height * 0.52))
    radius = int(width * 0.09)
    blue = (40, 70, 200)
    for ring in (radius, int(radius * 0.72)):
        draw.ellipse([centre[0] - ring, centre[1] - ring, centre[0] + ring, centre[1] + ring],
                     outline=blue, width=max(3, width // 400))
    font = ImageFont.truetype(str(REGULAR), size=max(12, width // 60))
    draw.text((centre[0] - radius // 2, centre[1] - radius // 6), "دبیرخانه", fill=blue,
              font=font)
    return page


def fax(image: Any, seed: int) -> Any:
    """1 bit, 200 × 100 dpi from a 200-dpi page, with a few streaks of line noise."""
    from PIL import Image, ImageDraw

    grey = image.convert("L")
    halved = grey.resize((grey.width, grey.height // 2), Image.Resampling.BOX)
    bits = halved.point(lambda v: 255 if v > 150 else 0).convert("1")
    draw = ImageDraw.Draw(bits)
    rng = random.Random(seed)
    for _ in range(6):
        y = rng.randrange(bits.height)
        start = rng.randrange(bits.width // 2)
        draw.line([(start, y), (start + rng.randrange(50, bits.width // 3), y)], fill=0)
    return bits


def libreoffice_pdf(spec: gt.Spec, folder: Path) -> Path | None:
    """The DOCX twin printed to PDF by LibreOffice; None when soffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    docx = folder / f"{spec.name}.docx"
    gt.write_docx(spec, docx, "plain")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(folder / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return folder / f"{spec.name}.pdf"


def body_text(spec: gt.Spec) -> str:
    return "\n".join(line for line in spec.lines if isinstance(line, str))


def build_held_out(folder: Path,
                   conditions: tuple[str, ...] = HELD_OUT_CONDITIONS) -> list[Scan]:
    """The letters the OCR rules were not tuned on, under `conditions` (scans and fax)."""
    folder.mkdir(parents=True, exist_ok=True)
    scans: list[Scan] = []
    for number, (name, spec) in enumerate(sorted(held_out_specs().items())):
        expected = {field: spec.expected.get(field) for field in SCORED}
        pdf = folder / f"{name}.printed.pdf"
        write_pdf(spec, pdf, held_out_layout(number))
        for condition in conditions:
            if condition.endswith("dpi"):
                dpi = int(condition[:-3])
                path = folder / f"{name}.{condition}.png"
                rasterise(pdf, dpi)[0].save(path, dpi=(dpi, dpi))
            elif condition == "fax":
                path = folder / f"{name}.fax.tif"
                fax(rasterise(pdf, 200)[0], number).save(path, compression="group4",
                                                         dpi=(200, 100))
            else:
                raise ValueError(condition)
            scans.append(Scan(path, expected, condition, name, body_text(spec)))
    return scans


def build_scans(folder: Path, conditions: tuple[str, ...] = CONDITIONS,
                letters: tuple[str, ...] = LETTERS) -> list[Scan]:
    """Write every letter under every condition into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    scans: list[Scan] = []
    for number, (name, spec) in enumerate(sorted(specs().items())):
        if name not in letters:
            continue
        expected = {field: spec.expected[field] for field in SCORED}
        pdf = folder / f"{name}.printed.pdf"
        write_pdf(spec, pdf, LAYOUTS[name])

        def add(path: Path, condition: str, spec: gt.Spec = spec,
                expected: dict[str, Any] = expected) -> None:
            scans.append(Scan(path, expected, condition, spec.name, body_text(spec)))

        for condition in conditions:
            stem = f"{name}.{condition}"
            if condition.endswith("dpi"):
                dpi = int(condition[:-3])
                page = rasterise(pdf, dpi)[0]
                page.save(folder / (stem + ".png"), dpi=(dpi, dpi))
                add(folder / (stem + ".png"), condition)
            elif condition == "rotated":
                page = rotate(rasterise(pdf, 300)[0], 2.0 if number % 2 else -2.0)
                page.save(folder / (stem + ".png"), dpi=(300, 300))
                add(folder / (stem + ".png"), condition)
            elif condition == "jpeg50":
                rasterise(pdf, 200, colour=True)[0].save(folder / (stem + ".jpg"),
                                                         quality=50, dpi=(200, 200))
                add(folder / (stem + ".jpg"), condition)
            elif condition == "noise":
                salt_and_pepper(rasterise(pdf, 300)[0], 0.01, number).save(
                    folder / (stem + ".png"), dpi=(300, 300))
                add(folder / (stem + ".png"), condition)
            elif condition == "stamp":
                blue_stamp(rasterise(pdf, 300, colour=True)[0], spec).save(
                    folder / (stem + ".png"), dpi=(300, 300))
                add(folder / (stem + ".png"), condition)
            elif condition == "fax":
                fax(rasterise(pdf, 200)[0], number).save(
                    folder / (stem + ".tif"), compression="group4", dpi=(200, 100))
                add(folder / (stem + ".tif"), condition)
            elif condition == "tiff2":
                two = folder / f"{name}.two-pages.pdf"
                write_pdf(spec, two, LAYOUTS[name], extra_page=True)
                pages = rasterise(two, 300)
                pages[0].save(folder / (stem + ".tif"), save_all=True,
                              append_images=pages[1:], compression="tiff_lzw", dpi=(300, 300))
                add(folder / (stem + ".tif"), condition)
            elif condition == "pdf_image":
                page = rasterise(pdf, 300, colour=True)[0]
                page.save(folder / (stem + ".pdf"), "PDF", resolution=300.0, quality=80)
                add(folder / (stem + ".pdf"), condition)
            elif condition == "libreoffice":
                printed = libreoffice_pdf(spec, folder)
                if printed is not None:
                    rasterise(printed, 300)[0].save(folder / (stem + ".png"), dpi=(300, 300))
                    add(folder / (stem + ".png"), condition)
            else:
                raise ValueError(condition)
    return scans


def score(scan: Scan, result: dict[str, Any]) -> dict[str, bool]:
    """Per scored field: right or not."""
    compared = gt.compare(scan.expected, result)
    return {name: compared[name][0] for name in SCORED if name in compared}


def character_error_rate(truth: str, read: str) -> float:
    """Edit distance between the printed body and what was read of it, per character
    (both normalised, spaces folded)."""
    from paayesh_docs.ingest.header_ocr import edit_distance
    from paayesh_docs.persian.text import normalize

    a = " ".join(normalize(truth).split())
    b = " ".join(normalize(read).split())
    return edit_distance(a, b) / len(a) if a else 0.0


def body_of(result_text: str, scan: Scan) -> str:
    """The part of the OCR text that is the body: from its first line to its last
    (the letterhead, header and footer cut away as in the printed body)."""
    lines = [line for line in (result_text or "").splitlines() if line.strip()]
    first, last = body_text(scan_spec(scan)).splitlines()[0], body_text(
        scan_spec(scan)).splitlines()[-1]
    start = _closest(lines, first)
    end = _closest(lines, last)
    start = 0 if start is None else start
    end = len(lines) - 1 if end is None or end < start else end
    return "\n".join(lines[start:end + 1])


def scan_spec(scan: Scan) -> gt.Spec:
    return specs()[scan.letter]


def _closest(lines: list[str], wanted: str) -> int | None:
    best, index = math.inf, None
    for position, line in enumerate(lines):
        distance = character_error_rate(wanted, line)
        if distance < best:
            best, index = distance, position
    return index if best < 0.5 else None
