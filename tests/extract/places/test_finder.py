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
    ("Innisfail", ("AU", None), "AU", "city"),        # the article's country's town, not Canada's
    ("Scott County", ("US", None), "US", "admin2"),    # a county: GeoNames' second-level division
])
def test_places_resolve_namesakes(finder, name, prefer, country, precision):
    place = finder.resolve(name, prefer)
    assert (place["country"], place["precision"]) == (country, precision)


@pytest.mark.parametrize("name", ["Western", "Northern", "North Eastern", "Est", "Committee"])
def test_places_resolve_nothing_for_words_of_direction(finder, name):
    assert finder.resolve(name, NOWHERE) is None


def test_places_county_in_the_articles_state(finder):
    """Of the eleven Scott Counties, the one in the state the article names (Iowa)."""
    county = finder.resolve("Scott County", ("US", "IA"))
    assert (county["admin1"], county["admin1_name"], county["admin2_name"]) == ("IA", "Iowa", "Scott")
    assert abs(county["lat"] - 41.6) < 0.5 and abs(county["lon"] + 90.6) < 0.5  # Davenport's county


@pytest.mark.parametrize("name, home, admin1", [
    ("Palmer", ("US", "AK"), "AK"),         # the home state's town of 6,000, not Palmer, Massachusetts
    ("Palmer", ("US", None), "MA"),         # no home state: the larger namesake
    ("Washington", ("US", "GA"), "DC"),     # a notable city is not displaced by the home state's town
])
def test_places_town_of_the_home_division_before_a_namesake_elsewhere(finder, name, home, admin1):
    assert finder.resolve(name, home)["admin1"] == admin1


def test_places_small_town_has_geonames_id_and_divisions(finder):
    """A town of 1,241 people (GeoNames cities500), in the article's country."""
    town = finder.resolve("Innisfail", ("AU", None))
    assert (town["geonameid"], town["admin1_name"], town["admin2_name"]) == (2162683, "Queensland", "Cassowary Coast")


@pytest.mark.parametrize("name, expected", [
    ("Borno State", "Borno"),          # the division's name without its kind, as ACLED writes it
    ("Borno", "Borno"),
    ("Bulacan", "Bulacan"),            # GeoNames: "Province of Bulacan", a second-level division
])
def test_places_division_names_without_their_kind(finder, name, expected):
    assert finder.resolve(name, ("PH" if name == "Bulacan" else "NG", None))["name"] == expected


@pytest.mark.parametrize("written", ["Fallujah", "al-Fallujah", "Al Fallujah"])
def test_places_arabic_article_and_hyphen_written_any_way(finder, written):
    assert finder.resolve(written, ("IQ", None))["geonameid"] == 99454


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


# --- names the model tags as no place, in the frames news puts place names in ---

def test_places_village_of_and_district():
    found = places_of("Gunmen stormed the village of Mafa in Borno state on Monday, and residents "
                      "fled to Konduga and Dikwa, officials in Nigeria said.")
    assert found["Mafa"].country == "NG" and found["Mafa"].admin1_name == "Borno"
    assert found["Konduga"].geonameid is not None and found["Konduga"].precision == "city"
    assert found["Dikwa"].admin2_name == "Dikwa" and found["Borno"].precision == "admin1"


def test_places_town_and_its_division_after_a_comma():
    found = places_of("Floods cut the road near Lokichar, Turkana, in northern Kenya.")
    assert found["Lokichar"].country == "KE" and found["Lokichar"].precision == "city"


@pytest.mark.parametrize("text, place", [
    ("Residents of the town of Berry in New South Wales, Australia, were told to leave.", True),
    ("Mr. Berry, a farmer, said the berry harvest had failed across Australia.", False),
])
def test_places_common_word_names_both_ways(text, place):
    found = places_of(text)
    assert ("Berry" in found) is place
    if place:
        assert found["Berry"].country == "AU"


@pytest.mark.parametrize("text", [
    "According to the CDC, cases rose in Kenya last week.",             # an acronym
    "The Marburg virus spread in Uganda, officials said.",              # names the virus, not a town
])
def test_places_no_place_from_a_framed_word_that_names_something_else(text):
    assert set(places_of(text)) <= {"Kenya", "Uganda"}


def test_places_every_place_has_a_geonames_id_or_says_why_not():
    found = places_of("Fighting near Kandahar International Airport spread to Helmand province and "
                      "across the Sahel, officials in Afghanistan said, and to the village of Konduga.")
    for place in found.values():
        assert (place.geonameid is None) == (place.geonameid_note is not None), place
    assert "division" in found["Helmand"].geonameid_note


def test_places_dateline_in_capitals():
    found = places_of("MAIDUGURI, Nigeria (Reuters) - Gunmen attacked a market on Tuesday, the police said.")
    assert found["Maiduguri"].precision == "city" and found["Maiduguri"].country == "NG"


def test_places_between_and_residents_of():
    found = places_of("The road between Damasak and Gajiram was closed, and residents of Monguno "
                      "fled, officials in Borno State, Nigeria, said.")
    assert {"Damasak", "Gajiram", "Monguno"} <= set(found)
    assert all(found[n].country == "NG" for n in ("Damasak", "Gajiram", "Monguno"))


def test_places_home_town_before_a_foreign_city_of_that_alternate_name(finder):
    """ "Yao" is one of Yaoundé's alternate names; in a story from Chad it is Chad's Yao."""
    assert finder.resolve("Yao", ("TD", None))["country"] == "TD"


def test_places_dateline_the_tagger_took_for_a_noun():
    found = places_of("TELA, Honduras - Armed men abducted two farmers on Sunday, police said.")
    assert found["Tela"].country == "HN" and found["Tela"].precision == "city"


def test_places_story_from_georgia_the_country():
    """No American state votes against the country the story names: its villages are Georgia's."""
    found = places_of("A landslide in Georgia buried houses in the village of Khulo on Monday, officials said.")
    assert found["Khulo"].country == "GE"


@pytest.mark.parametrize("text, name, country, precision", [
    # the province that holds Toronto, not Ontario, California (a city of 175,000 in the US named here)
    ("Doctors in Toronto said babies born in Ontario may be sent to Buffalo in the United States.",
     "Ontario", "CA", "admin1"),
    # the city lies in the state that holds Buffalo: it stays the city
    ("Officials in New York said the storm also closed schools in Buffalo.", "New York City", "US", "city"),
])
def test_places_a_division_holding_the_articles_other_places(text, name, country, precision):
    place = places_of(text)[name]
    assert (place.country, place.precision) == (country, precision)
