"""`eventwire export` filters and defaults (issue 14): what took place by default, ACLED rows
only in csv-acled, the filters of `events`, --min-precision, --bom."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.store import Store

from .conftest import extract_valid, src

TEXTS = {
    "threat.txt": "The army said it will attack the rebel town of Kidal next week.",     # threatened
    "talks.txt": "The presidents of France and Mali met in Paris on Monday to discuss security.",  # no ACLED type
    "gao.txt": "Gunmen killed three soldiers near Gao on Sunday, officials in Mali said.",  # a city
    "mali.txt": "Fighting was reported in Mali on Sunday, the army said, and soldiers clashed with rebels.",  # a country
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "events.db"
    with Store(path) as store:
        for name, text in TEXTS.items():
            ex = extract_valid(text, published="2024-05-08")
            store.add(src(name, ex), ex)
    return path


def export(db, *args) -> str:
    run = CliRunner().invoke(cli, ["export", "--db", str(db), *args])
    assert run.exit_code == 0, run.output
    return run.output


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_export_default_is_what_took_place_and_acled_typed(db):
    default = rows(export(db, "--format", "csv-acled"))
    assert default and all(r["event_type"] for r in default)
    assert not any("Kidal" in r["notes"] for r in default)  # the threat did not take place
    assert not any("Paris" in r["notes"] for r in default)  # a meeting: no ACLED type
    everything = rows(export(db, "--format", "csv-acled", "--all-statuses", "--all-types"))
    assert any("Kidal" in r["notes"] for r in everything) and any("Paris" in r["notes"] for r in everything)


def test_export_status_filter_names_its_status(db):
    threats = [json.loads(line) for line in export(db, "--format", "jsonl", "--status", "threatened").splitlines()]
    assert len(threats) == len(TEXTS)  # every article, each with only the events kept
    assert [e["status"] for x in threats for e in x["events"]] == ["threatened"]


def test_export_takes_the_filters_of_events(db):
    battles = rows(export(db, "--format", "csv-acled", "--acled-type", "Battles", "--place", "Gao"))
    assert len(battles) == 1 and battles[0]["location"] == "Gao" and battles[0]["fatalities"] == "3"
    assert rows(export(db, "--format", "csv-acled", "--since", "2030-01-01")) == []


def test_export_geojson_min_precision_leaves_out_country_centroids(db):
    every = json.loads(export(db, "--format", "geojson"))["features"]
    local = json.loads(export(db, "--format", "geojson", "--min-precision", "admin1"))["features"]
    assert {f["properties"]["place_precision"] for f in every} >= {"city", "country"}
    assert {f["properties"]["place_precision"] for f in local} == {"city"}


def test_export_bom_for_excel(db, tmp_path):
    out = tmp_path / "events.csv"
    export(db, "--format", "csv-acled", "--bom", "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and rows(data.decode("utf-8"))
    assert not export(db, "--format", "csv-acled").startswith("\ufeff")


def test_export_every_format_carries_status_confidence_and_precisions(db):
    (feature, *_) = json.loads(export(db, "--format", "geojson"))["features"]
    for key in ("status", "confidence", "date_precision", "place_precision", "actors", "actor_countries"):
        assert key in feature["properties"]


def test_export_csv_acled_of_the_seed_and_the_bundled_example_has_no_empty_type_actor_or_inter(tmp_path):
    """The issue's check: ACLED's columns, and no exported row without event_type, actor1, inter1."""
    from .conftest import ROOT, SHARED

    paths = [str(ROOT / "src" / "eventwire" / "examples")]
    seed = SHARED / "seed" / "nato-iraq-thehill.txt"
    if seed.is_file():
        paths.append(str(seed))
    db = tmp_path / "events.db"
    run = CliRunner().invoke(cli, ["ingest", *paths, "--db", str(db), "--workers", "0", "--published", "2021-02-18"])
    assert run.exit_code == 0, run.output
    exported = rows(export(db, "--format", "csv-acled"))
    assert exported, "the seed has an ACLED-typed event (the rocket attack on Erbil)" if seed.is_file() else ""
    for row in exported:
        assert row["event_type"] and row["actor1"] and row["inter1"], row
        assert row["status"] in ("reported", "claimed") and 0 < float(row["confidence"]) <= 1
