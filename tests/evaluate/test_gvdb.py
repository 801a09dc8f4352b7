import json

import pytest

from eventwire.evaluate.gvdb import Counted, article_counts, read_gold, score_articles
from eventwire.records import Article, Event, Extraction, Magnitude

ARTICLE = Article(id="a", url=None, source=None, title=None, published=None, language="en", text="t")


def _row(id_, title, body, fates):
    victims = [{"name": {"value": ""}, "victim-was": list(f)} for f in fates]
    annotation = {"date-and-time": {"date": "2016-01-27"}, "victim-section": victims}
    return "\t".join([id_, "http://x", title, title + body, json.dumps(annotation), "w"])


def test_gvdb_read_gold_counts_victims_by_fate(tmp_path):
    path = tmp_path / "dev.tsv"
    rows = ["Article id\tArticle url\tArticle title\tFull text\tJson\tWorker",
            _row("1", "Man shot | Fox 59", "A man was shot.", [("killed", "hospitalized"), ("injured",),
                                                               ("hospitalized",), ()]),
            _row("2", "No one hurt", "Shots were fired.", [])]
    path.write_text("\n".join(rows) + "\n")
    first, second = read_gold(path)
    assert (first.killed, first.injured, first.published) == (1, 2, "2016-01-27")
    assert first.text == "Man shot | Fox 59\n\nA man was shot."  # the title set apart
    assert (second.killed, second.injured) == (0, 0)


def test_gvdb_score_articles_exact_and_invented():
    counted = [Counted(1, 0, 1, 2), Counted(2, 1, 1, 1), Counted(0, 3, None, 3),
               Counted(0, 0, 2, None), Counted(0, 0, 0, None),
               Counted(0, 0, 5, 5, annotated=False)]  # no victims annotated: not known to be spared
    scores = score_articles(counted)
    assert scores["gvdb.killed_exact"] == pytest.approx(1 / 2)
    assert scores["gvdb.killed_found"] == 1.0
    assert scores["gvdb.injured_exact"] == 1.0
    assert scores["gvdb.no_death_invented"] == pytest.approx(2 / 3)
    assert scores["gvdb.no_injury_invented"] == pytest.approx(2 / 3)
    assert (scores["gvdb.n_died"], scores["gvdb.n_injured"], scores["gvdb.n_no_death"]) == (2, 2, 3)
    assert scores["gvdb.n_not_annotated"] == 1


def test_gvdb_article_counts_take_the_largest_event_toll():
    def event(killed, injured):
        return Event(id="e", type="ASSAULT", magnitude=Magnitude(killed=killed, injured=injured))

    extraction = Extraction(article=ARTICLE,
                            events=(event(1, None), event(3, 2), event(None, None)))
    assert article_counts(extraction) == (3, 2)
    assert article_counts(Extraction(article=ARTICLE)) == (None, None)


def test_gvdb_scored_on_the_dev_split(shared):
    from eventwire.evaluate.gvdb import DEV, score_gvdb

    scores = score_gvdb(shared / "eval-data" / DEV, limit=5)
    assert scores["gvdb.n_died"] + scores["gvdb.n_no_death"] + scores["gvdb.n_not_annotated"] == 5
