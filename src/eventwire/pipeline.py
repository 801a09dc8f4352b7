"""The pipeline: one ordered list of named stages, run by one loop.

Each stage takes the `Draft` built so far and returns it with its own part added; no stage
calls the next one. A rejected draft stops the loop and comes out as a rejection record.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, Iterator

from .draft import GIVEN, Draft, Stage
from .errors import STAGE_INPUT_MISSING, EventwireError
from .options import Options
from .records import Extraction, Provenance, RawDocument

__all__ = ["Pipeline", "Draft", "Stage"]


def _stages() -> tuple[Stage, ...]:
    # Imported here so that `import eventwire` stays cheap and free of model loads.
    from . import clean, nlp
    from .extract import actors, checks, events, places, quantities, quotes, times

    # What each stage reads of the draft and what it adds: tests/test_pipeline.py runs every stage
    # on real articles and fails if one reads or sets a field not declared here.
    return (
        Stage("clean", lambda o: clean.clean_document, ("raw",), ("article", "warnings")),
        Stage("parse", nlp.Parser, ("article",), ("doc",)),
        Stage("actors", actors.ActorFinder, ("article", "doc"), ("actors",)),
        Stage("places", places.PlaceFinder, ("doc",), ("places",)),
        Stage("times", lambda o: times.find_times, ("article",), ("times", "warnings")),
        Stage("quantities", lambda o: quantities.find_quantities, ("article", "doc"), ("quantities",)),
        Stage("events", events.EventCoder, ("article", "doc", "actors", "places", "times", "quantities"),
              ("events", "actors", "explanation")),  # a country actor for a place an event
        # falls on; the rule trail when options.explain
        Stage("quotes", lambda o: quotes.find_quotes, ("article", "doc", "actors", "events"), ("quotes",)),
        Stage("checks", lambda o: checks.find_checks, ("article", "doc", "actors", "places", "quantities"),
              ("checks",)),
    )


def check_order(stages: Iterable[Stage]) -> None:
    """Refuse a pipeline in which a stage requires a field that no stage before it assigns (as
    spaCy's pipe analysis does): such a stage would read an empty default and code nothing."""
    available, before = set(GIVEN), []
    for stage in stages:
        missing = [field for field in stage.requires if field not in available]
        if missing:
            raise EventwireError(STAGE_INPUT_MISSING.format(
                stage=stage.name, missing=", ".join(missing), before=", ".join(before) or "none"))
        available.update(stage.assigns)
        before.append(stage.name)


class Pipeline:
    """The stages, built once (models and gazetteers load here), then run on each document."""

    def __init__(self, options: Options | None = None, only: Iterable[str] | None = None):
        self.options = options or Options()
        wanted = set(only) if only else None
        chosen = [s for s in _stages() if wanted is None or s.name in wanted]
        check_order(chosen)
        self.stages = [(s.name, s.factory(self.options)) for s in chosen]
        self.provenance = provenance(self.options, dict(self.stages))

    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def __call__(self, raw: RawDocument) -> Extraction:
        draft = Draft(raw=raw, options=self.options)
        for _name, stage in self.stages:
            draft = stage(draft)
            if draft.rejected:
                break
        return dataclasses.replace(draft.finish(), provenance=self.provenance)

    def pipe(self, raws: Iterable[RawDocument]) -> Iterator[Extraction]:
        for raw in raws:
            yield self(raw)


def provenance(options: Options, stages: dict) -> Provenance:
    """What this pipeline codes with, recorded on every extraction (and in the store)."""
    from . import __version__

    parser = stages.get("parse")
    meta = getattr(getattr(parser, "nlp", None), "meta", None) or {}
    spacy_model = f"{meta['lang']}_{meta['name']} {meta['version']}" if meta.get("name") else None
    type_model = (options.type_model or "shipped") if options.classifier else None
    return Provenance(eventwire=__version__, spacy_model=spacy_model, type_model=type_model)
