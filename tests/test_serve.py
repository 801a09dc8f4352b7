"""`eventwire serve` (issue 16, first part): Datasette over a real store, read-only, with the
events view's facets and map, and search through Datasette's own ?_search=. Browser tests come
with the event and article pages."""
import contextlib
import json
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from eventwire.serve import metadata
from eventwire.store import Store

from .conftest import ROOT, extract_valid, src

HOSTILE = ('<script>alert("x")</script> Police fired tear gas at protesters in Nairobi on Monday. '
           '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)">more</a> =HYPERLINK("http://evil")')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    import dataclasses

    db = tmp_path_factory.mktemp("serve") / "news.db"
    with Store(db) as store:
        for name, text in {"kharkiv.txt": "Russian troops shelled Kharkiv on Tuesday, killing three civilians, "
                                          "the regional governor said.",
                           "nairobi.txt": "Police fired tear gas at hundreds of protesters in Nairobi on Monday, "
                                          "witnesses said."}.items():
            ex = extract_valid(text, published="2024-05-08")
            if name == "nairobi.txt":
                ex = dataclasses.replace(ex, article=dataclasses.replace(ex.article, title=HOSTILE))
            store.add(src(name, ex), ex)
    with serving(db) as base:
        yield base, db


@contextlib.contextmanager
def serving(db):
    """`eventwire serve --db DB` on a free port, once it answers; its base URL."""
    port = free_port()
    # its log goes to a file: a pipe nobody reads fills up and stalls the server
    log = tempfile.TemporaryFile("w+")
    run = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
                           cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                if run.poll() is not None:
                    log.seek(0)
                    pytest.fail(log.read())
                time.sleep(0.2)
        yield base
    finally:
        run.terminate()
        run.wait(timeout=10)
        log.close()


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read().decode("utf-8")
    return json.loads(body) if ".json" in url.split("?")[0] else body


def test_serve_events_view_with_facets_and_the_map(served):
    base, db = served
    data = get(f"{base}/news/event_rows.json?_shape=objects")
    assert {r["place"] for r in data["rows"]} >= {"Kharkiv", "Nairobi"}
    assert {"type", "place_country", "status"} <= set(data["facet_results"])
    page = get(f"{base}/news/event_rows")
    assert "datasette-cluster-map" in page and "Events" in page


def test_serve_search_finds_an_article_by_a_word_of_its_text(served):
    base, _ = served
    rows = get(f"{base}/news/articles.json?_search=shelled&_shape=array")
    assert len(rows) == 1 and "Kharkiv" in rows[0]["text"]
    assert get(f"{base}/news/articles.json?_search=nosuchword&_shape=array") == []


def test_serve_is_read_only(served):
    base, _ = served
    (database,) = get(f"{base}/-/databases.json")
    assert database["is_mutable"] is False
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{base}/news.json?sql=" + urllib.parse.quote("delete from events"), timeout=10)
    assert refused.value.code == 400 and "SELECT" in refused.value.read().decode()
    assert get(f"{base}/news.json?sql=" + urllib.parse.quote("select count(*) as n from events")
               + "&_shape=array")[0]["n"] > 0  # reading SQL is allowed
    with Store(served[1], readonly=True) as store:
        assert store.summary()["events"] > 0


def test_serve_escapes_untrusted_text(served):
    base, _ = served
    page = get(f"{base}/news/articles")
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page
    assert 'onerror="alert(1)"' not in page and 'href="javascript:' not in page


def test_serve_refuses_what_is_not_a_store(tmp_path):
    missing = subprocess.run([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(tmp_path / "none.db")],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no such store" in missing.stderr


def test_serve_map_view_links_each_marker_to_its_event_page(served):
    base, _ = served
    rows = get(f"{base}/news/event_map.json?_shape=array")
    assert rows and all(r["latitude"] is not None for r in rows)
    links = {json.loads(r["popup"])["link"] for r in rows}
    assert all(link.startswith("/-/eventwire/event/") for link in links)
    assert "datasette-cluster-map" in get(f"{base}/news/event_map")


def test_serve_event_page_highlights_its_evidence(served):
    base, _ = served
    (row,) = [r for r in get(f"{base}/news/event_map.json?_shape=array") if r["place"] == "Kharkiv"]
    page = get(base + json.loads(row["popup"])["link"])
    assert 'id="current"' in page and "shelled" in page.split('id="current"', 1)[1][:400]
    assert '<span class="place">Kharkiv</span>' in page or 'place">Kharkiv<' in page
    assert f"/-/eventwire/article/{row['article_id']}" in page  # to the whole article


def test_serve_events_table_links_to_event_and_article_pages(served):
    base, _ = served
    page = get(f"{base}/news/event_rows")
    assert 'href="/-/eventwire/event/' in page and 'href="/-/eventwire/article/' in page


def test_serve_article_page_escapes_untrusted_text(served):
    base, _ = served
    (row,) = [r for r in get(f"{base}/news/event_rows.json?_shape=array") if r["place"] == "Nairobi"]
    for path in (f"/-/eventwire/article/{row['article_id']}", f"/-/eventwire/event/{row['article_id']}/{row['event_id']}"):
        page = get(base + path)
        assert '<script>alert("x")</script>' not in page and "&lt;script&gt;alert" in page
        assert 'onerror="alert(1)"' not in page and 'href="javascript:' not in page


def test_serve_unknown_event_or_article_is_404(served):
    base, _ = served
    (row,) = [r for r in get(f"{base}/news/event_map.json?_shape=array") if r["place"] == "Kharkiv"]
    for path, said in (("/-/eventwire/event/nosuch/e1", "no article nosuch"),
                       (f"/-/eventwire/event/{row['article_id']}/e99", "no event e99"),
                       ("/-/eventwire/article/nosuch", "no article nosuch")):
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + path, timeout=10)
        assert missing.value.code == 404 and said in missing.value.read().decode()


def test_serve_search_finds_events_by_a_word_of_their_evidence(served):
    base, _ = served
    rows = get(f"{base}/news/events.json?_search=shelled&_shape=array")
    assert len(rows) == 1 and "shelled" in rows[0]["evidence"]
    rows = get(f"{base}/news/event_rows.json?_search=shelled&_shape=array")  # the view too
    assert [r["place"] for r in rows] == ["Kharkiv"]


def test_serve_event_page_links_its_actors_and_place_to_their_events(served):
    base, _ = served
    (row,) = [r for r in get(f"{base}/news/event_map.json?_shape=array") if r["place"] == "Kharkiv"]
    page = get(base + json.loads(row["popup"])["link"])
    assert 'href="/news/event_rows?place__exact=Kharkiv"' in page
    link = page.split('href="/news/event_rows?actors__contains=', 1)[1].split('"', 1)[0]
    rows = get(f"{base}/news/event_rows.json?_shape=array&actors__contains={link}")
    assert any(r["place"] == "Kharkiv" for r in rows)  # the link finds the event it came from


def test_serve_event_page_shows_the_rule_trail_of_an_explained_ingest(tmp_path):
    """`ingest --explain` stores the trail; the event page shows how the event was coded."""
    from click.testing import CliRunner

    from eventwire.cli import cli

    article = tmp_path / "kharkiv.txt"
    article.write_text("Russian troops shelled Kharkiv on Tuesday, killing three civilians, officials said.")
    db = tmp_path / "explained.db"
    run = CliRunner().invoke(cli, ["ingest", str(article), "--db", str(db), "--workers", "0", "--explain",
                                   "--published", "2024-05-08"])
    assert run.exit_code == 0, run.output
    with serving(db) as base:
        (row,) = get(f"{base}/explained/event_map.json?_shape=array")
        page = get(base + json.loads(row["popup"])["link"])
    assert "How it was coded" in page and "trigger" in page


def test_serve_metadata_describes_every_column_a_user_sees(tmp_path):
    """Every table and view of a store, and each of its columns, has a description, and no
    description names a column that is not there (the full-text index's own tables aside)."""
    db = tmp_path / "plain.db"
    with Store(db):
        pass
    tables = metadata(db)["databases"]["plain"]["tables"]
    with sqlite3.connect(db) as con:
        names = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
                 if "_fts" not in n]
        for name in names:
            columns = {row[1] for row in con.execute(f"PRAGMA table_info([{name}])")}
            assert name in tables, name
            assert "description" in tables[name] or "description_html" in tables[name], name
            assert set(tables[name]["columns"]) == columns, name


def test_serve_event_page_shows_the_other_reports_of_its_real_world_event(tmp_path):
    import dataclasses

    db = tmp_path / "two.db"
    texts = {"wire.txt": ("Wire A", "Russian troops shelled Kharkiv on Tuesday, killing three civilians, the regional "
                                    "governor said."),
             "paper.txt": ("Paper B", "Three civilians were killed when Russian forces shelled Kharkiv on Tuesday, "
                                      "officials said.")}
    with Store(db) as store:
        for name, (source, text) in texts.items():
            ex = extract_valid(text, published="2024-05-08")
            ex = dataclasses.replace(ex, article=dataclasses.replace(ex.article, source=source))
            store.add(src(name, ex), ex)
        store.dedup()
    with serving(db) as base:
        rows = get(f"{base}/two/event_rows.json?_shape=array&type=ASSAULT")
        assert len(rows) == 2 and len({r["group_id"] for r in rows}) == 1
        page = get(f"{base}/-/eventwire/event/{rows[0]['article_id']}/{rows[0]['event_id']}")
        other = [r for r in rows if r["article_id"] != rows[0]["article_id"]][0]
        assert "Reported by 2 sources" in page and f"/-/eventwire/event/{other['article_id']}/" in page
        assert other["source"] in page and "killed 3" in page
