"""Event confidence (eventwire.extract.events.confidence): a hand-weighted score, calibrated."""
from types import SimpleNamespace

from eventwire.extract.events import confidence


def draft(actors=(), recipients=(), verbal=False, main_clause=False, evidence=1, embedded=False):
    return SimpleNamespace(actors=list(actors), recipients=list(recipients), verbal=verbal,
                           main_clause=main_clause, evidence=[None] * evidence, embedded=embedded)


def test_confidence_the_calibration_keeps_the_order_of_every_score():
    scores = [round(0.05 * i, 2) for i in range(1, 20)]  # every score the weights can give
    values = [confidence.calibrated(s) for s in scores]
    assert values == sorted(values) and len(set(values)) == len(values)
    assert all(0 < v < 1 for v in values)


def test_confidence_is_the_share_right_not_the_bare_score():
    full = draft(actors=["a1"], recipients=["a2"], verbal=True, main_clause=True)
    assert confidence.score(full) == 0.9
    # on the article gold, events of the top score are right about half of the time
    assert 0.3 < confidence.confidence_of(full) < 0.7
    with confidence.uncalibrated():
        assert confidence.confidence_of(full) == 0.9


def test_confidence_a_bare_noun_inside_another_event_ranks_lowest():
    bare = draft(embedded=True)
    assert confidence.score(bare) == 0.15
    assert confidence.confidence_of(bare) < confidence.confidence_of(draft(actors=["a1"]))


def test_confidence_people_named_without_a_name_add_nothing():
    """ "a 20-year-old man" describes a victim, it does not identify one: an event whose only
    recipient is such a phrase scores as one with none."""
    described = draft(actors=["a1"], recipients=["a9"])
    described.unnamed = {"a9"}
    assert confidence.score(described) == confidence.score(draft(actors=["a1"]))
    assert confidence.score(described) < confidence.score(draft(actors=["a1"], recipients=["a2"]))
