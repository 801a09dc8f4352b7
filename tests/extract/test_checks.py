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


@pytest.mark.parametrize("text", [
    "Soldiers patrol Kabul after attack\n\nSoldiers patrolled the streets of Kabul on Monday.\n",
    "Gunmen abduct 24 pupils in Nigeria\n\nMore than 1,400 pupils have been kidnapped in the north since 2014.\n",
    "Gunmen kill 12 soldiers in Mali\n\nThe attack also wounded 12 civilians near Mopti, the army said.\n",
    "Army sends 600 soldiers to Garissa\n\nThe floods have displaced 2,000 families in the county.\n",
    "Bomb kills 3 in Kabul\n",
])
def test_checks_nothing_to_compare(text):
    assert checks_of(text) == []
