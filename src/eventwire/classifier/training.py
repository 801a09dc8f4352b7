"""Labelled sentences in, a fitted `TypeModel` bundle and its scores out.

Reads the project's corpus (training/corpus/*.jsonl, see training/GUIDE.md), an ACLED export
(CSV with `notes`, `event_type`, `sub_event_type`) or sentences with a PLOVER type (CSV or JSON
Lines with `text` and `plover` or `type`). Used by training/train.py (the shipped model) and by
`eventwire train` (a user's own).
"""
from __future__ import annotations

import csv
import json
import random
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..data import read_table
from ..errors import EventwireError
from .model import ACLED_NONE, NONE, TypeModel

PLOVER_LABELS = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                 "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", NONE)
# Chosen on the dev part of the corpus (training/train.py prints the comparison): word 1-2-grams
# and character 2-5-grams within words, logistic regression with weak regularisation.
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
MIN_DF = 2
INVERSE_REGULARISATION = 20.0
MAX_ITERATIONS = 3000
NO_DATA = ("eventwire: {path} has no labelled sentences eventwire can read: give JSON Lines or CSV "
           "with `text` and `plover` (or `type`) columns, or an ACLED export with `notes`, "
           "`event_type` and `sub_event_type`")


@dataclass(frozen=True)
class Labelled:
    text: str
    plover: str | None  # a PLOVER type or NONE; None: not labelled for this head
    acled: str | None  # an ACLED sub-event type or ACLED_NONE; None: not labelled
    origin: str = ""


@lru_cache(maxsize=1)
def _acled_plover() -> dict[str, str]:
    return {row["sub_event_type"]: row["plover"] for row in read_table("acled_to_plover.tsv")}


def from_corpus(record: dict, origin: str = "") -> Labelled:
    """A record of training/corpus (training/GUIDE.md's format)."""
    return Labelled(record["text"], record["plover"], record.get("acled_sub") or ACLED_NONE, origin)


def read_labelled(path: Path) -> list[Labelled]:
    """A user's labelled file: corpus JSON Lines, PLOVER-typed CSV/JSONL, or an ACLED export."""
    rows = _rows(path)
    out = []
    for row in rows:
        row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        text = (row.get("text") or row.get("notes") or "").strip()
        if not text:
            continue
        plover = (row.get("plover") or row.get("type") or "").strip().upper() or None
        sub = (row.get("acled_sub") or row.get("sub_event_type") or "").strip() or None
        if plover is not None and plover not in PLOVER_LABELS:
            plover = NONE if plover in ("NONE", "NO EVENT", "") else None
        if plover is None and sub is not None:
            plover = _acled_plover().get(sub)
        if "notes" in row and sub is None and plover is None:
            continue
        out.append(Labelled(text, plover, sub if sub else (ACLED_NONE if plover == NONE else None),
                            path.name))
    if not any(r.plover or r.acled for r in out):
        raise EventwireError(NO_DATA.format(path=path))
    return out


def _rows(path: Path) -> list[dict]:
    if not path.is_file():
        raise EventwireError(f"eventwire: {path} does not exist; give a labelled CSV or JSON Lines file")
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    value = json.loads(line)
                except json.JSONDecodeError:
                    raise EventwireError(f"eventwire: {path}:{number} is not JSON") from None
                if isinstance(value, dict):
                    rows.append(value)
        return rows
    return list(csv.DictReader(text.splitlines()))


def fit(records: list[Labelled], about: dict | None = None) -> dict:
    """The model bundle (vectoriser, heads, about) fitted on `records`."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_union

    vectorizer = make_union(
        TfidfVectorizer(ngram_range=WORD_NGRAMS, min_df=MIN_DF, sublinear_tf=True, lowercase=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=MIN_DF, sublinear_tf=True))
    features = vectorizer.fit_transform([r.text for r in records])
    heads = {}
    for name in ("plover", "acled"):
        rows = [i for i, r in enumerate(records) if getattr(r, name)]
        labels = [getattr(records[i], name) for i in rows]
        if len(set(labels)) < 2:
            continue
        head = LogisticRegression(C=INVERSE_REGULARISATION, max_iter=MAX_ITERATIONS)
        head.fit(features[rows], labels)
        head.coef_ = head.coef_.astype("float32")  # half the size; the scores do not move
        heads[name] = head
    if "plover" not in heads:
        raise EventwireError("eventwire: the data has fewer than two PLOVER types; nothing to learn")
    counts = Counter(r.plover for r in records if r.plover)
    return {"vectorizer": vectorizer, "heads": heads,
            "about": {**(about or {}), "sentences": len(records), "plover_counts": dict(counts)}}


def score(model: TypeModel, records: list[Labelled]) -> dict:
    """Accuracy of each head on labelled records, with the PLOVER confusion counts."""
    predictions = model.predict([r.text for r in records])
    result: dict = {}
    for name in ("plover", "acled"):
        pairs = [(getattr(r, name), _top(p, name)) for r, p in zip(records, predictions) if getattr(r, name)]
        if pairs and (name != "acled" or "acled" in model.heads):
            result[f"{name}_accuracy"] = round(sum(g == t for g, t in pairs) / len(pairs), 3)
            result[f"{name}_n"] = len(pairs)
            if name == "plover":
                result["plover_confusion"] = Counter(f"{g}->{t}" for g, t in pairs if g != t).most_common(12)
    return result


def _top(prediction, name: str) -> str:
    ranked = prediction.plover if name == "plover" else prediction.acled
    return ranked[0][0] if ranked else ""


def split(records: list[Labelled], dev_share: float = 0.15, seed: int = 13) -> tuple[list, list]:
    """A reproducible train/dev split of one file (for `eventwire train` on a user's data)."""
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    cut = max(1, int(len(records) * dev_share))
    dev = set(order[:cut])
    return [r for i, r in enumerate(records) if i not in dev], [r for i, r in enumerate(records) if i in dev]
