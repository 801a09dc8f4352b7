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
    sections = [
        ("Actors", ("name", "kind", "country", "sector", "title", "mentions"),
         [(x.name, x.kind, x.country, x.sector, x.title, len(x.mentions)) for x in ex.actors]),
        ("Places", ("name", "country", "precision", "lat", "lon", "geonameid"),
         [(p.name, p.country, p.precision, p.lat, p.lon, p.geonameid) for p in ex.places]),
        ("Times", ("text", "start", "end", "precision"),
         [(t.text, t.date_start, t.date_end, t.precision) for t in ex.times]),
        ("Quantities", ("text", "value", "before", "after", "change", "approx", "counts"),
         [(q.text, q.value, q.before, q.after, q.change, q.approximate, q.counts) for q in ex.quantities]),
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
