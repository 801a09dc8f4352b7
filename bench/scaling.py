"""How eventwire's time and memory grow with the length of one article, and on pathological text.

Run by hand, not by pytest: `.venv/bin/python bench/scaling.py [--sizes 1000,10000,...]`. Each
text is coded in a fresh subprocess, so each peak RSS is that text's own; it measures, it
asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REUTERS = ROOT.parent / "shared" / "eval-data" / "corpus" / "reuters_sample.jsonl"
BUNDLED = [*sorted(ROOT.glob("src/eventwire/examples/*.txt")), *sorted(ROOT.glob("tests/articles/*.txt")),
           HERE / "article-600.txt"]
SIZES = (1_000, 10_000, 100_000, 1_000_000)  # characters of ordinary news
PUBLISHED = "2024-03-14"
TIMEOUT_S = 600  # one text; the old quadratic build took over 240 s on 1 MB
PATHOLOGICAL = {  # the inputs of the reliability review (issue 9)
    "President x50k": "President " * 50_000,
    "killed a man 10K": ("killed a man " * 800)[:10_000],
    "commas 20K": "," * 20_000,
}


def news_text(size: int) -> str:
    """`size` characters of real articles, joined by blank lines and cut at a word boundary.

    The Reuters sample is read in place when present; otherwise the bundled articles repeat.
    """
    bodies: list[str] = []
    if REUTERS.is_file():
        with REUTERS.open() as lines:
            bodies = [b for b in (json.loads(line).get("body") for line in lines) if b]
    bodies = bodies or [p.read_text() for p in BUNDLED]
    parts, total, i = [], 0, 0
    while total < size:
        body = bodies[i % len(bodies)].strip()
        parts.append(body)
        total += len(body) + 2
        i += 1
    text = "\n\n".join(parts)[:size]
    return text[:text.rfind(" ")] if len(text) == size and " " in text else text


def child(path: Path) -> None:
    """Code one text with a timer per stage; print the numbers as JSON on the last line."""
    from eventwire.options import Options
    from eventwire.pipeline import Draft, Pipeline
    from eventwire.records import RawDocument

    pipeline = Pipeline(Options(published=PUBLISHED))
    pipeline(RawDocument((HERE / "article-600.txt").read_text(), "warm-up", is_html=False))
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # the model, loaded and warm
    text = path.read_text()
    draft = Draft(raw=RawDocument(text, path.name, is_html=False), options=pipeline.options)
    stages: dict[str, float] = {}
    start = time.perf_counter()
    for name, stage in pipeline.stages:
        t0 = time.perf_counter()
        draft = stage(draft)
        stages[name] = time.perf_counter() - t0
        if draft.rejected:
            break
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "stages": stages, "peak_kb": peak_kb, "baseline_kb": baseline_kb,
                      "rejected": draft.rejected.code if draft.rejected else None,
                      "events": len(draft.events)}))


def run(label: str, text: str, timeout: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(text)
    try:
        done = subprocess.run([sys.executable, __file__, "--child", f.name], capture_output=True,
                              text=True, timeout=timeout, env=os.environ)
    except subprocess.TimeoutExpired:
        return {"label": label, "kb": len(text.encode()) / 1000, "error": f"timeout {timeout}s"}
    finally:
        os.unlink(f.name)
    if done.returncode != 0:
        return {"label": label, "kb": len(text.encode()) / 1000,
                "error": f"exit {done.returncode}: {done.stderr.strip().splitlines()[-1:] or ''}"}
    return {"label": label, "kb": len(text.encode()) / 1000, **json.loads(done.stdout.splitlines()[-1])}


STAGE_ABBREV = {"clean": "cln", "parse": "prs", "actors": "act", "places": "plc", "times": "tim",
                "quantities": "qty", "events": "evt", "quotes": "quo", "checks": "chk"}


def show(row: dict) -> None:
    head = f"{row['label']:<12}{row['kb']:>6.0f}"
    if "error" in row:
        print(f"{head}  {row['error']}"[:80])
        return
    extra_mb = max(0, row["peak_kb"] - row["baseline_kb"]) / 1024
    stages = "".join(_seconds(row["stages"].get(name, 0.0)) for name in STAGE_ABBREV)
    flag = f" REJ:{row['rejected']}" if row["rejected"] else ""
    print(f"{head}{row['seconds']:>6.1f}{row['seconds'] / row['kb'] * 1000:>6.0f}"
          f"{row['peak_kb'] / 1024:>5.0f}{extra_mb / row['kb'] * 1000:>6.0f}{stages}{flag}"[:80])


def _seconds(s: float) -> str:
    """Four columns: ' 0.1', ' 9.9', '  42', ' 312'."""
    return f"{s:>4.1f}" if s < 9.95 else f"{s:>4.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="characters of news, comma-separated")
    parser.add_argument("--no-pathological", action="store_true", help="ordinary news only")
    parser.add_argument("--timeout", type=int, default=TIMEOUT_S, help=f"seconds per text (default {TIMEOUT_S})")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    inputs = [(f"news {int(n) // 1000}K", news_text(int(n))) for n in args.sizes.split(",") if n]
    if not args.no_pathological:
        inputs += list(PATHOLOGICAL.items())
    print("s: seconds to code; ms/KB: ms per 1,000 bytes; RSS: the child's peak in MB; +MB/MB: MB of")
    print("peak RSS above the warm model's baseline per MB of text; then seconds in each stage:")
    print(" ".join(f"{a}={name}" for name, a in STAGE_ABBREV.items()))
    print(f"{'input':<12}{'KB':>6}{'s':>6}{'ms/KB':>6}{'RSS':>5}{'+MB/MB':>6}"
          + "".join(f"{a:>4}" for a in STAGE_ABBREV.values()))
    rows = []
    for label, text in inputs:
        rows.append(run(label, text, args.timeout))
        show(rows[-1])
    news = {r["label"]: r for r in rows if r["label"].startswith("news") and "error" not in r}
    small, big = news.get("news 10K"), news.get("news 1000K")
    if small and big:
        per_kb = (big["seconds"] / big["kb"]) / (small["seconds"] / small["kb"])
        extra = [max(0, r["peak_kb"] - r["baseline_kb"]) / r["kb"] for r in (big, small)]
        print(f"1 MB / 10 KB per KB: time {per_kb:.2f}, RSS above baseline {extra[0] / max(extra[1], 1e-9):.2f}; "
              f"1 MB: {big['seconds']:.0f} s, peak RSS {big['peak_kb'] / 1024:.0f} MB")


if __name__ == "__main__":
    main()
