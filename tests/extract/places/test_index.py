"""The gazetteer's on-disk index (extract/places/index.py): built once, then only read."""
import sqlite3

import pytest

from eventwire.extract.places import index
from eventwire.extract.places.gazetteer import fold


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVENTWIRE_CACHE_DIR", str(folder))
        (folder / "gazetteer-0-old.sqlite").write_bytes(b"an earlier version's index")
        db = index.open_index(fold)
        yield folder, db, index.index_path()
        db.close()


def test_index_built_in_the_cache_folder_and_old_ones_removed(built):
    folder, _, path = built
    assert path.parent == folder and path.is_file()
    assert not (folder / "gazetteer-0-old.sqlite").exists()
    assert path.stat().st_mode & 0o044  # readable by the other users of a shared cache


def test_index_is_opened_read_only(built):
    _, db, _ = built
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM place")


def test_index_holds_small_towns_and_both_division_levels(built):
    _, db, _ = built
    counts = dict(db.execute("SELECT precision, COUNT(*) FROM place GROUP BY precision"))
    assert counts["city"] > 200_000 and counts["admin1"] > 3_000 and counts["admin2"] > 40_000
    town = db.execute("SELECT geonameid, admin1, admin2 FROM place WHERE name = 'Konduga' AND precision = 'city'").fetchone()
    assert town == (2334044, "27", "116")  # 13,400 people; Borno state, Konduga LGA


def test_index_division_known_with_and_without_its_kind(built):
    _, db, _ = built
    rows = db.execute("SELECT n.key, n.own FROM name n JOIN place p ON p.id = n.place "
                      "WHERE p.precision = 'admin1' AND p.country = 'NG' AND p.admin1 = '27'").fetchall()
    assert set(rows) == {("borno state", 1), ("borno", 0)}
