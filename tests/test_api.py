"""The Python API as a user calls it: extract() with any kind of date, and eventwire.Store."""
import datetime as dt
import json

import pytest

import eventwire
from eventwire import EventFilter, Extraction, Store

TEXT = ("NAIROBI, Kenya - Police fired tear gas at hundreds of protesters in Nairobi on Monday, "
        "and two people were killed, witnesses said.")


@pytest.mark.parametrize("published", [dt.date(2024, 5, 8), dt.datetime(2024, 5, 8, 9, 30),
                                       "2024-05-08", "2024-05-08T09:30:00Z"])
def test_api_published_as_date_datetime_or_string(published):
    ex = eventwire.extract(TEXT, published=published)
    assert ex.article.published == "2024-05-08"
    assert ex.events and ex.events[0].date.start == "2024-05-06"  # "on Monday", before the 8th


def test_api_published_not_a_date_says_what_to_give():
    with pytest.raises(ValueError, match="give YYYY-MM-DD"):
        eventwire.extract(TEXT, published="last Monday")


def test_api_extraction_round_trips_through_json():
    ex = eventwire.extract(TEXT, published="2024-05-08", options=eventwire.Options(explain=True))
    assert Extraction.from_dict(json.loads(json.dumps(ex.to_dict()))) == ex


@pytest.fixture
def filled(tmp_path):
    from eventwire.records import Source

    ex = eventwire.extract(TEXT, published="2024-05-08")
    with Store(tmp_path / "events.db") as store:
        store.add(Source(key="k", digest="d", name="nairobi.txt"), ex)
    return tmp_path / "events.db", ex


def test_api_store_articles_and_events(filled):
    path, ex = filled
    with Store(path, readonly=True) as store:
        assert list(store.articles()) == [ex]
        rows = list(store.iter_events(EventFilter(type="ASSAULT")))
        assert rows == store.events(EventFilter(type="ASSAULT")) and rows
        assert rows[0]["place"] == "Nairobi" and rows[0]["place_admin1_name"] == "Nairobi"  # GeoNames: "Nairobi County"


def test_api_store_to_pandas_with_dates_as_dates(filled):
    pytest.importorskip("pandas")
    path, _ = filled
    with Store(path, readonly=True) as store:
        frame = store.to_pandas()
    assert len(frame) == len(filled[1].events)
    assert str(frame["date_start"].dtype).startswith("datetime64")
    assert frame["date_start"].iloc[0].date() == dt.date(2024, 5, 6)


@pytest.mark.parametrize("given, read", [
    ("2015-8-23", "2015-08-23"), ("0001-01-01", "0001-01-01"), ("26-FEB-1987 15:01:01.79", "1987-02-26"),
    ("Thu, 18 Feb 2021 10:00:00 GMT", "2021-02-18"), (dt.date(1, 1, 1), "0001-01-01"), ("2021-02-30", None),
])
def test_api_dates_the_readers_know(given, read):
    from eventwire.records import read_date

    assert read_date(given) == read


def test_api_extraction_says_what_coded_it():
    made = eventwire.extract(TEXT).provenance
    assert made.eventwire == eventwire.__version__ and made.type_model == "shipped" and made.spacy_model
    assert eventwire.extract(TEXT, options=eventwire.Options(classifier=False)).provenance.type_model is None
