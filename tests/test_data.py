"""Knowledge as data: every file in src/eventwire/data says where its facts come from and is read
by the code; every word set of word_sets.tsv is used by the module it names and says where its
words come from; every fact of plover_types.tsv is read by a rule; and no stage module outside
extract/grammar.py keeps a word list of its own."""
import ast
import re

import pytest

from eventwire.data import plover_type_names, plover_types, read_table

from .conftest import ROOT

PACKAGE = ROOT / "src" / "eventwire"
DATA = sorted(p for p in (PACKAGE / "data").iterdir() if p.suffix in (".tsv", ".txt"))
CODE = {path: path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py")}
# Words of a note that say where facts come from.
SOURCE_WORDS = re.compile(r"\b(public|written for eventwire|sources?|knowledge|gathered|read off|facts|"
                          r"usage|manual|codebook|atlas|survey|factbook|ISO|GeoNames|dictionar(y|ies))\b",
                          re.IGNORECASE)


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_data_file_opens_with_a_note_on_its_sources(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    note = [line for line in lines[:next((i for i, x in enumerate(lines) if not x.startswith("#")), len(lines))]]
    assert len(note) >= 2, f"{path.name} opens with no note saying what it holds and where from"
    assert SOURCE_WORDS.search(" ".join(note)), f"{path.name}'s note does not say where its facts come from"


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_data_file_is_read_by_the_code(path):
    """By the package, or by the training scripts (the maps of the real training data)."""
    training = {p: p.read_text(encoding="utf-8") for p in (ROOT / "training").glob("*.py")}
    readers = [p for p, text in {**CODE, **training}.items() if path.name in text and p.parent.name != "data"]
    assert readers, f"no module reads {path.name}"


def test_data_every_word_set_is_used_by_the_module_it_names():
    """`used_by` names a module by its path under extract/ ("events/rules")."""
    for row in read_table("word_sets.tsv"):
        users = {p.relative_to(PACKAGE / "extract").with_suffix("").as_posix()
                 for p, text in CODE.items() if f'"{row["set"]}"' in text and (PACKAGE / "extract") in p.parents}
        assert users, f"the word set {row['set']!r} is used nowhere in the stages"
        assert row["used_by"] in users, f"{row['set']!r} says it is used by {row['used_by']!r}, but {sorted(users)} use it"


# What a word set's source may say: a note's source words, or a named grammar or place data set.
SET_SOURCE = re.compile(SOURCE_WORDS.pattern + r"|\b(grammar|gazetteer|GeoVirus|countrystatecity)\b", re.IGNORECASE)


def test_data_every_word_set_says_where_its_words_come_from():
    for row in read_table("word_sets.tsv"):
        assert SET_SOURCE.search(row.get("source") or ""), f"the word set {row['set']!r} has no source"


def test_data_word_sets_are_named_once_and_not_empty():
    names = [row["set"] for row in read_table("word_sets.tsv")]
    assert len(names) == len(set(names)), "a word set is named twice in word_sets.tsv"
    assert all(row["words"].strip("|") for row in read_table("word_sets.tsv"))


def test_data_plover_types_holds_the_sixteen_types_of_plover_08():
    assert plover_type_names() == ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                                   "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                                   "MOBILIZE", "COERCE", "ASSAULT")
    quads = {quad: plover_types("quad", quad) for quad in ("verbal cooperation", "material cooperation",
                                                            "verbal conflict", "material conflict")}
    assert [len(q) for q in quads.values()] == [4, 3, 4, 5], "the manual's quads hold 4, 3, 4 and 5 types"


def test_data_every_column_of_plover_types_is_read_by_a_rule():
    """`type` is the key; every other column is named, quoted, by some module outside data/."""
    columns = list(read_table("plover_types.tsv")[0])
    assert columns[0] == "type"
    for column in columns[1:]:
        readers = [p for p, text in CODE.items() if f'"{column}"' in text and p.parent.name != "data"]
        assert readers, f"no module reads the column {column!r} of plover_types.tsv"


def test_data_plover_type_facts_are_yes_or_no_or_a_type():
    types = set(plover_type_names())
    for row in read_table("plover_types.tsv"):
        for column, value in row.items():
            if column in ("eased_to",):
                assert value in types | {""}, f"{row['type']}: {column} {value!r} is no PLOVER type"
            elif column not in ("type", "quad", "eased_mode"):
                assert value in ("yes", "no"), f"{row['type']}: {column} is {value!r}, not yes or no"


# A module-level word list: a set, tuple, list, frozenset or dict keys with this many lower-case
# word literals. Grammar lives in extract/grammar.py and vocabulary in data/; these stay, each with
# the reason (path under extract/, name).
WORD_LIST_MIN = 3
WORD = re.compile(r"^[a-z][a-z.'’ -]*$")
WORD_LISTS_ALLOWED = {
    ("checks.py", "CASUALTY_ROLES"): "casualty logic: another branch is changing it",
    ("checks.py", "GENERIC_NOUNS"): "casualty logic (nouns of counted people): another branch is changing it",
    ("checks.py", "RELATIONS"): "prepositions that are the rule itself: 'by' a change, 'to' an after, 'from' a before",
    ("quantities.py", "WORD_COUNT_VERBS"): "casualty words: another branch is changing quantities.py",
    ("events/lookalikes.py", "OPPONENT_PREPS"): "prepositions that are the struggle rule's own knowledge",
    ("events/roles.py", "RECIPIENT_PREPS"): "prepositions that are the recipient rule's own knowledge",
    ("events/roles.py", "LOCATING_PREPS"): "prepositions that are the located-people rule's own knowledge",
    ("events/roles.py", "GOVERNED_BY_VERB_PREPS"): "prepositions that are the governed-noun rule's own knowledge",
    ("places/finder.py", "LOCATIVE_PREPOSITIONS"): "prepositions that are the misread-place rule's own knowledge",
    ("events/roles.py", "NON_PERSON_KINDS"): "values of Actor.kind, the records' own codes, not English",
    ("events/merge.py", "PRECISION_RANK"): "values of Time.precision ranked, the records' own codes",
    ("events/merge.py", "PLACE_RANK"): "values of Place.precision ranked, the records' own codes",
    ("places/finder.py", "RECORD_FIELDS"): "field names of the Place record",
    ("places/gazetteer.py", "PLACE_FIELDS"): "column names of the gazetteer index's place table",
    ("events/passes.py", "FACTUAL_STATUS"): "values of Event.status, the records' own codes",
    ("events/merge.py", "UNDATED_STATUSES"): "values of Event.status, the records' own codes",
    ("events/decide.py", "UNREPORTED"): "values of Event.status, the records' own codes",
}


def _word_lists(path):
    """(name, words) of each module-level assignment whose value holds a literal word list."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if not all(isinstance(t, ast.Name) for t in targets):
            continue  # OPEN, CLOSE = "open", "close": names for values, not a list
        for part in ast.walk(node.value):
            items = part.keys if isinstance(part, ast.Dict) else getattr(part, "elts", [])
            if isinstance(part, ast.Call) and isinstance(part.func, ast.Attribute) and part.func.attr == "split" \
                    and isinstance(part.func.value, ast.Constant) and isinstance(part.func.value.value, str):
                items = [ast.Constant(w) for w in part.func.value.value.split()]  # frozenset("""a b c""".split())
            words = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)
                     and WORD.match(i.value)]
            if len(words) >= WORD_LIST_MIN:
                yield targets[0].id, words
                break


def test_data_no_stage_module_keeps_a_word_list_of_its_own():
    extract = PACKAGE / "extract"
    found = {(path.relative_to(extract).as_posix(), name): words
             for path in sorted(extract.rglob("*.py")) if path.name != "grammar.py"
             for name, words in _word_lists(path)}
    crept = {key: words[:4] for key, words in found.items() if key not in WORD_LISTS_ALLOWED}
    assert not crept, (f"word lists in Python: {crept}; put grammar in extract/grammar.py and vocabulary "
                       "in data/word_sets.tsv (or allow one here, with the reason)")
    stale = set(WORD_LISTS_ALLOWED) - set(found)
    assert not stale, f"allowed word lists that are gone: {sorted(stale)}; drop them from WORD_LISTS_ALLOWED"


def test_data_the_guard_finds_a_word_list(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('A = {"troop", "soldier", "marine"}\nB = frozenset("""x y z w""".split())\n'
                      'C = ("NOUN", "VERB", "ADJ")\nD, E, F = "open", "close", "weak"\nG = X | {"add", "cut", "trim"}\n')
    assert [name for name, _ in _word_lists(module)] == ["A", "B", "G"]
