"""Single-document files: plain text and HTML, handed on as they are for the clean stage.

Labels a document as HTML or text and nothing more: decoding, size, binary and language checks
are the clean stage's, so that they are made, and recorded, in one place.
"""
from __future__ import annotations

import re
from pathlib import PurePath

from ..records import RawDocument

HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_EXTENSIONS = {".txt", ".text", ".md"}
BOM = b"\xef\xbb\xbf"
# A page that opens (after blanks, comments or an XML declaration) with a doctype or <html> is
# HTML whatever its name; looser signs, like a <p> somewhere, are left to the clean stage.
HTML_START = re.compile(rb"(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html)\b",
                        re.IGNORECASE | re.DOTALL)
# Options.max_bytes' default: the clean stage rejects bigger pages, so their date is never used,
# and htmldate takes seconds over them.
DATE_LOOKUP_LIMIT_BYTES = 10_000_000


def sniff_html(name: str, head: bytes) -> bool | None:
    """True for HTML, False for text, None where the clean stage should decide."""
    suffix = PurePath(name).suffix.lower()
    if suffix in HTML_EXTENSIONS or HTML_START.match(head.removeprefix(BOM)):
        return True
    if suffix in TEXT_EXTENSIONS:
        return False
    return None


def read_document(data: bytes, name: str, published: str | None,
                  kind_name: str | None = None) -> RawDocument:
    """One file, one document; `kind_name` is the name its format goes by ("a.html" for
    "a.html.gz"). A page's own date beats `published`; a text file has no date of its own."""
    is_html = sniff_html(kind_name or name, data[:2048])
    if is_html and published:
        published = page_date(data) or published
    return RawDocument(content=data, name=name, published=published, is_html=is_html)


def page_date(html: bytes, url: str | None = None) -> str | None:
    """The page's own publication date, found as the clean stage finds it (htmldate with
    trafilatura's settings), so that a caller's fallback date never hides it."""
    if len(html) > DATE_LOOKUP_LIMIT_BYTES:
        return None
    from htmldate import find_date

    try:
        return find_date(html, url=url, original_date=True, extensive_search=True)
    except Exception:  # htmldate on a broken page: no date of its own, then
        return None
