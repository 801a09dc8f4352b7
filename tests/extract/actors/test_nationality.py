"""Countries filled in for actors the text names without one."""
from types import SimpleNamespace

import pytest

from eventwire.extract.actors.nationality import infer_countries

COUNTRIES = {"Angola": "AGO", "Montenegro": "MNE", "Chile": "CHL"}
DEMONYMS = {"Liberian": "LBR", "Chilean": "CHL"}


def actor(name, kind, country=None, title=None):
    return SimpleNamespace(name=name, kind=kind, country=country, title=title)


@pytest.mark.parametrize("name,kind,title,home,expected", [
    ("Liberian Peace Council", "organization", None, None, "LBR"),
    ("National Union for the Total Independence of Angola", "armed group", None, None, "AGO"),
    ("Ceasefire Violations Committee", "organization", None, "LBR", None),  # no name in it: unknown
    ("Omar al-Bashir", "person", "President", "SDN", "SDN"),  # office holder: the article's country
    ("Omar al-Bashir", "person", None, "SDN", None),  # no title: nothing to go on
    ("Jane Doe", "person", "analyst", "SDN", None),  # a title that holds no office
])
def test_nationality_fills_missing_countries(name, kind, title, home, expected):
    found = {name: actor(name, kind, title=title)}
    infer_countries(found, home, COUNTRIES, DEMONYMS)
    assert found[name].country == expected


def test_nationality_never_changes_a_known_country():
    found = {"x": actor("Chilean Embassy in Angola", "organization", country="CHL")}
    infer_countries(found, "AGO", COUNTRIES, DEMONYMS)
    assert found["x"].country == "CHL"


def test_nationality_leaves_office_holders_alone_when_several_countries_are_named():
    found = {"p": actor("Barack Obama", "person", title="President"),
             "c": actor("Morocco", "country", country="MAR"), "d": actor("Spain", "country", country="ESP")}
    infer_countries(found, "MAR", COUNTRIES, DEMONYMS)
    assert found["p"].country is None
