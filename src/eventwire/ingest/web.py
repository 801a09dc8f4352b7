"""Live sources: web pages and RSS/Atom feeds fetched over HTTP, politely.

`read_urls` turns URLs into documents as `read_paths` turns files: a page is one document, keyed
by its URL; a feed gives one document per entry, the page its link points to (the feed's own
text of the entry where that page cannot be fetched), keyed by the entry's id. Entries the store
already holds are not fetched again (`known`).

`Fetcher` is how eventwire asks (httpx, a maintained client): a User-Agent that names eventwire
and where to read about it, connect and read timeouts, retries with exponential back-off on
connection errors, timeouts, 429 and 5xx (a Retry-After in seconds is honoured, up to a minute), a delay between
two requests to one host, conditional requests (If-None-Match, If-Modified-Since) with what the
same host said last time, and a size limit read from the stream, so an oversized response is
never held whole.

What a failure means: a page that answers 404 or 410, or one over the size limit, is a verdict
on that document (an `Unreadable`, recorded, so a later run skips it); a timeout, a refused
connection or a 5xx after the retries is a fault of the moment (`FetchFailed`, counted and not
recorded, so the next run or poll tries again).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from ..records import RawDocument
from .base import Unreadable, unreadable
from .feeds import read_feed, sniff_feed

USER_AGENT = "eventwire/{version} (+https://github.com/eventwire/eventwire; news event coding)"
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 30.0
ATTEMPTS = 3  # tries of one request before it is a fault of the moment
BACKOFF_S = 2.0  # the first retry waits this long, each next one twice as long
RETRY_AFTER_MAX_S = 60.0  # a server's Retry-After is honoured up to this
HOST_DELAY_S = 1.0  # seconds between two requests to one host
MAX_BYTES = 10_000_000  # Options.max_bytes' default: the clean stage codes nothing larger
RETRIED_STATUSES = {408, 425, 429, 500, 502, 503, 504}
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


def is_url(given: str) -> bool:
    return str(given).lower().startswith(("http://", "https://"))


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc
    except ValueError:  # "http://[bad": httpx says what is wrong with it
        return url


@dataclass(frozen=True)
class FetchFailed:
    """A URL that could not be fetched now (timeout, refused, 5xx): not a verdict on it."""

    name: str
    reason: str


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    retry_after: float | None = None  # seconds, where a 429 or 503 says how long to wait


@dataclass
class Fetcher:
    """Polite HTTP for eventwire: one client, and what each host and URL told it last."""

    host_delay: float = HOST_DELAY_S
    attempts: int = ATTEMPTS
    backoff: float = BACKOFF_S
    max_bytes: int = MAX_BYTES
    timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)
    sleep: Callable[[float], None] = time.sleep
    _last_request: dict[str, float] = field(default_factory=dict)  # host -> monotonic time
    _validators: dict[str, dict[str, str]] = field(default_factory=dict)  # URL -> conditional headers
    _client: object = None

    @property
    def client(self):
        if self._client is None:
            import httpx

            from .. import __version__

            connect, read = self.timeout
            self._client = httpx.Client(
                headers={"User-Agent": USER_AGENT.format(version=__version__)},
                timeout=httpx.Timeout(read, connect=connect), follow_redirects=True)
        return self._client

    def get(self, url: str) -> Fetched | Unreadable | FetchFailed:
        """The URL's response (status 304 where it has not changed since the last time), an
        Unreadable for a verdict on it, or a FetchFailed for a fault of the moment."""
        import httpx

        reason, asked_wait = "", None
        for attempt in range(self.attempts):
            if attempt:
                wait = self.backoff * 2 ** (attempt - 1)
                self.sleep(min(asked_wait, RETRY_AFTER_MAX_S) if asked_wait is not None else wait)
            self._wait_for_host(url)
            try:
                fetched = self._get_once(url)
            except _TooLarge as err:
                return unreadable(url, "too_large", str(err.size), limit=self.max_bytes,
                                  to_do="eventwire reads no larger response from the web")
            except httpx.InvalidURL as err:
                return unreadable(url, "unreadable", f"not a URL eventwire can fetch: {err}")
            except httpx.HTTPError as err:  # timeouts, refused and reset connections, bad responses
                reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
                continue
            if fetched.status in RETRIED_STATUSES:
                reason, asked_wait = f"HTTP {fetched.status}", fetched.retry_after
                continue
            if fetched.status >= 400:
                return unreadable(url, "http_error", f"HTTP {fetched.status}")
            return fetched
        return FetchFailed(url, f"{reason}, after {self.attempts} tries")

    def _get_once(self, url: str) -> Fetched:
        headers = self._validators.get(url, {})
        with self.client.stream("GET", url, headers=headers) as response:
            declared = int(response.headers.get("content-length") or 0)
            if declared > self.max_bytes:
                raise _TooLarge(declared)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise _TooLarge(size)
                chunks.append(chunk)
            if response.status_code == 200:
                self._remember(url, response.headers)
            return Fetched(str(response.url), response.status_code, b"".join(chunks),
                           response.headers.get("content-type", "").split(";")[0].strip().lower(),
                           _seconds(response.headers.get("retry-after")))

    def _remember(self, url: str, headers) -> None:
        validators = {}
        if headers.get("etag"):
            validators["If-None-Match"] = headers["etag"]
        if headers.get("last-modified"):
            validators["If-Modified-Since"] = headers["last-modified"]
        self._validators[url] = validators

    def _wait_for_host(self, url: str) -> None:
        host = _host(url)
        last = self._last_request.get(host)
        if last is not None:
            wait = self.host_delay - (time.monotonic() - last)
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = time.monotonic()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def _seconds(value: str | None) -> float | None:
    """Retry-After as seconds; None for its date form or anything else (the back-off applies)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


class _TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def read_urls(urls: Iterable[str], fetcher: Fetcher, published: str | None = None,
              known: Callable[[str], bool] = lambda key: False
              ) -> Iterator[RawDocument | Unreadable | FetchFailed]:
    """The documents behind `urls`: a page, or the entries of a feed (see the module docstring).
    A URL not changed since this fetcher last read it gives nothing."""
    for url in urls:
        fetched = fetcher.get(url)
        if not isinstance(fetched, Fetched):
            yield fetched
            continue
        if fetched.status == 304:
            continue
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        if fetched.content_type in FEED_TYPES or sniff_feed(fetched.url.split("?")[0], fetched.content[:4096]):
            yield from _entries(fetched, fetcher, published, known, now)
        else:
            yield RawDocument(content=fetched.content, name=url, url=fetched.url, published=published,
                              fetched=now, is_html=None, key=fetched.url)


def _entries(feed: Fetched, fetcher: Fetcher, published: str | None, known: Callable[[str], bool],
             now: str) -> Iterator[RawDocument | Unreadable | FetchFailed]:
    for entry in read_feed(feed.content, feed.url, published):
        if isinstance(entry, Unreadable) or (entry.key and known(entry.key)):
            if isinstance(entry, Unreadable):
                yield entry
            continue
        page = fetcher.get(entry.url) if entry.url and is_url(entry.url) else None
        if isinstance(page, Fetched) and page.status == 200:
            # the article as its site publishes it; the feed's title and date where the page has none
            yield dataclasses.replace(entry, content=page.content, url=page.url, fetched=now, is_html=None)
        elif isinstance(page, FetchFailed):
            yield page  # try again next time, rather than store the feed's summary for good
        else:  # no link, or the page refuses: the feed's own text of the entry
            yield dataclasses.replace(entry, fetched=now)
