"""Long and pathological texts: parsed in pieces with exact offsets, never a crash (issue 9)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.nlp import PIECE_MAX_CHARS, load_model, parse, split_text

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "tests" / "articles").glob("*.txt"))
# The test's own limit on the 50,000-token run (the code under test has none): it takes about
# 20 s on a laptop core; a crash or a quadratic walk would exceed it or fail.
PRESIDENT_TIMEOUT_S = 240


@pytest.mark.parametrize("text", [
    "One. Two.\n\nThree",
    "President " * 3_000,
    "," * 2_000,
    "killed a man " * 500,
    " " * 30_000 + "word",
    "\n\n".join(p.read_text() for p in ARTICLES) * 3,
])
def test_pipeline_split_text_joins_exactly(text):
    pieces = split_text(text, max_chars=5_000, max_run=500, max_words=400)
    assert "".join(pieces) == text
    assert all(pieces)
    assert all(len(p) <= 5_000 for p in pieces)
    assert all(len(word) <= 500 for p in pieces for word in p.split())


def test_pipeline_split_text_keeps_an_ordinary_article_whole():
    for path in ARTICLES:
        text = path.read_text()
        assert split_text(text) == [text]


def test_pipeline_split_text_cuts_at_paragraph_breaks():
    paragraph = "The minister said the talks would go on. " * 40 + "\n\n"
    pieces = split_text(paragraph * 20, max_chars=5_000)
    assert len(pieces) > 1
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_pipeline_pieces_join_with_exact_text():
    nlp = load_model()
    text = "\n\n".join(p.read_text() for p in ARTICLES[:4]) * 2
    pieces = split_text(text, max_chars=3_000)
    assert len(pieces) > 1
    doc = parse(nlp, text) if len(text) > PIECE_MAX_CHARS else None
    from spacy.tokens import Doc
    joined = Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False, exclude=["tensor"])
    assert joined.text == text
    assert all(t.text == text[t.idx:t.idx + len(t.text)] for t in joined)
    assert all(e.text == text[e.start_char:e.end_char] for e in joined.ents)
    assert doc is None or doc.text == text


def _spans(out: dict):
    for actor in out["actors"]:
        yield from actor["mentions"]
    for place in out["places"]:
        yield from place["mentions"]
    yield from out["times"]
    yield from out["quantities"]
    yield from out["quotes"]
    for event in out["events"]:
        yield from event["evidence"]


def test_pipeline_text_over_max_length_has_exact_offsets():
    """spaCy rejects a text over nlp.max_length; the parse stage never hands it one. The limit is
    lowered here so the test stays quick: the pieces follow it."""
    from eventwire.options import Options
    from eventwire.pipeline import Pipeline
    from eventwire.records import RawDocument

    pipeline = Pipeline(Options(published="2024-03-14"))
    nlp = dict(pipeline.stages)["parse"].nlp
    saved, nlp.max_length = nlp.max_length, 4_000
    try:
        text = "\n\n".join(p.read_text() for p in ARTICLES) * 2
        assert len(text) > nlp.max_length
        ex = pipeline(RawDocument(text, "<test>", is_html=False))
    finally:
        nlp.max_length = saved
    assert ex.article.rejected is None
    out = ex.to_dict()
    article = out["article"]["text"]
    spans = list(_spans(out))
    assert len(spans) > 100 and out["events"]
    assert all(s["text"] == article[s["start"]:s["end"]] for s in spans)


def test_pipeline_president_run_codes_without_crash():
    text = "President " * 50_000
    code = ("import sys, json, eventwire; "
            "ex = eventwire.extract(sys.stdin.read(), published='2024-03-14'); "
            "print(json.dumps(ex.to_dict()))")
    done = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True,
                          timeout=PRESIDENT_TIMEOUT_S)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out["article"]["text"].strip() == text.strip()
