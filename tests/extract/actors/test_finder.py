import pytest

from ...conftest import SCHEMA, extract_valid


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


# --- Hand-built sentences through the parse and actors stages only -----------------------------
# These skip the article stage, whose language check cannot judge a one-line text.

@pytest.fixture(scope="module")
def stage():
    from eventwire.extract.actors import ActorFinder
    from eventwire.nlp import load_model
    from eventwire.options import Options
    from eventwire.pipeline import Draft
    from eventwire.records import RawDocument

    nlp, finder = load_model(), ActorFinder(Options())

    def run(text):
        draft = Draft(raw=RawDocument(text, "<test>"), options=Options(), doc=nlp(text))
        return finder(draft).actors
    return run


def _by_mention(actors):
    """Mention text -> (country, sector) of every actor mention."""
    return {m.text: (a.country, a.sector) for a in actors for m in a.mentions}


@pytest.mark.parametrize("text,mention,country,sector", [
    ("The Kenyan government asked for help after the floods.", "Kenyan government", "KEN", "GOV"),
    ("Iran's foreign ministry condemned the raid on Tuesday.", "Iran's foreign ministry", "IRN", "GOV"),
    ("Kenya police arrested ten people in Nairobi.", "Kenya police", "KEN", "COP"),
    ("The Nigerian army said it repelled the attack.", "Nigerian army", "NGA", "MIL"),
    ("Mali's army said it repelled the assault.", "Mali's army", "MLI", "MIL"),
    ("The Nigerien junta expelled the French ambassador.", "Nigerien junta", "NER", "GOV"),
    ("Dutch prosecutors charged four men with fraud.", "Dutch prosecutors", "NLD", "JUD"),
    ("Swiss authorities froze the assets.", "Swiss authorities", "CHE", "GOV"),
    ("Thousands of Serbian protesters rallied in Belgrade.", "Serbian protesters", "SRB", "CVL"),
    ("Malian refugees crossed into Mauritania.", "Malian refugees", "MLI", "REF"),
    ("Palestinian militants fired rockets at Israel.", "Palestinian militants", "PSE", "REB"),
    ("Congolese troops retook the town of Bunagana.", "Congolese troops", "COD", "MIL"),
    ("The Russian Defence Ministry said 20 drones were shot down.", "Russian Defence Ministry", "RUS", "MIL"),
    ("Turkey's parliament approved the bid.", "Turkey's parliament", "TUR", "LEG"),
    ("The Peruvian Congress voted to remove the president.", "Peruvian Congress", "PER", "LEG"),
    ("NATO trains Iraqi security forces in Baghdad.", "Iraqi security forces", "IRQ", "COP"),
    ("The increase could ease pressure on U.S. forces in Iraq.", "U.S. forces", "USA", "MIL"),
])
def test_actors_country_before_role_noun(stage, text, mention, country, sector):
    assert _by_mention(stage(text)).get(mention) == (country, sector)


@pytest.mark.parametrize("text,expected", [
    ("Hungarian and Romanian officials met in Budapest on Monday.",
     {"Hungarian": ("HUN", "GOV"), "Romanian officials": ("ROU", "GOV")}),
    ("British, French and German diplomats walked out of the talks.",
     {"British": ("GBR", "GOV"), "French": ("FRA", "GOV"), "German diplomats": ("DEU", "GOV")}),
    ("South Korean and North Korean officials met at the border.",
     {"South Korean": ("KOR", "GOV"), "North Korean officials": ("PRK", "GOV")}),
    ("Emirati and Saudi officials met in Riyadh on Monday.",
     {"Emirati": ("ARE", "GOV"), "Saudi officials": ("SAU", "GOV")}),
])
def test_actors_coordinated_countries_each_get_an_actor(stage, text, expected):
    actors = stage(text)
    head = text.index(max(expected, key=len).split()[-1])  # the shared role noun
    for first_word, (country, sector) in expected.items():
        actor = next(a for a in actors if a.country == country and a.sector == sector)
        # every coordinated country's mention covers the shared role noun the event coder reads
        assert any(m.text.startswith(first_word.split()[0]) and m.start < head < m.end for m in actor.mentions)


def test_actors_coordinated_roles_share_the_country(stage):
    found = _by_mention(stage("Israeli troops and police raided the camp."))
    assert found["Israeli troops"] == ("ISR", "MIL") and found["police"] == ("ISR", "COP")


def test_actors_country_roles_of_one_sector_are_one_actor(stage):
    actors = stage("Somali officials said the Somali government would respond.")
    government = [a for a in actors if a.country == "SOM" and a.sector == "GOV"]
    assert len(government) == 1 and government[0].name == "Somali government"
    assert len(government[0].mentions) == 2


def test_actors_country_inside_role_phrase_is_not_a_second_actor(stage):
    actors = stage("Iran's foreign ministry condemned the raid, and Iran's IRGC vowed revenge.")
    assert not [a for a in actors if a.kind == "country"]


@pytest.mark.parametrize("text,name,country,title", [
    ("Egyptian President Abdel Fattah el-Sisi met the delegation in Cairo.", "Abdel Fattah el-Sisi", "EGY", "President"),
    ("Russian Foreign Minister Sergei Lavrov arrived in Ankara.", "Sergei Lavrov", "RUS", "Foreign Minister"),
    ("Iran's Foreign Minister Hossein Amir-Abdollahian arrived in Baghdad.", "Hossein Amir-Abdollahian", "IRN", "Foreign Minister"),
    ("U.S. Secretary of State Antony Blinken said the deal was close.", "Antony Blinken", "USA", "Secretary of State"),
    ("Bosnian Serb leader Milorad Dodik spoke in Banja Luka.", "Milorad Dodik", "BIH", "leader"),
])
def test_actors_title_gives_person_country(stage, text, name, country, title):
    actors = stage(text)
    person = next(a for a in actors if a.name == name)
    assert (person.kind, person.country, person.title, person.sector) == ("person", country, title, "GOV")
    assert not [a for a in actors if a.kind != "person"]  # no "Egyptian President" actor beside him


@pytest.mark.parametrize("text,mention,country", [
    ("An Israeli airstrike killed five people in Gaza.", "Israeli", "ISR"),
    ("Russian shelling damaged the power plant overnight.", "Russian", "RUS"),
    ("Israeli air strikes hit Rafah on Sunday.", "Israeli", "ISR"),
])
def test_actors_demonym_before_event_noun_is_the_country(stage, text, mention, country):
    actor = next(a for a in stage(text) if any(m.text == mention for m in a.mentions))
    assert (actor.kind, actor.country) == ("country", country)


@pytest.mark.parametrize("text", [
    "Fans watched American football on Sunday.",
    "He ordered French fries and a burger.",
    "Families celebrated the Chinese New Year in the city.",
    "The paintings were sold in a Dutch auction.",
    "Iranian-backed militias attacked the base, and the Saudi-led coalition responded.",
    "Ships crossed the Indian Ocean in May.",
])
def test_actors_demonym_in_fixed_phrase_is_no_actor(stage, text):
    assert stage(text) == ()


@pytest.mark.parametrize("name,country,sector", [
    ("UNICEF", "UNO", "IGO"), ("The World Food Programme", "UNO", "IGO"), ("The IAEA", "UNO", "IGO"),
    ("The International Court of Justice", "UNO", "JUD"), ("The IMF", "IGO", "IGO"),
    ("ECOWAS", "IGO", "IGO"), ("Doctors Without Borders", "NGO", "NGO"), ("The Kremlin", "RUS", "GOV"),
    ("Hayat Tahrir al-Sham", "SYR", "REB"), ("ISWAP", "NGA", "REB"), ("JNIM", "MLI", "REB"),
    ("The Houthis", "YEM", "REB"), ("Boko Haram", "NGA", "REB"), ("The TTP", "PAK", "REB"),
    ("The Rapid Support Forces", "SDN", "MIL"), ("The IRGC", "IRN", "MIL"), ("The FARC", "COL", "REB"),
])
def test_actors_dictionary_names(stage, name, country, sector):
    text = f"{name} said on Monday that the situation was worsening."
    bare = name.removeprefix("The ")
    actor = next(a for a in stage(text) if any(m.text == bare for m in a.mentions))
    assert (actor.country, actor.sector) == (country, sector)


def test_actors_data_tables_use_known_codes():
    import pycountry

    from eventwire.data import read_table
    from eventwire.extract.actors.dictionary import EXTRA_COUNTRIES, roles

    iso3 = {c.alpha_3 for c in pycountry.countries} | set(EXTRA_COUNTRIES)
    demonyms = read_table("demonyms.tsv")
    assert len(demonyms) >= 190 and all(r["country"] in iso3 for r in demonyms)
    kinds = set(SCHEMA["properties"]["actors"]["items"]["properties"]["kind"]["enum"])
    rows = read_table("actors.tsv")
    assert all(r["country"] in iso3 | {"IGO", "UNO", "EUR", "NGO", "IMG"} for r in rows)
    assert all(r["kind"] in kinds for r in rows) and all(r.kind in kinds for r in roles().values())


def test_actors_office_holders_known_by_name_get_their_country():
    actors = actors_of("Vladimir Putin met Hosni Mubarak in Sochi on Monday.")
    assert actors["Vladimir Putin"].country == "RUS" and actors["Hosni Mubarak"].country == "EGY"


def test_actors_a_name_the_table_lacks_keeps_no_country():
    actors = actors_of("Zorblat Quennick met reporters in a village on Monday.")
    people = [a for a in actors.values() if a.kind == "person"]
    assert people and all(a.country is None for a in people)


def test_actors_the_government_is_the_state_the_text_is_about():
    actors = actors_of("Kenyan police broke up a rally in Nairobi. The government said the rally was illegal.")
    government = [a for a in actors.values() if a.sector == "GOV"]
    assert [(a.country, a.kind) for a in government] == [("KEN", "government")]
    assert any(m.text == "The government" for a in government for m in a.mentions)


def test_actors_the_federal_government_is_the_state_the_text_is_about():
    actors = actors_of("Internet services were cut across Ethiopia's Amhara region by the federal government "
                       "on Thursday.")
    government = [a for a in actors.values() if a.sector == "GOV"]
    assert [(a.country, [m.text for m in a.mentions]) for a in government] == [
        ("ETH", ["the federal government"])]


@pytest.mark.parametrize("text", [
    pytest.param("Protesters marched in Bamako on Friday. image copyright AFP image caption Soldiers guarded the "
                 "presidential palace.", id="photo-credit"),
    pytest.param("A police source told Reuters that three men were arrested in Kano on Monday.", id="told-the-agency"),
])
def test_actors_a_news_agency_reports_and_is_no_actor(text):
    assert not [a.name for a in actors_of(text).values() if a.name in ("AFP", "Reuters")]


@pytest.mark.parametrize("text, place", [
    pytest.param("A man opened fire at his Wilmington home on Tuesday, police said.", "Wilmington", id="home"),
    pytest.param("Abedi, the bomber behind the Manchester suicide bombing, had travelled to Libya.", "Manchester",
                 id="bombing"),
])
def test_actors_a_town_naming_a_noun_is_a_place_not_a_person(text, place):
    assert place not in [a.name for a in actors_of(text).values()]


def test_actors_warships_and_gunboats_stand_for_their_navy():
    actors = actors_of("Iranian gunboats harassed a US destroyer in the Strait of Hormuz, and two Chinese aircraft "
                       "carriers sailed east of Taiwan.")
    assert {(a.name, a.country) for a in actors.values() if a.kind == "military"} >= {
        ("Iranian gunboats", "IRN"), ("Chinese aircraft carriers", "CHN")}


def test_actors_the_government_stays_unknown_when_two_states_are_named_alike():
    actors = actors_of("Kenya and Uganda met in Kampala. The government said talks went well.")
    assert not [a for a in actors.values() if a.sector == "GOV"]


def test_actors_bare_police_are_the_state_the_text_is_about():
    actors = actors_of("Kenyan teachers marched in Nairobi on Monday. Police arrested 41 protesters, "
                       "and authorities said the march was illegal.")
    state = [a for a in actors.values() if a.country == "KEN" and a.sector in ("COP", "GOV")]
    assert {m.text for a in state for m in a.mentions} >= {"Police", "authorities"}


@pytest.mark.parametrize("published,country", [("2005-06-01", "PRT"), ("2022-06-01", "UNO")])
def test_actors_an_office_holder_belongs_to_the_body_of_the_articles_year(published, country):
    ex = extract_valid("Antonio Guterres met Volodymyr Zelensky in Kyiv on Monday to discuss grain exports.",
                       published=published)
    found = {a.name: a.country for a in ex.actors}
    assert found["Antonio Guterres"] == country and found["Volodymyr Zelensky"] == "UKR"
