"""The read stage: every format, every kind of bad input, and the names that key resumption.

All inputs are built here by hand (WARC files with warcio's own writer); no news text is copied.
"""
from __future__ import annotations

import gzip
import io
import json
import random

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest import Unreadable, read_paths
from eventwire.pipeline import Pipeline
from eventwire.records import RawDocument

ARTICLE = ("Flood waters rose across the river valley on Tuesday, and officials in the town said "
           "that two hundred families had been moved to the school on the hill.")
PAGE = ("<!DOCTYPE html><html><head><title>Valley floods</title></head><body><article>"
        f"<h1>Valley floods</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>")


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def read(*paths, published=None):
    return list(read_paths(paths, published=published))


def names(items):
    return [item.name for item in items]


def codes(items):
    return [item.rejection.code if isinstance(item, Unreadable) else "doc" for item in items]


GZIP_TRAILER_BYTES = 16  # CRC and size (8 bytes), and the last deflate block around them


# --- WARC fixtures --------------------------------------------------------------------------

def _response(writer, url, html, status="200 OK", kind="text/html; charset=utf-8"):
    http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                     http_headers=http,
                                     warc_headers_dict={"WARC-Date": "2021-02-19T08:30:00Z"})


def build_warc(gz, pages=3, extras=True, page=PAGE):
    """A WARC with a warcinfo record, `pages` HTML responses and (with `extras`) a request,
    a metadata record, a PNG response and a 404; returns the bytes and each page's (start, end)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "eventwire tests"}))
    spans = []
    for number in range(pages):
        url = f"http://news.example.org/{number}"
        if extras:
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(
                b"GET / HTTP/1.1\r\nHost: news.example.org\r\n\r\n")))
        start = out.tell()
        writer.write_record(_response(writer, url, page.replace("Valley", f"Valley {number}")))
        spans.append((start, out.tell()))
    if extras:
        writer.write_record(writer.create_warc_record("http://news.example.org/m", "metadata",
                                                      payload=io.BytesIO(b"outlink: x\r\n")))
        writer.write_record(_response(writer, "http://news.example.org/a.png", "\x89PNG", kind="image/png"))
        writer.write_record(_response(writer, "http://news.example.org/gone", PAGE, status="404 Not Found"))
    return out.getvalue(), spans


@pytest.mark.parametrize("gz", [False, True])
def test_read_warc_pages_only(tmp_path, gz):
    data, spans = build_warc(gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    items = read(path)
    assert names(items) == [f"{path}#{start}" for start, _ in spans]
    first = items[0]
    assert first.url == "http://news.example.org/0" and first.fetched == "2021-02-19T08:30:00Z"
    assert first.is_html and b"Valley 0 floods" in first.content


@pytest.mark.parametrize("gz", [False, True])
def test_read_warc_truncated(tmp_path, gz):
    data, spans = build_warc(gz, extras=False)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    start, end = spans[2]
    path.write_bytes(data[:(start + end) // 2])
    items = read(path)
    assert codes(items) == ["doc", "doc", "truncated"]
    assert items[-1].name == f"{path}#{start}"
    assert "ends in the middle" in items[-1].rejection.reason


def test_read_warc_every_cut_reports_truncation(tmp_path):
    """Wherever a .warc.gz breaks off, the whole records before the cut come out, then one
    Unreadable; never an exception."""
    data, spans = build_warc(True, extras=False)
    path = tmp_path / "cut.warc.gz"
    for cut in range(spans[1][0] + 1, spans[1][1]):
        path.write_bytes(data[:cut])
        # A cut in the gzip trailer leaves the record itself whole: it is read, then reported.
        whole = ["doc", "doc", "truncated"] if cut > spans[1][1] - GZIP_TRAILER_BYTES else []
        assert codes(read(path)) in (["doc", "truncated"], whole), cut


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("damage", [b"this is not a WARC record\r\nfoo: bar\r\n\r\n",
                                    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nhi\r\n\r\n"])
def test_read_warc_malformed_record_midway(tmp_path, gz, damage):
    data, spans = build_warc(gz, extras=False)
    start, end = spans[1]
    path = tmp_path / "damaged.warc"
    path.write_bytes(data[:start] + (gzip.compress(damage) if gz else damage) + data[end:])
    items = read(path)
    assert codes(items) == ["doc", "malformed", "doc"]
    assert items[1].name == f"{path}#{start}"
    assert items[2].url == "http://news.example.org/2"


@pytest.mark.parametrize("where", [0.2, 0.5, 0.8])
def test_read_warc_gz_damaged_member_midway(tmp_path, where):
    """Bytes flipped inside the compressed data of record 2 of 5 (a page larger than warcio's
    16 KB block, so that the damage is met partway): one malformed naming its offset, then
    records 3 to 5, where the rest of the file used to be reported as truncated."""
    words = random.Random(9).choices(ARTICLE.split() + [str(n) for n in range(1000)], k=40_000)
    filler = f"<p>{' '.join(words)}</p>"
    data, spans = build_warc(True, pages=5, extras=False, page=PAGE.replace("</article>", filler + "</article>"))
    start, end = spans[1]
    assert end - start > 2 * 16384
    damaged = bytearray(data)
    middle = start + int((end - start) * where)
    damaged[middle:middle + 8] = bytes(b ^ 0x55 for b in damaged[middle:middle + 8])
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(bytes(damaged))
    items = read(path)
    assert codes(items) == ["doc", "malformed", "doc", "doc", "doc"]
    assert names(items) == [f"{path}#{s}" for s, _ in spans]
    assert f"at byte {start}" in items[1].rejection.reason
    assert [item.url for item in items[2:]] == [f"http://news.example.org/{n}" for n in (2, 3, 4)]


@pytest.mark.parametrize("file_name, data", [
    ("empty.warc", b""), ("empty.warc.gz", b""), ("empty-inside.warc.gz", gzip.compress(b"")),
    ("blank.warc", b"\r\n\r\n"),
])
def test_read_warc_empty_is_one_record(tmp_path, file_name, data):
    path = tmp_path / file_name
    path.write_bytes(data)
    [item] = read(path)
    assert item.name == str(path) and item.rejection.code == "empty"


@pytest.mark.parametrize("gz", [False, True])
def test_read_warc_without_pages_is_one_record(tmp_path, gz):
    """A crawl of nothing but a warcinfo record, requests, images and 404s is recorded as
    holding no articles (found by tests/test_fuzz.py: it left no record at all)."""
    data, _ = build_warc(gz, pages=0)
    path = tmp_path / ("nopages.warc.gz" if gz else "nopages.warc")
    path.write_bytes(data)
    [item] = read(path)
    assert item.name == str(path) and item.rejection.code == "no_entries"
    assert "no articles" in item.rejection.reason


def test_read_warc_gzipped_as_one_stream(tmp_path):
    """Some tools gzip a whole WARC at once rather than record by record: still read."""
    data, spans = build_warc(False)
    first_page = data[spans[0][0]:]  # one with a page as its first record, too
    for name, whole in [("whole.warc.gz", data), ("page-first.warc.gz", first_page)]:
        (tmp_path / name).write_bytes(gzip.compress(whole))
        shift = len(data) - len(whole)
        assert names(read(tmp_path / name)) == [f"{tmp_path / name}#{start - shift}"
                                                for start, _ in spans]


# --- single files ---------------------------------------------------------------------------

def test_read_empty_file(tmp_path, pipeline):
    (tmp_path / "empty.txt").write_bytes(b"")
    [doc] = read(tmp_path / "empty.txt")
    assert isinstance(doc, RawDocument) and doc.content == b""
    assert pipeline(doc).article.rejected.code == "empty"


def test_read_binary_file_rejected_by_clean(tmp_path, pipeline):
    (tmp_path / "photo.jpg").write_bytes(bytes(range(256)) * 40)
    [doc] = read(tmp_path / "photo.jpg")
    assert isinstance(doc, RawDocument)
    assert pipeline(doc).article.rejected.code == "binary"


def test_read_huge_html_rejected_by_clean(tmp_path, pipeline):
    filler = "<p>The same sentence again, to make the page large.</p>" * 200_000
    (tmp_path / "huge.html").write_text(f"<html><body>{filler}</body></html>")
    [doc] = read(tmp_path / "huge.html")
    assert doc.is_html and len(doc.content) > 10_000_000
    assert pipeline(doc).article.rejected.code == "too_large"


@pytest.mark.parametrize("encoding, text, expected", [
    ("latin-1", "The café on the square opened again on Tuesday after the floods, its owner said, "
                "and the first customers came before eight in the morning.", "café"),
    ("cp1252", "Bus tickets in the city now cost €2 more than last year, the council said on Friday, "
               "and the change starts next month.", "€2"),
])
def test_read_legacy_encodings_decoded_by_pipeline(tmp_path, pipeline, encoding, text, expected):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    [doc] = read(path)
    assert isinstance(doc.content, bytes) and doc.is_html is False
    article = pipeline(doc).article
    assert article.rejected is None and expected in article.text


def test_read_non_english_rejected_by_pipeline(tmp_path, pipeline):
    text = ("Die Regierung hat am Dienstag neue Regeln für den Verkehr in der Stadt beschlossen. "
            "Die Busse fahren ab dem nächsten Monat häufiger, sagte der Bürgermeister.")
    (tmp_path / "de.txt").write_text(text)
    [doc] = read(tmp_path / "de.txt")
    assert pipeline(doc).article.rejected.code == "language"


def test_read_published_only_where_no_date_of_its_own(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    dated = PAGE.replace("<head>", '<head><meta property="article:published_time" '
                                   'content="2020-05-04T09:00:00Z">')
    (tmp_path / "b.html").write_text(dated)
    (tmp_path / "c.html").write_text(PAGE)
    assert [d.published for d in read(tmp_path, published="2021-02-18")] == [
        "2021-02-18", "2020-05-04", "2021-02-18"]
    assert [d.published for d in read(tmp_path / "a.txt")] == [None]


def test_read_html_sniffed_without_extension(tmp_path):
    (tmp_path / "page").write_text("\n  <!-- saved -->\n" + PAGE)
    (tmp_path / "notes.txt").write_text(ARTICLE)
    assert [d.is_html for d in read(tmp_path)] == [False, True]


def test_read_same_article_twice(tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE)
    (tmp_path / "two.txt").write_text(ARTICLE)
    items = read(tmp_path / "one.txt", tmp_path / "two.txt")
    assert names(items) == [str(tmp_path / "one.txt"), str(tmp_path / "two.txt")]
    assert items[0].content == items[1].content


def test_read_folder_nested_sorted_hidden_skipped(tmp_path):
    for rel in ["b/z.txt", "b/a/y.txt", "a.txt", "c/.hidden.txt", ".git/config", "b/.cache/x.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE)
    expected = [str(tmp_path / rel) for rel in ["a.txt", "b/a/y.txt", "b/z.txt"]]
    assert names(read(tmp_path)) == expected
    assert names(read(tmp_path)) == expected  # stable across runs: the names key resumption


def test_read_folder_dangling_link(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    assert codes(read(tmp_path)) == ["doc", "unreadable"]


def test_read_missing_path_is_unreadable(tmp_path):
    [item] = read(tmp_path / "nowhere.txt")
    assert item.rejection.code == "unreadable" and str(tmp_path / "nowhere.txt") in str(item)


def test_read_stdin(monkeypatch):
    lines = b'{"text": "One."}\n{"text": "Two."}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines)))
    assert names(read("-")) == ["<stdin>:1", "<stdin>:2"]


def test_read_truncated_gzip_text(tmp_path):
    data = gzip.compress(ARTICLE.encode() * 50)
    (tmp_path / "article.txt.gz").write_bytes(data[: len(data) // 2])
    [item] = read(tmp_path / "article.txt.gz")
    assert item.rejection.code == "truncated"


def test_read_gzip_html(tmp_path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    [doc] = read(tmp_path / "page.html.gz")
    assert doc.is_html and doc.content == PAGE.encode()


def test_read_reader_bug_costs_one_file(tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("boom")
        yield

    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')
    (tmp_path / "b.txt").write_text(ARTICLE)
    monkeypatch.setattr("eventwire.ingest.read_jsonl", broken)
    items = read(tmp_path)
    assert codes(items) == ["unreadable", "doc"] and "boom" in items[0].rejection.reason


# --- JSON Lines -----------------------------------------------------------------------------

def test_read_jsonl_bad_line(tmp_path):
    rows = [json.dumps({"text": ARTICLE, "url": "http://news.example.org/1", "title": "Floods",
                        "published": "2021-02-17T22:00:00Z", "source": "Example News"}),
            '{"text": "cut off',
            "",
            json.dumps({"html": PAGE}),
            json.dumps(["not", "an", "object"]),
            json.dumps({"title": "no text"}),
            json.dumps({"body": ARTICLE, "date": "26-FEB-1987 15:01:01.79"}),
            json.dumps({"body": None, "title": "Headline only"})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(rows) + "\n")
    items = read(path, published="2021-02-18")
    assert names(items) == [f"{path}:{n}" for n in (1, 2, 4, 5, 6, 7, 8)]
    assert codes(items) == ["doc", "malformed", "doc", "malformed", "malformed", "doc", "doc"]
    assert items[6].content == "" and items[6].title == "Headline only"
    first, page, reuters = items[0], items[2], items[5]
    assert (first.url, first.title, first.source, first.published, first.is_html) == (
        "http://news.example.org/1", "Floods", "Example News", "2021-02-17", False)
    assert page.is_html and page.published == "2021-02-18"
    assert reuters.published == "1987-02-26"
    assert "not JSON" in items[1].rejection.reason


@pytest.mark.parametrize("file_name, data", [
    ("empty.jsonl", b""),
    ("empty.jsonl.gz", b""),  # not even a gzip header
    ("empty-inside.jsonl.gz", gzip.compress(b"")),
    ("blank.jsonl", b"\n  \n\r\n\t\n"),
])
def test_read_jsonl_with_no_line_is_one_empty_record(tmp_path, file_name, data):
    """A JSON Lines file with nothing in it is recorded, not passed over in silence."""
    path = tmp_path / file_name
    path.write_bytes(data)
    [item] = read(path)
    assert isinstance(item, Unreadable) and item.name == str(path)
    assert item.rejection.code == "empty"


def test_read_jsonl_gz_truncated(tmp_path):
    rows = "".join(json.dumps({"text": f"{ARTICLE} {n}"}) + "\n" for n in range(200))
    data = gzip.compress(rows.encode())
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    items = read(path)
    assert codes(items)[-1] == "truncated" and set(codes(items)[:-1]) == {"doc"}
    assert len(items) > 1
    assert names(items)[:2] == [f"{path}:1", f"{path}:2"]


# --- feeds ----------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>http://news.example.org/</link>
<item><title>Valley floods</title><link>http://news.example.org/floods</link>
<pubDate>Thu, 18 Feb 2021 10:00:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>{ARTICLE}</p>]]></content:encoded></item>
<item><title>Bridge reopens</title><link>http://news.example.org/bridge</link>
<description>&lt;p&gt;The old bridge reopened to traffic on Monday.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Wire</title>
<entry><title>Valley floods</title><link href="http://wire.example.org/1"/>
<updated>2021-02-16T07:00:00Z</updated><content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry>
</feed>"""


def test_read_rss(tmp_path):
    (tmp_path / "news.rss").write_text(RSS)
    items = read(tmp_path / "news.rss", published="2021-02-20")
    assert names(items) == [f"{tmp_path / 'news.rss'}#1", f"{tmp_path / 'news.rss'}#2"]
    floods, bridge = items
    assert (floods.title, floods.url, floods.source, floods.published) == (
        "Valley floods", "http://news.example.org/floods", "Example News", "2021-02-18")
    assert ARTICLE in floods.content and "Short summary" not in floods.content
    assert "old bridge reopened" in bridge.content and bridge.published == "2021-02-20"
    assert floods.is_html and bridge.is_html


def test_read_atom_sniffed_from_xml(tmp_path, pipeline):
    (tmp_path / "wire.xml").write_text(ATOM)
    [entry] = read(tmp_path / "wire.xml")
    assert (entry.title, entry.url, entry.source, entry.published) == (
        "Valley floods", "http://wire.example.org/1", "Example Wire", "2021-02-16")
    article = pipeline(entry).article
    assert article.rejected is None and "two hundred families" in article.text


def test_read_feed_without_entries(tmp_path):
    (tmp_path / "empty.rss").write_text('<rss version="2.0"><channel><title>x</title></channel></rss>')
    [item] = read(tmp_path / "empty.rss")
    assert item.rejection.code == "no_entries"


def test_read_feed_feedparser_cannot_parse_is_malformed(tmp_path):
    """feedparser 6.0 raises on an encoding name that is not UTF-8 (found by tests/test_fuzz.py):
    the feed is malformed, not 'unreadable' with advice about file permissions."""
    (tmp_path / "odd.rss").write_bytes(RSS.encode().replace(b'encoding="utf-8"', b'encoding="\x87"'))
    [item] = read(tmp_path / "odd.rss")
    assert item.rejection.code == "malformed" and "feedparser cannot parse it" in item.rejection.reason
