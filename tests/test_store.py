import dataclasses
import pickle
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import eventwire
from eventwire import store as store_module
from eventwire.errors import EventwireError, reject
from eventwire.records import Source
from eventwire.store import SCHEMA_VERSION, EventFilter, Store

from .conftest import ROOT, extract_valid, src

PUBLISHED = "2022-03-05"
TEXTS = {
    "kharkiv.txt": "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday, killing three civilians "
                   "and wounding 12, regional governor Oleh Synehubov said.",
    "baghdad.txt": "Police fired tear gas at hundreds of protesters in Baghdad on Monday. Two people were "
                   "killed and five injured, the Iraqi health ministry said.",
    "nairobi.txt": "Thousands of teachers marched through Nairobi on Thursday to demand higher pay. The "
                   "Kenyan government agreed on Friday to meet union leaders next week.",
}


@pytest.fixture(scope="module")
def coded():
    """Real extractions of the texts above, by name (one spaCy run per text for the module)."""
    return {name: extract_valid(text, published=PUBLISHED) for name, text in TEXTS.items()}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "events.db") as opened:
        yield opened


@pytest.fixture
def full(store, coded):
    for name, extraction in coded.items():
        assert store.add(src(name, extraction), extraction) == "coded"
    return store


def _counts(db_path) -> dict:
    with sqlite3.connect(db_path) as db:
        return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "articles", "actors", "places", "events", "event_actors",
                              "quotes", "rejections", "articles_fts")}


def test_store_is_wal_with_schema_version(store):
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)


def test_store_add_stores_every_part(full, coded):
    summary = full.summary()
    assert summary["documents"] == summary["articles"] == 3
    assert summary["events"] == sum(len(x.events) for x in coded.values())
    assert summary["duplicates"] == 0 and summary["rejections"] == {}
    counts = _counts(full.path)
    assert counts["actors"] == sum(len(x.actors) for x in coded.values())
    assert counts["places"] == sum(len(x.places) for x in coded.values())
    assert counts["quotes"] == sum(len(x.quotes) for x in coded.values())
    assert counts["articles_fts"] == 3


def test_store_add_twice_adds_nothing(full, coded):
    before = _counts(full.path)
    assert full.add(src("kharkiv.txt", coded["kharkiv.txt"]), coded["kharkiv.txt"]) == "stored"
    assert _counts(full.path) == before
    assert full.summary()["duplicates"] == 0  # the same document again is no new source


def test_store_same_article_under_two_names_is_one_article(full, coded):
    copy = src("copy/of/kharkiv.txt", coded["kharkiv.txt"])
    assert full.add(copy, coded["kharkiv.txt"]) == "duplicate"
    summary = full.summary()
    assert summary["documents"] == 4 and summary["articles"] == 3 and summary["duplicates"] == 1
    assert full.status(copy.key, copy.digest) == "stored"
    sources = full._db.execute("SELECT name FROM documents WHERE article_id = ? ORDER BY name",
                               (coded["kharkiv.txt"].article.id,)).fetchall()
    assert sources == [("copy/of/kharkiv.txt",), ("kharkiv.txt",)]


def test_store_status_of_keys(store, coded):
    kharkiv = src("kharkiv.txt", coded["kharkiv.txt"])
    assert store.status(kharkiv.key, kharkiv.digest) == "new"
    store.add(kharkiv, coded["kharkiv.txt"])
    assert store.status(kharkiv.key, kharkiv.digest) == "stored"
    assert store.status(kharkiv.key, "other content") == "changed"
    assert store.status("baghdad.txt", kharkiv.digest) == "new"


def test_store_rejection_is_recorded(store):
    empty = extract_valid("  \n ", published=PUBLISHED)
    assert store.add(src("empty.txt", empty), empty) == "rejected"
    assert store.add(src("empty.txt", empty), empty) == "stored"
    assert store.add_unreadable(src("broken.warc.gz"), reject("malformed", "truncated gzip stream"))
    assert not store.add_unreadable(src("broken.warc.gz"), reject("malformed", "truncated gzip stream"))
    assert store.status("empty.txt", empty.article.id) == "stored"
    assert store.status("broken.warc.gz", None) == "stored"
    summary = store.summary()
    assert summary["rejections"] == {"empty": 1, "malformed": 1}
    assert summary["articles"] == 0 and summary["unreadable"] == 1 and summary["documents"] == 2
    row = store._db.execute("SELECT outcome, code, reason FROM documents WHERE name = 'empty.txt'").fetchone()
    assert row[0] == "rejected" and row[1] == "empty" and "nothing to code" in row[2]


def test_store_schema_version_mismatch_is_a_clear_error(tmp_path):
    path = tmp_path / "old.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(EventwireError, match=rf"schema version 99, this eventwire reads version {SCHEMA_VERSION}"):
        Store(path)


@pytest.mark.parametrize("content", [b"this is not a database, just text\n" * 200, None])
def test_store_refuses_what_is_not_a_store(tmp_path, content):
    path = tmp_path / "other.db"
    if content is None:  # an SQLite database of someone else's
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE things (x)")
    else:
        path.write_bytes(content)
    with pytest.raises(EventwireError, match="not an eventwire store"):
        Store(path)


def test_store_failure_inside_a_document_leaves_nothing(store, coded, monkeypatch):
    store.add(src("baghdad.txt", coded["baghdad.txt"]), coded["baghdad.txt"])
    before = _counts(store.path)

    def crash(*_args):
        raise RuntimeError("simulated crash after the events were written")

    monkeypatch.setattr(store_module, "_insert_quotes", crash)
    kharkiv = src("kharkiv.txt", coded["kharkiv.txt"])
    with pytest.raises(RuntimeError):
        store.add(kharkiv, coded["kharkiv.txt"])
    assert _counts(store.path) == before
    assert store.status(kharkiv.key, kharkiv.digest) == "new"
    monkeypatch.undo()
    assert store.add(kharkiv, coded["kharkiv.txt"]) == "coded"  # the store goes on


def test_store_readers_query_while_a_writer_writes(tmp_path, coded, monkeypatch):
    path = tmp_path / "events.db"
    with Store(path) as first:
        first.add(src("baghdad.txt", coded["baghdad.txt"]), coded["baghdad.txt"])
    inside, release = threading.Event(), threading.Event()

    def slow_quotes(*_args):
        inside.set()  # the writer holds its write transaction open here
        assert release.wait(10)

    monkeypatch.setattr(store_module, "_insert_quotes", slow_quotes)

    def write():
        with Store(path) as writer:
            writer.add(src("kharkiv.txt", coded["kharkiv.txt"]), coded["kharkiv.txt"])

    thread = threading.Thread(target=write)
    thread.start()
    try:
        assert inside.wait(10)
        started = time.monotonic()
        with Store(path) as reader:  # opening must not wait for the writer's lock either
            assert reader.summary()["articles"] == 1
            assert len(reader.events(EventFilter())) == len(coded["baghdad.txt"].events)
            assert reader.status("kharkiv.txt", coded["kharkiv.txt"].article.id) == "new"
        assert time.monotonic() - started < 5
    finally:
        release.set()
        thread.join()
    with Store(path) as reader:
        assert reader.summary()["articles"] == 2
        assert reader.status("kharkiv.txt", coded["kharkiv.txt"].article.id) == "stored"


KILLED_WRITER = textwrap.dedent("""
    import dataclasses, pickle, sys
    from eventwire.records import Source
    from eventwire.store import Store
    extraction = pickle.loads(open(sys.argv[2], "rb").read())
    with Store(sys.argv[1]) as store:
        for n in range(int(sys.argv[3])):
            source = Source(key=f"doc{n}.txt", digest=f"article{n}", name=f"doc{n}.txt")
            if store.status(source.key, source.digest) == "stored":
                continue
            article = dataclasses.replace(extraction.article, id=f"article{n}")
            store.add(source, dataclasses.replace(extraction, article=article))
            print(n, flush=True)
""")


def test_store_kill_9_midway_then_resume_stores_each_document_once(tmp_path, coded):
    path, pickled = tmp_path / "events.db", tmp_path / "extraction.pickle"
    extraction = coded["kharkiv.txt"]
    pickled.write_bytes(pickle.dumps(extraction))
    total = 3000  # enough that the writer is still busy when the kill comes
    command = [sys.executable, "-c", KILLED_WRITER, str(path), str(pickled), str(total)]
    writer = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    for _ in range(30):  # let it store some documents, then kill it mid-stream
        writer.stdout.readline()
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # every document row has its whole article, and every article its document row
        assert db.execute("SELECT count(*) FROM documents d LEFT JOIN articles a ON a.id = d.article_id "
                          "WHERE a.id IS NULL").fetchone()[0] == 0
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert stored == db.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == stored * len(extraction.events)
    assert 30 <= stored < total
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    counts = _counts(path)
    assert counts["documents"] == counts["articles"] == counts["articles_fts"] == total
    assert counts["events"] == total * len(extraction.events)
    assert counts["actors"] == total * len(extraction.actors)


def test_store_filters(full, coded):
    kharkiv = coded["kharkiv.txt"]
    assert any(e.type == "ASSAULT" for e in kharkiv.events), "the Kharkiv shelling is an ASSAULT"
    everything = full.events(EventFilter())
    assert len(everything) == full.summary()["events"]
    assert [r["date_start"] for r in everything if r["date_start"]] == sorted(
        r["date_start"] for r in everything if r["date_start"])
    assert {r["type"] for r in full.events(EventFilter(type="assault"))} == {"ASSAULT"}
    in_ukraine = full.events(EventFilter(country="UA"))
    assert in_ukraine and {r["place"] for r in in_ukraine} == {"Kharkiv"}
    by_russia = full.events(EventFilter(country="RUS"))
    assert by_russia and all("Russian troops" in r["actors"] for r in by_russia)
    assert full.events(EventFilter(actor="russian TROOPS")) == by_russia
    assert {r["place"] for r in full.events(EventFilter(place="bagh"))} == {"Baghdad"}
    assert full.events(EventFilter(country="ZZ")) == []
    assert len(full.events(EventFilter(limit=1))) == 1


def test_store_filters_dates_and_status(full):
    everything = full.events(EventFilter())
    day = "2022-03-01"  # Tuesday before publication: the Kharkiv shelling
    since = full.events(EventFilter(since="2022-03-02"))
    assert since == [r for r in everything if r["date_start"] and r["date_start"] >= "2022-03-02"]
    until = full.events(EventFilter(until=day))
    assert until and all(r["date_start"] <= day for r in until)
    assert full.events(EventFilter(since=day, until=day)) == [r for r in everything if r["date_start"] == day]
    reported = full.events(EventFilter(status="reported"))
    assert reported == [r for r in everything if r["status"] == "reported"]
    assert full.events(EventFilter(status="denied")) == []


def test_store_row_has_event_place_and_article_fields(full):
    (row,) = [r for r in full.events(EventFilter(country="UA", type="ASSAULT"))]
    assert row["actors"] == ["Russian troops"] and row["killed"] == 3
    assert row["place_country"] == "UA" and row["lat"] == pytest.approx(49.98, abs=0.1)
    assert row["published"] == PUBLISHED and row["evidence"][0]["text"].startswith("Russian troops shelled")
    assert set(row) == set(store_module.EVENT_COLUMNS)


def test_store_full_text_search(full):
    gas = full.events(EventFilter(search="tear gas"))
    assert gas and {r["article_id"] for r in gas} == {full.events(EventFilter(place="Baghdad"))[0]["article_id"]}
    assert full.events(EventFilter(search='"tear gas" AND Baghdad')) == gas
    assert full.events(EventFilter(search="zebra")) == []
    with pytest.raises(EventwireError, match="not a full-text query"):
        full.events(EventFilter(search='"unbalanced'))


def test_store_event_rows_after_duplicate_are_not_doubled(full, coded):
    before = full.events(EventFilter())
    full.add(src("again.txt", coded["nairobi.txt"]), coded["nairobi.txt"])
    assert full.events(EventFilter()) == before


def test_store_same_key_with_other_content_is_an_update(store, coded):
    """A page or feed entry read again with other content replaces its earlier version."""
    first, second = coded["baghdad.txt"], coded["nairobi.txt"]
    assert store.add(src("news.txt", first, key="https://example.org/news/1"), first) == "coded"
    assert store.add(src("news.txt", second, key="https://example.org/news/1"), second) == "updated"
    assert store.add(src("news.txt", second, key="https://example.org/news/1"), second) == "stored"
    counts, summary = _counts(store.path), store.summary()
    assert counts["articles"] == counts["documents"] == counts["articles_fts"] == 1
    assert counts["events"] == len(second.events) and summary["updated"] == 1
    assert store._db.execute("SELECT article_id FROM documents").fetchone()[0] == second.article.id


def test_store_update_keeps_an_article_another_document_still_has(store, coded):
    first, second = coded["baghdad.txt"], coded["nairobi.txt"]
    store.add(src("feed.rss#1", first, key="urn:entry:1"), first)
    store.add(src("copy.html", first, key="https://example.org/copy"), first)
    assert store.add(src("feed.rss#1", second, key="urn:entry:1"), second) == "updated"
    assert _counts(store.path)["articles"] == 2  # the copy's article is still there


def test_store_failed_reread_never_replaces_a_coded_version(store, coded):
    empty = extract_valid("  \n ", published=PUBLISHED)
    good = coded["baghdad.txt"]
    store.add(src("page", good, key="https://example.org/a"), good)
    assert store.add(src("page", empty, key="https://example.org/a"), empty) == "rejected"
    assert _counts(store.path)["articles"] == 1
    assert store.status("https://example.org/a", good.article.id) == "stored"


SCHEMA_1_DOCUMENTS = """
DROP VIEW rejections; DROP TABLE documents;
CREATE TABLE documents (name TEXT PRIMARY KEY, article_id TEXT, outcome TEXT NOT NULL,
  code TEXT, reason TEXT, stored_at TEXT NOT NULL);
CREATE INDEX documents_article ON documents (article_id);
CREATE TABLE rejections (name TEXT PRIMARY KEY, code TEXT NOT NULL, reason TEXT NOT NULL);
UPDATE meta SET value = '1' WHERE key = 'schema_version';
"""
# A schema-3 store made as schema 2 had it: no views, the full-text index that held each
# article's id, no provenance columns, places with no second-level division and no names.
SCHEMA_2_PLACES = """
DROP VIEW event_rows; DROP VIEW event_map; DROP VIEW actor_rows; DROP VIEW place_rows;
DROP TRIGGER articles_ai; DROP TRIGGER articles_ad; DROP TRIGGER articles_au;
DROP TRIGGER events_ai; DROP TRIGGER events_ad; DROP TRIGGER events_au;
DROP TABLE articles_fts; DROP TABLE events_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (article_id UNINDEXED, title, text);
INSERT INTO articles_fts (article_id, title, text) SELECT id, coalesce(title, ''), text FROM articles;
ALTER TABLE articles DROP COLUMN eventwire_version;
ALTER TABLE articles DROP COLUMN spacy_model;
ALTER TABLE articles DROP COLUMN type_model;
CREATE TABLE places_v2 AS SELECT article_id, id, name, geonameid, lat, lon, country, admin1, precision,
  mentions FROM places;
DROP TABLE places;
ALTER TABLE places_v2 RENAME TO places;
"""


def test_store_migrates_schema_1_keeping_every_article(tmp_path, coded):
    path = tmp_path / "old.db"
    with Store(path) as store:
        for name in ("kharkiv.txt", "baghdad.txt"):
            store.add(src(name, coded[name]), coded[name])
    with sqlite3.connect(path) as db:  # as schema 1 had it: documents keyed by name
        db.executescript(SCHEMA_1_DOCUMENTS + SCHEMA_2_PLACES)
        for name in ("kharkiv.txt", "baghdad.txt"):
            db.execute("INSERT INTO documents VALUES (?, ?, 'coded', NULL, NULL, '2026-11-24')",
                       (name, coded[name].article.id))
        db.execute("INSERT INTO documents VALUES ('bad.txt', NULL, 'rejected', 'empty', 'empty', '2026-11-24')")
        db.execute("INSERT INTO rejections VALUES ('bad.txt', 'empty', 'empty')")
    with Store(path) as store:
        summary = store.summary()
        assert (summary["articles"], summary["documents"], summary["rejections"]) == (2, 3, {"empty": 1})
        assert store._db.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)
        # read again, a schema-1 document takes its content key instead of becoming a second source
        kharkiv = Source(key="sha256:abc", digest="abc", name="kharkiv.txt")
        assert store.add(kharkiv, coded["kharkiv.txt"]) == "stored"
        assert store.summary()["documents"] == 3 and store.status("sha256:abc", "abc") == "stored"


def _as_schema_2(path):
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA_2_PLACES + "UPDATE meta SET value = '2' WHERE key = 'schema_version';")


def test_store_migrates_schema_2_places_keep_their_rows(tmp_path, coded):
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add(src("kharkiv.txt", coded["kharkiv.txt"]), coded["kharkiv.txt"])
    _as_schema_2(path)
    with Store(path) as store:
        assert store._db.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)
        rows = store._db.execute("SELECT name, admin1, admin1_name FROM places").fetchall()
        assert ("Kharkiv", "07", None) in rows  # the names come when the article is coded again
        store.add(src("baghdad.txt", coded["baghdad.txt"]), coded["baghdad.txt"])
        assert ("Baghdad", "Baghdad") in store._db.execute("SELECT name, admin1_name FROM places").fetchall()


def test_store_schema_2_read_only_reads_places_without_division_names(tmp_path, coded):
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add(src("kharkiv.txt", coded["kharkiv.txt"]), coded["kharkiv.txt"])
    _as_schema_2(path)
    with Store(path, readonly=True) as store:
        (event, *_) = [e for e in store.events() if e["place"] == "Kharkiv"]
        assert event["place_admin1"] == "07" and event["place_admin1_name"] is None
    with sqlite3.connect(path) as db:  # the file itself is as it was
        assert db.execute("SELECT value FROM meta").fetchone()[0] == "2"


def test_store_two_writers_at_once_both_finish(tmp_path, coded):
    path = tmp_path / "events.db"
    Store(path).close()
    extraction = coded["nairobi.txt"]
    errors = []

    def write(prefix):
        try:
            with Store(path) as writer:
                for n in range(50):
                    article = dataclasses.replace(extraction.article, id=f"{prefix}{n}")
                    name = f"{prefix}{n}.txt"
                    writer.add(Source(key=name, digest=name, name=name),
                               dataclasses.replace(extraction, article=article))
        except Exception as err:  # noqa: BLE001 - reported below, in the test's thread
            errors.append(err)

    threads = [threading.Thread(target=write, args=(prefix,)) for prefix in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _counts(path)["articles"] == _counts(path)["documents"] == 100


def test_store_unreadable_under_a_coded_name_changes_nothing(store, coded):
    store.add(src("news.txt", coded["baghdad.txt"]), coded["baghdad.txt"])
    assert not store.add_unreadable(src("news.txt"), reject("binary", "PNG image"))
    assert store.summary()["rejections"] == {}


# Opening: the store guards itself (issue 9).

def _closed_store(folder, coded, name="events.db"):
    """A store of real articles, closed: its log checkpointed into the file, as after any run."""
    path = folder / name
    with Store(path) as store:
        for doc, extraction in coded.items():
            store.add(src(doc, extraction), extraction)
    assert not Path(f"{path}-wal").exists()
    return path


def _quick_check(path) -> str:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as err:  # damage SQLite meets before it can check
        return str(err)
    finally:
        db.close()


def damage(path) -> None:
    """Overwrite four pages in the middle of a store's file, as a bad disk or a bad copy does."""
    page = 4096
    with open(path, "r+b") as file:
        file.seek(path.stat().st_size // page // 2 * page)
        file.write(b"\xa5" * 4 * page)


def test_store_refuses_a_damaged_store_and_writes_nothing(tmp_path, coded):
    path = _closed_store(tmp_path, coded)
    damage(path)
    assert _quick_check(path) != "ok"  # the damage is real
    before = path.read_bytes()
    with pytest.raises(EventwireError, match=r"damaged \(.*\).*restore the file from a copy.*\.recover"):
        Store(path)
    assert path.read_bytes() == before


def test_store_opens_a_sound_store_after_checking_it(tmp_path, coded):
    path = _closed_store(tmp_path, coded)
    with Store(path) as store:
        assert store.summary()["articles"] == 3


@pytest.mark.parametrize("name", ["", " ", ":memory:"])
def test_store_refuses_names_that_sqlite_keeps_in_memory(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    for readonly in (False, True):
        with pytest.raises(EventwireError, match="is not a file name"):
            Store(name, readonly=readonly)
    assert list(tmp_path.iterdir()) == []


def test_store_refuses_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(EventwireError, match="does not exist: create it first"):
        Store(tmp_path / "missing" / "events.db")
    assert list(tmp_path.iterdir()) == []


def test_store_readonly_creates_no_missing_store(tmp_path):
    with pytest.raises(EventwireError, match="no such store"):
        Store(tmp_path / "none.db", readonly=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("what", ["file", "folder"])
def test_store_readonly_reads_a_store_on_read_only_media(tmp_path, coded, read_only, what):
    folder = tmp_path / "archive"
    folder.mkdir()
    path = _closed_store(folder, coded)
    with Store(path) as store:
        expected = store.events(EventFilter())
    read_only(path)
    if what == "folder":  # no -wal or -shm can be made beside it: SQLite reads it as immutable
        read_only(folder)
    with pytest.raises(EventwireError, match="cannot be written here"):
        Store(path)
    with Store(path, readonly=True) as store:
        assert store.events(EventFilter()) == expected and expected
    if what == "folder":
        assert [p.name for p in folder.iterdir()] == ["events.db"]


def test_store_readonly_never_writes(tmp_path, coded):
    path = _closed_store(tmp_path, coded)
    before = path.read_bytes()
    extraction = coded["nairobi.txt"]
    with Store(path, readonly=True) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.add(src("new.txt", extraction, key="https://example.org/new"), extraction)
        assert len(store.events(EventFilter())) == store._db.execute("SELECT count(*) FROM events").fetchone()[0]
    assert path.read_bytes() == before


def test_store_readonly_refuses_a_log_it_cannot_read(tmp_path, coded, read_only):
    """A copy of a store taken while it was open: its last commits are only in its -wal file,
    which SQLite cannot read in a read-only folder without a -shm file; immutable=1 would
    silently show the store without them."""
    path = _closed_store(tmp_path, coded)
    copy = tmp_path / "copy"
    copy.mkdir()
    with Store(path) as store:
        store._db.execute("PRAGMA wal_autocheckpoint = 0")
        extraction = coded["nairobi.txt"]
        article = dataclasses.replace(extraction.article, id="late")
        store.add(src("late.txt", extraction), dataclasses.replace(extraction, article=article))
        for suffix in ("", "-wal"):
            shutil.copy(f"{path}{suffix}", copy / f"events.db{suffix}")
    assert (copy / "events.db-wal").stat().st_size > 0
    read_only(copy)
    with pytest.raises(EventwireError, match="last writes are in .*-wal"):
        Store(copy / "events.db", readonly=True)


def test_store_readonly_reads_a_schema_1_store_as_it_is(tmp_path, coded):
    path = _closed_store(tmp_path, coded)
    with Store(path) as store:  # as schema 1 had them: no division codes and names beyond admin1
        expected = [dict(e, place_admin1_name=None, place_admin2=None, place_admin2_name=None)
                    for e in store.events(EventFilter())]
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA_1_DOCUMENTS + SCHEMA_2_PLACES)
    db.close()
    before = path.read_bytes()
    with Store(path, readonly=True) as store:
        assert store.events(EventFilter()) == expected
    assert path.read_bytes() == before  # not migrated: reading never writes


# The store as a product (issue 14): views, what coded each article, a full-text index that
# Datasette and sqlite-utils recognise.

def test_store_views_give_one_row_per_event_actor_and_place(full, coded):
    db = full._db
    assert db.execute("SELECT count(*) FROM event_rows").fetchone()[0] == sum(len(x.events) for x in coded.values())
    row = dict(zip([c[0] for c in db.execute("SELECT * FROM event_rows LIMIT 0").description],
                   db.execute("SELECT * FROM event_rows WHERE place = 'Kharkiv'").fetchone()))
    assert row["type"] == "ASSAULT" and row["place_admin1_name"] == "Kharkiv" and row["title"] is None
    actors = db.execute("SELECT count(*) FROM actor_rows").fetchone()[0]
    assert actors == sum(len(x.actors) for x in coded.values())
    (kharkiv,) = db.execute("SELECT name, precision, events FROM place_rows WHERE name = 'Kharkiv'").fetchall()
    assert kharkiv == ("Kharkiv", "city", 1)


def test_store_records_what_coded_each_article(full):
    rows = full._db.execute("SELECT DISTINCT eventwire_version, spacy_model, type_model FROM articles").fetchall()
    assert len(rows) == 1 and rows[0][0] == eventwire.__version__ and rows[0][2] == "shipped"
    assert "core_web_sm" in rows[0][1]


def test_store_full_text_index_is_external_content_and_follows_updates(store, coded):
    (sql,) = store._db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()
    assert "USING fts5" in sql and "content=[articles]" in sql  # as sqlite-utils writes it; Datasette detects it
    first, second = coded["kharkiv.txt"], coded["baghdad.txt"]
    store.add(src("page", first, key="https://example.org/a"), first)
    assert [e["place"] for e in store.events(EventFilter(search="Kharkiv"))] == ["Kharkiv"]
    store.add(src("page", second, key="https://example.org/a"), second)  # the page now tells another story
    assert store.events(EventFilter(search="Kharkiv")) == []
    assert store.events(EventFilter(search="Baghdad"))
    assert store._db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')") is not None


def test_store_schema_2_migrated_searches_and_has_views(tmp_path, coded):
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add(src("kharkiv.txt", coded["kharkiv.txt"]), coded["kharkiv.txt"])
    _as_schema_2(path)
    with Store(path, readonly=True) as store:  # read as it is: the earlier index
        assert store.events(EventFilter(search="Kharkiv"))
    with Store(path) as store:
        assert store.events(EventFilter(search="Kharkiv"))  # the index rebuilt from the articles
        assert store._db.execute("SELECT count(*) FROM event_rows").fetchone()[0] == len(coded["kharkiv.txt"].events)


def test_store_evidence_is_searchable_and_follows_updates(store, coded):
    def found(word):
        return [r[0] for r in store._db.execute(
            "SELECT e.id FROM events_fts JOIN events e ON e.rowid = events_fts.rowid WHERE events_fts MATCH ?", [word])]

    first, second = coded["kharkiv.txt"], coded["baghdad.txt"]
    store.add(src("page", first, key="https://example.org/a"), first)
    assert found("shelled") and not found("tear")
    store.add(src("page", second, key="https://example.org/a"), second)
    assert found("tear") and not found("shelled")
