"""Quotes: direct and partial quotations with their speaker, cue verb and supported events."""
from __future__ import annotations

from ..pipeline import Draft


def find_quotes(draft: Draft) -> Draft:
    return draft
