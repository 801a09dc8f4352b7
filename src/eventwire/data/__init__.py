"""Knowledge as data: tab-separated tables, each with a note on where its facts come from."""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources


def read_table(filename: str) -> list[dict[str, str]]:
    """The rows of a TSV file in this folder; lines starting with # are notes."""
    text = resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def country_aliases() -> dict[str, str]:
    """News names of countries -> ISO3 (country_aliases.tsv)."""
    return {row["alias"]: row["country"] for row in read_table("country_aliases.tsv")}


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    return {row["set"]: frozenset(w for w in row["words"].split("|") if w)
            for row in read_table("word_sets.tsv")}


def word_set(name: str) -> frozenset[str]:
    """One named set of words from word_sets.tsv ("light_verbs", "halt_verbs", ...)."""
    return _word_sets()[name]


def word_pattern(name: str) -> str:
    """One word set as a regex alternation, longest word first so that no word stops at another's
    prefix: word_pattern("armed_group_nouns") == "movement|faction|militia|group"."""
    return "|".join(re.escape(w) for w in sorted(word_set(name), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _plover_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_table("plover_types.tsv"))


def plover_type_names() -> tuple[str, ...]:
    """The sixteen PLOVER v0.8 event types, in the manual's order (plover_types.tsv)."""
    return tuple(row["type"] for row in _plover_rows())


def plover_types(fact: str, value: str = "yes") -> frozenset[str]:
    """The PLOVER types whose column `fact` of plover_types.tsv holds `value`:
    plover_types("refusable"), plover_types("quad", "verbal cooperation")."""
    rows = _plover_rows()
    if fact not in rows[0]:
        raise KeyError(f"plover_types.tsv has no column {fact!r}; its columns: {', '.join(rows[0])}")
    return frozenset(row["type"] for row in rows if row[fact] == value)


def plover_type_facts(fact: str) -> dict[str, str]:
    """Type -> its value in column `fact` of plover_types.tsv, for the types where it is not
    empty: plover_type_facts("eased_to") == {"PROTEST": "CONCEDE", ...}."""
    rows = _plover_rows()
    if fact not in rows[0]:
        raise KeyError(f"plover_types.tsv has no column {fact!r}; its columns: {', '.join(rows[0])}")
    return {row["type"]: row[fact] for row in rows if row[fact]}
