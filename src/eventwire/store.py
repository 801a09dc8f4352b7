"""The store: coded articles in one SQLite file (WAL), keyed so that a re-ingest adds nothing.

A document is known by its key (its URL or feed entry id, else the hash of its content) and an
article by the hash of its cleaned text: the same article under two keys is one article with two
sources, and a document read again with other content is an update. Each document is written in
one transaction with its `documents` row, so a process killed at any moment leaves every document
either fully stored or absent. It must not code anything itself.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from . import storefile
from .errors import STORE_DAMAGED, STORE_READ_ONLY, EventwireError
from .records import Extraction, Rejection, Source
from .queries import EVENT_COLUMNS, EVENTS_VIEW_SQL, EventFilter, select_events
from .storefile import DETAIL_CHARS, error_kind

__all__ = ["Store", "EventFilter", "EVENT_COLUMNS", "DEFAULT_DB"]

SCHEMA_VERSION = 4
DEFAULT_DB = "eventwire.db"

# How long a connection waits for another's write lock before giving up: one document's
# transaction takes milliseconds, so 30 s only runs out when a writer is stuck, not busy.
BUSY_TIMEOUT_S = 30.0

# The versions a store opened read-only may have. It cannot be migrated, and need not be:
# schema 2 changed only the documents table, which the reading commands (events, export) do not
# read; schema 3 added the places' division codes and names, which an older store reads as none
# (OLDER_PLACES, a temporary view over its places table); schema 4 added the groups of dedup,
# which an older store reads as none (OLDER_GROUPS: empty temporary tables).
READABLE_VERSIONS = ("1", "2", "3", str(SCHEMA_VERSION))

# SQLite's largest integer: a LIMIT above it cannot be bound (OverflowError), so flags stop there.
MAX_SQLITE_INT = 2**63 - 1

DOCUMENTS_SQL = """
CREATE TABLE IF NOT EXISTS documents (
  key TEXT PRIMARY KEY, digest TEXT, name TEXT NOT NULL, article_id TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('coded', 'duplicate', 'rejected', 'unreadable')),
  code TEXT, reason TEXT, url TEXT, source TEXT, title TEXT, published TEXT, fetched TEXT,
  stored_at TEXT NOT NULL, updated_at TEXT);
CREATE INDEX IF NOT EXISTS documents_article ON documents (article_id);
CREATE VIEW IF NOT EXISTS rejections AS
  SELECT key, name, code, reason FROM documents WHERE code IS NOT NULL;
"""
# The full-text indexes of the articles (title and text) and of the events (their evidence):
# external-content FTS5 tables over `articles` and `events` (rowid for rowid), kept in step by
# triggers, as sqlite-utils makes them, so that Datasette and sqlite-utils find them
# ("articles_fts" with content "articles", "events_fts" with content "events") and search them.
FTS_SQL = """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (title, text, content=[articles]);
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5 (evidence, content=[events]);
CREATE TRIGGER IF NOT EXISTS events_ai AFTER INSERT ON events BEGIN
  INSERT INTO events_fts (rowid, evidence) VALUES (new.rowid, new.evidence);
END;
CREATE TRIGGER IF NOT EXISTS events_ad AFTER DELETE ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, evidence) VALUES ('delete', old.rowid, old.evidence);
END;
CREATE TRIGGER IF NOT EXISTS events_au AFTER UPDATE ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, evidence) VALUES ('delete', old.rowid, old.evidence);
  INSERT INTO events_fts (rowid, evidence) VALUES (new.rowid, new.evidence);
END;
"""
# The store as a product: one row per event with its actors, place and article (event_rows, as
# `eventwire events` reads it), the events that have coordinates for a map (event_map: with the
# popup datasette-cluster-map shows, linking to the event's page of `eventwire serve`), one row
# per actor and one per place with their article.
VIEWS_SQL = f"""
CREATE VIEW IF NOT EXISTS event_rows AS {EVENTS_VIEW_SQL};
CREATE VIEW IF NOT EXISTS event_map AS
  SELECT e.article_id, e.id AS event_id, e.type, e.acled_event_type, e.status, e.date_start, e.killed,
    p.name AS place, p.country AS place_country, p.lat AS latitude, p.lon AS longitude,
    json_object('title', e.type || ' in ' || p.name || coalesce(', ' || e.date_start, ''),
                'description', coalesce(a.title, ''),
                'link', '/-/eventwire/event/' || e.article_id || '/' || e.id) AS popup
  FROM events e JOIN articles a ON a.id = e.article_id
  JOIN places p ON p.article_id = e.article_id AND p.id = e.place_id
  WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL;
CREATE VIEW IF NOT EXISTS actor_rows AS
  SELECT ac.article_id, ac.id AS actor_id, ac.name, ac.kind, ac.country, ac.sector, ac.title AS role,
    (SELECT count(*) FROM event_actors ea WHERE ea.article_id = ac.article_id AND ea.actor_id = ac.id) AS events,
    a.title, a.url, a.published
  FROM actors ac JOIN articles a ON a.id = ac.article_id;
CREATE VIEW IF NOT EXISTS place_rows AS
  SELECT p.article_id, p.id AS place_id, p.name, p.precision, p.geonameid, p.lat, p.lon, p.country,
    p.admin1, p.admin1_name, p.admin2, p.admin2_name,
    (SELECT count(*) FROM events e WHERE e.article_id = p.article_id AND e.place_id = p.id) AS events,
    a.title, a.url, a.published
  FROM places p JOIN articles a ON a.id = p.article_id;
"""
# The groups of dedup (dedup.py): one row a real-world event, one row a report (an event of
# an article) in it with the score and reasons that put it there; the user's splits, kept for
# every later run; the types whose reports changed since the last run.
GROUPS_SQL = """
CREATE TABLE IF NOT EXISTS event_groups (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, acled_sub_event_type TEXT, reports INTEGER NOT NULL,
  sources INTEGER NOT NULL, date_start TEXT, date_end TEXT, place TEXT, place_country TEXT, lat REAL,
  lon REAL, place_precision TEXT, killed_min INTEGER, killed_max INTEGER, injured_min INTEGER,
  injured_max INTEGER, disagreement TEXT, updated TEXT, first_published TEXT, last_published TEXT,
  figures TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_groups_type ON event_groups (type);
CREATE TABLE IF NOT EXISTS group_reports (
  article_id TEXT NOT NULL, event_id TEXT NOT NULL, group_id TEXT NOT NULL, score REAL,
  reasons TEXT NOT NULL, PRIMARY KEY (article_id, event_id));
CREATE INDEX IF NOT EXISTS group_reports_group ON group_reports (group_id);
"""
DEDUP_STATE_SQL = """
CREATE TABLE IF NOT EXISTS dedup_splits (
  split_id INTEGER NOT NULL, article_id TEXT NOT NULL, event_id TEXT NOT NULL, decided_at TEXT NOT NULL,
  PRIMARY KEY (split_id, article_id, event_id));
CREATE TABLE IF NOT EXISTS dedup_pending (type TEXT PRIMARY KEY);
"""
SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""" + DOCUMENTS_SQL + """
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY, url TEXT, source TEXT, title TEXT, published TEXT, language TEXT,
  text TEXT NOT NULL, extraction TEXT NOT NULL, eventwire_version TEXT, spacy_model TEXT,
  type_model TEXT);
CREATE TABLE IF NOT EXISTS actors (
  article_id TEXT NOT NULL REFERENCES articles (id), id TEXT NOT NULL, name TEXT NOT NULL,
  kind TEXT, country TEXT, sector TEXT, title TEXT, mentions TEXT NOT NULL,
  PRIMARY KEY (article_id, id));
CREATE INDEX IF NOT EXISTS actors_country ON actors (country);
CREATE TABLE IF NOT EXISTS places (
  article_id TEXT NOT NULL REFERENCES articles (id), id TEXT NOT NULL, name TEXT NOT NULL,
  geonameid INTEGER, lat REAL, lon REAL, country TEXT, admin1 TEXT, precision TEXT,
  mentions TEXT NOT NULL, admin2 TEXT, admin1_name TEXT, admin2_name TEXT,
  PRIMARY KEY (article_id, id));
CREATE INDEX IF NOT EXISTS places_country ON places (country);
CREATE TABLE IF NOT EXISTS events (
  article_id TEXT NOT NULL REFERENCES articles (id), id TEXT NOT NULL, type TEXT NOT NULL,
  mode TEXT, context TEXT NOT NULL, acled_event_type TEXT, acled_sub_event_type TEXT, cameo TEXT,
  place_id TEXT, date_start TEXT, date_end TEXT, date_precision TEXT, date_text TEXT,
  killed INTEGER, injured INTEGER, size INTEGER, size_before INTEGER, size_change INTEGER,
  approximate INTEGER NOT NULL, status TEXT NOT NULL, perpetrator_confirmed INTEGER,
  confidence REAL NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY (article_id, id));
CREATE INDEX IF NOT EXISTS events_type ON events (type);
CREATE INDEX IF NOT EXISTS events_date ON events (date_start);
CREATE TABLE IF NOT EXISTS event_actors (
  article_id TEXT NOT NULL REFERENCES articles (id), event_id TEXT NOT NULL,
  actor_id TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('actor', 'recipient', 'claimed_by')),
  n INTEGER NOT NULL, PRIMARY KEY (article_id, event_id, role, actor_id));
CREATE TABLE IF NOT EXISTS quotes (
  article_id TEXT NOT NULL REFERENCES articles (id), n INTEGER NOT NULL, text TEXT NOT NULL,
  start_char INTEGER, end_char INTEGER, speaker_id TEXT, cue TEXT, supports TEXT NOT NULL,
  PRIMARY KEY (article_id, n));
""" + GROUPS_SQL + DEDUP_STATE_SQL + FTS_SQL + VIEWS_SQL

# Schema 1 keyed documents by name and position ("feed.jsonl:3"); schema 2 by URL, entry id or
# content. Every article is kept; a schema-1 document row keeps its name as its key until the
# same document is read again and takes its content key (see `Store.add`).
MIGRATE_1_TO_2 = """
ALTER TABLE documents RENAME TO documents_v1;
DROP INDEX documents_article;
DROP TABLE rejections;
""" + DOCUMENTS_SQL + """
INSERT INTO documents (key, digest, name, article_id, outcome, code, reason, url, source, title,
                       published, stored_at)
  SELECT d.name, NULL, d.name, d.article_id, d.outcome, d.code, d.reason, a.url, a.source, a.title,
         a.published, d.stored_at
  FROM documents_v1 d LEFT JOIN articles a ON a.id = d.article_id;
DROP TABLE documents_v1;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
"""
# Schema 3: a place's second-level division and both divisions' names (GeoNames', through the
# gazetteer), what coded each article, an external-content full-text index, and the views.
# Places and articles coded before keep no division names and no provenance until coded again.
MIGRATE_2_TO_3 = """
ALTER TABLE places ADD COLUMN admin2 TEXT;
ALTER TABLE places ADD COLUMN admin1_name TEXT;
ALTER TABLE places ADD COLUMN admin2_name TEXT;
ALTER TABLE articles ADD COLUMN eventwire_version TEXT;
ALTER TABLE articles ADD COLUMN spacy_model TEXT;
ALTER TABLE articles ADD COLUMN type_model TEXT;
DROP TABLE articles_fts;
""" + FTS_SQL + """
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
""" + VIEWS_SQL + """
UPDATE meta SET value = '3' WHERE key = 'schema_version';
"""
# Schema 4: the groups of dedup, and the events view with each event's group and full-text row.
# A migrated store has no groups until its next ingest or `eventwire dedup`.
MIGRATE_3_TO_4 = """
DROP VIEW event_rows;
DROP VIEW event_map;
DROP VIEW actor_rows;
DROP VIEW place_rows;
""" + GROUPS_SQL + DEDUP_STATE_SQL + """
INSERT INTO dedup_pending SELECT DISTINCT type FROM events;
""" + VIEWS_SQL + """
UPDATE meta SET value = '4' WHERE key = 'schema_version';
"""
MIGRATIONS = {"1": MIGRATE_1_TO_2, "2": MIGRATE_2_TO_3, "3": MIGRATE_3_TO_4}  # from version -> the next
# A store of schema 1 or 2 opened read-only: its places as schema 3 has them. SQLite looks in
# the temp schema first, so the view stands in for the table; nothing is written to the file.
OLDER_PLACES = """
CREATE TEMP VIEW places AS SELECT *, NULL AS admin2, NULL AS admin1_name, NULL AS admin2_name
FROM main.places;
"""
OLDER_GROUPS = GROUPS_SQL.replace("CREATE TABLE IF NOT EXISTS", "CREATE TEMP TABLE").replace(
    "CREATE INDEX IF NOT EXISTS event_groups_type ON event_groups (type);", "").replace(
    "CREATE INDEX IF NOT EXISTS group_reports_group ON group_reports (group_id);", "")
# The tables that hold one article's coding, children first (the order rows are deleted in).
ARTICLE_TABLES = ("event_actors", "events", "quotes", "actors", "places", "articles")  # the index: by trigger

NOT_A_STORE = ("{path}: not an eventwire store ({detail}): give the path of a database written by "
               "`eventwire ingest`, or a new file name to start one")
OTHER_VERSION = ("{path}: this store has schema version {found}, this eventwire reads version "
                 "{expected}: ingest the articles again into a new --db file, or use the eventwire "
                 "version that wrote it")
NO_GROUP = ("no group {group} in this store: `eventwire events --format json` gives each event's "
            "group_id")
ONE_REPORT = "group {group} has one report: there is nothing to split"
STORE_MISSING = ("{path}: no such store: give the --db file that `eventwire ingest` wrote "
                 "(the default is eventwire.db in the current folder)")



class Store:
    """One SQLite file of coded articles; one connection, used from one thread.

    `Store(path)` opens for writing: it creates a missing file, and refuses a damaged store
    before writing anything into it. `Store(path, readonly=True)` never creates or changes a
    file, and reads a store on read-only media (a read-only file, folder or disk).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        storefile.check_name(self.path)
        if readonly and not Path(self.path).is_file():  # reading must not leave an empty store behind
            raise EventwireError(STORE_MISSING.format(path=self.path))
        if not readonly:
            storefile.check_writable(self.path)
        self._db: sqlite3.Connection | None = None
        self._older = False  # a store of schema 1 or 2 read as it is (read-only)
        try:
            if readonly:
                self._db = storefile.connect_readonly(self.path, BUSY_TIMEOUT_S)
                self._read_schema()
                return
            if Path(self.path).is_file():
                storefile.check_intact(self.path, BUSY_TIMEOUT_S)
            self._db = storefile.connect(self.path, BUSY_TIMEOUT_S)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a killed process loses nothing committed; only a power cut
            # may lose the last commits, which a resumed ingest codes again.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._open_schema()
        except sqlite3.DatabaseError as err:
            if self._db is not None:
                self._db.close()
            message = _open_error(self.path, err)
            if message is None:  # busy, disk full, I/O: cli.py's main() says what to do
                raise
            raise EventwireError(message) from None
        except EventwireError:
            if self._db is not None:
                self._db.close()
            raise

    def _read_schema(self) -> None:
        """The schema check of a read-only store, which cannot create or change a schema."""
        found = self._stored_version()
        if found is None:
            raise EventwireError(NOT_A_STORE.format(path=self.path, detail="it holds no tables"))
        if found not in READABLE_VERSIONS:
            raise EventwireError(OTHER_VERSION.format(path=self.path, found=found, expected=SCHEMA_VERSION))
        if found in ("1", "2"):
            self._db.executescript(OLDER_PLACES)
            self._older = True
        if found != str(SCHEMA_VERSION):
            self._db.executescript(OLDER_GROUPS)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _open_schema(self) -> None:
        found = self._stored_version()
        if found is None:
            # executescript would commit midway, so the schema is created statement by
            # statement in one transaction: two processes opening a new file create it once.
            with self._transaction() as db:
                if self._stored_version() is None:
                    _run_script(db, SCHEMA_SQL)
                    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            found = self._stored_version()
        while found in MIGRATIONS:
            with self._transaction() as db:
                if self._stored_version() == found:  # another process may have migrated it
                    _run_script(db, MIGRATIONS[found])
            found = self._stored_version()
        if found != str(SCHEMA_VERSION):
            raise EventwireError(OTHER_VERSION.format(path=self.path, found=found, expected=SCHEMA_VERSION))

    def _stored_version(self) -> str | None:
        """The stored schema version; None for a new, empty file. Reads only, takes no write lock."""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "meta" not in tables:
            raise EventwireError(NOT_A_STORE.format(path=self.path, detail="it has no meta table"))
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return row[0] if row else "none"

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout
        # instead of failing when a read transaction tries to become a write.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            if self._db.in_transaction:  # SQLite rolls back by itself on some errors (disk full)
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def status(self, key: str, digest: str | None) -> str:
        """"new" (never stored), "stored" (this key with this content) or "changed" (this key with
        other content: an updated page or feed entry)."""
        row = self._db.execute("SELECT digest FROM documents WHERE key = ?", (key,)).fetchone()
        if row is None:
            return "new"
        return "stored" if row[0] == digest else "changed"

    def add(self, source: Source, extraction: Extraction) -> str:
        """Store one document in one transaction. Returns what happened to it:
        "coded" (a new article), "duplicate" (an article stored already, now with one source
        more), "updated" (its key had other content, which this version replaces), "rejected",
        or "stored" (this very document was stored before: nothing is written).
        """
        article = extraction.article
        with self._transaction() as db:
            before = db.execute("SELECT digest, article_id, outcome FROM documents WHERE key = ?",
                                (source.key,)).fetchone()
            if before and before[0] == source.digest:
                return "stored"
            if article.rejected:
                if before and before[2] in ("coded", "duplicate"):
                    return "rejected"  # a failed re-read never replaces a coded version
                _put_document(db, source, None, "rejected", article.rejected)
                return "rejected"
            if before and before[1]:
                _drop_article(db, before[1], unless_used_by_other_than=source.key)
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                if before is None and _adopt_schema_1_row(db, source, article.id):
                    return "stored"
                outcome = "duplicate"
            else:
                _insert_article(db, extraction)
                _insert_entities(db, extraction)
                _insert_events(db, extraction)
                _insert_quotes(db, extraction)
                outcome = "coded"
            _put_document(db, source, article.id, outcome)
        return "updated" if before and before[2] in ("coded", "duplicate") else outcome

    def add_unreadable(self, source: Source, rejection: Rejection, outcome: str = "unreadable") -> bool:
        """Record a document that could not be read at all (or, with outcome "rejected", one
        that was read and rejected, as a scale run's tables give it); False if it was recorded
        before."""
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM documents WHERE key = ?", (source.key,)).fetchone():
                return False
            _put_document(db, source, None, outcome, rejection)
        return True

    def add_source(self, source: Source, article_id: str) -> bool:
        """Record a document whose article is stored already, under another key, as one more
        source of it (a scale run's "duplicate" documents); False if its key is recorded or the
        article is not stored."""
        with self._transaction() as db:
            if (db.execute("SELECT 1 FROM documents WHERE key = ?", (source.key,)).fetchone()
                    or not db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()):
                return False
            _put_document(db, source, article_id, "duplicate")
        return True

    def summary(self) -> dict:
        """Counts: documents, articles, events, duplicates, unreadable, rejections by code."""
        one = lambda sql: self._db.execute(sql).fetchone()[0]  # noqa: E731
        self._db.execute("BEGIN")  # one read snapshot: counts agree while a writer writes
        try:
            return self._counts(one)
        finally:
            self._db.execute("COMMIT")

    def _counts(self, one) -> dict:
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "articles": one("SELECT count(*) FROM articles"),
            "events": one("SELECT count(*) FROM events"),
            "duplicates": one("SELECT count(*) FROM documents WHERE outcome = 'duplicate'"),
            "unreadable": one("SELECT count(*) FROM documents WHERE outcome = 'unreadable'"),
            "updated": one("SELECT count(*) FROM documents WHERE updated_at IS NOT NULL"),
            "rejections": dict(self._db.execute(
                "SELECT code, count(*) FROM rejections GROUP BY code ORDER BY code").fetchall()),
        }

    def extractions(self) -> Iterator[str]:
        """The stored extraction@1 JSON of every article, in the order they were stored."""
        for (text,) in self._db.execute("SELECT extraction FROM articles ORDER BY rowid"):
            yield text

    def articles(self) -> Iterator[Extraction]:
        """Every stored article's `Extraction`, in the order they were stored (one at a time)."""
        for text in self.extractions():
            yield Extraction.from_dict(json.loads(text))

    def events(self, filters: EventFilter = EventFilter()) -> list[dict]:
        """Events matching `filters`, with actor, place and article fields, oldest first."""
        return list(self.iter_events(filters))

    def iter_events(self, filters: EventFilter = EventFilter()) -> Iterator[dict]:
        """`events`, one at a time (EVENT_COLUMNS each), for stores too big to hold at once."""
        return select_events(self._db, filters, self._older)

    def to_pandas(self, filters: EventFilter = EventFilter()):
        """The events as a pandas DataFrame (EVENT_COLUMNS; dates as datetimes). pandas is not
        a dependency of eventwire: install it to use this."""
        try:
            import pandas
        except ImportError:
            raise EventwireError("Store.to_pandas needs pandas, which eventwire does not install: "
                                 "pip install pandas") from None
        frame = pandas.DataFrame(list(self.iter_events(filters)), columns=list(EVENT_COLUMNS))
        for column in ("date_start", "date_end", "published"):
            frame[column] = pandas.to_datetime(frame[column], errors="coerce")
        return frame

    def dedup(self, full: bool = False):
        """Group the events of different articles that tell one real-world event (dedup.py), in
        one transaction; returns a dedup.DedupReport."""
        from . import dedup

        with self._transaction() as db:
            return dedup.run(db, full)

    def groups(self, merged_only: bool = True) -> list[dict]:
        """The real-world events dedup found (those told by several reports, by default), each
        with its reports, their sources, figures, scores and reasons."""
        from .dedup import stored_groups

        return stored_groups(self._db, merged_only)

    def split(self, group_id: str):
        """Undo a merge: every report of the group becomes its own event, now and on every later
        run (a later article may still join one of them); returns the dedup run's report."""
        from . import dedup

        with self._transaction() as db:
            keys = db.execute("SELECT article_id, event_id FROM group_reports WHERE group_id = ?",
                              (group_id,)).fetchall()
            if not keys:
                raise EventwireError(NO_GROUP.format(group=group_id))
            if len(keys) == 1:
                raise EventwireError(ONE_REPORT.format(group=group_id))
            split_id = db.execute("SELECT coalesce(max(split_id), 0) + 1 FROM dedup_splits").fetchone()[0]
            db.executemany("INSERT INTO dedup_splits VALUES (?, ?, ?, ?)",
                           [(split_id, a, e, _now()) for a, e in keys])
            db.execute("INSERT OR IGNORE INTO dedup_pending SELECT type FROM event_groups WHERE id = ?", (group_id,))
            return dedup.run(db)

    def close(self) -> None:
        self._db.close()


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """The statements of `script` one by one, inside the caller's transaction (executescript
    would commit first); a trigger's body, semicolons and all, is one statement."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


def _put_document(db: sqlite3.Connection, source: Source, article_id: str | None, outcome: str,
                  rejection: Rejection | None = None) -> None:
    """Insert the document's row, or replace it keeping when it was first stored."""
    first = db.execute("SELECT stored_at FROM documents WHERE key = ?", (source.key,)).fetchone()
    now = _now()
    db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
        source.key, source.digest, source.name, article_id, outcome,
        rejection and rejection.code, rejection and rejection.reason, source.url, source.source,
        source.title, source.published, source.fetched, first[0] if first else now,
        now if first else None))


def _drop_article(db: sqlite3.Connection, article_id: str, unless_used_by_other_than: str) -> None:
    """Delete an article's coding, unless another document is also a source of it."""
    if db.execute("SELECT 1 FROM documents WHERE article_id = ? AND key != ?",
                  (article_id, unless_used_by_other_than)).fetchone():
        return
    # its events' types are grouped again by the next dedup run (their group rows stay till then)
    db.execute("INSERT OR IGNORE INTO dedup_pending SELECT DISTINCT type FROM events WHERE article_id = ?",
               (article_id,))
    for table in ARTICLE_TABLES:
        column = "id" if table == "articles" else "article_id"
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", (article_id,))


def _adopt_schema_1_row(db: sqlite3.Connection, source: Source, article_id: str) -> bool:
    """A document stored under schema 1 (keyed by its name) and now read again takes its key."""
    cursor = db.execute("UPDATE documents SET key = ?, digest = ? WHERE key = ? AND name = ? "
                        "AND digest IS NULL AND article_id = ?",
                        (source.key, source.digest, source.name, source.name, article_id))
    return cursor.rowcount == 1


def _open_error(path: str, err: sqlite3.DatabaseError) -> str | None:
    """The message for an error met while opening a store; None for the errors that are not the
    store's fault (busy, disk full, I/O), which cli.py's main() explains."""
    kind, detail = error_kind(err), str(err)[:DETAIL_CHARS]
    if kind == "corrupt":
        return STORE_DAMAGED.format(path=path, detail=detail)
    if kind == "readonly":
        return STORE_READ_ONLY.format(path=path, detail=detail)
    if kind in ("busy", "full", "ioerr"):
        return None
    return NOT_A_STORE.format(path=path, detail=detail)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _spans(spans) -> str:
    return _json([{"text": s.text, "start": s.start, "end": s.end} for s in spans])


def _insert_article(db: sqlite3.Connection, extraction: Extraction) -> None:
    a = extraction.article
    made = extraction.provenance
    db.execute("INSERT INTO articles (id, url, source, title, published, language, text, extraction, "
               "eventwire_version, spacy_model, type_model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (a.id, a.url, a.source, a.title, a.published, a.language, a.text, _json(extraction.to_dict()),
                made.eventwire if made else None, made.spacy_model if made else None,
                made.type_model if made else None))


def _insert_entities(db: sqlite3.Connection, extraction: Extraction) -> None:
    aid = extraction.article.id
    db.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (aid, x.id, x.name, x.kind, x.country, x.sector, x.title, _spans(x.mentions))
        for x in extraction.actors])
    db.executemany("INSERT INTO places (article_id, id, name, geonameid, lat, lon, country, admin1, "
                   "admin2, admin1_name, admin2_name, precision, mentions) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (aid, p.id, p.name, p.geonameid, p.lat, p.lon, p.country, p.admin1, p.admin2, p.admin1_name,
         p.admin2_name, p.precision, _spans(p.mentions)) for p in extraction.places])


def _insert_events(db: sqlite3.Connection, extraction: Extraction) -> None:
    aid = extraction.article.id
    for e in extraction.events:
        date, mag, acled = e.date, e.magnitude, e.acled
        db.execute("INSERT INTO events VALUES (?" + ", ?" * 22 + ")", (
            aid, e.id, e.type, e.mode, _json(list(e.context)),
            acled and acled.event_type, acled and acled.sub_event_type, e.cameo, e.place,
            date and date.start, date and date.end, date and date.precision, date and date.text,
            mag.killed, mag.injured, mag.size, mag.size_before, mag.size_change, mag.approximate,
            e.status, e.perpetrator_confirmed, e.confidence, _spans(e.evidence)))
        roles = (("actor", e.actors), ("recipient", e.recipients), ("claimed_by", e.claimed_by))
        # OR IGNORE: an actor listed twice in one role is one row.
        db.executemany("INSERT OR IGNORE INTO event_actors VALUES (?, ?, ?, ?, ?)", [
            (aid, e.id, actor_id, role, n) for role, ids in roles for n, actor_id in enumerate(ids)])


def _insert_quotes(db: sqlite3.Connection, extraction: Extraction) -> None:
    aid = extraction.article.id
    db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        (aid, n, q.text, q.start, q.end, q.speaker, q.cue, _json(list(q.supports)))
        for n, q in enumerate(extraction.quotes)])
