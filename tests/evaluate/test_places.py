"""The toponym scorer (evaluate/places.py), on a text of our own with its gold."""
import json

import pytest

from eventwire.evaluate.places import Toponym, read_local, score_toponyms

TEXT = "Gunmen attacked Konduga in Borno State on Monday, residents told officials in Lagos."
GOLD = [Toponym(16, 23, 11.65, 13.42, "town"), Toponym(27, 32, 11.9, 13.1, "admin1"),
        Toponym(77, 82, 6.45, 3.39, "town"), Toponym(60, 66, 0.0, 0.0, "region")]  # a gold the stage misses


def test_places_scorer_counts_recall_precision_and_distance_by_level():
    scores = score_toponyms([(TEXT, GOLD)], "x")
    assert scores["x.precision"] == 1.0 and scores["x.recall"] == 0.75
    assert scores["x.accuracy_161km"] == 1.0
    assert scores["x.recall_town"] == 1.0 and scores["x.recall_region"] == 0.0
    assert scores["x.accuracy_161km_admin1"] == 1.0 and "x.accuracy_161km_region" not in scores


def test_places_scorer_far_place_is_found_but_not_near():
    far = [Toponym(16, 23, -33.9, 151.2, "town")]  # Sydney: the right span, the wrong place
    scores = score_toponyms([(TEXT, far)], "x")
    assert scores["x.recall"] == 1.0 and scores["x.accuracy_161km"] == 0.0


def test_places_local_sets_read_with_levels(tmp_path):
    path = tmp_path / "local.jsonl"
    path.write_text(json.dumps({"id": "a", "text": TEXT, "toponyms": [
        {"start": 16, "end": 23, "name": "Konduga", "level": "town", "lat": 11.65, "lon": 13.42}]}) + "\n")
    ((text, (toponym,)),) = read_local(path)
    assert text == TEXT and toponym == Toponym(16, 23, 11.65, 13.42, "town")
    assert TEXT[toponym.start:toponym.end] == "Konduga"


@pytest.mark.parametrize("name", ["local_dev.jsonl", "local_blind.jsonl"])
def test_places_own_local_sets_have_true_offsets(name):
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "places" / name
    if not path.is_file():
        pytest.skip(f"{name} is not written yet")
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for t in row["toponyms"]:
            assert row["text"][t["start"]:t["end"]] == t["name"]
