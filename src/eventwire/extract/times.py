"""The times stage: date expressions -> resolved dates or ranges, relative to publication.

"Monday" is the most recent Monday on or before the publication date; "earlier this week" is
the range from that week's Monday to the day before publication; vague futures are flagged.
Without a publication date, relative expressions stay unresolved and a warning says so.
"""
from __future__ import annotations

import datetime as dt
import re

from ..records import Time
from .grammar import MONTHS, WEEKDAYS

PATTERNS = (
    ("vague_future", re.compile(r"\b(?:in|over|during) the (?:coming|next|following) (?:days|weeks|months|years)\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier|later) this week\b", re.I)),
    ("relative_day", re.compile(r"\b(?:yesterday|today)\b", re.I)),
    # Capitalised month names only: "may 3" in running text is usually the verb.
    ("month_day", re.compile(r"\b(?:on )?(" + "|".join(m.title() for m in MONTHS) + r") (\d{1,2})(?:, (\d{4}))?\b")),
    ("day_month", re.compile(r"\b(?:on )?(\d{1,2}) (" + "|".join(m.title() for m in MONTHS) + r")(?:,? (\d{4}))?\b")),
    ("weekday", re.compile(r"\b(?:on |last )?(" + "|".join(WEEKDAYS) + r")\b", re.I)),
    ("decade", re.compile(r"\b(?:in |during |since )?the ((?:19|20)\d0)s\b")),
    ("last_period", re.compile(r"\blast (week|month|year)\b", re.I)),
    ("year", re.compile(r"\b(?:since|in|until|by|from) ((?:19|20)\d{2})\b")),
)


def find_times(draft):
    text = draft.article.text
    published = _date(draft.article.published)
    times: list[Time] = []
    taken: list[tuple[int, int]] = []
    unresolved = off_calendar = 0
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            try:
                resolved = _resolve(kind, match, published)
            except OverflowError:  # "yesterday" of 0001-01-01, "in the coming days" of 9999-12-31
                off_calendar += 1
                continue
            if resolved is None:
                continue
            start, end, precision = resolved
            if start is None and precision != "vague":
                unresolved += 1
            taken.append((match.start(), match.end()))
            times.append(Time(text=match.group(0), start=match.start(), end=match.end(),
                              date_start=start, date_end=end, precision=precision))
    times.sort(key=lambda t: t.start)
    draft = draft.add(times=tuple(times))
    if unresolved and published is None:
        draft = draft.warn(f"{unresolved} relative date expressions left unresolved: "
                           "the article has no publication date (give --published)")
    if off_calendar:
        draft = draft.warn(f"{off_calendar} date expressions left out: counted from the publication "
                           f"date {published}, they fall outside the calendar (years 1 to 9999)")
    return draft


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _resolve(kind: str, match: re.Match, published: dt.date | None):
    if kind == "year":
        year = int(match.group(1))
        return f"{year}-01-01", f"{year}-12-31", "year"
    if kind == "decade":  # "the 1990s": the contract has no decade precision; a year range
        first = int(match.group(1))
        return f"{first}-01-01", f"{first + 9}-12-31", "year"
    if kind in ("month_day", "day_month"):
        month_name, day_text = (match.group(1), match.group(2)) if kind == "month_day" else (
            match.group(2), match.group(1))  # "March 3" or "3 March" (British and agency style)
        month, day = MONTHS.index(month_name.lower()) + 1, int(day_text)
        year = int(match.group(3)) if match.group(3) else (published.year if published else None)
        try:
            when = dt.date(year, month, day) if year else None
            if when and published and not match.group(3) and when > published:
                when = when.replace(year=when.year - 1)  # "March 3" in a January article is last year
        except ValueError:  # "February 30"; "February 29" the year after a leap year; year 0
            return None
        return _iso(when), _iso(when), "day"
    if published is None:
        return None, None, "vague" if kind == "vague_future" else "day"
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS.index(match.group(1).lower())) % 7
        day = published - dt.timedelta(days=back)
        return _iso(day), _iso(day), "day"
    if kind == "relative_day":
        day = published - dt.timedelta(days=1 if match.group(0).lower() == "yesterday" else 0)
        return _iso(day), _iso(day), "day"
    if kind == "last_period":
        return _last_period(match.group(1).lower(), published)
    if kind == "this_week":
        monday = published - dt.timedelta(days=published.weekday())
        if match.group(0).lower().startswith("earlier"):
            return _iso(monday), _iso(max(monday, published - dt.timedelta(days=1))), "week"
        return _iso(published), _iso(monday + dt.timedelta(days=6)), "week"
    # vague future: starts after publication, no firm end
    return _iso(published + dt.timedelta(days=1)), None, "vague"


def _last_period(unit: str, published: dt.date):
    """ "last week": the calendar week before; "last month", "last year" likewise."""
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return _iso(monday), _iso(monday + dt.timedelta(days=6)), "week"
    if unit == "month":
        end = published.replace(day=1) - dt.timedelta(days=1)
        return _iso(end.replace(day=1)), _iso(end), "month"
    if published.year == dt.MINYEAR:
        raise OverflowError("there is no year before year 1")
    year = published.year - 1
    return f"{year:04d}-01-01", f"{year:04d}-12-31", "year"
