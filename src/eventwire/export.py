"""Exports of the store: jsonl (extraction@1 per article), csv-acled, geojson and parquet of events.

It only reads a `Store`; it must not code or change anything. csv-acled writes ACLED's columns
in ACLED's order, as `eventwire.acled` says how each is filled.

Every CSV goes through `write_csv`: a text cell a spreadsheet would run as a formula ("=", "+",
"-", "@", tab, CR first) gets a leading "'" (OWASP's rule for CSV injection); numeric columns,
such as a longitude of -3.7, are written as they are.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from . import acled
from .errors import EXPORT_FOLDER_MISSING, EXPORT_OVER_STORE, EventwireError
from .store import EVENT_COLUMNS, EventFilter, Store

FORMATS = ("jsonl", "csv-acled", "geojson", "parquet")

ACLED_COLUMNS, ACLED_NUMERIC = acled.COLUMNS, acled.NUMERIC
EVENT_NUMERIC = ("killed", "injured", "size", "size_before", "size_change", "approximate",
                 "perpetrator_confirmed", "confidence", "geonameid", "lat", "lon", "group_sources",
                 "group_reports", "group_killed_min", "group_killed_max", "group_injured_min",
                 "group_injured_max")  # as in parquet_schema

# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What took place: what `eventwire export` writes unless told --all-statuses (or a --status).
TOOK_PLACE = ("reported", "claimed")
# Place precisions from the finest: `--min-precision admin1` keeps site, city, admin2, admin1.
PRECISIONS = ("site", "city", "admin2", "admin1", "country", "region")

# OWASP, "CSV Injection": a spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The files SQLite keeps a store in: an export must never write over one of them.
STORE_FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")

PARQUET_TABLE = "events@1"  # the Parquet events table's layout (parquet_schema), in its metadata
DATE_COLUMNS = ("date_start", "date_end", "published")
PARQUET_NEEDS_FILE = "parquet is a binary format: give the file to write with -o FILE"


def export(store: Store, fmt: str, out: str | Path | None = None, filters: EventFilter = EventFilter(),
           bom: bool = False, reports: bool = False) -> int:
    """Write the store in `fmt` to the file `out` (standard output when None); returns rows
    written (jsonl: articles, each with only the events `filters` keep; other formats: events).
    `bom`: a CSV starts with a UTF-8 byte order mark, which Excel needs to read it as UTF-8.
    `reports`: csv-acled, geojson and parquet give one row per article's event (report) rather
    than one per real-world event (dedup's group, with its sources and figure ranges); jsonl
    always carries every report, in its article."""
    if fmt not in FORMATS:
        raise EventwireError(f"{fmt!r} is not an export format: give one of {', '.join(FORMATS)}")
    if out is not None:
        _check_output(Path(out), store)
    if fmt == "parquet":
        if out is None:
            raise EventwireError(PARQUET_NEEDS_FILE)
        with _replacing(Path(out)) as path:
            return write_parquet(store, path, filters, reports)
    writer = {"jsonl": write_jsonl, "csv-acled": write_acled_csv, "geojson": write_geojson}[fmt]
    newline = "" if fmt == "csv-acled" else None  # the csv module writes its own line ends
    mark = "\ufeff" if bom and fmt == "csv-acled" else ""
    more = {} if fmt == "jsonl" else {"reports": reports}
    if out is None:
        sys.stdout.write(mark)
        return writer(store, sys.stdout, filters, **more)
    with _replacing(Path(out)) as path, open(path, "w", encoding="utf-8", newline=newline) as stream:
        stream.write(mark)
        return writer(store, stream, filters, **more)


def _check_output(out: Path, store: Store) -> None:
    """Refuse, before anything is written, an output that is one of the store's own files (a
    link or another spelling of it included) or that lies in a folder that does not exist."""
    for suffix in STORE_FILE_SUFFIXES:
        own = Path(store.path + suffix)
        if out.resolve() == own.resolve() or (out.exists() and own.exists() and os.path.samefile(out, own)):
            raise EventwireError(EXPORT_OVER_STORE.format(out=out, path=own))
    folder = out.parent
    if not folder.is_dir():
        raise EventwireError(EXPORT_FOLDER_MISSING.format(out=out, folder=folder))


@contextmanager
def _replacing(out: Path) -> Iterator[Path]:
    """The path to write `out` through: a file beside it that replaces it once complete, so a
    failed export leaves the old file (or none), never half of one. A pipe or device (not a
    regular file) is written directly, and never removed."""
    if out.exists() and not out.is_file():
        yield out
        return
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    try:
        yield partial
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def write_jsonl(store: Store, stream: IO[str], filters: EventFilter = EventFilter()) -> int:
    """One extraction@1 object per stored article, one per line, as stored, less the events
    `filters` leave out (and the quotes' pointers to them). Every article is written, also one
    left with no events: its actors, places and quotes are data too."""
    everything = filters == EventFilter()
    kept = set() if everything else {(e["article_id"], e["event_id"]) for e in store.iter_events(filters)}
    count = 0
    for text in store.extractions():
        if not everything:
            data = json.loads(text)
            article = data["article"]["id"]
            data["events"] = [e for e in data["events"] if (article, e["id"]) in kept]
            ids = {e["id"] for e in data["events"]}
            for quote in data.get("quotes", []):
                quote["supports"] = [i for i in quote["supports"] if i in ids]
            text = json.dumps(data, ensure_ascii=False)
        stream.write(text + "\n")
        count += 1
    return count


def events_of(store: Store, filters: EventFilter, reports: bool = False):
    """The events to export: one per real-world event (dedup's groups, with their sources and
    ranges), or with `reports` one per article's event."""
    from .dedup import merged_rows

    return store.iter_events(filters) if reports else iter(merged_rows(store.events(filters)))


def write_acled_csv(store: Store, stream: IO[str], filters: EventFilter = EventFilter(), reports: bool = False) -> int:
    """One row per event with ACLED's columns (eventwire.acled says how each is filled)."""
    return write_csv(stream, ACLED_COLUMNS, ACLED_NUMERIC, (acled.row(e) for e in events_of(store, filters, reports)))


def write_events_csv(rows: list[dict], stream: IO[str], more: tuple[str, ...] = ()) -> int:
    """Rows of `Store.events` as CSV: lists joined with "; ", evidence as its sentences; `more`:
    columns after EVENT_COLUMNS (the merged events' sources and ranges)."""
    from .dedup import MERGED_NUMERIC

    return write_csv(stream, EVENT_COLUMNS + more, EVENT_NUMERIC + tuple(c for c in more if c in MERGED_NUMERIC),
                     ({k: _flat(k, v) for k, v in row.items()} for row in rows))


def write_csv(stream: IO[str], columns: tuple[str, ...], numeric: tuple[str, ...], rows: Iterable[dict]) -> int:
    """Every CSV eventwire writes: a header, then the rows, with each text cell made safe for
    spreadsheets (`neutralise_formula`); returns the number of rows."""
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: v if k in numeric else neutralise_formula(one_line(v)) for k, v in row.items()})
        count += 1
    return count


def one_line(cell):
    """A text cell on one line: wire copy's line breaks, tabs and other control characters
    become single spaces ("Military Forces\nof Iraq" -> "Military Forces of Iraq")."""
    if not isinstance(cell, str):
        return cell
    return " ".join(CONTROL.sub(" ", cell).split())


def neutralise_formula(cell):
    """A text cell that a spreadsheet would run as a formula, with "'" before it (OWASP)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _flat(key: str, value):
    if key == "evidence":
        return " ".join(span["text"].strip() for span in value)
    if isinstance(value, list):
        return "; ".join("" if v is None else str(v) for v in value)
    return value


def write_geojson(store: Store, stream: IO[str], filters: EventFilter = EventFilter(), reports: bool = False) -> int:
    """A FeatureCollection of the events that have coordinates: Point features (RFC 7946)."""
    features = [{
        "type": "Feature",
        "id": f"{event['article_id']}:{event['event_id']}",
        "geometry": {"type": "Point", "coordinates": [event["lon"], event["lat"]]},
        "properties": {k: v for k, v in event.items() if k not in ("lat", "lon")},
    } for event in events_of(store, filters, reports) if event["lat"] is not None and event["lon"] is not None]
    json.dump({"type": "FeatureCollection", "features": features}, stream, ensure_ascii=False)
    stream.write("\n")
    return len(features)


def parquet_schema():
    """The events table's columns and types, fixed so that an empty store still has them."""
    import pyarrow as pa

    span = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
    names = pa.list_(pa.string())
    columns = [
        ("article_id", pa.string()), ("event_id", pa.string()), ("type", pa.string()),
        ("mode", pa.string()), ("context", names), ("acled_event_type", pa.string()),
        ("acled_sub_event_type", pa.string()), ("cameo", pa.string()),
        ("date_start", pa.date32()), ("date_end", pa.date32()), ("date_precision", pa.string()),
        ("date_text", pa.string()), ("killed", pa.int64()), ("injured", pa.int64()),
        ("size", pa.int64()), ("size_before", pa.int64()), ("size_change", pa.int64()),
        ("approximate", pa.bool_()), ("status", pa.string()), ("perpetrator_confirmed", pa.bool_()),
        ("confidence", pa.float64()), ("evidence", pa.list_(span)), ("actors", names),
        ("recipients", names), ("claimed_by", names), ("actor_sectors", names),
        ("recipient_sectors", names), ("actor_countries", names), ("recipient_countries", names),
        ("actor_kinds", names), ("recipient_kinds", names),
        ("place_id", pa.string()), ("place", pa.string()),
        ("place_country", pa.string()), ("place_admin1", pa.string()),
        ("place_admin1_name", pa.string()), ("place_admin2", pa.string()), ("place_admin2_name", pa.string()),
        ("place_precision", pa.string()), ("geonameid", pa.int64()), ("lat", pa.float64()),
        ("lon", pa.float64()), ("title", pa.string()), ("url", pa.string()),
        ("source", pa.string()), ("published", pa.date32()),
        ("group_id", pa.string()), ("group_sources", pa.int64()), ("group_reports", pa.int64()),
        ("group_killed_min", pa.int64()), ("group_killed_max", pa.int64()),
        ("group_injured_min", pa.int64()), ("group_injured_max", pa.int64()), ("group_disagreement", pa.string()),
    ]
    return pa.schema(columns)


def write_parquet(store: Store, path: Path, filters: EventFilter = EventFilter(), reports: bool = False) -> int:
    """The events table, one row per event, as Parquet (pandas, DuckDB and Spark read it)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_dated(row) for row in events_of(store, filters, reports)]
    schema = parquet_schema().with_metadata({
        "eventwire.version": _version(), "eventwire.table": PARQUET_TABLE,
        "eventwire.filters": json.dumps({k: v for k, v in vars(filters).items() if v not in (None, False)})})
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)
    return len(rows)


def _dated(row: dict) -> dict:
    """The row with its ISO date strings as dates (Parquet's date32; DuckDB reads DATE)."""
    for column in DATE_COLUMNS:
        row[column] = dt.date.fromisoformat(row[column][:10]) if row[column] else None
    return row


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventwire")
    except PackageNotFoundError:  # run from a checkout without installing
        return "unknown"
