"""RSS and Atom feeds: each entry's content (or summary) HTML, title, link and date.

Entries are named "path#N", N counting from 1 in feed order, and keyed by their id or link, so
that a feed read again adds only its new entries. feedparser reads what it can of a badly formed
feed; only a feed with no entries at all becomes an `Unreadable`.
"""
from __future__ import annotations

import re
import time
from html import escape
from pathlib import PurePath
from typing import Iterator

from ..records import RawDocument
from .base import Unreadable, unreadable

FEED_EXTENSIONS = {".rss", ".atom"}
# A feed's root element, after an XML declaration, comments or processing instructions.
FEED_START = re.compile(rb"(?:\s|<\?[^>]*\?>|<!--.*?-->)*<(?:rss|feed|rdf:RDF)\b",
                        re.IGNORECASE | re.DOTALL)


def sniff_feed(name: str, head: bytes) -> bool:
    if PurePath(name).suffix.lower() in FEED_EXTENSIONS:
        return True
    return bool(FEED_START.match(head.removeprefix(b"\xef\xbb\xbf")))


def read_feed(data: bytes, name: str, published: str | None) -> Iterator[RawDocument | Unreadable]:
    import feedparser  # imported here: only feeds need it

    # Bytes, never a str: given a str that looks like a URL, feedparser would fetch it.
    try:
        feed = feedparser.parse(data)
    except Exception as err:  # feedparser 6.0 breaks on, e.g., an encoding name that is not UTF-8
        detail = " ".join(f"feedparser cannot parse it: {type(err).__name__}: {err}".split())
        yield unreadable(name, "malformed", detail[:200])
        return
    if not feed.entries:
        why = f"not a well-formed feed: {feed.bozo_exception}" if feed.bozo else "an empty feed"
        yield unreadable(name, "no_entries", " ".join(str(why).split())[:200])
        return
    source = feed.feed.get("title") or None
    scope = feed.feed.get("id") or feed.feed.get("link") or name
    for number, entry in enumerate(feed.entries, start=1):
        yield RawDocument(content=_html(entry), name=f"{name}#{number}", url=entry.get("link"),
                          source=source, title=entry.get("title") or None,
                          published=_date(entry) or published, is_html=True,
                          key=_entry_key(entry, scope))


def _entry_key(entry, scope: str) -> str | None:
    """The entry's identity: its id (RSS guid, Atom id) when that is a URL or URN, else the id
    within its feed; its link when it has no id. None: the store keys it by its content."""
    entry_id = (entry.get("id") or "").strip()
    if entry_id:
        return entry_id if ":" in entry_id else f"{scope}#{entry_id}"
    return entry.get("link") or None


def _html(entry) -> str:
    """The fullest text the entry carries: its content, else its summary, as HTML."""
    for part in entry.get("content") or ():
        if (part.get("value") or "").strip():
            return _page(part["value"], entry)
    return _page(entry.get("summary") or "", entry)  # a damaged feed may hold None


def _page(body: str, entry) -> str:
    # A bare fragment is wrapped in a page with its title, so that the clean stage's HTML
    # extraction sees a document and keeps the headline; feedparser has already sanitised it.
    if not body.strip():
        return ""
    title = entry.get("title") or ""
    return f"<html><head><title>{escape(title)}</title></head><body><article>{body}</article></body></html>"


def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
