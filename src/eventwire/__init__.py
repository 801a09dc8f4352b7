"""eventwire: news articles in, structured and sourced event data out.

`eventwire.extract(text_or_html, published=...)` codes one article and returns an `Extraction`;
`eventwire.Store(path)` opens a store written by `eventwire ingest` (`articles()`, `events()`,
`iter_events()`, `to_pandas()`, with an `EventFilter`).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

# The `extract/` subpackage is loaded before the `extract()` function is defined: Python sets a
# package attribute only when a subpackage first loads, so the function keeps the name after.
from . import extract as _extractors  # noqa: F401
from .options import Options
from .queries import EventFilter
from .records import Extraction, RawDocument
from .store import Store

__version__ = "0.1.0"
__all__ = ["extract", "Extraction", "EventFilter", "Options", "RawDocument", "Store", "__version__"]


@lru_cache(maxsize=4)
def _pipeline(options: Options):
    from .pipeline import Pipeline

    return Pipeline(options)


def extract(text_or_html: str | bytes, published: str | dt.date | None = None, url: str | None = None,
            source: str | None = None, name: str = "<text>",
            options: Options | None = None) -> Extraction:
    """Code one article (plain text or HTML, str or bytes) and return its `Extraction`.
    `published`: its publication date, as "YYYY-MM-DD", a `datetime.date` or a `datetime.datetime`."""
    options = options or Options()
    raw = RawDocument(content=text_or_html, name=name, url=url, source=source, published=published)
    return _pipeline(options)(raw)
