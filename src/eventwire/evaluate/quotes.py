"""Quote attribution scored against the project's own articles (tests/articles/*.expected.json).

Each expected file may carry "quotes": [{"text_starts", "speaker"}]; a quote matches as in the
maintainers' seed check: its normalised text starts with `text_starts`, and its speaker is an
actor whose name or one of whose mentions is (or contains) the expected name.
"""
from __future__ import annotations

import json
from pathlib import Path

ARTICLE_SUFFIXES = (".txt", ".html")
# Expected names this short must match a name or mention exactly, as in check_seed.py.
MIN_CONTAINED_NAME = 4


def score_quote_speakers(folder: Path) -> dict[str, float]:
    """quotes.found: share of gold quotes found; quotes.speaker_accuracy: share of the found
    ones whose speaker is right; quotes.n: gold quotes in all."""
    from .. import extract

    n = found = right = 0
    for path in sorted(p for p in Path(folder).iterdir() if p.suffix in ARTICLE_SUFFIXES):
        expected_path = path.with_suffix(".expected.json")
        if not expected_path.is_file():
            continue
        gold = json.loads(expected_path.read_text()).get("quotes") or []
        if not gold:
            continue
        published = json.loads(expected_path.read_text()).get("published")
        out = extract(path.read_bytes(), published=published, name=path.name).to_dict()
        for want in gold:
            hits = matching_quotes(out, want["text_starts"])
            n += 1
            found += bool(hits)
            right += any(speaker_is(out, q.get("speaker"), want["speaker"]) for q in hits)
    return {"quotes.speaker_accuracy": right / found if found else 0.0,
            "quotes.found": found / n if n else 0.0, "quotes.n": n}


def matching_quotes(out: dict, text_starts: str) -> list[dict]:
    """The output's quotes whose text starts with `text_starts`, compared normalised."""
    return [q for q in out.get("quotes", []) if norm(q.get("text")).startswith(norm(text_starts))]


def speaker_is(out: dict, actor_id: str | None, name: str) -> bool:
    """Whether the actor `actor_id` of the output goes by `name` (its name or a mention)."""
    actor = next((a for a in out.get("actors", []) if a.get("id") == actor_id), None)
    if actor is None:
        return False
    names = {norm(actor.get("name"))} | {norm(m.get("text")) for m in actor.get("mentions", [])}
    want = norm(name)
    return any(want == x or (len(want) >= MIN_CONTAINED_NAME and want in x) for x in names)


def norm(text: str | None) -> str:
    """Curly marks as straight, spaces collapsed, case folded, edge quotes and stops stripped."""
    text = str(text or "").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).casefold().strip(" \"'.,")
