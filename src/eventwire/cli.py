"""The command line: parse flags, call one library function, render. Errors become exit 2."""
from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import click

from .errors import (BAD_DATE, FILE_ERRORS, FILE_FAILED, FILE_FORBIDDEN, FILE_MISSING, STORE_DAMAGED_READING,
                     STORE_FAILED, STORE_FULL, STORE_LOCKED, STORE_WRITE_REFUSED, EventwireError)
from .export import FORMATS, PRECISIONS, TOOK_PLACE, write_events_csv
from .export import export as export_store
from .options import Options
from .store import BUSY_TIMEOUT_S, DEFAULT_DB, MAX_SQLITE_INT, STORE_MISSING, EventFilter, Store
from .storefile import DETAIL_CHARS, error_kind

# The annotated articles of the project's own writing, in a checkout (not in an installed wheel).
OWN_ARTICLES = Path(__file__).resolve().parents[2] / "tests" / "articles"
# Event sentences of our own written blind to the coder's rules, and the name of their scores.
# The second set was written after the rules were tuned on the first: do not tune on it.
# The shell's convention for a command ended by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
# A worker holds about 400 MB once the model and gazetteers are loaded (bench/ingest_throughput.py
# reads 475 MB at its peak on news): a ceiling below 1 GB would stop workers before any document.
MEMORY_LIMIT_MIN_MB = 1024
HELDOUT_EVENTS = {"heldout_events.jsonl": "heldout", "heldout_events_2.jsonl": "heldout2",
                  "heldout_events_3.jsonl": "heldout3"}
# The parts of the project's sentence corpus (training/corpus/) that eval scores: the dev part
# (another writer than the training part's) and the test part (written blind, only scored).
CORPUS_PARTS = {"dev": "corpus_dev", "test": "corpus_test"}


# --min-confidence, the same on extract, events and export.
MIN_CONFIDENCE = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=None,
    help="Only events at or above this confidence (the share of such events that were right on "
         "eventwire's article gold; see README).")

# --strict, the same on extract and ingest.
STRICT = click.option(
    "--strict", is_flag=True,
    help="Exit with status 1 when any document was rejected (by default a rejection is a recorded "
         "outcome and the exit status is 0).")


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
@click.option("--model", "type_model", type=click.Path(exists=True, file_okay=False),
              help="A folder made by `eventwire train`: its event-type model replaces the shipped one.")
@click.option("--rules-only", is_flag=True, help="Code event types with the rules alone, no learned model.")
@click.option("--explain", is_flag=True,
              help="Show the rule trail: for each event the trigger, the rule that chose its type, "
                   "each role, place and date, and every event word dropped with why "
                   "(json: an `explanation` object).")
@MIN_CONFIDENCE
@STRICT
def extract(articles, published, url, fmt, type_model, rules_only, explain, min_confidence, strict):
    """Code articles: text or HTML files, JSON Lines, WARC and RSS/Atom files (one extraction
    per article in them), folders of these, or - for standard input.

    A document that cannot be coded (empty, binary, not English ...) is reported on standard
    error with its reason and the others go on: exit status 0, or 1 with --strict. A path that
    does not exist or cannot be read is a usage error (exit status 2) before anything is coded."""
    from .ingest import Unreadable, read_paths
    from .pipeline import Pipeline
    from .render import render_table, visible

    check_paths(articles)
    try:
        pipeline = Pipeline(Options(published=published, url=url, explain=explain, type_model=type_model,
                                    classifier=not rules_only))
    except EventwireError as err:
        click.echo(visible(str(err)), err=True)
        sys.exit(2)
    coded = rejected = 0
    for item in read_paths(articles):  # --published is the fallback in Options (clean.py)
        if isinstance(item, Unreadable):
            reason = item.rejection.reason
        else:
            if url and not item.url:
                item = dataclasses.replace(item, url=url)
            extraction = pipeline(item)
            reason = extraction.article.rejected.reason if extraction.article.rejected else None
        if reason is not None:
            click.echo(f"eventwire: {visible(f'{item.name}: {reason}')}", err=True)
            rejected += 1
            continue
        coded += 1
        if min_confidence is not None:
            extraction = extraction.confident(min_confidence)
        if fmt == "json":
            click.echo(json.dumps(extraction.to_dict(), ensure_ascii=False))
        else:
            render_table(extraction, item.name)
    if rejected:
        click.echo(f"eventwire extract: {coded} coded, {rejected} rejected", err=True)
    sys.exit(1 if strict and rejected else 0)


def check_paths(paths) -> None:
    """A path that does not exist or cannot be read is a usage error: one line, exit status 2,
    before anything is read or created."""
    from .ingest.web import is_url

    for name in paths:
        if name == "-" or is_url(name):
            continue
        path = Path(name)
        if not path.exists():
            raise click.UsageError(FILE_MISSING.format(path=name))
        if not os.access(path, os.R_OK):
            raise click.UsageError(FILE_FORBIDDEN.format(path=name))


@cli.command(name="eval")
@click.option("--data", "data", type=click.Path(file_okay=False), default="../shared/eval-data", show_default=True,
              help="The folder of gold data (extraction/, geoparsing/ ...).")
@click.option("--limit", type=int, default=None, help="Score only the first N documents of each set (quick look).")
@click.option("--articles", type=click.Path(file_okay=False), default=str(OWN_ARTICLES), show_default=True,
              help="eventwire's own annotated articles: quote speakers, held-out event sentences and "
                   "the article-level gold (gold/, dev and blind parts).")
def evaluate(data, limit, articles):
    """Score eventwire on real gold data and check the pinned floors (exit 1 below a floor)."""
    from rich.console import Console
    from rich.table import Table

    from .evaluate import articles as article_gold, corpus, dedup, gvdb, places, plover, quotes, scores

    root = Path(data)
    if not root.is_dir():
        raise EventwireError(f"{data}: no such folder: give the eval-data folder with --data")
    results: dict[str, float] = {}
    results.update(scores.score_extraction(root / "extraction", limit))
    results.update(places.score_geovirus(root / "geoparsing" / "GeoVirus.xml", limit))
    coded = plover.score_plover(root / "plover" / "PLOVER_GSR_CAMEO.json", limit)
    results.update({k: v for k, v in coded.items() if k != plover.CONFUSION_KEY})
    own_places = Path(articles).resolve().parent / "places"  # local news: dev part, blind part
    if own_places.is_dir():
        results.update(places.score_local(own_places, limit))
    if Path(articles).is_dir():
        results.update(quotes.score_quote_speakers(Path(articles)))
        for name, prefix in HELDOUT_EVENTS.items():
            if (Path(articles) / name).is_file():
                results.update(plover.score_heldout(Path(articles) / name, prefix))
    corpus_dir = Path(articles).resolve().parent.parent / "training" / "corpus"
    for part, prefix in CORPUS_PARTS.items():  # dev: read while tuning; test: written blind, only scored
        files = sorted(corpus_dir.glob(f"{part}-*.jsonl")) if corpus_dir.is_dir() else []
        if files:
            results.update(corpus.score_corpus(files, prefix))
    if (root / gvdb.DEV).is_file():
        results.update(gvdb.score_gvdb(root / gvdb.DEV, limit))
    if not limit:  # dedup: ECB+ (odd topics dev, even topics test), and the project's own sets
        for part in ("dev", "test"):
            results.update(dedup.score_ecb(root, part))
        own_dedup = Path(articles).resolve().parent / "dedup"
        for name, prefix in dedup.OWN_SETS.items():
            if (own_dedup / name).is_file():
                results.update(dedup.score_own(own_dedup / name, prefix))
    gold_cases = []
    if (Path(articles) / article_gold.GOLD).is_dir() and not limit:  # whole articles: dev parts, blind part
        scored, gold_cases = article_gold.score_gold(root, Path(articles) / article_gold.GOLD)
        results.update(scored)
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
    for part in ("dev", "blind"):
        if any(c.gold.part == part for c in gold_cases):
            console.print(article_gold.calibration_table(gold_cases, part))
    below = [] if limit else scores.check_floors(results, floors)
    for line in below:
        click.echo(f"eventwire eval: {line}", err=True)
    sys.exit(1 if below else 0)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The SQLite store to write (created if missing).")
@click.option("--from-parquet", "from_parquet", type=click.Path(exists=True, file_okay=False),
              help="Load the tables of an `eventwire scale` run (its --out folder) into the store, for "
                   "browsing and dedup, instead of coding PATHS.")
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes; each loads the model once. 0 codes in this process, without "
                   "the time budget and memory ceiling (for debugging).")
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for articles that carry none.")
@click.option("--time-budget", type=click.FloatRange(min=1), default=Options.time_budget, show_default=True,
              help="Seconds one document may take; past them it is stopped and recorded as `timeout`.")
@click.option("--memory-limit", type=click.IntRange(min=MEMORY_LIMIT_MIN_MB), default=Options.memory_limit_mb, show_default=True,
              help="MB of memory a worker may use; past them the document is recorded as `too_large`.")
@click.option("--model", "type_model", type=click.Path(exists=True, file_okay=False),
              help="A folder made by `eventwire train`: its event-type model replaces the shipped one.")
@click.option("--rules-only", is_flag=True, help="Code event types with the rules alone, no learned model.")
@STRICT
@click.option("--watch", type=click.FloatRange(min=0.1), metavar="MINUTES",
              help="Read the paths and URLs again every MINUTES until stopped (Ctrl-C), storing only "
                   "what is new: the routine of following feeds.")
@click.option("--explain", is_flag=True,
              help="Store each event's rule trail with it (the event pages of `eventwire serve` show it).")
def ingest(paths, db, from_parquet, workers, published, time_budget, memory_limit, type_model, rules_only, strict,
           watch, explain):
    """Code text, HTML, folders, JSON Lines, WARC and RSS/Atom files, and web pages and feeds
    by URL (http:// or https://: a feed's entries are fetched and coded), into the store.

    URLs are fetched politely: a User-Agent naming eventwire, timeouts, retries with back-off,
    a second between two requests to one host, conditional requests on later polls; a page that
    cannot be fetched now is tried again on the next run or poll.

    A document is known by its URL or feed entry id, else by its content: ingesting the same
    files again adds nothing, a changed feed adds its new entries and updates changed ones, and a
    killed ingest started again goes on where it stopped. Bad documents (and ones that crash,
    hang or outgrow the limits) are recorded with their reason and the batch goes on; a full
    disk, a locked store or Ctrl-C stops it with everything stored so far kept."""
    from rich.console import Console

    console = Console(stderr=True)
    if from_parquet:
        if paths:
            raise click.UsageError("give either PATHS or --from-parquet, not both")
        from .scale import load

        with Store(db) as store:
            outcomes = load(from_parquet, store)
        console.print(f"eventwire ingest --from-parquet {from_parquet} into {db}: "
                      + "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in outcomes.items()), soft_wrap=True,
                      markup=False)
        return
    if not paths:
        raise click.UsageError("give the files, folders or URLs to code (or --from-parquet DIR)")
    check_paths(paths)  # before the store is opened: a wrong path creates nothing
    options = Options(published=published, time_budget=time_budget, memory_limit_mb=memory_limit,
                      type_model=type_model, classifier=not rules_only, explain=explain)
    if type_model:  # a bad folder is a usage error now, not a failure in every worker
        from .classifier import load_model

        try:
            load_model(type_model)
        except EventwireError as err:
            console.print(str(err), markup=False)
            sys.exit(2)
    from .ingest.web import Fetcher

    fetcher = Fetcher(max_bytes=options.max_bytes)  # one for every poll: it keeps the conditional requests
    previous = signal.signal(signal.SIGTERM, _interrupt)
    rejected = False
    try:
        while True:
            report = _ingest_once(paths, db, options, workers, console, fetcher)
            _ingest_summary(console, report, db)
            rejected = rejected or bool(report.rejected)
            if report.stopped:
                sys.exit(EXIT_INTERRUPTED if report.interrupted else 2)
            if not watch:
                break
            console.print(f"watching: next read in {watch:g} min (Ctrl-C to stop)")
            try:
                time.sleep(watch * 60)
            except KeyboardInterrupt:
                break  # stopped between polls: everything is stored
    finally:
        signal.signal(signal.SIGTERM, previous)
        fetcher.close()
    if strict and rejected:
        sys.exit(1)


def _ingest_once(paths, db, options, workers, console, fetcher):
    """One reading of the paths and URLs into the store, with a progress line."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .batch import ingest as run_ingest

    with Store(db) as store, Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("reading")

        def show(report):
            bar.update(task, description=f"{report.read} read, {report.coded} coded, "
                                         f"{sum(report.rejected.values())} rejected, "
                                         f"{report.per_second:.1f} articles/s")

        return run_ingest(paths, store, options, workers, show, fetcher)


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt  # SIGTERM stops an ingest as Ctrl-C does: what is stored is kept


def _ingest_summary(console, report, db: str) -> None:
    from rich.text import Text

    from .render import safe_text

    lines = [f"read {report.read}", f"coded {report.coded}", f"updated {report.updated}",
             f"events {report.events}", f"duplicates {report.duplicates}",
             f"already stored {report.skipped}",
             *([f"real-world events {report.groups} ({report.merged} told by several reports)"]
               if report.groups is not None else []),
             f"rejected {sum(report.rejected.values())}"
             + (" (" + ", ".join(f"{code} {n}" for code, n in report.rejected.most_common()) + ")"
                if report.rejected else ""),
             f"time {report.seconds:.1f} s ({report.per_second:.1f} articles/s)"]
    # soft_wrap: a line is wrapped by the terminal, never broken by rich (logs and scripts read it)
    console.print(Text.assemble(("eventwire ingest", "bold"), " into ", safe_text(db), ": " + "; ".join(lines)),
                  soft_wrap=True)
    for failure in report.fetch_failed:
        console.print(Text.assemble(("not fetched now", "bold yellow"), ": ", safe_text(failure),
                                    " (tried again on the next run)"), soft_wrap=True)
    if report.stopped:
        console.print(Text.assemble(("stopped", "bold red"), ": ", safe_text(report.stopped),
                                    f". This run stored {report.stored} documents, all kept; run the "
                                    "same command again to go on where it stopped."), soft_wrap=True)
    elif report.read and report.skipped == report.read:
        console.print("nothing new: every document was already in the store")


@cli.command()
@click.option("--data", "data", type=click.Path(exists=True, dir_okay=False), required=True, multiple=True,
              help="Labelled sentences: JSON Lines or CSV with `text` and `plover` (or `type`), or an "
                   "ACLED export (CSV with `notes`, `event_type`, `sub_event_type`). Repeat for several files.")
@click.option("--out", type=click.Path(file_okay=False), required=True,
              help="The folder to write the model to; use it with `--model` on extract and ingest.")
@click.option("--dev", "dev", type=click.Path(exists=True, dir_okay=False), multiple=True,
              help="Labelled sentences to score on; without it, 15%% of --data is held out (and the "
                   "model is then retrained on all of it).")
def train(data, out, dev):
    """Train the event-type model on your own labelled sentences and print its dev scores.

    An ACLED licensee can train on ACLED's own notes: the model learns ACLED's event and
    sub-event types (and the PLOVER types they read as), and `eventwire ingest --model OUT` codes
    with it. Nothing is sent anywhere; training takes a few minutes for some thousand sentences."""
    from pathlib import Path

    from .classifier.model import TypeModel, save_model
    from .classifier.training import fit, read_labelled, score, split

    try:
        records = [r for path in data for r in read_labelled(Path(path))]
        held = [r for path in dev for r in read_labelled(Path(path))]
    except EventwireError as err:
        click.echo(str(err), err=True)
        sys.exit(2)
    train_part, dev_part = (records, held) if held else split(records)
    click.echo(f"training on {len(train_part)} sentences, scoring on {len(dev_part)}", err=True)
    try:
        about = {"trained_on": [Path(p).name for p in data]}
        bundle = fit(train_part, about=about)
        scores = score(TypeModel(bundle), dev_part)
        if not held:  # the dev part was cut from --data: the model keeps all of it
            bundle = fit(records, about=about)
    except EventwireError as err:
        click.echo(str(err), err=True)
        sys.exit(2)
    path = save_model(bundle, Path(out))
    for key in ("plover_accuracy", "acled_accuracy"):
        if key in scores:
            click.echo(f"dev {key.replace('_', ' ')}: {scores[key]:.3f} ({scores[key.split('_')[0] + '_n']} sentences)")
    for pair, count in scores.get("plover_confusion", [])[:8]:
        click.echo(f"  confused {pair}: {count}")
    click.echo(f"wrote {path}; use it with: eventwire extract --model {out} ARTICLE")


def event_filters(command):
    """The filters of `events`, the same on `export`."""
    options = [
        click.option("--type", "type_", help="PLOVER event type, e.g. ASSAULT."),
        click.option("--acled-type", help="ACLED event type or sub-event type, e.g. Battles or 'Armed clash'."),
        click.option("--country", help="ISO2 code of the event's place (IQ) or ISO3 code of one of its actors (IRQ)."),
        click.option("--actor", help="Part of the name of an actor, recipient or claimant."),
        click.option("--place", help="Part of the place name."),
        click.option("--since", callback=_date, help="Events starting on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=_date, help="Events starting on or before this date (YYYY-MM-DD)."),
        click.option("--status", help="reported, claimed, announced, planned, threatened, denied, ..."),
        click.option("--search", help='Full-text query on article titles and text (SQLite FTS5), e.g. \'"air strike"\'.'),
        MIN_CONFIDENCE,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(type_, acled_type, country, actor, place, since, until, status, search, min_confidence,
             **more) -> EventFilter:
    return EventFilter(type=type_, acled_type=acled_type, country=country, actor=actor, place=place,
                       since=since, until=until, status=status, search=search,
                       min_confidence=min_confidence, **more)


STORE_OPTION = click.option(
    "--db", default=DEFAULT_DB, show_default=True,
    help="The store written by `eventwire ingest`, opened read-only: never changed, and read on read-only media too.")


@cli.command()
@STORE_OPTION
@event_filters
@click.option("--limit", type=click.IntRange(min=0, max=MAX_SQLITE_INT), help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table: readable on screen; json: one event per line; csv: one row per event.")
@click.option("--reports", is_flag=True,
              help="One row per article's event (report), not per real-world event.")
def events(db, limit, fmt, reports, **filters):
    """List stored events that match the filters (all statuses: see the status column).

    Each real-world event is one row, however many articles report it, with its number of
    sources and the range of its tolls (dedup groups them after each ingest); --reports lists
    every article's event instead."""
    from .dedup import MERGED_COLUMNS, merged_rows
    from .render import render_events

    with Store(db, readonly=True) as store:  # merged: the limit counts real-world events, after merging
        rows = store.events(_filters(**filters, limit=limit if reports else None))
    if not reports:
        rows = merged_rows(rows)[:limit]
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        write_events_csv(rows, sys.stdout, () if reports else MERGED_COLUMNS)
    else:
        render_events(rows)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="The store written by `eventwire ingest`.")
@click.option("--split", "split_group", metavar="GROUP",
              help="Undo a merge: every report of GROUP becomes its own event, now and on every later run.")
@click.option("--all", "full", is_flag=True, help="Group every event type again, not only those whose reports changed.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: the merged events; json: one merged event per line, with its reports, their "
                   "scores and the reasons they were merged.")
def dedup(db, split_group, full, fmt):
    """Group the events that several articles report into one real-world event each.

    Ingest does this by itself after each run; run it to see the merged events and why they
    were merged, to group everything again (--all), or to undo a wrong merge (--split GROUP,
    the group_id of `eventwire events --format json`). Every report keeps its source, date and
    figures: where reports disagree (killed 4 vs 5) both are kept and the range shown."""
    from .render import render_groups

    if not Path(db).is_file():  # Store(db) would start an empty store
        raise EventwireError(STORE_MISSING.format(path=db))
    with Store(db) as store:
        result = store.split(split_group) if split_group else store.dedup(full)
        groups = store.groups()
    if fmt == "json":
        for group in groups:
            click.echo(json.dumps(group, ensure_ascii=False))
        return
    render_groups(groups)
    click.echo(f"eventwire dedup: {result.reports} reports, {result.groups} real-world events, "
               f"{result.merged} told by several reports"
               + (f"; regrouped {', '.join(result.recomputed_types)}" if result.recomputed_types else ""), err=True)


@cli.command()
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="jsonl: extraction@1 per article; csv-acled: events with ACLED's columns; "
                   "geojson: events with coordinates; parquet: the events table.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
@event_filters
@click.option("--all-statuses", is_flag=True,
              help="Also events that did not take place: planned, announced, threatened, denied, "
                   "negated, hypothetical, historical (default: reported and claimed only).")
@click.option("--all-types", is_flag=True,
              help="csv-acled: also events ACLED does not code (no event_type); by default left out.")
@click.option("--min-precision", type=click.Choice(PRECISIONS),
              help="Only events placed at this precision or finer: site, city, admin2, admin1, country, "
                   "region (geojson --min-precision admin1 leaves out country centroids).")
@click.option("--bom", is_flag=True, help="csv-acled: start with a UTF-8 byte order mark, for Excel.")
@click.option("--reports", is_flag=True,
              help="One row per article's event, not per real-world event (by default the reports of one "
                   "event, as dedup grouped them, are one row with every source and the range of the figures).")
def export(db, fmt, output, all_statuses, all_types, min_precision, bom, reports, **filters):
    """Export the store for other tools (pandas, QGIS, DuckDB, ACLED workflows).

    By default only events that took place (status reported or claimed) are exported, and
    csv-acled has only events with an ACLED type; jsonl writes every article, each with the
    events the filters keep."""
    chosen = _filters(**filters,
                      statuses=None if all_statuses or filters["status"] else TOOK_PLACE,
                      acled_only=fmt == "csv-acled" and not all_types,
                      precisions=PRECISIONS[:PRECISIONS.index(min_precision) + 1] if min_precision else None)
    with Store(db, readonly=True) as store:
        count = export_store(store, fmt, output, chosen, bom=bom, reports=reports)
    if output:
        click.echo(f"eventwire: wrote {count} {'articles' if fmt == 'jsonl' else 'events'} to {output}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", type=click.Path(), required=True,
              help="The folder to write the Parquet tables to (articles/, events/, actors/, places/, quotes/, "
                   "rejections/ and manifest.json); the folder of an earlier run goes on where it stopped.")
@click.option("--scheduler", metavar="ADDRESS",
              help="A running Dask scheduler (tcp://host:8786); without it, a cluster of --workers processes here.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes of the local cluster (each loads the model once).")
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for articles that carry none.")
@click.option("--rules-only", is_flag=True, help="Type events with the rules alone, without the learned model.")
def scale(paths, out, scheduler, workers, published, rules_only):
    """Code files, folders, JSON Lines and WARC files on a Dask cluster, into Parquet.

    The same pipeline as `ingest`: each worker loads the model once and codes whole partitions
    (a file, or a few MB of a JSON Lines file); each partition's tables are written atomically,
    so a worker that dies loses nothing and a retried partition never doubles rows, and the same
    command run again skips the partitions that are done. DuckDB, Spark, pandas and polars read
    the tables as they are (events/part-*.parquet)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .scale import check_out, run

    check_paths(paths)
    check_out(out)
    console = Console(stderr=True)
    options = Options(published=published, classifier=not rules_only)
    with Progress(TextColumn("partitions"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("partitions", total=None)
        manifest = run(list(paths), out, options, scheduler, workers,
                       on_progress=lambda n, total: bar.update(task, completed=n, total=total),
                       on_dashboard=lambda link: console.print(f"Dask dashboard: {link}"))
    rows = manifest["rows"]
    console.print(f"eventwire scale into {out}: {manifest['partitions']} partitions; "
                  + "; ".join(f"{name} {n}" for name, n in rows.items()), soft_wrap=True)


@cli.command()
@STORE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; 127.0.0.1 keeps the store to this machine.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True, help="The port to listen on.")
def serve(db, host, port):
    """Browse the store in Datasette: events as a table and a map, facets, full-text search,
    a JSON API on every page. Read-only: nothing served can change the store."""
    from .serve import serve as run

    run(db, host, port)


def main():
    """The command line, with every error it can meet as one line and exit status 2."""
    try:
        cli(standalone_mode=True)
    except EventwireError as err:
        _fail(str(err))
    except sqlite3.Error as err:
        _fail(_store_failure(err))
    except OSError as err:  # a file to read or write: missing, forbidden, disk full
        _fail(_file_failure(err))


def _fail(message: str) -> None:
    from .render import visible

    click.echo(f"eventwire: {visible(message)}", err=True)  # a path may hold control characters
    sys.exit(2)


def _store_failure(err: sqlite3.Error) -> str:
    """What to do about an SQLite error met after the store was opened (opening checks its own)."""
    kind, detail = error_kind(err), str(err)[:DETAIL_CHARS]
    if kind == "busy":
        return STORE_LOCKED.format(seconds=BUSY_TIMEOUT_S)
    if kind == "full":
        return STORE_FULL
    if kind == "readonly":
        return STORE_WRITE_REFUSED.format(detail=detail)
    if kind == "corrupt":
        return STORE_DAMAGED_READING.format(detail=detail)
    return STORE_FAILED.format(detail=detail)


def _file_failure(err: OSError) -> str:
    """What to do about an operating system error on a file (named when the error names it)."""
    code = errno.errorcode.get(err.errno or 0, "")
    message = FILE_ERRORS.get(code) or FILE_FAILED.format(detail=err.strerror or str(err))
    return f"{err.filename}: {message}" if err.filename else message


if __name__ == "__main__":
    main()
