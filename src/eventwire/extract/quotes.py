"""Quotes: direct and partial quotations with their speaker, cue verb and supported events.

Finds quoted spans in double or single marks (straight or curly, across paragraph breaks as
newspapers run them), then reads the parse outside the marks for the cue verb and its subject. It
never invents a speaker that is not one of `draft.actors`, and never reads an apostrophe as a mark.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from ..data import word_set
from ..draft import Draft
from ..records import Quote
from .grammar import NOMINAL_SUBJECTS
from .offsets import Ranges
from .speakers import Speakers
from .tree import ancestors, children, is_ancestor, sentence, subtree_ids, tokens_starting_in

# Lemmas of verbs that introduce speech; spaCy lemmatises "vowed" -> "vow", "told" -> "tell".
CUE_LEMMAS = word_set("quote_cue_verbs")
# Quotes this short (in words) are often scare quotes ("so-called “peace”"): they are kept only
# when the parse ties them to an actor. Two words, as the brief asks; longer ones are real speech.
SCARE_QUOTE_MAX_WORDS = 2
# A short sentence right after a quote ("... .” he said.") is its attribution when it has a cue.
ATTRIBUTION_MAX_TOKENS = 8
# Heads walked up from a quote's attachment point to the verb whose subject speaks it.
GOVERNOR_MAX_STEPS = 4
# A speakerless quote goes on from the quote before when at most this much lies between:
# one blank-line paragraph break and a short attribution (", Quispe said.").
CONTINUATION_MAX_BREAKS = 2
CONTINUATION_MAX_CHARS = 40
# Characters before a straight quote that make it an opening one.
OPENERS_BEFORE = " \t\n([{—–-/:"
# British and many wire styles quote speech in single marks. The right one is also the
# apostrophe, and web copy often types one curly mark for the other, so a single mark is read
# by its neighbours alone, as a straight one is (see _single_marks).
SINGLE_MARKS = "'‘’"
CLOSING_MARKS = "\"”»" + SINGLE_MARKS
# Apostrophes that stand after a space, where an opening mark would: decades ("the '90s"),
# "rock 'n' roll", and the clipped words wire copy prints in speech ("'em", "'til").
ELISION = re.compile(r"['‘’](?:\d\ds\b|\d\d(?=[.,;:!?)]|$)|n['‘’]|(?:em|til|tis|twas|cause|bout)\b)",
                     re.IGNORECASE | re.MULTILINE)
# How a mark is read: a weak closing mark ("the soldiers' families") may be a plural
# possessive, and closes a quote only when no sure closing mark does before the next opening
# mark or the paragraph's end; then the first one closes it, as a quote cut short misleads
# less than one that runs on into the reporter's words.
OPEN, CLOSE, WEAK_CLOSE = "open", "close", "weak close"


@dataclass(frozen=True)
class _Marked:
    """A quotation as found in the text: the quoted segments and the marks around them."""

    segments: tuple[tuple[int, int], ...]  # offsets of the words, one pair per paragraph
    outer: tuple[tuple[int, int], ...]  # the same with the marks included

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


@dataclass(frozen=True)
class _Attribution:
    speaker: str | None = None
    cue: str | None = None
    governed: bool = False  # the parse ties the quote to the speaker's verb
    alone: bool = False  # nothing but the quote in its sentences


def find_quotes(draft: Draft) -> Draft:
    """Adds `quotes`: every quotation found, with the actor who speaks it where one is found.
    `text` is `article.text[start:end]`, as for every span of the contract: a quote run over
    paragraphs goes from its first word to its last, the breaks and marks between included."""
    text, doc = draft.article.text, draft.doc
    quotes: list[Quote] = []
    previous: tuple[_Marked, Quote] | None = None
    speakers = Speakers(draft.actors, text)
    evidence = Ranges((s.start, s.end, n) for n, e in enumerate(draft.events) for s in e.evidence)
    for marked in quote_spans(text):
        found = _attribute(doc, marked, speakers, previous[1].speaker if previous else None)
        speaker, cue = found.speaker, found.cue
        if speaker is None and found.alone and previous and _continues(text, previous[0], marked):
            speaker, cue = previous[1].speaker, previous[1].cue
        words = " ".join(text[s:e] for s, e in marked.segments)
        if len(words.split()) <= SCARE_QUOTE_MAX_WORDS and not (speaker and found.governed):
            continue
        quote = Quote(text=text[marked.start:marked.end], start=marked.start, end=marked.end,
                      speaker=speaker, cue=cue, supports=_supports(doc, marked, draft.events, evidence))
        quotes.append(quote)
        previous = (marked, quote)
    return draft.add(quotes=tuple(quotes))


# Hard wrapping: most lines of some length end mid-sentence. A wrapping newline is one with
# text right after it (no blank line, no paragraph indentation) and text before it.
WRAP_MIN_LINE = 40
WRAP_MIN_LINES = 4
WRAP_OPEN_SHARE = 0.5
SENTENCE_ENDS = (".", "!", "?", ":", '"', "”", "'", "’")
WRAP = re.compile(r"(?<=\S)\n(?=[^\s])")


# --- finding the marks ----------------------------------------------------------------------

def quote_spans(text: str) -> list[_Marked]:
    """Quoted spans in double marks, then in single marks outside them; a quote inside another
    (a nested "‘Run!’", or British "‘... “so-called” ...’") is part of it, not one of its own."""
    text = _unwrapped(text)  # same length: offsets stay the article's
    doubles = _pair(text, _double_marks(text))
    ranges = [(m.outer[0][0], m.outer[-1][1]) for m in doubles]
    singles = _pair(text, _single_marks(text, ranges))
    found = sorted(doubles + singles, key=lambda m: m.outer[0][0])
    return _outermost(found)


def _outermost(found: list[_Marked]) -> list[_Marked]:
    """The quotes not within another, from a list sorted by start. One pass: a quote is within
    another iff some other quote starting no later ends no earlier (a test of every pair was
    quadratic in the quotes of a long text)."""
    kept, reach, i = [], -1, 0  # reach: the furthest end of the quotes starting earlier
    while i < len(found):
        j = i
        while j < len(found) and found[j].outer[0][0] == found[i].outer[0][0]:
            j += 1
        ends = [m.outer[-1][1] for m in found[i:j]]
        for k, m in enumerate(found[i:j]):
            others = max([reach] + ends[:k] + ends[k + 1:])
            if others < m.outer[-1][1]:
                kept.append(m)
        reach, i = max([reach] + ends), j
    return kept


def _unwrapped(text: str) -> str:
    """Hard-wrapped text (newswire with lines of ~65 characters, paragraphs indented or blank-line
    separated) with each wrapping newline read as a space; other text as it is."""
    lines = [line for line in text.split("\n") if len(line.strip()) >= WRAP_MIN_LINE]
    if len(lines) < WRAP_MIN_LINES:
        return text
    open_ended = sum(not line.rstrip().endswith(SENTENCE_ENDS) for line in lines)
    if open_ended / len(lines) < WRAP_OPEN_SHARE:
        return text
    return WRAP.sub(" ", text)


def _pair(text: str, marks) -> list[_Marked]:
    """Opening and closing marks paired. An unclosed quote continues in the next paragraph only
    if that paragraph opens with a quote mark, and is dropped otherwise; a weak closing mark
    closes it when no sure one does before the next opening mark or the paragraph's end."""
    found: list[_Marked] = []
    segments: list[tuple[int, int]] = []  # closed paragraphs of the quote being read
    opened: int | None = None  # offset of the opening mark of the current segment
    weak: int | None = None  # the first weak closing mark since `opened`

    def close(at: int) -> None:
        nonlocal segments, opened, weak
        found.append(_marked(text, segments + [(opened, at + 1)]))
        segments, opened, weak = [], None, None

    newlines = [m.start() for m in re.finditer("\n", text)]  # "a newline between?" by bisection
    for pos, kind in marks:
        if opened is not None and _newline_between(newlines, opened, pos):
            if weak is not None:
                close(weak)
            elif kind == OPEN and _paragraph_initial(text, pos):  # the quote runs on
                segments.append((opened, _paragraph_end(text, opened)))
                opened = pos
                continue
            else:
                segments, opened = [], None  # never closed: not a quote
        if kind == OPEN:
            if opened is not None and weak is not None:
                close(weak)
            if opened is None:  # an opening mark inside an open quote: keep the earlier one
                opened = pos
        elif opened is not None:
            if kind == CLOSE:
                close(pos)
            elif weak is None:
                weak = pos
    if opened is not None and weak is not None:
        close(weak)
    return [m for m in found if m.segments]


def _double_marks(text: str):
    """(offset, OPEN or CLOSE) of every double quote mark; straight ones read by their context."""
    for m in re.finditer(r"[\"“”„«»]", text):
        ch, pos = m.group(), m.start()
        if ch in "“„«":
            yield pos, OPEN
        elif ch in "”»":
            yield pos, CLOSE
        else:
            before = text[pos - 1] if pos else "\n"
            yield pos, OPEN if before in OPENERS_BEFORE else CLOSE


def _single_marks(text: str, skip: list[tuple[int, int]]):
    """(offset, kind) of the single marks that are quote marks, outside the `skip` ranges.
    A mark between two letters or digits is an apostrophe (don't, O'Brien, Iran's, 5'10);
    one after a space opens, unless an elision starts there ('90s, 'n'); one after a word
    closes, weakly if it follows an "s" and a word comes next (the soldiers' families)."""
    elided = {m.start() + i for m in ELISION.finditer(text) for i, ch in enumerate(m.group())
              if ch in SINGLE_MARKS}
    skipped = _Reach(skip)
    for m in re.finditer(f"[{SINGLE_MARKS}]", text):
        pos = m.start()
        if pos in elided or _in_any(skipped, pos):
            continue
        before = text[pos - 1] if pos else "\n"
        after = text[pos + 1] if pos + 1 < len(text) else "\n"
        if before.isalnum() and after.isalnum():
            continue
        if before in OPENERS_BEFORE and not after.isspace():
            yield pos, OPEN
        elif not before.isspace() and not after.isalnum():
            yield pos, WEAK_CLOSE if _possessive_like(text, pos) else CLOSE


class _Reach:
    """Ranges sorted by start with the furthest end reached so far: "is pos in any?" by bisection."""

    def __init__(self, ranges: list[tuple[int, int]]):
        ranges = sorted(ranges)
        self.starts = [s for s, _ in ranges]
        self.reach = list(accumulate((e for _, e in ranges), max))


def _in_any(ranges: _Reach, pos: int) -> bool:
    """Whether s <= pos < e for some range (s, e)."""
    k = bisect_right(ranges.starts, pos)
    return k > 0 and ranges.reach[k - 1] > pos


def _newline_between(newlines: list[int], start: int, end: int) -> bool:
    k = bisect_left(newlines, start)
    return k < len(newlines) and newlines[k] < end


def _possessive_like(text: str, pos: int) -> bool:
    """ "soldiers' families": a mark after an "s", with a word right after the space."""
    return text[pos - 1] in "sS" and re.match(r" \w", text[pos + 1:pos + 3]) is not None


def _marked(text: str, outer: list[tuple[int, int]]) -> _Marked:
    """Strip marks, spaces and the trailing attribution comma from each segment; only the
    last segment ends at a closing mark, the others at their paragraph's end."""
    segments = []
    for i, (start, end) in enumerate(outer):
        closed = i == len(outer) - 1 and text[end - 1] in CLOSING_MARKS
        s, e = start + 1, end - 1 if closed else end
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
            e -= 1
        if e > s:
            segments.append((s, e))
    return _Marked(tuple(segments), tuple(outer))


def _paragraph_initial(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _paragraph_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


# --- attribution ----------------------------------------------------------------------------

def _attribute(doc, marked: _Marked, speakers: Speakers, last_speaker: str | None = None) -> _Attribution:
    """Who speaks the quote, in three steps: 1. "according to X"; 2. the cue verb the quote
    hangs from, else the nearest, and its subject; 3. the subject of the verb the quote hangs
    from ("the Pentagon “welcomes ...”", "vowed “consequences ...”")."""
    inside = _inside(doc, marked)
    frame = _frame(doc, speakers.text, marked, inside)
    if not frame:
        return _Attribution(alone=True)
    for token in frame:  # 1.
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            objects = [t for t in children(doc[token.i + 1]) if t.dep_ == "pobj"]
            if objects:
                return _Attribution(speakers.actor_of(objects[0], last_speaker), "according to", True)
    cues = [t for t in frame if t.lemma_.lower() in CUE_LEMMAS and t.pos_ in ("VERB", "AUX")]
    cues.sort(key=lambda t: (not _is_ancestor(t, doc, inside), _distance(t, marked)))
    for cue in cues:  # 2.
        cue = _reporting_cue(cue, inside)
        subject = _subject(cue)
        speaker = speakers.actor_of(subject, last_speaker) if subject is not None and subject.i not in inside else None
        if speaker:
            return _Attribution(speaker, cue.lemma_.lower(), _is_ancestor(cue, doc, inside))
    subject, verb = _governing_subject(doc, inside)  # 3.
    speaker = speakers.actor_of(subject, last_speaker) if subject is not None else None
    cue = cues[0].lemma_.lower() if cues else (verb.lemma_.lower() if speaker else None)
    return _Attribution(speaker, cue, speaker is not None)


def _reporting_cue(cue, inside: set[int]):
    """A cue with no subject of its own, coordinated under a clause that another cue verb
    reports ("said that Chad would ... but called on donors to “...”"), is that cue's."""
    if any(c.dep_ in NOMINAL_SUBJECTS for c in children(cue)) or cue.dep_ != "conj":
        return cue
    for above in ancestors(cue):
        if above.lemma_.lower() in CUE_LEMMAS and above.i not in inside and above is not cue.head \
                and any(c.dep_ in NOMINAL_SUBJECTS for c in children(above)):
            return above
    return cue


def _inside(doc, marked: _Marked) -> set[int]:
    """The tokens that start inside the marks."""
    return {i for s, e in marked.outer for i in tokens_starting_in(doc, s, e)}


def _frame(doc, text: str, marked: _Marked, inside: set[int]) -> list:
    """Tokens outside the marks in the sentences the quote opens and closes in, plus a short
    attribution sentence right after it and a colon-ended sentence right before it."""
    # The quoted words' sentences, not the marks': a closing mark is often parsed as the start
    # of the next sentence.
    first = doc.char_span(marked.start, marked.start + 1, alignment_mode="expand")
    last = doc.char_span(marked.end - 1, marked.end, alignment_mode="expand")
    if first is None or last is None:
        return []
    sents = [sentence(first[0]), sentence(last[0])]
    after = doc[sentence(last[0]).end:sentence(last[0]).end + 1]
    if after and len(sentence(after[0])) <= ATTRIBUTION_MAX_TOKENS and \
            "\n" not in text[marked.outer[-1][1]:sentence(after[0]).end_char].rstrip():
        sents.append(sentence(after[0]))
    if sentence(first[0]).start > 0:
        before = sentence(doc[sentence(first[0]).start - 1])
        if before.text.rstrip().endswith(":"):
            sents.append(before)
    seen, tokens = set(), []
    for sent in sents:
        for token in sent:
            if token.i not in inside and token.i not in seen and not token.is_space:
                seen.add(token.i)
                tokens.append(token)
    return tokens


def _distance(token, marked: _Marked) -> int:
    return min(min(abs(token.idx - s), abs(token.idx - e)) for s, e in marked.outer)


def _subject(verb):
    """The verb's subject; a verb in a coordination ("... and added") borrows its head's."""
    for _ in range(GOVERNOR_MAX_STEPS):
        # The nearest: a headline run into the first sentence can lend a verb a second one.
        found = min((c for c in children(verb) if c.dep_ in NOMINAL_SUBJECTS),
                    key=lambda c: abs(c.i - verb.i), default=None)
        if found is not None or verb.dep_ not in ("conj", "xcomp", "advcl"):
            return found
        verb = verb.head
    return None


def _is_ancestor(cue, doc, inside: set[int]) -> bool:
    return any(is_ancestor(cue, doc[i]) for i in inside)


def _governing_subject(doc, inside: set[int]):
    """(subject, verb) of the nearest verb above the quote whose subject lies outside it."""
    roots = [doc[i] for i in sorted(inside) if doc[i].head.i not in inside or doc[i].head.i == i]
    for token in roots:
        node = token
        for _ in range(GOVERNOR_MAX_STEPS):
            if node.pos_ in ("VERB", "AUX"):
                subject = _subject(node)
                if subject is not None and not any(i in inside for i in subtree_ids(subject)):
                    return subject, node
            if node.head.i == node.i:
                break
            node = node.head
    return None, None


def _continues(text: str, earlier: _Marked, later: _Marked) -> bool:
    """A quote standing alone in its sentences, after a quote in the same paragraph or right
    after one in the previous paragraph, is the same speaker going on ("“...,” Quispe said. “...”")."""
    between = text[earlier.outer[-1][1]:later.outer[0][0]]
    if "\n" not in between:  # the same paragraph: whatever attribution lies between
        return True
    return between.count("\n") <= CONTINUATION_MAX_BREAKS and \
        len("".join(between.split())) <= CONTINUATION_MAX_CHARS


def _supports(doc, marked: _Marked, events, evidence: Ranges) -> tuple[str, ...]:
    """Events whose evidence overlaps the sentences the quote stands in."""
    first = doc.char_span(marked.start, marked.start + 1, alignment_mode="expand")
    last = doc.char_span(marked.end - 1, marked.end, alignment_mode="expand")
    if first is None or last is None:
        return ()
    lo, hi = sentence(first[0]).start_char, sentence(last[0]).end_char
    hits = sorted({evidence.items[k][2] for k in evidence.overlapping(lo, hi)})
    return tuple(events[n].id for n in hits)
