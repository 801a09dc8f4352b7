"""The batch: ingest into the store, again without duplicates, and after a kill -9."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from eventwire.batch import ingest
from eventwire.options import Options
from eventwire.store import Store

from .conftest import ROOT

TOWNS = ["Kisumu", "Nakuru", "Eldoret", "Garissa", "Mombasa", "Malindi", "Lamu", "Wajir"]


def _articles(n: int) -> list[dict]:
    """Short articles of our own, each different, in the JSON Lines form news dumps use."""
    return [{"title": f"Police disperse protest in {TOWNS[i % len(TOWNS)]}",
             "text": f"Kenyan police fired tear gas at {100 + i} protesters in {TOWNS[i % len(TOWNS)]} "
                     f"on Tuesday, officials said. The protesters, who had marched for {i % 5 + 2} hours "
                     f"against new fuel taxes, were demanding that parliament repeal the law number {i}.",
             "published": "2024-03-12"} for i in range(n)]


def _write_jsonl(path, rows, bad_lines=()):
    lines = [json.dumps(r) for r in rows]
    for at, junk in bad_lines:
        lines.insert(at, junk)
    path.write_text("\n".join(lines) + "\n")


def _counts(db):
    with sqlite3.connect(db) as con:
        documents = con.execute("select count(*), count(distinct name) from documents").fetchone()
        articles = con.execute("select count(*) from articles").fetchone()[0]
        integrity = con.execute("pragma integrity_check").fetchone()[0]
    return documents, articles, integrity


def test_batch_ingests_records_bad_input_and_adds_nothing_the_second_time(tmp_path):
    feed = tmp_path / "news.jsonl"
    _write_jsonl(feed, _articles(6), bad_lines=[(2, "{not json")])
    (tmp_path / "empty.txt").write_text("")
    db = tmp_path / "store.db"
    with Store(db) as store:
        first = ingest([str(tmp_path)], store, Options(), workers=1)
        second = ingest([str(tmp_path)], store, Options(), workers=1)
        summary = store.summary()
    assert (first.read, first.coded) == (8, 6)
    assert first.rejected == {"malformed": 1, "empty": 1}
    assert first.events > 0
    assert (second.read, second.skipped, second.coded) == (8, 8, 0)
    assert summary["articles"] == 6 and summary["documents"] == 8


def test_batch_with_two_workers_codes_the_same_as_one(tmp_path):
    feed = tmp_path / "news.jsonl"
    _write_jsonl(feed, _articles(12))
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "two.db") as two:
        a = ingest([str(feed)], one, Options(), workers=1)
        b = ingest([str(feed)], two, Options(), workers=2)
        assert (a.coded, a.events) == (b.coded, b.events) == (12, a.events)
        assert sorted(e["type"] for e in one.events()) == sorted(e["type"] for e in two.events())


def test_batch_resumes_after_kill_9_with_nothing_missing_and_nothing_twice(tmp_path):
    n = 80
    feed = tmp_path / "news.jsonl"
    _write_jsonl(feed, _articles(n))
    db = tmp_path / "store.db"
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(feed), "--db", str(db)]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.2)
        if db.exists():
            try:
                (stored, _), _, _ = _counts(db)
            except sqlite3.OperationalError:
                continue
            if stored >= 10:
                break
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    (stored, _), _, integrity = _counts(db)
    assert integrity == "ok"
    if stored >= n:
        pytest.skip("the ingest finished before it could be killed")
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    (documents, distinct), articles, integrity = _counts(db)
    assert integrity == "ok"
    assert documents == distinct == n
    assert articles == n
