"""Read an e-mail saved from a mail client (`.eml`, RFC 5322 / MIME) as the letter it carries.

From, To, Cc, Subject and Date become the sender, recipients, copies, subject and
(when the body names no letter date) the date; the text/plain body, else the HTML body
turned into text (scripts and styles dropped, never run), is the text; every attachment
is kept with its bytes (the registry archives it with the record) and, when it is a DOCX,
PDF or text, its text is read and joined to the record's text so search finds it.

Hostile messages are refused before Python's `email` package (policy=default) decodes
a header: the raw bytes are counted first (size, boundaries, the top header block, each
Content-Type, which the parser reads itself), and the parsed structure is measured from
its raw headers (parts, nesting, header sizes) before any header is read
through the default policy's parser, far costlier than the structure (and recursive).
Measured here: a 30 MB message takes about 4 s to parse, hence `email_bytes` (25 MB).
"""

from __future__ import annotations

import email
import email.errors
import re
import tempfile
from dataclasses import dataclass, field
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from lxml import etree

from paayesh_docs.ingest.document import Block, Document
from paayesh_docs.ingest.errors import Ignored, Rejected, too_large
from paayesh_docs.ingest.limits import DEFAULT_LIMITS, Limits
from paayesh_docs.persian.dates import format_iso, from_gregorian
from paayesh_docs.persian.text import normalize

# Header names a mail client writes at the top of a saved message.
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,40}):[ \t]?", re.MULTILINE)
_MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"mime-version",
                 b"received", b"return-path", b"cc", b"content-type", b"reply-to",
                 b"x-mailer", b"delivered-to", b"user-agent"}
_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
               "blockquote", "pre", "hr", "section", "article", "header", "footer", "ul", "ol"}
_DROPPED_TAGS = ("script", "style", "head", "noscript", "template", "iframe", "object",
                 "embed", "svg", "math")
_CONTENT_TYPE = re.compile(rb"^content-type:[^\n]*(?:\n[ \t][^\n]*)*", re.IGNORECASE | re.MULTILINE)
_CONTENT_TYPE_BYTES = 8 * 1024
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
_EXTENSIONS = {"application/pdf": ".pdf", "text/plain": ".txt", "text/html": ".html",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
               "image/jpeg": ".jpg", "image/png": ".png", "image/tiff": ".tif",
               "message/rfc822": ".eml"}


@dataclass
class Attachment:
    """One attached file: its name, bytes, and its text when we can read it."""

    name: str
    data: bytes
    text: str | None = None


@dataclass
class EmailDocument(Document):
    """A read e-mail: the body as blocks, the header fields, and the attachments."""

    subject: str | None = None
    sender: str | None = None
    recipients: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    date: str | None = None  # Jalali ISO, from the Date header
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        """The body and each readable attachment's text, as the record's text."""
        pieces = [self.text]
        for attachment in self.attachments:
            if attachment.text:
                pieces.append(f"پیوست: {attachment.name}\n{attachment.text}")
        return "\n\n".join(piece for piece in pieces if piece)


def looks_like_email(head: bytes) -> bool:
    """Whether a file's first bytes are a saved message's headers: its first line a header
    line, and From plus another header a mail client always writes among them."""
    block = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    names = {m.group(1).lower() for m in _HEADER_LINE.finditer(block)}
    first = _HEADER_LINE.match(head.lstrip(b"\r\n"))
    return bool(first) and b"from" in names and len(names & _MAIL_HEADERS) >= 3


def read_email(path: Path, limits: Limits = DEFAULT_LIMITS) -> EmailDocument:
    with path.open("rb") as stream:
        data = stream.read(limits.email_bytes + 1)
    if len(data) > limits.email_bytes:
        raise too_large("حجم نامه الکترونیکی", "The e-mail's size",
                        f"{limits.email_bytes // (1024 * 1024)} MB")
    _count_raw(data, limits)
    try:
        message = email.message_from_bytes(data, policy=policy.default)
    except RecursionError:
        raise _too_deep(limits) from None
    assert isinstance(message, EmailMessage)
    _measure(message, limits)
    try:
        return _read_message(message, limits)
    except RecursionError:  # a header's comments or groups nested thousands deep
        raise _header_bomb(limits) from None


def _read_message(message: EmailMessage, limits: Limits) -> EmailDocument:
    document = EmailDocument(format="email")
    document.subject = _header_text(message, "Subject") or None
    senders = _addresses(message, "From")
    document.sender = senders[0] if senders else None
    document.recipients = _addresses(message, "To")
    document.copies = _addresses(message, "Cc")
    document.date = _date(message)
    body = _body_part(message)
    text = _body_text(body) if body is not None else ""
    for paragraph in re.split(r"\n\s*\n", text):
        if paragraph.strip():
            document.blocks.append(Block("body", paragraph.strip()))
    document.attachments = _attachments(message, body, limits)
    if not (document.blocks or document.subject or document.attachments):
        raise Rejected("empty", "نامه الکترونیکی متن، موضوع یا پیوستی ندارد.",
                       "The e-mail has no text, subject or attachment.")
    return document


# -- limits, before the costly parse -------------------------------------------------


def _count_raw(data: bytes, limits: Limits) -> None:
    """Cheap counts over the raw bytes that refuse the worst messages before any parsing."""
    if data.lower().count(b"boundary") > limits.email_parts or \
            data.count(b"\n--") > 2 * limits.email_parts + 16:
        raise _too_many_parts(limits)
    end = min((i for i in (data.find(b"\n\n"), data.find(b"\r\n\r\n")) if i >= 0),
              default=len(data))
    if end > limits.email_header_bytes:
        raise _header_bomb(limits)
    # the parser itself reads every part's Content-Type with the costly header parser
    for found in _CONTENT_TYPE.finditer(data):
        if found.end() - found.start() > _CONTENT_TYPE_BYTES:
            raise _header_bomb(limits)


def _measure(message: Message, limits: Limits) -> None:
    """Parts, nesting and header sizes, read from the raw headers (the costly header parser
    has not run on any of them yet). Decoded contents are never larger than the message,
    which `email_bytes` bounds."""
    parts = 0
    stack: list[tuple[Message, int]] = [(message, 1)]
    while stack:
        part, depth = stack.pop()
        parts += 1
        if parts > limits.email_parts:
            raise _too_many_parts(limits)
        if depth > limits.email_depth:
            raise _too_deep(limits)
        items = list(part.raw_items())
        header_bytes = sum(len(name) + len(str(value)) for name, value in items)
        if len(items) > limits.email_headers or header_bytes > limits.email_header_bytes:
            raise _header_bomb(limits)
        payload = part.get_payload()
        if isinstance(payload, list):
            stack.extend((child, depth + 1) for child in payload if isinstance(child, Message))


def _too_many_parts(limits: Limits) -> Rejected:
    return too_large("تعداد بخش‌های نامه الکترونیکی", "The number of parts in the e-mail",
                     f"{limits.email_parts:,}")


def _too_deep(limits: Limits) -> Rejected:
    return Rejected("too_deep",
                    f"بخش‌های نامه الکترونیکی بیش از حد ({limits.email_depth}) تودرتو است.",
                    f"The e-mail's parts are nested deeper than {limits.email_depth} levels.")


def _header_bomb(limits: Limits) -> Rejected:
    return Rejected("header_bomb",
                    "سرآیندهای نامه الکترونیکی بیش از حد بزرگ یا زیاد است "
                    f"(حد: {limits.email_headers:,} سرآیند، "
                    f"{limits.email_header_bytes // 1024} کیلوبایت).",
                    f"The e-mail's headers are too large or too many (limit "
                    f"{limits.email_headers:,} headers, {limits.email_header_bytes // 1024} KB).")


# -- headers ---------------------------------------------------------------------------


def _header_text(message: EmailMessage, name: str) -> str:
    """A header decoded (RFC 2047 words in any charset), normalised; '' when absent."""
    try:
        value = message[name]
    except Exception:  # a malformed header: its raw text rather than nothing
        value = message.get_all(name, failobj=[""])[0] if message.get_all(name) else ""
    return normalize(" ".join(str(value or "").split()))


def _addresses(message: Message, name: str) -> list[str]:
    """Each address of a header as its display name (the address when there is none).

    Read from the raw header with `email.utils` and decoded name by name: the default
    policy's address parser puts a space between adjacent RFC 2047 words of one name
    («ا ستان» for «استان», as Python's own generator folds long Persian names)."""
    raw = [str(value) for key, value in message.raw_items() if key.lower() == name.lower()]
    names: list[str] = []
    for display_name, address in getaddresses(raw):
        try:
            decoded = str(make_header(decode_header(display_name))) if display_name else ""
        except (UnicodeError, LookupError, ValueError, email.errors.HeaderParseError):
            decoded = display_name
        shown = normalize(" ".join((decoded or address).split()))
        if shown and shown not in names:
            names.append(shown)
    return names


def _date(message: EmailMessage) -> str | None:
    try:
        header = message["Date"]
        moment = getattr(header, "datetime", None)
    except Exception:
        return None
    if moment is None:
        return None
    try:
        return format_iso(from_gregorian(moment.date()))
    except (ValueError, OverflowError):
        return None


# -- body ------------------------------------------------------------------------------


def _body_part(message: EmailMessage) -> EmailMessage | None:
    try:
        body = message.get_body(preferencelist=("plain", "html"))
    except Exception:
        return None
    return body if isinstance(body, EmailMessage) else None


def _content_text(part: EmailMessage) -> str:
    """A text part's content in its charset (a wrong or unknown charset: bytes replaced)."""
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, KeyError, AssertionError):
        pass
    raw = part.get_payload(decode=True) or b""
    return raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw)


def _body_text(part: EmailMessage) -> str:
    text = _content_text(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_to_text(html: str) -> str:
    """The text a reader sees in an HTML body: scripts, styles and the head dropped (never
    run), block elements on lines of their own, no network access, no entities resolved
    beyond HTML's own."""
    if not html.strip():
        return ""
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=False,
                              remove_comments=True, remove_pis=True, remove_blank_text=False)
    try:  # as UTF-8 bytes: lxml refuses a str that declares its own encoding
        root = etree.fromstring(html.encode("utf-8", errors="replace"), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    if root is None:
        return ""
    for element in list(root.iter(*_DROPPED_TAGS)):
        parent = element.getparent()
        if parent is not None:
            tail = element.tail
            parent.remove(element)
            if tail:  # the text after a dropped element stays
                previous = parent[-1] if len(parent) else None
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = ("".join(root.itertext())).split("\n")
    text = "\n".join(" ".join(line.split()) for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# -- attachments -----------------------------------------------------------------------


def _attachments(message: EmailMessage, body: EmailMessage | None,
                 limits: Limits) -> list[Attachment]:
    """Every attached file, kept; the texts of the first `email_attachments_read` read
    (each reading is bounded, but a thousand of them would hold the inbox up)."""
    found: list[Attachment] = []
    names: set[str] = set()
    for part in message.walk():
        if part is body or part.is_multipart():
            continue
        filename = _safe_name(part)
        if filename is None:
            continue
        raw = part.get_payload(decode=True)
        data = raw if isinstance(raw, bytes) else b""
        if not data:
            continue
        name = filename
        counter = 1
        while name in names:
            counter += 1
            name = f"{Path(filename).stem} ({counter}){Path(filename).suffix}"
        names.add(name)
        readable = len(found) < limits.email_attachments_read
        found.append(Attachment(name, data,
                                _attachment_text(name, data, limits) if readable else None))
    return found


def _safe_name(part: Message) -> str | None:
    """The attachment's file name, safe to show and keep (no folders, no control
    characters); None for a part that is no attachment (an HTML twin of the body)."""
    try:
        filename = part.get_filename()
        disposition = part.get_content_disposition()
    except Exception:
        filename, disposition = None, "attachment"
    if not filename and disposition != "attachment":
        return None
    name = _UNSAFE_NAME.sub("_", Path(str(filename or "")).name).strip(" .")[:120]
    if not name:
        name = "پیوست"
    if not Path(name).suffix:  # archived by content with its extension: it needs one
        name += _EXTENSIONS.get(part.get_content_type(), ".bin")
    return name


def _attachment_text(name: str, data: bytes, limits: Limits) -> str | None:
    """An attachment's text when it is a DOCX, PDF or text file; None otherwise (an image,
    an e-mail inside the e-mail, anything that cannot be read: it is archived all the same)."""
    from paayesh_docs.ingest.docx import read_docx
    from paayesh_docs.ingest.pdf import read_pdf
    from paayesh_docs.ingest.plaintext import read_text
    from paayesh_docs.ingest.sniff import sniff

    readers: dict[str, Any] = {"docx": read_docx, "pdf": read_pdf, "text": read_text}
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm"):
        return normalize(html_to_text(data.decode("utf-8", errors="replace"))) or None
    with tempfile.TemporaryDirectory(prefix="paayesh-eml-") as folder:
        copy = Path(folder) / f"attachment{suffix if len(suffix) < 12 else ''}"
        copy.write_bytes(data)
        try:
            kind = sniff(copy, data[:8192])
            reader = readers.get(kind)
            if reader is None:
                return None
            return normalize(reader(copy, limits).text) or None
        except (Rejected, Ignored):
            return None
        except Exception:  # one unreadable attachment must not lose the e-mail
            return None
