"""Read a DOCX the way a person reads the page: headers, body, tables, text boxes, footers.

We read the XML parts straight from the zip with lxml instead of through
python-docx: it is about 100 times faster on small letters (measured here), it
sees text boxes (`w:txbxContent`, where letterheads and header fields often
live) that python-docx's paragraph API skips, and it lets us bound every part
(zip bombs) and refuse DTDs (entity expansion, external entities) before parsing.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from paayesh_docs.ingest.document import Block, Document, table_text
from paayesh_docs.ingest.errors import Rejected, too_large
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = R + "/officeDocument"

_P, _TBL, _TR, _TC = (f"{{{W}}}{n}" for n in ("p", "tbl", "tr", "tc"))
_T, _TAB, _BR, _CR = (f"{{{W}}}{n}" for n in ("t", "tab", "br", "cr"))
_TXBX = f"{{{W}}}txbxContent"
_VMERGE, _TCPR = f"{{{W}}}vMerge", f"{{{W}}}tcPr"
_SKIPPED = {f"{{{W}}}{n}" for n in ("del", "delText", "instrText", "rPr", "pPr", "sectPr",
                                    "moveFrom", "footnoteReference", "endnoteReference")}
_FALLBACK = f"{{{MC}}}Fallback"  # the VML copy of a text box already read in mc:Choice
_HIDDEN_FOOTNOTES = {"separator", "continuationSeparator", "continuationNotice"}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)


def read_docx(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a .docx (or .docm/.dotx) file into blocks in reading order."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_archive(archive, limits)
    except zipfile.BadZipFile as error:
        raise Rejected("corrupt_zip", "فایل Word خراب یا ناقص است.",
                       f"The Word file is corrupt or truncated ({error}).") from None
    except (EOFError, zipfile.LargeZipFile, NotImplementedError) as error:
        raise Rejected("corrupt_zip", "فایل Word خراب یا ناقص است.",
                       f"The Word file cannot be unpacked ({error}).") from None


class _PartReader:
    """Reads XML parts of one archive within the limits."""

    def __init__(self, archive: zipfile.ZipFile, limits: Limits) -> None:
        self.archive = archive
        self.limits = limits
        self.inflated = 0
        infos = archive.infolist()
        if len(infos) > limits.zip_entries:
            raise too_large("تعداد اجزای فایل Word", "The number of parts in the Word file",
                            f"{limits.zip_entries:,}")
        self.infos = {info.filename: info for info in infos}

    def xml(self, name: str) -> etree._Element | None:
        info = self.infos.get(name)
        if info is None:
            return None
        limit = self.limits.xml_part_bytes
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit or (info.file_size > 1_000_000 and ratio > self.limits.zip_ratio):
            raise _zip_bomb(name)
        try:
            with self.archive.open(info) as stream:
                data = stream.read(limit + 1)
        except zipfile.BadZipFile as error:
            raise Rejected("corrupt_zip", "فایل Word خراب است (بخشی از آن سالم نیست).",
                           f"The Word file is corrupt: part {name} fails its check ({error})."
                           ) from None
        except RuntimeError as error:
            raise Rejected("encrypted", "فایل رمزدار است.",
                           f"The file is encrypted ({error}).") from None
        self.inflated += len(data)
        if len(data) > limit or self.inflated > self.limits.zip_total_bytes:
            raise _zip_bomb(name)
        return _parse_xml(name, data)


def _zip_bomb(name: str) -> Rejected:
    return Rejected("zip_bomb", "فایل Word پس از باز شدن بیش از حد بزرگ می‌شود (بمب zip).",
                    f"The Word file inflates beyond the limit (zip bomb) at {name}.")


def _hostile(name: str) -> Rejected:
    return Rejected(
        "hostile_xml",
        "فایل Word شامل تعریف DTD/ENTITY است که در فایل سالم Word وجود ندارد (فایل مخرب).",
        f"The Word file declares a DTD or entities in {name}, which real Word files "
        "never do (entity expansion or external entity attack); refused.",
    )


def _parse_xml(name: str, data: bytes) -> etree._Element:
    """Parse one part; entities are never expanded nor fetched, and any DTD is refused."""
    head = data[:4096].replace(b"\x00", b"")
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _hostile(name)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise Rejected("corrupt_xml", "متن فایل Word خراب است (XML نامعتبر).",
                       f"The Word file's XML in {name} is invalid ({error}).") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise _hostile(name)
    return root


def _relationships(parts: _PartReader, part: str) -> dict[str, str]:
    """Relationship id (and "type:" + type) -> part name, for `part` ("" = the package)."""
    folder, name = posixpath.split(part)
    rels = parts.xml(posixpath.join(folder, "_rels", name + ".rels"))
    if rels is None:
        return {}
    targets = {}
    for rel in rels.iter(f"{{{REL}}}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        targets[rel.get("Id", "")] = resolved
        targets.setdefault("type:" + rel.get("Type", ""), resolved)
    return targets


def _read_archive(archive: zipfile.ZipFile, limits: Limits) -> Document:
    parts = _PartReader(archive, limits)
    main = _relationships(parts, "").get("type:" + _OFFICE_DOCUMENT, "word/document.xml")
    root = parts.xml(main)
    if root is None:
        raise Rejected("not_docx", "فایل Word بخش اصلی متن را ندارد.",
                       "The Word file has no main document part.")
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise Rejected("not_docx", "فایل Word بدنه متن ندارد.", "The Word file has no body.")
    rels = _relationships(parts, main)
    document = Document(format="docx")
    section_parts = _section_parts(root, rels)
    for name in section_parts["header"]:
        _read_story(parts.xml(name), "header", document.blocks)
    _read_story(body, "body", document.blocks)
    for name in section_parts["footer"]:
        _read_story(parts.xml(name), "footer", document.blocks)
    footnotes = rels.get("type:" + R + "/footnotes")
    notes = parts.xml(footnotes) if footnotes else None
    if notes is not None:
        for note in notes.iter(f"{{{W}}}footnote"):
            if note.get(f"{{{W}}}type") not in _HIDDEN_FOOTNOTES:
                _read_story(note, "footnote", document.blocks)
    if sum(len(block.text) for block in document.blocks) > limits.text_chars:
        raise too_large("متن فایل Word", "The Word file's text", f"{limits.text_chars:,} chars")
    return document


def _section_parts(root: etree._Element, rels: dict[str, str]) -> dict[str, list[str]]:
    """Header and footer parts in the order sections name them, each once."""
    found: dict[str, list[str]] = {"header": [], "footer": []}
    for kind in found:
        for ref in root.iter(f"{{{W}}}{kind}Reference"):
            target = rels.get(ref.get(f"{{{R}}}id", ""))
            if target and target not in found[kind]:
                found[kind].append(target)
    return found


def _read_story(element: etree._Element | None, part: str, blocks: list[Block]) -> None:
    """Paragraphs and tables of a story (body, header, cell, text box) in order."""
    if element is None:
        return
    for child in element:
        tag = child.tag
        if tag == _P:
            _read_paragraph(child, part, blocks)
        elif tag == _TBL:
            rows = _read_table(child, blocks)
            if rows:
                blocks.append(Block("table", table_text(rows), rows))
        elif tag in _SKIPPED or tag == _FALLBACK:
            continue
        else:  # w:sdt, w:sdtContent, w:customXml, mc:AlternateContent wrappers
            _read_story(child, part, blocks)


def _read_paragraph(paragraph: etree._Element, part: str, blocks: list[Block]) -> None:
    pieces: list[str] = []
    boxes: list[etree._Element] = []
    _collect_text(paragraph, pieces, boxes)
    text = "".join(pieces).strip()
    if text:
        blocks.append(Block(part, text))
    for box in boxes:
        _read_story(box, "textbox", blocks)


def _collect_text(element: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            pieces.append(child.text or "")
        elif tag == _TAB:
            pieces.append("\t")
        elif tag in (_BR, _CR):
            pieces.append("\n")
        elif tag == _TXBX:
            boxes.append(child)
        elif tag in _SKIPPED or tag == _FALLBACK or not isinstance(tag, str):
            continue
        else:
            _collect_text(child, pieces, boxes)


def _read_table(table: etree._Element, blocks: list[Block]) -> list[list[str]]:
    """Rows of cells; a merged cell once (python-docx's `row.cells` repeats it per grid column)."""
    rows: list[list[str]] = []
    for row in table.iter(_TR):
        if row.getparent() is not table:
            continue  # a nested table's row: read with its own table
        cells = []
        for cell in row.findall(_TC):
            props = cell.find(_TCPR)
            merge = props.find(_VMERGE) if props is not None else None
            if merge is not None and merge.get(f"{{{W}}}val", "continue") == "continue":
                continue  # the text is in the cell that starts the vertical merge
            cell_blocks: list[Block] = []
            _read_story(cell, "table", cell_blocks)
            cells.append("\n".join(b.text for b in cell_blocks if not b.rows))
            blocks.extend(b for b in cell_blocks if b.rows)  # nested tables as their own
        rows.append(cells)
    return rows
