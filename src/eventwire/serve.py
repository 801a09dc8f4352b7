"""`eventwire serve`: browse a store in Datasette, read-only, with a map, facets and search.

Datasette (pinned) serves the store as an immutable database: no page or query can write to it.
`metadata` titles and describes every table, view and column a user sees and sets the facets of
the events view (type, ACLED type, country, status, date); datasette-cluster-map draws the
event_map view (the store's events with coordinates, each marker's popup linking to the event's
page), its markers coloured by type (TYPE_COLOURS, through serve_plugins/eventwire_map.js). The plugin in serve_plugins/ adds an event page and an article page, with the article's
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
    "size_before": "For a change of size (troops added or withdrawn): the size before it.",
    "size_change": "For a change of size: by how many, up (more) or down (fewer).",
    "approximate": "1 where the figures are approximate (\"about 200\", \"dozens\").",
    "status": "reported, claimed, planned, threatened, denied, historical ...: whether it took place.",
    "perpetrator_confirmed": "1 where the text confirms who did it, 0 where it is alleged or unknown.",
    "confidence": "The share of events like it that were fully right on eventwire's article gold.",
    "evidence": "The sentences that tell the event, with their offsets in the article text.",
    "actors": "Who acted.",
    "recipients": "Who the event was done to.",
    "claimed_by": "Who claimed it (an armed group claiming an attack).",
    "actor_sectors": "The actors' sectors (GOV, MIL, COP, REB, CVL ...), in the order of actors.",
    "recipient_sectors": "The recipients' sectors, in the order of recipients.",
    "actor_countries": "The actors' countries (ISO 3166-1 alpha-3), in the order of actors.",
    "recipient_countries": "The recipients' countries, in the order of recipients.",
    "actor_kinds": "The actors' kinds (person, organization, country, military ...).",
    "recipient_kinds": "The recipients' kinds.",
    "place_id": "The place's id within the article (the places table).",
    "place": "Where, as a GeoNames place.",
    "place_country": "The place's country (ISO 3166-1 alpha-2).",
    "place_admin1": "GeoNames' code of the place's first-level division.",
    "place_admin1_name": "The place's first-level division (state, province).",
    "place_admin2": "GeoNames' code of the place's second-level division.",
    "place_admin2_name": "The place's second-level division (district, county).",
    "place_precision": "site, city, admin2, admin1, country or region.",
    "geonameid": "The place's GeoNames id.",
    "lat": "Latitude of the place.",
    "lon": "Longitude of the place.",
    "title": "The article's title.",
    "url": "Where the article was read, where known.",
    "source": "The article's publisher, where known.",
    "published": "The article's publication date.",
    "group_id": "The real-world event this report is part of (dedup's group: the event_groups table).",
    "group_sources": "How many articles report that real-world event.",
    "group_reports": "How many events of articles (reports) it groups.",
    "group_killed_min": "The lowest toll of killed its reports give.",
    "group_killed_max": "The highest toll of killed its reports give.",
    "group_injured_min": "The lowest count of injured its reports give.",
    "group_injured_max": "The highest count of injured its reports give.",
    "group_disagreement": "What its reports disagree on (\"killed 4-5\"), each figure kept with its source.",
    "event_rowid": "The event's row in the full-text index of evidence (what search uses).",
}
ARTICLE_OF = {k: EVENT_COLUMNS[k] for k in ("article_id", "title", "url", "published")}
MENTIONS = "Where the article names it: each mention's words and character offsets in the text."
ACTOR_COLUMNS = {
    "article_id": "The article that names the actor.", "actor_id": "The actor's id within its article.",
    "name": "The actor's name as the article gives it (the fullest of its mentions).",
    "kind": "person, organization, country, government, military, armed group or group.",
    "country": "The actor's country (ISO 3166-1 alpha-3), where known.",
    "sector": "PLOVER/CAMEO sector: GOV, MIL, COP, REB, CVL ...", "role": "The person's title, where given.",
    "events": "Events of the article this actor is a party to.",
    **{k: v for k, v in ARTICLE_OF.items() if k != "article_id"},
}
ACTOR_TABLE_COLUMNS = {**{k: v for k, v in ACTOR_COLUMNS.items() if k not in ("actor_id", "role", "events", "url",
                                                                             "published")},
                       "id": ACTOR_COLUMNS["actor_id"], "title": ACTOR_COLUMNS["role"], "mentions": MENTIONS}
PLACE_COLUMNS = {
    "article_id": "The article that names the place.", "place_id": "The place's id within its article.",
    "name": "The place as GeoNames names it.", "precision": "site, city, admin2, admin1, country or region.",
    "geonameid": "Its GeoNames id (none for divisions, regions and airports: see the extraction's geonameid_note).",
    "lat": "Its latitude.", "lon": "Its longitude.",
    "country": "ISO 3166-1 alpha-2.", "admin1": "GeoNames' code of the first-level division.",
    "admin1_name": "The first-level division (state, province).", "admin2": "GeoNames' code of the second-level division.",
    "admin2_name": "The second-level division (district, county).", "events": "Events of the article placed here.",
    **{k: v for k, v in ARTICLE_OF.items() if k != "article_id"},
}
PLACE_TABLE_COLUMNS = {**{k: v for k, v in PLACE_COLUMNS.items() if k not in ("place_id", "events", "title", "url",
                                                                             "published")},
                       "id": PLACE_COLUMNS["place_id"], "mentions": MENTIONS}
EVENT_TABLE_COLUMNS = {"id": EVENT_COLUMNS["event_id"], **{k: EVENT_COLUMNS[k] for k in (
    "article_id", "type", "mode", "context", "acled_event_type", "acled_sub_event_type", "cameo", "place_id",
    "date_start", "date_end", "date_precision", "date_text", "killed", "injured", "size", "size_before",
    "size_change", "approximate", "status", "perpetrator_confirmed", "confidence", "evidence")}}
ARTICLE_COLUMNS = {
    "id": "The article's id: a hash of its text.", "url": "Where it was read, where known.",
    "source": "The publisher, where known.", "title": "Its title, where known.", "published": "Its publication date.",
    "language": "The language detected.", "text": "The article text that was coded (what offsets count in).",
    "extraction": "The whole extraction@1 JSON of the article.",
    "eventwire_version": "The eventwire that coded it.", "spacy_model": "The spaCy pipeline it was parsed with.",
    "type_model": "The event-type model: shipped, a folder made by eventwire train, or none (the rules alone).",
}
DOCUMENT_COLUMNS = {
    "key": "What identifies the document across runs: its URL, its feed entry's id, or a hash of its content.",
    "digest": "A hash of the content last read, to tell a changed document from the same one.",
    "name": "Where it was read: file, file and line, WARC record, feed entry.",
    "article_id": "The article it was coded into (the articles table), if it was.",
    "outcome": "coded, duplicate (its text was already coded), rejected or unreadable.",
    "code": "Why it was not coded, as a short code (empty, language, no_prose, too_large, malformed ...).",
    "reason": "Why it was not coded, in words.",
    "url": "Its URL, where known.", "source": "Its publisher, where known.", "title": "Its title, where known.",
    "published": "Its publication date, where known.", "fetched": "When it was fetched from the web.",
    "stored_at": "When it was first stored.", "updated_at": "When its row last changed (read again, changed).",
}
QUOTE_COLUMNS = {
    "article_id": "The article of the quote.", "n": "The quote's position in the article (0 first).",
    "text": "The quoted words.", "start_char": "Where the quote starts in the article text (a character offset).",
    "end_char": "Where it ends.", "speaker_id": "Who said it: an actor of the article (the actors table).",
    "cue": "The verb that attributes it (said, told, warned ...).",
    "supports": "The events of the article the quote supports (their ids).",
}
GROUP_COLUMNS = {
    "id": "The real-world event's id (kept as later reports join it).",
    "type": "PLOVER event type of its reports.", "acled_sub_event_type": "The ACLED sub-type most of its reports give.",
    "reports": "How many events of articles it groups.", "sources": "How many articles report it.",
    "date_start": "The first day its reports give.", "date_end": "The last day its reports give.",
    "place": "The most precise place its reports give.", "place_country": "That place's country (ISO 3166-1 alpha-2).",
    "lat": "Latitude of the place.", "lon": "Longitude of the place.",
    "place_precision": "site, city, admin2, admin1, country or region.",
    "killed_min": "The lowest toll of killed its reports give.", "killed_max": "The highest.",
    "injured_min": "The lowest count of injured its reports give.", "injured_max": "The highest.",
    "disagreement": "What its reports disagree on (\"killed 4-5\"); never averaged.",
    "updated": "The publication date of a later report that raised a figure.",
    "first_published": "When the first report was published.", "last_published": "When the last was.",
    "figures": "Each report's figures with its source, publication date and status (JSON).",
}
GROUP_REPORT_COLUMNS = {
    "article_id": "The article of the report.", "event_id": "The report: an event of that article.",
    "group_id": "The real-world event it is part of (event_groups).",
    "score": "Its best score with another report of the group (dedup's points; empty when alone).",
    "reasons": "Why it was grouped: what it shares with that report (JSON).",
}
ROLE_COLUMNS = {
    "article_id": "The article of the event and the actor.", "event_id": "The event (the events table).",
    "actor_id": "The actor (the actors table).", "role": "actor, recipient or claimed_by.",
    "n": "The actor's position among the event's actors of that role (0 first).",
}


# One colour a PLOVER type, by quad: material conflict reds and purples, verbal conflict oranges
# and yellows, cooperation blues and greens; a type it does not know is grey.
TYPE_COLOURS = {
    "ASSAULT": "#c92a2a", "COERCE": "#a61e4d", "MOBILIZE": "#862e9c", "SANCTION": "#5f3dc4",
    "PROTEST": "#e8590c", "THREATEN": "#f08c00", "ACCUSE": "#e67700", "REJECT": "#d9480f",
    "REQUEST": "#fab005", "AGREE": "#1971c2", "CONSULT": "#1098ad", "SUPPORT": "#4dabf7",
    "CONCEDE": "#0ca678", "COOPERATE": "#2b8a3e", "AID": "#74b816", "RETREAT": "#868e96",
}
OTHER_COLOUR = "#495057"


def legend() -> str:
    """The map's key: each type's colour, as HTML for the map views' descriptions."""
    swatch = ('<span style="white-space: nowrap; margin-right: 0.8em"><span style="display: inline-block; '
              'width: 0.8em; height: 0.8em; border-radius: 50%; background: {}"></span> {}</span>')
    return "".join(swatch.format(colour, name) for name, colour in TYPE_COLOURS.items())


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
                    "description_html": "<p>One row per event, with its actors, place and article. The map "
                                        "shows the events that have coordinates, coloured by type; facets "
                                        f"narrow by type, country, status and date.</p><p>{legend()}</p>",
                    "facets": ["type", "acled_event_type", "place_country", "status", {"date": "date_start"}],
                    "sort_desc": "date_start", "fts_table": "events_fts", "fts_pk": "event_rowid",
                    "searchmode": "raw", "columns": EVENT_COLUMNS,
                },
                "event_map": {
                    "title": "Map of events",
                    "description_html": "<p>The events that have coordinates, on a map coloured by type: "
                                        "click a marker, then its title, for the event's page and the "
                                        f"sentence it came from.</p><p>{legend()}</p>",
                    "facets": ["type", "place_country", "status"],
                    "sort_desc": "date_start",
                    "columns": {"popup": "What the map shows for the event, with the link to its page.",
                                "latitude": "Latitude of the event's place.",
                                "longitude": "Longitude of the event's place.",
                                **{k: v for k, v in EVENT_COLUMNS.items()
                                   if k in ("article_id", "event_id", "type", "acled_event_type", "status",
                                            "date_start", "killed", "place", "place_country")}},
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
                              "entry id or content hash), where it came from, and its outcome.",
                              "facets": ["outcome", "code"], "columns": DOCUMENT_COLUMNS},
                "rejections": {"title": "Rejections", "description": "Documents that could not be coded, "
                               "with the reason.", "facets": ["code"],
                               "columns": {k: DOCUMENT_COLUMNS[k] for k in ("key", "name", "code", "reason")}},
                "events": {"title": "Events (table)", "description": "The events table as stored, searchable "
                           "by any word of their evidence; the Events view (event_rows) joins in actors, place "
                           "and article.", "fts_table": "events_fts", "searchmode": "raw",
                           "columns": EVENT_TABLE_COLUMNS},
                "actors": {"title": "Actors (table)", "description": "The actors table as stored; the Actors "
                           "view (actor_rows) adds their article and events.", "columns": ACTOR_TABLE_COLUMNS},
                "places": {"title": "Places (table)", "description": "The places table as stored; the Places "
                           "view (place_rows) adds their article and events.", "columns": PLACE_TABLE_COLUMNS},
                "quotes": {"title": "Quotes", "description": "Quoted statements, their speaker and the "
                           "events they support.", "columns": QUOTE_COLUMNS},
                "event_actors": {"title": "Event roles", "description": "Which actor is actor, recipient or "
                                 "claimant of which event.", "columns": ROLE_COLUMNS},
                "event_groups": {"title": "Real-world events", "description": "The events several articles "
                                 "report, grouped by dedup: one row an event, with its number of sources, the "
                                 "range of its figures and what its reports disagree on.",
                                 "facets": ["type", "place_country", "sources"], "sort_desc": "sources",
                                 "columns": GROUP_COLUMNS},
                "group_reports": {"title": "Reports of real-world events", "description": "Which event of "
                                  "which article is part of which real-world event, and why.",
                                  "columns": GROUP_REPORT_COLUMNS},
                "dedup_splits": {"title": "Splits", "description": "Merges the user undid (eventwire dedup "
                                 "--split): these reports stay apart.", "hidden": True,
                                 "columns": {"split_id": "One split.", "article_id": "The article of a report.",
                                             "event_id": "The report.", "decided_at": "When it was split."}},
                "dedup_pending": {"title": "Types to regroup", "description": "Event types whose reports "
                                  "changed since dedup last ran.", "hidden": True,
                                  "columns": {"type": "A PLOVER type."}},
                "meta": {"title": "Store facts", "description": "The store's schema version and what wrote it.",
                         "hidden": True, "columns": {"key": "The fact.", "value": "Its value."}},
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
