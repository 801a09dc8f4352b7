"""`eventwire serve`: browse a store in Datasette, read-only, with a map, facets and search.

Datasette (pinned) serves the store as an immutable database: no page or query can write to it.
`metadata` titles and describes every table, view and column a user sees and sets the facets of
the events view (type, ACLED type, country, status, date); datasette-cluster-map draws the
event_map view (the store's events with coordinates, each marker's popup linking to the event's
page). The plugin in serve_plugins/ adds an event page and an article page, with the article's
text and the event's evidence, actors, places and dates highlighted (templates in
serve_templates/). Full-text search is Datasette's own (`?_search=`), through the store's
external-content index of the articles.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from .errors import EventwireError
from .extract.places.index import cache_dir
from .store import SCHEMA_VERSION, Store

DEFAULT_PORT = 8001
TOO_OLD = ("{path}: this store has schema version {found}; serve reads version {expected} (its views and "
           "search index): run `eventwire ingest` on it once (with any file, or nothing new) to upgrade it")

EVENT_COLUMNS = {
    "article_id": "The article the event was coded from (the articles table).",
    "event_id": "The event's id within its article.",
    "type": "PLOVER event type (ASSAULT, PROTEST, CONSULT ...).",
    "mode": "PLOVER mode: how, where the type says more (shelling, crowd-control ...).",
    "context": "PLOVER contexts: what the event is about.",
    "acled_event_type": "ACLED event type, where ACLED would code the event.",
    "acled_sub_event_type": "ACLED sub-event type.",
    "cameo": "CAMEO root code.",
    "date_start": "The day (or first day) the event happened.",
    "date_end": "The last day, for an event over several days or a vague date.",
    "date_precision": "day, week, month, year or vague.",
    "date_text": "The words of the text that dated it.",
    "killed": "People killed, as reported.",
    "injured": "People injured, as reported.",
    "size": "Crowd or force size, as reported.",
    "status": "reported, claimed, planned, threatened, denied, historical ...: whether it took place.",
    "confidence": "The share of events like it that were fully right on eventwire's article gold.",
    "evidence": "The sentences that tell the event, with their offsets in the article text.",
    "actors": "Who acted.",
    "recipients": "Who the event was done to.",
    "place": "Where, as a GeoNames place.",
    "place_country": "The place's country (ISO 3166-1 alpha-2).",
    "place_admin1_name": "The place's first-level division (state, province).",
    "place_admin2_name": "The place's second-level division (district, county).",
    "place_precision": "site, city, admin2, admin1, country or region.",
    "lat": "Latitude of the place.",
    "lon": "Longitude of the place.",
    "title": "The article's title.",
    "published": "The article's publication date.",
}


ACTOR_COLUMNS = {
    "article_id": "The article that names the actor.", "actor_id": "The actor's id within its article.",
    "name": "The actor's name as the article gives it (the fullest of its mentions).",
    "kind": "person, organization, country, government, military, armed group or group.",
    "country": "The actor's country (ISO 3166-1 alpha-3), where known.",
    "sector": "PLOVER/CAMEO sector: GOV, MIL, COP, REB, CVL ...", "role": "The person's title, where given.",
    "events": "Events of the article this actor is a party to.",
}
PLACE_COLUMNS = {
    "article_id": "The article that names the place.", "place_id": "The place's id within its article.",
    "name": "The place as GeoNames names it.", "precision": "site, city, admin2, admin1, country or region.",
    "geonameid": "Its GeoNames id (none for divisions, regions and airports: see the extraction's geonameid_note).",
    "country": "ISO 3166-1 alpha-2.", "admin1": "GeoNames' code of the first-level division.",
    "admin1_name": "The first-level division (state, province).", "admin2": "GeoNames' code of the second-level division.",
    "admin2_name": "The second-level division (district, county).", "events": "Events of the article placed here.",
}
ARTICLE_COLUMNS = {
    "id": "The article's id: a hash of its text.", "url": "Where it was read, where known.",
    "source": "The publisher, where known.", "published": "Its publication date.",
    "language": "The language detected.", "text": "The article text that was coded (what offsets count in).",
    "extraction": "The whole extraction@1 JSON of the article.",
    "eventwire_version": "The eventwire that coded it.", "spacy_model": "The spaCy pipeline it was parsed with.",
    "type_model": "The event-type model: shipped, a folder made by eventwire train, or none (the rules alone).",
}


def metadata(db_path: Path) -> dict:
    """Datasette's metadata for a store: titles, descriptions, facets, the map, search."""
    name = db_path.stem
    return {
        "title": "eventwire",
        "description": "Events coded from news articles by eventwire: who did what to whom, where, when, "
                       "each traced to the sentences that tell it.",
        "databases": {name: {
            "title": f"eventwire store {db_path.name}",
            "tables": {
                "event_rows": {
                    "title": "Events",
                    "description": "One row per event, with its actors, place and article. The map shows the "
                                   "events that have coordinates; facets narrow by type, country, status and date.",
                    "facets": ["type", "acled_event_type", "place_country", "status", {"date": "date_start"}],
                    "sort_desc": "date_start",
                    "columns": EVENT_COLUMNS,
                },
                "event_map": {
                    "title": "Map of events",
                    "description": "The events that have coordinates, on a map: click a marker, then its "
                                   "title, for the event's page and the sentence it came from.",
                    "facets": ["type", "place_country", "status"],
                    "sort_desc": "date_start",
                    "columns": {"popup": "What the map shows for the event, with the link to its page.",
                                "latitude": "Latitude of the event's place.",
                                "longitude": "Longitude of the event's place.",
                                **{k: v for k, v in EVENT_COLUMNS.items() if k in ("type", "status", "date_start")}},
                },
                "actor_rows": {"title": "Actors", "description": "One row per actor of an article: a person, "
                               "an organisation, a state or a group, with its country and sector.",
                               "facets": ["kind", "country", "sector"], "columns": ACTOR_COLUMNS},
                "place_rows": {"title": "Places", "description": "One row per place an article names, resolved "
                               "against GeoNames, with its divisions and how many events happened there.",
                               "facets": ["precision", "country"], "columns": PLACE_COLUMNS,
                               "plugins": {"datasette-cluster-map": {"latitude_column": "lat",
                                                                     "longitude_column": "lon"}}},
                "articles": {"title": "Articles", "description": "The coded articles: text, title, source, "
                             "publication date, what coded them, and the whole extraction as JSON. Search "
                             "them by any word of their title or text.",
                             "fts_table": "articles_fts", "searchmode": "raw", "columns": ARTICLE_COLUMNS},
                "documents": {"title": "Documents", "description": "Every document read: its key (URL, feed "
                              "entry id or content hash), where it came from, and its outcome."},
                "rejections": {"title": "Rejections", "description": "Documents that could not be coded, "
                               "with the reason."},
                "events": {"title": "Events (table)", "description": "The events table as stored, searchable "
                           "by any word of their evidence; the Events view (event_rows) joins in actors, place "
                           "and article.", "fts_table": "events_fts", "searchmode": "raw"},
                "actors": {"title": "Actors (table)"},
                "places": {"title": "Places (table)"},
                "quotes": {"title": "Quotes", "description": "Quoted statements, their speaker and the "
                           "events they support."},
                "event_actors": {"title": "Event roles", "description": "Which actor is actor, recipient or "
                                 "claimant of which event."},
            },
        }},
    }


def command(db: str, host: str, port: int) -> list[str]:
    """The Datasette command line that serves `db`; checks the store first."""
    path = Path(db)
    with Store(path, readonly=True) as store:  # a missing or foreign file is one clear line
        found = store._stored_version()
    if found != str(SCHEMA_VERSION):
        raise EventwireError(TOO_OLD.format(path=db, found=found, expected=SCHEMA_VERSION))
    data = json.dumps(metadata(path), indent=2, ensure_ascii=False)
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    meta = folder / f"serve-metadata-{hashlib.sha1(data.encode()).hexdigest()[:12]}.json"
    meta.write_text(data, encoding="utf-8")
    here = Path(__file__).parent
    return [sys.executable, "-m", "datasette", "serve", "--immutable", str(path), "--metadata", str(meta),
            "--plugins-dir", str(here / "serve_plugins"), "--template-dir", str(here / "serve_templates"),
            "--host", host, "--port", str(port), "--setting", "default_page_size", "50",
            "--setting", "allow_download", "off"]


def serve(db: str, host: str, port: int) -> None:
    """Replace this process with Datasette serving `db` (Ctrl-C stops it)."""
    argv = command(db, host, port)
    print(f"eventwire: browse {db} at http://{host}:{port}/{Path(db).stem}/event_map (Ctrl-C to stop)",
          file=sys.stderr, flush=True)
    os.execv(argv[0], argv)
