import json

import pytest

from eventwire.evaluate.plover import (CONFUSION_KEY, Case, Gold, Predicted, confusion_table,
                                       map_type, normalise_code, read_gold, score_cases,
                                       score_plover, top_event)
from eventwire.records import Actor, Article, Event, Extraction, Span

SCORES = ("plover.type_accuracy", "plover.type_macro_f1", "plover.actor_accuracy",
          "plover.recipient_accuracy", "plover.event_f1")


def gold(type_, sources=(), targets=(), id_="g"):
    return Gold(id_, "text", type_, frozenset(sources), frozenset(targets))


def pred(type_, actors=(), recipients=(), confidence=0.5, start=0):
    return Predicted(type_, frozenset(actors), frozenset(recipients), confidence, start)


@pytest.mark.parametrize("old, new", [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"),
                                      ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT"),
                                      ("ASSAULT", "ASSAULT"), ("AGREE", "AGREE")])
def test_plover_map_type_follows_the_v08_table(old, new):
    assert map_type(old) == new


@pytest.mark.parametrize("code, expected", [("JAP", "JPN"), ("ITL", "ITA"), ("VTN", "VNM"),
                                            ("USA", "USA"), ("UNO", "IGO"), ("EUR", "IGO"),
                                            ("IGO", "IGO"), ("NGO", "NGO"), ("", None), (None, None)])
def test_plover_normalise_code(code, expected):
    assert normalise_code(code) == expected


def test_plover_read_gold_skips_document_and_empty_targets(tmp_path):
    records = [{"id": "DOC", "event": "DOCUMENT"},
               {"id": "a", "event": "DEMAND", "text": "t", "source": [{"code": "JAP"}], "target": None},
               {"id": "b", "event": "AGREE", "text": "t", "source": None, "target": "diplomatic"},
               {"id": "c", "event": "FIGHT", "text": "t", "source": [], "target": [{"code": "USA"}]}]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records))
    got = read_gold(path)
    assert [(g.id, g.type, g.sources, g.targets) for g in got] == [
        ("a", "REQUEST", {"JPN"}, frozenset()), ("b", "AGREE", frozenset(), frozenset()),
        ("c", "ASSAULT", frozenset(), {"USA"})]
    assert len(read_gold(path, limit=1)) == 1


def test_plover_top_event_is_most_confident_then_first_in_text():
    late, early, weak = (pred("AID", start=50, confidence=0.8), pred("AGREE", start=5, confidence=0.8),
                         pred("REJECT", confidence=0.4))
    assert top_event((late, weak, early)) is early
    assert top_event((weak, pred("SANCTION", confidence=0.95))).type == "SANCTION"
    assert top_event(()) is None


def test_plover_score_cases_arithmetic():
    cases = [
        # right type, right actor and recipient: a hit
        Case(gold("AGREE", {"HUN"}, {"ROU"}), (pred("AGREE", {"HUN"}, {"ROU"}),)),
        # right type, wrong actor, no gold target; a second, weaker prediction is a false positive
        Case(gold("REQUEST", {"USA"}), (pred("REQUEST", {"GBR"}, confidence=0.9), pred("AID", {"USA"}))),
        # wrong type
        Case(gold("ASSAULT", {"IRQ"}, {"USA"}), (pred("ACCUSE", {"IRQ"}, {"USA"}),)),
        # no event at all (the pipeline refused it)
        Case(gold("ASSAULT"), (), rejected=True),
    ]
    s = score_cases(cases)
    assert s["plover.type_accuracy"] == 2 / 4
    assert s["plover.actor_accuracy"] == 1 / 2  # the two right-typed sentences both have a source
    assert s["plover.recipient_accuracy"] == 1 / 1  # only the first has a target
    precision, recall = 1 / 3, 1 / 4  # 1 top-event hit; 3 sentences with a top event; 4 gold
    assert s["plover.event_f1"] == pytest.approx(2 * precision * recall / (precision + recall))
    assert s["plover.events_per_sentence"] == 4 / 4
    # AGREE f1 1, REQUEST f1 1, ASSAULT f1 0, ACCUSE f1 0 (predicted only); "none" is no class
    assert s["plover.type_macro_f1"] == pytest.approx(0.5)
    assert (s["plover.n"], s["plover.rejected"]) == (4, 1)
    assert s[CONFUSION_KEY] == {"AGREE": {"AGREE": 1}, "ASSAULT": {"ACCUSE": 1, "none": 1},
                                "REQUEST": {"REQUEST": 1}}


def test_plover_event_f1_scores_the_top_event_and_needs_no_actor_when_gold_has_none():
    cases = [Case(gold("ASSAULT"), (pred("ASSAULT"), pred("ASSAULT", {"IRQ"}))),
             Case(gold("AGREE"), (pred("ACCUSE", confidence=0.9), pred("AGREE")))]
    s = score_cases(cases)
    precision, recall = 1 / 2, 1 / 2  # the AGREE below a more confident ACCUSE is not counted
    assert s["plover.event_f1"] == pytest.approx(2 * precision * recall / (precision + recall))
    assert s["plover.actor_accuracy"] == 0.0  # no gold source: nothing to score, not a miss


def test_plover_score_cases_with_nothing_predicted_is_all_zero():
    s = score_cases([Case(gold("AGREE", {"USA"})), Case(gold("REJECT"))])
    assert all(s[k] == 0.0 for k in SCORES)
    assert s[CONFUSION_KEY] == {"AGREE": {"none": 1}, "REJECT": {"none": 1}}


def test_plover_predicted_events_read_actor_countries_from_the_extraction():
    from eventwire.evaluate.plover import predicted_events

    actors = (Actor("a1", "Japan", "country", "JAP"), Actor("a2", "UN", "organization", "UNO"),
              Actor("a3", "Someone", "person"))
    event = Event("e1", "AID", actors=("a1", "a3"), recipients=("a2",), confidence=0.7,
                  evidence=(Span("gave", 12, 16),))
    ex = Extraction(article=Article("x", None, None, None, None, "en", "text"), actors=actors,
                    events=(event,))
    assert predicted_events(ex) == (pred("AID", {"JPN"}, {"IGO"}, 0.7, 12),)


def test_plover_confusion_table_has_a_row_per_gold_type():
    s = score_cases([Case(gold("AGREE"), (pred("AGREE"),)), Case(gold("REJECT"), (pred("ACCUSE"),))])
    table = confusion_table(s)
    assert table.row_count == 2
    assert list(table.columns[3].cells) == ["", "ACCUSE 1"]


def test_plover_score_plover_on_the_gold_file(shared):
    path = shared / "eval-data" / "plover" / "PLOVER_GSR_CAMEO.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the PLOVER gold file is part of ../shared/eval-data")
    s = score_plover(path, limit=20)
    assert s["plover.n"] == 20
    assert all(0.0 <= s[k] <= 1.0 for k in SCORES)
    assert sum(sum(row.values()) for row in s[CONFUSION_KEY].values()) == 20


def test_plover_heldout_scores_look_alikes_and_events_apart():
    from eventwire.evaluate.plover import NO_EVENT, score_heldout_cases

    cases = [Case(gold("ASSAULT", {"RUS"}, {"UKR"}), (pred("ASSAULT", {"RUS"}, {"UKR"}),)),  # hit
             Case(gold("AGREE", {"FRA"}, {"DEU"}), (pred("AGREE", {"FRA"}, set()),)),  # recipient missed
             Case(gold(NO_EVENT), ()),  # look-alike left alone: type right
             Case(gold(NO_EVENT), (pred("ASSAULT"),))]  # a false alarm
    result = score_heldout_cases(cases)
    assert result["heldout.type_accuracy"] == 3 / 4
    precision, recall = 1 / 3, 1 / 2
    assert result["heldout.event_f1"] == pytest.approx(2 * precision * recall / (precision + recall))
    assert result["heldout.actor_accuracy"] == 1.0 and result["heldout.recipient_accuracy"] == 0.5
    assert result["heldout.lookalikes_left_alone"] == 0.5 and result["heldout.n"] == 4


def test_plover_read_heldout_maps_none_and_codes(tmp_path):
    from eventwire.evaluate.plover import NO_EVENT, read_heldout

    path = tmp_path / "h.jsonl"
    path.write_text(json.dumps({"id": "h1", "text": "x", "type": "NONE", "source": [], "target": []}) + "\n"
                    + json.dumps({"id": "h2", "text": "y", "type": "SANCTION", "source": ["usa"],
                                  "target": ["UNO"]}) + "\n")
    first, second = read_heldout(path)
    assert first.type == NO_EVENT and not first.sources
    assert second.sources == {"USA"} and second.targets == {"IGO"}
