import dataclasses
import pickle
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from eventwire import store as store_module
from eventwire.errors import EventwireError, reject
from eventwire.store import SCHEMA_VERSION, EventFilter, Store

from .conftest import ROOT, extract_valid

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
        assert store.add(name, extraction) == "coded"
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


def test_store_add_twice_is_duplicate_and_adds_nothing(full, coded):
    before = _counts(full.path)
    assert full.add("kharkiv.txt", coded["kharkiv.txt"]) == "duplicate"
    assert _counts(full.path) == before
    assert full.summary()["duplicates"] == 0  # the same name again is no new document


def test_store_same_article_under_two_names_is_one_article(full, coded):
    assert full.add("copy/of/kharkiv.txt", coded["kharkiv.txt"]) == "duplicate"
    summary = full.summary()
    assert summary["documents"] == 4 and summary["articles"] == 3 and summary["duplicates"] == 1
    assert full.seen("copy/of/kharkiv.txt")


def test_store_seen_names(store, coded):
    assert not store.seen("kharkiv.txt")
    store.add("kharkiv.txt", coded["kharkiv.txt"])
    assert store.seen("kharkiv.txt") and not store.seen("baghdad.txt")


def test_store_rejection_is_recorded(store):
    empty = extract_valid("  \n ", published=PUBLISHED)
    assert store.add("empty.txt", empty) == "rejected"
    assert store.add("empty.txt", empty) == "rejected"
    store.add_unreadable("broken.warc.gz", reject("malformed", "truncated gzip stream"))
    assert store.seen("empty.txt") and store.seen("broken.warc.gz")
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
    with pytest.raises(EventwireError, match=r"schema version 99, this eventwire reads version 1"):
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
    store.add("baghdad.txt", coded["baghdad.txt"])
    before = _counts(store.path)

    def crash(*_args):
        raise RuntimeError("simulated crash after the events were written")

    monkeypatch.setattr(store_module, "_insert_quotes", crash)
    with pytest.raises(RuntimeError):
        store.add("kharkiv.txt", coded["kharkiv.txt"])
    assert _counts(store.path) == before
    assert not store.seen("kharkiv.txt")
    monkeypatch.undo()
    assert store.add("kharkiv.txt", coded["kharkiv.txt"]) == "coded"  # the store goes on


def test_store_readers_query_while_a_writer_writes(tmp_path, coded, monkeypatch):
    path = tmp_path / "events.db"
    with Store(path) as first:
        first.add("baghdad.txt", coded["baghdad.txt"])
    inside, release = threading.Event(), threading.Event()

    def slow_quotes(*_args):
        inside.set()  # the writer holds its write transaction open here
        assert release.wait(10)

    monkeypatch.setattr(store_module, "_insert_quotes", slow_quotes)

    def write():
        with Store(path) as writer:
            writer.add("kharkiv.txt", coded["kharkiv.txt"])

    thread = threading.Thread(target=write)
    thread.start()
    try:
        assert inside.wait(10)
        started = time.monotonic()
        with Store(path) as reader:  # opening must not wait for the writer's lock either
            assert reader.summary()["articles"] == 1
            assert len(reader.events(EventFilter())) == len(coded["baghdad.txt"].events)
            assert not reader.seen("kharkiv.txt")
        assert time.monotonic() - started < 5
    finally:
        release.set()
        thread.join()
    with Store(path) as reader:
        assert reader.summary()["articles"] == 2 and reader.seen("kharkiv.txt")


KILLED_WRITER = textwrap.dedent("""
    import dataclasses, pickle, sys
    from eventwire.store import Store
    extraction = pickle.loads(open(sys.argv[2], "rb").read())
    with Store(sys.argv[1]) as store:
        for n in range(int(sys.argv[3])):
            name = f"doc{n}.txt"
            if store.seen(name):
                continue
            article = dataclasses.replace(extraction.article, id=f"article{n}")
            store.add(name, dataclasses.replace(extraction, article=article))
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
    full.add("again.txt", dataclasses.replace(coded["nairobi.txt"]))
    assert full.events(EventFilter()) == before


def test_store_name_keeps_its_first_outcome(store, coded):
    assert store.add("news.txt", coded["baghdad.txt"]) == "coded"
    before = _counts(store.path)
    assert store.add("news.txt", coded["nairobi.txt"]) == "duplicate"  # same name, other text
    assert _counts(store.path) == before


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
                    writer.add(f"{prefix}{n}.txt", dataclasses.replace(extraction, article=article))
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
    store.add("news.txt", coded["baghdad.txt"])
    store.add_unreadable("news.txt", reject("binary", "PNG image"))
    assert store.summary()["rejections"] == {}
