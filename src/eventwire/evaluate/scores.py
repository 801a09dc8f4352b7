"""Scores against the gold data in ../shared/eval-data: body extraction and the seed (places:
places.py).

Each scorer returns a flat dict of named numbers; `floors.json` pins the lowest value each
may take, and `check_floors` says which fell below.
"""
from __future__ import annotations

import gzip
import json
import re
import statistics
from importlib import resources
from pathlib import Path

from ..options import Options
from ..records import RawDocument

SHINGLE = 4  # the article-extraction-benchmark's shingle length
WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def score_extraction(folder: Path, limit: int | None = None) -> dict[str, float]:
    """Body extraction: 4-gram shingle precision/recall/F1 per page, averaged over pages."""
    from ..clean import clean_document
    from ..draft import Draft

    truth = json.loads((folder / "ground-truth.json").read_text())
    ps, rs = [], []
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        draft = clean_document(Draft(raw=RawDocument(html, key, is_html=True),
                                     options=Options(languages=("en", "de", "fr", "es", "ru", "it", "pt", "ja", "zh", "pl"))))
        got, gold = _shingles(_body(draft)), _shingles(truth[key]["articleBody"])
        common = len(got & gold)
        ps.append(common / len(got) if got else 0.0)
        rs.append(common / len(gold) if gold else 0.0)
    p, r = statistics.mean(ps), statistics.mean(rs)
    return {"extraction.precision": p, "extraction.recall": r,
            "extraction.f1": 2 * p * r / (p + r) if p + r else 0.0, "extraction.pages": len(ps)}


def _body(draft) -> str:
    article = draft.article
    if not article or not article.text:
        return ""
    text = article.text
    if article.title and text.startswith(article.title):
        text = text[len(article.title):]  # the benchmark's bodies carry no headline
    return text


def load_floors() -> dict[str, float]:
    return json.loads(resources.files("eventwire.evaluate").joinpath("floors.json").read_text())["floors"]


def check_floors(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    """The scores that fell below their floor, as sentences."""
    return [f"{name} = {scores[name]:.3f} is below its floor {floor:.3f}"
            for name, floor in floors.items() if name in scores and scores[name] < floor]


def score_seed(seed_dir: Path, checker: Path) -> dict[str, float]:
    """The seed article's facts found by the maintainers' own check (sections built so far)."""
    import subprocess
    import sys
    import tempfile

    from .. import extract

    text = (seed_dir / "nato-iraq-thehill.txt").read_bytes()
    out = extract(text, published="2021-02-18").to_dict()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(out, handle)
    run = subprocess.run([sys.executable, str(checker), str(seed_dir / "nato-iraq-thehill.expected.json"),
                          handle.name, "article,entities,places,times,quantities,events,quotes,consistency"],
                         capture_output=True, text=True)
    Path(handle.name).unlink()
    found, total = re.search(r"(\d+)/(\d+) facts found", run.stdout).groups()
    return {"seed.found": int(found), "seed.expected": int(total)}
