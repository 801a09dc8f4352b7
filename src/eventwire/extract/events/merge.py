"""Event mentions merged into events, and events finished into the contract's records.

One real-world event told in several sentences is one event: mentions of one type with
compatible actors, dates, places and statuses join; the best date and place win.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...data import read_table
from ...records import AcledView, Event, EventDate, Magnitude, RuleStep, Span
from ..grammar import MONTHS, WEEKDAYS
from . import facts
from .casualties import wounded
from .confidence import confidence_of

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "vague": 4}
# Dates found only elsewhere in the sentence rank after every date of the event's own clause.
SENTENCE_RANK = 10
PLACE_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}
# Acts still to come: a day named without a year or week is the next one, not the last.
FUTURE_STATUSES = frozenset({"planned", "announced"})
# Acts that have not happened by the article's day, or long before it: no date when the text
# gives none (the publication date would be wrong for them).
UNDATED_STATUSES = frozenset({"planned", "announced", "hypothetical", "historical"})


@dataclass
class EventDraft:
    """An event while mentions are merged into it."""

    type: str
    mode: str | None
    context: list[str]
    actors: list[str]
    recipients: list[str]
    status: str
    tokens: list = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    dates: list = field(default_factory=list)  # (rank, Time)
    places: list = field(default_factory=list)  # Place
    magnitude: dict = field(default_factory=dict)
    claimed_by: list[str] = field(default_factory=list)
    confirmed: bool | None = None
    main_clause: bool = False
    verbal: bool = False
    lemmas: set = field(default_factory=set)  # of the event's own clauses, for the ACLED cues
    embedded: bool = False  # inside the clause of another event word
    reference_only: bool = False  # "the attack", tied to nothing: only joins an earlier event
    place_recipient: bool = False  # the recipient is only the country the event happened in
    unnamed: set = field(default_factory=set)  # actors added for people named without a name (passes.unnamed_people)
    trail: list[RuleStep] = field(default_factory=list)  # the rules that made it (--explain)
    type_rules: tuple[str, ...] = ()  # grammar rules (rules.recode) or a lexicon phrase that set its type: they outrank the model
    acled_decided: bool = False  # the ACLED view was decided by decide.py, not the rules' table
    acled_sub: str | None = None  # that view's sub-event type (None: no ACLED sense)


def _compatible(a: EventDraft, b: EventDraft, side=lambda actor: actor) -> bool:
    if a.type != b.type or not facts.statuses_compatible(a.status, b.status):
        return False
    pairs = [(a.actors, b.actors)]
    if not (a.place_recipient or b.place_recipient):  # a place's country yields to a named one
        pairs.append((a.recipients, b.recipients))
    for mine, theirs in pairs:
        if mine and theirs and not {side(x) for x in mine} & {side(x) for x in theirs}:
            return False
    da, db = _best_date(a, own=True), _best_date(b, own=True)
    if da and db and not ((da.date_start or "") <= (db.date_end or db.date_start or "9")
                          and (db.date_start or "") <= (da.date_end or da.date_start or "9")):
        return False
    pa, pb = _best_place(a), _best_place(b)
    if pa and pb and pa.id != pb.id and pa.country != pb.country:
        return False
    return True


def merge(events: list[EventDraft], new: EventDraft, side=lambda actor: actor,
          by_type: dict[str, list[EventDraft]] | None = None, drop=None) -> None:
    """Join `new` to the latest compatible event, or keep it as a new one if it says enough.
    `side(actor id)` says which actors stand for one party ("Kenyan army" and "Kenya Defence
    Forces": one state's military); by default each actor is its own. `by_type`, kept up to date
    here, holds `events` by type: only events of the same type are compatible, so a long text
    need not try every event. `drop(token, type, rule, reason)`, if given, hears of a mention
    that joins nothing and says too little to stand alone."""
    candidates = events if by_type is None else by_type.get(new.type, [])
    for old in reversed(candidates):
        if _compatible(old, new, side):
            word = f"'{new.tokens[0].text}'" if new.tokens else "a later mention"
            old.trail.append(RuleStep("merge", "merge.merge", f"joined by {word} "
                                      "(same type; actors, dates, places and status compatible)"))
            old.trail += [s for s in new.trail if s.step in ("actor", "recipient") and s.detail != "none"]
            old.tokens += new.tokens
            old.evidence += [s for s in new.evidence if s not in old.evidence]
            old.actors += [a for a in new.actors if a not in old.actors]
            if old.place_recipient and new.recipients and not new.place_recipient:
                old.recipients, old.place_recipient = [], False  # a named recipient wins
            if not (new.place_recipient and old.recipients and not old.place_recipient):
                old.recipients += [r for r in new.recipients if r not in old.recipients]
            old.dates += new.dates
            old.places += new.places
            old.mode = old.mode or new.mode
            old.context += [c for c in new.context if c not in old.context]
            old.main_clause = old.main_clause or new.main_clause
            old.verbal = old.verbal or new.verbal
            old.lemmas |= new.lemmas
            old.embedded = old.embedded and new.embedded
            for key, value in new.magnitude.items():
                if key == "approximate":
                    old.magnitude[key] = bool(old.magnitude.get(key) or value)
                elif old.magnitude.get(key) is None:
                    old.magnitude[key] = value
            if old.status == "reported" and new.status not in ("reported", "claimed"):
                # a later "will" or "denied" tells more; a later claim of it does not unmake a report
                old.status = new.status
            return
    if not new.reference_only:
        events.append(new)
        if by_type is not None:
            by_type.setdefault(new.type, []).append(new)
    elif drop is not None and new.tokens:
        drop(new.tokens[0], new.type, "merge.merge", "a reference ('the attack') to no earlier event")


@lru_cache(maxsize=1)
def _acled_types() -> dict[str, str]:
    return {row["sub_event_type"]: row["event_type"] for row in read_table("acled_categories.tsv")}


def acled_event_type(sub_event_type: str) -> str:
    """ACLED's event type of one of its sub-event types (data/acled_categories.tsv)."""
    return _acled_types()[sub_event_type]


def _best_date(event: EventDraft, own: bool = False):
    """The most precise date; `own`: only dates inside the event's own clause."""
    dates = [d for d in event.dates if d[0] < SENTENCE_RANK] if own else event.dates
    return min(dates, key=lambda d: d[0])[1] if dates else None


def precision_rank(place) -> int:
    return PLACE_RANK.get(place.precision, 9)


def _best_place(event: EventDraft):
    return min(event.places, key=lambda p: PLACE_RANK.get(p.precision, 9)) if event.places else None


def closing_steps(event: EventDraft, record: Event) -> list[RuleStep]:
    """The trail's last steps: the place and date chosen among the event's, and its magnitude."""
    place = _best_place(event)
    steps = [RuleStep("place", "merge.finish: the most precise place of its clauses",
                      f"{place.name} ({place.precision})") if place is not None else
             RuleStep("place", "merge.finish", "no place named in its clauses")]
    time = _best_date(event)
    if time is not None:
        rank = min(d[0] for d in event.dates)
        where = "its own clause" if rank < SENTENCE_RANK else "its sentence"
        steps.append(RuleStep("date", f"merge.finish: the most precise date of {where}",
                              f"'{time.text}' = {record.date.start if record.date else None}"))
    elif record.date is not None:
        steps.append(RuleStep("date", "merge.finish: none in the text, the article's published date",
                              record.date.start))
    numbers = {k: v for k, v in dataclasses.asdict(record.magnitude).items() if v not in (None, False)}
    if numbers:
        steps.append(RuleStep("magnitude", "facts.casualties / context._size",
                              ", ".join(f"{k} {v}" for k, v in numbers.items())))
    return steps


def _forward(date: EventDate, status: str, published: str | None) -> EventDate:
    """A planned act's day named without a year or week ("talks will resume on April 29", "will
    meet on Friday") is the next such day: the times stage, which knows no tense, counts back."""
    if status not in FUTURE_STATUSES or not published or not date.start or date.start >= published:
        return date
    if date.precision != "day" or not date.text or re.search(r"\d{4}", date.text):
        return date
    day, words = dt.date.fromisoformat(date.start), set(re.findall(r"[a-z]+", date.text.lower()))
    if words & set(MONTHS):  # "April 29", "Monday, April 29": a year on
        try:
            day = day.replace(year=day.year + 1)
        except ValueError:  # February 29
            return date
    elif words & set(WEEKDAYS):  # "on Friday": a week on
        day += dt.timedelta(days=7)
    else:
        return date
    return dataclasses.replace(date, start=day.isoformat(), end=day.isoformat())


def finish(number: int, event: EventDraft, published: str | None) -> Event:
    time = _best_date(event)
    if time is not None:
        date = _forward(EventDate(time.date_start, time.date_end, time.precision, time.text),
                        event.status, published)
    elif published and event.status not in UNDATED_STATUSES:  # "date (from the sentence, else the article's)"
        date = EventDate(published, published, "day", None)
    else:
        date = None
    place = _best_place(event)
    counts = dict(event.magnitude)
    counts["injured"] = wounded(counts)
    magnitude = Magnitude(**{k: v for k, v in counts.items() if v is not None})
    if event.acled_decided:
        acled = AcledView(acled_event_type(event.acled_sub), event.acled_sub) if event.acled_sub else None
    else:
        acled = facts.acled_view(event.type, event.mode, event.lemmas)
    return Event(id=f"e{number}", type=event.type, mode=event.mode, context=tuple(event.context),
                 acled=acled,
                 cameo=facts.cameo_code(event.type, event.mode),
                 actors=tuple(event.actors), recipients=tuple(event.recipients),
                 place=place.id if place else None, date=date, magnitude=magnitude,
                 status=event.status, claimed_by=tuple(event.claimed_by),
                 perpetrator_confirmed=event.confirmed,
                 evidence=tuple(sorted(event.evidence, key=lambda s: s.start)),
                 confidence=confidence_of(event))
