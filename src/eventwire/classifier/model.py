"""`TypeModel`: sentence -> probabilities of PLOVER types and ACLED sub-event types."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import EventwireError

WEIGHTS = Path(__file__).resolve().parent / "weights"
MODEL_FILE = "type_model.joblib"
NONE = "NONE"  # the PLOVER head's "no event"; the ACLED head's "no ACLED sense" is ACLED_NONE
ACLED_NONE = "None"
BAD_MODEL = ("eventwire: {path} holds no eventwire type model ({why}); make one with "
             "`eventwire train --data FILE --out DIR`, or leave --model out to use the shipped one")


@dataclass(frozen=True)
class Prediction:
    """One sentence's probabilities, each head's labels sorted most likely first."""

    plover: tuple[tuple[str, float], ...]
    acled: tuple[tuple[str, float], ...]  # ACLED sub-event types; ACLED_NONE: no ACLED sense

    @property
    def top(self) -> tuple[str, float]:
        return self.plover[0]

    def p(self, plover_type: str) -> float:
        return next((p for t, p in self.plover if t == plover_type), 0.0)

    def summary(self, n: int = 3) -> str:
        """ "ASSAULT 0.91, NONE 0.05, COERCE 0.02": the head's top types, for the rule trail."""
        return ", ".join(f"{t} {p:.2f}" for t, p in self.plover[:n])


class TypeModel:
    """The vectoriser and the heads, with what they were trained on (`about`)."""

    def __init__(self, bundle: dict):
        self.vectorizer = bundle["vectorizer"]
        self.heads = bundle["heads"]  # "plover" -> classifier, "acled" -> classifier (optional)
        self.about = bundle.get("about", {})
        self._weights: dict[str, dict[str, float]] = {}  # PLOVER type -> word -> weight (evidence)

    def predict(self, texts: list[str]) -> list[Prediction]:
        """One prediction per text, all in one batch."""
        if not texts:
            return []
        features = self.vectorizer.transform(texts)
        heads = {name: (head.classes_, head.predict_proba(features)) for name, head in self.heads.items()}
        out = []
        for row in range(len(texts)):
            ranked = {name: tuple(sorted(((str(c), float(p)) for c, p in zip(classes, probs[row])),
                                         key=lambda cp: -cp[1]))
                      for name, (classes, probs) in heads.items()}
            out.append(Prediction(ranked["plover"], ranked.get("acled", ())))
        return out

    def evidence(self, words: list[str], plover_type: str) -> list[float]:
        """How much each word (in order, as written) speaks for `plover_type` in the PLOVER head:
        the head's weight of the word, plus half the weight of each word pair it is in, each
        times the feature's inverse document frequency. The word the model reads the type from
        ("defused" for COERCE in "experts defused a device") is the one with the most; the
        character n-grams are left out (they belong to no one word)."""
        weights = self._word_weights(plover_type)
        lowered = [w.lower() for w in words]
        out = []
        for n, word in enumerate(lowered):
            value = weights.get(word, 0.0)
            if n:
                value += weights.get(f"{lowered[n - 1]} {word}", 0.0) / 2
            if n + 1 < len(lowered):
                value += weights.get(f"{word} {lowered[n + 1]}", 0.0) / 2
            out.append(value)
        return out

    def _word_weights(self, plover_type: str) -> dict[str, float]:
        cached = self._weights.get(plover_type)
        if cached is None:
            head = self.heads["plover"]
            words = _word_vectorizer(self.vectorizer)
            classes = [str(c) for c in head.classes_]
            if words is None or plover_type not in classes:
                cached = {}
            else:
                row = head.coef_[classes.index(plover_type)]
                cached = {term: float(row[j] * words.idf_[j]) for term, j in words.vocabulary_.items()
                          if row[j] > 0}
            self._weights[plover_type] = cached
        return cached


def _word_vectorizer(vectorizer):
    """The word n-gram TF-IDF part of the feature union (it comes first), or None."""
    parts = getattr(vectorizer, "transformer_list", [("words", vectorizer)])
    first = parts[0][1]
    return first if getattr(first, "analyzer", None) == "word" else None


def save_model(bundle: dict, folder: Path) -> Path:
    import joblib

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MODEL_FILE
    joblib.dump(bundle, path, compress=3)
    return path


@lru_cache(maxsize=4)
def load_model(folder: str | None = None) -> TypeModel:
    """The model in `folder` (made by `eventwire train`), else the one shipped in the package;
    loaded once per process."""
    import joblib

    path = Path(folder) / MODEL_FILE if folder else WEIGHTS / MODEL_FILE
    if not path.is_file():
        raise EventwireError(BAD_MODEL.format(path=path.parent, why=f"no {MODEL_FILE}"))
    try:
        bundle = joblib.load(path)
    except Exception as err:  # a corrupt or foreign file: say what to do, not a traceback
        raise EventwireError(BAD_MODEL.format(path=path.parent, why=type(err).__name__)) from None
    if not isinstance(bundle, dict) or "plover" not in bundle.get("heads", {}):
        raise EventwireError(BAD_MODEL.format(path=path.parent, why="no PLOVER head"))
    return TypeModel(bundle)
