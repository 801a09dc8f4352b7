"""JSON Lines: one article object per line (text or html, url, title, published, source).

A bad line becomes an `Unreadable` named "path:LINE" and the lines after it are still read;
a line over READ_LIMIT_BYTES is read through in blocks, never held whole. A compressed file that
breaks off, or inflates like a bomb, ends with one `Unreadable` saying so; a file with no line
at all is one `Unreadable` too, so that it is recorded.
"""
from __future__ import annotations

import json
import zlib
from typing import BinaryIO, Iterator

from ..records import RawDocument
from ..records import read_date
from .base import READ_LIMIT_BYTES, Inflated, Unreadable, inflated, too_large, unreadable

# Field names as other corpora spell them: Reuters-21578 has "body" and "date", many crawls
# "content". The first field present wins; "text" comes before "html" as it is already clean.
TEXT_FIELDS = ("text", "body", "content")
HTML_FIELDS = ("html", "raw_html")
DATE_FIELDS = ("published", "date", "published_at", "date_publish")
STRING_FIELDS = ("url", "title", "source", "fetched")
# How much of a line over the limit is read at a time while it is skipped.
SKIP_BLOCK_BYTES = 1 << 20


def read_jsonl(fh: BinaryIO, name: str, published: str | None) -> Iterator[RawDocument | Unreadable]:
    """The documents of one JSON Lines stream; `fh` may be an `Inflating` gzip stream."""
    number, found = 0, False
    lines = _lines(fh)
    while True:
        try:
            line, size = next(lines)
        except StopIteration:
            break
        except Inflated as err:
            yield inflated(f"{name}:{number + 1}", err)
            return
        except (EOFError, zlib.error, OSError) as err:  # gzip broke off or is damaged
            yield unreadable(f"{name}:{number + 1}", "truncated", f"after line {number}: {err}")
            return
        number += 1
        if line is None:
            found = True
            yield too_large(f"{name}:{number}", size)
        elif line.strip():
            found = True
            yield parse_line(line, f"{name}:{number}", published)
    if not found:
        yield unreadable(name, "empty")


def _lines(fh: BinaryIO) -> Iterator[tuple[bytes | None, int]]:
    """Each line and its length in bytes; a line over READ_LIMIT_BYTES comes as None, read
    through to its end a block at a time, so that no more than the limit is ever held."""
    while True:
        line = fh.readline(READ_LIMIT_BYTES + 1)
        if len(line) <= READ_LIMIT_BYTES:
            if not line:
                return
            yield line, len(line)
            continue
        size, ended = len(line), line.endswith(b"\n")
        line = None  # let it go before reading on
        while not ended:
            block = fh.readline(SKIP_BLOCK_BYTES)
            size += len(block)
            ended = not block or block.endswith(b"\n")
        yield None, size


def parse_line(line: bytes, name: str, published: str | None) -> RawDocument | Unreadable:
    """One line as a document, or as an `Unreadable` saying what is wrong with it."""
    if len(line) > READ_LIMIT_BYTES:
        return too_large(name, len(line))
    try:
        item = json.loads(line)
    except (ValueError, RecursionError) as err:  # UnicodeDecodeError is a ValueError too
        return unreadable(name, "malformed", f"not JSON: {err}")
    if not isinstance(item, dict):
        return unreadable(name, "malformed", f"a JSON {type(item).__name__}, not an article object")
    content, is_html = _content(item)
    if content is None:
        wanted = ", ".join(TEXT_FIELDS + HTML_FIELDS)
        return unreadable(name, "malformed", f"no text: it needs a string field {wanted}")
    fields = {key: item.get(key) for key in STRING_FIELDS}
    wrong = [key for key, value in fields.items() if value is not None and not isinstance(value, str)]
    if wrong:
        return unreadable(name, "malformed", f"field {wrong[0]!r} is not a string")
    own = next((read_date(item[key]) for key in DATE_FIELDS if item.get(key)), None)
    # The URL is the article's identity; a dump's own "id" is not (two dumps both have an id 1).
    return RawDocument(content=content, name=name, published=own or published,
                       is_html=is_html, key=fields["url"], **fields)


def _content(item: dict) -> tuple[str | None, bool | None]:
    for keys, is_html in ((TEXT_FIELDS, False), (HTML_FIELDS, True)):
        for key in keys:
            if isinstance(item.get(key), str):
                return item[key], is_html
    # A text field that is there but null (Reuters' headline-only items) is an empty article,
    # for the clean stage to reject as such; no text field at all is a malformed line.
    if any(key in item and item[key] is None for key in TEXT_FIELDS + HTML_FIELDS):
        return "", None
    return None, None
