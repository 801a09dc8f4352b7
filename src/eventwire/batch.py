"""The batch: documents read from paths, coded by N worker processes, stored by one writer.

Workers each load the model once and code documents; the parent process reads, skips what the
store has already seen (so a killed run resumes where it stopped) and writes every result in its
own transaction. A document that breaks a worker becomes a recorded rejection, never a crash.
"""
from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .errors import reject
from .ingest import Unreadable, read_paths
from .options import Options
from .records import Article, Extraction, RawDocument
from .store import Store

# Documents handed to a worker at a time: large enough to keep the pipe busy, small enough that
# a kill loses little work (a chunk is coded again on resume). Chosen on the Reuters sample.
CHUNK_SIZE = 8

# Chunks per worker read ahead: the workers idle only while the last chunks of a batch finish.
BATCH_CHUNKS = 8

# The store's own files, never read as articles when it lies in a folder being ingested.
STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")

_PIPELINE = None  # one per worker process, built by _start_worker


@dataclass
class IngestReport:
    """What one ingest did: counts by outcome and the time it took."""

    read: int = 0
    skipped: int = 0  # already in the store from an earlier run
    coded: int = 0
    duplicates: int = 0
    rejected: Counter = field(default_factory=Counter)  # code -> count
    events: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return (self.read - self.skipped) / self.seconds if self.seconds else 0.0


def ingest(paths: Iterable[str], store: Store, options: Options, workers: int = 1,
           on_document: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Code every document under `paths` into `store`; `on_document` is told after each one."""
    report, started = IngestReport(), time.perf_counter()
    own_files = {Path(str(store.path) + suffix).resolve() for suffix in STORE_SUFFIXES}
    documents = (d for d in read_paths(paths, options.published)
                 if Path(d.name).resolve() not in own_files)  # the store inside a folder read
    pending = _unseen(documents, store, report, on_document)
    for name, result in _coded(pending, options, workers):
        _store(store, name, result, report)
        report.seconds = time.perf_counter() - started
        if on_document:
            on_document(report)
    report.seconds = time.perf_counter() - started
    return report


def _unseen(documents, store: Store, report: IngestReport, on_document) -> Iterator:
    for document in documents:
        report.read += 1
        if store.seen(document.name):
            report.skipped += 1
            if on_document:
                on_document(report)
            continue
        yield document


def _coded(documents: Iterator, options: Options, workers: int) -> Iterator[tuple[str, object]]:
    """(name, Extraction or Unreadable) for each document, from worker processes or in-process."""
    unreadable: list[Unreadable] = []

    def raws() -> Iterator[RawDocument]:
        for document in documents:
            if isinstance(document, Unreadable):
                unreadable.append(document)
                continue
            yield document

    def drain() -> Iterator[tuple[str, object]]:
        while unreadable:
            item = unreadable.pop(0)
            yield item.name, item

    if workers <= 1:
        for raw in raws():
            if _PIPELINE is None or _PIPELINE.options != options:
                _start_worker(options)  # only when there is something to code
            yield from drain()
            yield _code(raw)
    else:
        context = multiprocessing.get_context("spawn")  # no fork of a loaded model or open db
        with context.Pool(workers, initializer=_start_worker, initargs=(options,)) as pool:
            # Read and check the store here, in this thread (SQLite connections stay in theirs),
            # a bounded batch at a time, so memory stays flat however large the input.
            for batch in _batches(raws(), workers * CHUNK_SIZE * BATCH_CHUNKS):
                yield from pool.imap_unordered(_code, batch, chunksize=CHUNK_SIZE)
                yield from drain()
    yield from drain()


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _start_worker(options: Options) -> None:
    global _PIPELINE
    from .pipeline import Pipeline

    _PIPELINE = Pipeline(options)


def _code(raw: RawDocument) -> tuple[str, Extraction]:
    try:
        return raw.name, _PIPELINE(raw)
    except Exception as error:  # one bad document must not end the batch
        detail = f"{type(error).__name__}: {error}"[:200]
        article = Article(id=f"failed:{raw.name}", url=raw.url, source=raw.source, title=raw.title,
                          published=raw.published, language=None, text="",
                          rejected=reject("internal", detail))
        return raw.name, Extraction(article=article)


def _store(store: Store, name: str, result, report: IngestReport) -> None:
    if isinstance(result, Unreadable):
        store.add_unreadable(name, result.rejection)
        report.rejected[result.rejection.code] += 1
        return
    outcome = store.add(name, result)
    if outcome == "coded":
        report.coded += 1
        report.events += len(result.events)
    elif outcome == "duplicate":
        report.duplicates += 1
    else:
        report.rejected[result.article.rejected.code] += 1
