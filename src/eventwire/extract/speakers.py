"""Which actor a quote's subject names: the mention over it, one in its phrase, or the person
or body a pronoun or a title noun points back to. Part of the quotes stage.

The article's mentions are indexed once (offsets.Ranges); each question is a lookup, never a
scan of every mention, so that a long article with many quotes stays linear.
"""
from __future__ import annotations

from ..data import word_set
from .grammar import PERSON_PRONOUNS
from .offsets import Ranges
from .tree import children

# "the agency said": nouns that stand for the organisation last named.
GENERIC_BODY_NOUNS = word_set("generic_body_nouns")


class Speakers:
    """The actors of one article with their mentions indexed by offset."""

    def __init__(self, actors, text: str):
        self.actors, self.text = actors, text
        # Every mention, in the order of actors then mentions: the order ties are broken in.
        self.mentions = Ranges((m.start, m.end, a) for a in actors for m in a.mentions)
        self.people = Ranges((m.start, m.end, a.id) for a in actors if a.kind == "person" for m in a.mentions)
        self.bodies = Ranges((m.start, m.end, a.id) for a in actors
                             if a.kind not in ("person", "country") for m in a.mentions)
        self._own: dict[str, Ranges] = {}  # actor id -> its mentions
        self._titled: dict[str, Ranges] = {}  # title word -> mentions of people with it
        self._named: dict[str, Ranges] = {}  # word -> mentions of bodies that have it

    def actor_of(self, token, last_speaker: str | None = None) -> str | None:
        """The actor a subject names: the mention over its head, else one in its phrase, else the
        person a pronoun or a title noun ("the minister") points back to."""
        if token.lower_ in PERSON_PRONOUNS:
            return self.covering(token.idx, token.idx + len(token)) or self.last_person(token.idx, last_speaker)
        # The head, then its apposition ("a volunteer, Farzana Akter"): the named one speaks.
        for head in (token, *(c for c in children(token) if c.dep_ == "appos")):
            hit = self.covering(head.idx, head.idx + len(head))
            if hit:
                return hit
        start = token.left_edge.idx
        end = token.right_edge.idx + len(token.right_edge)
        inner = [(self.mentions.items[k][0], self.mentions.items[k][2]) for k in self.mentions.inside(start, end)]
        # A person first; else a name set off by a comma ("a Red Crescent volunteer, Farzana Akter").
        people = [x for x in inner if x[1].kind == "person"]
        named = [x for x in inner if _after_comma(self.text, x[0])]
        if inner:
            return min(people or named or inner, key=lambda x: x[0])[1].id
        if token.pos_ == "NOUN":
            return self.titled_person(token) or self.named_body(token)
        return None

    def covering(self, start: int, end: int) -> str | None:
        found = self.mentions.overlapping(start, end)
        return self.mentions.items[found[0]][2].id if found else None

    def last_person(self, before: int, last_speaker: str | None = None) -> str | None:
        """The person named last before `before`; the last quote's speaker counts as a person,
        since the entity model sometimes types a person's name as an organisation."""
        found = [_last(self.people, before)]
        if last_speaker is not None:
            found.append(_last(self._mentions_of(last_speaker), before))
        found = [f for f in found if f is not None]
        return max(found)[1] if found else None

    def titled_person(self, token) -> str | None:
        """ "the minister said": the last person named before whose title has that word."""
        word = token.lemma_.lower()
        if word not in self._titled:
            self._titled[word] = Ranges((m.start, m.end, a.id) for a in self.actors if a.kind == "person"
                                        and a.title and word in a.title.lower().replace("-", " ").split()
                                        for m in a.mentions)
        last = _last(self._titled[word], token.idx)
        return last[1] if last else None

    def named_body(self, token) -> str | None:
        """ "the office wrote": the last organisation named before with that word in its name;
        "the agency said": failing that, the last organisation named before at all."""
        word = token.lemma_.lower()
        if word not in self._named:
            self._named[word] = Ranges((m.start, m.end, a.id) for a in self.actors
                                       if a.kind not in ("person", "country") for m in a.mentions
                                       if word in m.text.lower().replace("'s", "").split())
        named = _last(self._named[word], token.idx)
        if named:
            return named[1]
        last = _last(self.bodies, token.idx) if word in GENERIC_BODY_NOUNS else None
        return last[1] if last else None

    def _mentions_of(self, actor_id: str) -> Ranges:
        if actor_id not in self._own:
            self._own[actor_id] = Ranges((m.start, m.end, a.id) for a in self.actors if a.id == actor_id
                                         for m in a.mentions)
        return self._own[actor_id]


def _last(ranges: Ranges, before: int) -> tuple[int, str] | None:
    """(start, id) of the mention with the greatest (start, id) that starts before `before`."""
    k = ranges.last_before(before)
    return (ranges.items[k][0], ranges.items[k][2]) if k is not None else None


def _after_comma(text: str, pos: int) -> bool:
    """`text[:pos].rstrip().endswith(",")`, without copying the text before `pos`."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] == ","
