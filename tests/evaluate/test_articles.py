"""The article-level scorer (eventwire.evaluate.articles): how output events meet the gold."""
import json
from pathlib import Path

import pytest

from eventwire.evaluate import articles as A

GOLD = Path(__file__).resolve().parents[1] / "articles" / "gold"


def gold(type_="ASSAULT", core=True, actor="Taliban gunmen", actor_country="AFG", recipient="soldiers",
         recipient_country="AFG", start=0, end=50, **kw):
    return A.GoldEvent(type_, core, actor, actor_country, recipient, recipient_country,
                       kw.get("place_country"), kw.get("date"), kw.get("killed"), kw.get("injured"),
                       kw.get("status", "reported"), start, end)


def case(events, outputs, part="dev"):
    return A.Case(A.GoldArticle("reuters", "1", part, None, tuple(events)), list(outputs))


TALIBAN = A.Side("the Taliban", "armed group", None)
SOLDIERS = A.Side("Afghan soldiers", "military", "AFG")


def test_articles_a_side_is_met_by_a_name_word_or_by_its_own_state():
    assert A.side_right("Taliban gunmen", "AFG", (TALIBAN,))
    assert A.side_right("Iranian gunboats", "IRN", (A.Side("Iran", "country", "IRN"),))
    # a person of the right country is not the right person
    assert not A.side_right("Craxi", "ITA", (A.Side("Giulio Andreotti", "person", "ITA"),))
    assert not A.side_right("Taliban gunmen", "AFG", ())
    assert A.side_right(None, None, ())  # the gold names no one: any output side is right


def test_articles_strict_loose_and_duplicate():
    g = gold(killed=3, place_country="AFG")
    right = A.Output("ASSAULT", (TALIBAN,), (SOLDIERS,), "AFG", killed=3, spans=((0, 40),), confidence=0.9)
    again = A.Output("ASSAULT", (TALIBAN,), (SOLDIERS,), spans=((200, 240),), confidence=0.9)
    wrong_roles = A.Output("ASSAULT", (A.Side("police", "military", "AFG"),), (), spans=((10, 30),))
    matched, dup, unmatched = A.align(case([g], [right, again, wrong_roles]))
    assert [m.strict for m in matched] == [True]
    assert dup == [again, wrong_roles]  # both meet the gold event already taken
    assert unmatched == []
    scores = A.score_article_cases([case([g], [right, again, wrong_roles])], "t")
    assert scores["t.precision"] == round(1 / 3, 3)
    assert scores["t.recall"] == 1.0
    assert scores["t.duplicates"] == round(2 / 3, 3)
    assert scores["t.killed_exact"] == 1.0 and scores["t.place_country"] == 1.0
    assert scores["t.confident_right"] == 0.5  # two events at >= 0.8, one of them strictly right


def test_articles_a_loose_match_counts_as_found_not_as_right():
    g = gold(killed=3)
    loose = A.Output("ASSAULT", (), (SOLDIERS,), spans=((10, 30),), killed=2)
    scores = A.score_article_cases([case([g], [loose])], "t")
    assert scores["t.precision"] == 0.0 and scores["t.recall"] == 0.0
    assert scores["t.found"] == 1.0
    assert scores["t.killed_exact"] == 0.0  # fields are scored on every matched event


def test_articles_no_count_is_none_killed():
    nobody = A.Output("ASSAULT", (TALIBAN,), (SOLDIERS,), spans=((10, 30),))
    assert A.score_article_cases([case([gold(killed=0)], [nobody])], "t")["t.killed_exact"] == 1.0
    assert A.score_article_cases([case([gold(killed=2)], [nobody])], "t")["t.killed_exact"] == 0.0


def test_articles_an_optional_gold_event_neither_rewards_nor_penalises():
    core, aside = gold(), gold("ACCUSE", core=False, actor="police", recipient=None, start=100, end=150)
    found_aside = A.Output("ACCUSE", (A.Side("Kabul police", "police", "AFG"),), (), spans=((100, 150),))
    scores = A.score_article_cases([case([core, aside], [found_aside])], "t")
    assert scores["t.precision"] == 0.0  # no counted output: nothing to be precise about
    assert scores["t.recall"] == 0.0 and scores["t.n_gold_core"] == 1


def test_articles_date_must_agree_and_be_as_precise_as_the_gold():
    g = gold(date="1987-02-26")
    day = A.Output("ASSAULT", (TALIBAN,), (SOLDIERS,), date="1987-02-26", date_precision="day")
    month = A.Output("ASSAULT", (TALIBAN,), (SOLDIERS,), date="1987-02-01", date_precision="month")
    assert A.score_article_cases([case([g], [day])], "t")["t.date"] == 1.0
    assert A.score_article_cases([case([g], [month])], "t")["t.date"] == 0.0
    assert A.score_article_cases([case([gold(date="1987-02")], [month])], "t")["t.date"] == 1.0


def test_articles_calibration_bands_count_every_output_once():
    g = gold()
    outs = [A.Output("ASSAULT", (TALIBAN,), (SOLDIERS,), confidence=0.95),
            A.Output("PROTEST", confidence=0.55), A.Output("AID", confidence=0.1)]
    rows = A.calibration([case([g], outs)])
    assert sum(n for _, n, _ in rows) == 3
    assert dict((low, right) for low, _, right in rows)[0.9] == 1.0


def test_articles_calibration_error_is_the_gap_between_confidence_and_rightness():
    g = gold()
    right = A.Output("ASSAULT", (TALIBAN,), (SOLDIERS,), confidence=0.55)
    wrong = A.Output("PROTEST", confidence=0.55)
    assert A.calibration_error([case([g], [right, wrong])]) == pytest.approx(0.05)  # 0.55 said, 0.5 right
    scores = A.score_article_cases([case([g], [right, wrong])], "t")
    assert scores["t.calibration"] == 0.95
    assert "t.confident_right" not in scores and scores["t.n_confident"] == 0
    assert "t.killed_exact" not in scores  # no gold event states a toll: nothing to judge


def test_articles_gold_files_are_well_formed():
    """Every gold event has a PLOVER type, a status the guide allows and offsets in order; dev
    and blind parts are apart; no article is coded twice."""
    articles = A.read_gold(GOLD)
    assert len(articles) >= 40
    assert {a.part for a in articles} == {"dev", "blind"}
    assert all(("-blind-" in a.file) == (a.part == "blind") for a in articles)
    keys = [(a.set, a.doc) for a in articles]
    assert len(keys) == len(set(keys))
    statuses = {"reported", "claimed", "planned", "threatened", "hypothetical", "negated", "historical"}
    for a in articles:
        for e in a.events:
            assert e.status in statuses and 0 <= e.start < e.end, (a.doc, e)


def test_articles_gold_offsets_point_at_text_in_the_sources(shared):
    articles = A.read_gold(GOLD)
    texts = A.read_texts(shared / "eval-data", ((a.set, a.doc) for a in articles))
    for a in articles:
        text = texts[a.set, a.doc]
        for e in a.events:
            assert e.end <= len(text) and text[e.start:e.end].strip(), (a.doc, e)


def test_articles_reads_gold_lines(tmp_path):
    line = {"set": "reuters", "doc": 5, "part": "dev", "published": "1987-02-26", "events": [
        {"type": "PROTEST", "core": True, "actor": "students", "evidence_start": 0, "evidence_end": 9}]}
    (tmp_path / "x-dev-a.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    [article] = A.read_gold(tmp_path)
    assert article.doc == "5" and article.events[0].status == "reported"
