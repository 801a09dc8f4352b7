"""The read stage: paths, folders and standard input -> `RawDocument`s, one per article.

Finds each file's format by its content and name, and hands it to that format's reader (text,
jsonl, warc, feeds). Reads only: it never decodes, cleans or judges the text, and it never raises
on bad input; what cannot be read at all comes out as an `Unreadable` naming it.
"""
from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from pathlib import Path, PurePath
from typing import BinaryIO, Iterable, Iterator

from ..records import RawDocument
from .base import (READ_LIMIT_BYTES, Inflated, Inflating, Unreadable, inflated, inflation_limit,
                   too_large, unreadable)
from .feeds import read_feed, sniff_feed
from .jsonl import read_jsonl
from .text import HTML_EXTENSIONS, TEXT_EXTENSIONS, read_document
from .warc import GZIP_MAGIC, read_warc

__all__ = ["read_paths", "Unreadable"]

STDIN = "-"
STDIN_NAME = "<stdin>"
SNIFF_BYTES = 4096
JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".jsonlines"}
WARC_EXTENSIONS = {".warc", ".arc"}

Item = RawDocument | Unreadable


def read_paths(paths: Iterable[str | Path], published: str | None = None) -> Iterator[Item]:
    """Every document in `paths` (files, folders read recursively in sorted order, "-" for
    standard input), in a repeatable order; `published` (YYYY-MM-DD) goes to documents that
    carry no date of their own."""
    for given in paths:
        if str(given) == STDIN:
            yield from _guarded(STDIN_NAME, _read_stdin, published)
            continue
        path = Path(given)
        if path.is_dir():
            for found in _files_under(path):
                if isinstance(found, Unreadable):
                    yield found
                else:
                    yield from _guarded(found, read_file, found, published)
        else:
            yield from _guarded(str(given), read_file, str(given), published)


def read_file(name: str, published: str | None = None,
              warc_range: tuple[int, int] | None = None) -> Iterator[Item]:
    """The documents in one file, named after `name` (its path as given); with `warc_range`,
    only the records of that byte range of a WARC (warc.read_warc)."""
    try:
        fh = open(name, "rb")
    except OSError as err:
        yield unreadable(name, "unreadable", err.strerror or str(err))
        return
    with fh:
        yield from read_warc(fh, name, published, *warc_range) if warc_range else _read_stream(fh, name, published)


def _read_stdin(published: str | None) -> Iterator[Item]:
    # Standard input cannot seek, which WARC recovery needs: it is read whole first.
    data = sys.stdin.buffer.read()
    yield from _read_stream(io.BytesIO(data), STDIN_NAME, published)


def _read_stream(fh: BinaryIO, name: str, published: str | None) -> Iterator[Item]:
    head = fh.read(SNIFF_BYTES)
    size = fh.seek(0, os.SEEK_END)
    fh.seek(0)
    if _holds_warc(name, head):
        yield from read_warc(fh, name, published)
    elif head.startswith(GZIP_MAGIC):
        stream = Inflating(gzip.GzipFile(fileobj=fh), inflation_limit(size))
        yield from _read_format(stream, name, name.removesuffix(".gz"), _gunzip_head(head), published)
    else:  # an empty "x.jsonl.gz" holds no gzip stream at all: its format goes by its name alone
        yield from _read_format(fh, name, name if head else name.removesuffix(".gz"), head, published)


def is_warc_file(name: str) -> bool:
    """Whether `read_file` reads this file as a WARC (or .warc.gz); False if it cannot be read."""
    try:
        with open(name, "rb") as fh:
            return _holds_warc(name, fh.read(SNIFF_BYTES))
    except OSError:
        return False


def _holds_warc(name: str, head: bytes) -> bool:
    """Whether a file, by its name and first bytes, is a WARC (a .gz one too)."""
    if head.startswith(GZIP_MAGIC):
        return _is_warc(name.removesuffix(".gz"), _gunzip_head(head))
    return _is_warc(name if head else name.removesuffix(".gz"), head)


def _read_format(fh: BinaryIO, name: str, kind_name: str, head: bytes,
                 published: str | None) -> Iterator[Item]:
    """A non-WARC file (or the inside of a .gz): `kind_name` is the name its format goes by."""
    if _is_jsonl(kind_name, head):
        yield from read_jsonl(fh, name, published)
        return
    if PurePath(kind_name).suffix.lower() == ".json":
        yield unreadable(name, "unsupported", "a JSON file whose first line is not an article object")
        return
    try:
        data = fh.read(READ_LIMIT_BYTES + 1)
    except Inflated as err:  # a .gz bomb
        yield inflated(name, err)
        return
    except EOFError as err:  # a .gz that breaks off
        yield unreadable(name, "truncated", f"it cannot be decompressed to the end: {err}")
        return
    except (zlib.error, OSError) as err:  # a damaged .gz
        yield unreadable(name, "malformed", f"it cannot be decompressed: {err}")
        return
    if len(data) > READ_LIMIT_BYTES:
        yield too_large(name, len(data))
    elif sniff_feed(kind_name, head):
        yield from read_feed(data, name, published)
    else:
        yield read_document(data, name, published, kind_name)


def _is_warc(name: str, head: bytes) -> bool:
    return (PurePath(name).suffix.lower() in WARC_EXTENSIONS
            or head.lstrip().startswith((b"WARC/", b"filedesc://")))


def _is_jsonl(name: str, head: bytes) -> bool:
    suffix = PurePath(name).suffix.lower()
    if suffix in JSONL_EXTENSIONS:
        return True
    if suffix in TEXT_EXTENSIONS | HTML_EXTENSIONS:
        return False
    first = head.lstrip().split(b"\n", 1)[0].strip()
    return first.startswith(b"{") and first.endswith(b"}") and b'"' in first


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return b""


def _files_under(folder: Path) -> list[str | Unreadable]:
    """Every file below `folder`, hidden files and folders left out, in sorted path order;
    a folder that cannot be listed comes out as an `Unreadable`."""
    found: list[tuple[tuple[str, ...], str | Unreadable]] = []

    def cannot_list(err: OSError) -> None:
        name = err.filename or str(folder)
        found.append(((str(name),), unreadable(str(name), "unreadable", err.strerror or str(err))))

    for root, dirs, files in os.walk(folder, onerror=cannot_list):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file in files:
            if not file.startswith("."):
                path = Path(root, file)
                # A pipe or socket would block the batch; a dangling link has nothing to read.
                item = str(path) if path.is_file() else unreadable(
                    str(path), "unreadable", "not a regular file, or a link to nothing")
                found.append((path.parts, item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _guarded(name: str, read, *args) -> Iterator[Item]:
    """`read(*args)`'s documents; an unforeseen error ends that file with an `Unreadable`, not
    the batch."""
    try:
        yield from read(*args)
    except Exception as err:  # the batch must go on: a reader bug costs one file, not all
        detail = " ".join(f"{type(err).__name__}: {err}".split())[:200]
        yield unreadable(name, "unreadable", detail)
