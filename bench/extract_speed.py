"""How fast eventwire codes one typical news article, against the bare spaCy parse it builds on.

Run by hand, not by pytest: `.venv/bin/python bench/extract_speed.py [--runs 20]`. Pinned to
one CPU core so numbers compare across machines; it measures, it asserts nothing.
"""
from __future__ import annotations

import os

# One core: BLAS/OpenMP threads are fixed before numpy loads, and the process is pinned.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import datetime  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

HERE = Path(__file__).resolve().parent
ARTICLE = HERE / "article-600.txt"
RUNS = 20  # enough for a stable median on a ~600-word article (~1 s in all on a laptop core)
WARMUP_RUNS = 2  # the first calls load models and fill caches; they are not timed
PUBLISHED = "2024-03-14"  # the invented article's own date
P90 = 0.9


def pin_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def timed(fns: list[Callable[[], object]], runs: int) -> list[list[float]]:
    """Milliseconds per call of each of `fns`, after WARMUP_RUNS untimed calls.

    The calls are interleaved (a, b, a, b, ...) so that load from other processes on the
    machine falls on all of them alike and their ratio stays fair.
    """
    for _ in range(WARMUP_RUNS):
        for fn in fns:
            fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, ms in zip(fns, times):
            start = time.perf_counter()
            fn()
            ms.append((time.perf_counter() - start) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def stage_times(text: str, runs: int) -> dict[str, float]:
    """Median ms of each pipeline stage: Pipeline.__call__'s loop with a timer per stage."""
    from eventwire.pipeline import Draft, Pipeline
    from eventwire.records import RawDocument

    pipeline = Pipeline()
    raw = RawDocument(text, "bench", is_html=False, published=PUBLISHED)
    per_stage: dict[str, list[float]] = {name: [] for name in pipeline.stage_names}
    for run in range(WARMUP_RUNS + runs):
        draft = Draft(raw=raw, options=pipeline.options)
        for name, stage in pipeline.stages:
            start = time.perf_counter()
            draft = stage(draft)
            if run >= WARMUP_RUNS:
                per_stage[name].append((time.perf_counter() - start) * 1000)
            if draft.rejected:
                raise SystemExit(f"the article was rejected at {name}: {draft.rejected.reason}")
    return {name: statistics.median(ms) for name, ms in per_stage.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS, help=f"timed runs (default {RUNS})")
    parser.add_argument("--article", type=Path, default=ARTICLE, help="a plain-text article")
    args = parser.parse_args()
    pinned = pin_one_core()

    import spacy

    import eventwire
    from eventwire.nlp import load_model

    text = args.article.read_text()
    words = len(text.split())
    extraction = eventwire.extract(text, published=PUBLISHED)
    nlp = load_model()  # the model eventwire's parse stage uses, with its actor entity ruler
    rules_only = eventwire.Options(classifier=False)
    ew, sp, ro = timed([lambda: eventwire.extract(text, published=PUBLISHED), lambda: nlp(text),
                        lambda: eventwire.extract(text, published=PUBLISHED, options=rules_only)], args.runs)
    stages = stage_times(text, args.runs)

    ew_median, sp_median = statistics.median(ew), statistics.median(sp)
    print(f"eventwire {eventwire.__version__}, spaCy {spacy.__version__} "
          f"({nlp.meta['name']} {nlp.meta['version']}), Python {platform.python_version()}")
    print(f"{datetime.date.today()}  {platform.node()}  {platform.processor() or platform.machine()}  {pinned}")
    print(f"article: {args.article.name}, {words} words; {args.runs} timed runs after {WARMUP_RUNS} warm-up")
    print(f"found: {len(extraction.actors)} actors, {len(extraction.places)} places, "
          f"{len(extraction.times)} times, {len(extraction.quantities)} quantities, "
          f"{len(extraction.events)} events, {len(extraction.quotes)} quotes\n")
    print(f"eventwire.extract  median {ew_median:8.1f} ms   p90 {percentile(ew, P90):8.1f} ms   "
          f"{words / ew_median * 1000:8.0f} words/s")
    print(f"bare spaCy nlp()   median {sp_median:8.1f} ms   p90 {percentile(sp, P90):8.1f} ms   "
          f"{words / sp_median * 1000:8.0f} words/s")
    print(f"spaCy / eventwire  {sp_median / ew_median:.2f}  (1.00 would mean eventwire adds nothing to the parse)")
    print(f"rules only         median {statistics.median(ro):8.1f} ms   the event-type model adds "
          f"{ew_median / statistics.median(ro) - 1:+.0%} (issue 11's budget: at most +40%)\n")
    total = sum(stages.values())
    print(f"{'stage':<12}{'median ms':>10}{'share':>8}")
    for name, ms in stages.items():
        print(f"{name:<12}{ms:>10.1f}{ms / total:>8.0%}")
    print(f"{'(sum)':<12}{total:>10.1f}")


if __name__ == "__main__":
    main()
