"""What the reading commands ask the store: events with their actors, place and article, filtered.

Builds and runs the one SELECT behind `Store.events`, `eventwire events` and the exports; it
never writes.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import EventwireError

BAD_SEARCH = ("{query!r} is not a full-text query ({detail}): quote phrases and words with "
              "punctuation, for example --search '\"air strike\"'")


@dataclass(frozen=True)
class EventFilter:
    """What `Store.events` returns: every field left None matches everything."""

    type: str | None = None      # PLOVER type, e.g. ASSAULT
    country: str | None = None   # ISO2 of the event's place, or ISO3 of one of its actors
    actor: str | None = None     # substring of an actor's, recipient's or claimant's name
    place: str | None = None     # substring of the place name
    since: str | None = None     # ISO date: event date start on or after
    until: str | None = None     # ISO date: event date start on or before
    status: str | None = None    # reported, claimed, denied, ...
    search: str | None = None    # SQLite FTS5 query on article title and text
    min_confidence: float | None = None  # events at or above this confidence
    limit: int | None = None
    acled_type: str | None = None  # ACLED event type or sub-event type ("Battles", "Armed clash")
    statuses: tuple[str, ...] | None = None  # any of these statuses (export: what took place)
    acled_only: bool = False     # only events with an ACLED event type
    precisions: tuple[str, ...] | None = None  # only events whose place is of one of these precisions


# The articles a full-text query finds: through the external-content index of schema 3, or
# (a store of schema 1 or 2, read as it is) through the index that held each article's id.
SEARCH = ("e.article_id IN (SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
          "WHERE articles_fts MATCH ?)")
SEARCH_BEFORE_3 = "e.article_id IN (SELECT article_id FROM articles_fts WHERE articles_fts MATCH ?)"


def select_events(db: sqlite3.Connection, filters: EventFilter, older: bool = False) -> Iterator[dict]:
    """Events matching `filters`, with actor, place and article fields, oldest first; a
    search the full-text index cannot read is an EventwireError before the first row.
    older: the store has schema 1 or 2 (its full-text index is the earlier one)."""
    where, params = _where(filters, older)
    sql = f"{EVENTS_SQL} WHERE {' AND '.join(where) or '1'} {EVENTS_ORDER} LIMIT ?"
    params.append(-1 if filters.limit is None else filters.limit)
    try:
        cursor = db.execute(sql, params)
    except sqlite3.OperationalError as err:
        if filters.search:  # the only part of the query a user writes
            raise EventwireError(BAD_SEARCH.format(query=filters.search, detail=err)) from None
        raise
    names = [c[0] for c in cursor.description]
    return (_event_row(dict(zip(names, row))) for row in cursor)


def _role_list(role: str, column: str) -> str:
    """A JSON list of one column of an event's actors in one role, in their stored order."""
    return (f"(SELECT json_group_array({column}) FROM (SELECT ac.{column} FROM event_actors ea "
            "JOIN actors ac ON ac.article_id = ea.article_id AND ac.id = ea.actor_id "
            f"WHERE ea.article_id = e.article_id AND ea.event_id = e.id AND ea.role = '{role}' "
            "ORDER BY ea.n))")


EVENT_FIELDS = f"""e.article_id, e.id AS event_id, e.type, e.mode, e.context, e.acled_event_type,
  e.acled_sub_event_type, e.cameo, e.date_start, e.date_end, e.date_precision, e.date_text,
  e.killed, e.injured, e.size, e.size_before, e.size_change, e.approximate, e.status,
  e.perpetrator_confirmed, e.confidence, e.evidence,
  {_role_list('actor', 'name')} AS actors, {_role_list('recipient', 'name')} AS recipients,
  {_role_list('claimed_by', 'name')} AS claimed_by,
  {_role_list('actor', 'sector')} AS actor_sectors, {_role_list('recipient', 'sector')} AS recipient_sectors,
  {_role_list('actor', 'country')} AS actor_countries, {_role_list('recipient', 'country')} AS recipient_countries,
  {_role_list('actor', 'kind')} AS actor_kinds, {_role_list('recipient', 'kind')} AS recipient_kinds,
  e.place_id, p.name AS place, p.country AS place_country, p.admin1 AS place_admin1,
  p.admin1_name AS place_admin1_name, p.admin2 AS place_admin2, p.admin2_name AS place_admin2_name,
  p.precision AS place_precision, p.geonameid, p.lat, p.lon,
  a.title, a.url, a.source, a.published,
  g.id AS group_id, g.sources AS group_sources, g.reports AS group_reports,
  g.killed_min AS group_killed_min, g.killed_max AS group_killed_max,
  g.injured_min AS group_injured_min, g.injured_max AS group_injured_max,
  g.disagreement AS group_disagreement"""
EVENTS_FROM = """
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place_id
LEFT JOIN group_reports gr ON gr.article_id = e.article_id AND gr.event_id = e.id
LEFT JOIN event_groups g ON g.id = gr.group_id"""
EVENTS_SQL = f"SELECT {EVENT_FIELDS}{EVENTS_FROM}"
# The events view of the store: the same, with each event's row of the full-text index (for
# Datasette's search of the view).
EVENTS_VIEW_SQL = f"SELECT {EVENT_FIELDS}, e.rowid AS event_rowid{EVENTS_FROM}"
EVENTS_ORDER = "ORDER BY e.date_start IS NULL, e.date_start, a.published, e.article_id, e.rowid"
EVENT_COLUMNS = (
    "article_id", "event_id", "type", "mode", "context", "acled_event_type", "acled_sub_event_type",
    "cameo", "date_start", "date_end", "date_precision", "date_text", "killed", "injured", "size",
    "size_before", "size_change", "approximate", "status", "perpetrator_confirmed", "confidence",
    "evidence", "actors", "recipients", "claimed_by", "actor_sectors", "recipient_sectors",
    "actor_countries", "recipient_countries", "actor_kinds", "recipient_kinds",
    "place_id", "place", "place_country", "place_admin1", "place_admin1_name", "place_admin2",
    "place_admin2_name", "place_precision", "geonameid", "lat",
    "lon", "title", "url", "source", "published", "group_id", "group_sources", "group_reports",
    "group_killed_min", "group_killed_max", "group_injured_min", "group_injured_max", "group_disagreement")
JSON_COLUMNS = ("context", "evidence", "actors", "recipients", "claimed_by", "actor_sectors",
                "recipient_sectors", "actor_countries", "recipient_countries", "actor_kinds", "recipient_kinds")

_ANY_ACTOR = ("EXISTS (SELECT 1 FROM event_actors ea JOIN actors ac ON ac.article_id = ea.article_id "
              "AND ac.id = ea.actor_id WHERE ea.article_id = e.article_id AND ea.event_id = e.id AND {})")


def _where(f: EventFilter, older: bool = False) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []

    def add(sql: str, *values) -> None:
        where.append(sql)
        params.extend(values)

    if f.type:
        add("e.type = ?", f.type.upper())
    if f.country:
        add(f"(p.country = ? OR {_ANY_ACTOR.format('ac.country = ?')})", f.country.upper(), f.country.upper())
    if f.actor:
        add(_ANY_ACTOR.format("instr(lower(ac.name), lower(?)) > 0"), f.actor)
    if f.place:
        add("instr(lower(p.name), lower(?)) > 0", f.place)
    if f.since:
        add("e.date_start >= ?", f.since)
    if f.until:
        add("e.date_start <= ?", f.until)
    if f.status:
        add("e.status = ?", f.status.lower())
    if f.min_confidence is not None:
        add("e.confidence >= ?", f.min_confidence)
    if f.search:
        add(SEARCH_BEFORE_3 if older else SEARCH, f.search)
    if f.acled_type:
        add("(lower(e.acled_event_type) = lower(?) OR lower(e.acled_sub_event_type) = lower(?))",
            f.acled_type, f.acled_type)
    if f.statuses is not None:
        add(f"e.status IN ({', '.join('?' * len(f.statuses))})", *f.statuses)
    if f.acled_only:
        add("e.acled_event_type IS NOT NULL")
    if f.precisions is not None:
        add(f"p.precision IN ({', '.join('?' * len(f.precisions))})", *f.precisions)
    return where, params


def _event_row(row: dict) -> dict:
    for column in JSON_COLUMNS:
        row[column] = json.loads(row[column]) if row[column] else []
    row["approximate"] = bool(row["approximate"])
    if row["perpetrator_confirmed"] is not None:
        row["perpetrator_confirmed"] = bool(row["perpetrator_confirmed"])
    return row
