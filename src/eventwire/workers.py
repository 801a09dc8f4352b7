"""Isolated coding: documents coded in worker processes, each under a time budget and a memory
ceiling, results handed back in the order the documents came.

A worker that crashes, hangs or outgrows its ceiling is replaced (pebble's process pool), and its
document comes back as a rejection saying which (`crashed`, `timeout`, `too_large`); a passing
fault of the machine (a full disk, memory exhausted) comes back as a `Fault`, for the batch to
stop on. It reads and writes no store.
"""
from __future__ import annotations

import errno
import hashlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, Callable, Iterator, TypeVar

from .errors import EventwireError, reject
from .options import Options
from .records import Article, Extraction, RawDocument

T = TypeVar("T")

# Tasks in flight per worker: enough that no worker waits for the next one while results are
# handed back in order behind a slow document; few enough that a stop loses little work.
IN_FLIGHT_PER_WORKER = 8
# How often the workers' memory is read: the parse of a long text grows a worker by at most a
# few hundred MB a second, so 0.2 s overshoots the ceiling by little.
WATCH_INTERVAL_S = 0.2
# A task whose worker died is run once more before it is called a crash: the kill may have been
# the machine's (the OOM killer choosing a big neighbour, an operator), not the document's.
CRASH_RETRIES = 1
# pebble gives up its whole pool ("All workers expired", BrokenProcessPool) when a worker dies
# before it has told which task it took: the pool is started afresh and the tasks it held are
# run again, at most this many times in one batch before they are called crashes.
POOL_RENEWALS = 10
# OS errors of the machine, not of the document: the batch stops and the next run codes the rest.
PASSING_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EDQUOT, errno.ENOMEM, errno.EMFILE,
                  errno.ENFILE, errno.EROFS}

_PIPELINE = None  # one per process, built by _start_worker


@dataclass(frozen=True)
class Fault:
    """A passing fault of the machine while coding a document: not the document's doing."""

    reason: str


@dataclass(frozen=True)
class Failed:
    """A task whose worker was stopped: `code` is timeout, too_large (memory) or crashed."""

    code: str
    detail: str


@dataclass(frozen=True)
class Limits:
    """What one task may take in a worker."""

    time_budget: float  # seconds of wall time, from when a worker takes the task
    memory_limit_mb: int  # resident memory of the worker, whatever it loaded included


def digest(raw: RawDocument) -> str:
    """The hash of a document's content and of what its container says of it (title, source,
    URL), which keys it when its container gives no identity: two feed items with no text but
    other titles are two documents. Not its date, which may be the caller's --published."""
    content = raw.content.encode("utf-8") if isinstance(raw.content, str) else raw.content
    said = "\x1f".join(field or "" for field in (raw.title, raw.source, raw.url))
    return hashlib.sha256(said.encode("utf-8") + b"\x1e" + content).hexdigest()[:32]


def code_in_order(items: Iterator[tuple[T, object]], options: Options,
                  workers: int) -> Iterator[tuple[T, object]]:
    """(tag, result) for each (tag, document), in the order given: an `Extraction` (coded or
    rejected) or a `Fault` for each `RawDocument`; anything else (an `Unreadable`) passes
    through as it is, in its place.

    workers >= 1: in isolated processes under `options.time_budget` and `options.memory_limit_mb`;
    workers == 0: in this process, without isolation (for debugging and quick library use).
    """
    if workers <= 0:
        for tag, raw in items:
            yield tag, (_code(raw, options) if isinstance(raw, RawDocument) else raw)
        return
    limits = Limits(options.time_budget, options.memory_limit_mb)
    tasks = (((tag, raw), (raw, options) if isinstance(raw, RawDocument) else raw) for tag, raw in items)
    for (tag, raw), result in run_isolated(_code, tasks, workers, limits, _start_worker, (options,)):
        if isinstance(result, Failed):
            fields = {"message": "over_memory", "limit": result.detail} if result.code == "too_large" else {}
            result = rejected(raw, result.code, result.detail, **fields)
        yield tag, result


def run_isolated(function: Callable, tasks: Iterator[tuple[T, Any]], workers: int, limits: Limits,
                 initializer: Callable | None = None, initargs: tuple = ()) -> Iterator[tuple[T, Any]]:
    """(tag, function(*args)) for each (tag, args) in the order given, each run in one of
    `workers` processes under `limits`; a `Failed` where the worker had to be stopped. A task
    that is not a tuple of arguments passes through as it is."""
    yield from _Supervisor(function, workers, limits, initializer, initargs).run(tasks)


class _Supervisor:
    """The pool of worker processes and the watch on their memory."""

    def __init__(self, function, workers, limits, initializer, initargs):
        self.function, self.workers, self.limits = function, workers, limits
        self.initializer, self.initargs = initializer, initargs
        self.pool = self._new_pool()
        self.renewals = 0
        self.over_memory: set[int] = set()  # pids the watch killed
        self._stop = threading.Event()

    def _new_pool(self):
        from pebble import ProcessPool

        return ProcessPool(max_workers=self.workers, initializer=_start_process,
                           initargs=(self.initializer, self.initargs),
                           context=multiprocessing.get_context("spawn"))  # no fork of a loaded model

    def _renew_pool(self) -> bool:
        """A new pool in place of a broken one (True), unless this batch has renewed too often."""
        if self.pool.active:
            return True  # another task's failure renewed it already
        if self.renewals >= POOL_RENEWALS:
            return False
        self.renewals += 1
        self.pool.stop()
        self.pool.join()
        self.pool = self._new_pool()
        return True

    def run(self, tasks):
        watch = threading.Thread(target=self._watch_memory, daemon=True)
        watch.start()
        pending: deque = deque()
        try:
            for tag, args in tasks:
                pending.append((tag, args, self._schedule(args) if isinstance(args, tuple) else None))
                while len(pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                    yield self._result(*pending.popleft())
            while pending:
                yield self._result(*pending.popleft())
        finally:
            self._stop.set()
            self.pool.stop()  # kills what is still running: a stopped batch leaves no workers
            self.pool.join()
            watch.join()

    def _schedule(self, args: tuple):
        return self.pool.schedule(self.function, args, timeout=self.limits.time_budget)

    def _result(self, tag, args, future, tries: int = 0):
        from concurrent.futures.process import BrokenProcessPool

        from pebble import ProcessExpired

        if future is None:
            return tag, args
        try:
            return tag, future.result()
        except FutureTimeout:
            return tag, Failed("timeout", f"{self.limits.time_budget:g}")
        except BrokenProcessPool:  # the pool's fault, not the document's: run it again
            if self._renew_pool():
                return self._result(tag, args, self._schedule(args), tries)
            return tag, Failed("crashed", "the worker pool broke down repeatedly")
        except ProcessExpired as expired:
            if expired.pid in self.over_memory:
                return tag, Failed("too_large", f"{self.limits.memory_limit_mb}")
            if tries < CRASH_RETRIES:
                return self._result(tag, args, self._schedule(args), tries + 1)
            return tag, Failed("crashed", _exit_detail(expired.exitcode))

    def _watch_memory(self) -> None:
        """Kill a worker over the memory ceiling, from outside: a worker busy in C code holding
        the GIL cannot be trusted to watch itself."""
        import psutil

        limit = self.limits.memory_limit_mb * 2 ** 20
        me = psutil.Process()
        while not self._stop.wait(WATCH_INTERVAL_S):
            for child in me.children():
                try:
                    if child.memory_info().rss > limit:
                        self.over_memory.add(child.pid)
                        child.kill()
                except psutil.Error:  # it ended meanwhile
                    continue


def _start_process(initializer: Callable | None, initargs: tuple) -> None:
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _exit_with_parent(parent: int) -> None:
    """A worker whose batch was killed (kill -9, a closed terminal) ends instead of living on."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _start_worker(options: Options) -> None:
    try:
        _start_pipeline(options)
    except Exception:  # never fail here (pebble would start the worker again and again):
        pass           # the first document meets the same error in _code, which says it


def _start_pipeline(options: Options) -> None:
    global _PIPELINE
    from .pipeline import Pipeline

    _PIPELINE = Pipeline(options)


def _code(raw: RawDocument, options: Options) -> Extraction | Fault:
    try:
        if _PIPELINE is None or _PIPELINE.options != options:
            _start_pipeline(options)
        return _PIPELINE(raw)
    except MemoryError:
        return Fault("the machine ran out of memory")
    except OSError as err:
        if err.errno in PASSING_ERRNOS:
            return Fault(f"{os.strerror(err.errno)} ({err.filename or 'while coding'})")
        return rejected(raw, "internal", _detail(err))
    except EventwireError as err:  # the machine's setup (no model installed), not the document
        return Fault(str(err))
    except Exception as err:  # one bad document must not end the batch
        return rejected(raw, "internal", _detail(err))


def rejected(raw: RawDocument, code: str, detail: str, **fields) -> Extraction:
    """The extraction of a document that could not be coded, with the catalogue's reason."""
    article = Article(id=f"failed:{raw.name}", url=raw.url, source=raw.source, title=raw.title,
                      published=raw.published, language=None, text="",
                      rejected=reject(code, detail, **fields))
    return Extraction(article=article)


def _detail(err: BaseException) -> str:
    return " ".join(f"{type(err).__name__}: {err}".split())[:200]


def _exit_detail(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"
