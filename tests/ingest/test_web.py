"""Live sources (issue 14): pages and feeds fetched from a real HTTP server on 127.0.0.1, a feed
that changes between polls, and slow, failing, missing and oversized responses."""
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventwire.batch import ingest
from eventwire.ingest.web import Fetched, Fetcher, FetchFailed, read_urls
from eventwire.ingest.base import Unreadable
from eventwire.options import Options
from eventwire.store import Store

from ..conftest import ROOT

TOWNS = ["Gao", "Mopti", "Kidal", "Timbuktu", "Menaka", "Segou", "Kayes", "Sikasso", "Koulikoro",
         "Bamako", "Djenne", "Tessalit", "Hombori", "Douentza", "Bourem", "Ansongo", "Niono", "Macina"]


def article(n: int) -> bytes:
    town = TOWNS[n % len(TOWNS)]
    return (f"<html><head><title>Attack near {town}</title></head><body><article><h1>Attack near {town}</h1>"
            f"<p>Gunmen killed {n + 2} soldiers near {town} in Mali on Sunday, the army said in a "
            f"statement on Monday. The attackers fled on motorcycles, officials said.</p>"
            f"<p>Residents of {town} said shops stayed closed on Monday.</p></article></body></html>").encode()


class Site:
    """What the server serves, changed by the tests between polls; and what it was asked."""

    def __init__(self):
        self.items = 0  # the feed lists items 0 .. items-1
        self.hits: dict[str, int] = {}
        self.conditional = 0  # feed requests that came with If-None-Match
        self.agents: set[str] = set()

    def feed(self) -> bytes:
        entries = "".join(
            f"<item><title>Attack {n}</title><link>{self.base}/articles/{n}.html</link>"
            f"<guid isPermaLink='false'>urn:test:item:{n}</guid>"
            f"<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate><description>Item {n}</description></item>"
            for n in range(self.items))
        return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Sahel wire</title>"
                f"<link>{self.base}/</link>{entries}</channel></rss>").encode()


@pytest.fixture
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            state.agents.add(self.headers.get("User-Agent", ""))
            if self.path == "/feed.xml":
                etag = f'"v{state.items}"'
                if self.headers.get("If-None-Match"):
                    state.conditional += 1
                    if self.headers["If-None-Match"] == etag:
                        return self._send(304, b"")
                return self._send(200, state.feed(), "application/rss+xml", {"ETag": etag})
            if self.path.startswith("/articles/"):
                return self._send(200, article(int(self.path.split("/")[-1].split(".")[0])), "text/html")
            if self.path == "/slow.html":
                time.sleep(1.5)
                return self._send(200, article(1), "text/html")
            if self.path == "/fail.html":
                return self._send(500, b"oops")
            if self.path == "/big.html":
                return self._send(200, b"<html><body>" + b"x" * 200_000 + b"</body></html>", "text/html")
            return self._send(404, b"not here")

        def _send(self, status, body, kind="text/plain", headers=None):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def quick_fetcher(**more) -> Fetcher:
    """No waits between tries and requests: the politeness is tested by what is asked, not by time."""
    return Fetcher(host_delay=0, backoff=0, sleep=lambda s: None, **more)


def test_web_feed_polled_five_times_stores_each_new_item_once(site, tmp_path):
    fetcher = quick_fetcher()
    with Store(tmp_path / "events.db") as store:
        for poll in range(5):
            site.items += 3
            report = ingest([f"{site.base}/feed.xml"], store, Options(), workers=0, fetcher=fetcher)
            assert report.coded == 3 and not report.rejected and not report.fetch_failed, report
        summary = store.summary()
        assert summary["articles"] == summary["documents"] == 15
        keys = [k for (k,) in store._db.execute("SELECT key FROM documents")]
        assert sorted(keys) == sorted(f"urn:test:item:{n}" for n in range(15))
        urls = [u for (u,) in store._db.execute("SELECT url FROM articles")]
        assert all(u.startswith(f"{site.base}/articles/") for u in urls)
    assert all(site.hits[f"/articles/{n}.html"] == 1 for n in range(15))  # each page fetched once
    assert site.hits["/feed.xml"] == 5 and site.conditional == 4  # later polls asked conditionally


def test_web_unchanged_feed_is_not_read_again(site, tmp_path):
    site.items = 2
    fetcher = quick_fetcher()
    with Store(tmp_path / "events.db") as store:
        first = ingest([f"{site.base}/feed.xml"], store, Options(), workers=0, fetcher=fetcher)
        again = ingest([f"{site.base}/feed.xml"], store, Options(), workers=0, fetcher=fetcher)
    assert first.coded == 2 and again.read == 0  # 304 Not Modified: nothing to read
    assert any(agent.startswith("eventwire/") for agent in site.agents)


def test_web_page_by_url_is_coded_with_its_url(site, tmp_path):
    with Store(tmp_path / "events.db") as store:
        report = ingest([f"{site.base}/articles/4.html"], store, Options(), workers=0, fetcher=quick_fetcher())
        (row,) = store.events()
    assert report.coded == 1 and row["url"] == f"{site.base}/articles/4.html" and row["place"] == "Ménaka"  # TOWNS[4], as GeoNames writes it


def test_web_failures_verdicts_recorded_faults_tried_again(site, tmp_path):
    fetcher = quick_fetcher(timeout=(2.0, 0.5), max_bytes=100_000)
    urls = [f"{site.base}/{name}" for name in ("slow.html", "fail.html", "big.html", "gone.html")]
    with Store(tmp_path / "events.db") as store:
        report = ingest(urls, store, Options(), workers=0, fetcher=fetcher)
        again = ingest(urls, store, Options(), workers=0, fetcher=fetcher)
    assert dict(report.rejected) == {"too_large": 1, "http_error": 1}  # verdicts on the documents
    assert [f.split(":")[2].split("/")[-1] for f in report.fetch_failed] == ["slow.html", "fail.html"]
    assert site.hits["/fail.html"] == 2 * 3  # three tries on each run: not recorded, asked again
    assert again.skipped == 2 and len(again.fetch_failed) == 2


def test_web_entry_page_missing_falls_back_to_the_feed_text(site):
    site.items = 1
    fetcher = quick_fetcher()
    real_get = fetcher.get

    def get(url):  # the entry's page is gone; the feed itself is there
        return Unreadable(url, None) if "/articles/" in url else real_get(url)

    fetcher.get = get
    (entry,) = read_urls([f"{site.base}/feed.xml"], fetcher)
    assert entry.key == "urn:test:item:0" and "Item 0" in entry.content  # the feed's own HTML


def test_web_watch_polls_until_stopped(site, tmp_path):
    site.items = 3
    db = tmp_path / "events.db"
    run = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "ingest", f"{site.base}/feed.xml",
                            "--db", str(db), "--workers", "0", "--watch", "0.1"],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while site.hits.get("/feed.xml", 0) < 3 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    site.items = 6  # new items between polls
    while site.hits.get("/feed.xml", 0) < 5 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    time.sleep(0.2)
    os.kill(run.pid, signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert run.returncode in (0, 130), err
    with Store(db, readonly=True) as store:
        assert store.summary()["articles"] == 6
    assert "watching" in err


def test_web_retry_after_is_honoured_up_to_a_minute():
    waits = []
    fetcher = Fetcher(host_delay=0, backoff=1.0, sleep=waits.append)
    answers = iter([Fetched("u", 429, b"", "text/html", 7.0), Fetched("u", 503, b"", "text/html", 600.0),
                    Fetched("u", 200, b"<p>ok</p>", "text/html")])
    fetcher._get_once = lambda url: next(answers)
    assert fetcher.get("http://example.org/u").status == 200
    assert waits == [7.0, 60.0]  # as asked, then capped; never the plain back-off


def test_web_waits_between_two_requests_to_one_host():
    waits = []
    fetcher = Fetcher(host_delay=1.0, sleep=waits.append)
    fetcher._get_once = lambda url: Fetched(url, 200, b"<p>ok</p>", "text/html")
    for url in ("http://a.example/1", "http://a.example/2", "http://b.example/1"):
        fetcher.get(url)
    assert len(waits) == 1 and 0.9 < waits[0] <= 1.0  # the second request to a.example, not b.example
