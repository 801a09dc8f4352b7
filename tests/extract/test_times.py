import datetime as dt

import pytest

import eventwire

from ..conftest import validate


def times_of(text, published="2021-02-18"):
    ex = eventwire.extract(text, published=published)
    validate(ex)
    return {t.text: (t.date_start, t.date_end, t.precision) for t in ex.times}, ex


@pytest.mark.parametrize("sentence,expression,expected", [
    ("Gunmen attacked the convoy on Monday near the border.", "on Monday", ("2021-02-15", "2021-02-15", "day")),
    ("The minister spoke on Thursday in the capital.", "on Thursday", ("2021-02-18", "2021-02-18", "day")),
    ("Talks began earlier this week in Geneva.", "earlier this week", ("2021-02-15", "2021-02-17", "week")),
    ("The mission has run since 2004 in the north.", "since 2004", ("2004-01-01", "2004-12-31", "year")),
    ("The talks will resume in the coming weeks.", "in the coming weeks", ("2021-02-19", None, "vague")),
    ("The ceasefire was signed on March 3, 2019 in Doha.", "on March 3, 2019", ("2019-03-03", "2019-03-03", "day")),
])
def test_times_resolve_against_publication(sentence, expression, expected):
    found, _ = times_of(sentence)
    assert found[expression] == expected


def test_times_finds_nothing_in_dateless_text():
    found, _ = times_of("Officials may meet to discuss the matter, the spokesman said.")
    assert found == {}


def test_times_without_publication_date_stay_unresolved_and_warn():
    found, ex = times_of("Rebels shelled the town on Monday.", published=None)
    assert found["on Monday"][0] is None
    assert any("publication date" in w for w in ex.warnings)


def test_times_day_month_year_in_agency_style():
    from ..conftest import extract_valid

    ex = extract_valid("Gunmen attacked a convoy near Gao on 3 March 2022, officials said.", published="2022-03-10")
    assert [(t.date_start, t.precision) for t in ex.times] == [("2022-03-03", "day")]
    assert [e.date.start for e in ex.events if e.type == "ASSAULT"] == ["2022-03-03"]


CALENDAR_EDGE = ("Yesterday, last week, last month and last year rebels attacked a village on Tuesday. "
                 "Earlier this week and later this week police fired tear gas; on March 3 troops "
                 "deployed, and talks will resume in the coming days.")


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_times_at_the_ends_of_the_calendar_leave_dates_out_instead_of_failing(published):
    """Counting back from year 1 or on from year 9999 leaves the calendar (OverflowError)."""
    found, ex = times_of(CALENDAR_EDGE, published=published)
    for start, end, _precision in found.values():
        for day in (start, end):
            assert day is None or dt.date.fromisoformat(day)
    assert any("outside the calendar" in w for w in ex.warnings)
    assert len(found) >= 2  # what can be counted still is


def test_times_february_29_counted_back_into_a_year_without_one_is_left_out():
    """A leap day after a January publication date is last year's, and 2023 had none."""
    found, _ = times_of("Rebels shelled the town on February 29, officials said.", published="2024-01-15")
    assert "February 29" not in " ".join(found)
