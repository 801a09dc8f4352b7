"""`eventwire scale` (issue 17): the ingest pipeline on a real Dask LocalCluster of two workers,
Parquet out; the same articles and events as `ingest`; a worker killed mid-run loses nothing
and doubles nothing; a run started again skips what is done; DuckDB and pyarrow read the tables."""
import gzip
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from eventwire.ingest import read_paths
from eventwire.options import Options
from eventwire.scale import DONE, Partition, _documents, plan

from .conftest import SHARED

REUTERS = SHARED / "eval-data" / "corpus" / "reuters_sample.jsonl"
needs_reuters = pytest.mark.skipif(not REUTERS.is_file(), reason="needs ../shared/eval-data/corpus (CI has it)")


def _lines(path: Path, n: int, tmp_path: Path) -> Path:
    out = tmp_path / "articles.jsonl"
    with REUTERS.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for _ in range(n):
            dst.write(src.readline())
    return out


def test_scale_plan_cuts_json_lines_at_line_ends_keeping_ingest_names(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"url": f"https://example.org/{n}", "text": f"Article {n}. " * (n % 7 + 1)}) for n in range(60)]
    lines.insert(10, "{not json")
    lines.insert(20, "")
    path.write_text("\n".join(lines) + "\n")
    parts = plan([str(path)], chunk_bytes=300)
    assert len(parts) > 5 and parts[0].start == 0 and parts[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))  # no byte read twice or left out
    scaled = [(d.name, getattr(d, "key", None)) for p in parts for d in _documents(p, None)]
    ingested = [(d.name, getattr(d, "key", None)) for d in read_paths([str(path)])]
    assert scaled == ingested


@pytest.mark.parametrize("gz", [False, True])
def test_scale_plan_cuts_a_warc_at_record_starts_keeping_ingest_names(tmp_path, gz):
    """A WARC cut into byte ranges gives, range by range, what `ingest` reads from the whole
    file: the same pages under the same names (their offsets), damage reported once."""
    from .ingest.test_read import build_warc

    data, spans = build_warc(gz, pages=40)
    start, end = spans[17]  # a damaged record midway: the ranges read on past it, as ingest does
    damage = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nhi\r\n\r\n"
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data[:start] + (gzip.compress(damage) if gz else damage) + data[end:])
    parts = plan([str(path)], chunk_bytes=len(data) // 9)
    assert len(parts) >= 6 and all(p.warc for p in parts)
    assert parts[0].start == 0 and parts[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
    scaled = [(d.name, getattr(d, "url", None), type(d).__name__) for p in parts for d in _documents(p, None)]
    ingested = [(d.name, getattr(d, "url", None), type(d).__name__) for d in read_paths([str(path)])]
    assert scaled == ingested and len(ingested) == 40


def test_scale_plan_keeps_a_warc_gz_of_one_gzip_stream_whole(tmp_path):
    """A .warc.gz compressed as one stream has no record a reader can start at: one partition."""
    from .ingest.test_read import build_warc

    data, _ = build_warc(False, pages=20)
    path = tmp_path / "one-stream.warc.gz"
    path.write_bytes(gzip.compress(data))
    assert plan([str(path)], chunk_bytes=len(data) // 20) == [Partition(str(path))]


def test_scale_a_warc_cut_into_ranges_without_pages_is_recorded_once(tmp_path):
    """A WARC of images only, cut into ranges: no range holds a page, and the file gets the one
    no_entries rejection ingest gives it; settling again adds none."""
    import io

    from warcio.warcwriter import WARCWriter

    from eventwire.scale import _pageless_warcs, code_partition

    from .ingest.test_read import _response

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n in range(30):
        writer.write_record(_response(writer, f"http://news.example.org/{n}.png", "\x89PNG" + "x" * 500,
                                      kind="image/png"))
    path = tmp_path / "images.warc.gz"
    path.write_bytes(out.getvalue())
    parts = plan([str(path)], chunk_bytes=len(out.getvalue()) // 4)
    assert len(parts) >= 3 and all(p.warc for p in parts)
    for part in parts:
        code_partition(part, str(tmp_path / "out"), Options())
    _pageless_warcs(str(tmp_path / "out"), parts)
    _pageless_warcs(str(tmp_path / "out"), parts)
    ingested = [(d.name, d.rejection.code) for d in read_paths([str(path)])]
    rows = [(r["name"], r["code"]) for r in _parquet_rows(tmp_path / "out", "rejections")]
    assert rows == ingested == [(str(path), "no_entries")]
    assert [r["outcome"] for r in _parquet_rows(tmp_path / "out", "documents")] == ["unreadable"]


def test_scale_plan_takes_a_folder_file_by_file(tmp_path):
    for name in ("a.txt", "b.html", ".hidden.txt"):
        (tmp_path / name).write_text("Police said.")
    assert [Path(p.path).name for p in plan([str(tmp_path)])] == ["a.txt", "b.html"]


def _parquet_rows(out: Path, table: str) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(out / table, format="parquet").to_table().to_pylist()


@needs_reuters
def test_scale_gives_what_ingest_gives_on_200_articles(tmp_path):
    import duckdb

    from eventwire.batch import ingest
    from eventwire.scale import run
    from eventwire.store import Store

    articles = _lines(REUTERS, 200, tmp_path)
    out = tmp_path / "out"
    manifest = run([str(articles)], str(out), Options(), workers=2, chunk_bytes=40_000)
    assert manifest["partitions"] > 2
    with Store(tmp_path / "x.db") as store:
        ingest([str(articles)], store, Options(), 2)
        events = store.events()
        stored = dict(store._db.execute("SELECT key, article_id FROM documents WHERE outcome = 'coded'"))
        rejected = {k for (k,) in store._db.execute("SELECT key FROM rejections")}
        documents = set(store._db.execute("SELECT key, article_id, outcome FROM documents"))
    scaled = _parquet_rows(out, "articles")
    # the same articles, each once: one whose text two partitions hold under two keys is kept
    # in the first, and its other document is a duplicate, as ingest stores it
    assert sorted((r["key"], r["id"]) for r in scaled) == sorted(stored.items())
    assert {(r["key"], r["article_id"], r["outcome"]) for r in _parquet_rows(out, "documents")} == documents
    assert any(outcome == "duplicate" for _, _, outcome in documents), "no duplicate: the test tests less"
    fields = ("article_id", "event_id", "type", "acled_sub_event_type", "date_start", "killed", "injured",
              "actors", "recipients", "place", "place_country", "status")
    pick = lambda rows: {tuple(str(r[f]) for f in fields) for r in rows}  # noqa: E731
    assert pick(_parquet_rows(out, "events")) == pick(events) and events
    assert {r["key"] for r in _parquet_rows(out, "rejections")} == rejected
    assert manifest["rows"]["articles"] == len(scaled) and manifest["spacy_model"]
    # DuckDB reads the tables as they are, dates as dates
    kind = duckdb.sql(f"SELECT typeof(date_start) FROM '{out}/events/*.parquet' LIMIT 1").fetchall()[0][0]
    assert kind == "DATE"
    count = duckdb.sql(f"SELECT count(DISTINCT id) FROM '{out}/articles/*.parquet'").fetchall()[0][0]
    assert count == len(set(stored.values()))
    # loaded into a store, the run is what ingest stored: articles, events, rejections, groups
    from eventwire.scale import load

    with Store(tmp_path / "loaded.db") as store:
        outcomes = load(str(out), store)
        loaded = store.events()
        loaded_rejected = {k for (k,) in store._db.execute("SELECT key FROM rejections")}
        loaded_articles = {a for (a,) in store._db.execute("SELECT id FROM articles")}
        loaded_documents = set(store._db.execute("SELECT key, article_id, outcome FROM documents"))
    assert outcomes["coded"] == len(set(stored.values())) and loaded_rejected == rejected
    assert loaded_documents == documents
    assert loaded_articles == set(stored.values()) and pick(loaded) == pick(events)
    assert {r["group_id"] for r in loaded} != {None}
    # run again: every partition is done, nothing is coded or written again
    written = {p: p.stat().st_mtime_ns for p in out.rglob("part-*.parquet")}
    started = time.perf_counter()
    again = run([str(articles)], str(out), Options(), workers=1)  # the first run's partitions, recorded
    assert again["rows"] == manifest["rows"]
    assert {p: p.stat().st_mtime_ns for p in out.rglob("part-*.parquet")} == written
    assert time.perf_counter() - started < 60


@needs_reuters
def test_scale_a_worker_killed_mid_run_loses_no_article_and_doubles_none(tmp_path):
    from distributed import LocalCluster

    from eventwire.scale import run

    articles = _lines(REUTERS, 120, tmp_path)
    out = tmp_path / "out"
    killed = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit=None) as cluster:
        def kill_one_when_work_is_done():
            deadline = time.time() + 300
            while time.time() < deadline and not list((out / DONE).glob("*.json")):
                time.sleep(0.2)
            nanny = next(iter(cluster.workers.values()))
            os.kill(nanny.process.process.pid, signal.SIGKILL)  # the worker process, not its nanny
            killed.append(nanny.process.process.pid)

        killer = threading.Thread(target=kill_one_when_work_is_done, daemon=True)
        killer.start()
        manifest = run([str(articles)], str(out), Options(), scheduler=cluster.scheduler_address,
                       chunk_bytes=20_000)
        killer.join(timeout=5)
    assert killed, "no worker was killed: the test did not test anything"
    from collections import Counter, defaultdict

    from eventwire.batch import source_of

    where = defaultdict(set)  # each document's key: the partitions that hold it (a repeated line: several)
    for part in plan([str(articles)], chunk_bytes=20_000):
        for document in _documents(part, None):
            where[source_of(document).key].add(part.id)
    articles = _parquet_rows(out, "articles")
    ids = Counter(r["id"] for r in articles)
    assert set(ids.values()) == {1}  # neither a retried partition nor a repeated text doubled an article
    assert sum(len(rows) for rows in map(lambda t: _parquet_rows(out, t), ["events"])) == manifest["rows"]["events"]
    # every document read has its row, once
    documents = Counter(r["key"] for r in _parquet_rows(out, "documents"))
    assert set(documents) == set(where) and set(documents.values()) == {1}
    assert manifest["rows"]["articles"] == len(articles) and len(ids) >= 100
