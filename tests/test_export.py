import csv
import datetime as dt
import io
import json

import geojson
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.dedup import MERGED_COLUMNS
from eventwire.errors import EventwireError
from eventwire.acled import OWN_COLUMNS
from eventwire.export import (ACLED_COLUMNS, DATE_COLUMNS, ACLED_NUMERIC, EVENT_NUMERIC, export, neutralise_formula,
                              parquet_schema)
from eventwire.store import EVENT_COLUMNS, EventFilter, Store

from .conftest import SCHEMA, SHARED, extract_valid, small_disk, src

PUBLISHED = "2022-03-05"
TEXTS = {
    "kharkiv.txt": "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday, killing three civilians "
                   "and wounding 12, regional governor Oleh Synehubov said.",
    "baghdad.txt": "Police fired tear gas at hundreds of protesters in Baghdad on Monday. Two people were "
                   "killed and five injured, the Iraqi health ministry said.",
    "nairobi.txt": "The Kenyan government agreed on Friday to meet union leaders next week, a spokesman said.",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A store holding the texts above, a rejection and a duplicate."""
    path = tmp_path_factory.mktemp("export") / "events.db"
    with Store(path) as store:
        for name, text in TEXTS.items():
            extraction = extract_valid(text, published=PUBLISHED)
            assert store.add(src(name, extraction), extraction) == "coded"
        copy = extract_valid(TEXTS["kharkiv.txt"], published=PUBLISHED)
        store.add(src("copy.txt", copy), copy)
        empty = extract_valid("", published=PUBLISHED)
        store.add(src("empty.txt", empty), empty)
    return path


@pytest.fixture
def store(db):
    with Store(db) as opened:
        yield opened


def test_export_jsonl_is_one_valid_extraction_per_article(store, tmp_path):
    import jsonschema

    out = tmp_path / "articles.jsonl"
    assert export(store, "jsonl", out) == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    for line in lines:
        data = json.loads(line)
        jsonschema.validate(data, SCHEMA)
        assert data["schema"] == "eventwire/extraction@1" and data["article"]["rejected"] is None
    assert json.loads(lines[0])["article"]["text"] == TEXTS["kharkiv.txt"]


def test_export_csv_acled_reads_with_acled_columns(store, tmp_path):
    out = tmp_path / "events.csv"
    count = export(store, "csv-acled", out)
    with open(out, newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == count == store.summary()["events"]
    assert tuple(rows[0]) == ACLED_COLUMNS
    codebook = SHARED / "eval-data" / "acled" / "acled_codebook.csv"
    if codebook.is_file():  # ACLED's columns, in its codebook's order, and the documented others
        with open(codebook, newline="", encoding="utf-8") as stream:
            acled = [row["Variable"] for row in csv.DictReader(stream)]
        newer = {"disorder_type", "civilian_targeting"}  # in ACLED's exports since 2023, not in this codebook
        ours = [c for c in ACLED_COLUMNS if c not in newer and c not in OWN_COLUMNS]
        assert ours == acled
    (kharkiv,) = [r for r in rows if r["location"] == "Kharkiv"]
    assert kharkiv["event_date"] == "01-03-2022" and kharkiv["event_date_iso"] == "2022-03-01"
    assert kharkiv["year"] == "2022" and kharkiv["event_type"] == "Explosions/Remote violence"
    assert kharkiv["disorder_type"] == "Political violence" and kharkiv["region"] == "Europe"
    # Russian troops in Ukraine: a state's forces outside its own country (ACLED's 8)
    assert kharkiv["actor1"] == "Military Forces of Russia" and kharkiv["inter1"] == "8"
    assert kharkiv["country"] == "Ukraine" and kharkiv["iso3"] == "UKR" and kharkiv["iso"] == "804"
    assert kharkiv["admin1"] == "Kharkiv" and kharkiv["admin2"] == "Kharkiv"  # GeoNames' names, kind dropped
    assert kharkiv["fatalities"] == "3" and kharkiv["geo_precision"] == "1"
    assert kharkiv["notes"].startswith("Russian troops shelled")
    assert float(kharkiv["latitude"]) == pytest.approx(49.98, abs=0.1)
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


def test_export_csv_acled_reads_in_pandas(store, tmp_path):
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "events.csv"
    export(store, "csv-acled", out)
    frame = pandas.read_csv(out)
    assert list(frame.columns) == list(ACLED_COLUMNS) and len(frame) == store.summary()["events"]


def _check_rfc7946(collection: dict) -> None:
    """The RFC 7946 rules a FeatureCollection of points must keep (sections 3.1.2, 3.2, 3.3, 4)."""
    assert collection["type"] == "FeatureCollection" and isinstance(collection["features"], list)
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        assert isinstance(feature.get("id", ""), (str, int, float))
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_export_geojson_is_valid(store, tmp_path):
    out = tmp_path / "events.geojson"
    count = export(store, "geojson", out)
    text = out.read_text(encoding="utf-8")
    parsed = geojson.loads(text)
    assert parsed.is_valid, parsed.errors()
    collection = json.loads(text)
    _check_rfc7946(collection)
    located = [r for r in store.events(EventFilter()) if r["lat"] is not None]
    assert count == len(collection["features"]) == len(located) > 0
    kharkiv = [f for f in collection["features"] if f["properties"]["place"] == "Kharkiv"]
    assert kharkiv and kharkiv[0]["geometry"]["coordinates"][0] == pytest.approx(36.25, abs=0.1)  # lon first
    assert kharkiv[0]["properties"]["type"] == "ASSAULT"


def test_export_parquet_reads_in_pyarrow(store, tmp_path):
    out = tmp_path / "events.parquet"
    count = export(store, "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == count == store.summary()["events"]
    assert table.schema.names == list(EVENT_COLUMNS) == parquet_schema().names
    dated = [{k: (dt.date.fromisoformat(v) if k in DATE_COLUMNS and v else v) for k, v in row.items()}
             for row in store.events(EventFilter())]
    assert table.to_pylist() == dated  # the same rows, dates as dates
    meta = table.schema.metadata
    assert meta[b"eventwire.table"] == b"events@1" and meta[b"eventwire.version"]


def test_export_parquet_dates_are_dates_in_duckdb(store, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "events.parquet"
    export(store, "parquet", out)
    kinds = dict(duckdb.sql(f"DESCRIBE SELECT * FROM '{out}'").fetchall()[i][:2] for i in range(len(EVENT_COLUMNS)))
    assert kinds["date_start"] == kinds["published"] == "DATE"
    assert kinds["actor_countries"] == "VARCHAR[]"
    ((first,),) = duckdb.sql(f"SELECT min(date_start) FROM '{out}'").fetchall()
    assert first == dt.date(2022, 2, 28)


def test_export_parquet_of_an_empty_store_keeps_its_columns(tmp_path):
    with Store(tmp_path / "empty.db") as empty:
        assert export(empty, "parquet", tmp_path / "empty.parquet") == 0
    assert pq.read_table(tmp_path / "empty.parquet").schema.names == list(EVENT_COLUMNS)


def test_export_refuses_parquet_to_the_screen_and_unknown_formats(store):
    with pytest.raises(EventwireError, match="-o FILE"):
        export(store, "parquet")
    with pytest.raises(EventwireError, match="not an export format"):
        export(store, "xlsx", "out.xlsx")


def test_cli_events_formats(db):
    runner = CliRunner()
    run = runner.invoke(cli, ["events", "--db", str(db), "--country", "UA", "--format", "json"])
    assert run.exit_code == 0, run.output
    rows = [json.loads(line) for line in run.output.splitlines()]
    assert rows and {r["place"] for r in rows} == {"Kharkiv"}
    run = runner.invoke(cli, ["events", "--db", str(db), "--search", "tear gas", "--format", "csv"])
    assert run.exit_code == 0, run.output
    rows = list(csv.DictReader(io.StringIO(run.output)))
    assert rows and {r["place"] for r in rows} == {"Baghdad"} and tuple(rows[0]) == EVENT_COLUMNS + MERGED_COLUMNS
    run = runner.invoke(cli, ["events", "--db", str(db), "--type", "ASSAULT", "--limit", "5"])
    assert run.exit_code == 0 and "ASSAULT" in run.output


def test_cli_events_bad_date_and_missing_store(tmp_path):
    runner = CliRunner()
    run = runner.invoke(cli, ["events", "--db", str(tmp_path / "db"), "--since", "last week"])
    assert run.exit_code == 2 and "YYYY-MM-DD" in run.output
    run = runner.invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert isinstance(run.exception, EventwireError) and "no such store" in str(run.exception)
    assert not (tmp_path / "none.db").exists()


def test_cli_export_writes_file(db, tmp_path):
    out = tmp_path / "events.geojson"
    run = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "geojson", "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert geojson.loads(out.read_text(encoding="utf-8")).is_valid
    run = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "jsonl"])
    assert run.exit_code == 0 and len(run.output.splitlines()) == 3


# Spreadsheet safety: OWASP's rule for CSV injection, on text cells only.

FORMULAS = {"actor": '=HYPERLINK("http://evil.example","click")', "recipient": "@SUM(1+1)*cmd|' /C calc'!A0",
            "place": "+Madrid", "title": "-2+3 tear gas in Madrid", "source": "=cmd"}
# A tab or line break first: dropped with the other control characters, and the formula neutralised.
TAB_SOURCE = "\t=cmd"


@pytest.fixture(scope="module")
def formulas_db(tmp_path_factory):
    """A store with one real event in Madrid (longitude -3.7) whose crawled names are formulas."""
    import dataclasses

    text = "Spanish police fired tear gas at hundreds of protesters in Madrid on Monday, officials said."
    ex = extract_valid(text, published=PUBLISHED)
    (event,) = ex.events
    names = {event.actors[0]: FORMULAS["actor"], event.recipients[0]: FORMULAS["recipient"]}
    ex = dataclasses.replace(
        ex, actors=tuple(dataclasses.replace(a, name=names.get(a.id, a.name)) for a in ex.actors),
        places=tuple(dataclasses.replace(p, name=FORMULAS["place"]) for p in ex.places),
        article=dataclasses.replace(ex.article, title=FORMULAS["title"], source=TAB_SOURCE))
    path = tmp_path_factory.mktemp("formulas") / "events.db"
    with Store(path) as store:
        store.add(src("madrid.txt", ex), ex)
    return path


@pytest.mark.parametrize("cell,expected", [
    ("=1+1", "'=1+1"), ("+49 30 1234", "'+49 30 1234"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("Madrid", "Madrid"), ("a=b", "a=b"), ("", ""),
    (" =1", " =1"),  # not at the start: no spreadsheet runs it
    (-3.7, -3.7), (0, 0), (None, None),  # not text: left alone
])
def test_export_neutralise_formula(cell, expected):
    assert neutralise_formula(cell) == expected


def test_export_csv_acled_neutralises_text_cells_and_keeps_negative_numbers(formulas_db, tmp_path):
    out = tmp_path / "events.csv"
    with Store(formulas_db) as store:
        assert export(store, "csv-acled", out) == 1
    with open(out, newline="", encoding="utf-8") as stream:
        (row,) = csv.DictReader(stream)
    # both sides are the Spanish state's: ACLED's names for them, not the crawled ones
    assert (row["actor1"], row["actor2"]) == ("Police Forces of Spain", "Government of Spain")
    assert row["location"] == "'" + FORMULAS["place"] and row["source"] == "'" + FORMULAS["source"]
    assert float(row["longitude"]) == pytest.approx(-3.70, abs=0.05)  # a number, not "'-3.7"
    assert row["latitude"] and row["fatalities"] == "0" and row["iso3"] == "ESP"


def test_cli_events_csv_neutralises_text_cells_and_keeps_negative_numbers(formulas_db):
    run = CliRunner().invoke(cli, ["events", "--db", str(formulas_db), "--format", "csv"])
    assert run.exit_code == 0, run.output
    (row,) = csv.DictReader(io.StringIO(run.output))
    assert row["title"] == "'" + FORMULAS["title"] and row["actors"] == "'" + FORMULAS["actor"]
    assert row["recipients"] == "'" + FORMULAS["recipient"] and row["place"] == "'" + FORMULAS["place"]
    assert row["source"] == "'" + FORMULAS["source"]
    assert float(row["lon"]) == pytest.approx(-3.70, abs=0.05)


def test_export_numeric_columns_are_the_parquet_schemas_numbers():
    import pyarrow as pa

    numbers = [f.name for f in parquet_schema() if pa.types.is_integer(f.type) or pa.types.is_floating(f.type)
               or pa.types.is_boolean(f.type)]
    assert sorted(numbers) == sorted(EVENT_NUMERIC)
    assert set(ACLED_NUMERIC) <= set(ACLED_COLUMNS)


# The store is never an export's output.

@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
@pytest.mark.parametrize("spelling", ["same", "wal", "shm", "other-spelling", "hard-link"])
def test_export_refuses_to_write_over_the_store(tmp_path, db, fmt, spelling):
    import os
    import shutil

    path = tmp_path / "events.db"
    shutil.copy(db, path)
    with Store(path, readonly=True) as store:
        out = {"same": path, "wal": tmp_path / "events.db-wal", "shm": tmp_path / "events.db-shm",
               "other-spelling": tmp_path / "." / ".." / tmp_path.name / "events.db",
               "hard-link": tmp_path / "link.db"}[spelling]
        if spelling == "hard-link":
            os.link(path, out)
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
        with pytest.raises(EventwireError, match="this is the store's own file"):
            export(store, fmt, out)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    with Store(path, readonly=True) as store:
        assert store.events(EventFilter())


def test_cli_export_over_the_store_and_to_a_missing_folder_write_nothing(tmp_path, db):
    import shutil

    path = tmp_path / "events.db"
    shutil.copy(db, path)
    before = path.read_bytes()
    run = CliRunner().invoke(cli, ["export", "--db", str(path), "--format", "parquet", "-o", str(path)])
    assert isinstance(run.exception, EventwireError) and "store's own file" in str(run.exception)
    assert path.read_bytes() == before
    out = tmp_path / "missing" / "events.jsonl"
    with Store(path, readonly=True) as store:
        with pytest.raises(EventwireError, match="the folder .*missing does not exist"):
            export(store, "jsonl", out)
    assert not out.parent.exists()


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_export_that_fails_midway_leaves_the_old_file_whole(tmp_path, store, fmt):
    """A full disk during an export: the file written before is still there as it was, and no
    half-written file is left beside it."""
    with small_disk(tmp_path / "small", "64k") as small:
        out = small / f"events.{fmt}"
        out.write_bytes(b"the export of yesterday\n")
        (small / "filler").write_bytes(b"x" * 60_000)  # what is left cannot hold the export
        with pytest.raises(OSError):
            export(store, fmt, out)
        assert out.read_bytes() == b"the export of yesterday\n"
        assert sorted(p.name for p in small.iterdir()) == ["events." + fmt, "filler"]


def test_min_confidence_keeps_only_the_events_at_or_above_it(store, db, tmp_path):
    confidences = sorted(e["confidence"] for e in store.events(EventFilter()))
    assert len(set(confidences)) > 1, "the texts should give events of different confidence"
    cut = confidences[len(confidences) // 2]
    kept = [c for c in confidences if c >= cut]
    assert 0 < len(kept) < len(confidences)
    assert sorted(e["confidence"] for e in store.events(EventFilter(min_confidence=cut))) == kept
    out = tmp_path / "events.csv"
    assert export(store, "csv-acled", out, EventFilter(min_confidence=cut)) == len(kept)
    jsonl = tmp_path / "articles.jsonl"
    assert export(store, "jsonl", jsonl, EventFilter(min_confidence=cut)) == 3  # every article stays
    events = [e for line in jsonl.read_text(encoding="utf-8").splitlines() for e in json.loads(line)["events"]]
    assert sorted(e["confidence"] for e in events) == kept
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--min-confidence", str(cut), "--format", "json"])
    assert result.exit_code == 0 and len(result.output.splitlines()) == len(kept)
    bad = CliRunner().invoke(cli, ["events", "--db", str(db), "--min-confidence", "1.5"])
    assert bad.exit_code == 2 and "1.5" in bad.output


def test_extract_min_confidence_drops_the_less_confident_events(tmp_path):
    article = tmp_path / "news.txt"
    article.write_text(" ".join(TEXTS.values()), encoding="utf-8")
    every = CliRunner().invoke(cli, ["extract", str(article), "--format", "json", "--published", PUBLISHED])
    events = json.loads(every.output)["events"]
    assert len(events) > 1
    cut = max(e["confidence"] for e in events)
    top = CliRunner().invoke(cli, ["extract", str(article), "--format", "json", "--published", PUBLISHED,
                                   "--min-confidence", str(cut)])
    kept = json.loads(top.output)
    assert [e["confidence"] for e in kept["events"]] == [e["confidence"] for e in events if e["confidence"] >= cut]
    assert 0 < len(kept["events"]) < len(events)
    assert all(i in {e["id"] for e in kept["events"]} for q in kept["quotes"] for i in q["supports"])


@pytest.mark.parametrize("cell, flat", [
    ("Military Forces\nof Iraq", "Military Forces of Iraq"),          # a wire line break
    ("Reuters\r\n\tstaff\x00\x85", "Reuters staff"),                 # CR LF, tab, NUL, NEL
    ("a\u2028b  c", "a b c"),
    (-3.7, -3.7),
])
def test_export_cells_on_one_line(cell, flat):
    from eventwire.export import one_line

    assert one_line(cell) == flat
