"""`eventwire scale` with 1 and 2 workers against `ingest --workers 2`, on the same articles.

Run by hand, not by pytest: `.venv/bin/python bench/scale_speedup.py [--articles 1000]`. Needs
../shared/eval-data/corpus/reuters_sample.jsonl. It measures, it asserts nothing: articles a
second of each, the speed-up of scale from 1 to 2 workers, and scale with 2 workers as a share
of ingest with 2 (the baseline, measured in the same run). Each run includes starting its
workers and loading their models, as a user's run does.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.batch import ingest  # noqa: E402
from eventwire.options import Options  # noqa: E402
from eventwire.scale import run  # noqa: E402
from eventwire.store import Store  # noqa: E402

REUTERS = ROOT.parent / "shared" / "eval-data" / "corpus" / "reuters_sample.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--chunk-kb", type=int, default=None,
                        help="KB of JSON Lines per partition (default: scale's own choice)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "articles.jsonl"
        with REUTERS.open(encoding="utf-8") as src, data.open("w", encoding="utf-8") as dst:
            for _ in range(args.articles):
                dst.write(src.readline())
        results = {}
        started = time.perf_counter()
        with Store(Path(tmp) / "x.db") as store:
            ingest([str(data)], store, Options(), 2)
        results["ingest_2"] = time.perf_counter() - started
        for workers in (1, 2):
            started = time.perf_counter()
            run([str(data)], str(Path(tmp) / f"out{workers}"), Options(), workers=workers,
                chunk_bytes=args.chunk_kb * 1024 if args.chunk_kb else None)
            results[f"scale_{workers}"] = time.perf_counter() - started
    rates = {k: round(args.articles / v, 1) for k, v in results.items()}
    print(json.dumps({"articles": args.articles, "seconds": {k: round(v, 1) for k, v in results.items()},
                      "articles_per_s": rates,
                      "speedup_1_to_2": round(results["scale_1"] / results["scale_2"], 2),
                      "scale_2_over_ingest_2": round(results["ingest_2"] / results["scale_2"], 2)}, indent=2))


if __name__ == "__main__":
    main()
