import pytest

from ..conftest import extract_valid


def quantities_of(text):
    ex = extract_valid(text, published="2022-05-10")
    return ex.quantities


def test_quantities_change_from_to_with_hedge():
    (q,) = [q for q in quantities_of("The UN will raise its force in Mali from 1,200 to about 2,000 soldiers.")
            if q.before is not None]
    assert (q.before, q.after, q.change, q.approximate) == (1200, 2000, 800, True)


@pytest.mark.parametrize("sentence,value,counts", [
    ("A roadside bomb killed a police officer in Kandahar.", 1, "officer killed"),
    ("Clashes in the north left nine people injured.", 9, "people"),
    ("Some 3,000 protesters marched through Santiago.", 3000, "protester"),
    ("Gunmen killed twenty-five people in the village.", 25, "people"),
    ("Two hundred and fifty soldiers crossed the river.", 250, "soldier"),
    ("A dozen soldiers were wounded.", 12, "soldier"),
])
def test_quantities_counts_with_what_they_count(sentence, value, counts):
    hits = [q for q in quantities_of(sentence) if q.value == value]
    assert hits and hits[0].counts == counts


def test_quantities_vague_thousands_have_no_value():
    (q,) = [q for q in quantities_of("Thousands fled the fighting in Darfur.") if "housands" in q.text]
    assert q.value is None and q.approximate


def test_quantities_years_are_not_counts():
    assert quantities_of("The treaty was signed in 1998 and renewed in 2015.") == ()
