"""eventwire's pages in Datasette: an event page and an article page, each showing the article
text with the event's evidence, actors, places, dates and quotes highlighted; links from the
events view to them. Loaded by `eventwire serve` (--plugins-dir); read-only like the rest.

Everything from the article is escaped (markupsafe) before it is put in a tag; the templates
(serve_templates/) are Jinja with autoescaping, as Datasette's own.
"""
from __future__ import annotations

import json
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from eventwire.serve import OTHER_COLOUR, TYPE_COLOURS

EVENT_PATH = "/-/eventwire/event/{article}/{event}"
ARTICLE_PATH = "/-/eventwire/article/{article}"
EVENT_TABLES = {"event_rows", "event_map", "events"}
# Highlight classes, the widest first: a sentence of evidence holds names, places and dates.
LAYERS = ("quote", "evidence", "actor", "place", "time")
# The views whose map colours its markers by PLOVER type (datasette-cluster-map draws them).
MAP_TABLES = {"event_map", "event_rows"}
COLOUR_SCRIPT = (Path(__file__).with_name("eventwire_map.js")).read_text(encoding="utf-8")


@hookimpl
def register_routes():
    return [(r"^/-/eventwire/event/(?P<article>[0-9A-Za-z_-]+)/(?P<event>[0-9A-Za-z_-]+)$", event_page),
            (r"^/-/eventwire/article/(?P<article>[0-9A-Za-z_-]+)$", article_page)]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """In the events views, the event's id links to its page and the article's id to the article's."""
    if table not in EVENT_TABLES or value is None:
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if column == "event_id" and "article_id" in keys:
        return Markup('<a href="{}">{}</a>').format(EVENT_PATH.format(article=row["article_id"], event=value), value)
    if column == "article_id":
        return Markup('<a href="{}">{}</a>').format(ARTICLE_PATH.format(article=value), value)
    return None


@hookimpl
def extra_body_script(table):
    """On the map views, datasette-cluster-map's markers coloured by the event's type."""
    if table not in MAP_TABLES:
        return ""
    return COLOUR_SCRIPT.replace("TYPE_COLOURS", json.dumps(TYPE_COLOURS)).replace(
        "OTHER_COLOUR", json.dumps(OTHER_COLOUR))


async def _extraction(datasette, article_id: str) -> dict | None:
    db = datasette.get_database()
    rows = (await db.execute("SELECT extraction FROM articles WHERE id = ?", [article_id])).rows
    return json.loads(rows[0][0]) if rows else None


async def not_found(datasette, request, message: str) -> Response:
    """Datasette's own 404 page, answered rather than raised: a raised NotFound has Datasette
    print a whole traceback, with its locals, to the terminal of `eventwire serve`."""
    context = {"ok": False, "error": message, "status": 404, "title": None}
    return Response.html(await datasette.render_template("error.html", context, request=request), status=404)


async def event_page(datasette, request):
    article_id, event_id = request.url_vars["article"], request.url_vars["event"]
    data = await _extraction(datasette, article_id)
    if data is None:
        return await not_found(datasette, request, f"no article {article_id}")
    event = next((e for e in data["events"] if e["id"] == event_id), None)
    if event is None:
        return await not_found(datasette, request, f"no event {event_id} in article {article_id}")
    context = _context(data, datasette.get_database().name)
    context.update(event=_described(event, context), text=highlighted(data, event),
                   others=[_described(e, context) for e in data["events"] if e["id"] != event_id],
                   trail=_trail(data, event_id), group=await _group(datasette, article_id, event_id))
    return Response.html(await datasette.render_template("eventwire_event.html", context, request=request))


async def article_page(datasette, request):
    data = await _extraction(datasette, request.url_vars["article"])
    if data is None:
        return await not_found(datasette, request, f"no article {request.url_vars['article']}")
    context = _context(data, datasette.get_database().name)
    context.update(text=highlighted(data, None), events=[_described(e, context) for e in data["events"]])
    return Response.html(await datasette.render_template("eventwire_article.html", context, request=request))


async def _group(datasette, article_id: str, event_id: str) -> dict | None:
    """The real-world event this report is part of (dedup's group), with its other reports."""
    db = datasette.get_database()
    found = (await db.execute(
        "SELECT g.id, g.sources, g.killed_min, g.killed_max, g.disagreement, g.updated, g.figures, gr.reasons "
        "FROM group_reports gr JOIN event_groups g ON g.id = gr.group_id "
        "WHERE gr.article_id = ? AND gr.event_id = ?", [article_id, event_id])).rows
    if not found or found[0]["sources"] < 2:
        return None
    row = found[0]
    reports = [dict(f, link=EVENT_PATH.format(article=f["article_id"], event=f["event_id"]))
               for f in json.loads(row["figures"])
               if (f["article_id"], f["event_id"]) != (article_id, event_id)]
    return {"id": row["id"], "sources": row["sources"], "killed_min": row["killed_min"],
            "killed_max": row["killed_max"], "disagreement": row["disagreement"], "updated": row["updated"],
            "reasons": json.loads(row["reasons"]), "reports": reports}


def _context(data: dict, database: str) -> dict:
    article = data["article"]
    return {"article": article, "database": database, "event_path": EVENT_PATH, "article_path": ARTICLE_PATH,
            "actors": {a["id"]: a for a in data["actors"]}, "places": {p["id"]: p for p in data["places"]},
            "quotes": data["quotes"]}


def _described(event: dict, context: dict) -> dict:
    """The event with its actors' and place's records in place of their ids."""
    actors, places = context["actors"], context["places"]
    return dict(event, actor_records=[actors[i] for i in event["actors"] if i in actors],
                recipient_records=[actors[i] for i in event["recipients"] if i in actors],
                place_record=places.get(event["place"]),
                link=EVENT_PATH.format(article=context["article"]["id"], event=event["id"]))


def _trail(data: dict, event_id: str) -> list[dict]:
    """The event's rule trail, where the store has it (articles coded with --explain)."""
    for trail in (data.get("explanation") or {}).get("events", []):
        if trail["event"] == event_id:
            return trail["steps"]
    return []


def highlighted(data: dict, event: dict | None) -> Markup:
    """The article text as HTML: every character escaped; each span of evidence, actor, place,
    date and quote in a <span> of its class; the chosen event's evidence marked `current` (and
    the first of it anchored #current), every other event's evidence plain `evidence`."""
    text = data["article"]["text"]
    spans: list[tuple[int, int, str]] = []
    for e in data["events"]:
        mine = event is not None and e["id"] == event["id"]
        for s in e["evidence"]:
            spans.append((s["start"], s["end"], "evidence current" if mine else "evidence"))
    for kind, records in (("actor", data["actors"]), ("place", data["places"])):
        for record in records:
            spans += [(m["start"], m["end"], kind) for m in record["mentions"]]
    spans += [(t["start"], t["end"], "time") for t in data["times"]]
    spans += [(q["start_char"], q["end_char"], "quote") for q in data["quotes"]
              if q.get("start_char") is not None and q.get("end_char") is not None]
    cuts = sorted({0, len(text), *(p for s, e, _ in spans for p in (s, e) if 0 <= p <= len(text))})
    parts, anchored = [], False
    for start, end in zip(cuts, cuts[1:]):
        found = {c for s, e, c in spans if s <= start and end <= e}
        if "evidence current" in found:  # a sentence that also tells another event: this one's
            found.discard("evidence")
        classes = sorted(found, key=lambda c: LAYERS.index(c.split()[0]))
        piece = escape(text[start:end])
        if not classes:
            parts.append(piece)
            continue
        anchor = ""
        if not anchored and any("current" in c for c in classes):
            anchor, anchored = ' id="current"', True
        parts.append(Markup('<span class="{}"{}>{}</span>').format(" ".join(classes), Markup(anchor), piece))
    return Markup("").join(parts)
