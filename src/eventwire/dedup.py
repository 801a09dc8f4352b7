"""One event, many reports: group the events of different articles that tell the same real-world
event, keeping every report, its source and its figures (issue 15).

The decision, in order:
1. Blocking. Two reports are compared only when they have the same PLOVER type, their places
   lie in one cell of a grid of 0.75 degrees or in cells next to each other (a report placed
   only by its division or country, or not at all, is compared with every cell of its country),
   and their date windows overlap: a report's window is its event dates widened by the dates'
   slack (a day for a day, none for a month or a year), or the week before its publication when
   the text gave no date; a report with neither is compared with every report of its block.
   Reports are swept in date order, so the cost grows with the reports of one type, cell and
   week, never with all pairs.
2. The pair. `compare` gives a score with its reasons, or a veto with its reason.
   vetoes: the same article (one article's events are the extractor's to merge); dates apart
   beyond their slack; places further apart than their precision allows (25 km for towns and
   sites, 60 km for districts), in other first-level divisions or other countries; actors (or
   recipients) that both sides give, of which none agree by name or by state and sector (a
   country standing for its people, or an unidentified group, is compatible with any); a pair
   the user split (`eventwire dedup --split`). ACLED's types are no veto: reports of one event
   are often typed differently (a car bomb as a suicide bomb); agreeing, they add points.
   points (POINTS): the same ACLED event type (0.5) and sub-type (0.5 more); the same day (2)
   or dates within their slack (0.5); the same place (2.5), places near each other (1.5), the
   same division (1.5), a place inside the other's division (1), the same country only (0.5);
   a person named in both (3), another actor (2) or recipient (1.5) named in both, actors (1)
   or recipients (0.5) of the same state and sector; the same toll (1.5) or a close one (0.5),
   the same number injured (1); shared wording of the evidence (1 from a fifth of the content
   words in common, 2 from three tenths); shared wording of the articles' leads, their first
   LEAD_WORDS words (1 from 15% of the content words in common, 2 from 25%): outlets tell one
   event with its own names and details ("tear gas", "levy", "matatu"). A person named in both lifts a veto on places apart
   (reports of one escape name where it began and where it ended).
3. Grouping. Pairs of reports of different articles scoring at least MERGE_SCORE are merged
   best first (ties broken by the reports' keys), and two groups join only when every pair
   across them is free of vetoes (complete linkage): a chain of look-alikes does not pull two
   events together. Two events of one article share a group only when they restate each other
   (no veto, and three tenths of their words or the same toll in common: the extractor coded
   one event twice), never when the article tells two events apart.
4. Ids. A group keeps the id of the stored group most of its reports were in; a new group's id
   is a hash of its first report. The groups are a function of the reports alone: the same
   articles ingested in any order, in any number of runs, give the same groups.

Each run recomputes the types whose reports changed since the last (new, re-coded or removed
articles, or a split), so adding articles extends the groups they join, and a user's split is
kept on every later run. A group's figures keep each report's toll with its source and
publication date; where they disagree the group reports the range and flags it, and a later,
higher toll is an update with its date. Nothing is averaged.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
import re
import sqlite3
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

# What each agreement between two reports adds to their score (step 2 of the module's doc).
POINTS = {
    "acled_type": 0.5, "acled_sub_type": 0.5,
    "same_day": 2.0, "dates_within_slack": 0.5,
    "same_place": 2.5, "near_place": 1.5, "same_division": 1.5, "in_division": 1.0, "same_country": 0.5,
    "person_named": 3.0, "actor_named": 2.0, "actor_tag": 1.0, "recipient_named": 1.5, "recipient_tag": 0.5,
    "same_toll": 1.5, "close_toll": 0.5, "same_injured": 1.0,
}
# Points for shared wording: (share of content words in common, points), the highest first.
WORDING_POINTS = ((0.3, 2.0), (0.2, 1.0))
# The same for the articles' leads: their first LEAD_WORDS words, where a report tells what
# happened (chosen on the dev sets: ECB+ odd topics and tests/dedup/dedup_dev.jsonl; see README).
LEAD_POINTS = ((0.25, 2.0), (0.15, 1.0))
LEAD_WORDS = 150
LEAD_CHARS = 2000  # read from the store: more than LEAD_WORDS words of news prose
# A lead is kept as a set of bits, a word's bit by its CRC-32 (the same in every run): 512 bytes an
# article where a set of its words took some 10 KB; two of a lead's hundred-odd words share a bit
# about once in 80 (bench/dedup_scale.py: 100,000 events).
LEAD_BITS = 4096
COMMON_WORDS = frozenset("""said says told according were have that with from this their after when which about
also been more than they would could there other into over while where what them were will being
those these such some most many very just only people news report reports reported reporting
officials official sources source statement added least monday tuesday wednesday thursday friday
saturday sunday yesterday today week month year years""".split())
# Two events of one article are one event told twice when they share this much of their words.
RESTATED_WORDS = 0.3
# The least score for two reports to be one event (chosen on the dev sets: tests/dedup/dedup_dev.jsonl
# and ECB+ topics of odd number; see README).
MERGE_SCORE = 4.5
# How far apart two places of one event may be, by the coarser place's precision (km).
NEAR_KM = {"site": 25.0, "city": 25.0, "admin2": 60.0}
# The same place within this distance (km): two gazetteer entries of one town.
SAME_PLACE_KM = 10.0
# The slack of a date, by its precision (days each side): reports disagree by a day ("late on
# Monday", "on Tuesday"); a month or a year is already a window.
DATE_SLACK = {"day": 1, "week": 3, "month": 0, "year": 0, "vague": 3}
# The window of an undated report: the days before its publication it may tell of.
UNDATED_DAYS = 7
FINE = ("site", "city", "admin2")
# The grid places of town precision are blocked by (degrees): a report is compared with those of
# its cell and the eight around it, which covers the largest distance a pair may have (NEAR_KM).
CELL_DEGREES = 0.75
PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}
GENERIC_WORDS = frozenset("the a an of and".split())


@dataclass(frozen=True)
class Party:
    """The actors (or recipients) of a report, as dedup compares them."""

    names: frozenset[str] = frozenset()     # normalised names that single an actor out
    tags: frozenset[tuple[str, str]] = frozenset()  # (country, sector) where both are known
    people: frozenset[str] = frozenset()    # the names of persons among them

    def __bool__(self) -> bool:
        return bool(self.names or self.tags)


@dataclass(frozen=True)
class Report:
    """One event of one article, with what dedup compares."""

    article_id: str
    event_id: str
    type: str
    sub_type: str | None = None
    acled_type: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: str | None = None
    published: dt.date | None = None
    place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    place_precision: str | None = None
    actors: Party = field(default_factory=Party)
    recipients: Party = field(default_factory=Party)
    killed: int | None = None
    injured: int | None = None
    status: str = "reported"
    source: str | None = None
    words: frozenset[str] = frozenset()  # the content words of its evidence
    lead: int = 0  # the content words of its article's lead (LEAD_WORDS), as bits (lead_bits)

    @property
    def key(self) -> tuple[str, str]:
        return self.article_id, self.event_id

    @cached_property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """The days the event may have happened on, with slack; None: any day."""
        if self.start is not None:
            slack = dt.timedelta(days=DATE_SLACK.get(self.precision or "day", 1))
            return self.start - slack, (self.end or self.start) + slack
        if self.published is not None:
            return self.published - dt.timedelta(days=UNDATED_DAYS), self.published
        return None


@dataclass(frozen=True)
class Pair:
    """Two reports that may tell one event: their points and why."""

    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Veto:
    """Two reports that cannot tell one event, and why."""

    reason: str


def compare(a: Report, b: Report, split: frozenset[frozenset] = frozenset()) -> Pair | Veto:
    """Whether two reports can tell one event: a veto with its reason, or a score with its reasons."""
    if a.article_id == b.article_id:
        return Veto("the same article")
    if a.type != b.type:
        return Veto(f"types {a.type} and {b.type}")
    if frozenset((a.key, b.key)) in split:
        return Veto("split by the user")
    reasons: list[str] = []
    score = 0.0
    if a.acled_type and a.acled_type == b.acled_type:
        score += POINTS["acled_type"]
        reasons.append(f"the same ACLED type {a.acled_type}")
        if a.sub_type and a.sub_type == b.sub_type:
            score += POINTS["acled_sub_type"]
            reasons.append(f"the same ACLED sub-type {a.sub_type}")
    for part in (_dates, _places, _actors, _figures, _wording, _leads):
        found = part(a, b)
        if isinstance(found, Veto) and part is _places and _named_person_in_both(a, b):
            found = 0.0, f"{found.reason}, but the same person named in both"
        if isinstance(found, Veto):
            return found
        if found is not None:
            score += found[0]
            reasons.append(found[1])
    return Pair(score, tuple(reasons))


def _dates(a: Report, b: Report):
    wa, wb = a.window, b.window
    if wa is None or wb is None:
        return None
    if wa[1] < wb[0] or wb[1] < wa[0]:
        return Veto(f"dates {_day(a)} and {_day(b)} too far apart")
    if a.start and a.start == b.start and a.precision == b.precision == "day":
        return POINTS["same_day"], f"the same day {a.start.isoformat()}"
    if a.start and b.start:
        return POINTS["dates_within_slack"], f"dates {_day(a)} and {_day(b)} within their slack"
    return 0.0, "no date in one report (its publication window agrees)"


def _day(r: Report) -> str:
    return r.start.isoformat() if r.start else f"published {r.published}"


def _places(a: Report, b: Report):
    if not (a.country and b.country):
        return None
    if a.country != b.country:
        return Veto(f"places in {a.country} and {b.country}")
    pa, pb = a.place_precision or "country", b.place_precision or "country"
    if pa in FINE and pb in FINE and None not in (a.lat, b.lat):
        km = distance_km(a.lat, a.lon, b.lat, b.lon)
        if (a.geonameid and a.geonameid == b.geonameid) or km <= SAME_PLACE_KM:
            return POINTS["same_place"], f"the same place {a.place}"
        coarser = max(pa, pb, key=PRECISION_RANK.get)
        if km <= NEAR_KM[coarser]:
            return POINTS["near_place"], f"{a.place} and {b.place} {km:.0f} km apart"
        return Veto(f"{a.place} and {b.place} {km:.0f} km apart")
    if pa == pb == "admin1" or (pa in FINE and pb == "admin1") or (pb in FINE and pa == "admin1"):
        if a.admin1 and b.admin1 and a.admin1 != b.admin1:
            return Veto(f"{a.place} and {b.place} in different divisions")
        if pa == pb == "admin1" and a.place == b.place:
            return POINTS["same_division"], f"the same division {a.place}"
        return POINTS["in_division"], f"{a.place} and {b.place} in one division"
    return POINTS["same_country"], f"the same country {a.country}"


def _actors(a: Report, b: Report):
    total, reasons = 0.0, []
    for role, names_points, tag_points in (("actors", POINTS["actor_named"], POINTS["actor_tag"]),
                                           ("recipients", POINTS["recipient_named"], POINTS["recipient_tag"])):
        pa, pb = getattr(a, role), getattr(b, role)
        if not (pa and pb):
            continue  # one side names none: an unidentified actor is compatible with any
        shared = _shared_name(pa.names, pb.names)
        person = _shared_name(pa.people, pb.people)
        if person:
            total += POINTS["person_named"]
            reasons.append(f"{role} named in both: {person}")
        elif shared:
            total += names_points
            reasons.append(f"{role} named in both: {shared}")
        elif pa.tags & pb.tags:
            total += tag_points
            reasons.append(f"{role} of the same state and sector: {' '.join(sorted(pa.tags & pb.tags)[0])}")
        elif pa.tags and pb.tags:
            return Veto(f"{role} differ: {_first(pa.names)} and {_first(pb.names)}")
    if not reasons:
        return None
    return total, "; ".join(reasons)


def _named_person_in_both(a: Report, b: Report) -> bool:
    """Both reports name one person as actor or recipient ("Comeaux", "Arcade Joseph Comeaux
    Jr."): reports of one event name its places differently (where it began, where it ended)."""
    return _shared_name(a.actors.people | a.recipients.people, b.actors.people | b.recipients.people) is not None


def _shared_name(one: frozenset[str], other: frozenset[str]) -> str | None:
    """A name both sides give, or one whose words are all in a name of the other side ("Smith"
    and "John Smith", "police" and "Athens police")."""
    for name in sorted(one):
        words = set(name.split()) - GENERIC_WORDS
        for theirs in sorted(other):
            mine = set(theirs.split()) - GENERIC_WORDS
            if name == theirs or (words and mine and (words <= mine or mine <= words)):
                return name if len(name) >= len(theirs) else theirs
    return None


def _first(names: frozenset[str]) -> str:
    return sorted(names)[0] if names else "?"


def _figures(a: Report, b: Report):
    total, reasons = 0.0, []
    if a.killed and b.killed:
        low, high = sorted((a.killed, b.killed))
        if low == high:
            total += POINTS["same_toll"]
            reasons.append(f"the same toll {low} killed")
        elif high <= 2 * low + 2:
            total += POINTS["close_toll"]
            reasons.append(f"close tolls {low} and {high} killed")
        else:
            reasons.append(f"tolls {low} and {high} killed (an update, or another event)")
    if a.injured and a.injured == b.injured:
        total += POINTS["same_injured"]
        reasons.append(f"the same {a.injured} injured")
    return (total, "; ".join(reasons)) if reasons else None


def _wording(a: Report, b: Report):
    """Reports of one event tell it in many of the same words ("car bomb", "checkpoint",
    "teachers"): the share of the content words of their evidence they have in common."""
    if not (a.words and b.words):
        return None
    return _points(_shared_words(a, b), WORDING_POINTS, "{:.0%} of their words shared")


def _leads(a: Report, b: Report):
    """Reports of one event by different outlets open with many of the same words: the share of
    the content words of their articles' leads in common."""
    if not (a.lead and b.lead):
        return None
    shared = (a.lead & b.lead).bit_count() / (a.lead | b.lead).bit_count()
    return _points(shared, LEAD_POINTS, "their articles' leads share {:.0%} of their words")


def _points(shared: float, table: tuple[tuple[float, float], ...], reason: str):
    """The points of the highest floor of `table` that `shared` reaches, with its reason; None
    below them all."""
    for floor, points in table:
        if shared >= floor:
            return points, reason.format(shared)
    return None


def lead_bits(text: str) -> int:
    """The content words of an article's first LEAD_WORDS words, as a set of LEAD_BITS bits."""
    bits = 0
    for word in content_words(" ".join(text.split()[:LEAD_WORDS])):
        bits |= 1 << (zlib.crc32(word.encode()) % LEAD_BITS)
    return bits


def _shared_words(a: Report, b: Report) -> float:
    """The share of the two reports' content words they have in common (Jaccard)."""
    return len(a.words & b.words) / len(a.words | b.words) if a.words and b.words else 0.0


def content_words(text: str) -> frozenset[str]:
    """The words of a text that say what happened: lowercased, four letters or more, less the
    words every report has."""
    return frozenset(w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in COMMON_WORDS)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def candidates(reports: list[Report]) -> Iterable[tuple[Report, Report]]:
    """The pairs worth comparing (step 1), each once: one type; places in one cell of the grid
    or the next (CELL_DEGREES), or in one country where a report's place is coarser than a
    district (or none); overlapping windows."""
    by_type: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        by_type[r.type].append(r)
    for kind in sorted(by_type):
        nowhere = [r for r in by_type[kind] if not r.country]
        by_country: dict[str, list[Report]] = defaultdict(list)
        for r in by_type[kind]:
            if r.country:
                by_country[r.country].append(r)
        for country in sorted(by_country):
            cells: dict[tuple[int, int], list[Report]] = defaultdict(list)
            coarse = []
            for r in by_country[country]:
                if r.place_precision in FINE and r.lat is not None and r.lon is not None:
                    cells[math.floor(r.lat / CELL_DEGREES), math.floor(r.lon / CELL_DEGREES)].append(r)
                else:
                    coarse.append(r)
            for (y, x) in sorted(cells):
                later = [r for dy in (-1, 0, 1) for dx in (-1, 0, 1) if (y + dy, x + dx) > (y, x)
                         for r in cells.get((y + dy, x + dx), [])]
                yield from _overlapping(cells[y, x], later + coarse + nowhere)
            yield from _overlapping(coarse, nowhere)
        yield from _overlapping(nowhere, [])


def _overlapping(mine: list[Report], others: list[Report]) -> Iterable[tuple[Report, Report]]:
    """The pairs whose windows overlap among `mine`, and between `mine` and `others` (never two
    of `others`): a sweep in date order; a report with no window pairs with every one."""
    timeless = [(r, True) for r in mine if r.window is None] + [(r, False) for r in others if r.window is None]
    dated = sorted([(r.window, r.key, r, True) for r in mine if r.window is not None]
                   + [(r.window, r.key, r, False) for r in others if r.window is not None],
                   key=lambda x: (x[0], x[1]))
    active: dict[bool, list[tuple[dt.date, Report]]] = {True: [], False: []}
    for window, _, r, is_mine in dated:
        for side in (True, False):
            active[side] = [a for a in active[side] if a[0] >= window[0]]
        for side in ((True, False) if is_mine else (True,)):
            for _, other in active[side]:
                yield other, r
        active[is_mine].append((window[1], r))
    for i, (r, is_mine) in enumerate(timeless):
        for _, _, other, other_mine in dated:
            if is_mine or other_mine:
                yield r, other
        for other, other_mine in timeless[i + 1:]:
            if is_mine or other_mine:
                yield r, other


def group(reports: list[Report], split: frozenset[frozenset] = frozenset(),
          merge_score: float | None = None) -> list[list[Report]]:
    """The reports grouped into events (steps 2 and 3): each group's reports, in key order."""
    merge_score = MERGE_SCORE if merge_score is None else merge_score
    reports = sorted(reports, key=lambda r: r.key)
    pairs = []
    for a, b in candidates(reports):
        found = compare(a, b, split)
        if isinstance(found, Pair) and found.score >= merge_score:
            x, y = sorted((a, b), key=lambda r: r.key)
            pairs.append((-found.score, x.key, y.key, x, y))
    pairs.sort(key=lambda p: p[:3])
    members: dict[tuple[str, str], list[Report]] = {r.key: [r] for r in reports}
    for _, _, _, a, b in pairs:
        ga, gb = members[a.key], members[b.key]
        if ga is gb or any(not _together(x, y, split) for x in ga for y in gb):
            continue
        ga.extend(gb)
        for r in gb:
            members[r.key] = ga
    seen, groups = set(), []
    for r in reports:
        g = members[r.key]
        if id(g) not in seen:
            seen.add(id(g))
            groups.append(sorted(g, key=lambda x: x.key))
    return groups


def _together(a: Report, b: Report, split: frozenset[frozenset]) -> bool:
    """Whether two reports may be in one group (complete linkage): no veto between them; two
    events of one article only when they restate each other (the extractor coded one event
    twice: much the same words, or the same toll), never two events the article tells apart."""
    if a.article_id != b.article_id:
        return not isinstance(compare(a, b, split), Veto)
    other = dataclasses.replace(b, article_id=f"{b.article_id}\x00")  # the rest of the vetoes, as if apart
    if a.type != b.type or isinstance(compare(a, other, split), Veto):
        return False
    return _shared_words(a, b) >= RESTATED_WORDS or bool(a.killed and a.killed == b.killed)


def explain(members: list[Report], split: frozenset[frozenset] = frozenset()) -> tuple[dict, dict]:
    """Each report's best score with another of its group, and that pair's reasons."""
    scores, reasons = {}, {}
    for r in members:
        best = None
        for other in members:
            if other is not r:
                found = compare(r, other, split)
                if isinstance(found, Pair) and (best is None or found.score > best[0]):
                    best = (found.score, [f"with {other.article_id}/{other.event_id}", *found.reasons])
        scores[r.key] = best[0] if best else None
        reasons[r.key] = best[1] if best else []
    return scores, reasons


def new_id(members: list[Report], salt: int = 0) -> str:
    first = min(r.key for r in members)
    return "g" + hashlib.sha1(("/".join(first) + (f"#{salt}" if salt else "")).encode()).hexdigest()[:12]


def assign_ids(groups: list[list[Report]], before: dict[tuple[str, str], str],
               reserved: set[str] | None = None) -> list[tuple[str, list[Report]]]:
    """Each group's id: the stored group (of its type) most of its reports were in (the larger
    part of a split group keeps it), else a new one, never one in `reserved` (the ids stored
    before this run, and those given in it; the new ones are added) (step 4)."""
    reserved = set() if reserved is None else reserved
    claims = []
    for n, members in enumerate(groups):
        counts = Counter(before[r.key] for r in members if r.key in before)
        for old, count in counts.items():
            claims.append((-count, old, new_id(members), n))
    claims.sort(key=lambda c: c[:3])
    taken, named = set(), {}
    for _, old, _, n in claims:
        if old not in taken and n not in named:
            taken.add(old)
            named[n] = old
    result = []
    for n, members in enumerate(groups):
        if n in named:
            result.append((named[n], members))
            continue
        salt, mine = 0, new_id(members)
        while mine in reserved:  # its first report led a group that another part kept
            salt += 1
            mine = new_id(members, salt)
        reserved.add(mine)
        result.append((mine, members))
    return result


# -- the store step ------------------------------------------------------------------------

REPORTS_SQL = """
SELECT e.article_id, e.id, e.type, e.acled_sub_event_type, e.acled_event_type, e.date_start, e.date_end, e.date_precision,
  a.published, p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1, p.precision,
  e.killed, e.injured, e.status, a.source, e.evidence, substr(a.text, 1, ?)
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place_id
"""
PARTIES_SQL = """
SELECT ea.article_id, ea.event_id, ea.role, ac.name, ac.country, ac.sector, ac.kind
FROM event_actors ea JOIN actors ac ON ac.article_id = ea.article_id AND ac.id = ea.actor_id
JOIN events e ON e.article_id = ea.article_id AND e.id = ea.event_id
WHERE ea.role IN ('actor', 'recipient')
"""


def load_reports(db: sqlite3.Connection, types: list[str] | None = None) -> list[Report]:
    """The store's events (those of `types`, or all) as Reports."""
    where, params = "", []
    if types is not None:
        where, params = f" e.type IN ({', '.join('?' * len(types))})", list(types)
    parties: dict[tuple[str, str, str], list[tuple]] = defaultdict(list)
    for article_id, event_id, role, name, country, sector, kind in db.execute(
            PARTIES_SQL + (f" AND{where}" if where else ""), params):
        parties[article_id, event_id, role].append((name, country, sector, kind))
    reports = []
    leads: dict[str, int] = {}  # an article's lead, once for all its reports
    for row in db.execute(REPORTS_SQL + (f" WHERE{where}" if where else ""), [LEAD_CHARS, *params]):
        (article_id, event_id, kind, sub, acled, start, end, precision, published, place, geonameid, lat, lon,
         country, admin1, place_precision, killed, injured, status, source, evidence, opening) = row
        if article_id not in leads:
            leads[article_id] = lead_bits(opening or "")
        reports.append(Report(
            article_id, event_id, kind, sub, acled, _date(start), _date(end), precision, _date(published),
            place, geonameid, lat, lon, country, admin1, place_precision,
            _party(parties.get((article_id, event_id, "actor"), [])),
            _party(parties.get((article_id, event_id, "recipient"), [])),
            killed, injured, status, source, content_words(" ".join(span.get("text", "")
                                                                   for span in json.loads(evidence or "[]"))),
            leads[article_id]))
    return reports


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def normalise(name: str) -> str:
    words = re.sub(r"[^\w\s-]", " ", name.lower()).split()
    return " ".join(w for w in words if w not in ("the",))


def _party(rows: list[tuple]) -> Party:
    """Names that single an actor out: not a country standing for its people ("Iraq" as the
    victim of a bombing), an unidentified group, nor people named in lower case, without a name
    ("a 20-year-old man", "two gunmen"), which say nothing about which event it was."""
    named = [(n, c, s, kind) for n, c, s, kind in rows if n != n.lower()]
    return Party(names=frozenset(normalise(n) for n, _, _, kind in named
                                 if normalise(n) and kind != "country" and not normalise(n).startswith("unidentified")),
                 tags=frozenset((c, s) for _, c, s, _ in named if c and s),
                 people=frozenset(normalise(n) for n, _, _, kind in named if kind == "person" and normalise(n)))


@dataclass
class DedupReport:
    """What one dedup run did."""

    reports: int = 0
    groups: int = 0
    merged: int = 0        # groups of more than one report
    recomputed_types: tuple[str, ...] = ()


def run(db: sqlite3.Connection, full: bool = False) -> DedupReport:
    """Group the store's events into real-world events: the types whose reports changed since
    the last run (every type with full=True). The caller holds the write transaction (Store.dedup)."""
    stored = {(a, e): (g, t) for a, e, g, t in db.execute(
        "SELECT gr.article_id, gr.event_id, gr.group_id, g.type FROM group_reports gr "
        "JOIN event_groups g ON g.id = gr.group_id")}
    current = {(a, e): t for a, e, t in db.execute("SELECT article_id, id, type FROM events")}
    dirty = {t for k, t in current.items() if stored.get(k, (None, None))[1] != t}
    dirty |= {t for k, (_, t) in stored.items() if k not in current}
    dirty |= {t for (t,) in db.execute("SELECT type FROM dedup_pending")}
    if full:
        dirty |= set(current.values()) | {t for _, t in stored.values()}
    by_type: dict[str, list[Report]] = defaultdict(list)  # only the types to group again are read
    for r in load_reports(db, sorted(dirty)) if dirty else []:
        by_type[r.type].append(r)
    split = _splits(db)
    reserved = {g for (g,) in db.execute("SELECT id FROM event_groups")}  # no new group takes an old id
    for kind in sorted(dirty):
        db.execute("DELETE FROM group_reports WHERE group_id IN (SELECT id FROM event_groups WHERE type = ?)", (kind,))
        db.execute("DELETE FROM event_groups WHERE type = ?", (kind,))
    for kind in sorted(dirty):
        before = {k: g for k, (g, t) in stored.items() if t == kind}
        for group_id, members in assign_ids(group(by_type[kind], split), before, reserved):
            _write_group(db, group_id, members, split)
    db.execute("DELETE FROM dedup_pending")
    counts = db.execute("SELECT count(*), sum(reports > 1) FROM event_groups").fetchone()
    return DedupReport(reports=len(current), groups=counts[0], merged=counts[1] or 0,
                       recomputed_types=tuple(sorted(dirty)))


def _splits(db: sqlite3.Connection) -> frozenset[frozenset]:
    """The pairs of reports the user split apart: never in one group again."""
    by_split: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for split_id, article_id, event_id in db.execute("SELECT split_id, article_id, event_id FROM dedup_splits"):
        by_split[split_id].append((article_id, event_id))
    return frozenset(frozenset((a, b)) for keys in by_split.values() for a in keys for b in keys if a < b)


def _write_group(db: sqlite3.Connection, group_id: str, members: list[Report], split) -> None:
    scores, reasons = explain(members, split) if len(members) > 1 else ({}, {})
    fields = dict(id=group_id, **summarise(members))
    db.execute(f"INSERT INTO event_groups ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})",
               list(fields.values()))
    db.executemany("INSERT INTO group_reports (article_id, event_id, group_id, score, reasons) VALUES (?, ?, ?, ?, ?)",
                   [(r.article_id, r.event_id, group_id, scores.get(r.key), json.dumps(reasons.get(r.key, [])))
                    for r in members])


def summarise(members: list[Report]) -> dict:
    """A group's fields: its type, dates, finest place, the range of each figure, and each
    report's figures with its source and date (never averaged)."""
    kind = members[0].type
    sub = Counter(r.sub_type for r in members if r.sub_type).most_common(1)
    starts = [r.start for r in members if r.start]
    ends = [r.end or r.start for r in members if r.start]
    placed = sorted((r for r in members if r.place), key=lambda r: (PRECISION_RANK.get(r.place_precision or "", 9),
                                                                    r.key))
    where = placed[0] if placed else None
    published = sorted(r.published for r in members if r.published)
    figures = sorted(({"article_id": r.article_id, "event_id": r.event_id, "source": r.source,
                       "published": r.published.isoformat() if r.published else None, "killed": r.killed,
                       "injured": r.injured, "status": r.status} for r in members),
                     key=lambda f: (f["published"] or "", f["article_id"], f["event_id"]))
    ranges, notes, updated = {}, [], None
    for name in ("killed", "injured"):
        values = [f[name] for f in figures if f[name] is not None]
        ranges[name] = (min(values), max(values)) if values else (None, None)
        if values and min(values) != max(values):
            notes.append(f"{name} {min(values)}-{max(values)}")
            dated = [f for f in figures if f[name] is not None and f["published"]]
            if dated and dated[-1][name] == max(values) and dated[0][name] < max(values):
                updated = dated[-1]["published"]
    return {"type": kind, "acled_sub_event_type": sub[0][0] if sub else None, "reports": len(members),
            "sources": len({r.article_id for r in members}),
            "date_start": min(starts).isoformat() if starts else None,
            "date_end": max(ends).isoformat() if ends else None,
            "place": where.place if where else None, "place_country": where.country if where else None,
            "lat": where.lat if where else None, "lon": where.lon if where else None,
            "place_precision": where.place_precision if where else None,
            "killed_min": ranges["killed"][0], "killed_max": ranges["killed"][1],
            "injured_min": ranges["injured"][0], "injured_max": ranges["injured"][1],
            "disagreement": "; ".join(notes) or None, "updated": updated,
            "first_published": published[0].isoformat() if published else None,
            "last_published": published[-1].isoformat() if published else None,
            "figures": json.dumps(figures)}


def merged_rows(rows: list[dict]) -> list[dict]:
    """Rows of Store.events (reports) as one row per real-world event: the first report of each
    group that the filters kept stands for it, with the group's number of sources and reports,
    the range of its tolls, what its reports disagree on, and every kept report's source."""
    out: list[dict] = []
    index: dict[str, dict] = {}
    for row in rows:
        gid = row.get("group_id")
        origin = row["source"] or row["url"]
        if gid is not None and gid in index:
            if origin and origin not in index[gid]["all_sources"]:
                index[gid]["all_sources"].append(origin)
            continue
        if gid is None:
            merged = dict(row, sources=1, reports=1, killed_range=figure_range(row["killed"], row["killed"]),
                          disagreement=None)
        else:
            merged = dict(row, sources=row["group_sources"], reports=row["group_reports"],
                          killed_range=figure_range(row["group_killed_min"], row["group_killed_max"]),
                          disagreement=row["group_disagreement"])
            index[gid] = merged
        merged["all_sources"] = [origin] if origin else []
        out.append(merged)
    return out


def figure_range(low, high) -> str:
    """A figure's range as shown: "4", "4-5", or empty when no report gives it."""
    if low is None:
        return ""
    return str(low) if low == high else f"{low}-{high}"


MERGED_COLUMNS = ("sources", "reports", "killed_range", "disagreement", "all_sources")
MERGED_NUMERIC = ("sources", "reports")


def stored_groups(db: sqlite3.Connection, merged_only: bool = True) -> list[dict]:
    """The store's groups (those of several reports, by default), most sources first, each with
    its reports: their score, reasons, source, date and figures."""
    where = "WHERE g.reports > 1" if merged_only else ""
    columns = ("id", "type", "acled_sub_event_type", "reports", "sources", "date_start", "date_end", "place",
               "place_country", "place_precision", "killed_min", "killed_max", "injured_min", "injured_max",
               "disagreement", "updated", "first_published", "last_published", "figures")
    rows = db.execute(f"SELECT {', '.join('g.' + c for c in columns)} FROM event_groups g {where} "
                      "ORDER BY g.sources DESC, g.date_start, g.id").fetchall()
    members: dict[str, list[dict]] = defaultdict(list)
    for group_id, article_id, event_id, score, reasons in db.execute(
            "SELECT group_id, article_id, event_id, score, reasons FROM group_reports ORDER BY article_id, event_id"):
        members[group_id].append({"article_id": article_id, "event_id": event_id, "score": score,
                                  "reasons": json.loads(reasons)})
    out = []
    for row in rows:
        group = dict(zip(columns, row))
        figures = {(f["article_id"], f["event_id"]): f for f in json.loads(group.pop("figures"))}
        group["reports_of"] = [dict(m, **{k: v for k, v in figures.get((m["article_id"], m["event_id"]), {}).items()
                                          if k not in m}) for m in members[group["id"]]]
        group["reports_of"].sort(key=lambda m: (m.get("published") or "", m["article_id"], m["event_id"]))
        out.append(group)
    return out
