"""WARC and WARC.gz: the HTML pages of response (and resource) records, as news crawls publish them.

Each page is named "path#OFFSET" (the record's byte offset, stable across runs). A damaged record
becomes an `Unreadable` and reading goes on from the next record that can be found; a file that
breaks off ends with one `Unreadable` saying it is truncated. Never raises on a bad file, and
never holds more than its limits (base.py): a record past them is skipped as too large.
"""
from __future__ import annotations

import copy
import gzip
import math
import zlib
from typing import BinaryIO, Callable, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader

from ..records import RawDocument
from .base import (HEADER_LIMIT_BYTES, READ_LIMIT_BYTES, Inflated, Unreadable, inflated,
                   inflation_limit, too_large, too_many_header_bytes, unreadable)
from .text import HTML_START, page_date

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_START = b"WARC/1."
WANTED_TYPES = {"response", "resource"}
BLOCK = 1 << 16


class _SkipRecord(Exception):
    """The record being read passes a limit: it becomes `unreadable_at(its name)`, and reading
    goes on at the next record."""

    def __init__(self, unreadable_at: Callable[[str], Unreadable]):
        super().__init__("the record passes a limit")
        self.unreadable_at = unreadable_at


class _DamagedMember(Exception):
    """The gzip member being read cannot be decompressed to its end."""


class _Allowance:
    """How many bytes the readers of one file may still inflate it to, all restarts together."""

    def __init__(self, limit: int):
        self.limit, self.used = limit, 0

    def spend(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise Inflated(self.used, self.limit)


class _BoundedReader(DecompressingBufferedReader):
    """warcio's reader, with limits: header lines (all that is read with readline between two
    reads of a body) take at most HEADER_LIMIT_BYTES, a gzip member inflates at most as far as
    `inflation_limit` of its compressed size, the whole file as far as its `_Allowance`; and a
    damaged gzip member raises, where warcio would print it and read on as if the file ended."""

    def __init__(self, stream: BinaryIO, allowance: _Allowance):
        super().__init__(stream)
        self.allowance, self.line_bytes = allowance, 0

    def _init_decomp(self, decomp_type):  # at each new gzip member too
        super()._init_decomp(decomp_type)
        self.member_in = self.member_out = 0

    def _decompress(self, data):
        if self.decompressor and data and self.num_block_read:  # partway into a member
            try:
                return self.decompressor.decompress(data)
            except zlib.error as err:
                raise _DamagedMember(f"a gzip member is damaged: {err}") from err
        return super()._decompress(data)  # on a first block, warcio tells gzip from plain

    def _process_read(self, data):
        super()._process_read(data)
        if not data:
            return
        self.member_in += len(data)
        self.member_out += self.buff_size
        if self.decompressor and self.member_out > inflation_limit(self.member_in):
            raise Inflated(self.member_out, inflation_limit(self.member_in))
        self.allowance.spend(self.buff_size)

    def readline(self, length=None):
        room = HEADER_LIMIT_BYTES - self.line_bytes + 1
        line = super().readline(room if length is None else min(length, room))
        self.line_bytes += len(line)
        if self.line_bytes > HEADER_LIMIT_BYTES:
            size = self.line_bytes
            raise _SkipRecord(lambda here: too_many_header_bytes(here, size))
        return line

    def read(self, length=None):
        self.line_bytes = 0
        return super().read(length)


class _AtMost:
    """The first `limit` bytes of a record's block, for its content stream: warcio de-chunks a
    whole HTTP chunk at once, whatever size it claims. `full`: the limit was reached."""

    def __init__(self, stream, limit: int):
        self.stream, self.left = stream, limit

    @property
    def full(self) -> bool:
        return self.left == 0

    def read(self, length=None):
        return self._taken(self.stream.read(self._room(length)) if self.left else b"")

    def readline(self, length=None):
        return self._taken(self.stream.readline(self._room(length)) if self.left else b"")

    def _room(self, length) -> int:
        return self.left if length is None or length < 0 else min(length, self.left)

    def _taken(self, data: bytes) -> bytes:
        self.left -= len(data)
        return data


class _Records(ArchiveIterator):
    """warcio's iterator, quiet, bounded (see _BoundedReader), and telling whether the last
    gzip member ended cleanly."""

    gzip_cut = False

    def __init__(self, fh: BinaryIO, allowance: _Allowance):
        super().__init__(fh)
        self.reader = _BoundedReader(self.fh, allowance)  # nothing has been read yet

    def _next_record(self, next_line):
        self.reader.line_bytes = len(next_line or b"")  # a new record's headers
        return super()._next_record(next_line)

    def _consume_blanklines(self):
        # warcio 1.8.1's own loop, less its warning on stderr (which would break a progress bar):
        # a record not followed by a blank line had a wrong Content-Length; err_count says so.
        empty_size, first_line = 0, True
        while True:
            line = self.reader.readline()
            if not line:
                return None, empty_size
            if not line.rstrip() or first_line:
                empty_size += len(line)
                self.err_count += bool(line.rstrip())
                first_line = False
                continue
            return line, empty_size

    def close(self):
        decompressor = self.reader.decompressor if self.reader else None
        self.gzip_cut = decompressor is not None and not getattr(decompressor, "eof", True)
        super().close()


def read_warc(fh: BinaryIO, name: str, published: str | None, start: int = 0,
              stop: int | None = None) -> Iterator[RawDocument | Unreadable]:
    """The pages in a seekable WARC file, then an `Unreadable` for each damaged stretch; a file
    with neither is one `Unreadable` too, so that it is recorded. With `start` and `stop` (two
    of `record_starts`), only the records in that byte range, named as in the whole file: the
    ranges of a file together give what the whole file gives, but that a range without pages
    gives nothing, and damage that crosses a range's end is reported in that range."""
    whole = start == 0 and stop is None
    if stop is not None:
        fh = _Window(fh, stop)
    size = fh.seek(0, 2)
    fh.seek(0)
    gz = fh.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    if whole and _is_blank(fh, size, gz):
        yield unreadable(name, "empty")
        return
    found = False
    for item in _read_records(fh, name, published, size, gz, start):
        found = True
        yield item
    if whole and not found:
        yield no_pages(name)


def no_pages(name: str) -> Unreadable:
    """A WARC that holds no page and no damage: recorded, so that it is not read for nothing again."""
    return unreadable(name, "no_entries", "a WARC without an HTML page in a 2xx response or a resource record")


def record_starts(fh: BinaryIO, every: int) -> list[int]:
    """Byte offsets that cut a seekable WARC file into ranges of about `every` bytes, each the
    start of a record, 0 first; found by looking at a few bytes near each cut, not by reading
    the records. A .warc.gz written as one gzip stream (no member per record) cannot be cut:
    [0]. In a plain WARC a cut must follow a record's closing blank line and begin a header
    that names its WARC-Type, so that "WARC/1.0" inside a page is never taken for a record."""
    size = fh.seek(0, 2)
    fh.seek(0)
    gz = fh.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    starts = [0]
    while starts[-1] + every < size:
        found = _next_record_start(fh, starts[-1] + every, gz)
        while found is not None and not gz and not _plain_record_at(fh, found):
            found = _next_record_start(fh, found + 1, gz)
        if found is None:
            break
        starts.append(found)
    return starts


class _Window:
    """A seekable file that ends at `stop`: the byte range of a WARC, read with absolute offsets."""

    def __init__(self, fh: BinaryIO, stop: int):
        self.fh, self.stop = fh, stop

    def read(self, size: int | None = -1) -> bytes:
        room = max(0, self.stop - self.fh.tell())
        return self.fh.read(room if size is None or size < 0 else min(size, room))

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.fh.seek(self.stop + offset) if whence == 2 else self.fh.seek(offset, whence)

    def tell(self) -> int:
        return self.fh.tell()


def _read_records(fh: BinaryIO, name: str, published: str | None, size: int, gz: bool,
                  first: int = 0) -> Iterator[RawDocument | Unreadable]:
    allowance = _Allowance(inflation_limit(size - first))
    start: int | None = first
    while start is not None:
        fh.seek(start)
        records = _Records(fh, allowance)
        failure, reported, end, done = None, False, start, 0
        try:
            for done, record in enumerate(records, start=1):
                item = _record(record, records, name, published, size)
                reported = isinstance(item, Unreadable) and item.rejection.code == "truncated"
                end = max(records.offset, start)  # where the next record starts
                if item is not None:
                    yield item
        except Exception as err:  # warcio meets damage with several types: ArchiveLoadFailed, zlib.error, ...
            failure = err
        if start == 0 and failure is not None and "non-chunked gzip" in str(failure):
            yield from _read_one_stream(fh, name, published, skip=done)
            return
        if failure is None and not records.gzip_cut and _only_blanks(fh, end, size):
            return
        if isinstance(failure, Inflated) and allowance.used > allowance.limit:
            yield inflated(f"{name}#{end}", failure)  # the whole file: read no further
            return
        start = _next_record_start(fh, end + 1, gz)
        if isinstance(failure, (_SkipRecord, Inflated)):
            yield (failure.unreadable_at(f"{name}#{end}") if isinstance(failure, _SkipRecord)
                   else inflated(f"{name}#{end}", failure))
        elif (isinstance(failure, _DamagedMember) or start is not None
              or not _looks_like_record(fh, end, gz)):
            detail = f"at byte {end}: {_one_line(failure) if failure else 'not a WARC record'}"
            yield unreadable(f"{name}#{end}", "malformed", detail)
        elif not reported:
            yield unreadable(f"{name}#{end}", "truncated", f"at byte {end} of {size}")


def _read_one_stream(fh: BinaryIO, name: str, published: str | None, skip: int):
    """A .warc.gz compressed as one gzip stream, not one member per record: readable in order,
    but past damage nothing can be found again. Offsets count bytes of the uncompressed WARC."""
    size = fh.seek(0, 2)
    fh.seek(0)
    stream = gzip.GzipFile(fileobj=fh)
    records, end = _Records(stream, _Allowance(inflation_limit(size))), 0
    try:
        for number, record in enumerate(records):
            item = _record(record, records, name, published, math.inf)
            if number >= skip and item is not None:  # the first `skip` records were read already
                yield item
            end = records.offset
        stream.read(1)  # a stream cut short says so here, if warcio took it for the end
    except _SkipRecord as err:  # past it nothing can be found again, as with damage
        yield err.unreadable_at(f"{name}#{end}")
    except Inflated as err:
        yield inflated(f"{name}#{end}", err)
    except Exception as err:
        code = "truncated" if isinstance(err, EOFError) else "malformed"
        yield unreadable(f"{name}#{end}", code, f"at byte {end} of the uncompressed WARC: "
                         f"{_one_line(err)}; what follows cannot be read, as the file is one gzip "
                         "stream: `warcio recompress` makes it one per record")


def _record(record, records: _Records, name: str, published: str | None, size: int):
    """A page, an `Unreadable` for a damaged record, or None for a record that holds no page."""
    length = record.rec_headers.get_header("Content-Length")
    if not (length or "").strip().isdigit():
        offset = records.get_record_offset()
        if records.offset >= size:  # the file ends inside the header
            return unreadable(f"{name}#{offset}", "truncated", f"in the header of the record at byte {offset}")
        return unreadable(f"{name}#{offset}", "malformed", f"Content-Length is {length!r}, not a number of bytes")
    content, problem, block = None, None, None
    if record.rec_type in WANTED_TYPES and _is_page(record):
        block = _AtMost(record.raw_stream, READ_LIMIT_BYTES + 1)
        limited = copy.copy(record)  # the same record, its content read through `block`
        limited.raw_stream = block
        try:
            content = limited.content_stream().read(READ_LIMIT_BYTES + 1)
        except (_SkipRecord, Inflated, _DamagedMember):
            raise
        except Exception as err:  # a damaged chunked or compressed HTTP body
            problem = f"its HTTP body cannot be decoded: {_one_line(err)}"
    missing = _drain(record.raw_stream)
    errors_before = records.err_count
    offset = records.get_record_offset()  # reads past the record's end: counts a bad length
    here = f"{name}#{offset}"
    if missing:
        return unreadable(here, "truncated", f"the record at byte {offset} lacks its last {missing} bytes")
    if records.err_count > errors_before or problem:
        return unreadable(here, "malformed", problem or f"the record at byte {offset} is longer than its Content-Length")
    if content is None or (content and not HTML_START.match(content[:2048]) and not _declared_html(record)):
        return None
    if len(content) > READ_LIMIT_BYTES or block.full:
        return too_large(here, int(length))
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(content=content, name=here, url=url, key=url, is_html=True,
                       fetched=record.rec_headers.get_header("WARC-Date"),
                       published=published and (page_date(content, url) or published))


def _is_page(record) -> bool:
    """A 2xx response (or a resource record) whose body is HTML, by its Content-Type or its start."""
    http = record.http_headers
    if http is not None and record.rec_type == "response":
        if not (http.get_statuscode() or "").startswith("2"):
            return False
        kind = http.get_header("Content-Type")
    else:
        kind = record.rec_headers.get_header("Content-Type")
    return kind is None or "html" in kind.lower()  # with none, the content is sniffed below


def _drain(stream) -> int:
    """Read the rest of a record's block; how many declared bytes never came (a cut file)."""
    while stream.read(BLOCK):
        pass
    return getattr(stream, "limit", 0)


def _declared_html(record) -> bool:
    http = record.http_headers if record.rec_type == "response" else None
    kind = (http or record.rec_headers).get_header("Content-Type") or ""
    return "html" in kind.lower()


def _is_blank(fh: BinaryIO, size: int, gz: bool) -> bool:
    """Whether the file holds nothing but blanks (or, a .gz, one member of nothing but blanks)."""
    if not gz:
        return _only_blanks(fh, 0, size)
    if size > BLOCK:
        return False
    fh.seek(0)
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        inner = inflate.decompress(fh.read(), BLOCK)
    except zlib.error:
        return False
    return inflate.eof and not inflate.unused_data and not inner.strip()


def _only_blanks(fh: BinaryIO, start: int, size: int) -> bool:
    if size - start > BLOCK:
        return False
    fh.seek(max(start, 0))
    return not fh.read().strip()


def _next_record_start(fh: BinaryIO, after: int, gz: bool) -> int | None:
    """The offset of the next readable record after a damaged one, or None if there is none."""
    mark = GZIP_MAGIC if gz else b"\n" + WARC_START
    pos = after - (0 if gz else 1)
    while True:
        fh.seek(pos)
        chunk = fh.read(BLOCK)
        if len(chunk) < len(mark):
            return None
        found = chunk.find(mark)
        if found < 0:
            pos += len(chunk) - len(mark) + 1
            continue
        candidate = pos + found + (0 if gz else 1)
        if not gz or _gzip_starts_record(fh, candidate):
            return candidate
        pos = candidate + 1


def _plain_record_at(fh: BinaryIO, offset: int) -> bool:
    fh.seek(offset - 4)
    data = fh.read(1028)
    return data.startswith(b"\r\n\r\n" + WARC_START) and b"\r\nWARC-Type:" in data


def _gzip_starts_record(fh: BinaryIO, offset: int) -> bool:
    return _head(fh, offset, True).startswith(WARC_START)


def _looks_like_record(fh: BinaryIO, offset: int, gz: bool) -> bool:
    """Whether the bytes at `offset` begin a WARC record, however short: a cut-off last record
    does, stray bytes at the end of a file do not."""
    head = _head(fh, offset, gz).lstrip()
    return head.startswith(WARC_START) or WARC_START.startswith(head)


def _head(fh: BinaryIO, offset: int, gz: bool) -> bytes:
    fh.seek(offset)
    data = fh.read(1024)
    if not gz:
        return data
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data)
    except zlib.error:
        return b""


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text[:200]
