"""The analytical report a province sends TPO, as PDF (WeasyPrint) and DOCX (python-docx).

In the house style of the composed letters: the letterhead (organisation, number, date,
attachments), addressee and subject, the sections of the report with the tables of
`labels` and the charts of `charts`, the signature and the copy to the High Council's
secretariat. The PDF is laid out from HTML with `paayesh.css` (the office's copy wins)
and Vazirmatn; the DOCX is written with the building blocks of the letter templates
(`compose.make_templates`: `w:bidi`, `w:rtl`, complex-script sizes, right-to-left
tables), each chart a picture of its SVG as the PDF draws it, and Vazirmatn embedded.

`register()` numbers it like any composed document (`Registry.register_composed`: the
number taken, the DOCX rendered with it and archived under the registry's lock, the PDF
after, both written to `outbox/`).
"""

from __future__ import annotations

import io
from html import escape
from typing import Any

from paayesh_docs.config import Settings
from paayesh_docs.persian.dates import format_jalali, parse_jalali, today_jalali
from paayesh_docs.persian.digits import to_persian_digits
from paayesh_docs.reports.charts import Chart, charts
from paayesh_docs.reports.labels import Table, tables
from paayesh_docs.reports.periods import Period

PAGE_CSS = """
@page { @bottom-left { content: "صفحه " counter(page, persian) " از " counter(pages, persian);
                       font-family: Vazirmatn, sans-serif; font-size: 9pt; } }
.chart { text-align: center; margin: 0.4em 0 0.8em 0; break-inside: avoid; }
.chart p.caption { text-align: center; font-size: 10pt; font-weight: bold; margin: 0; }
.section p.lead { margin-bottom: 0.4em; }
table.grid td.num { text-align: center; white-space: nowrap; }
table.grid { break-inside: auto; table-layout: fixed; }
table.grid tr { break-inside: avoid; }
h2 { break-after: avoid; }
"""
# The tables each section shows (keys of `labels.tables`), and the charts after them.
SECTIONS = [
    ("۱- مکاتبات دبیرخانه", ["letters", "months", "kinds", "bodies_incoming", "bodies_outgoing"],
     ["letters"]),
    ("۲- پیگیری موانع (بند ۲ دستورالعمل)", ["escalations", "reply_days", "escalation_list"],
     ["escalations", "reply_days"]),
    ("۳- جلسات کمیته و ارسال صورتجلسات", ["meetings", "meeting_list"], ["meetings"]),
    ("۴- اجرای مصوبات", ["owners", "resolution_list"], []),
    ("۵- آمار ماهانه (دستورالعمل آمار)", ["statistics", "statistics_list"], []),
    ("۶- گزارش‌های فصلی خوشه‌های صادرات‌گرا", ["clusters"], []),
]
TEXT_WIDTH = 9638  # twips, as the letter templates


def _cell_text(value: Any, kind: str) -> str:
    if value is None or value == "":
        return "—"
    if kind == "date":
        return format_jalali(parse_jalali(value))
    if isinstance(value, float):
        return to_persian_digits(f"{value:g}").replace(".", "٫")  # the Persian decimal point
    return to_persian_digits(str(value))


def render_pdf(settings: Settings, html: str, css: str = "") -> bytes:
    """HTML laid out in the house style: Vazirmatn, the office's `paayesh.css`, then `css`."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from paayesh_docs.compose.pdf import _BASE_CSS
    from paayesh_docs.compose.templates import STYLESHEET, find
    from paayesh_docs.fonts import font_face_css

    fonts = FontConfiguration()
    stylesheet = find(settings.templates, STYLESHEET.removesuffix(".css"), ".css")
    sheets = [CSS(string=font_face_css() + _BASE_CSS, font_config=fonts),
              CSS(filename=str(stylesheet), font_config=fonts),
              CSS(string=css, font_config=fonts)]
    return HTML(string=html, base_url=str(settings.templates)).write_pdf(
        stylesheets=sheets, font_config=fonts)


def chart_png(settings: Settings, chart: Chart, scale: float = 3.0) -> bytes:
    """A picture of the chart as the PDF draws it (its SVG laid out by WeasyPrint, the page
    rendered by PDFium): for the DOCX, whose readers do not shape SVG text."""
    import re

    import pypdfium2

    width, height = (int(v) for v in re.search(r'width: (\d+)px; height: (\d+)px',
                                               chart.html).groups())  # type: ignore[union-attr]
    html = f'<!DOCTYPE html><html dir="rtl" lang="fa"><body>{chart.html}</body></html>'
    css = (f"@page {{ size: {width}px {height}px; margin: 0; @bottom-left {{ content: none; }} }}"
           " body { margin: 0; } svg { display: block; } .chart-box { margin: 0 !important; }")
    pdf = pypdfium2.PdfDocument(render_pdf(settings, html, css))
    try:
        image = pdf[0].render(scale=scale).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()
    finally:
        pdf.close()


class ReportDocument:
    """The report of one period as a letter to TPO, ready to render or register."""

    def __init__(self, settings: Settings, period: Period, figures: dict[str, Any]) -> None:
        self.settings, self.period, self.figures = settings, period, figures
        self.tables = {table.key: table for table in tables(figures)}
        self.charts = {chart.key: chart for chart in charts(figures)}
        compose = settings.compose
        self.organisation = [line for line in compose.organisation if line]
        self.recipient = "ریاست محترم سازمان توسعه تجارت ایران"
        self.copies = ["دبیرخانه شورای عالی توسعه صادرات غیرنفتی جهت استحضار"]
        self.subject = f"گزارش تحلیلی عملکرد کمیته پایش تجارت خارجی استان در {period.title}"
        self.signer = (compose.signer_name, compose.signer_title)
        self.date = format_jalali(today_jalali())

    # -- what the report says ----------------------------------------------------------

    def lead(self) -> list[str]:
        f = self.figures
        span = (f"از {format_jalali(parse_jalali(f['period']['from']))} تا "
                f"{format_jalali(parse_jalali(f['period']['to']))}")
        return [f"به استناد دستورالعمل پایش تجارت خارجی استان، گزارش عملکرد کمیته و دبیرخانه "
                f"آن در {self.period.title} ({span}) با وضعیت تا تاریخ "
                f"{format_jalali(parse_jalali(f['on']))} به شرح زیر تقدیم می‌شود."]

    def summary(self, section: int) -> str:
        f = self.figures
        n = to_persian_digits
        if section == 0:
            letters = f["letters"]
            return (f"در این دوره {n(str(letters['incoming']))} نامه وارده، "
                    f"{n(str(letters['outgoing']))} نامه صادره و {n(str(letters['internal']))} "
                    "نامه و صورتجلسه داخلی ثبت شده است.")
        if section == 1:
            e = f["escalations"]
            median = e["reply_days"]["median"]
            wait = (f"؛ میانه زمان پاسخ {n(str(median))} روز بوده است" if median is not None
                    else "")
            return (f"{n(str(e['raised']))} نامه پیگیری به سطوح سه‌گانه ارسال شده که "
                    f"{n(str(e['answered_on_time']))} مورد در مهلت یک‌هفته‌ای و "
                    f"{n(str(e['answered_late']))} مورد با تأخیر پاسخ گرفته، "
                    f"{n(str(e['overdue']))} مورد معوق و {n(str(e['open']))} مورد در مهلت است؛ "
                    f"رونوشت {n(str(e['missing_copy']))} مورد به دبیرخانه شورای عالی ارسال "
                    f"نشده است{wait}.")
        if section == 2:
            m = f["meetings"]
            return (f"کمیته {n(str(m['regular']))} جلسه عادی و {n(str(m['extraordinary']))} "
                    f"جلسه فوق‌العاده برگزار کرده است (لازم طبق دوره دوهفته‌ای: "
                    f"{n(str(m['required']))} جلسه)؛ صورتجلسه {n(str(m['minutes_sent']))} جلسه "
                    f"به سازمان توسعه تجارت ارسال شده و {n(str(m['minutes_unsent']))} مورد "
                    "ارسال نشده است.")
        if section == 3:
            r = f["resolutions"]
            return (f"از {n(str(r['total']))} مصوبه این دوره، {n(str(r['done']))} مورد انجام "
                    f"شده، {n(str(r['open']))} مورد در مهلت و {n(str(r['overdue']))} مورد "
                    "معوق است.")
        if section == 4:
            s = f["statistics"]
            return (f"از {n(str(s['expected']))} نوبت آمار ماهانه، {n(str(s['on_time']))} نوبت "
                    f"به‌موقع و {n(str(s['late']))} نوبت با تأخیر ثبت شده و "
                    f"{n(str(s['missing']))} نوبت ثبت نشده است؛ {n(str(s['auto_approved']))} "
                    "نوبت به دلیل بررسی‌نشدن در مهلت، خودکار تأیید شده است.")
        s = f["supervisor_reports"]
        if not s["expected"]:
            return "خوشه‌ای در تنظیمات دفتر ([reports] clusters) تعریف نشده است."
        return (f"از {n(str(s['expected']))} گزارش فصلی مورد انتظار خوشه‌ها، "
                f"{n(str(s['received']))} گزارش دریافت شده است.")

    # -- PDF ---------------------------------------------------------------------------

    def html(self, number: str = "—") -> str:
        def table_html(table: Table) -> str:
            if not table.rows:
                return '<p class="lead">موردی ثبت نشده است.</p>'
            head = "".join(f"<th>{escape(c.label)}</th>" for c in table.columns)
            columns = "".join(f'<col style="width: {w:.1f}%">' for w in table.widths(100))
            size = ' style="font-size: 8.5pt"' if len(table.columns) > 6 else ""
            rows = "".join(
                "<tr>" + "".join(
                    f'<td class="{"" if c.kind in ("text", "short") else "num"}">'
                    f"{escape(_cell_text(v, c.kind))}</td>"
                    for c, v in zip(table.columns, row, strict=True)) + "</tr>"
                for row in table.rows)
            return (f'<p class="caption"><b>{escape(table.title)}</b></p>'
                    f'<table class="grid"{size}><colgroup>{columns}</colgroup>'
                    f"<thead><tr>{head}</tr></thead>"
                    f"<tbody>{rows}</tbody></table>")

        parts = []
        for index, (heading, keys, chart_keys) in enumerate(SECTIONS):
            parts.append(f'<div class="section"><h2>{escape(heading)}</h2>'
                         f'<p class="lead">{escape(self.summary(index))}</p>')
            for key in chart_keys:
                chart = self.charts[key]
                parts.append(f'<div class="chart">{chart.html}'
                             f'<p class="caption">{escape(chart.title)}</p></div>')
            parts += [table_html(self.tables[key]) for key in keys]
            parts.append("</div>")
        organisation = "".join(f"<p>{escape(line)}</p>" for line in self.organisation)
        copies = "".join(f"<p>- {escape(c)}</p>" for c in self.copies)
        lead = "".join(f"<p>{escape(p)}</p>" for p in self.lead())
        return f"""<!DOCTYPE html>
<html dir="rtl" lang="fa"><head><meta charset="utf-8"><title>{escape(self.subject)}</title></head>
<body>
<p class="bismillah">بسمه تعالی</p>
<table class="letterhead"><tr>
  <td class="organisation">{organisation}</td><td class="logo"></td>
  <td class="fields"><p>شماره: {escape(to_persian_digits(number))}</p>
  <p>تاریخ: {escape(self.date)}</p><p>پیوست: ندارد</p></td>
</tr></table>
<p class="recipient">{escape(self.recipient)}</p>
<p class="subject">موضوع: {escape(self.subject)}</p>
<p>با سلام و احترام</p>
<div class="body">{lead}</div>
{''.join(parts)}
<div class="closing"><div class="signature">
  <p class="name">{escape(self.signer[0] or '')}</p><p>{escape(self.signer[1] or '')}</p>
</div></div>
<div class="copies"><p class="label">رونوشت:</p>{copies}</div>
</body></html>"""

    def pdf(self, number: str = "—") -> bytes:
        return render_pdf(self.settings, self.html(number), PAGE_CSS)

    # -- DOCX --------------------------------------------------------------------------

    def docx(self, number: str = "—") -> bytes:
        from docx import Document
        from docx.oxml import parse_xml
        from docx.shared import Cm

        from paayesh_docs.compose import make_templates as t
        from paayesh_docs.compose.embed import docx_with_fonts

        blocks: list[str] = [t.text("بسمه تعالی", bold=True, size=13, align="center", after=4)]
        widths = [5800, 438, 3400]
        blocks.append(t.table([[
            t.cell(*(t.text(line, bold=True, size=11.5, align="center")
                     for line in self.organisation), width=widths[0]),
            t.cell(width=widths[1]),
            t.cell(t.text(f"شماره: {to_persian_digits(number)}"), t.text(f"تاریخ: {self.date}"),
                   t.text("پیوست: ندارد"), width=widths[2])]], widths, borders=False))
        blocks += [t.para(after=6), t.text(self.recipient, bold=True, after=6),
                   t.text(f"موضوع: {self.subject}", bold=True, after=6),
                   t.text("با سلام و احترام", after=4),
                   *(t.text(p, align="both", after=4) for p in self.lead())]
        pictures: dict[str, bytes] = {}
        for index, (heading, keys, chart_keys) in enumerate(SECTIONS):
            blocks += [t.heading(heading), t.text(self.summary(index), align="both", after=4)]
            for key in chart_keys:
                marker = f"[[chart:{key}]]"
                pictures[marker] = chart_png(self.settings, self.charts[key])
                blocks += [t.text(marker, align="center", after=0),
                           t.text(self.charts[key].title, bold=True, size=10, align="center",
                                  after=6)]
            for key in keys:
                blocks += self._docx_table(t, self.tables[key])
        blocks += t.signature(self.signer[0] or "", self.signer[1] or "")
        blocks += [t.text("رونوشت:", bold=True, after=1),
                   *(t.text(f"- {c}", size=11, after=1) for c in self.copies)]
        document = Document()
        styles = document.styles.element
        styles.replace(styles.find(f"{{{t.W_NS}}}docDefaults"), parse_xml(t._DEFAULTS))
        section = document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(1.8)
        section.left_margin = section.right_margin = Cm(2)
        section._sectPr.append(parse_xml(f'<w:bidi xmlns:w="{t.W_NS}"/>'))
        t._replace_story(document._body, blocks)
        t._replace_story(section.footer, [t.page_numbers().replace("\x00", "")])
        for paragraph in document.paragraphs:
            data = pictures.get(paragraph.text.strip())
            if data is None:
                continue
            for old in list(paragraph.runs):
                old._element.getparent().remove(old._element)
            paragraph.add_run().add_picture(io.BytesIO(data), width=Cm(16))
        document.core_properties.author = "paayesh-docs"
        document.core_properties.title = self.subject
        buffer = io.BytesIO()
        document.save(buffer)
        return docx_with_fonts(buffer.getvalue())

    @staticmethod
    def _docx_table(t: Any, table: Table) -> list[str]:
        caption = t.text(table.title, bold=True, size=11, after=2)
        if not table.rows:
            return [caption, t.text("موردی ثبت نشده است.", size=11, after=6)]
        widths = [int(w) for w in table.widths(TEXT_WIDTH)]
        head = [t.cell(t.text(c.label, bold=True, size=9, align="center", after=0), width=w,
                       shade="E7E6E6") for c, w in zip(table.columns, widths, strict=True)]
        rows = [[t.cell(t.text(_cell_text(v, c.kind), size=9.5,
                               align="start" if c.kind in ("text", "short") else "center",
                               after=0),
                        width=w) for c, v, w in zip(table.columns, row, widths, strict=True)]
                for row in table.rows]
        return [caption, t.table([head, *rows], widths, borders=True), t.para(after=6)]

    # -- registering -------------------------------------------------------------------

    def record(self) -> dict[str, Any]:
        from paayesh_docs.ingest.fields import display
        from paayesh_docs.persian.dates import format_iso, to_gregorian_iso

        day = today_jalali()
        return {"kind": "report", "number": None, "date": format_iso(day),
                "date_gregorian": to_gregorian_iso(day), "subject": display(self.subject),
                "sender": display(self.signer[1] or "") or None,
                "recipients": [display(self.recipient)],
                "copies": [{"to": display(c.removesuffix(" جهت استحضار")),
                            "purpose": "جهت استحضار"} for c in self.copies],
                "references": [], "attachments": None, "priority": "normal",
                "classification": "normal", "meeting": None}

    def register(self) -> Any:
        """Number, render, register; the DOCX and PDF land in outbox/ (compose's flow)."""
        from paayesh_docs.compose.flow import Outcome, outbox_name, write_outbox
        from paayesh_docs.compose.render import text_of_docx
        from paayesh_docs.ingest.fields import canonical_number
        from paayesh_docs.registry import Registry
        from paayesh_docs.registry.api import Composed

        made: dict[str, bytes] = {}

        def render(number: str) -> Composed:  # under the registry's lock: the DOCX only
            data = self.docx(number)
            made["docx"] = data
            record = {**self.record(), "number": canonical_number(number)}
            return Composed(f"{outbox_name(number)}.docx", data, text_of_docx(data), record)

        with Registry(self.settings) as registry:
            result = registry.register_composed(render, direction="outgoing", index=False)
            assert result.id is not None and result.registry_number is not None
            docx_path = self.settings.outbox / f"{outbox_name(result.registry_number)}.docx"
            pdf_path = docx_path.with_suffix(".pdf")
            pdf = self.pdf(result.registry_number)
            registry.attach(result.id, pdf_path.name, pdf)
            write_outbox(pdf_path, pdf)
            write_outbox(docx_path, made["docx"])
            registry.sync_index()
        return Outcome(result.id, result.registry_number, docx_path, pdf_path, self.subject,
                       result.record)
