"""The command line: every failure is one line on standard error and exit status 2, never a
traceback; what it prints of articles is shown literally."""
import os
import shutil
import sqlite3
import stat
import sys

import pytest
from click.testing import CliRunner

from eventwire import store as store_module
from eventwire.cli import cli, main
from eventwire.store import MAX_SQLITE_INT, Store

from .conftest import extract_valid, src
from .test_render import EVIL
from .test_store import damage

TEXTS = {
    "kharkiv.txt": "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday, killing three civilians "
                   "and wounding 12, regional governor Oleh Synehubov said.",
    "baghdad.txt": "Police fired tear gas at hundreds of protesters in Baghdad on Monday. Two people were "
                   "killed and five injured, the Iraqi health ministry said.",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A closed store of real articles; the Baghdad article's title is hostile to terminals."""
    import dataclasses

    path = tmp_path_factory.mktemp("cli") / "events.db"
    with Store(path) as store:
        for name, text in TEXTS.items():
            ex = extract_valid(text, published="2022-03-05")
            if name == "baghdad.txt":
                ex = dataclasses.replace(ex, article=dataclasses.replace(ex.article, title=EVIL))
            store.add(src(name, ex), ex)
    return path


@pytest.fixture
def copy(db, tmp_path):
    """A copy of the store, for tests that change or damage it."""
    shutil.copy(db, tmp_path / "events.db")
    return tmp_path / "events.db"


@pytest.fixture
def bad_jsonl(tmp_path):
    """A document the batch records without loading the model: a JSON Lines line that is not JSON."""
    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n")
    return path


def run_main(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """`eventwire ARGS` as the installed command runs it (main(), not the bare click group)."""
    monkeypatch.setattr(sys, "argv", ["eventwire", *map(str, args)])
    with pytest.raises(SystemExit) as stop:
        main()
    out, err = capsys.readouterr()
    return stop.value.code, out, err


def one_line(err: str) -> str:
    assert "Traceback" not in err and err.startswith("eventwire: ") and err.count("\n") == 1, err
    return err


def test_cli_ingest_refuses_a_damaged_store_and_writes_nothing(monkeypatch, capsys, copy, bad_jsonl):
    damage(copy)
    before = copy.read_bytes()
    code, _, err = run_main(monkeypatch, capsys, "ingest", bad_jsonl, "--db", copy)
    assert code == 2 and "the store is damaged" in one_line(err) and ".recover" in err
    assert copy.read_bytes() == before


def test_cli_reads_a_store_on_read_only_media_and_refuses_to_write_it(monkeypatch, capsys, db, tmp_path,
                                                                      bad_jsonl, read_only):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(db, folder / "events.db")
    read_only(folder / "events.db")
    read_only(folder)
    code, out, _ = run_main(monkeypatch, capsys, "events", "--db", folder / "events.db", "--format", "json")
    assert code == 0 and len(out.splitlines()) > 1
    code, out, _ = run_main(monkeypatch, capsys, "export", "--db", folder / "events.db", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == len(TEXTS)
    code, _, err = run_main(monkeypatch, capsys, "ingest", bad_jsonl, "--db", folder / "events.db")
    assert code == 2 and "cannot be written here" in one_line(err)
    assert [p.name for p in folder.iterdir()] == ["events.db"]


@pytest.mark.parametrize("name", ["", ":memory:"])
@pytest.mark.parametrize("command", [["ingest", "bad.jsonl"], ["events"], ["export", "--format", "jsonl"]])
def test_cli_refuses_a_store_kept_in_memory(monkeypatch, capsys, tmp_path, bad_jsonl, command, name):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main(monkeypatch, capsys, *command, "--db", name)
    assert code == 2 and "is not a file name" in one_line(err) and out == ""
    assert [p.name for p in tmp_path.iterdir()] == ["bad.jsonl"]


def test_cli_store_locked_past_the_busy_timeout(monkeypatch, capsys, tmp_path, bad_jsonl):
    """Another process holds the write lock of a store being created (BEGIN IMMEDIATE)."""
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
    try:
        code, _, err = run_main(monkeypatch, capsys, "ingest", bad_jsonl, "--db", path)
    finally:
        holder.close()
    assert code == 2 and "the store is locked" in one_line(err) and "run this again" in err


def test_cli_store_on_a_full_disk(monkeypatch, capsys, tmp_path, bad_jsonl):
    """A disk with room for 8 pages of 4 KB: SQLite says "database or disk is full"."""
    connect = sqlite3.connect

    def small_disk(*args, **kwargs):
        db = connect(*args, **kwargs)
        db.execute("PRAGMA max_page_count = 8")
        return db

    monkeypatch.setattr(sqlite3, "connect", small_disk)
    code, _, err = run_main(monkeypatch, capsys, "ingest", bad_jsonl, "--db", tmp_path / "new.db")
    assert code == 2 and "disk holding the store is full" in one_line(err)


def test_cli_export_to_a_missing_folder_and_a_full_device(monkeypatch, capsys, db, tmp_path):
    code, _, err = run_main(monkeypatch, capsys, "export", "--db", db, "--format", "jsonl",
                            "-o", tmp_path / "missing" / "out.jsonl")
    assert code == 2 and "does not exist" in one_line(err)
    if not (os.path.exists("/dev/full") and stat.S_ISCHR(os.stat("/dev/full").st_mode)):
        pytest.skip("no /dev/full device here")  # never write to it as a file: jsonl only, see below
    # jsonl, not parquet: pyarrow deletes the output path when a write fails, a device node included
    code, _, err = run_main(monkeypatch, capsys, "export", "--db", db, "--format", "jsonl", "-o", "/dev/full")
    assert code == 2 and "no space left on the disk" in one_line(err)


def test_cli_events_limit_is_bounded_by_sqlite(monkeypatch, capsys, db):
    code, out, _ = run_main(monkeypatch, capsys, "events", "--db", db, "--limit", MAX_SQLITE_INT, "--format", "json")
    assert code == 0 and out
    code, _, err = run_main(monkeypatch, capsys, "events", "--db", db, "--limit", 10**26)
    assert code == 2 and "Traceback" not in err and "--limit" in err


def test_cli_error_lines_show_control_characters(monkeypatch, capsys, tmp_path):
    code, _, err = run_main(monkeypatch, capsys, "events", "--db", tmp_path / "x\x1b[2Jy.db")
    assert code == 2 and "no such store" in one_line(err)
    assert "\x1b" not in err and "x<U+001B>[2Jy.db" in err


def test_cli_events_table_shows_titles_literally(db):
    run = CliRunner().invoke(cli, ["events", "--db", str(db)], env={"COLUMNS": "600"})
    assert run.exit_code == 0, run.output
    assert "[/bold]" in run.output and "[link=https://evil.example]base[/link]" in run.output
    assert "<U+202E>gnp.exe" in run.output and "\x1b" not in run.output and "\u202e" not in run.output


# Honest exit codes (issue 14): a wrong path is a usage error; a rejection is an outcome.

@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_cli_missing_path_is_a_usage_error_that_creates_nothing(monkeypatch, capsys, tmp_path, command):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main(monkeypatch, capsys, command, "no/such/feed.rss")
    assert code == 2 and "no/such/feed.rss: no such file or folder" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # no empty store left behind


def test_cli_unreadable_path_is_a_usage_error(monkeypatch, capsys, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file: permissions cannot make one unreadable here")
    path = tmp_path / "secret.txt"
    path.write_text("Police arrested 12 protesters in Nairobi.")
    path.chmod(0)
    code, _, err = run_main(monkeypatch, capsys, "extract", path)
    assert code == 2 and "cannot be read" in err


JSONL = ('{"text": "Police fired tear gas at protesters in Nairobi on Monday, witnesses said.", '
         '"url": "https://example.org/a", "published": "2024-05-08"}\n'
         'not json\n'
         '{"text": "Gunmen killed three soldiers near Gao, Mali, on Sunday.", "url": "https://example.org/b"}\n')


def test_cli_extract_reads_json_lines_one_extraction_per_article(monkeypatch, capsys, tmp_path):
    import json

    path = tmp_path / "news.jsonl"
    path.write_text(JSONL)
    code, out, err = run_main(monkeypatch, capsys, "extract", path, "--format", "json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [x["article"]["url"] for x in lines] == ["https://example.org/a", "https://example.org/b"]
    assert lines[0]["article"]["published"] == "2024-05-08" and all(x["events"] for x in lines)
    assert "news.jsonl:2" in err and "2 coded, 1 rejected" in err


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_cli_strict_makes_a_rejection_exit_1(monkeypatch, capsys, tmp_path, command):
    path = tmp_path / "news.jsonl"
    path.write_text(JSONL)
    def store(name):
        return ["--db", tmp_path / name, "--workers", "0"] if command == "ingest" else []

    assert run_main(monkeypatch, capsys, command, path, *store("a.db"))[0] == 0
    assert run_main(monkeypatch, capsys, command, path, "--strict", *store("b.db"))[0] == 1
