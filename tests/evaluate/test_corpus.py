"""The corpus scorer (eventwire.evaluate.corpus): what it gives the pipeline and how it counts."""
import json

from eventwire.evaluate import corpus


def test_corpus_a_dated_note_is_news_not_background(tmp_path):
    """The corpus carries no publication date and none is made up: an ACLED-style note dated
    years before any made-up day would be read as background history and lose its event."""
    record = {"id": "note-1", "text": "On 9 January 2023, the Russian military established a base in the "
                                      "village of Zolote, Luhansk.", "plover": "MOBILIZE"}
    path = tmp_path / "notes.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [(gold, coded)] = corpus.code_corpus([path])
    assert coded.type == "MOBILIZE"


def test_corpus_scores_count_none_right_only_with_no_event():
    cases = [({"plover": "NONE"}, corpus.Coded("NONE", None, None)),
             ({"plover": "NONE"}, corpus.Coded("ASSAULT", "Battles", "Armed clash", ("Battles",), (), True)),
             ({"plover": "ASSAULT", "acled_event": "Battles", "acled_sub": "Armed clash", "killed": 3},
              corpus.Coded("ASSAULT", "Battles", "Armed clash", ("Battles",), (3,), True))]
    scores = corpus.score_corpus_cases(cases, "t")
    assert scores["t.type_accuracy"] == round(2 / 3, 3)
    assert scores["t.conflict_invented"] == 0.5
    assert scores["t.killed_exact"] == 1.0
