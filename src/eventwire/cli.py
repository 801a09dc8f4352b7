"""The command line: parse flags, call one library function, render. Errors become exit 2."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from .errors import BAD_DATE, FILE_MISSING, EventwireError
from .options import Options
from .records import RawDocument

# The annotated articles of the project's own writing, in a checkout (not in an installed wheel).
OWN_ARTICLES = Path(__file__).resolve().parents[2] / "tests" / "articles"


def _date(_ctx, _param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(BAD_DATE.format(value=value)) from None


@click.group()
@click.version_option(package_name="eventwire")
def cli():
    """eventwire: news articles in, structured and sourced event data out."""


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for articles that carry none.")
@click.option("--url", help="The article's URL (used for its source when the page names none).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: readable on screen; json: one extraction@1 object per article, one per line.")
def extract(articles, published, url, fmt):
    """Code one or more articles (text or HTML files, or - for standard input)."""
    from .pipeline import Pipeline
    from .render import render_table

    pipeline = Pipeline(Options(published=published, url=url))
    failed = False
    for name in articles:
        try:
            raw = _read(name, published, url)
        except EventwireError as err:
            click.echo(f"eventwire: {err}", err=True)
            failed = True
            continue
        extraction = pipeline(raw)
        rejected = extraction.article.rejected
        if rejected:
            click.echo(f"eventwire: {name}: {rejected.reason}", err=True)
            failed = True
            continue
        if fmt == "json":
            click.echo(json.dumps(extraction.to_dict(), ensure_ascii=False))
        else:
            render_table(extraction, name)
    sys.exit(2 if failed else 0)


@cli.command(name="eval")
@click.option("--data", "data", type=click.Path(file_okay=False), default="../shared/eval-data", show_default=True,
              help="The folder of gold data (extraction/, geoparsing/ ...).")
@click.option("--limit", type=int, default=None, help="Score only the first N documents of each set (quick look).")
@click.option("--articles", type=click.Path(file_okay=False), default=str(OWN_ARTICLES), show_default=True,
              help="eventwire's own annotated articles, for the quote speaker score.")
def evaluate(data, limit, articles):
    """Score eventwire on real gold data and check the pinned floors (exit 1 below a floor)."""
    from rich.console import Console
    from rich.table import Table

    from .evaluate import plover, quotes, scores

    root = Path(data)
    if not root.is_dir():
        raise EventwireError(f"{data}: no such folder: give the eval-data folder with --data")
    results: dict[str, float] = {}
    results.update(scores.score_extraction(root / "extraction", limit))
    results.update(scores.score_geoparsing(root / "geoparsing" / "GeoVirus.xml", limit))
    coded = plover.score_plover(root / "plover" / "PLOVER_GSR_CAMEO.json", limit)
    results.update({k: v for k, v in coded.items() if k != plover.CONFUSION_KEY})
    if Path(articles).is_dir():
        results.update(quotes.score_quote_speakers(Path(articles)))
    shared = root.parent
    if (shared / "seed").is_dir() and (shared / "tools" / "check_seed.py").is_file():
        results.update(scores.score_seed(shared / "seed", shared / "tools" / "check_seed.py"))
    floors = scores.load_floors()
    table = Table(title="eventwire eval", title_justify="left")
    for column in ("score", "value", "floor"):
        table.add_column(column)
    for name, value in results.items():
        floor = floors.get(name)
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value),
                      "" if floor is None else str(floor))
    console = Console()
    console.print(table)
    console.print(plover.confusion_table(coded))
    below = [] if limit else scores.check_floors(results, floors)
    for line in below:
        click.echo(f"eventwire eval: {line}", err=True)
    sys.exit(1 if below else 0)


def _read(name: str, published: str | None, url: str | None) -> RawDocument:
    if name == "-":
        return RawDocument(content=sys.stdin.buffer.read(), name="<stdin>", published=published, url=url)
    path = Path(name)
    if not path.is_file():
        raise EventwireError(FILE_MISSING.format(path=name))
    return RawDocument(content=path.read_bytes(), name=name, published=published, url=url)


def main():
    try:
        cli(standalone_mode=True)
    except EventwireError as err:
        click.echo(f"eventwire: {err}", err=True)
        sys.exit(2)
if __name__ == "__main__":
    main()
