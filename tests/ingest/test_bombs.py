"""Decompression bombs and oversized lines: rejected as too large within a fixed memory budget,
and the rest of the file still read.

Each bomb is built here: a gzip member that inflates to a gigabyte of one byte, made from one
compressed block repeated (a full flush makes every block the same), so that it takes a
fraction of a second to build. Peak memory is measured in a fresh interpreter.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import struct
import subprocess
import sys
import zlib

import pytest
from warcio.warcwriter import WARCWriter

from eventwire.ingest import base, jsonl, read_paths

from .test_read import PAGE, _response, codes, names, read

GIGABYTE = 1 << 30
MEGABYTE = 1 << 20
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"


def gzip_bomb(prefix: bytes, size: int, suffix: bytes = b"", fill: bytes = b"a") -> bytes:
    """One gzip member inflating to `prefix`, about `size` bytes of `fill` repeated (whole
    megabyte blocks of it), then `suffix`."""
    block_bytes = fill * (MEGABYTE // len(fill))
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = deflate.compress(prefix) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(block_bytes) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = deflate.compress(suffix) + deflate.flush()
    blocks = size // len(block_bytes)
    crc = zlib.crc32(prefix)
    for _ in range(blocks):
        crc = zlib.crc32(block_bytes, crc)
    crc = zlib.crc32(suffix, crc)
    total = len(prefix) + blocks * len(block_bytes) + len(suffix)
    return GZIP_HEADER + head + block * blocks + tail + struct.pack("<II", crc, total & 0xFFFFFFFF)


def warc_head(kind: str, url: str, length: int, extra: str = "") -> bytes:
    return (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2021-02-19T08:30:00Z\r\n{extra}Content-Length: {length}\r\n\r\n").encode()


def http_bomb(headers: bytes, body_prefix: bytes, size: int, body_suffix: bytes) -> bytes:
    """A response record whose HTTP part is `headers`, `body_prefix`, `size` bytes of "a" and
    `body_suffix`, as one gzip member."""
    http = headers + body_prefix
    length = len(http) + size + len(body_suffix)
    return gzip_bomb(warc_head("response", "http://news.example.org/bomb", length) + http, size,
                     body_suffix + b"\r\n\r\n")


def bomb_warc(size: int = GIGABYTE) -> bytes:
    """A WARC.gz of five pages with four bombs between them: a WARC header line, an HTTP header
    line, an HTML body and one HTTP chunk, each `size` bytes long."""
    ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    bombs = [
        gzip_bomb(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/", size,
                  b"\r\nContent-Length: 0\r\n\r\n\r\n\r\n"),
        http_bomb(b"HTTP/1.1 200 OK\r\nX-Filler: ", b"", size, b"\r\n\r\n<html></html>"),
        http_bomb(ok + b"\r\n", b"<!DOCTYPE html><html><body><p>", size, b"</p></body></html>"),
        http_bomb(ok + b"Transfer-Encoding: chunked\r\n\r\n", f"{size:x}\r\n".encode(), size,
                  b"\r\n0\r\n\r\n"),
    ]
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for number in range(5):
        writer.write_record(_response(writer, f"http://news.example.org/{number}",
                                      PAGE.replace("Valley", f"Valley {number}")))
        if number < len(bombs):
            out.write(bombs[number])
    return out.getvalue()


PEAK = """
import resource, sys
from eventwire.ingest import read_paths
codes = [getattr(getattr(i, "rejection", None), "code", "doc") for i in read_paths(sys.argv[1:])]
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, " ".join(codes))
"""


def peak_bytes(*paths) -> tuple[int, list[str]]:
    """The peak resident memory of a fresh interpreter that reads `paths`, and what it read."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, "-c", PEAK, *map(str, paths)], env=env, check=True,
                         capture_output=True, text=True, timeout=300).stdout.split()
    return int(out[0]), out[1:]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """What a fresh interpreter takes to read a small WARC.gz and JSON Lines file."""
    folder = tmp_path_factory.mktemp("small")
    (folder / "small.warc.gz").write_bytes(bomb_warc(size=MEGABYTE))
    (folder / "small.jsonl").write_text(json.dumps({"text": "x" * MEGABYTE}) + "\n")
    return peak_bytes(folder / "small.warc.gz", folder / "small.jsonl")[0]


def test_bombs_jsonl_gz_within_budget(tmp_path, baseline):
    """A 0.5 MB .jsonl.gz whose first line inflates to half a gigabyte (read whole, it took 2.5
    times that): one too_large, within budget."""
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip_bomb(b'{"text": "', GIGABYTE // 2, b'"}\n{"text": "after"}\n'))
    peak, found = peak_bytes(path)
    print("jsonl.gz bomb: peak above baseline", peak - baseline)
    assert peak - baseline < base.READ_MEMORY_BUDGET_BYTES, peak - baseline
    assert found == ["too_large"]
    [item] = read(path)
    assert item.name == f"{path}:1" and "decompression bombs" in item.rejection.reason


def test_bombs_warc_gz_within_budget_rest_read(tmp_path, baseline):
    """Four bomb records (a WARC header, an HTTP header, an HTML body, an HTTP chunk of a
    gigabyte each) become too_large, and the five pages around them are read."""
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(bomb_warc())
    assert path.stat().st_size < 5 * MEGABYTE
    peak, found = peak_bytes(path)
    print("warc.gz bombs: peak above baseline", peak - baseline)
    assert peak - baseline < base.READ_MEMORY_BUDGET_BYTES, peak - baseline
    assert found == ["doc", "too_large"] * 4 + ["doc"]


def test_bombs_warc_gz_small_bombs_named(tmp_path, monkeypatch):
    """The same file, its bombs (3 MB, inflating less than GZIP_RATIO_LIMIT-fold) past smaller
    limits, read in this process: where each is, and which limit it passes."""
    monkeypatch.setattr(base, "READ_LIMIT_BYTES", MEGABYTE)
    monkeypatch.setattr("eventwire.ingest.warc.READ_LIMIT_BYTES", MEGABYTE)
    monkeypatch.setattr(base, "HEADER_LIMIT_BYTES", 64 * 1024)
    monkeypatch.setattr("eventwire.ingest.warc.HEADER_LIMIT_BYTES", 64 * 1024)
    monkeypatch.setattr(base, "GZIP_RATIO_LIMIT", 5000)  # so that only the limits above count
    data = bomb_warc(size=3 * MEGABYTE)
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(data)
    items = read(path)
    assert codes(items) == ["doc", "too_large"] * 4 + ["doc"]
    assert [item.url for item in items[::2]] == [f"http://news.example.org/{n}" for n in range(5)]
    offsets = [int(name.rsplit("#", 1)[1]) for name in names(items)]
    assert all(data[offset:].startswith(gzip.compress(b"")[:3]) for offset in offsets)
    header, http_header, body, chunk = (item.rejection.reason for item in items[1::2])
    assert "headers alone" in header and "headers alone" in http_header
    assert "never reads a document this large" in body and "never reads" in chunk


@pytest.mark.parametrize("gz", [False, True])
def test_bombs_jsonl_long_line_skipped_next_read(tmp_path, monkeypatch, gz):
    """A line over the read limit becomes one too_large, with its real size, and the lines after
    it are read; the line is never held whole."""
    monkeypatch.setattr(jsonl, "READ_LIMIT_BYTES", 1000)
    monkeypatch.setattr(jsonl, "SKIP_BLOCK_BYTES", 64)
    long_line = json.dumps({"text": "word " * 1000}) + "\n"
    rows = json.dumps({"text": "first"}) + "\n" + long_line + json.dumps({"text": "third"}) + "\n"
    path = tmp_path / ("long.jsonl.gz" if gz else "long.jsonl")
    path.write_bytes(gzip.compress(rows.encode()) if gz else rows.encode())
    items = read(path)
    assert codes(items) == ["doc", "too_large", "doc"]
    assert names(items) == [f"{path}:{n}" for n in (1, 2, 3)]
    assert f"is {len(long_line)} bytes" in items[1].rejection.reason
    assert items[2].content == "third"


def test_bombs_gzip_file_over_ratio_ends_too_large(tmp_path):
    """A .jsonl.gz that inflates past GZIP_RATIO_LIMIT times its size, in lines that are each
    fine, ends with one too_large after the lines read before the limit."""
    row = b'{"text": "' + b"a" * 9987 + b'"}\n'  # 10,000 bytes
    path = tmp_path / "flat.jsonl.gz"
    path.write_bytes(gzip_bomb(b"", 150_000_000, fill=row))
    assert path.stat().st_size * base.GZIP_RATIO_LIMIT < base.READ_LIMIT_BYTES
    items = list(read_paths([path]))
    assert set(codes(items[:-1])) == {"doc"} and codes(items)[-1] == "too_large"
    assert len(items) - 1 == base.READ_LIMIT_BYTES // len(row)
    assert "decompression bombs" in items[-1].rejection.reason
