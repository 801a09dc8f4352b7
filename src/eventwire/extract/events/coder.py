"""The events stage: trigger mentions -> PLOVER v0.8 events with roles, place, date, magnitude.

One real-world event told in several sentences ("a rocket attack ... The attack killed ...")
becomes one event with several evidence spans. Vocabulary lives in data/ (see triggers.py, roles.py);
this module runs the steps over the article context (overlay.py): mentions.py finds the mentions,
context.py describes each, merge.py merges them, passes.py runs the passes over all of them.
"""
from __future__ import annotations

from ...data import read_table
from ...records import EventTrail, Explanation, RuleStep
from ...classifier import load_model
from .context import dateline_chars, describe
from .decide import decide
from .mentions import mentions
from .merge import EventDraft, closing_steps, finish, merge
from .overlay import Overlay
from .passes import run_passes, unnamed_people


class EventCoder:
    """Holds the anaphora table; codes the events of one parsed article."""

    def __init__(self, options):
        self.anaphora = {row["noun"]: set(row["kinds"].split("|"))
                         for row in read_table("event_anaphora.tsv")}
        self.explain = options.explain
        self.model = load_model(options.type_model) if options.classifier else None

    def __call__(self, draft):
        doc = draft.doc
        if doc is None or not draft.article:
            return draft
        overlay = Overlay(doc, draft, [a for a in draft.actors if not _misread_place(a, draft.places)],
                          self.anaphora)
        parties = {a.id: f"{a.country}/{a.sector}" for a in draft.actors if a.country and a.sector}

        def side(actor: str) -> str:  # one state's military, one state's government: one party
            return parties.get(actor, actor)

        events: list[EventDraft] = []
        by_type: dict[str, list[EventDraft]] = {}
        for mention, scope, foreign, embedded in mentions(overlay):
            event = describe(overlay, mention, scope, foreign, embedded)
            if event is not None:
                merge(events, event, side, by_type, overlay.drop)
        events = run_passes(events, overlay)
        if self.model is not None:
            events = decide(events, overlay, self.model, describe,
                            lambda found, event: merge(found, event, side, None, overlay.drop))
        events = unnamed_people(events, overlay)
        main = main_place(draft.places or (), dateline_chars(doc))
        for event in events:
            if main is not None and not event.places and event.status != "historical":
                # "60 events with no place": the article's own place, as an analyst codes it
                event.places.append(main)
                event.trail.append(RuleStep("place", "coder.main_place",
                                            f"none in its clauses: the article's main place, {main.name}"))
        finished = tuple(finish(i, e, draft.article.published) for i, e in enumerate(events, 1))
        used = {a for e in finished for a in (*e.actors, *e.recipients, *e.claimed_by)}
        made = tuple(a for a in overlay.place_countries.values() if a.id in used)
        draft = draft.add(actors=draft.actors + made, events=finished)
        if self.explain:
            draft = draft.add(explanation=Explanation(
                events=tuple(EventTrail(record.id, tuple(event.trail + closing_steps(event, record)))
                             for event, record in zip(events, finished)),
                dropped=tuple(sorted(overlay.dropped, key=lambda d: d.start))))
        return draft


def main_place(places, filed: set[int] = frozenset()):
    """The place the article is about: its most mentioned place (the first of equals), when the
    country of most of the article's place mentions is that place's; else None (a story told
    from several countries has no one place for an event that names none). Mentions starting at
    the offsets `filed` (datelines: where the story was filed) do not count."""
    counted = {p.id: [m for m in p.mentions if m.start not in filed] for p in places}
    places = [p for p in places if counted[p.id]]
    if not places:
        return None
    by_country: dict[str | None, int] = {}
    for place in places:
        by_country[place.country] = by_country.get(place.country, 0) + len(counted[place.id])
    top = max(places, key=lambda p: (len(counted[p.id]), -min(m.start for m in counted[p.id])))
    total = sum(by_country.values())
    return top if top.country and by_country[top.country] * 2 > total else None


def _misread_place(actor, places) -> bool:
    """An organisation the NER made of a town ("Bujumbura", "Herat"): the places stage found it
    to be a place, so the events read it as one (a capital stands for its state)."""
    if actor.kind != "organization" or actor.country:
        return False
    at = {(m.start, m.end) for p in places for m in p.mentions}
    return all((m.start, m.end) in at for m in actor.mentions)
