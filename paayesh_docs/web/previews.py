"""A record's original as pictures for the page: PDF pages rendered with PDFium, images
re-encoded as PNG (so what the browser gets is a picture we made, whatever the file said
it was). Rendering is serialised (PDFium is not thread-safe) and recent pages are kept."""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from pathlib import Path

IMAGE_FORMATS = frozenset({"png", "jpg", "jpeg", "gif", "tif", "tiff", "bmp", "webp"})
WIDTH = 1100  # pixels: sharp on a desktop page, small enough for a phone
_KEPT = 48  # rendered pages kept in memory (about 150 kB each)
_LOCK = threading.Lock()
_CACHE: OrderedDict[tuple[str, int], bytes] = OrderedDict()


class NoPreview(Exception):
    """The file cannot be shown as pictures (corrupt, encrypted, not a PDF or an image)."""


def page_count(path: Path, fmt: str) -> int:
    """How many pictures the file makes (0: none; show its text instead)."""
    try:
        with _LOCK:
            if fmt == "pdf":
                import pypdfium2

                document = pypdfium2.PdfDocument(str(path))
                try:
                    return len(document)
                finally:
                    document.close()
            if fmt in IMAGE_FORMATS:
                from PIL import Image

                with Image.open(path) as image:
                    return getattr(image, "n_frames", 1)
    except Exception:  # any reader's error: the page shows the text instead
        return 0
    return 0


def page_png(path: Path, fmt: str, page: int, key: str) -> bytes:
    """Page `page` (from 1) of the file as PNG; `key` names the file in the cache."""
    with _LOCK:
        cached = _CACHE.get((key, page))
        if cached is not None:
            _CACHE.move_to_end((key, page))
            return cached
        try:
            data = _render(path, fmt, page)
        except NoPreview:
            raise
        except Exception as error:  # a corrupt file is the file's problem, said as such
            raise NoPreview(str(error)) from None
        _CACHE[(key, page)] = data
        while len(_CACHE) > _KEPT:
            _CACHE.popitem(last=False)
        return data


def _render(path: Path, fmt: str, page: int) -> bytes:
    from PIL import Image

    if fmt == "pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        try:
            if not 1 <= page <= len(document):
                raise NoPreview("no such page")
            pdf_page = document[page - 1]
            width = pdf_page.get_width() or 1
            image = pdf_page.render(scale=min(3.0, WIDTH / width)).to_pil()
        finally:
            document.close()
    elif fmt in IMAGE_FORMATS:
        Image.MAX_IMAGE_PIXELS = 80_000_000  # a decompression bomb is refused, not shown
        with Image.open(path) as source:
            if not 1 <= page <= getattr(source, "n_frames", 1):
                raise NoPreview("no such page")
            source.seek(page - 1)
            image = source.convert("RGB")
            if image.width > WIDTH:
                image = image.resize((WIDTH, max(1, image.height * WIDTH // image.width)))
    else:
        raise NoPreview(f"no pictures of .{fmt}")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
