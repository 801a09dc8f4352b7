"""The batch: documents read from paths, coded in isolated worker processes, stored by one writer.

The parent process reads, skips what the store holds already (so a killed run resumes where it
stopped, and a feed read again adds only what is new), hands the rest to the workers (workers.py)
and stores every result in its own transaction, in the order the documents were read, so that
the outcome never depends on which worker finished first. A bad document becomes a recorded
rejection; a fault of the machine (a full disk, a locked or damaged store, Ctrl-C) stops the
batch with what was stored kept, and the next run goes on from there.
"""
from __future__ import annotations

import sqlite3
import time
from itertools import chain
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .ingest import Unreadable, read_paths
from .ingest.web import Fetcher, FetchFailed, is_url, read_urls
from .options import Options
from .records import Extraction, RawDocument, Source
from .store import Store
from .workers import Fault, code_in_order, digest

# The store's own files, never read as articles when it lies in a folder being ingested.
STORE_SUFFIXES = ("", "-wal", "-shm", "-journal")


@dataclass
class IngestReport:
    """What one ingest did: counts by outcome, the time it took, and why it stopped early."""

    read: int = 0
    skipped: int = 0  # already in the store, same content
    coded: int = 0  # new articles
    updated: int = 0  # documents stored before with other content, replaced
    duplicates: int = 0  # articles stored already, now with one source more
    rejected: Counter = field(default_factory=Counter)  # code -> count
    events: int = 0
    seconds: float = 0.0
    stopped: str | None = None  # why the batch stopped before the end; None if it finished
    interrupted: bool = False  # stopped by Ctrl-C or SIGTERM
    fetch_failed: list[str] = field(default_factory=list)  # URLs not fetched now, tried next time
    groups: int | None = None  # real-world events in the store after dedup (None: dedup did not run)
    merged: int = 0  # of which told by more than one report

    @property
    def stored(self) -> int:
        return self.coded + self.updated + self.duplicates + sum(self.rejected.values())

    @property
    def per_second(self) -> float:
        return (self.read - self.skipped) / self.seconds if self.seconds else 0.0


def ingest(paths: Iterable[str], store: Store, options: Options, workers: int = 1,
           on_document: Callable[[IngestReport], None] | None = None,
           fetcher: Fetcher | None = None) -> IngestReport:
    """Code every document under `paths` (files, folders, "-", and http(s) URLs of pages and
    feeds) into `store`; `on_document` is told after each one.

    workers: processes that code (each loads the model once); 0 codes in this process, without
    the time budget and memory ceiling (for debugging). fetcher: how URLs are fetched (one is
    made when None; give one to keep its conditional requests across polls). Never raises for a
    bad document or a passing fault: `report.stopped` says why a batch ended early.
    """
    report, started = IngestReport(), time.perf_counter()
    paths = [str(p) for p in paths]
    urls, files = [p for p in paths if is_url(p)], [p for p in paths if not is_url(p)]
    own_files = {Path(str(store.path) + suffix).resolve() for suffix in STORE_SUFFIXES}
    documents = (d for d in read_paths(files, options.published)
                 if Path(d.name).resolve() not in own_files)  # the store inside a folder read
    if urls:
        fetched = read_urls(urls, fetcher or Fetcher(max_bytes=options.max_bytes), options.published,
                            known=lambda key: store.status(key, None) != "new")
        documents = chain(documents, _failures_noted(fetched, report))
    try:
        for source, result in code_in_order(_unseen(documents, store, report, on_document),
                                            options, workers):
            if isinstance(result, Fault):
                report.stopped = f"{result.reason}, while coding {source.name}"
                break
            _store(store, source, result, report)
            report.seconds = time.perf_counter() - started
            if on_document:
                on_document(report)
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM as the CLI turns it into one
        report.stopped, report.interrupted = "interrupted", True
    except (sqlite3.Error, OSError) as err:  # the store cannot be written: disk full, locked
        report.stopped = f"the store could not be written ({' '.join(str(err).split())})"
    if not report.stopped:  # the reports of one event, from this run's articles and earlier ones
        try:
            grouped = store.dedup()
            report.groups, report.merged = grouped.groups, grouped.merged
        except KeyboardInterrupt:
            report.stopped, report.interrupted = "interrupted while grouping (run eventwire dedup)", True
        except (sqlite3.Error, OSError) as err:
            report.stopped = f"the store could not be written ({' '.join(str(err).split())})"
    report.seconds = time.perf_counter() - started
    return report


def _failures_noted(documents: Iterable, report: IngestReport) -> Iterator:
    """The fetched documents, less the URLs that could not be fetched now (noted in `report`:
    not a verdict on them, so nothing is recorded and the next run asks again)."""
    for document in documents:
        if isinstance(document, FetchFailed):
            report.fetch_failed.append(f"{document.name}: {document.reason}")
        else:
            yield document


def _unseen(documents: Iterator, store: Store, report: IngestReport,
            on_document) -> Iterator[tuple[Source, RawDocument | Unreadable | None]]:
    """(source, document to code) for what the store does not hold yet; an unreadable document
    comes as (source, Unreadable) and is recorded without coding."""
    for document in documents:
        report.read += 1
        source = source_of(document)
        if store.status(source.key, source.digest) == "stored":
            report.skipped += 1
            if on_document:
                on_document(report)
            continue
        yield source, document


def source_of(document: RawDocument | Unreadable) -> Source:
    """The document as the store knows it: its key, content digest and where it came from."""
    if isinstance(document, Unreadable):  # nothing to hash: known by where it was read
        return Source(key=document.name, digest=None, name=document.name)
    content_hash = digest(document)
    return Source(key=document.key or f"sha256:{content_hash}", digest=content_hash,
                  name=document.name, url=document.url, source=document.source,
                  title=document.title, published=document.published, fetched=document.fetched)


def _store(store: Store, source: Source, result: Extraction | Unreadable, report: IngestReport) -> None:
    if isinstance(result, Unreadable):
        if store.add_unreadable(source, result.rejection):
            report.rejected[result.rejection.code] += 1
        else:
            report.skipped += 1
        return
    outcome = store.add(source, result)
    if outcome in ("coded", "updated"):
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.events += len(result.events)
    elif outcome == "duplicate":
        report.duplicates += 1
    elif outcome == "stored":  # stored meanwhile by a second ingest running beside this one
        report.skipped += 1
    else:
        report.rejected[result.article.rejected.code] += 1

