"""tools/build_people.py reads Phoenix-format actor dictionaries into eventwire's people table."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).parents[1]
spec = importlib.util.spec_from_file_location("build_people", ROOT / "tools" / "build_people.py")
build_people = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_people)

# Written for this test in the dictionaries' format: names and codes are invented.
SAMPLE = """\
# a note
RURITANIA_  [RUR]
+RURITANIAN_
RURITANIAN_NATIONAL_ARMY
\t[RURMIL]
ANNA_KOVAL_  # a note
+PRESIDENT_ANNA_KOVAL
+AMERICAN_ANNA_KOVAL
+KOVAL_
+A._KOVAL
\t[RURELI 600101-991231]
\t[RURGOV 000101-081231]
PETER_ZANDER_\t[IGOUNO 950101-991231]
BORIS_OLENSKY_
\t[RURGOV 800101-891231]
\t[IGOUNO >20100101]
"""


def test_people_are_dated_entries_with_their_latest_body(tmp_path):
    source = tmp_path / "sample.actors.txt"
    source.write_text(SAMPLE)
    rows = {r[0]: r for r in build_people.rows(build_people.read_people(source))}
    assert set(rows) == {"Anna Koval", "Peter Zander", "Boris Olensky"}  # institutions are left out
    assert rows["Anna Koval"][1:5] == ("RUR", "GOV", 1960, 2008)
    assert rows["Peter Zander"][1:3] == ("UNO", "IGO")  # an inline IGO role names its body
    assert rows["Boris Olensky"][1] == "UNO"  # a role still held wins over an ended one


def test_people_spellings_drop_titles_and_descriptions(tmp_path):
    source = tmp_path / "sample.actors.txt"
    source.write_text(SAMPLE)
    rows = {r[0]: r for r in build_people.rows(build_people.read_people(source))}
    assert rows["Anna Koval"][5].split("|") == ["Koval", "A. Koval"]
