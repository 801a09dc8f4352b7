"""One typed options object, passed explicitly to every stage.

CLI flags only override its fields; no stage reads globals or environment variables.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    published: str | None = None  # ISO date used when the document carries none
    url: str | None = None
    source: str | None = None
    model: str | None = None  # a spaCy package name; None tries the default loaders in order
    languages: tuple[str, ...] = ("en",)  # languages that are coded; others are rejected
    # 10 MB: the "huge page" of DESIGN.md; real news pages are well under 2 MB of HTML.
    max_bytes: int = 10_000_000
    # Limits on coding one document in `ingest`'s worker processes (see workers.py); past them the
    # worker is stopped and the document recorded as `timeout` or `too_large`. Chosen from
    # bench/scaling.py: see the README's "Limits" section.
    time_budget: float = 300.0  # seconds of wall time
    memory_limit_mb: int = 3072  # resident memory of the worker, model included
    # Attach the rule trail (`Extraction.explanation`): each event's trigger, type, roles, place,
    # date and magnitude with the rule that chose them, and the candidates dropped, with why.
    explain: bool = False
    # The learned event-type model (eventwire.classifier) beside the rules: True uses the one
    # shipped in the package, or the folder in `type_model` (made by `eventwire train`);
    # False codes with the rules alone.
    classifier: bool = True
    type_model: str | None = None
