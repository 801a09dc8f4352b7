"""The quantities stage: numbers with what they count, and changes "from A to about B".

Reads the parse for the counted noun; "killed a civilian" counts 1; "thousands" is vague
(no value, approximate), never 1000. Years and dates are left to the times stage.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from text_to_num import text2num

from .grammar import MULTIPLIERS
from ..records import Quantity

NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[a-z]+(?:[- ][a-z]+)?)"
HEDGE = r"(?:about|around|some|nearly|almost|roughly|approximately|more than|over|at least|up to|an estimated)"
# \s, not a space: scraped pages often carry no-break spaces between words.
CHANGE = re.compile(rf"\bfrom\s(?P<a>{NUMBER})\sto\s(?:(?P<hedge>{HEDGE})\s)?(?P<b>{NUMBER})\b", re.I)
COUNT = re.compile(rf"\b(?:(?P<hedge>{HEDGE})\s)?(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<member>-member)?\b", re.I)
VAGUE = re.compile(r"\b(?P<n>dozens|hundreds|thousands|tens of thousands|millions)\b", re.I)
# Casualty verbs whose object "a/an NOUN" counts one person.
SINGLE_VICTIM = re.compile(r"\b(?P<verb>killed|killing|injured|injuring|wounded|wounding) (?P<n>an?) (?:[a-z-]+ )?(?P<noun>[a-z]+)\b", re.I)
WORD_COUNT_VERBS = ("killed", "injured", "wounded", "dead", "arrested", "displaced")
YEAR_MIN, YEAR_MAX = 1900, 2100  # bare four-digit numbers in this range are years


def find_quantities(draft):
    text, doc = draft.article.text, draft.doc
    found: list[Quantity] = []
    taken = _Taken()

    def keep(q: Quantity) -> None:
        if taken.claim(q.start, q.end):
            found.append(q)

    for m in CHANGE.finditer(text):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if a is not None and b is not None:
            keep(Quantity(text=m.group(0), start=m.start(), end=m.end(), value=b, before=a, after=b,
                          change=b - a, approximate=bool(m.group("hedge")), counts=_counted(doc, text, m.end())))
    for m in SINGLE_VICTIM.finditer(text):
        keep(Quantity(text=m.group(0), start=m.start("n"), end=m.end(), value=1,
                      counts=f"{m.group('noun')} {m.group('verb').lower()}"))
    for m in COUNT.finditer(text):
        value = _number(m.group("n"))
        if value is None or (not m.group("member") and "," not in m.group("n") and YEAR_MIN <= value <= YEAR_MAX):
            continue
        counts = "members" if m.group("member") else _counted(doc, text, m.end())
        keep(Quantity(text=m.group(0), start=m.start(), end=m.end(), value=value,
                      approximate=bool(m.group("hedge")), counts=counts))
    for token in doc:
        if (token.like_num or token.lower_ in MULTIPLIERS) and token.is_alpha and token.lower_ != "one":
            words, value = number_group(token)  # "twenty-five people", "a dozen soldiers"
            if value is not None and token.head.pos_ in ("NOUN", "PROPN") and token.dep_ == "nummod" \
                    and token.head.i > token.i:  # "nine people"; a head before it is a misparse
                start, end = words[0].idx, token.head.idx + len(token.head.text)
                keep(Quantity(text=text[start:end], start=start, end=end, value=value,
                              counts=token.head.lemma_))
    for m in VAGUE.finditer(text):
        keep(Quantity(text=m.group(0), start=m.start(), end=m.end(), value=None, approximate=True,
                      counts=_counted(doc, text, m.end())))
    found.sort(key=lambda q: q.start)
    return draft.add(quantities=tuple(found))


# Words that build a number with the words beside them: "two hundred and fifty", "a dozen".
HYPHENS = {"-", "\u2010", "\u2011"}


def number_group(token):
    """The number phrase `token` belongs to and its value: "twenty - five" is 25, "two hundred
    and fifty" 250, "a dozen" 12; (the tokens, None) when the words make no number."""
    doc = token.doc

    def numeric(t) -> bool:
        return (t.like_num and not t.is_punct) or t.lower_ in MULTIPLIERS

    if not numeric(token):
        return [token], None
    start = end = token.i
    while start > 0:
        prev = doc[start - 1]
        if numeric(prev) and not _digits(prev) and not _digits(doc[start]):
            start -= 1
        elif prev.text in HYPHENS and not prev.whitespace_ and start > 1 and numeric(doc[start - 2]) \
                and not _digits(doc[start - 2]):
            start -= 2
        elif prev.lower_ == "and" and start > 1 and doc[start - 2].lower_ in MULTIPLIERS:
            start -= 2
        elif prev.lower_ in ("a", "an") and doc[start].lower_ in MULTIPLIERS:
            start -= 1
            break
        else:
            break
    while end + 1 < len(doc):
        nxt = doc[end + 1]
        if numeric(nxt) and not _digits(nxt) and not _digits(doc[end]):
            end += 1
        elif nxt.text in HYPHENS and not doc[end].whitespace_ and end + 2 < len(doc) \
                and numeric(doc[end + 2]) and not _digits(doc[end + 2]) and not _digits(doc[end]):
            end += 2
        elif nxt.lower_ == "and" and doc[end].lower_ in MULTIPLIERS and end + 2 < len(doc) \
                and numeric(doc[end + 2]) and not _digits(doc[end + 2]):
            end += 2
        else:
            break
    tokens = list(doc[start:end + 1])
    return tokens, _words_value(tokens)


def _digits(token) -> bool:
    return any(ch.isdigit() for ch in token.text)


def _words_value(tokens) -> int | float | None:
    """The value of a number phrase's tokens; "dozen" (which text2num lacks) multiplies by 12."""
    words = [t.lower_ for t in tokens if t.text not in HYPHENS]
    if words and words[-1] == "dozen":
        head = words[:-1]
        factor = 1 if not head or head in (["a"], ["an"]) else _number(" ".join(head))
        return None if factor is None else factor * 12
    if words and words[0] in ("a", "an"):
        words = ["one", *words[1:]]
    if len(words) == 1:
        return _number(words[0])
    return _number(" ".join(words))


def _number(token: str) -> int | float | None:
    token = token.strip().lower()
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", token):
        value = float(token.replace(",", ""))
        return int(value) if value.is_integer() else value
    try:
        return text2num(token, "en")
    except ValueError:
        return None


class _Taken:
    """Character ranges already claimed by a quantity: disjoint, kept sorted, probed by bisection
    (a scan of all of them per candidate was quadratic in the quantities of a long text)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def claim(self, start: int, end: int) -> bool:
        """Take [start, end) if it overlaps no range taken; say whether it was taken."""
        # The ranges are disjoint, so the one starting last before `end` reaches furthest.
        i = bisect_left(self.starts, end)
        if i and self.ends[i - 1] > start:
            return False
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True


def _counted(doc, text: str, char_end: int) -> str | None:
    """The noun counted by the number ending at `char_end`: the next noun in its phrase."""
    # `text`, not `doc.text`: spaCy rebuilds doc.text from the tokens on each call.
    span = doc.char_span(char_end, min(len(text), char_end + 60), alignment_mode="expand")
    if span is None:
        return None
    for token in span[:4]:
        if token.pos_ in ("NOUN", "PROPN"):
            return token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") or token.is_punct:
            return None
    return None
