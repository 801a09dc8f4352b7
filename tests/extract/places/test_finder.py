import pytest

from eventwire.data import read_table
from eventwire.extract.places import PlaceFinder

from ...conftest import extract_valid


def places_of(text):
    ex = extract_valid(text, published="2023-06-01")
    return {p.name: p for p in ex.places}


def test_places_country_city_and_airport():
    found = places_of("Fighting near Kandahar International Airport spread to Kabul, "
                      "officials in Afghanistan said.")
    assert found["Afghanistan"].precision == "country" and found["Afghanistan"].country == "AF"
    assert found["Kabul"].precision == "city" and abs(found["Kabul"].lat - 34.5) < 0.3
    (site,) = [p for p in found.values() if p.precision == "site"]
    assert site.name == "Kandahar Airport" and site.mentions[0].text == "Kandahar International Airport"


def test_places_dominant_country_chooses_between_namesakes():
    found = places_of("Troops in Lebanon moved south from Tripoli toward the border with Syria. "
                      "Lebanon said the move was temporary.")
    assert found["Tripoli"].country == "LB"


def test_places_possessive_and_us_alias():
    found = places_of("Paris's mayor met U.S. officials.")
    assert "Paris" in found and found["United States"].country == "US"


def test_places_none_in_text_without_toponyms():
    assert places_of("The committee approved the budget after a long debate.") == {}


# --- countries with coordinates, states, regions, towns (gazetteer.py) ---

NOWHERE = (None, None)


@pytest.fixture(scope="module")
def finder():
    return PlaceFinder(None)


def test_places_country_has_centroid():
    found = places_of("Officials in Iraq and the United States said the talks would go on.")
    assert abs(found["Iraq"].lat - 33) < 2 and abs(found["Iraq"].lon - 44) < 2
    us = found["United States"]
    assert abs(us.lat - 39.8) < 0.5 and abs(us.lon + 98.6) < 0.5  # the contiguous states' centre


def test_places_states_and_provinces():
    found = places_of("Floods hit Queensland while a drought spread across Texas.")
    assert found["Queensland"].precision == "admin1" and found["Queensland"].country == "AU"
    assert found["Texas"].precision == "admin1" and abs(found["Texas"].lat - 31) < 2


def test_places_continents_and_regions():
    found = places_of("The virus spread from West Africa to Europe and the Middle East.")
    assert {"West Africa", "Europe", "Middle East"} <= set(found)
    assert all(found[n].precision == "region" and found[n].lat is not None
               for n in ("West Africa", "Europe", "Middle East"))
    assert found["Europe"].geonameid is not None  # the GeoNames continent


def test_places_qualified_town_follows_its_state():
    found = places_of("Health officials in Santa Ana, California, closed two schools.")
    assert found["Santa Ana"].country == "US"


@pytest.mark.parametrize("name, prefer, country, precision", [
    ("Georgia", ("US", None), "US", "admin1"),         # a US story: the state
    ("Georgia", NOWHERE, "GE", "country"),             # otherwise the country
    ("DRC", NOWHERE, "CD", "country"),                 # places_aliases.tsv
    ("NSW", NOWHERE, "AU", "admin1"),
    ("Hebei province", NOWHERE, "CN", "admin1"),       # kind word dropped
    ("Mopti", ("ML", None), "ML", "city"),             # a big city over its own region
    ("Indiana", NOWHERE, "US", "admin1"),              # not Nanuque, Brazil (alternate name)
    ("Ontario", ("CA", None), "CA", "admin1"),
    ("Innisfail", NOWHERE, "AU", "city"),              # a town only in one country
    ("Scott County", ("US", None), "US", "admin1"),    # a county: its state, no coordinates
])
def test_places_resolve_namesakes(finder, name, prefer, country, precision):
    place = finder.resolve(name, prefer)
    assert (place["country"], place["precision"]) == (country, precision)


@pytest.mark.parametrize("name", ["Western", "Northern", "North Eastern", "Est", "Committee"])
def test_places_resolve_nothing_for_words_of_direction(finder, name):
    assert finder.resolve(name, NOWHERE) is None


def test_places_county_has_no_coordinates(finder):
    assert finder.resolve("Scott County", ("US", None))["lat"] is None


def test_places_named_by_label(finder):
    assert finder.is_named("Bulacan", "ORG")          # a province the model took for an ORG
    assert finder.is_named("Niger", "PERSON")         # a country stays a country
    assert not finder.is_named("Victoria", "PERSON")  # a person may be called Victoria
    assert not finder.is_named("Somali", "NORP")      # a people, not Ethiopia's Somali region


def test_places_home_country_from_unshared_states(finder):
    assert finder.home_country(["Texas", "Dallas"]) == "US"
    assert finder.home_country(["Santa Ana"]) is None  # El Salvador's department, and cities


def test_places_common_nouns_and_directions_are_not_places():
    assert places_of("The Central committee met Western officials and a swan.") == {}


@pytest.mark.parametrize("table, columns", [
    ("places_aliases.tsv", {"alias", "country", "admin1"}),
    ("places_regions.tsv", {"name", "canonical", "country", "lat", "lon"}),
    ("places_centroids.tsv", {"country", "lat", "lon"}),
])
def test_places_tables_are_well_formed(table, columns):
    rows = read_table(table)
    assert rows and set(rows[0]) == columns
    for row in rows:
        assert all(len(row[c]) == 2 for c in ("country",) if row["country"])
        if "lat" in row:
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
