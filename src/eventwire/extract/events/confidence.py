"""An event's confidence: how often events like it are right, measured on whole articles.

Two steps. The score ranks an event by what ties it to the text's facts: a base for any trigger,
raised by a named actor and recipient, a verb, the main clause and each further sentence that
tells it, lowered inside the clause of another event word ("demanded that Mugabe abandon ...").
Its weights are chosen by hand so that a verb with its subject and object named outranks a bare
noun. The calibration then maps the score to the share of events with that score that are right
(type, actor and recipient all right, as `eventwire.evaluate.articles` judges them) on the dev
part of eventwire's article gold (tests/articles/gold): an increasing step fit (isotonic
regression: the events pooled into bands of scores, each band's share right), its bands' points
joined by straight lines, fitted by training/calibrate_confidence.py and shipped in
data/confidence_calibration.json. The curve rises strictly, so the order of events (the most
confident one in a sentence) is the score's. `uncalibrated()` gives the bare score, for fitting
the curve again.
"""
from __future__ import annotations

import bisect
import json
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources

SCORE_BASE = 0.35
SCORE_ACTOR = 0.2
SCORE_RECIPIENT = 0.1
SCORE_VERB = 0.1
SCORE_MAIN_CLAUSE = 0.15
SCORE_EMBEDDED = -0.2
SCORE_PER_EXTRA_EVIDENCE = 0.05
SCORE_MIN, SCORE_MAX = 0.05, 0.95
CALIBRATION_FILE = "confidence_calibration.json"
# A calibrated confidence is never 0 or 1: a few hundred events cannot tell that.
CALIBRATED_MIN, CALIBRATED_MAX = 0.001, 0.99
BEYOND_SLOPE = 0.01  # per unit of score, beyond the fitted bands

_bare = False  # set by uncalibrated()


def score(event) -> float:
    """The hand-weighted score of an EventDraft, in [0.05, 0.95]."""
    # people named without a name ("a man") are described, not identified: they add nothing
    actors, recipients = (set(getattr(event, side)) - getattr(event, "unnamed", set()) for side in ("actors", "recipients"))
    raw = (SCORE_BASE + SCORE_ACTOR * bool(actors) + SCORE_RECIPIENT * bool(recipients)
           + SCORE_VERB * event.verbal + SCORE_MAIN_CLAUSE * event.main_clause
           + SCORE_PER_EXTRA_EVIDENCE * (len(event.evidence) - 1) + SCORE_EMBEDDED * event.embedded)
    return round(max(SCORE_MIN, min(SCORE_MAX, raw)), 2)


@lru_cache(maxsize=1)
def calibration() -> dict | None:
    """The fitted curve (slope, intercept and how it was fitted), or None where none is shipped."""
    path = resources.files("eventwire.data").joinpath(CALIBRATION_FILE)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def calibrated(raw: float, points: list | None = None) -> float:
    """The share of events with score `raw` that are right, by the shipped curve: the straight
    line through the two band points around it; beyond the first or last point, that point's
    share, raised or lowered by BEYOND_SLOPE so that the order of scores stays (no data says
    more there); kept inside [CALIBRATED_MIN, CALIBRATED_MAX]. `points`: other band
    points than the shipped ones (training/calibrate_confidence.py)."""
    points = points or (calibration() or {}).get("points")
    if _bare or not points:
        return raw
    at = bisect.bisect_left([x for x, _ in points], raw)
    if at == 0 or at == len(points):  # beyond the bands: their end value, the order kept
        x, y = points[0] if at == 0 else points[-1]
        value = y + BEYOND_SLOPE * (raw - x)
    else:
        (x0, y0), (x1, y1) = points[at - 1], points[at]
        value = y0 + (y1 - y0) * (raw - x0) / (x1 - x0)
    # four places: the lowest scores (0.05 apart) stay apart, and so does the events' order
    return round(min(CALIBRATED_MAX, max(CALIBRATED_MIN, value)), 4)


def confidence_of(event) -> float:
    return calibrated(score(event))


@contextmanager
def uncalibrated():
    """Within it, events carry the bare score (training/calibrate_confidence.py fits on it)."""
    global _bare
    before, _bare = _bare, True
    try:
        yield
    finally:
        _bare = before
