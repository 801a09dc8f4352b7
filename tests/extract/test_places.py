from ..conftest import extract_valid


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
