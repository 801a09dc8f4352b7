"""Events: PLOVER v0.8 event coding from triggers on the dependency parse."""
from __future__ import annotations

from ..options import Options
from ..pipeline import Draft


class EventCoder:
    def __init__(self, options: Options):
        self.options = options

    def __call__(self, draft: Draft) -> Draft:
        return draft
