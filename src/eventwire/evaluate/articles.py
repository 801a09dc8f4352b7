"""Whole articles scored against the article-level gold of tests/articles/gold (issue 12).

The gold is eventwire's own: real articles from ../shared/eval-data (Reuters-21578, WikiEvents,
GVDB), each coded by hand by a session that never saw eventwire (GUIDE.md there says how), as
JSON Lines of ids, offsets and short names; the texts are read here from the eval-data folder.
Files named `*-dev-*` are dev parts (read while tuning), `*-blind-*` the blind part (only scored).

How an output event meets a gold one (`score_article_cases`, pure arithmetic, no model):
- A side (actor or recipient) is right when the gold names none, or when one of the predicted
  actors on that side shares a name word with the gold's short name ("Craxi" for "Bettino
  Craxi", "Iranian gunboats" for "gunboats"), or is the gold actor's own state, named as its
  country or its government (kind country/government/military, same ISO3): the country-level
  reading the PLOVER gold uses, which accepts "Iran" for "Iranian gunboats".
- An output event matches a gold event of its type when both sides are right (a strict match),
  or else when its evidence overlaps the gold evidence (a loose match: the event is found, its
  roles are wrong). Each gold event takes at most one output event, strict matches first.
- Strict precision: output events strictly matched, over all output events less those that
  matched an optional (core false) gold event. Strict recall: core gold events strictly matched,
  over core gold events. A further output event that meets an already taken gold event is a
  duplicate (a restatement coded twice); the duplicate rate is over all output events.
- Field accuracy over matched events (strict or loose) where the gold states the field: place
  country, date (the output's day, month or year agrees, at least as precise as the gold's),
  killed and injured exact (an output with no count says none: the gold's 0, as ACLED's
  fatalities default to 0), status (planned and announced are one).
- Calibration: output events by confidence band, with the share strictly matched.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

GOLD = Path("gold")  # under eventwire's own articles folder (tests/articles)
SOURCES = {"reuters": Path("corpus") / "reuters_sample.jsonl",
           "wikievents": Path("wikievents") / "data" / "wikievents" / "dev.jsonl",
           "gvdb": Path("gvdb") / "splits" / "dev.tsv"}
STATE_KINDS = frozenset({"country", "government", "military"})
BANDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
CONFIDENT = 0.8  # the bar: events at or above it should be right 80% of the time
PRECISION = {"year": 1, "month": 2, "day": 3}
# Words that name no one in particular: "the", "of", "a group of".
_FILLER = frozenset({"the", "of", "and", "a", "an", "in", "on", "for", "to", "its", "his", "her",
                     "their", "group", "people", "s"})


@dataclass(frozen=True)
class Side:
    """One actor an output event names: its name, kind and ISO3 country (or PLOVER code)."""
    name: str
    kind: str = ""
    country: str | None = None


@dataclass(frozen=True)
class GoldEvent:
    type: str
    core: bool
    actor: str | None
    actor_country: str | None
    recipient: str | None
    recipient_country: str | None
    place_country: str | None
    date: str | None
    killed: int | None
    injured: int | None
    status: str
    start: int
    end: int

    @classmethod
    def from_json(cls, d: dict) -> GoldEvent:
        return cls(d["type"], bool(d.get("core", True)), d.get("actor"), d.get("actor_country"),
                   d.get("recipient"), d.get("recipient_country"), d.get("place_country"), d.get("date"),
                   d.get("killed"), d.get("injured"), d.get("status") or "reported",
                   d["evidence_start"], d["evidence_end"])


@dataclass(frozen=True)
class Output:
    """One output event, its offsets put back on the article's source text (None: not found)."""
    type: str
    actors: tuple[Side, ...] = ()
    recipients: tuple[Side, ...] = ()
    place_country: str | None = None
    date: str | None = None
    date_precision: str | None = None
    killed: int | None = None
    injured: int | None = None
    status: str = "reported"
    confidence: float = 0.5
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class GoldArticle:
    set: str
    doc: str
    part: str  # dev | blind
    published: str | None
    events: tuple[GoldEvent, ...]
    file: str = ""


@dataclass
class Case:
    """An article's gold and output events."""
    gold: GoldArticle
    output: list[Output] = field(default_factory=list)


def read_gold(folder: Path) -> list[GoldArticle]:
    articles = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                articles.append(GoldArticle(d["set"], str(d["doc"]), d["part"], d.get("published"),
                                            tuple(GoldEvent.from_json(e) for e in d["events"]), path.name))
    return articles


def read_texts(root: Path, wanted: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The source text of each (set, doc) wanted, read from the eval-data folder `root`."""
    wanted = set(wanted)
    texts: dict[tuple[str, str], str] = {}
    sets = {s for s, _ in wanted}
    if "reuters" in sets:
        for line in (root / SOURCES["reuters"]).read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            if ("reuters", d["newid"]) in wanted:
                texts["reuters", d["newid"]] = d["body"]
    if "wikievents" in sets:
        for line in (root / SOURCES["wikievents"]).read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            if ("wikievents", d["doc_id"]) in wanted:
                texts["wikievents", d["doc_id"]] = d["text"]
    if "gvdb" in sets:
        from .gvdb import read_gold as read_gvdb  # its text: the title set apart from the body
        for article in read_gvdb(root / SOURCES["gvdb"]):
            if ("gvdb", article.id) in wanted:
                texts["gvdb", article.id] = article.text
    missing = wanted - texts.keys()
    if missing:
        raise ValueError(f"article gold names documents not in {root}: {sorted(missing)[:5]}")
    return texts


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _FILLER and len(w) > 1}


def side_right(name: str | None, country: str | None, sides: tuple[Side, ...]) -> bool:
    """The gold side (short name, ISO3) is met by one of the output's actors on that side."""
    if not name:
        return True
    words = _words(name)
    return any(words & _words(s.name) or (country and s.country == country and s.kind in STATE_KINDS)
               for s in sides)


def _strict(g: GoldEvent, o: Output) -> bool:
    return (g.type == o.type and side_right(g.actor, g.actor_country, o.actors)
            and side_right(g.recipient, g.recipient_country, o.recipients))


def _overlaps(g: GoldEvent, o: Output) -> bool:
    return g.type == o.type and any(s < g.end and g.start < e for s, e in o.spans)


def _distance(g: GoldEvent, o: Output) -> int:
    return min((abs(s - g.start) for s, _ in o.spans), default=10 ** 9)


@dataclass
class Matched:
    gold: GoldEvent
    output: Output
    strict: bool


def align(case: Case) -> tuple[list[Matched], list[Output], list[Output]]:
    """(matched pairs, duplicates, unmatched outputs): strict pairs first, nearest evidence first."""
    pairs = [(not _strict(g, o), _distance(g, o), gi, oi)
             for gi, g in enumerate(case.gold.events) for oi, o in enumerate(case.output)
             if _strict(g, o) or _overlaps(g, o)]
    taken_gold: dict[int, Matched] = {}
    taken_output: set[int] = set()
    for loose, _, gi, oi in sorted(pairs):
        if gi in taken_gold or oi in taken_output:
            continue
        taken_gold[gi] = Matched(case.gold.events[gi], case.output[oi], not loose)
        taken_output.add(oi)
    met = {oi for _, _, gi, oi in pairs if gi in taken_gold}
    duplicates = [o for oi, o in enumerate(case.output) if oi not in taken_output and oi in met]
    unmatched = [o for oi, o in enumerate(case.output) if oi not in taken_output and oi not in met]
    return list(taken_gold.values()), duplicates, unmatched


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 3) if denominator else 0.0


def _date_right(gold: str, output: Output) -> bool:
    if not output.date:
        return False
    depth = len(gold.split("-"))
    return (output.date.startswith(gold)
            and PRECISION.get(output.date_precision or "", 0) >= depth)


def _status(status: str) -> str:
    return "planned" if status == "announced" else status


def score_article_cases(cases: list[Case], prefix: str) -> dict[str, float]:
    """{prefix}.precision, .recall, .f1 (strict), .found (core gold events matched at all),
    .place_country, .date, .killed_exact, .injured_exact, .status (over matched events where the
    gold states it; left out where no matched event does), .duplicates (share of output events), .calibration (1 less the expected
    calibration error: 1 when each confidence is the share of such events strictly right),
    .confident_right (share of output events at confidence >= 0.8 strictly matched; left out
    when there are none), .n_confident, .n_articles, .n_gold_core, .n_output, .n_matched (gold
    events matched, strict or loose, core or not)."""
    strict_out = counted_out = core = core_strict = core_found = outputs = duplicates = n_matched = 0
    fields = {"place_country": [], "date": [], "killed_exact": [], "injured_exact": [], "status": []}
    confident = []
    for case in cases:
        matched, dup, _ = align(case)
        outputs += len(case.output)
        duplicates += len(dup)
        n_matched += len(matched)
        optional_hits = sum(not m.gold.core for m in matched)
        counted_out += len(case.output) - optional_hits
        strict_out += sum(m.strict and m.gold.core for m in matched)
        core += sum(g.core for g in case.gold.events)
        core_strict += sum(m.strict and m.gold.core for m in matched)
        core_found += sum(m.gold.core for m in matched)
        strict_ids = {id(m.output) for m in matched if m.strict}
        confident += [id(o) in strict_ids for o in case.output if o.confidence >= CONFIDENT]
        for m in matched:
            g, o = m.gold, m.output
            if g.place_country:
                fields["place_country"].append(o.place_country == g.place_country)
            if g.date:
                fields["date"].append(_date_right(g.date, o))
            if g.killed is not None:  # no count is none killed, as ACLED's fatalities default to 0
                fields["killed_exact"].append((o.killed or 0) == g.killed)
            if g.injured is not None:
                fields["injured_exact"].append((o.injured or 0) == g.injured)
            fields["status"].append(_status(o.status) == _status(g.status))
    precision, recall = _ratio(strict_out, counted_out), _ratio(core_strict, core)
    out = {f"{prefix}.precision": precision, f"{prefix}.recall": recall,
           f"{prefix}.f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
           f"{prefix}.found": _ratio(core_found, core)}
    out.update({f"{prefix}.{name}": _ratio(sum(v), len(v)) for name, v in fields.items() if v})  # none judged: left out
    out.update({f"{prefix}.duplicates": _ratio(duplicates, outputs),
                f"{prefix}.calibration": round(1 - calibration_error(cases), 3)})
    if confident:  # none at all: the share is no number, and is left out
        out[f"{prefix}.confident_right"] = _ratio(sum(confident), len(confident))
    out.update({f"{prefix}.n_confident": len(confident),
                f"{prefix}.n_articles": len(cases), f"{prefix}.n_gold_core": core,
                f"{prefix}.n_output": outputs, f"{prefix}.n_matched": n_matched})
    return out


def _strictly_right(cases: list[Case]) -> set[int]:
    """The ids of the output events that strictly match a gold event."""
    return {id(m.output) for case in cases for m in align(case)[0] if m.strict}


def calibration_error(cases: list[Case], bands: int = 10) -> float:
    """Expected calibration error: over confidence bands of 0.1, the gap between the mean
    confidence and the share strictly right, weighted by the band's events (0: calibrated)."""
    strict_ids = _strictly_right(cases)
    outputs = [o for case in cases for o in case.output]
    if not outputs:
        return 0.0
    gap = 0.0
    for band in range(bands):
        chosen = [o for o in outputs if min(int(o.confidence * bands), bands - 1) == band]
        if chosen:
            right = sum(id(o) in strict_ids for o in chosen) / len(chosen)
            gap += len(chosen) * abs(sum(o.confidence for o in chosen) / len(chosen) - right)
    return gap / len(outputs)


def calibration(cases: list[Case]) -> list[tuple[float, int, float]]:
    """(band's lower confidence, output events in the band, share strictly matched)."""
    rows = []
    strict_ids = _strictly_right(cases)
    for low, high in zip(BANDS, BANDS[1:] + (1.01,)):
        band = [o for case in cases for o in case.output if low <= o.confidence < high]
        rows.append((low, len(band), _ratio(sum(id(o) in strict_ids for o in band), len(band))))
    return rows


def outputs(extraction, source: str) -> list[Output]:
    """An Extraction's events as Outputs, their evidence found again in the source text."""
    import pycountry

    actors = {a.id: a for a in extraction.actors}
    places = {p.id: p for p in extraction.places}
    text = extraction.article.text

    def sides(ids: tuple[str, ...]) -> tuple[Side, ...]:
        return tuple(Side(actors[i].name, actors[i].kind, actors[i].country) for i in ids if i in actors)

    def iso3(place_id: str | None) -> str | None:
        place = places.get(place_id) if place_id else None
        if place is None or not place.country:
            return None
        country = pycountry.countries.get(alpha_2=place.country)
        return country.alpha_3 if country else None

    def spans(event) -> tuple[tuple[int, int], ...]:
        out = []
        for span in event.evidence:
            start = span.start if text == source else source.find(span.text)
            if start >= 0:
                out.append((start, start + len(span.text)))
        return tuple(out)

    return [Output(e.type, sides(e.actors), sides(e.recipients), iso3(e.place),
                   e.date.start if e.date else None, e.date.precision if e.date else None,
                   e.magnitude.killed, e.magnitude.injured, e.status, e.confidence, spans(e))
            for e in extraction.events]


def code_gold(root: Path, folder: Path) -> list[Case]:
    """Code every gold article with the real pipeline."""
    from ..pipeline import Pipeline
    from ..records import RawDocument

    gold = read_gold(folder)
    texts = read_texts(root, ((a.set, a.doc) for a in gold))
    pipeline = Pipeline()
    cases = []
    for article in gold:
        source = texts[article.set, article.doc]
        extraction = pipeline(RawDocument(source, f"{article.set}:{article.doc}", is_html=False,
                                          published=article.published))
        cases.append(Case(article, [] if extraction.article.rejected else outputs(extraction, source)))
    return cases


def score_gold(root: Path, folder: Path) -> tuple[dict[str, float], list[Case]]:
    """articles_dev.* and articles_blind.* (score_article_cases) of the real pipeline."""
    cases = code_gold(root, folder)
    results: dict[str, float] = {}
    for part in ("dev", "blind"):
        chosen = [c for c in cases if c.gold.part == part]
        if chosen:
            results.update(score_article_cases(chosen, f"articles_{part}"))
    return results, cases


def calibration_table(cases: list[Case], part: str):
    from rich.table import Table

    table = Table(title=f"articles, {part}: confidence vs right", title_justify="left")
    for column in ("confidence", "events", "share right"):
        table.add_column(column, justify="right")
    for low, n, right in calibration([c for c in cases if c.gold.part == part]):
        if n:
            table.add_row(f"{low:.1f}-{low + 0.1:.1f}", str(n), f"{right:.2f}")
    return table
