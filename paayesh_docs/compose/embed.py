"""Word's embedded fonts: a composed DOCX carries the Vazirmatn it names.

A clerk's PC rarely has Vazirmatn; without it Word and LibreOffice fall back to another
font, and the letterhead, laid out for Vazirmatn's widths, wraps. So every DOCX we
write embeds the fonts its parts name, the way Word does when "Embed fonts in the
file" is on (ISO/IEC 29500-1 §17.8.1 and §15.2.14, Font Embedding and the Font part):

- each font is a part `word/fonts/fontN.odttf`, obfuscated: the first 32 bytes XORed
  with the font key, a GUID, taken as 16 bytes in reverse order;
- `word/fontTable.xml` lists the family with `w:embedRegular` / `w:embedBold`, each
  with the relationship's `r:id` and the `w:fontKey`;
- `word/_rels/fontTable.xml.rels` points at the parts, `[Content_Types].xml` gives
  `.odttf` its type, `word/settings.xml` says `w:embedTrueTypeFonts`.

The whole fonts are embedded (about 135 KB a letter, compressed), not subsets, so that
a clerk can still edit the letter in Word. The keys are derived from the fonts' bytes,
so the same template gives the same bytes every time. "Vazirmatn FD" is only the ten
digits, drawn Persian: the page numbers (PAGE, NUMPAGES fields) are written in it so
that they print ۱ ۲ ۳ in Word and in LibreOffice alike, whatever their digit setting.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from paayesh_docs.fonts import BOLD, FD_DIGITS, REGULAR

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
FONT_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
# CT_Settings children that come before w:embedTrueTypeFonts (the schema's order).
_BEFORE_EMBED = ("writeProtection", "view", "zoom", "removePersonalInformation",
                 "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                 "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData")


@dataclass(frozen=True)
class EmbeddedFont:
    family: str
    style: str  # "Regular" or "Bold": the w:embedRegular / w:embedBold element
    path: Path


FONTS = (EmbeddedFont("Vazirmatn", "Regular", REGULAR), EmbeddedFont("Vazirmatn", "Bold", BOLD),
         EmbeddedFont("Vazirmatn FD", "Regular", FD_DIGITS))
_font_bytes: dict[Path, bytes] = {}


def font_key(data: bytes) -> str:
    """A GUID for one font, from its bytes (so the same font always has the same key)."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """The font as an .odttf part: its first 32 bytes XORed with the key's bytes reversed.
    (The same operation undoes it.)"""
    key_bytes = bytes.fromhex(re.sub(r"[{}-]", "", key))[::-1]
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def families_named(parts: dict[str, bytes]) -> set[str]:
    """The families of FONTS that the document's parts name in a `w:rFonts`."""
    text = b"".join(data for name, data in parts.items() if name.endswith(".xml"))
    found = set()
    for font in FONTS:
        quoted = font.family.encode("utf-8")
        if re.search(rb'w:(?:ascii|hAnsi|cs|eastAsia)="' + re.escape(quoted) + rb'"', text):
            found.add(font.family)
    return found


def embed_fonts(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The package's parts with the fonts it names embedded; parts it already embeds, or a
    package without a font table, are left as they are."""
    if "word/fontTable.xml" not in parts or b"embedRegular" in parts["word/fontTable.xml"]:
        return parts
    wanted = [font for font in FONTS if font.family in families_named(parts)]
    if not wanted:
        return parts
    parts = dict(parts)
    table = etree.fromstring(parts["word/fontTable.xml"], _PARSER)
    rels_name = "word/_rels/fontTable.xml.rels"
    rels = etree.fromstring(parts[rels_name], _PARSER) if rels_name in parts else \
        etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
    taken = {rel.get("Id") for rel in rels}
    for number, font in enumerate(wanted, 1):
        if font.path not in _font_bytes:
            _font_bytes[font.path] = font.path.read_bytes()
        data = _font_bytes[font.path]
        key = font_key(data)
        target = f"fonts/paayesh-font{number}.odttf"
        parts[f"word/{target}"] = obfuscate(data, key)
        rel_id = next(f"rIdPaayeshFont{n}" for n in range(number, 10_000)
                      if f"rIdPaayeshFont{n}" not in taken)
        taken.add(rel_id)
        etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship",
                         Id=rel_id, Type=FONT_RELATION, Target=target)
        entry = _font_entry(table, font.family)
        embed = etree.SubElement(entry, f"{{{W}}}embed{font.style}")
        embed.set(f"{{{R}}}id", rel_id)
        embed.set(f"{{{W}}}fontKey", key)
    for entry in table.iter(f"{{{W}}}font"):  # embedRegular before embedBold
        embeds = [child for child in entry if child.tag.startswith(f"{{{W}}}embed")]
        for child in sorted(embeds, key=lambda c: ("Regular", "Bold", "Italic",
                                                   "BoldItalic").index(
                                                       etree.QName(c).localname[5:])):
            entry.append(child)
    parts["word/fontTable.xml"] = _xml(table)
    parts[rels_name] = _xml(rels)
    parts["[Content_Types].xml"] = _with_odttf_type(parts["[Content_Types].xml"])
    if "word/settings.xml" in parts:
        parts["word/settings.xml"] = _with_embedding_on(parts["word/settings.xml"])
    return parts


def docx_with_fonts(data: bytes) -> bytes:
    """A whole DOCX file again, with the fonts embedded (`embed_fonts` on its parts)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = embed_fonts({info.filename: source.read(info) for info in source.infolist()})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def _font_entry(table: etree._Element, family: str) -> etree._Element:
    for entry in table.iter(f"{{{W}}}font"):
        if entry.get(f"{{{W}}}name") == family:
            return entry
    entry = etree.SubElement(table, f"{{{W}}}font")
    entry.set(f"{{{W}}}name", family)
    for name, value in (("charset", "00"), ("family", "auto"), ("pitch", "variable")):
        etree.SubElement(entry, f"{{{W}}}{name}").set(f"{{{W}}}val", value)
    return entry


def _with_odttf_type(xml: bytes) -> bytes:
    types = etree.fromstring(xml, _PARSER)
    if not any(d.get("Extension", "").lower() == "odttf" for d in types):
        default = etree.Element(f"{{{CONTENT_TYPES}}}Default", Extension="odttf",
                                ContentType=OBFUSCATED_FONT)
        types.insert(0, default)  # Default elements come first
    return _xml(types)


def _with_embedding_on(xml: bytes) -> bytes:
    settings = etree.fromstring(xml, _PARSER)
    if settings.find(f"{{{W}}}embedTrueTypeFonts") is None:
        position = 0
        for index, child in enumerate(settings):
            if isinstance(child.tag, str) and etree.QName(child).localname in _BEFORE_EMBED:
                position = index + 1
        settings.insert(position, etree.Element(f"{{{W}}}embedTrueTypeFonts"))
    return _xml(settings)


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
