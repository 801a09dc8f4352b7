"""What every reader shares: the `Unreadable` record and publication-date normalisation.

Readers never raise on bad input; they yield an `Unreadable` naming the document and why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from ..errors import reject
from ..records import Rejection

# Past this a document is not read into memory at all: ten times Options.max_bytes' default, so
# the clean stage (which rejects over 10 MB) still sees every size it can report on.
READ_LIMIT_BYTES = 100_000_000

ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
# Dates as older news archives write them: "26-FEB-1987 15:01:01.79" (Reuters-21578).
DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})")


@dataclass(frozen=True)
class Unreadable:
    """A document or container that could not be read at all."""

    name: str
    rejection: Rejection

    def __str__(self) -> str:
        return f"{self.name}: {self.rejection.reason}"


def unreadable(name: str, code: str, detail: str = "", **fields: object) -> Unreadable:
    return Unreadable(name=name, rejection=reject(code, detail, **fields))


def too_large(name: str, size: int) -> Unreadable:
    return unreadable(name, "too_large", str(size), limit=READ_LIMIT_BYTES)


def iso_date(value: object) -> str | None:
    """`value` as YYYY-MM-DD, or None when it is not a date this module knows how to read."""
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str) or not value.strip():
        return None
    for pattern, fmt in ((ISO_DATE, "%Y-%m-%d"), (DAY_MONTH_YEAR, "%d-%b-%Y")):
        match = pattern.match(value)
        if match:
            try:
                return datetime.strptime("-".join(match.groups()), fmt).strftime("%Y-%m-%d")
            except ValueError:
                return None
    try:  # RFC 2822, as in feeds and e-mail: "Thu, 18 Feb 2021 10:00:00 GMT"
        return parsedate_to_datetime(value).strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        return None

