"""Fit the confidence calibration shipped in src/eventwire/data/confidence_calibration.json.

    python training/calibrate_confidence.py [--shared ../shared] [--out src/eventwire/data/confidence_calibration.json]

Codes every article of the DEV parts of eventwire's article gold (tests/articles/gold/*-dev-*.jsonl,
texts read from ../shared/eval-data) with the real pipeline, its events carrying the bare
hand-weighted score (eventwire.extract.events.confidence), marks each output event right when it
strictly matches a gold event (type, actor and recipient right, as eventwire.evaluate.articles
judges), and fits an increasing step curve, right ~ score (isotonic regression: scores pooled into
bands, each band's share right). Each band becomes one point, its events' mean score and its
share right; eventwire joins the points by straight lines (confidence.calibrated), so the curve
rises strictly and keeps the order of scores. A logistic curve (one slope, one intercept) was
shipped before: too stiff for the hand-weighted score's few values, it left the top band 0.04
off on dev. Prints the calibration table (events by calibrated band, share right) on the dev
parts and on the blind part; the blind part (*-blind-*.jsonl) is only scored, never fitted.

Deterministic (pool-adjacent-violators, no randomness). The gold is eventwire's own annotation;
the article texts are Reuters-21578 (research use), WikiEvents (annotations MIT, texts the
publishers') and GVDB (Apache-2.0); only the fitted points are shipped, no text.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.evaluate import articles  # noqa: E402
from eventwire.extract.events import confidence  # noqa: E402

GOLD = ROOT / "tests" / "articles" / "gold"
OUT = ROOT / "src" / "eventwire" / "data" / confidence.CALIBRATION_FILE


def labelled(cases: list[articles.Case]) -> list[tuple[float, bool]]:
    """(bare score, strictly right) for every output event."""
    rows = []
    for case in cases:
        right = {id(m.output) for m in articles.align(case)[0] if m.strict}
        rows += [(o.confidence, id(o) in right) for o in case.output]
    return rows


def fit(rows: list[tuple[float, bool]]) -> list[list[float]]:
    """The band points [mean score, share right] of the isotonic fit, in order of score."""
    from sklearn.isotonic import IsotonicRegression

    scores = [score for score, _ in rows]
    fitted = IsotonicRegression(increasing=True, y_min=0.01, y_max=0.99).fit(scores, [float(r) for _, r in rows]).predict(scores)
    bands: dict[float, list[float]] = {}
    for score, value in zip(scores, fitted):
        bands.setdefault(round(float(value), 6), []).append(score)
    return [[round(sum(members) / len(members), 4), round(value, 4)] for value, members in sorted(bands.items())]


def table(rows: list[tuple[float, bool]], points: list, title: str) -> None:
    print(f"\n{title}: {len(rows)} events, {sum(r for _, r in rows)} right")
    print(f"{'calibrated':>12} {'events':>7} {'right':>6} {'mean conf':>10}")
    bands = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
    for low, high in zip(bands, bands[1:] + (1.01,)):
        band = [(p, r) for s, r in rows if low <= (p := confidence.calibrated(s, points)) < high]
        if band:
            print(f"{low:>12.1f} {len(band):>7} {sum(r for _, r in band) / len(band):>6.2f} "
                  f"{sum(p for p, _ in band) / len(band):>10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = args.shared / "eval-data"
    if not data.is_dir():
        sys.exit(f"{data}: no such folder: the gold's article texts are read from ../shared/eval-data")
    with confidence.uncalibrated():
        cases = articles.code_gold(data, GOLD)
    dev = labelled([c for c in cases if c.gold.part == "dev"])
    blind = labelled([c for c in cases if c.gold.part == "blind"])
    points = fit(dev)
    files = sorted(p.name for p in GOLD.glob("*-dev-*.jsonl"))
    args.out.write_text(json.dumps({
        "points": points,
        "about": "P(event right) at a score: the straight line through the band points [mean score, share "
                 "right] around it (eventwire.extract.events.confidence.calibrated); score: the hand-weighted "
                 "score of eventwire.extract.events.confidence; right: type, actor and recipient right "
                 "(eventwire.evaluate.articles). Fitted by training/calibrate_confidence.py (isotonic regression).",
        "fitted_on": files, "events": len(dev), "right": sum(r for _, r in dev),
        "fitted": date.today().isoformat()}, indent=2) + "\n", encoding="utf-8")
    table(dev, points, "dev parts (fitted)")
    table(blind, points, "blind part (only scored)")
    print(f"\nwrote {args.out}: {len(points)} band points")


if __name__ == "__main__":
    main()
