"""`eventwire scale`: the ingest pipeline on a Dask cluster, Parquet out (issue 17).

The client plans partitions without reading the documents: a folder's files one each, a JSON
Lines file cut into byte ranges at line ends (counting lines so that each document keeps the
name `ingest` gives it), a WARC (or .warc.gz written a gzip member per record, as crawlers write
them) cut into byte ranges at record starts (its documents are named by their offsets, as
`ingest` names them), any other file whole. Each partition is a task on a worker: it reads
its documents, codes them with the worker's pipeline (loaded once per worker process and kept,
as `ingest`'s workers do), stores them in a scratch SQLite store (so the rows are exactly those
`ingest` stores) and writes one Parquet file per table (articles, events, actors, places,
quotes, rejections) under `--out`, each written to a temporary name and renamed, then a marker
saying the partition is done. A task retried after its worker died writes the same files again
in place: no row is ever doubled. A run started again with the same `--out` skips the
partitions marked done. The manifest (manifest.json) has the counts, the eventwire version and
the model.

Without `--scheduler`, a `distributed.LocalCluster` of `--workers` processes on this machine;
with it, any running Dask scheduler (Kubernetes, Slurm: see README).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import EventwireError
from .ingest import JSONL_EXTENSIONS, WARC_EXTENSIONS, is_warc_file
from .ingest.warc import record_starts
from .options import Options

TABLES = ("articles", "events", "actors", "places", "quotes", "rejections", "documents")
BY_ARTICLE = ("events", "actors", "places", "quotes")  # the rows of an article, by article_id
# A JSON Lines or WARC partition: about a sixteenth of the input per worker, so that the workers finish
# together (bench/scale_speedup.py), between 32 KB (some 25 articles: a partition has a cost of
# its own) and 8 MB (some thousand articles: a retried partition redoes little).
CHUNK_BYTES = 8 << 20
MIN_CHUNK_BYTES = 32 << 10
PARTS_PER_WORKER = 16
DONE = "_done"
PLAN = "plan.json"  # the partition size of the run, for a run started again
MODELS = ("spacy_model", "type_model")  # the articles' columns that say what coded them


@dataclass(frozen=True)
class Partition:
    """A part of the input one task codes: a whole file, lines of a JSON Lines file or records
    of a WARC."""

    path: str
    start: int | None = None   # byte range of a JSON Lines file or a WARC: [start, end)
    end: int | None = None
    first_line: int = 1        # the line number of the first line of a JSON Lines range
    warc: bool = False         # the range is one of WARC records

    @property
    def id(self) -> str:
        where = self.path if self.start is None else f"{self.path}@{self.start}-{self.end}"
        return hashlib.sha1(where.encode()).hexdigest()[:16]


def plan(paths: list[str], chunk_bytes: int = CHUNK_BYTES) -> list[Partition]:
    """The partitions of the inputs, in a repeatable order; nothing is read but line ends."""
    return [part for name in _input_files(paths) for part in _split(name, chunk_bytes)]


def _input_files(paths: list[str]) -> list[str]:
    """The files `ingest` would read under `paths`: a folder's in its order (hidden ones left out)."""
    from .ingest import _files_under
    from .ingest.base import Unreadable

    files: list[str] = []
    for given in paths:
        path = Path(given)
        files += [str(f) for f in _files_under(path) if not isinstance(f, Unreadable)] if path.is_dir() else [str(given)]
    return files


def _split(name: str, chunk_bytes: int) -> list[Partition]:
    try:
        size = os.path.getsize(name)
    except OSError:
        return [Partition(name)]  # the task records why it cannot be read
    if size <= chunk_bytes:
        return [Partition(name)]
    if is_warc_file(name):
        with open(name, "rb") as fh:
            starts = record_starts(fh, chunk_bytes)
        if len(starts) == 1:
            return [Partition(name)]
        return [Partition(name, a, b, warc=True) for a, b in zip(starts, starts[1:] + [size])]
    if not name.lower().endswith(tuple(JSONL_EXTENSIONS)):
        return [Partition(name)]
    parts, start, line = [], 0, 1
    with open(name, "rb") as fh:
        while start < size:
            fh.seek(start)
            lines, position = 0, start
            target = start + chunk_bytes
            for raw in iter(lambda: fh.readline(1 << 20), b""):
                position += len(raw)
                if raw.endswith(b"\n") or position >= size:
                    lines += 1
                    if position >= target:
                        break
            parts.append(Partition(name, start, position, line))
            start, line = position, line + lines
    return parts


def _documents(part: Partition, published: str | None):
    """The documents of one partition, named as `ingest` names them."""
    from .ingest import _guarded, read_file, read_paths
    from .ingest.base import too_large
    from .ingest.jsonl import _lines, parse_line

    if part.start is None:
        yield from read_paths([part.path], published)
        return
    if part.warc:
        yield from _guarded(part.path, read_file, part.path, published, (part.start, part.end))
        return
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        number, position = part.first_line - 1, part.start
        for line, size in _lines(fh):  # the JSON Lines reader's own: an outsize line is read through
            number += 1
            position += size
            if line is None:
                yield too_large(f"{part.path}:{number}", size)
            elif line.strip():
                yield parse_line(line, f"{part.path}:{number}", published)
            if position >= part.end:
                break


def code_partition(part: Partition, out: str, options: Options) -> dict[str, int]:
    """Code one partition into Parquet files under `out` (a task on a worker); the rows written
    per table. A partition marked done is not coded again."""
    from .batch import source_of
    from .workers import Fault, code_in_order

    marker = Path(out) / DONE / f"{part.id}.json"
    if marker.is_file():
        return json.loads(marker.read_text())["rows"]

    def coded():
        items = ((source_of(d), d) for d in _documents(part, options.published))
        for source, result in code_in_order(items, options, 0):  # this worker's pipeline, loaded once
            if isinstance(result, Fault):  # the machine's, not the document's: the task is tried again
                raise RuntimeError(f"{result.reason}, while coding {source.name}")
            yield source, result

    tables = _stored_tables(coded())
    rows = {}
    for name, table in tables.items():
        _write_atomically(table, Path(out) / name / f"part-{part.id}.parquet")
        rows[name] = table.num_rows
    models = {column: sorted({v for v in tables["articles"].column(column).to_pylist() if v}) for column in MODELS}
    _write_text_atomically(marker, json.dumps({"partition": asdict(part), "rows": rows, "models": models}))
    return rows


def _stored_tables(results) -> dict:
    """The output tables of (source, extraction or Unreadable) pairs, stored as `ingest` stores
    them: through a scratch store, so that the rows are exactly the store's."""
    from .batch import IngestReport, _store
    from .store import Store

    with tempfile.TemporaryDirectory(prefix="eventwire-scale-") as tmp, Store(Path(tmp) / "part.db") as store:
        report = IngestReport()
        for source, result in results:
            _store(store, source, result, report)
        return _tables(store)


def _set_rows(out: str, part: Partition, rows: dict[str, int]) -> None:
    """Record in a partition's done marker the rows its tables hold now."""
    marker = Path(out) / DONE / f"{part.id}.json"
    done = json.loads(marker.read_text())
    _write_text_atomically(marker, json.dumps({**done, "rows": {**done["rows"], **rows}}))


def _write_atomically(table, path: Path) -> None:
    import pyarrow.parquet as pq

    from .export import _replacing

    path.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(path) as partial:
        pq.write_table(table, partial)


def _write_text_atomically(path: Path, text: str) -> None:
    from .export import _replacing

    path.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(path) as partial:
        partial.write_text(text, encoding="utf-8")


def schemas() -> dict:
    """Each table's Arrow schema: dates as dates, lists and spans as Arrow lists."""
    import pyarrow as pa

    from .export import parquet_schema

    span = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
    text = pa.string()
    return {
        "articles": pa.schema([("id", text), ("key", text), ("digest", text), ("name", text), ("url", text),
                               ("source", text),
                               ("title", text), ("published", pa.date32()), ("language", text), ("text", text),
                               ("extraction", text), ("eventwire_version", text), ("spacy_model", text),
                               ("type_model", text)]),
        "events": parquet_schema(),
        "actors": pa.schema([("article_id", text), ("id", text), ("name", text), ("kind", text), ("country", text),
                             ("sector", text), ("title", text), ("mentions", pa.list_(span))]),
        "places": pa.schema([("article_id", text), ("id", text), ("name", text), ("geonameid", pa.int64()),
                             ("lat", pa.float64()), ("lon", pa.float64()), ("country", text), ("admin1", text),
                             ("admin1_name", text), ("admin2", text), ("admin2_name", text), ("precision", text),
                             ("mentions", pa.list_(span))]),
        "quotes": pa.schema([("article_id", text), ("n", pa.int64()), ("text", text), ("start_char", pa.int64()),
                             ("end_char", pa.int64()), ("speaker_id", text), ("cue", text),
                             ("supports", pa.list_(text))]),
        "rejections": pa.schema([("key", text), ("digest", text), ("name", text), ("code", text), ("reason", text),
                                 ("coded", pa.bool_())]),
        "documents": pa.schema([("key", text), ("digest", text), ("name", text), ("url", text), ("article_id", text),
                                ("outcome", text), ("code", text)]),
    }


def _tables(store) -> dict:
    """The partition's rows, one Arrow table per output table."""
    import pyarrow as pa

    from .export import _dated

    db = store._db
    shapes = schemas()

    def rows(sql: str, json_columns=(), date_columns=()) -> list[dict]:
        cursor = db.execute(sql)
        names = [c[0] for c in cursor.description]
        out = []
        for values in cursor:
            row = dict(zip(names, values))
            for column in json_columns:
                row[column] = json.loads(row[column]) if row[column] else []
            for column in date_columns:
                row[column] = dt.date.fromisoformat(row[column][:10]) if row[column] else None
            out.append(row)
        return out

    found = {
        "articles": rows("SELECT a.id, d.key, d.digest, d.name, a.url, a.source, a.title, a.published, a.language, a.text, "
                         "a.extraction, a.eventwire_version, a.spacy_model, a.type_model FROM articles a "
                         "JOIN documents d ON d.article_id = a.id AND d.outcome = 'coded' ORDER BY a.rowid",
                         date_columns=("published",)),
        "events": [_dated(r) for r in store.events()],
        "actors": rows("SELECT article_id, id, name, kind, country, sector, title, mentions FROM actors",
                       json_columns=("mentions",)),
        "places": rows("SELECT article_id, id, name, geonameid, lat, lon, country, admin1, admin1_name, admin2, "
                       "admin2_name, precision, mentions FROM places", json_columns=("mentions",)),
        "quotes": rows("SELECT article_id, n, text, start_char, end_char, speaker_id, cue, supports FROM quotes",
                       json_columns=("supports",)),
        "rejections": rows("SELECT key, digest, name, code, reason, outcome = 'rejected' AS coded FROM documents "
                           "WHERE code IS NOT NULL"),
        "documents": rows("SELECT key, digest, name, url, article_id, outcome, code FROM documents ORDER BY rowid"),
    }
    for row in found["rejections"]:
        row["coded"] = bool(row["coded"])  # read, then rejected (else: not readable at all)
    return {name: pa.Table.from_pylist(found[name], schema=shapes[name]) for name in TABLES}


def chunk_for(paths: list[str], workers: int) -> int:
    """The size of a JSON Lines or WARC partition for these inputs on this many workers."""
    splittable = tuple(JSONL_EXTENSIONS) + tuple(w + gz for w in WARC_EXTENSIONS for gz in ("", ".gz"))
    total = sum(os.path.getsize(f) for f in _input_files(paths)
                if f.lower().endswith(splittable) and os.path.isfile(f))
    return max(MIN_CHUNK_BYTES, min(CHUNK_BYTES, total // (PARTS_PER_WORKER * max(1, workers))))


def run(paths: list[str], out: str, options: Options, scheduler: str | None = None, workers: int = 2,
        on_progress=None, chunk_bytes: int | None = None, on_dashboard=None) -> dict:
    """Code `paths` on a Dask cluster into Parquet under `out`; returns the manifest.
    chunk_bytes: the size of a JSON Lines partition (by default from the input and the workers;
    a run started again must be given the same to find its partitions done)."""
    import dask
    from distributed import Client, LocalCluster, as_completed

    Path(out).mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:  # quiet: a worker's routine messages are not the user's business; and no sampling
            # of the workers' stacks every 10 ms for the dashboard's profile, which costs some 4%
            # of a run (bench/scale_speedup.py)
            stack.enter_context(dask.config.set({"distributed.worker.profile.enabled": False}))
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                memory_limit=None, silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        if on_dashboard:
            on_dashboard(client.dashboard_link)
        chunk = chunk_bytes or _recorded_chunk(out) or chunk_for(paths, len(client.nthreads()) or workers)
        parts = plan(paths, chunk)
        done = lambda p: (Path(out) / DONE / f"{p.id}.json").is_file()  # noqa: E731
        todo = [p for p in parts if not done(p)]
        _write_text_atomically(Path(out) / PLAN, json.dumps({"chunk_bytes": chunk}))
        futures = client.map(code_partition, todo, out=str(Path(out).resolve()), options=options,
                             key=[f"eventwire-{p.id}" for p in todo], retries=2, pure=False)
        for n, _ in enumerate(as_completed(futures), 1):
            if on_progress:
                on_progress(len(parts) - len(todo) + n, len(parts))
        client.gather(futures)  # raises a task's error after its retries
    settle(out, parts)
    _pageless_warcs(out, parts)
    return _manifest(out, parts, paths, options)


def settle(out: str, parts: list[Partition]) -> int:
    """Keep each article and each document once, as `ingest` does. An article two partitions
    coded (one text under two keys) stays in the first partition of the plan; the others drop
    its rows, and their document says "duplicate". A document two partitions read (the same
    key and content twice) keeps the row of the first. Run after every partition is done; run
    again after a stop midway, it finishes the work: a partition's articles file, by which its
    copies are found, is rewritten after its other tables and its done marker. The rows dropped."""
    import pyarrow.parquet as pq

    seen_ids: set[str] = set()
    seen_docs: set[tuple] = set()
    dropped = 0
    for part in parts:
        files = {name: Path(out) / name / f"part-{part.id}.parquet" for name in TABLES}
        ids = pq.read_table(files["articles"], columns=["id"]).column("id").to_pylist()
        docs = pq.read_table(files["documents"], columns=["key", "digest"]).to_pylist()
        again_ids = seen_ids.intersection(ids)
        again_docs = seen_docs.intersection((d["key"], d["digest"]) for d in docs)
        seen_ids.update(ids)
        seen_docs.update((d["key"], d["digest"]) for d in docs)
        if not again_ids and not again_docs:
            continue
        tables = {name: pq.read_table(files[name]) for name in (*BY_ARTICLE, "rejections", "documents", "articles")}
        kept = {name: _without(table, name, again_ids, again_docs) for name, table in tables.items()}
        dropped += sum(tables[name].num_rows - table.num_rows for name, table in kept.items())
        for name in (*BY_ARTICLE, "rejections", "documents"):
            _write_atomically(kept[name], files[name])
        _set_rows(out, part, {name: table.num_rows for name, table in kept.items()})
        _write_atomically(kept["articles"], files["articles"])  # last: by it, copies are found again
    return dropped


def _pageless_warcs(out: str, parts: list[Partition]) -> None:
    """A WARC cut into ranges none of which held a page or damage gets the one rejection `ingest`
    gives the whole file (no_entries), in its first range's tables; run again, it finds it there."""
    import pyarrow.parquet as pq

    from .batch import source_of
    from .ingest.warc import no_pages

    ranges: dict[str, list[Partition]] = {}
    for part in parts:
        if part.warc:
            ranges.setdefault(part.path, []).append(part)
    for path, cut in ranges.items():
        if any(pq.read_metadata(Path(out) / "documents" / f"part-{p.id}.parquet").num_rows for p in cut):
            continue
        item = no_pages(path)
        tables = _stored_tables([(source_of(item), item)])
        for name in ("documents", "rejections"):
            _write_atomically(tables[name], Path(out) / name / f"part-{cut[0].id}.parquet")
        _set_rows(out, cut[0], {"documents": 1, "rejections": 1})


def _without(table, name: str, again_ids: set[str], again_docs: set[tuple]):
    """A partition's table less the rows of articles and documents an earlier partition holds."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def among(column: str, values) -> "pa.ChunkedArray":
        return pc.fill_null(pc.is_in(table.column(column), value_set=pa.array(sorted(values), pa.string())), False)

    if name in ("documents", "rejections"):
        pairs = [(k, d) for k, d in zip(table.column("key").to_pylist(), table.column("digest").to_pylist())]
        table = table.filter(pa.array([pair not in again_docs for pair in pairs], pa.bool_()))
        if name == "documents":  # a document whose article an earlier partition keeps
            copies = pc.and_(among("article_id", again_ids), pc.equal(table.column("outcome"), "coded"))
            outcome = pc.if_else(copies, "duplicate", table.column("outcome"))
            table = table.set_column(table.schema.get_field_index("outcome"), "outcome", outcome)
        return table
    column = "id" if name == "articles" else "article_id"
    return table.filter(pc.invert(among(column, again_ids)))


def _recorded_chunk(out: str) -> int | None:
    """The partition size an earlier run into `out` planned with: a run started again finds
    its partitions done whatever the workers it has now."""
    path = Path(out) / PLAN
    return json.loads(path.read_text()).get("chunk_bytes") if path.is_file() else None


def _manifest(out: str, parts: list[Partition], paths: list[str], options: Options) -> dict:
    from . import __version__

    totals = dict.fromkeys(TABLES, 0)
    models: dict[str, set] = {column: set() for column in MODELS}  # what the workers coded with
    for p in parts:
        done = json.loads((Path(out) / DONE / f"{p.id}.json").read_text())
        for name in TABLES:
            totals[name] += done["rows"].get(name, 0)
        for column in MODELS:
            models[column].update(done.get("models", {}).get(column, []))
    manifest = {"eventwire_version": __version__, **{k: sorted(v) for k, v in models.items()},
                "rules_only": not options.classifier, "inputs": [str(p) for p in paths],
                "partitions": len(parts), "rows": totals,
                "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "tables": {name: f"{name}/part-*.parquet" for name in TABLES}}
    _write_text_atomically(Path(out) / "manifest.json", json.dumps(manifest, indent=2))
    return manifest


def check_out(out: str) -> None:
    """A usage error before any work: --out must be a folder (new, or one of an earlier run)."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise EventwireError(f"{out}: not a folder: give --out a new folder, or the folder of an earlier run to go on")


def load(out: str, store) -> dict[str, int]:
    """A scale run's tables into the SQLite store, as `ingest` would have stored them: each
    article with its document's key, each rejection; then dedup. Returns what happened, by
    outcome (an article stored already is not stored twice)."""
    import pyarrow.dataset as ds

    from .records import Extraction, Rejection, Source

    root = Path(out)
    if not (root / "articles").is_dir():
        raise EventwireError(f"{out}: no articles/ folder: give the --out folder of `eventwire scale`")
    outcomes: dict[str, int] = {}
    articles = ds.dataset(root / "articles", format="parquet")
    for batch in articles.to_batches(columns=["key", "digest", "name", "url", "source", "title", "published",
                                              "extraction"]):
        for row in batch.to_pylist():
            extraction = Extraction.from_dict(json.loads(row["extraction"]))
            published = row["published"].isoformat() if row["published"] else None
            source = Source(key=row["key"], digest=row["digest"], name=row["name"], url=row["url"],
                            source=row["source"], title=row["title"], published=published)
            outcome = store.add(source, extraction)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    if (root / "documents").is_dir():  # those whose article another key brought: one more source
        duplicates = ds.dataset(root / "documents", format="parquet").to_table(filter=ds.field("outcome") == "duplicate")
        for row in duplicates.to_pylist():
            source = Source(key=row["key"], digest=row["digest"], name=row["name"], url=row["url"])
            if store.add_source(source, row["article_id"]):
                outcomes["duplicate"] = outcomes.get("duplicate", 0) + 1
    if (root / "rejections").is_dir():
        for row in ds.dataset(root / "rejections", format="parquet").to_table().to_pylist():
            source = Source(key=row["key"], digest=row["digest"], name=row["name"])
            outcome = "rejected" if row["coded"] else "unreadable"
            if store.add_unreadable(source, Rejection(row["code"], row["reason"]), outcome):
                outcomes["rejected"] = outcomes.get("rejected", 0) + 1
    grouped = store.dedup()
    outcomes["real_world_events"] = grouped.groups
    return outcomes
