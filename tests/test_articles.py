"""Articles of our own writing, with the facts that must and must not come out of them."""
import json
from pathlib import Path

import pytest

import eventwire

from .conftest import validate

ARTICLES = Path(__file__).parent / "articles"
CASES = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".html"))


def _load(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text())
    ex = eventwire.extract(path.read_bytes(), published=expected.get("published"), name=path.name)
    return validate(ex), expected


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_articles_text_and_metadata(path):
    out, expected = _load(path)
    article = out["article"]
    assert article["rejected"] is None
    assert article["title"] == expected["title"]
    if "source" in expected:
        assert article["source"] == expected["source"]
    if "article_published" in expected:
        assert article["published"] == expected["article_published"]
    for snippet in expected["text_must_contain"]:
        assert snippet in article["text"]
    for snippet in expected["text_must_not_contain"]:
        assert snippet not in article["text"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_articles_actors(path):
    out, expected = _load(path)
    actors = {a["name"]: a for a in out["actors"]}
    for want in expected["actors"]:
        got = actors.get(want["name"])
        assert got, f"{want['name']} not among {sorted(actors)}"
        for key in ("kind", "country", "sector", "title"):
            if key in want:
                assert got[key] == want[key], (want["name"], key)
        mentions = [m["text"] for m in got["mentions"]]
        for mention in want.get("mentions", []):
            assert mention in mentions
    for name in expected["actors_must_not_include"]:
        assert name not in actors


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_articles_places_times_quantities(path):
    out, expected = _load(path)
    places = {p["name"]: p for p in out["places"]}
    for want in expected["places"]:
        assert want["name"] in places, sorted(places)
        assert places[want["name"]]["country"] == want["country"]
        assert places[want["name"]]["precision"] == want["precision"]
    times = {t["text"]: t for t in out["times"]}
    for want in expected["times"]:
        assert times[want["text"]]["date_start"] == want["date_start"]
    for want in expected["quantities"]:
        assert any(all(q.get(k) == v for k, v in want.items()) for q in out["quantities"]), want


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_articles_quotes_with_speakers(path):
    from eventwire.evaluate.quotes import matching_quotes, norm, speaker_is

    out, expected = _load(path)
    if expected.get("quotes") == []:
        assert out["quotes"] == []
    for want in expected.get("quotes", []):
        hits = matching_quotes(out, want["text_starts"])
        assert hits, f"quote {want['text_starts']!r} not among {[q['text'][:30] for q in out['quotes']]}"
        assert any(speaker_is(out, q["speaker"], want["speaker"]) for q in hits), (want, hits)
    for text in expected.get("quotes_must_not_include", []):  # scare quotes, nested quotes
        assert not any(norm(q["text"]).startswith(norm(text)) for q in out["quotes"]), text


def test_articles_quote_speaker_scores():
    from eventwire.evaluate.quotes import score_quote_speakers

    scores = score_quote_speakers(ARTICLES)
    assert scores["quotes.n"] >= 25
    assert scores["quotes.found"] == 1.0 and scores["quotes.speaker_accuracy"] == 1.0


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_articles_every_span_points_at_its_text(path):
    """The contract: offsets are character offsets into article.text, and the text is what is there."""
    out, _ = _load(path)
    text = out["article"]["text"]
    spans = [m for key in ("actors", "places") for record in out[key] for m in record["mentions"]]
    spans += out["times"] + out["quantities"] + [s for e in out["events"] for s in e["evidence"]]
    spans += [c for check in out["checks"] for c in check["evidence"]]
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(text), span
        assert text[span["start"]:span["end"]] == span["text"], span
    for quote in out["quotes"]:  # a quote over several paragraphs too: exactly the text there
        assert text[quote["start"]:quote["end"]] == quote["text"], quote
