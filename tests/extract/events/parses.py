"""Hand-made parses for the event rules' unit tests: a sentence and its parse as a table, so a
rule's test does not depend on what the statistical model makes of the sentence today.

Each line of a table is `word head dep pos lemma [ent]`: `head` is the absolute index of the
head (the root's is its own), `ent` an IOB tag ("B-GPE", "I-GPE"; "O" when left out).
"""
from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc

from eventwire.records import Actor, Span

# English lexical attributes: a bare `Vocab()` leaves `lower_` empty and `like_num` False, which
# the rules read ("by", "at", numbers as victims).
VOCAB = spacy.blank("en").vocab
# Tokens written against the word before them: no space before these.
ATTACHED = {".", ",", "'s", "n't", ")", ":", ";", "%"}


def parse(table: str) -> Doc:
    """A Doc from a parse table (see the module docstring); spaces as English writes them."""
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    for number, row in enumerate(rows):
        if len(row) not in (5, 6):
            raise ValueError(f"row {number} {row!r}: want word head dep pos lemma [ent]")
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in ATTACHED for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, heads=[int(r[1]) for r in rows],
               deps=[r[2] for r in rows], pos=[r[3] for r in rows], lemmas=[r[4] for r in rows],
               ents=[r[5] if len(r) == 6 else "O" for r in rows])


def word(doc: Doc, text: str, nth: int = 0):
    """The `nth` token (from 0) whose text is `text`."""
    found = [t for t in doc if t.text == text]
    if len(found) <= nth:
        raise LookupError(f"{text!r} (#{nth}) not in {doc.text!r}")
    return found[nth]


def actor(doc: Doc, id: str, *phrases: str, kind: str = "country", **fields) -> Actor:
    """An actors-stage record named by each of `phrases` where it stands (as a whole word) in
    the doc's text."""
    mentions = []
    for phrase in phrases:
        hits = [m.start() for m in re.finditer(rf"\b{re.escape(phrase)}\b", doc.text)]
        if not hits:
            raise LookupError(f"{phrase!r} not in {doc.text!r}")
        mentions += [Span(phrase, s, s + len(phrase)) for s in hits]
    return Actor(id=id, name=phrases[0] if phrases else id, kind=kind,
                 mentions=tuple(mentions), **fields)
