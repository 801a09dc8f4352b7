"""Fuzzing the read and clean stages: seeded mutations of real inputs built here.

Every mutated file must be read without an exception and without hanging, into RawDocuments
and Unreadables with catalogued codes; every RawDocument must clean without an exception; and a
batch of them must leave every input accounted for in the store. Deterministic: each case is
one fixed seed, so a failure names the seed that reproduces it.
"""
from __future__ import annotations

import contextlib
import gzip
import json
import random
import signal

import pytest

from eventwire.batch import ingest, source_of
from eventwire.errors import REJECTIONS
from eventwire.ingest import Unreadable, read_paths
from eventwire.options import Options
from eventwire.pipeline import Pipeline
from eventwire.records import RawDocument
from eventwire.store import Store

from .ingest.test_read import ARTICLE, ATOM, PAGE, RSS, build_warc

MUTATIONS_PER_INPUT = 40
END_TO_END_DOCUMENTS = 40
# A read or clean of these small files takes well under a second; past this it hangs.
HANG_SECONDS = 20
# Bytes that mean something to one of the readers, inserted as often as random ones.
MARKERS = [b"\n", b"\r\n", b"\r\n\r\n", b"{", b'"}', b"\x00", b"\xff", b"\xe2\x80", b"<", b"]]>",
           b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b"\x1f\x8b\x08", b"<?xml ",
           b"Transfer-Encoding: chunked\r\n", b"ffffffff\r\n", b"&#", b"<html>", b"\xef\xbb\xbf"]


def _inputs() -> dict[str, bytes]:
    """One real input of each kind the read stage knows, keyed by its file name."""
    rows = [json.dumps({"text": ARTICLE, "url": "http://news.example.org/1", "title": "Floods",
                        "published": "2021-02-17T22:00:00Z"}),
            json.dumps({"html": PAGE, "source": "Example News"}),
            json.dumps({"body": ARTICLE.upper(), "date": "26-FEB-1987 15:01:01.79"})]
    lines = ("\n".join(rows) + "\n").encode()
    return {
        "page.html": PAGE.encode(),
        "article.txt": ARTICLE.encode(),
        "batch.jsonl": lines,
        "batch.jsonl.gz": gzip.compress(lines),
        "crawl.warc": build_warc(False)[0],
        "crawl.warc.gz": build_warc(True)[0],
        "news.rss": RSS.encode(),
        "wire.atom": ATOM.encode(),
    }


INPUTS = _inputs()


def mutate(data: bytes, seed: int) -> bytes:
    """`data` with one to four seeded byte flips, truncations, insertions, deletions or
    duplicated chunks."""
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        where = rng.randrange(len(out) + 1)
        size = rng.choice([1, 2, 8, 64, 512])
        kind = rng.choice(["flip", "truncate", "insert", "delete", "duplicate"])
        if kind == "flip" and out:
            for at in range(where, min(where + size, len(out))):
                out[at] ^= rng.randrange(1, 256)
        elif kind == "truncate":
            del out[where:]
        elif kind == "insert":
            noise = rng.choice(MARKERS) if rng.random() < 0.5 else rng.randbytes(size)
            out[where:where] = noise
        elif kind == "delete":
            del out[where:where + size]
        else:
            out[where:where] = out[rng.randrange(len(out) + 1):][:size * 8]
        if not out:
            break
    return bytes(out)


class Hang(BaseException):
    """Not an Exception: the readers turn those into Unreadables, and this must get out."""


@contextlib.contextmanager
def deadline(seconds: int):
    def expire(*_):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def clean():
    return Pipeline(only=["clean"])


def check_read(path) -> list:
    """What `read_paths` makes of `path`, checked: only catalogued outcomes, within the time."""
    with deadline(HANG_SECONDS):
        items = list(read_paths([path]))
    assert items, "a file left no record at all"
    for item in items:
        assert isinstance(item, (RawDocument, Unreadable)), item
        assert item.name.startswith(str(path)), item.name
        if isinstance(item, Unreadable):
            assert item.rejection.code in REJECTIONS and item.rejection.reason
            # The file is there to read: "unreadable" would be a reader's exception, caught.
            assert item.rejection.code != "unreadable", item.rejection.reason
    return items


@pytest.mark.parametrize("seed", range(MUTATIONS_PER_INPUT))
@pytest.mark.parametrize("file_name", sorted(INPUTS))
def test_fuzz_read_and_clean_never_raise(tmp_path, clean, file_name, seed):
    path = tmp_path / file_name
    path.write_bytes(mutate(INPUTS[file_name], seed))
    for item in check_read(path):
        if isinstance(item, RawDocument):
            with deadline(HANG_SECONDS):
                extraction = clean(item)
            rejected = extraction.article.rejected
            assert rejected is None or rejected.code in REJECTIONS


def test_fuzz_unmutated_inputs_are_read_whole(tmp_path, clean):
    """The fuzz starts from inputs that read and clean cleanly, so that it tests the damage."""
    for file_name, data in INPUTS.items():
        path = tmp_path / file_name
        path.write_bytes(data)
        items = check_read(path)
        assert all(isinstance(item, RawDocument) for item in items), file_name
        assert all(clean(item).article.rejected is None for item in items), file_name


def test_fuzz_batch_accounts_for_every_input(tmp_path):
    """Forty mutated files of every kind, ingested: every document read ends in the store under
    its key (coded, a second source, rejected or unreadable; mutated copies of one feed entry
    share its key, so they are one document), none vanishes and the batch does not fail."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    kinds = sorted(INPUTS)
    paths = []
    for number in range(END_TO_END_DOCUMENTS):
        file_name = kinds[number % len(kinds)]
        path = folder / f"{number:02d}-{file_name}"
        path.write_bytes(mutate(INPUTS[file_name], 1000 + number))
        paths.append(path)
    items = [item for path in paths for item in check_read(path)]
    assert len({item.name for item in items}) == len(items)
    with Store(tmp_path / "events.db") as store:
        with deadline(10 * HANG_SECONDS):
            report = ingest([str(path) for path in paths], store, Options(), workers=1)
        stored = {key for (key,) in store._db.execute("SELECT key FROM documents")}
    assert report.read == len(items) >= END_TO_END_DOCUMENTS and report.stopped is None
    assert {source_of(item).key for item in items} == stored
