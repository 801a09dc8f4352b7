from ..conftest import extract_valid


def actors_of(text):
    ex = extract_valid(text, published="2023-03-01")
    return {a.name: a for a in ex.actors}


def test_actors_title_and_coreference():
    found = actors_of("UN Secretary-General Antonio Guterres visited Somalia on Monday. "
                      "Guterres met local leaders. He said aid would arrive soon.")
    person = found["Antonio Guterres"]
    assert person.title == "UN Secretary-General"
    assert [m.text for m in person.mentions] == ["Antonio Guterres", "Guterres", "He"]


def test_actors_dictionary_gives_country_and_sector():
    found = actors_of("Al-Shabaab fighters attacked a base, the Pentagon and the African Union said.")
    assert found["Pentagon"].country == "USA" and found["Pentagon"].sector == "MIL"


def test_actors_unknown_armed_group_from_description():
    found = actors_of("In Mali, the jihadist group Katiba Macina claimed an attack near Mopti. "
                      "Mali's army said it repelled the assault.")
    group = [a for a in found.values() if a.kind == "armed group"]
    assert group and group[0].sector == "REB" and group[0].country == "MLI"


def test_actors_demonym_government():
    found = actors_of("The Kenyan government asked for help after the floods.")
    assert found["Kenyan government"].country == "KEN" and found["Kenyan government"].sector == "GOV"


def test_actors_none_in_text_without_names():
    assert actors_of("It rained all day and the river rose by two metres.") == {}
