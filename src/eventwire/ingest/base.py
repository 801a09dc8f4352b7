"""What every reader shares: the `Unreadable` record and the limits on reading (dates: records.read_date).

Readers never raise on bad input; they yield an `Unreadable` naming the document and why.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from ..errors import HEADERS_OVER_LIMIT, INFLATES_LIKE_A_BOMB, OVER_READ_LIMIT, reject
from ..records import Rejection

# Past this a document is not read into memory at all: ten times Options.max_bytes' default, so
# the clean stage (which rejects over 10 MB) still sees every size it can report on.
READ_LIMIT_BYTES = 100_000_000
# What a WARC record's headers (WARC and HTTP, one line or all of them) may take. Servers and
# browsers refuse far less (Apache 8 KB a line, nginx 4 x 8 KB, Node.js 16 KB in all; Chromium
# 256 KB of response headers); a megabyte is well past any real record and costs little to hold.
HEADER_LIMIT_BYTES = 1_000_000
# How many times its own size a compressed file (or one gzip member of a WARC) may inflate to,
# past READ_LIMIT_BYTES, before it is taken for a bomb. Real news HTML gzips 2.6 to 8.3-fold
# (181 pages of the extraction benchmark, median 4.5), the Reuters JSON Lines sample 3.1-fold,
# and the most repetitive file one could still call a corpus (one 110-byte JSON line 100,000
# times) 294-fold; deflate cannot pass 1032-fold, where bombs (one byte repeated) sit.
GZIP_RATIO_LIMIT = 500
# The most memory reading one file may take, above the interpreter's own, whatever the input:
# a document at READ_LIMIT_BYTES and the copies made of it on the way (a line's pieces joined,
# its JSON decoded), with room to spare. Measured: a 95 MB JSON line takes 2.9 times its size
# (3.6 times from a .jsonl.gz); the bombs of tests/ingest/test_bombs.py 1.8 (JSON Lines) and
# 2.0 (WARC) times READ_LIMIT_BYTES, where read whole they took over 1 and 3 GB. Those tests
# hold the read stage to it.
READ_MEMORY_BUDGET_BYTES = 4 * READ_LIMIT_BYTES



@dataclass(frozen=True)
class Unreadable:
    """A document or container that could not be read at all."""

    name: str
    rejection: Rejection

    def __str__(self) -> str:
        return f"{self.name}: {self.rejection.reason}"


def unreadable(name: str, code: str, detail: str = "", **fields: object) -> Unreadable:
    return Unreadable(name=name, rejection=reject(code, detail, **fields))


def too_large(name: str, size: int, at_least: bool = False) -> Unreadable:
    """A document over READ_LIMIT_BYTES; `at_least`: reading stopped before its end."""
    detail = f"at least {size}" if at_least else str(size)
    return unreadable(name, "too_large", detail, limit=READ_LIMIT_BYTES, to_do=OVER_READ_LIMIT)


def too_many_header_bytes(name: str, size: int) -> Unreadable:
    return unreadable(name, "too_large", f"at least {size}", limit=HEADER_LIMIT_BYTES,
                      to_do=HEADERS_OVER_LIMIT)


def inflation_limit(compressed_size: int) -> int:
    """How many bytes a compressed file (or member) of this size may inflate to."""
    return max(READ_LIMIT_BYTES, GZIP_RATIO_LIMIT * compressed_size)


class Inflated(Exception):
    """A compressed file or member inflated past its limit: taken for a bomb, read no further."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"inflated to at least {size} bytes, over the limit of {limit}")
        self.size, self.limit = size, limit


def inflated(name: str, err: Inflated) -> Unreadable:
    return unreadable(name, "too_large", f"at least {err.size}", limit=err.limit,
                      to_do=INFLATES_LIKE_A_BOMB.format(ratio=GZIP_RATIO_LIMIT))


class Inflating:
    """A decompressing stream (`gzip.GzipFile`) that raises `Inflated` once it has given more
    than `limit` bytes; it never asks its stream for more than one byte past the limit."""

    def __init__(self, stream: BinaryIO, limit: int):
        self.stream, self.limit, self.given = stream, limit, 0

    def read(self, size: int | None = -1) -> bytes:
        return self._counted(self.stream.read(self._room(size)))

    def readline(self, size: int | None = -1) -> bytes:
        return self._counted(self.stream.readline(self._room(size)))

    def _room(self, size: int | None) -> int:
        room = self.limit - self.given + 1
        return room if size is None or size < 0 else min(size, room)

    def _counted(self, data: bytes) -> bytes:
        self.given += len(data)
        if self.given > self.limit:
            raise Inflated(self.given, self.limit)
        return data

