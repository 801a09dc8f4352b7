"""The pipeline: one ordered list of named stages, run by one loop.

Each stage takes the `Draft` built so far and returns it with its own part added; no stage
calls the next one. A rejected draft stops the loop and comes out as a rejection record.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .options import Options
from .records import (Actor, Article, Check, Event, Extraction, Place, Quantity, Quote,
                      RawDocument, Rejection, Time)


@dataclass(frozen=True)
class Draft:
    """The extraction as the stages build it, plus the working state they share."""

    raw: RawDocument
    options: Options
    article: Article | None = None
    doc: Any = None  # the spaCy Doc of article.text, set by the parse stage
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[Time, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    checks: tuple[Check, ...] = ()
    warnings: tuple[str, ...] = ()

    def add(self, **fields: Any) -> "Draft":
        return dataclasses.replace(self, **fields)

    def warn(self, message: str) -> "Draft":
        return dataclasses.replace(self, warnings=self.warnings + (message,))

    @property
    def rejected(self) -> Rejection | None:
        return self.article.rejected if self.article else None

    def finish(self) -> Extraction:
        return Extraction(article=self.article, actors=self.actors, places=self.places,
                          times=self.times, quantities=self.quantities, events=self.events,
                          quotes=self.quotes, checks=self.checks, warnings=self.warnings)


StageFn = Callable[[Draft], Draft]


@dataclass(frozen=True)
class Stage:
    """A named step: `factory(options)` gives the callable, built once per pipeline."""

    name: str
    factory: Callable[[Options], StageFn]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


def _stages() -> tuple[Stage, ...]:
    # Imported here so that `import eventwire` stays cheap and free of model loads.
    from . import clean, nlp
    from .extract import actors, checks, events, places, quantities, quotes, times

    return (
        Stage("clean", lambda o: clean.clean_document, ("raw",), ("article", "warnings")),
        Stage("parse", nlp.Parser, ("article",), ("doc",)),
        Stage("actors", actors.ActorFinder, ("doc",), ("actors",)),
        Stage("places", places.PlaceFinder, ("doc", "actors"), ("places",)),
        Stage("times", lambda o: times.find_times, ("doc",), ("times", "warnings")),
        Stage("quantities", lambda o: quantities.find_quantities, ("doc",), ("quantities",)),
        Stage("events", events.EventCoder, ("doc", "actors", "places", "times", "quantities"),
              ("events", "actors")),  # a country actor for a place an event falls on
        Stage("quotes", lambda o: quotes.find_quotes, ("doc", "actors", "events"), ("quotes",)),
        Stage("checks", lambda o: checks.find_checks, ("article", "doc", "actors", "places", "quantities"),
              ("checks",)),
    )


class Pipeline:
    """The stages, built once (models and gazetteers load here), then run on each document."""

    def __init__(self, options: Options | None = None, only: Iterable[str] | None = None):
        self.options = options or Options()
        wanted = set(only) if only else None
        self.stages = [(s.name, s.factory(self.options)) for s in _stages()
                       if wanted is None or s.name in wanted]

    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def __call__(self, raw: RawDocument) -> Extraction:
        draft = Draft(raw=raw, options=self.options)
        for _name, stage in self.stages:
            draft = stage(draft)
            if draft.rejected:
                break
        return draft.finish()

    def pipe(self, raws: Iterable[RawDocument]) -> Iterator[Extraction]:
        for raw in raws:
            yield self(raw)
