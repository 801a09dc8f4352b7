"""Knowledge as data: every file in src/eventwire/data says where its facts come from and is read
by the code, and every word set of event_words.tsv is used by the module it names."""
import re

import pytest

from eventwire.data import read_table

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
    readers = [p for p, text in CODE.items() if path.name in text and p.parent.name != "data"]
    assert readers, f"no module reads {path.name}"


def test_data_every_word_set_is_used_by_the_module_it_names():
    """`used_by` names a module by its path under extract/ ("events/rules")."""
    for row in read_table("event_words.tsv"):
        users = {p.relative_to(PACKAGE / "extract").with_suffix("").as_posix()
                 for p, text in CODE.items() if f'"{row["set"]}"' in text and (PACKAGE / "extract") in p.parents}
        assert users, f"the word set {row['set']!r} is used nowhere in the stages"
        assert row["used_by"] in users, f"{row['set']!r} says it is used by {row['used_by']!r}, but {sorted(users)} use it"
