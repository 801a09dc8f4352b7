"""The records the pipeline passes between stages: `Draft`, the extraction as the stages build
it, and `Stage`, a named step with the fields it requires and assigns.

Stages import `Draft` from here, never from pipeline.py, which imports the stages.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

from .options import Options
from .records import (Actor, Article, Check, Event, Explanation, Extraction, Place, Quantity, Quote,
                      RawDocument, Rejection, Time)

# What every draft holds before any stage has run.
GIVEN = ("raw", "options")


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
    explanation: Explanation | None = None  # set by the events stage when options.explain

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
                          quotes=self.quotes, checks=self.checks, warnings=self.warnings,
                          explanation=self.explanation)


StageFn = Callable[[Draft], Draft]


@dataclass(frozen=True)
class Stage:
    """A named step: `factory(options)` gives the callable, built once per pipeline."""

    name: str
    factory: Callable[[Options], StageFn]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
