"""Readable tables on screen: one extraction, or events from the store.

Every string from an article or a store is untrusted: it goes to rich through `safe_text`, as a
`Text` that rich never reads as markup, and without the characters a terminal acts on or hides.
"""
from __future__ import annotations

import unicodedata

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .records import Extraction

# Line breaks and tabs inside a cell: shown as spaces, so that a title keeps to its row.
_SPACES = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Control characters (ESC starts a terminal command, CR rewrites the line), format characters
# (bidi overrides and isolates U+202A-E and U+2066-9, zero-width spaces and joiners, tags) and
# lone surrogates: shown as <U+XXXX>, so that what a table shows is what the data holds.
_SHOWN_AS_CODES = ("Cc", "Cf", "Cs")


def visible(text: str) -> str:
    """`text` with every character a terminal would act on, or that hides or reorders text,
    written out as <U+XXXX> (line breaks and tabs as spaces)."""
    if text.isprintable():  # the common case: nothing to change
        return text
    return "".join(" " if c in _SPACES else f"<U+{ord(c):04X}>"
                   if unicodedata.category(c) in _SHOWN_AS_CODES else c for c in text)


def safe_text(value: object, style: str = "") -> Text:
    """Untrusted text for rich, shown as it is: "[/bold]" and ":fire:" are text, not markup,
    and what `visible` writes out is never sent to the terminal."""
    return Text(visible(str(value)), style=style)


def render_table(ex: Extraction, name: str, console: Console | None = None) -> None:
    console = console or Console(emoji=False)  # ":fire:" in an article is text, not an emoji
    a = ex.article
    console.print(Text.assemble(safe_text(a.title or name, "bold"), "  source=", safe_text(a.source),
                                "  published=", safe_text(a.published), "  language=", safe_text(a.language)))
    if a.boilerplate:
        console.print(f"[dim]{len(a.boilerplate)} boilerplate lines removed[/dim]")
    actors = {x.id: x.name for x in ex.actors}
    places = {p.id: p.name for p in ex.places}
    sections = [
        ("Actors", ("name", "kind", "country", "sector", "title", "mentions"),
         [(x.name, x.kind, x.country, x.sector, x.title, len(x.mentions)) for x in ex.actors]),
        ("Places", ("name", "country", "precision", "lat", "lon", "geonameid"),
         [(p.name, p.country, p.precision, p.lat, p.lon, p.geonameid) for p in ex.places]),
        ("Times", ("text", "start", "end", "precision"),
         [(t.text, t.date_start, t.date_end, t.precision) for t in ex.times]),
        ("Quantities", ("text", "value", "before", "after", "change", "approx", "counts"),
         [(q.text, q.value, q.before, q.after, q.change, q.approximate, q.counts) for q in ex.quantities]),
        ("Events", ("id", "event", "who -> whom", "where, when", "status", "magnitude", "sentences"),
         [(e.id, e.type + (f" ({e.mode})" if e.mode else ""),
           f"{_names(e.actors, actors) or '?'} -> {_names(e.recipients, actors) or '-'}"
           + (f"; claimed by {_names(e.claimed_by, actors)}" if e.claimed_by else ""),
           f"{places.get(e.place, '-')}, {(e.date.start if e.date else None) or '-'}", e.status,
           _magnitude(e.magnitude), len(e.evidence)) for e in ex.events]),
        ("Quotes", ("speaker", "cue", "text"),
         [(_names((q.speaker,), actors) if q.speaker else None, q.cue, _short(q.text))
          for q in ex.quotes]),
        ("Checks", ("claim", "against", "verdict"),
         [(c.claim, c.against, c.verdict) for c in ex.checks]),
    ]
    for title, columns, rows in sections:
        table = Table(title=f"{title} ({len(rows)})", title_justify="left")
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*("" if v is None else safe_text(v) for v in row))
        console.print(table)
    for warning in ex.warnings:
        console.print(Text.assemble(("warning:", "yellow"), " ", safe_text(warning)))
    if ex.explanation is not None:
        render_explanation(ex, console)


def render_explanation(ex: Extraction, console: Console) -> None:
    """The rule trail: for each event, each step with the rule that took it and what it chose;
    then the event words left out, with the rule that dropped each and why."""
    evidence = {e.id: e.evidence for e in ex.events}
    for trail in ex.explanation.events:
        table = Table(title=f"Why {trail.event}: " + " / ".join(_short(s.text, 60) for s in evidence.get(trail.event, ())[:1]),
                      title_justify="left")
        for column in ("step", "rule", "chose"):
            table.add_column(column, no_wrap=column == "step")
        for step in trail.steps:
            table.add_row(*(safe_text(v) for v in (step.step, step.rule, step.detail)))
        console.print(table)
    table = Table(title=f"Dropped event words ({len(ex.explanation.dropped)})", title_justify="left")
    for column in ("word", "at", "type", "rule", "why"):
        table.add_column(column, no_wrap=column in ("word", "at"))
    for d in ex.explanation.dropped:
        table.add_row(*(safe_text(v) for v in (d.text, d.start, d.type, d.rule, d.reason)))
    console.print(table)


def render_events(rows: list[dict], console: Console | None = None) -> None:
    """Rows of `Store.events` as one table, one line per event: date, type, status, who, whom,
    where, killed, article. Dates, types and tolls are never cut; names are cut with "…" to fit,
    and on a narrow terminal the article (under EVENTS_ARTICLE_WIDTH columns) and then the
    recipients (under EVENTS_RECIPIENTS_WIDTH) are left out; --format json or csv has them all."""
    console = console or Console(emoji=False)
    width = console.width
    merged = any("sources" in row for row in rows)  # real-world events (dedup's groups), not reports
    shown = [c for c in EVENT_TABLE_COLUMNS
             if not (c == "article" and width < EVENTS_ARTICLE_WIDTH)
             and not (c == "recipients" and width < EVENTS_RECIPIENTS_WIDTH)
             and not (c == "src" and not merged)]
    cells = [{"date": row["date_start"] or "", "type": row["type"], "status": row["status"],
              "actors": ", ".join(row["actors"]), "recipients": ", ".join(row["recipients"]),
              "place": f"{row['place']} ({row['place_country']})" if row["place"] else "",
              "killed": row["killed_range"] if merged else "" if row["killed"] is None else str(row["killed"]),
              "src": str(row.get("sources", "")),
              "article": row["title"] or row["url"] or row["article_id"]} for row in rows]
    cells = [{k: safe_text(" ".join(v.split())) for k, v in row.items()} for row in cells]  # one line each
    natural = {c: max([len(c)] + [v.cell_len for v in (row[c] for row in cells)]) for c in shown}
    whole = {c: natural[c] for c in shown if c in ("date", "type", "status", "killed", "src")}
    # what is left after the whole columns and the borders (3 a column, 1 more) goes to the names,
    # the narrowest first, each taking what it needs up to an equal share of what remains
    left = width - sum(whole.values()) - 3 * len(shown) - 1
    names = sorted((c for c in shown if c not in whole), key=natural.get)
    widths = dict(whole)
    for n, column in enumerate(names):
        widths[column] = max(NAME_MIN_WIDTH, min(natural[column], left // (len(names) - n)))
        left -= widths[column]
    table = Table(title=f"{len(rows)} events", title_justify="left")
    for column in shown:
        table.add_column(column, no_wrap=True, overflow="ellipsis", width=widths[column],
                         justify="right" if column in ("killed", "src") else "left")
    for row in cells:
        table.add_row(*(row[column] for column in shown))
    console.print(table)


EVENT_TABLE_COLUMNS = ("date", "type", "status", "actors", "recipients", "place", "killed", "src", "article")
EVENTS_ARTICLE_WIDTH = 120  # columns of terminal below which the events table leaves out the article
EVENTS_RECIPIENTS_WIDTH = 90  # ... and below which it leaves out the recipients too
NAME_MIN_WIDTH = 8  # the narrowest a column of names gets


def _names(ids, names: dict[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids)


def _magnitude(m) -> str:
    parts = [f"{k}={v}" for k, v in (("killed", m.killed), ("injured", m.injured), ("size", m.size),
                                      ("before", m.size_before), ("change", m.size_change)) if v is not None]
    return " ".join(parts) + (" (approx.)" if parts and m.approximate else "")


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def render_groups(groups: list[dict], console: Console | None = None) -> None:
    """dedup's merged events as one table: group, date, type, place, sources, the range of the
    tolls and what the reports disagree on (--format json has each report and its reasons)."""
    from .dedup import figure_range

    console = console or Console(emoji=False)
    table = Table(title=f"{len(groups)} events told by several reports", title_justify="left")
    for column, justify in (("group", "left"), ("date", "left"), ("type", "left"), ("place", "left"),
                            ("src", "right"), ("killed", "right"), ("disagreement", "left")):
        table.add_column(column, justify=justify, overflow="ellipsis",
                         no_wrap=column not in ("place", "disagreement"))
    for g in groups:
        killed = figure_range(g["killed_min"], g["killed_max"])
        note = g["disagreement"] or ""
        if g["updated"]:
            note += f" (updated {g['updated']})"
        table.add_row(g["id"], g["date_start"] or "", g["type"], safe_text(g["place"] or ""), str(g["sources"]),
                      killed, safe_text(note))
    console.print(table)
