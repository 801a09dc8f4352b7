"""merge.py on hand-built drafts: which mentions of one article join into one event, and how a
merged event is finished into its record."""
import copy

import pytest

from eventwire.extract.events.merge import SENTENCE_RANK, EventDraft, finish, merge
from eventwire.records import Place, Span, Time

MONDAY = Time("Monday", 0, 6, "2024-03-11", "2024-03-11", "day")
FRIDAY = Time("Friday", 0, 6, "2024-03-15", "2024-03-15", "day")
MARCH = Time("March", 0, 5, "2024-03-01", "2024-03-31", "month")
GOMA = Place("goma", "Goma", 1, None, None, "CD", None, "city")
BUKAVU = Place("bukavu", "Bukavu", 2, None, None, "CD", None, "city")
GISENYI = Place("gisenyi", "Gisenyi", 3, None, None, "RW", None, "city")


def draft(type="ASSAULT", actors=(), recipients=(), status="reported", dates=(), places=(),
          evidence=("attacked",), **fields) -> EventDraft:
    """A draft as the coder makes one: `dates` are Times of the event's own clause (rank by
    precision), or (rank, Time) pairs as given."""
    return EventDraft(type=type, mode=None, context=[], actors=list(actors),
                      recipients=list(recipients), status=status,
                      evidence=[Span(e, 0, len(e)) for e in evidence],
                      dates=[d if isinstance(d, tuple) else (0 if d.precision == "day" else 2, d)
                             for d in dates],
                      places=list(places), **fields)


def merged(first: EventDraft, second: EventDraft, **kw) -> list[EventDraft]:
    events: list[EventDraft] = []
    merge(events, first, **kw)
    merge(events, second, **kw)
    return events


@pytest.mark.parametrize("first, second, joined", [
    pytest.param(draft(actors=["M23"], recipients=["COD"]), draft(actors=["M23"]), True,
                 id="same-type-same-actor"),
    pytest.param(draft(actors=["M23"]), draft(actors=[], recipients=["COD"]), True,
                 id="one-names-no-actor"),
    pytest.param(draft("ASSAULT", actors=["M23"]), draft("PROTEST", actors=["M23"]), False,
                 id="not-different-types"),
    pytest.param(draft(actors=["M23"]), draft(actors=["FDLR"]), False, id="not-different-actors"),
    pytest.param(draft(actors=["M23"], recipients=["COD"]), draft(actors=["M23"], recipients=["RWA"]),
                 False, id="not-different-recipients"),
    # the country a place lies in gives way to a recipient the text names
    pytest.param(draft(actors=["M23"], recipients=["COD"], place_recipient=True),
                 draft(actors=["M23"], recipients=["MONUSCO"]), True, id="place-recipient-yields"),
    pytest.param(draft(status="reported"), draft(status="claimed"), True, id="reported-and-claimed"),
    pytest.param(draft(status="reported"), draft(status="planned"), False, id="not-reported-and-planned"),
    pytest.param(draft(dates=[MONDAY]), draft(dates=[MARCH]), True, id="day-inside-month"),
    pytest.param(draft(dates=[MONDAY]), draft(dates=[FRIDAY]), False, id="not-different-days"),
    # a date only found elsewhere in the sentence does not keep two mentions apart
    pytest.param(draft(dates=[MONDAY]), draft(dates=[(SENTENCE_RANK, FRIDAY)]), True,
                 id="sentence-date-does-not-split"),
    pytest.param(draft(places=[GOMA]), draft(places=[BUKAVU]), True, id="places-of-one-country"),
    pytest.param(draft(places=[GOMA]), draft(places=[GISENYI]), False, id="not-places-of-two-countries"),
])
def test_merge_joins_compatible_drafts_only(first, second, joined):
    first, second = copy.deepcopy(first), copy.deepcopy(second)  # merge changes what it joins into
    events = merged(first, second)
    assert len(events) == (1 if joined else 2)
    if joined:
        assert events[0] is first and len(events[0].evidence) == 1  # the same span once


def test_merge_side_joins_two_actors_of_one_party():
    side = {"KEN-army": "KEN-MIL", "KEN-KDF": "KEN-MIL"}.get
    first, second = draft(actors=["KEN-army"]), draft(actors=["KEN-KDF"])
    assert len(merged(first, second)) == 2
    first, second = draft(actors=["KEN-army"]), draft(actors=["KEN-KDF"])
    events = merged(first, second, side=side)
    assert len(events) == 1 and events[0].actors == ["KEN-army", "KEN-KDF"]


def test_merge_named_recipient_replaces_place_country():
    first = draft(actors=["M23"], recipients=["COD"], place_recipient=True)
    merged(first, draft(actors=["M23"], recipients=["MONUSCO"]))
    assert first.recipients == ["MONUSCO"] and not first.place_recipient


def test_merge_joins_the_latest_compatible_event():
    events: list[EventDraft] = []
    m23, fdlr = draft(actors=["M23"]), draft(actors=["FDLR"])
    merge(events, m23)
    merge(events, fdlr)
    merge(events, draft(actors=[], evidence=["the attack"]))  # names nobody: the latest one
    merge(events, draft(actors=["M23"], evidence=["the raid"]))
    assert events == [m23, fdlr]
    assert [s.text for s in fdlr.evidence] == ["attacked", "the attack"]
    assert [s.text for s in m23.evidence] == ["attacked", "the raid"]


def test_merge_reference_only_joins_but_never_starts_an_event():
    events: list[EventDraft] = []
    merge(events, draft(actors=["M23"], reference_only=True))
    assert events == []
    by_type: dict = {}
    merge(events, draft("PROTEST", actors=["M23"]), by_type=by_type)
    merge(events, draft(actors=["M23"], reference_only=True), by_type=by_type)
    assert [e.type for e in events] == ["PROTEST"] and list(by_type) == ["PROTEST"]


def test_merge_finish_takes_the_most_precise_date_and_place():
    event = draft(actors=["M23"], dates=[MARCH, MONDAY],
                  places=[Place("cd", "DR Congo", 4, None, None, "CD", None, "country"), GOMA])
    record = finish(1, event, published="2024-03-14")
    assert (record.id, record.date.start, record.date.precision, record.place) == (
        "e1", "2024-03-11", "day", "goma")


def test_merge_finish_falls_back_to_the_published_date():
    record = finish(2, draft(actors=["M23"]), published="2024-03-14")
    assert (record.date.start, record.date.text) == ("2024-03-14", None)
    assert finish(3, draft(actors=["M23"]), published=None).date is None
