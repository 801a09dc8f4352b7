"""PLOVER event coding scored on the PLOVER gold-standard sentences (eval-data/plover/).

Each gold sentence is coded by the real pipeline; the scoring arithmetic (`score_cases`) is a
pure function of gold and predicted records so it can be tested without the model. This module
must not tune anything to the gold data: it only reads and counts.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data import plover_type_names

# The gold file was coded with PLOVER 0.5/0.6 names; PLOVER_MANUAL_v0.8.tex, table
# "PLOVER equivalents to CAMEO cue categories", maps CAMEO 09 INVESTIGATE and 11 DISAPPROVE to
# ACCUSE, 10 DEMAND to REQUEST and 19 FIGHT to ASSAULT. Every other gold name is already v0.8.
OLD_TO_V08 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
PLOVER_TYPES = plover_type_names()  # the manual's order (data/plover_types.tsv)
# Non-ISO codes the gold coders used for countries (found by reading every code in the file):
# JAP for Japan, ITL for Italy, VTN for Vietnam.
CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# The gold file codes every intergovernmental body "IGO" (UN, EU, NATO, OSCE, APEC); eventwire's
# actor dictionary uses PLOVER's finer non-state codes for some, so both sides fold to "IGO".
IGO_CODES = frozenset({"IGO", "UNO", "EUR", "NATO"})
NO_EVENT = "none"  # the confusion table's column for sentences with no predicted event
CONFUSION_KEY = "plover.confusion"  # the one non-numeric entry of score_plover's result
PUBLISHED = "2000-01-01"  # the gold file's own placeholder date


@dataclass(frozen=True)
class Gold:
    id: str
    text: str
    type: str  # PLOVER v0.8
    sources: frozenset[str]  # normalised country codes; empty: gold names no source
    targets: frozenset[str]


@dataclass(frozen=True)
class Predicted:
    type: str
    actors: frozenset[str]  # normalised country codes of the event's actors
    recipients: frozenset[str]
    confidence: float = 0.5
    start: int = 0  # where its evidence starts, to break confidence ties by text order


@dataclass(frozen=True)
class Case:
    gold: Gold
    predicted: tuple[Predicted, ...] = ()
    rejected: bool = False  # the pipeline refused the sentence (e.g. the language check)


def map_type(name: str) -> str:
    """A gold category name in PLOVER v0.8: "DEMAND" -> "REQUEST", "AGREE" -> "AGREE"."""
    return OLD_TO_V08.get(name, name)


def normalise_code(code: str | None) -> str | None:
    """One spelling per country or body: "JAP" -> "JPN", "UNO" -> "IGO", "" -> None."""
    code = (code or "").strip().upper()
    if not code:
        return None
    code = CODE_FIXES.get(code, code)
    return "IGO" if code in IGO_CODES else code


def _codes(actors: Any) -> frozenset[str]:
    # Gold "source"/"target" is a list of actors, or null, "", or (once) a stray string.
    if not isinstance(actors, list):
        return frozenset()
    return frozenset(c for a in actors if (c := normalise_code(a.get("code"))))


def read_gold(path: Path, limit: int | None = None) -> list[Gold]:
    """The coded sentences of the gold file, DOCUMENT header skipped, types mapped to v0.8."""
    records = [r for r in json.loads(Path(path).read_text()) if r.get("event") != "DOCUMENT"]
    return [Gold(r["id"], r["text"], map_type(r["event"]), _codes(r.get("source")),
                 _codes(r.get("target"))) for r in records[:limit]]


def top_event(predicted: tuple[Predicted, ...]) -> Predicted | None:
    """The most confident event; ties go to the first in text order."""
    if not predicted:
        return None
    return min(enumerate(predicted), key=lambda p: (-p[1].confidence, p[1].start, p[0]))[1]


def _matches(event: Predicted, gold: Gold) -> tuple[bool, bool]:
    """(actor matches, recipient matches): shares a country code with the gold source/target."""
    return bool(event.actors & gold.sources), bool(event.recipients & gold.targets)


def _is_hit(event: Predicted, gold: Gold) -> bool:
    actor, recipient = _matches(event, gold)
    return (event.type == gold.type and (actor or not gold.sources)
            and (recipient or not gold.targets))


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Macro F1 over the types seen in gold or prediction; "no event" is never a class."""
    labels = {g for g, _ in pairs} | {p for _, p in pairs if p != NO_EVENT}
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in pairs)
        n_pred, n_gold = sum(p == label for _, p in pairs), sum(g == label for g, _ in pairs)
        precision, recall = _ratio(tp, n_pred), _ratio(tp, n_gold)
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def score_cases(cases: list[Case]) -> dict[str, Any]:
    """The scores of coded cases; pure arithmetic, no model. See score_plover for the keys."""
    pairs: list[tuple[str, str]] = []
    actor_hits = actor_n = recipient_hits = recipient_n = tp = n_pred = n_events = 0
    for case in cases:
        gold, top = case.gold, top_event(case.predicted)
        pairs.append((gold.type, top.type if top else NO_EVENT))
        # Each gold sentence codes one event, and the other events a sentence holds are not
        # annotated, so they are neither right nor wrong: the coder's primary (top) event is what
        # is scored. events_per_sentence says how many more it outputs.
        n_pred += top is not None
        n_events += len(case.predicted)
        tp += top is not None and _is_hit(top, gold)
        if top is None or top.type != gold.type:
            continue
        actor, recipient = _matches(top, gold)
        if gold.sources:
            actor_n, actor_hits = actor_n + 1, actor_hits + actor
        if gold.targets:
            recipient_n, recipient_hits = recipient_n + 1, recipient_hits + recipient
    precision, recall = _ratio(tp, n_pred), _ratio(tp, len(cases))
    confusion: dict[str, Counter] = {}
    for g, p in pairs:
        confusion.setdefault(g, Counter())[p] += 1
    return {"plover.type_accuracy": _ratio(sum(g == p for g, p in pairs), len(pairs)),
            "plover.type_macro_f1": _macro_f1(pairs),
            "plover.actor_accuracy": _ratio(actor_hits, actor_n),
            "plover.recipient_accuracy": _ratio(recipient_hits, recipient_n),
            "plover.event_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "plover.events_per_sentence": _ratio(n_events, len(cases)),
            "plover.n": len(cases),
            "plover.rejected": sum(case.rejected for case in cases),
            CONFUSION_KEY: {g: dict(c) for g, c in sorted(confusion.items())}}


def predicted_events(extraction) -> tuple[Predicted, ...]:
    """An Extraction's events with their actors and recipients as normalised country codes."""
    country = {a.id: normalise_code(a.country) for a in extraction.actors}

    def codes(ids: tuple[str, ...]) -> frozenset[str]:
        return frozenset(c for i in ids if (c := country.get(i)))

    return tuple(Predicted(e.type, codes(e.actors), codes(e.recipients), e.confidence,
                           e.evidence[0].start if e.evidence else 0) for e in extraction.events)


def score_plover(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Code every gold sentence with the real pipeline and score it.

    Keys: plover.type_accuracy, .type_macro_f1, .actor_accuracy, .recipient_accuracy, .event_f1
    (all in [0, 1]; event_f1 scores each sentence's top event: type and, where gold has them,
    actor and recipient country codes), plover.events_per_sentence, plover.n (sentences), plover.rejected (sentences the pipeline refused,
    scored as no event), and CONFUSION_KEY: {gold type: {predicted type or "none": count}},
    the only non-numeric entry (pop it before printing numbers; see confusion_table).
    """
    from ..pipeline import Pipeline
    from ..records import RawDocument

    pipeline = Pipeline()
    cases = []
    for gold in read_gold(path, limit):
        extraction = pipeline(RawDocument(gold.text, f"plover:{gold.id}", is_html=False,
                                          published=PUBLISHED))
        rejected = extraction.article.rejected is not None
        cases.append(Case(gold, () if rejected else predicted_events(extraction), rejected))
    return score_cases(cases)


def confusion_table(result: dict[str, Any]):
    """A rich Table of gold type -> predicted types, from score_plover's (or score_cases') result."""
    from rich.table import Table

    table = Table(title="PLOVER: gold type -> predicted type", title_justify="left")
    for column in ("gold", "n", "right", "predicted as"):
        table.add_column(column)
    for gold, predicted in result[CONFUSION_KEY].items():
        ranked = sorted(predicted.items(), key=lambda kv: (-kv[1], kv[0]))
        table.add_row(gold, str(sum(predicted.values())), str(predicted.get(gold, 0)),
                      ", ".join(f"{p} {n}" for p, n in ranked if p != gold))
    return table


# The project's own held-out sentences (tests/articles/heldout_events.jsonl): written blind to the
# coder's rules, with the manual at hand; "NONE" marks a look-alike that holds no event.
HELDOUT_NONE = "NONE"


def read_heldout(path: Path) -> list[Gold]:
    """The held-out sentences as Gold records; a look-alike's type is NO_EVENT."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Gold(r["id"], r["text"], NO_EVENT if r["type"] == HELDOUT_NONE else r["type"],
                 frozenset(c for code in r.get("source") or () if (c := normalise_code(code))),
                 frozenset(c for code in r.get("target") or () if (c := normalise_code(code))))
            for r in rows]


def score_heldout_cases(cases: list[Case], prefix: str = "heldout") -> dict[str, float]:
    """{prefix}.type_accuracy (a look-alike is right with no event), .event_f1 (top event: type,
    actor and recipient, over the sentences that hold one), .actor_accuracy and
    .recipient_accuracy (type right), .lookalikes_left_alone (look-alikes given no event), .n."""
    events = [c for c in cases if c.gold.type != NO_EVENT]
    alikes = [c for c in cases if c.gold.type == NO_EVENT]
    tops = [(c.gold, top_event(c.predicted)) for c in cases]
    typed = sum((top.type if top else NO_EVENT) == g.type for g, top in tops)
    tp = sum(top is not None and g.type != NO_EVENT and _is_hit(top, g) for g, top in tops)
    n_pred = sum(top is not None for _, top in tops)
    right = [(g, top) for g, top in tops if top is not None and top.type == g.type]
    actor = [_matches(top, g)[0] for g, top in right if g.sources]
    recipient = [_matches(top, g)[1] for g, top in right if g.targets]
    precision, recall = _ratio(tp, n_pred), _ratio(tp, len(events))
    scores = {"type_accuracy": _ratio(typed, len(cases)),
              "event_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
              "actor_accuracy": _ratio(sum(actor), len(actor)),
              "recipient_accuracy": _ratio(sum(recipient), len(recipient)),
              "lookalikes_left_alone": _ratio(sum(not c.predicted for c in alikes), len(alikes)),
              "n": len(cases)}
    return {f"{prefix}.{name}": value for name, value in scores.items()}


def score_heldout(path: Path, prefix: str = "heldout") -> dict[str, float]:
    """Code each held-out sentence with the real pipeline and score it (score_heldout_cases)."""
    from ..pipeline import Pipeline
    from ..records import RawDocument

    pipeline = Pipeline()
    cases = []
    for gold in read_heldout(path):
        extraction = pipeline(RawDocument(gold.text, f"heldout:{gold.id}", is_html=False, published=PUBLISHED))
        rejected = extraction.article.rejected is not None
        cases.append(Case(gold, () if rejected else predicted_events(extraction), rejected))
    return score_heldout_cases(cases, prefix)
