"""The batch: ingest into the store, again without duplicates, and after a kill -9."""
import json
import re
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import psutil
import pytest
from click.testing import CliRunner

from eventwire.batch import ingest
from eventwire.cli import cli
from eventwire.options import Options
from eventwire.store import Store

from .conftest import ROOT, small_disk

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
    with closing(sqlite3.connect(db)) as con:
        documents = con.execute("select count(*), count(distinct name) from documents").fetchone()
        articles = con.execute("select count(*) from articles").fetchone()[0]
        integrity = con.execute("pragma integrity_check").fetchone()[0]
    return documents, articles, integrity


def _ingest_command(feed, db, workers=1):
    return [sys.executable, "-m", "eventwire.cli", "ingest", str(feed), "--db", str(db),
            "--workers", str(workers)]


def _wait_for_stored(db, at_least: int, process, seconds: float = 180) -> int:
    deadline = time.time() + seconds
    while time.time() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                (stored, _), _, _ = _counts(db)
            except sqlite3.OperationalError:
                continue
            if stored >= at_least:
                return stored
    return -1


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
    command = _ingest_command(feed, db)
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for_stored(db, 10, run, seconds=120)
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


# --- document identity: by URL, entry id or content, never by position --------------------------

def _rss(items: list[tuple[int, str]]) -> str:
    """A feed of our own whose items are (number, text); each item has a guid and a link."""
    entries = "".join(
        f"<item><title>Item {n}</title><guid isPermaLink='false'>story-{n}</guid>"
        f"<link>https://news.example.org/story/{n}</link><pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{text}</p>]]></description></item>" for n, text in items)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Example News</title>"
            f"<link>https://news.example.org/</link>{entries}</channel></rss>")


def _text(n: int) -> str:
    return _articles(n + 1)[n]["text"]


def test_batch_feed_rewritten_five_times_keeps_every_new_item(tmp_path):
    feed, db = tmp_path / "world.rss", tmp_path / "store.db"
    with Store(db) as store:
        reports = []
        for rewrite in range(5):  # the feed keeps only its latest 3 items, as feeds do
            feed.write_text(_rss([(n, _text(n)) for n in range(rewrite * 3, rewrite * 3 + 3)]))
            reports.append(ingest([str(feed)], store, Options(), workers=0))
        again = ingest([str(feed)], store, Options(), workers=0)
        summary = store.summary()
    assert [r.coded for r in reports] == [3, 3, 3, 3, 3]
    assert summary["articles"] == summary["documents"] == 15
    assert (again.coded, again.skipped) == (0, 3)
    keys = {row[0] for row in sqlite3.connect(db).execute("SELECT key FROM documents")}
    assert keys == {f"https://news.example.org/#story-{n}" for n in range(15)}


def test_batch_changed_feed_item_is_an_update(tmp_path):
    feed, db = tmp_path / "world.rss", tmp_path / "store.db"
    feed.write_text(_rss([(1, _text(1)), (2, _text(2))]))
    with Store(db) as store:
        ingest([str(feed)], store, Options(), workers=0)
        feed.write_text(_rss([(1, _text(1) + " Two of them were later released."), (2, _text(2))]))
        report = ingest([str(feed)], store, Options(), workers=0)
        summary = store.summary()
    assert (report.updated, report.skipped, report.coded) == (1, 1, 0)
    assert summary["articles"] == summary["documents"] == 2
    texts = [t for (t,) in sqlite3.connect(db).execute("SELECT text FROM articles")]
    assert sum("later released" in t for t in texts) == 1


def test_batch_jsonl_rewritten_and_stdin_twice_store_what_is_new(tmp_path, monkeypatch):
    dump, db = tmp_path / "dump.jsonl", tmp_path / "store.db"
    rows = _articles(6)
    for n, row in enumerate(rows):
        row["url"] = f"https://news.example.org/a/{n}"
    with Store(db) as store:
        _write_jsonl(dump, rows[:3])
        first = ingest([str(dump)], store, Options(), workers=0)
        _write_jsonl(dump, rows[3:])  # the same file name, new articles at the same line numbers
        second = ingest([str(dump)], store, Options(), workers=0)
    assert (first.coded, second.coded) == (3, 3)
    for text in ("Kenyan police arrested nine men in Kisumu on Monday.",
                 "Kenyan police arrested four women in Nakuru on Tuesday."):
        result = CliRunner().invoke(cli, ["ingest", "-", "--db", str(db), "--workers", "0"], input=text)
        assert result.exit_code == 0, result.output
        assert "coded 1" in result.output
    with Store(db) as store:
        assert store.summary()["articles"] == 8


def test_batch_same_text_under_two_urls_is_one_article_two_sources_whatever_the_order(tmp_path):
    """With two workers the first document in reading order is the one coded, every time."""
    rows = _articles(12)
    for n, row in enumerate(rows):
        row["url"] = f"https://news.example.org/b/{n}"
    rows[9]["text"] = rows[3]["text"]  # a syndicated copy of the same story
    feed = tmp_path / "news.jsonl"
    _write_jsonl(feed, rows)
    outcomes = []
    for run in range(2):
        with Store(tmp_path / f"run{run}.db") as store:
            report = ingest([str(feed)], store, Options(), workers=2)
            outcomes.append(dict(store._db.execute("SELECT url, outcome FROM documents").fetchall()))
            assert (report.coded, report.duplicates) == (11, 1)
            sources = store._db.execute("SELECT count(*) FROM documents WHERE article_id = "
                                        "(SELECT article_id FROM documents WHERE url = ?)",
                                        (rows[3]["url"],)).fetchone()[0]
            assert sources == 2
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][rows[3]["url"]] == "coded" and outcomes[0][rows[9]["url"]] == "duplicate"


# --- isolation: a document that hangs or kills its worker costs that document only ---------------

def _long_text() -> str:
    """Ordinary news, long enough to take well over a few seconds to code."""
    return "\n\n".join(row["text"] for row in _articles(1500))


def test_batch_document_over_the_time_budget_is_recorded_and_skipped_on_resume(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-long.txt").write_text(_long_text())
    for n, row in enumerate(_articles(3)):
        (folder / f"b{n}.txt").write_text(row["text"])
    options = Options(time_budget=3.0)
    with Store(tmp_path / "store.db") as store:
        first = ingest([str(folder)], store, options, workers=1)
        again = ingest([str(folder)], store, options, workers=1)
        row = store._db.execute("SELECT outcome, code, reason FROM documents WHERE name LIKE '%a-long.txt'").fetchone()
    assert (first.coded, first.rejected) == (3, {"timeout": 1})
    assert row[:2] == ("rejected", "timeout") and "--time-budget" in row[2]
    assert (again.read, again.skipped) == (4, 4)


def test_batch_machine_fault_stops_the_batch_and_a_rerun_codes_the_rest(tmp_path, monkeypatch):
    """A full disk while coding is no verdict on the document: nothing is recorded for it."""
    import errno

    from eventwire import pipeline

    feed = tmp_path / "news.jsonl"
    _write_jsonl(feed, _articles(6))
    real = pipeline.Pipeline.__call__

    def disk_full_at_the_fourth(self, raw):
        if raw.name.endswith(":4"):
            raise OSError(errno.ENOSPC, "No space left on device", "/tmp/x")
        return real(self, raw)

    with Store(tmp_path / "store.db") as store:
        monkeypatch.setattr(pipeline.Pipeline, "__call__", disk_full_at_the_fourth)
        stopped = ingest([str(feed)], store, Options(), workers=0)
        monkeypatch.undo()
        resumed = ingest([str(feed)], store, Options(), workers=0)
        summary = store.summary()
    assert stopped.coded == 3 and "No space left on device" in stopped.stopped and not stopped.interrupted
    assert (resumed.skipped, resumed.coded) == (3, 3)
    assert summary["articles"] == 6 and summary["rejections"] == {}


def test_batch_full_disk_under_the_store_stops_with_a_message_and_loses_nothing(tmp_path):
    with small_disk(tmp_path / "small", "400k") as small:
        feed = tmp_path / "news.jsonl"
        rows = _articles(60)
        for row in rows:  # long enough that 60 of them cannot fit in 400 KB
            row["text"] = (row["text"] + " ") * 12
        _write_jsonl(feed, rows)
        db = small / "store.db"
        command = [sys.executable, "-m", "eventwire.cli", "ingest", str(feed), "--db", str(db), "--workers", "0"]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 2, done.stderr
        assert "stopped" in done.stderr and "run the same command again" in done.stderr
        assert "Traceback" not in done.stderr
        (stored, _), articles, integrity = _counts(db)
        assert integrity == "ok" and 0 < stored == articles < 60
        bigger = tmp_path / "bigger.db"
        for suffix in ("", "-wal", "-shm"):
            if Path(str(db) + suffix).exists():
                shutil.copy(str(db) + suffix, str(bigger) + suffix)
        command[command.index(str(db))] = str(bigger)
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)
        (documents, _), articles, integrity = _counts(bigger)
        assert integrity == "ok" and documents == articles == 60


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_batch_ctrl_c_and_sigterm_stop_cleanly_say_what_was_stored_and_leave_no_workers(tmp_path, stop):
    # Enough articles that the ingest is still running when it is stopped, even on a fast day
    # (with 80, a fresh CI run once finished between seeing 5 stored and sending the signal).
    feed, db, n = tmp_path / "news.jsonl", tmp_path / "store.db", 400
    _write_jsonl(feed, _articles(n))
    # As from a terminal: a shell that starts a job in the background (`nohup make test &`, a
    # CI runner) leaves SIGINT ignored, and the ingest, rightly, inherits that and goes on.
    run = subprocess.Popen(_ingest_command(feed, db, workers=2), cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    if _wait_for_stored(db, 5, run) < 0:
        run.kill()
        pytest.skip("the ingest finished before it could be stopped")
    workers = psutil.Process(run.pid).children(recursive=True)
    assert run.poll() is None, "the ingest ended before it was stopped: the test needs more articles"
    run.send_signal(stop)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "stopped: interrupted" in err and "run the same command again" in err
    assert "Traceback" not in err
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []
    subprocess.run(_ingest_command(feed, db, workers=2), cwd=ROOT, check=True, capture_output=True)
    (documents, distinct), articles, integrity = _counts(db)
    assert integrity == "ok" and documents == distinct == articles == n


def test_batch_worker_killed_mid_document_loses_nothing(tmp_path):
    feed, db, n = tmp_path / "news.jsonl", tmp_path / "store.db", 60
    _write_jsonl(feed, _articles(n))
    run = subprocess.Popen(_ingest_command(feed, db, workers=1), cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if _wait_for_stored(db, 5, run) < 0:
        run.kill()
        pytest.skip("the ingest finished before a worker could be killed")
    workers = [p for p in psutil.Process(run.pid).children()
               if "resource_tracker" not in " ".join(p.cmdline())]
    for worker in workers:
        worker.kill()  # as the OOM killer would
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    (documents, distinct), articles, integrity = _counts(db)
    assert integrity == "ok" and documents == distinct == articles == n


def test_batch_two_ingests_at_once_count_each_article_once(tmp_path):
    feed, db, n = tmp_path / "news.jsonl", tmp_path / "store.db", 30
    _write_jsonl(feed, _articles(n))
    Store(db).close()
    runs = [subprocess.Popen(_ingest_command(feed, db, workers=1), cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errs = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errs
    coded = [int(re.search(r"coded (\d+)", " ".join(err.split())).group(1)) for err in errs]
    assert sum(coded) == n
    (documents, distinct), articles, integrity = _counts(db)
    assert integrity == "ok" and documents == distinct == articles == n


def test_batch_items_with_the_same_text_but_other_titles_are_two_documents(tmp_path):
    """Headline-only items (text null, as in Reuters-21578) are each recorded, not one for all."""
    feed = tmp_path / "news.jsonl"
    _write_jsonl(feed, [{"title": "Grain prices rise", "text": None},
                        {"title": "Oil output falls", "text": None}])
    with Store(tmp_path / "store.db") as store:
        report = ingest([str(feed)], store, Options(), workers=0)
    assert report.rejected == {"empty": 2} and report.skipped == 0
