"""Readable tables on screen for one extraction."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .records import Extraction


def render_table(ex: Extraction, name: str) -> None:
    console = Console()
    a = ex.article
    console.print(f"[bold]{a.title or name}[/bold]  source={a.source}  published={a.published}  language={a.language}")
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
            table.add_row(*("" if v is None else str(v) for v in row))
        console.print(table)
    for warning in ex.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")


def _names(ids, names: dict[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids)


def _magnitude(m) -> str:
    parts = [f"{k}={v}" for k, v in (("killed", m.killed), ("injured", m.injured), ("size", m.size),
                                      ("before", m.size_before), ("change", m.size_change)) if v is not None]
    return " ".join(parts) + (" (approx.)" if parts and m.approximate else "")


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
