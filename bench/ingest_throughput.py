"""How fast `eventwire ingest` codes a batch with N worker processes, against bare spaCy.

Run by hand, not by pytest: `.venv/bin/python bench/ingest_throughput.py [--workers 2] [--limit 1000]`.
It measures and asserts nothing. Both runs use the spawn start method, one thread per process.
"""
from __future__ import annotations

import os

# One thread per process: N processes should mean N busy cores, for eventwire and spaCy alike.
# Fixed before numpy loads; spawned children inherit the environment.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "eval-data" / "corpus" / "reuters_sample.jsonl"
LIMIT = 1000  # the batch: the first 1,000 Reuters articles
WORKERS = 2
# Texts per nlp.pipe batch. spaCy hands whole batches to its processes in turn, so its default
# (1,000) would give all 1,000 texts to one process; 32 keeps every process busy to the end
# (the last batch is at most ~4 s of work) and is within spaCy's usual range for CPU models.
SPACY_BATCH_SIZE = 32
# How often the memory sampler reads the children's /proc status. VmHWM is the kernel's own
# high-water mark, so the sampling rate only has to catch each process once before it exits.
SAMPLE_INTERVAL_S = 0.1
MIB = 1024 * 1024


@dataclass
class Run:
    """One timed run: what went in, how long it took, and what the processes used."""

    articles: int
    words: int
    seconds: float
    first_result_s: float  # start-up: processes spawned and models loaded, up to the first result
    worker_peaks_kib: dict[int, int] = field(default_factory=dict)  # pid -> VmHWM
    outcome: str = ""

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


class ChildMemory:
    """Samples the peak RSS (VmHWM) of this process's worker children while a run goes on.

    Reads /proc, as psutil is not a dependency. The multiprocessing resource tracker, also a
    child, is left out: it codes nothing.
    """

    def __init__(self):
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "ChildMemory":
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = os.getpid()
        while True:
            for pid in _children(me):
                peak = _status_kib(pid, "VmHWM")
                if peak is not None:
                    self.peaks[pid] = max(peak, self.peaks.get(pid, 0))
            if self._stop.wait(SAMPLE_INTERVAL_S):
                return


def _children(parent: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            # The command name may hold spaces and parentheses: the fields after the last ")".
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid != parent:
                continue
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # gone between listing and reading
        if b"resource_tracker" not in cmdline:
            found.append(int(entry))
    return found


def _status_kib(pid: int | str, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def read_sample(path: Path, limit: int) -> tuple[list[str], int, int]:
    """The first `limit` lines, their texts ("" where the body is null) and the null count."""
    lines, texts, nulls = [], [], 0
    with path.open("rb") as fh:
        for line in fh:
            if len(lines) >= limit:
                break
            if not line.strip():
                continue
            lines.append(line.decode("utf-8"))
            body = json.loads(line).get("body")
            nulls += body is None
            texts.append(body or "")
    return lines, texts, nulls


def run_eventwire(sample: Path, db: Path, workers: int, articles: int, words: int) -> Run:
    from eventwire.batch import ingest
    from eventwire.options import Options
    from eventwire.store import Store

    first: list[float] = []
    with Store(db) as store, ChildMemory() as memory:
        start = time.perf_counter()
        report = ingest([str(sample)], store, Options(), workers=workers,
                        on_document=lambda _r: first or first.append(time.perf_counter() - start))
        seconds = time.perf_counter() - start
    rejected = ", ".join(f"{code} {n}" for code, n in sorted(report.rejected.items()))
    outcome = (f"read {report.read}, coded {report.coded}, duplicates {report.duplicates}, "
               f"rejected {sum(report.rejected.values())} ({rejected or 'none'}), "
               f"events {report.events}")
    return Run(articles, words, seconds, first[0] if first else seconds, memory.peaks, outcome)


def run_spacy(texts: list[str], workers: int, batch_size: int, words: int) -> Run:
    from eventwire.nlp import load_model

    nlp = load_model()  # the model the parse stage uses, actor entity rulers included
    first: list[float] = []
    tokens = 0
    with ChildMemory() as memory:
        start = time.perf_counter()
        for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
            if not first:
                first.append(time.perf_counter() - start)
            tokens += len(doc)
        seconds = time.perf_counter() - start
    return Run(len(texts), words, seconds, first[0] if first else seconds, memory.peaks,
               f"{tokens:,} tokens")


def profile(sample: Path, db: Path) -> None:
    """Where one process's time goes: reading, start-up, each stage, pickling, the store.

    The parts of `ingest` run one after the other in this process, each timed on its own, so
    that a low ratio can be traced; it is what one worker plus the parent would do.
    """
    import pickle

    from eventwire.batch import source_of
    from eventwire.ingest import read_paths
    from eventwire.nlp import load_model
    from eventwire.options import Options
    from eventwire.pipeline import Draft, Pipeline
    from eventwire.store import Store

    seconds: Counter = Counter()
    start = time.perf_counter()
    documents = list(read_paths([str(sample)]))
    seconds["parent: read_paths"] = time.perf_counter() - start
    start = time.perf_counter()
    load_model()
    seconds["worker start: load_model"] = time.perf_counter() - start
    start = time.perf_counter()
    pipeline = Pipeline(Options())
    seconds["worker start: other stages"] = time.perf_counter() - start
    extractions = []
    for raw in documents:
        draft = Draft(raw=raw, options=pipeline.options)
        for name, stage in pipeline.stages:
            start = time.perf_counter()
            draft = stage(draft)
            seconds[f"stage: {name}"] += time.perf_counter() - start
            if draft.rejected:
                break
        extractions.append((source_of(raw), draft.finish()))
    start = time.perf_counter()
    sent = [pickle.loads(pickle.dumps(item)) for item in extractions]
    seconds["pickle (worker) + unpickle (parent)"] = time.perf_counter() - start
    with Store(db) as store:
        start = time.perf_counter()
        for source, _ in sent:
            store.status(source.key, source.digest)
        seconds["parent: store.status"] = time.perf_counter() - start
        start = time.perf_counter()
        for source, extraction in sent:
            store.add(source, extraction)
        seconds["parent: store.add"] = time.perf_counter() - start
    total = sum(seconds.values())
    print(f"profile, one process, {len(documents):,} documents "
          f"({sum(len(pickle.dumps(e)) for e in extractions) / len(extractions) / 1024:.0f} KiB "
          f"pickled per result):")
    print(f"{'part':<40}{'seconds':>9}{'share':>8}{'ms/doc':>8}")
    for part, s in seconds.items():
        print(f"{part:<40}{s:>9.2f}{s / total:>8.0%}{s / len(documents) * 1000:>8.1f}")
    print(f"{'(sum)':<40}{total:>9.2f}")


def print_run(name: str, run: Run) -> None:
    print(f"{name:<22}{run.articles:>9,}{run.words:>10,}{run.seconds:>9.1f}"
          f"{run.articles_per_s:>11.1f}{run.words_per_s:>9,.0f}{run.first_result_s:>10.1f}")


def print_memory(name: str, run: Run, workers: int) -> None:
    if not run.worker_peaks_kib:
        print(f"{name}: coded in this process (workers={workers}): see the parent's peak")
        return
    peaks = ", ".join(f"{kib / 1024:.0f}" for _, kib in sorted(run.worker_peaks_kib.items()))
    print(f"{name}: {len(run.worker_peaks_kib)} worker processes, peak RSS (MiB): {peaks}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=WORKERS, help=f"processes (default {WORKERS})")
    parser.add_argument("--limit", type=int, default=LIMIT, help=f"articles (default {LIMIT})")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a JSON Lines file with body fields")
    parser.add_argument("--batch-size", type=int, default=SPACY_BATCH_SIZE,
                        help=f"nlp.pipe batch_size (default {SPACY_BATCH_SIZE})")
    parser.add_argument("--profile", action="store_true",
                        help="instead: time reading, start-up, each stage and the store in one process")
    args = parser.parse_args()
    # eventwire's pool spawns; spaCy's processes use the default start method, made the same here
    # so that both pay for start-up alike (fork would let spaCy's children share the parent's model).
    multiprocessing.set_start_method("spawn")

    import spacy

    import eventwire

    lines, texts, nulls = read_sample(args.corpus, args.limit)
    words = sum(len(text.split()) for text in texts)
    with tempfile.TemporaryDirectory(prefix="ew-bench-") as tmp:
        sample = Path(tmp) / "sample.jsonl"
        sample.write_text("".join(lines), encoding="utf-8")
        if args.profile:
            profile(sample, Path(tmp) / "profile.db")
            return
        ew = run_eventwire(sample, Path(tmp) / "bench.db", args.workers, len(lines), words)
        parent_after_ew_kib = _status_kib("self", "VmHWM") or 0
        # A cross-check of the sampler: the kernel's own peak over the children reaped so far.
        reaped_ew_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        sp = run_spacy(texts, args.workers, args.batch_size, words)
    parent_kib = _status_kib("self", "VmHWM") or 0

    from eventwire.nlp import load_model
    nlp = load_model()
    print(f"eventwire {eventwire.__version__}, spaCy {spacy.__version__} "
          f"({nlp.meta['name']} {nlp.meta['version']}), Python {platform.python_version()}")
    print(f"{datetime.date.today()}  {platform.node()}  {platform.processor() or platform.machine()}  "
          f"{os.cpu_count()} CPUs  load average {os.getloadavg()[0]:.2f} (1 min, after the runs)")
    print(f"corpus: first {len(lines):,} articles of {args.corpus.name} ({nulls} with a null body), "
          f"{words:,} words; {args.workers} processes (spawn); nlp.pipe batch_size {args.batch_size}\n")
    print(f"{'':<22}{'articles':>9}{'words':>10}{'seconds':>9}{'articles/s':>11}{'words/s':>9}"
          f"{'start s':>10}")
    print_run("eventwire ingest", ew)
    print_run("spaCy nlp.pipe", sp)
    print(f"\neventwire / spaCy throughput: {sp.seconds / ew.seconds:.2f}  (issue 4 asks >= 0.60)")
    steady = (sp.seconds - sp.first_result_s) / (ew.seconds - ew.first_result_s)
    print(f"the same from the first result on (start-up left out): {steady:.2f}")
    print(f"eventwire: {ew.outcome}")
    print(f"spaCy: {sp.outcome}\n")
    print("peak memory: VmHWM from /proc/<pid>/status, sampled every "
          f"{SAMPLE_INTERVAL_S} s for each child process")
    print_memory("eventwire", ew, args.workers)
    if reaped_ew_kib:
        print(f"eventwire cross-check: largest reaped child (getrusage RUSAGE_CHILDREN ru_maxrss) "
              f"{reaped_ew_kib / 1024:.0f} MiB")
    print_memory("spaCy", sp, args.workers)
    print(f"parent: {parent_after_ew_kib / 1024:.0f} MiB after eventwire (reads, writes the store"
          f"{', codes' if args.workers <= 1 else ''}); {parent_kib / 1024:.0f} MiB after both "
          f"(spaCy's model loaded here too)")


if __name__ == "__main__":
    main()
