"""The project's corpus of news sentences (training/corpus/, training/GUIDE.md) scored through
the real pipeline: PLOVER type, ACLED event and sub-event type, conflict events invented on
look-alikes, and casualty counts.

The `dev-*` files were written by another writer than the training files and are a dev set; the
`test-*` files were written blind before any tuning and are only scored here, never read to tune.
The scoring arithmetic (`score_corpus_cases`) is a pure function of gold and predicted records.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# The corpus's sentences carry no publication date, and none is made up: a made-up day would
# turn every dated sentence of an earlier year ("On 9 January 2023, ...", as ACLED's notes are
# written on the day) into background history, which the coder keeps apart from the news.
PUBLISHED = None
# ACLED event types of political violence and demonstrations: what "a conflict event" means here.
CONFLICT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians",
                            "Protests", "Riots"})
NONE = "NONE"


@dataclass(frozen=True)
class Coded:
    """What the pipeline made of one sentence: its top event's type and ACLED view, and every
    event's ACLED type and killed count."""

    type: str  # the most confident event's PLOVER type, or NONE
    acled_event: str | None
    acled_sub: str | None
    acled_types: tuple[str, ...] = ()
    killed: tuple[int, ...] = ()
    assault: bool = False


def read_corpus(paths: list[Path]) -> list[dict]:
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def coded(extraction) -> Coded:
    events = extraction.events
    if not events:
        return Coded(NONE, None, None)
    top = min(enumerate(events), key=lambda p: (-p[1].confidence, p[1].evidence[0].start if p[1].evidence else 0, p[0]))[1]
    return Coded(top.type, top.acled.event_type if top.acled else None, top.acled.sub_event_type if top.acled else None,
                 tuple(e.acled.event_type for e in events if e.acled),
                 tuple(e.magnitude.killed for e in events if e.magnitude.killed is not None),
                 any(e.type == "ASSAULT" for e in events))


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 3) if denominator else 0.0


def score_corpus_cases(cases: list[tuple[dict, Coded]], prefix: str) -> dict[str, float]:
    """{prefix}.type_accuracy (NONE right with no event), .acled_event_accuracy and
    .acled_sub_accuracy (over sentences with an ACLED label), .acled_spurious (an ACLED type on
    a sentence ACLED would not code), .conflict_invented (look-alikes given a conflict event:
    ASSAULT or an ACLED type of violence or demonstration), .killed_exact (sentences where
    someone died: the largest killed count of its events is the toll), .death_invented
    (sentences stating no death given a killed count), .n."""
    labelled = [(g, c) for g, c in cases if g.get("acled_event")]
    unlabelled = [(g, c) for g, c in cases if not g.get("acled_event") and g["plover"] != NONE]
    negatives = [(g, c) for g, c in cases if g["plover"] == NONE]
    died = [(g, c) for g, c in cases if isinstance(g.get("killed"), int) and g["killed"] > 0]
    no_death = [(g, c) for g, c in cases if g.get("killed") is None]
    scores = {
        "type_accuracy": _ratio(sum(c.type == g["plover"] for g, c in cases), len(cases)),
        "acled_event_accuracy": _ratio(sum(c.acled_event == g["acled_event"] for g, c in labelled), len(labelled)),
        "acled_sub_accuracy": _ratio(sum(c.acled_sub == g["acled_sub"] for g, c in labelled), len(labelled)),
        "acled_spurious": _ratio(sum(c.acled_event is not None for g, c in unlabelled), len(unlabelled)),
        "conflict_invented": _ratio(sum(c.assault or bool(set(c.acled_types) & CONFLICT_TYPES)
                                        for g, c in negatives), len(negatives)),
        "killed_exact": _ratio(sum(bool(c.killed) and max(c.killed) == g["killed"] for g, c in died), len(died)),
        "death_invented": _ratio(sum(any(k > 0 for k in c.killed) for g, c in no_death), len(no_death)),
        "n": len(cases),
    }
    return {f"{prefix}.{name}": value for name, value in scores.items()}


def confusion(cases: list[tuple[dict, Coded]]) -> dict[str, dict[str, int]]:
    """gold PLOVER type -> {predicted: count}, for the closing notes' confusion tables."""
    table: dict[str, dict[str, int]] = {}
    for gold, got in cases:
        row = table.setdefault(gold["plover"], {})
        row[got.type] = row.get(got.type, 0) + 1
    return table


def code_corpus(paths: list[Path], options=None) -> list[tuple[dict, Coded]]:
    from ..pipeline import Pipeline
    from ..records import RawDocument

    pipeline = Pipeline(options)
    cases = []
    for record in read_corpus(paths):
        extraction = pipeline(RawDocument(record["text"], f"corpus:{record['id']}", is_html=False,
                                          published=PUBLISHED))
        cases.append((record, Coded(NONE, None, None) if extraction.article.rejected else coded(extraction)))
    return cases


def score_corpus(paths: list[Path], prefix: str, options=None) -> dict[str, float]:
    return score_corpus_cases(code_corpus(paths, options), prefix)
