"""The country of actors the text names without one: "Liberian Peace Council", "President X".

Plain functions run by the actors stage after its own rules; they only fill a missing country,
never change one that a dictionary entry or a title gave.
"""
from __future__ import annotations

import re

from ...data import word_set

# Title words of office holders: an untitled "President X" in an article about one country is
# most often that country's (the article's dominant country, counted by the actors stage).
OFFICE_WORDS = word_set("office_words")


def infer_countries(found: dict, home: str | None, countries: dict[str, str],
                    demonyms: dict[str, str], pattern: re.Pattern | None = None) -> None:
    """Fill `country` of the found actors in place. `countries`: country name or alias -> ISO3;
    `demonyms`: demonym -> ISO3; `pattern`: name_pattern() of both, built once by the caller."""
    pattern = pattern or name_pattern({**countries, **demonyms})
    named = {a.country for a in found.values() if a.kind != "person" and a.country}
    if len(named - {home}) > 0:
        home = None  # other countries in the text too: an untitled office holder could be any
    for actor in found.values():
        if actor.country:
            continue
        words = actor.name.split()
        if actor.kind == "person" and len(words) > 1 and words[0] in demonyms and words[-1].endswith("s"):
            actor.kind, actor.country = "group", demonyms[words[0]]  # "Bosnian Serbs" read as a name
            continue
        if actor.kind == "person":
            title = (actor.title or "").lower().split()
            if home and any(word in OFFICE_WORDS for word in title):
                actor.country = home
            continue
        match = pattern.search(actor.name) if pattern else None
        if match:  # "Liberian Peace Council", "National Union for the Total Independence of Angola"
            actor.country = {**countries, **demonyms}[match.group(0)]


def name_pattern(names: dict[str, str]) -> re.Pattern | None:
    usable = sorted((n for n in names if len(n) > 3 and n[:1].isupper()), key=len, reverse=True)
    if not usable:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in usable) + r")\b")
