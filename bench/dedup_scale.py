"""How long dedup takes, and how its cost grows, on 10,000 and 100,000 synthetic events.

Run by hand, not by pytest: `.venv/bin/python bench/dedup_scale.py [--sizes 10000 100000]`.
It measures, it asserts nothing.

The events are built from real event shapes: real-world events in 40 countries, each in a town
of the shipped GeoNames gazetteer (its populated places, by population), over one year, typed
by the mix of PLOVER types of news (ASSAULT, PROTEST and CONSULT the most); each event told by
1 to 4 reports (most by one) whose date may be a day off, whose place may be only the division
or the country, whose toll may differ by one, and whose actor may go unnamed. They are written
into a real store (SQLite on disk, through eventwire's schema) and dedup runs on it as after an
ingest (`Store.dedup(full=True)`). The baseline, measured in the same run, is reading every
event back from the store (`Store.events()`): the ratio says what grouping costs over reading.
By default the events span time in proportion to their number (100,000 over a year, 10,000
over 37 days), so that both sizes have the same events a day; --span fixed puts every size in
one year, where ten times the events means ten times the neighbours each event is compared with.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventwire.extract.places.index import cache_dir, index_path, open_index  # noqa: E402
from eventwire.store import Store  # noqa: E402

TYPES = {"ASSAULT": 30, "PROTEST": 15, "CONSULT": 12, "ACCUSE": 8, "COERCE": 8, "SUPPORT": 5, "AGREE": 5,
         "MOBILIZE": 4, "SANCTION": 3, "THREATEN": 3, "REQUEST": 3, "AID": 2, "REJECT": 2}
COUNTRIES = 40
START = dt.date(2024, 1, 1)
ACTORS = ("army", "police", "protesters", "gunmen", "government", "rebels", "ministry", "militia")


# Words of the synthetic articles' texts (lower case, of the length of news words).
VOCABULARY = ["".join(random.Random(n).choices("abcdefghijklmnopqrstuvwxyz", k=4 + n % 6)) for n in range(5000)]


def places() -> dict[str, list[tuple]]:
    """Towns of the gazetteer by country: (name, geonameid, lat, lon, admin1), biggest first."""
    open_index(lambda s: s.lower()).close()  # builds the index if this machine has none yet
    db = sqlite3.connect(index_path())
    rows = db.execute("SELECT name, geonameid, lat, lon, country, admin1 FROM place WHERE precision = 'city' "
                      "AND population > 20000 ORDER BY population DESC").fetchall()
    by_country: dict[str, list[tuple]] = {}
    for name, gid, lat, lon, country, admin1 in rows:
        by_country.setdefault(country, []).append((name, gid, lat, lon, admin1))
    biggest = sorted(by_country, key=lambda c: -len(by_country[c]))[:COUNTRIES]
    return {c: by_country[c][:200] for c in biggest}


def build(path: Path, size: int, days: int, seed: int = 1) -> int:
    """A store of about `size` events (reports) over `days` days, built from the shapes above;
    returns the number of real-world events."""
    rng = random.Random(seed)
    towns = places()
    countries = list(towns)
    kinds, weights = list(TYPES), list(TYPES.values())
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("BEGIN")
    reports = real = 0
    while reports < size:
        real += 1
        country = rng.choice(countries)
        name, gid, lat, lon, admin1 = rng.choice(towns[country][:rng.choice((5, 50, 200))])
        kind = rng.choices(kinds, weights)[0]
        day = START + dt.timedelta(rng.randrange(days))
        killed = rng.choice((None, None, 1, 2, 3, 5, 8, 12)) if kind == "ASSAULT" else None
        actor = rng.choice(ACTORS)
        story = rng.sample(VOCABULARY, 40)
        for n in range(min(1 + int(rng.expovariate(1.2)), 4)):
            article = f"a{real}-{n}"
            published = day + dt.timedelta(rng.choice((0, 0, 1, 2)))
            # a text of news length, for the leads dedup compares: the event's own words and others
            text = " ".join(rng.choices(story, k=80) + rng.choices(VOCABULARY, k=420))
            db.execute("INSERT INTO articles (id, url, source, title, published, language, text, extraction) "
                       "VALUES (?, ?, ?, ?, ?, 'en', ?, '{}')",
                       (article, f"https://example.org/{article}", f"outlet {n}", "", published.isoformat(), text))
            precision = rng.choices(("city", "admin1", "country", None), (70, 15, 10, 5))[0]
            if precision:
                place = {"city": (name, gid, lat, lon), "admin1": (f"{country}-{admin1}", None, lat + 0.3, lon),
                         "country": (country, None, lat + 1, lon)}[precision]
                db.execute("INSERT INTO places (article_id, id, name, geonameid, lat, lon, country, admin1, precision, "
                           "mentions) VALUES (?, 'p1', ?, ?, ?, ?, ?, ?, ?, '[]')",
                           (article, *place, country, admin1 if precision != "country" else None, precision))
            when = day + dt.timedelta(rng.choice((0, 0, 0, -1, 1)))
            toll = killed + rng.choice((0, 0, 1)) if killed else killed
            db.execute("INSERT INTO events (article_id, id, type, context, place_id, date_start, date_end, "
                       "date_precision, killed, approximate, status, confidence, evidence) "
                       "VALUES (?, 'e1', ?, '[]', ?, ?, ?, 'day', ?, 0, 'reported', 0.5, '[]')",
                       (article, kind, "p1" if precision else None, when.isoformat(), when.isoformat(), toll))
            if rng.random() < 0.7:
                db.execute("INSERT INTO actors (article_id, id, name, kind, country, sector, mentions) "
                           "VALUES (?, 'a1', ?, 'group', NULL, NULL, '[]')", (article, actor))
                db.execute("INSERT INTO event_actors VALUES (?, 'e1', 'a1', 'actor', 0)", (article,))
            reports += 1
    db.execute("COMMIT")
    db.close()
    return real


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--span", choices=("grows", "fixed"), default="grows",
                        help="grows: the events span days in proportion to their number (100,000 a year: a "
                             "bigger collection covers a longer time, as news does); fixed: every size spans "
                             "one year (more events a day, so more pairs to compare per event)")
    args = parser.parse_args()
    print(f"span: {args.span}")
    print(f"gazetteer: {index_path()} (cache {cache_dir()})")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"dedup-{size}.db"
            days = 365 if args.span == "fixed" else max(1, round(365 * size / 100_000))
            real = build(path, size, days)
            with Store(path) as store:
                started = time.perf_counter()
                read = len(store.events())
                baseline = time.perf_counter() - started
                started = time.perf_counter()
                report = store.dedup(full=True)
                seconds = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            results.append({"events": read, "days": days, "real_world_events": real, "groups": report.groups,
                            "merged": report.merged, "dedup_s": round(seconds, 2), "read_s": round(baseline, 2),
                            "ratio_to_read": round(seconds / baseline, 2), "peak_rss_mb": round(peak)})
            print(json.dumps(results[-1]), flush=True)
    if len(results) > 1:
        a, b = results[0], results[-1]
        growth = (b["dedup_s"] / a["dedup_s"]) / (b["events"] / a["events"])
        print(f"cost per event grows x{growth:.2f} from {a['events']} to {b['events']} events (1.0 = linear)")


if __name__ == "__main__":
    main()
