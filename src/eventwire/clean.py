"""The clean stage (first cut, to be completed): bytes -> article text."""
from __future__ import annotations

import hashlib

from .errors import reject
from .records import Article


def clean_document(draft):
    raw = draft.raw
    content = raw.content
    if isinstance(content, bytes):
        content = content.decode("utf-8", errors="replace")
    text = content.strip()
    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    rejected = None if text else reject("empty")
    article = Article(id=article_id, url=raw.url or draft.options.url, source=raw.source,
                      title=raw.title, published=raw.published or draft.options.published,
                      language="en", text=text, rejected=rejected)
    return draft.add(article=article)
