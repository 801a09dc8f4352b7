import pytest

from ..conftest import extract_valid


def checks_of(text):
    ex = extract_valid(text, published="2024-03-01")
    for check in ex.checks:
        for span in check.evidence:
            assert ex.article.text[span.start:span.end] == span.text
    return [(c.verdict, c.claim, c.against) for c in ex.checks]


def test_checks_headline_change_against_body_from_to():
    text = ("NATO to expand mission in Iraq by 3,500 troops\n\n"
            "The alliance will increase its personnel in Iraq from 500 to about 4,000, officials said.\n")
    assert checks_of(text) == [("consistent", "headline: expand by 3,500 troops", "from 500 to about 4,000")]


@pytest.mark.parametrize("text,verdict", [
    ("Bomb kills 12 in Kabul market\n\nA bomb killed 12 people in a market in Kabul on Monday, police said.\n",
     "consistent"),
    ("Bomb kills 12 in Kabul market\n\nA bomb killed 10 people in a market in Kabul on Monday, police said.\n",
     "inconsistent"),
    ("Bomb kills 15 in Kabul market\n\nA bomb killed 12 soldiers and 3 civilians in a market in Kabul on "
     "Monday, police said.\n", "consistent"),
    ("Army to raise force in Mali to 2,000 soldiers\n\nThe army will raise its force in Mali from 1,200 to "
     "2,000 soldiers this year.\n", "consistent"),
    ("UN to expand mission by 3,600 troops\n\nThe UN will increase the mission from 500 to about 4,000 "
     "troops next month.\n", "consistent"),
    ("UN to expand mission by 5,000 troops\n\nThe UN will increase the mission from 500 to about 4,000 "
     "troops next month.\n", "inconsistent"),
    ("Gunmen kill 7 in attack on village\n\nAt least 7 villagers were killed when gunmen attacked the "
     "village on Sunday, officials said.\n", "consistent"),
    # the event coder's killing and injuring verbs count casualties here too
    ("Gunmen murder 7 in attack on village\n\nGunmen killed 5 villagers in the attack on Sunday, "
     "officials said.\n", "inconsistent"),
    ("Bomb maims 9 in Kabul market\n\nA bomb injured 9 people in a market in Kabul on Monday, police "
     "said.\n", "consistent"),
])
def test_checks_headline_against_body_verdicts(text, verdict):
    found = checks_of(text)
    assert [v for v, claim, _ in found if claim.startswith("headline")] == [verdict]


def test_checks_same_toll_twice_in_body():
    text = ("Clashes in northern town\n\nFighting killed 14 people in the town on Monday, the army said.\n\n"
            "Local officials said 16 people were killed in the fighting.\n")
    assert [v for v, claim, _ in checks_of(text) if claim.startswith("body")] == ["inconsistent"]


def test_checks_updated_toll_is_unclear_not_inconsistent():
    text = ("Clashes in northern town\n\nFighting killed 14 people in the town on Monday, the army said.\n\n"
            "On Tuesday the death toll rose to 16.\n")
    assert [v for v, claim, _ in checks_of(text) if claim.startswith("body")] == ["unclear"]


BODY_FROM_TO = "The alliance will increase its personnel in Iraq from 500 to about 4,000, officials said.\n"


@pytest.mark.parametrize("headline,verdict,against", [
    ("NATO to grow Iraq force by 3,500 troops", "consistent", "from 500 to about 4,000"),
    ("NATO to grow Iraq force by 5,000 troops", "inconsistent", "from 500 to about 4,000"),
    ("NATO to grow Iraq force to 4,000 troops", "consistent", "from 500 to about 4,000"),
    ("NATO to grow Iraq force to 6,000 troops", "inconsistent", "from 500 to about 4,000"),
])
def test_checks_headline_force_change_against_body_without_force_noun(headline, verdict, against):
    found = checks_of(f"{headline}\n\n{BODY_FROM_TO}")
    assert [(v, a) for v, claim, a in found if claim.startswith("headline")] == [(verdict, against)]


@pytest.mark.parametrize("text,verdict", [
    ("Army sends 600 soldiers to Garissa\n\nThe army deployed 600 troops to the county on Monday.\n",
     "consistent"),
    ("Army sends 600 soldiers to Garissa\n\nThe army deployed 800 troops to the county on Monday.\n",
     "inconsistent"),
    ("Alliance to grow Iraq force by 3,500 troops\n\nThe alliance will send an additional 3,500 troops to "
     "Iraq, officials said.\n", "consistent"),
    ("Alliance to grow Iraq force by 3,500 troops\n\nThe alliance will send 2,000 more troops to Iraq, "
     "officials said.\n", "inconsistent"),
])
def test_checks_headline_force_figures_across_force_nouns_and_additions(text, verdict):
    assert [v for v, claim, _ in checks_of(text) if claim.startswith("headline")] == [verdict]


HAITI = "Kenya will send {} troops to Haiti next month, the government said.\n\n"


@pytest.mark.parametrize("first,later,verdict", [
    ("2,000", "The 3,000 Kenyan troops will arrive in Port-au-Prince in two groups, officials said.",
     "inconsistent"),
    ("2,000", "The 2,000 Kenyan troops will arrive in Port-au-Prince in two groups, officials said.",
     "consistent"),
    ("about 2,000", "The 1,950 Kenyan troops will arrive in Port-au-Prince in two groups, officials said.",
     "consistent"),
    ("up to 2,000", "The 1,500 Kenyan troops will arrive in Port-au-Prince in two groups, officials said.",
     "consistent"),
    ("2,000", "Kenya will later increase its force in Haiti to 3,000 troops, officials said.", "unclear"),
])
def test_checks_force_size_stated_twice_in_body(first, later, verdict):
    text = "Kenya to send police and troops to Haiti\n\n" + HAITI.format(first) + later + "\n"
    assert [v for v, claim, _ in checks_of(text) if claim.startswith("body")] == [verdict]


@pytest.mark.parametrize("body", [
    "Chad has 500 soldiers in Mali.\n\nChad will raise its force in Mali to 1,400 soldiers.\n",
    "Chad will raise its force in Mali from 500 to 1,400 soldiers.\n\nChad now has 600 soldiers in Mali.\n",
])
def test_checks_force_resized_is_unclear_not_inconsistent(body):
    found = checks_of("Forces abroad\n\n" + body)
    assert [v for v, claim, _ in found if claim.startswith("body")] == ["unclear"]


@pytest.mark.parametrize("text", [
    # an addition or a part of the force, not its size
    HAITI.format("2,000") + "Another 1,000 Kenyan troops will follow in May, officials said.\n",
    HAITI.format("2,000") + "The first 400 Kenyan troops arrived in Port-au-Prince on Tuesday.\n",
    # the same owner in another country
    "The US has 2,500 troops in Iraq, officials in Washington said.\n\n"
    "The US also has 900 soldiers in Syria, officials in Washington said.\n",
    # two owners in one country
    "Chad will send 1,200 soldiers to Mali.\n\nNiger will send 800 soldiers to Mali.\n",
    "NATO will send 2,000 troops to Kosovo next month.\n\n"
    "The UN has 3,000 troops in Kosovo, officials said.\n",
    # no named owner for one of them
    BODY_FROM_TO + "\nAbout 2,500 US troops are based in Iraq for a separate mission.\n",
    # the size before a change is a past size
    "Chad will raise its force in Mali from 500 to 1,400 soldiers.\n\nChad now has 500 soldiers in Mali.\n",
    # police are not troops
    HAITI.format("2,000") + "Kenya will also send 400 police officers to Haiti, officials said.\n",
])
def test_checks_force_sizes_not_compared(text):
    assert checks_of("Forces abroad\n\n" + text) == []


@pytest.mark.parametrize("text", [
    "Soldiers patrol Kabul after attack\n\nSoldiers patrolled the streets of Kabul on Monday.\n",
    "Gunmen abduct 24 pupils in Nigeria\n\nMore than 1,400 pupils have been kidnapped in the north since 2014.\n",
    "Gunmen kill 12 soldiers in Mali\n\nThe attack also wounded 12 civilians near Mopti, the army said.\n",
    "Army sends 600 soldiers to Garissa\n\nThe floods have displaced 2,000 families in the county.\n",
    "Bomb kills 3 in Kabul\n",
])
def test_checks_nothing_to_compare(text):
    assert checks_of(text) == []
