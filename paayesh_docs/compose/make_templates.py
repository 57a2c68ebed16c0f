"""Write the default DOCX templates (letter, minutes, supervisor report) from this code.

    python -m paayesh_docs.compose.make_templates [OUTPUT_FOLDER ...]

The templates are generated, not drawn by hand in Word, so that every right-to-left
detail is written down and reviewable here: paragraphs carry `w:bidi`, runs carry
`w:rtl` and the complex-script twins of font, size and weight (`w:rFonts w:cs`,
`w:szCs`, `w:bCs`; Word takes Persian text's size and weight from those alone), tables
carry `w:bidiVisual` so their first column is on the right. Jinja tags are docxtpl's:
`{{ field }}` inside a run, `{%p … %}` alone in a paragraph, `{%tr … %}` alone in a row.

In a `w:bidi` paragraph Word reads `w:jc` "left"/"right" as the start/end of the line,
so "left" puts Persian text against the right margin and "right" against the left one.

Writes into the package (what `paayesh init` installs) and copies the templates, with
their HTML twins, into the repository's `templates/` folder (or the folders given).
Zip entries get a fixed date, so the same code writes the same bytes.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from html import escape
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Cm

FONT = "Vazirmatn"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XMLNS = f'xmlns:w="{W_NS}"'
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
_JC = {"start": "left", "end": "right", "center": "center", "both": "both"}
_TEXT_WIDTH = 9638  # twips: A4 (11906) less two margins of 2 cm
_FIXED_DATE = (2026, 1, 1, 0, 0, 0)


# --- building blocks --------------------------------------------------------------------

def run(text: str, *, bold: bool = False, size: float = 12, color: str | None = None) -> str:
    """One right-to-left run; the order of rPr children is the schema's."""
    half_points = round(size * 2)
    weight = "<w:b/><w:bCs/>" if bold else ""
    colour = f'<w:color w:val="{color}"/>' if color else ""
    return (f'<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
            f'{weight}{colour}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
            f'<w:rtl/></w:rPr><w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>')


DIGITS_FONT = "Vazirmatn FD"  # the digits alone, drawn Persian (compose.embed)


def _field_run(inner: str, size: float, font: str) -> str:
    half_points = round(size * 2)
    return (f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
            f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/><w:rtl/></w:rPr>'
            f"{inner}</w:r>")


_NESTED = re.compile("(\x00[^\x00]*\x00)")  # a field inside another's instruction


def field(instruction: str, shown: str = "", *, size: float = 9, font: str = FONT) -> str:
    """A complex field (`PAGE`, `NUMPAGES`, `IF …`), marked by NULs so that it can stand
    inside another field's `instruction` (nested fields); `page_numbers` unmarks it. Word
    prints an IF's text in the formatting of its instruction, a PAGE in its own."""
    begin = _field_run('<w:fldChar w:fldCharType="begin"/>', size, font)
    separate = _field_run('<w:fldChar w:fldCharType="separate"/>', size, font)
    end = _field_run('<w:fldChar w:fldCharType="end"/>', size, font)
    instr = "".join(
        piece[1:-1] if piece.startswith("\x00") else
        _field_run(f'<w:instrText xml:space="preserve">{escape(piece, quote=False)}'
                   "</w:instrText>", size, font)
        for piece in _NESTED.split(instruction) if piece)
    result = _field_run(f'<w:t xml:space="preserve">{escape(shown, quote=False)}</w:t>', size,
                        font) if shown else ""
    return f"\x00{begin}{instr}{separate}{result}{end}\x00"


def page_numbers() -> str:
    """«صفحه ۲ از ۴» at the foot of every page, the numbers in the digits font so that they
    print Persian everywhere. Also on a one-page letter («صفحه ۱ از ۱»): hiding it there
    takes an IF around the fields, which Word evaluates but LibreOffice prints as the
    bare numbers («۱۱۱»). The PDF, laid out by us, numbers only longer documents."""
    pages = field(" NUMPAGES ", "1", font=DIGITS_FONT)
    page = field(" PAGE ", "1", font=DIGITS_FONT)
    return para(run("صفحه ", size=9), page.replace("\x00", ""), run(" از ", size=9),
                pages.replace("\x00", ""), align="end", after=0)


def para(*runs: str, align: str = "start", after: float = 2, keep_next: bool = False) -> str:
    """A right-to-left paragraph of runs (a str argument is a plain run)."""
    keep = "<w:keepNext/>" if keep_next else ""
    body = "".join(r if r.startswith("<w:r>") else run(r) for r in runs)
    return (f'<w:p {_XMLNS}><w:pPr>{keep}<w:bidi/>'
            f'<w:spacing w:before="0" w:after="{round(after * 20)}"/>'
            f'<w:jc w:val="{_JC[align]}"/></w:pPr>{body}</w:p>')


def tag(text: str) -> str:
    """A paragraph that holds only a docxtpl paragraph tag (`{%p … %}`)."""
    return para(run(text, size=9))


def text(value: str, *, bold: bool = False, size: float = 12, align: str = "start",
         after: float = 2, color: str | None = None) -> str:
    return para(run(value, bold=bold, size=size, color=color), align=align, after=after)


def cell(*paragraphs: str, width: int, span: int = 1, shade: str | None = None) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    shade_xml = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>' if shade else ""
    content = "".join(paragraphs) or para()
    return (f'<w:tc {_XMLNS}><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}'
            f'{shade_xml}</w:tcPr>{content}</w:tc>')


def table(rows: list[list[str]], widths: list[int], *, borders: bool) -> str:
    """A right-to-left table (first column on the right) of rows of `cell(...)` XML."""
    line = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    border_xml = ("<w:tblBorders>" + "".join(line.format(e) for e in edges) + "</w:tblBorders>"
                  if borders else "")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join(f"<w:tr {_XMLNS}>{''.join(row)}</w:tr>" for row in rows)
    return (f'<w:tbl {_XMLNS}><w:tblPr><w:bidiVisual/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'{border_xml}<w:tblLayout w:type="fixed"/><w:tblCellMar>'
            '<w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>')


def loop_row(tag_text: str, columns: int, widths: list[int]) -> list[str]:
    """A table row that holds only a docxtpl row tag (`{%tr … %}`)."""
    return [cell(tag(tag_text), width=widths[0], span=columns)]


# --- the parts every template shares ------------------------------------------------------

def letterhead(number_label: str = "شماره") -> list[str]:
    """بسمه تعالی at the top centre; the organisation on the right, the header block
    (شماره، تاریخ، پیوست) on the left, room for the logo between them. The organisation
    has the widest column: a line of it that wraps («… استان» alone on a line) is the
    first thing a reader sees wrong."""
    widths = [5800, 438, 3400]  # the organisation's lines must not wrap: the widest part
    organisation = cell(tag("{%p for line in organisation %}"),
                        text("{{ line }}", bold=True, size=11.5, align="center"),
                        tag("{%p endfor %}"), width=widths[0])
    fields = cell(text(f"{number_label}: {{{{ number }}}}"), text("تاریخ: {{ date }}"),
                  text("پیوست: {{ attachments }}"), width=widths[2])
    return [text("بسمه تعالی", bold=True, size=13, align="center", after=4),
            table([[organisation, cell(width=widths[1]), fields]], widths, borders=False),
            para(after=6)]


def signature(name: str, title: str) -> list[str]:
    """The signature block at the bottom left: name in bold over the title, centred in
    the left part of the line (indented from the start, the right, by `w:ind w:left`,
    which in a `w:bidi` paragraph is the start side like `w:jc`). Paragraphs, not a
    table, so that readers find the signer where a clerk looks for it."""
    indent = '<w:ind w:left="5100" w:right="0"/>'
    lines = [para(run(name, bold=True), align="center", after=0),
             para(run(title), align="center", after=8)]
    return [para(after=14), *(line.replace("<w:jc ", f"{indent}<w:jc ") for line in lines)]


def copies_block() -> list[str]:
    return [tag("{%p if copies %}"), text("رونوشت:", bold=True, after=1),
            tag("{%p for copy in copies %}"),
            text("- {{ copy.to }} {{ copy.purpose }}", size=11, after=1),
            tag("{%p endfor %}"), tag("{%p endif %}")]


def marks() -> list[str]:
    """Priority and classification, one per line, at the top and foot of every page."""
    return [tag("{%p for mark in marks %}"),
            text("{{ mark }}", bold=True, size=13, align="center", color="C00000"),
            tag("{%p endfor %}")]


def bullets(name: str, item: str = "item") -> list[str]:
    return [tag(f"{{%p for {item} in {name} %}}"), text(f"- {{{{ {item} }}}}", align="both"),
            tag("{%p endfor %}")]


def paragraphs(name: str) -> list[str]:
    return [tag(f"{{%p for paragraph in {name} %}}"), text("{{ paragraph }}", align="both",
                                                            after=4),
            tag("{%p endfor %}")]


def heading(value: str) -> str:
    return para(run(value, bold=True, size=12.5), after=2, keep_next=True)


def grid_table(headers: list[str], fields: list[str], widths: list[int], item: str,
               items: str) -> str:
    """A bordered table with a shaded header row and one row per item."""
    head = [cell(text(h, bold=True, size=11, align="center"), width=w, shade="E7E6E6")
            for h, w in zip(headers, widths, strict=True)]
    row = [cell(text(f"{{{{ {item}.{f} }}}}" if f else "", size=11,
                     align="center" if f in ("row", "deadline", "date") else "start"), width=w)
           for f, w in zip(fields, widths, strict=True)]
    return table([head, loop_row(f"{{%tr for {item} in {items} %}}", len(widths), widths), row,
                  loop_row("{%tr endfor %}", len(widths), widths)], widths, borders=True)


# --- the three templates ----------------------------------------------------------------

def continuation(numbered: bool) -> list[str]:
    """Above the text of every page after the first: the number and date again (for
    minutes, the meeting's)."""
    if numbered:
        lines = ["شماره: {{ number }}", "تاریخ: {{ date }}"]
    else:
        lines = ["صورتجلسه شماره {{ meeting_number }}", "تاریخ جلسه: {{ meeting_date }}"]
    return [text(line, size=9, align="end", after=0) for line in lines]


def letter_body() -> list[str]:
    return [
        *letterhead(),
        tag("{%p if recipient_person %}"), text("{{ recipient_person }}", bold=True, after=0),
        tag("{%p endif %}"), text("{{ recipient }}", bold=True, after=6),
        text("موضوع: {{ subject }}", bold=True, after=6),
        text("با سلام و احترام", after=4),
        *paragraphs("paragraphs"),
        *signature("{{ signer_name }}", "{{ signer_title }}"),
        *copies_block(),
    ]


def minutes_body() -> list[str]:
    widths = [3000, 3300, 3338]
    info = table([
        [cell(text("شماره جلسه: {{ meeting_number }}"), width=widths[0]),
         cell(text("تاریخ جلسه: {{ meeting_date }}"), width=widths[1]),
         cell(text("ساعت: {{ time }}"), width=widths[2])],
        [cell(text("محل جلسه: {{ place }}"), width=sum(widths), span=3)],
    ], widths, borders=True)
    return [
        text("بسمه تعالی", bold=True, size=13, align="center", after=4),
        tag("{%p for line in organisation %}"),
        text("{{ line }}", bold=True, align="center", after=0),
        tag("{%p endfor %}"),
        text("{{ title }}", bold=True, size=15, align="center", after=8),
        info, para(after=4),
        heading("حاضرین:"),
        grid_table(["ردیف", "نام و نام خانوادگی", "سمت", "امضا"], ["row", "name", "role", ""],
                   [700, 3200, 4038, 1700], "person", "attendees"),
        tag("{%p if absent %}"), text("غایبین: {{ absent }}", after=4), tag("{%p endif %}"),
        para(after=4),
        heading("دستور جلسه:"),
        tag("{%p for item in agenda %}"), text("{{ item.row }}- {{ item.text }}", after=1),
        tag("{%p endfor %}"),
        para(after=4),
        heading("مصوبات:"),
        grid_table(["ردیف", "شرح مصوبه", "مسئول اجرا", "مهلت"],
                   ["row", "text", "owner", "deadline"], [700, 5138, 2300, 1500],
                   "resolution", "resolutions"),
        *signature("{{ signer_name }}", "{{ signer_title }}"),
    ]


def report_body() -> list[str]:
    return [
        *letterhead(),
        text("{{ title }}", bold=True, size=14, align="center", after=8),
        tag("{%p for recipient in recipients %}"), text("به: {{ recipient }}", bold=True, after=1),
        tag("{%p endfor %}"),
        text("از: {{ sender }}", bold=True, after=1),
        text("موضوع: {{ subject }}", bold=True, after=8),
        heading("۱- گزارش‌های سه‌ماهه عامل توسعه (ماده ۴-۱)"),
        tag("{%p if agent_reports %}"),
        grid_table(["ردیف", "شماره ثبت", "شماره نامه", "تاریخ", "موضوع"],
                   ["row", "registry_number", "number", "date", "subject"],
                   [700, 1900, 1900, 1300, 3838], "report", "agent_reports"),
        tag("{%p else %}"),
        text("{{ no_agent_report }}", after=4),
        tag("{%p endif %}"),
        para(after=4),
        heading("۲- میزان پیشرفت طرح"), *bullets("progress"),
        heading("۳- موانع و تنگناها"), *bullets("obstacles"),
        heading("۴- ارزیابی ناظر از عملکرد و بازدهی اقتصادی"), *paragraphs("assessment"),
        heading("۵- پیشنهادات بهبود و اصلاح"), *bullets("proposals"),
        heading("۶- پیشنهاد تعدیل بودجه (ماده ۴-۴، حداکثر ده درصد)"),
        text("{{ budget_line }}", align="both", after=4),
        *signature("{{ signer_name }}", "{{ signer_title }}"),
        *copies_block(),
    ]


TEMPLATES = {
    "letter": (letter_body, True),
    "minutes": (minutes_body, False),
    "supervisor_report": (report_body, True),
}


# --- the document around the body -------------------------------------------------------

_DEFAULTS = (
    f'<w:docDefaults {_XMLNS}><w:rPrDefault><w:rPr>'
    f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
    '<w:sz w:val="24"/><w:szCs w:val="24"/><w:rtl/>'
    '<w:lang w:val="fa-IR" w:eastAsia="en-US" w:bidi="fa-IR"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:bidi/><w:spacing w:after="40" w:line="276" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
)


def _replace_story(story: object, blocks: list[str]) -> None:
    element = story._element  # type: ignore[attr-defined]
    for child in list(element):
        if not child.tag.endswith("}sectPr"):
            element.remove(child)
    anchor = element.find(f"{{{W_NS}}}sectPr")
    for block in blocks:
        node = parse_xml(block)
        if anchor is not None:
            anchor.addprevious(node)
        else:
            element.append(node)


def build(name: str) -> bytes:
    """One template as DOCX bytes."""
    body, has_marks = TEMPLATES[name]
    document = Document()
    styles = document.styles.element
    styles.replace(styles.find(f"{{{W_NS}}}docDefaults"), parse_xml(_DEFAULTS))
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(1.8)
    section.left_margin = section.right_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(0.8)
    section._sectPr.append(parse_xml(f"<w:bidi {_XMLNS}/>"))
    _replace_story(document._body, body())
    first_header = [*marks(), para(after=0)] if has_marks else [para(after=0)]
    header = [*marks(), *continuation(has_marks), para(after=0)]
    registered = [tag("{%p if registry_line %}"),
                  text("{{ registry_line }}", size=9, align="center", after=0),
                  tag("{%p endif %}")] if not has_marks else []
    footer = [*(marks() if has_marks else []), *registered, tag("{%p if footer %}"),
              text("{{ footer }}", size=9, align="center", after=0), tag("{%p endif %}"),
              page_numbers()]
    section.different_first_page_header_footer = True
    _replace_story(section.first_page_header, first_header)
    _replace_story(section.header, header)
    _replace_story(section.first_page_footer, footer)
    _replace_story(section.footer, footer)
    document.core_properties.author = "paayesh-docs"
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_dates(buffer.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same zip with every entry dated the same, so regenerating changes nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _fixed_core(content)
            target.writestr(zipfile.ZipInfo(info.filename, _FIXED_DATE), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _fixed_core(xml: bytes) -> bytes:
    import re

    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z",
                  xml)


def main(copies: list[Path]) -> None:
    """Write the DOCX templates into the package, then copy every packaged template
    (DOCX, HTML twins, stylesheet) into each of `copies`."""
    for name in TEMPLATES:
        (PACKAGE_TEMPLATES / f"{name}.docx").write_bytes(build(name))
    for folder in copies:
        folder.mkdir(parents=True, exist_ok=True)
        for source in sorted(PACKAGE_TEMPLATES.iterdir()):
            if source.suffix in (".docx", ".html", ".css"):
                (folder / source.name).write_bytes(source.read_bytes())
                print(folder / source.name)


if __name__ == "__main__":
    repo_templates = Path(__file__).resolve().parents[2] / "templates"
    main([Path(p) for p in sys.argv[1:]] or [repo_templates])
