"""SQLite's errors told apart by kind, from real SQLite errors (and from their words alone)."""
import sqlite3

import pytest

from eventwire.storefile import error_kind


def _error(action) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


def test_storefile_error_kind_of_real_sqlite_errors(tmp_path):
    text = tmp_path / "text.db"
    text.write_bytes(b"not a database at all\n" * 100)
    assert error_kind(_error(lambda: sqlite3.connect(text).execute("SELECT * FROM sqlite_master"))) == "notadb"

    path = tmp_path / "store.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)")
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert error_kind(_error(lambda: reader.execute("INSERT INTO t VALUES (1)"))) == "readonly"

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(path, isolation_level=None, timeout=0)
    assert error_kind(_error(lambda: waiter.execute("BEGIN IMMEDIATE"))) == "busy"
    holder.execute("ROLLBACK")

    small = sqlite3.connect(path, isolation_level=None)
    small.execute("PRAGMA max_page_count = 2")
    assert error_kind(_error(lambda: small.execute("INSERT INTO t VALUES (zeroblob(100000))"))) == "full"


@pytest.mark.parametrize("message,kind", [
    ("database is locked", "busy"), ("database or disk is full", "full"),
    ("attempt to write a readonly database", "readonly"), ("database disk image is malformed", "corrupt"),
    ("file is not a database", "notadb"), ("no such table: x", "other"),
])
def test_storefile_error_kind_from_words_alone(message, kind):
    """Pythons before 3.11 give no result code name: the kind comes from SQLite's fixed words."""
    assert error_kind(sqlite3.OperationalError(message)) == kind
