"""Country words in the token stream: "Iran's", "Hungarian and Romanian", "Bosnian Serb", and
the role nouns after them ("officials", "foreign ministry"). Read by the actors stage; knowledge
comes from dictionary.py, this module only walks tokens.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..grammar import COORDINATORS, MODIFIER_POS, NAME_LABELS, POSSESSIVES
from ..tree import entity_at, sentence
from .dictionary import Role, country_words, max_role_tokens, roles

# Title words walked back over before a person's name: "NATO Secretary-General Jens Stoltenberg".
TITLE_MAX_TOKENS = 5
# Words allowed between a country and its role noun: "Iran's [foreign] ministry",
# "Egyptian [state - run] media". Three covers every case in the unit tests; more lets a
# country word reach a role noun in another phrase.
ROLE_MAX_MODIFIERS = 3


@dataclass(frozen=True)
class Designator:
    """A country word: tokens [start, end) with any possessive; `stop` is where the name ends."""

    start: int
    stop: int
    end: int
    iso3: str
    adjective: bool


def find_designators(doc) -> list[Designator]:
    """Every country adjective or name in the doc, left to right, the longest form winning."""
    found: list[Designator] = []
    i = 0
    while i < len(doc):
        d = country_word_at(doc, i)
        if d is None:
            i += 1
            continue
        if not inside_name(doc, d):
            found.append(d)
        i = d.stop
    return found


def country_word_at(doc, i: int) -> Designator | None:
    """The longest country adjective or name starting at token i, with a possessive after it."""
    options = country_words().get(doc[i].text, ())
    match = next((o for o in options if tuple(t.text for t in doc[i:i + len(o[0])]) == o[0]), None)
    if match is None:
        return None
    tokens, iso3, adjective = match
    stop = end = i + len(tokens)
    if end < len(doc) and doc[end].text in POSSESSIVES:
        end += 1
    return Designator(i, stop, end, iso3, adjective)


def role_end_within(doc, start: int, stop: int, table: dict) -> int | None:
    """End of the last role word in doc[start:stop], read as plain words: "King" in "Saudi King X"."""
    end = None
    for i in range(start, stop):
        for n in range(min(max_role_tokens(), stop - i), 0, -1):
            if tuple(t.lower_ for t in doc[i:i + n]) in table:
                end = max(end or 0, i + n)
    return end


def owns_next_entity(doc, d: Designator, names: dict) -> bool:
    """A possessive country before one of its own dictionary entities: "Iran's IRGC"."""
    if d.end == d.stop or d.end >= len(doc) or doc[d.end].ent_iob_ != "B":
        return False
    ent = entity_at(doc, d.end)
    ent = ent if ent is not None and ent.start == d.end else None
    entry = names.get(ent.ent_id_) if ent is not None and ent.ent_id_ else None
    return bool(entry and entry.country == d.iso3)


def coordinated(doc, designators: list[Designator]) -> list[list[Designator]]:
    """Designators joined only by "and", "or" or commas form one group: "Hungarian and Romanian"."""
    groups: list[list[Designator]] = []
    for d in designators:
        if groups:
            prev = groups[-1][-1]
            between = doc[prev.end:d.start]
            if len(between) and all(t.text in COORDINATORS for t in between) and prev.end == prev.stop:
                groups[-1].append(d)
                continue
        groups.append([d])
    return groups


def role_after(doc, d: Designator, table: dict) -> tuple[int, int, Role] | None:
    """The role noun after a country word, over a few modifiers: (start, end, role)."""
    i = d.end
    while i < len(doc) and i - d.end <= ROLE_MAX_MODIFIERS:
        hit = role_at(doc, i, table)
        if hit is not None:
            return i, hit[0], hit[1]
        token = doc[i]
        first = i == d.end
        if first and token.text == "-":  # "Iranian-backed militias", "Saudi-led coalition"
            return None
        if not (token.pos_ in MODIFIER_POS or token.text == "-") or blocked(doc[i:i + 1], d, table):
            return None
        i += 1
    return None


def role_at(doc, i: int, table: dict) -> tuple[int, Role] | None:
    for n in range(min(max_role_tokens(), len(doc) - i), 0, -1):
        span = doc[i:i + n]
        role = table.get(tuple(t.lower_ for t in span))
        if role is not None and not blocked(span, None, table):
            return i + n, role
    return None


def blocked(span, d: Designator | None, table: dict) -> bool:
    """A span belonging to another name: a person, or a specific dictionary entity."""
    for token in span:
        if token.ent_type_ in NAME_LABELS:
            return True
        if token.ent_type_ and token.ent_iob_ == "B" and d is not None:
            return True  # a new entity starts: the country word's phrase has ended
    ents = {e.start: e for t in span if (e := entity_at(span.doc, t.i)) is not None}
    return any(e.ent_id_ and not is_generic(e, table) for e in ents.values())


def is_generic(ent, table: dict) -> bool:
    """A dictionary name that is also a role noun ("Congress", "Senate") and so yields to a country."""
    return tuple(t.lower_ for t in ent if t.lower_ not in ("the",)) in table


def extend_to_entity(doc, d: Designator, role_end: int) -> int:
    """A role phrase inside an organisation's name covers the whole name: "Kenya Police Service"."""
    token = doc[d.start]
    if token.ent_type_ == "ORG":
        return max(role_end, entity_at(doc, d.start).end)
    return role_end


def coordinated_role(doc, role_end: int, table: dict):
    """A second role after "and" or a comma: "Israeli troops and police" -> (span, role)."""
    if role_end + 1 < len(doc) and doc[role_end].text in COORDINATORS:
        hit = role_at(doc, role_end + 1, table)
        if hit is not None:
            return doc[role_end + 1:hit[0]], hit[1]
    return None


def head_after(doc, d: Designator):
    """The noun a country adjective modifies, over a few modifiers: "Israeli [air] strikes"."""
    i = d.end
    if i < len(doc) and doc[i].text == "-":
        return None
    while i < len(doc) and i - d.end <= ROLE_MAX_MODIFIERS:
        token = doc[i]
        if token.tag_ == "VBG" and i == d.end:
            return token  # "Russian shelling", parsed as a verb
        if token.pos_ not in MODIFIER_POS or token.ent_type_ in NAME_LABELS:
            return None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or nxt.pos_ not in ("NOUN", "PROPN"):
            return token if token.pos_ in ("NOUN", "PROPN") else None
        i += 1
    return None


def inside_name(doc, d: Designator) -> bool:
    """A country word inside a person's or a dictionary entity's name is not a country."""
    token = doc[d.start]
    ent = entity_at(doc, d.start) if token.ent_type_ else None
    if ent is None or (ent.start == d.start and ent.end == d.stop):
        return False  # alone in its entity: "Nigerien" taken for a PERSON is still an adjective
    if token.ent_type_ in NAME_LABELS:
        return True
    return bool(ent.ent_id_ and not is_generic(ent, roles()))


def inside_other_name(doc, d: Designator) -> bool:
    """An adjective inside an organisation's name ("American Airlines") is not a country."""
    return doc[d.start].ent_type_ not in ("", "NORP", "GPE")


def title_start_of(ent) -> int:
    """Where the capitalised words right before a name begin: its title ("NATO Secretary-General",
    "U.S. Secretary of State"); `ent.start` when it has none."""
    doc, start = ent.doc, ent.start
    while start > sentence(ent[0]).start and ent.start - start < TITLE_MAX_TOKENS:
        token = doc[start - 1]
        inner_of = token.lower_ == "of" and start - 2 >= sentence(ent[0]).start and doc[start - 2].text[:1].isupper()
        if not (token.text[:1].isupper() or token.text == "-" or inner_of) or token.ent_type_ in ("DATE", "PERSON"):
            break
        start -= 1
    while start < ent.start and doc[start].lower_ in ("the", "of", "-"):
        start += 1
    return start
