"""Vazirmatn, the Persian font shipped with the package (SIL Open Font License, see OFL.txt).

Shipped rather than looked up on the machine so that every PDF looks the same
everywhere and always embeds a font that has Persian glyphs.
"""

from __future__ import annotations

from pathlib import Path

FONTS = Path(__file__).resolve().parent
REGULAR = FONTS / "Vazirmatn-Regular.ttf"
BOLD = FONTS / "Vazirmatn-Bold.ttf"
# Vazirmatn FD (Latin digits drawn as Persian ones), cut down with fontTools to the
# digits, «/», «-» and space: what a DOCX's page-number fields print in (compose.embed).
FD_DIGITS = FONTS / "Vazirmatn-FD-Digits.ttf"


def font_face_css(family: str = "Vazirmatn") -> str:
    """@font-face rules for WeasyPrint, pointing at the shipped files."""
    return (
        f"@font-face {{ font-family: {family}; font-weight: normal; "
        f"src: url('{REGULAR.as_uri()}'); }}\n"
        f"@font-face {{ font-family: {family}; font-weight: bold; "
        f"src: url('{BOLD.as_uri()}'); }}\n"
    )
