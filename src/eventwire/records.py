"""Typed, frozen records of the `eventwire/extraction@1` contract.

Every record that points into an article carries character offsets into `Article.text`.
The JSON form of these records is the contract (see schema/extraction-1.schema.json);
change a field only with a schema version bump.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
import types
import typing
from email.utils import parsedate_to_datetime
from typing import Any

SCHEMA = "eventwire/extraction@1"


@dataclass(frozen=True)
class Span:
    """A piece of the article text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Rejection:
    """Why a document was not coded: a stable `code` and a sentence for people."""

    code: str
    reason: str


@dataclass(frozen=True)
class RawDocument:
    """One document as read, before cleaning: bytes or text plus what came with it."""

    content: bytes | str
    name: str  # where it was read, for people: file path, "<stdin>", "file.jsonl:12", "feed.rss#3"
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date, given by the caller or the container
    fetched: str | None = None
    is_html: bool | None = None  # None: decide by sniffing
    key: str | None = None  # the identity its container gives: a feed entry's id, a record's URL

    def __post_init__(self):
        object.__setattr__(self, "published", publication_date(self.published))


ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")  # "2015-08-23", and "2015-8-23" as some data has it
# Dates as older news archives write them: "26-FEB-1987 15:01:01.79" (Reuters-21578).
DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})")


def read_date(value: object) -> str | None:
    """`value` as YYYY-MM-DD, or None when it is not a date the readers know: ISO, "26-FEB-1987"
    (Reuters-21578), RFC 2822 (feeds, e-mail), or a `datetime.date` / `datetime.datetime`."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):  # isoformat, not strftime: the year 1 is "0001", not "1"
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    for pattern, fmt in ((ISO_DATE, "%Y-%m-%d"), (DAY_MONTH_YEAR, "%d-%b-%Y")):
        match = pattern.match(value)
        if match:
            try:
                return dt.datetime.strptime("-".join(match.groups()), fmt).date().isoformat()
            except ValueError:
                return None
    try:  # RFC 2822, as in feeds and e-mail: "Thu, 18 Feb 2021 10:00:00 GMT"
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def publication_date(value: str | dt.date | None) -> str | None:
    """A publication date as YYYY-MM-DD, from a `datetime.date` or `datetime.datetime`, or a
    string the readers know (ISO "2021-02-18" or "2021-02-18T09:30:00Z", "26-FEB-1987", RFC 2822);
    ValueError for anything else, which names what to give."""
    if value is None or value == "":
        return None
    found = read_date(value)
    if found is None:
        raise ValueError(f"published={value!r} is not a date: give YYYY-MM-DD, a datetime.date or a "
                         "datetime.datetime")
    return found


@dataclass(frozen=True)
class Source:
    """One document as the store knows it: its identity, and where and how it came.

    `key` is what makes two documents the same: the container's identity for it (a URL, a feed
    entry id) when it has one, else the hash of its content; never its position in a file.
    `digest` is the hash of its content, which tells a changed document from a re-read one.
    """

    key: str
    digest: str | None  # None for a document that could not be read at all
    name: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    fetched: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    url: str | None
    source: str | None
    title: str | None
    published: str | None
    language: str | None
    text: str
    boilerplate: tuple[str, ...] = ()
    rejected: Rejection | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str  # person | organization | armed group | government | country | military | ...
    country: str | None = None  # ISO3 or a PLOVER non-state code (IGO, UNO, EUR, NGO, ISM, IMG, MNC)
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, IGO, ...
    title: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None  # ISO2
    admin1: str | None  # GeoNames' code of its first-level division ("27" in Nigeria: Borno)
    precision: str  # site | city | admin2 | admin1 | country | region
    mentions: tuple[Span, ...] = ()
    admin2: str | None = None  # GeoNames' code of its second-level division
    admin1_name: str | None = None  # the divisions' names, as GeoNames writes them ("Borno State")
    admin2_name: str | None = None
    geonameid_note: str | None = None  # why there is no GeoNames id, where there is none


@dataclass(frozen=True)
class Time:
    text: str
    start: int
    end: int
    date_start: str | None
    date_end: str | None
    precision: str  # day | week | month | year | vague


@dataclass(frozen=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float | int | None
    before: float | int | None = None
    after: float | int | None = None
    change: float | int | None = None
    approximate: bool = False
    counts: str | None = None  # what is counted: "troops", "people killed", ...
    unit: str | None = None


@dataclass(frozen=True)
class Magnitude:
    killed: int | None = None
    injured: int | None = None
    size: int | None = None
    size_before: int | None = None
    size_change: int | None = None
    approximate: bool = False


@dataclass(frozen=True)
class EventDate:
    start: str | None
    end: str | None
    precision: str
    text: str | None


@dataclass(frozen=True)
class AcledView:
    event_type: str
    sub_event_type: str


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # PLOVER v0.8 event type
    mode: str | None = None
    context: tuple[str, ...] = ()
    acled: AcledView | None = None
    cameo: str | None = None
    actors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    place: str | None = None
    date: EventDate | None = None
    magnitude: Magnitude = field(default_factory=Magnitude)
    status: str = "reported"
    claimed_by: tuple[str, ...] = ()
    perpetrator_confirmed: bool | None = None
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    speaker: str | None
    cue: str | None
    supports: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    claim: str
    against: str
    verdict: str  # consistent | inconsistent | unclear
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True)
class RuleStep:
    """One decision the coder took about an event: which `step` (trigger, type, actor,
    recipient, place, date, magnitude, status, merge, claim), the `rule` that decided it, and
    what it chose, in words."""

    step: str
    rule: str
    detail: str = ""


@dataclass(frozen=True)
class EventTrail:
    """The rules that made one event, in the order they ran."""

    event: str
    steps: tuple[RuleStep, ...] = ()


@dataclass(frozen=True)
class DroppedCandidate:
    """An event word the coder looked at and left out, with the rule that dropped it."""

    text: str
    start: int
    end: int
    type: str
    rule: str
    reason: str


@dataclass(frozen=True)
class Explanation:
    """The rule trail of one extraction (`extract --explain`, `Options(explain=True)`)."""

    events: tuple[EventTrail, ...] = ()
    dropped: tuple[DroppedCandidate, ...] = ()


@dataclass(frozen=True)
class Provenance:
    """What coded the article: eventwire's version, the spaCy pipeline, the event-type model."""

    eventwire: str
    spacy_model: str | None = None  # "en_core_web_sm 3.8.0"
    type_model: str | None = None  # "shipped", a folder made by `eventwire train`, or None (rules alone)


@dataclass(frozen=True)
class Extraction:
    article: Article
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[Time, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    checks: tuple[Check, ...] = ()
    warnings: tuple[str, ...] = ()
    explanation: Explanation | None = None  # only when asked for: the rule trail
    provenance: Provenance | None = None  # what coded it (set by Pipeline)

    def confident(self, minimum: float) -> Extraction:
        """The extraction with only its events at or above confidence `minimum` (quotes no
        longer point at the others; actors, places, quotes and checks all stay)."""
        kept = tuple(e for e in self.events if e.confidence >= minimum)
        ids = {e.id for e in kept}
        quotes = tuple(dataclasses.replace(q, supports=tuple(i for i in q.supports if i in ids)) for q in self.quotes)
        return dataclasses.replace(self, events=kept, quotes=quotes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """The record of an extraction@1 object (`to_dict`'s output, a stored or exported one)."""
        return _record(cls, {k: v for k, v in data.items() if k != "schema"})

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON form: tuples become lists, `schema` comes first; `explanation`
        and `provenance` only when the extraction has them."""
        plain = _plain(dataclasses.asdict(self))
        for optional in ("explanation", "provenance"):
            if plain[optional] is None:
                del plain[optional]
        return {"schema": SCHEMA, **plain}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _record(cls, data: dict[str, Any]):
    """A dataclass from its JSON form, nested records and tuples rebuilt from the field types;
    fields the data lacks take their defaults (an extraction stored by an earlier version)."""
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{name: _value(hints[name], value) for name, value in data.items() if name in known})


def _value(hint, value):
    if value is None:
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _value(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        return tuple(_value(args[0], v) for v in value)
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return _record(hint, value)
    return value
