"""The ACLED view of an event (eventwire.acled): ACLED's names, regions and codes."""
import pytest

from eventwire import acled

BASE = {
    "article_id": "a1", "event_id": "e1", "acled_event_type": None, "acled_sub_event_type": None,
    "date_start": "2024-05-06", "date_precision": "day", "actors": [], "actor_sectors": [], "actor_countries": [],
    "actor_kinds": [], "recipients": [], "recipient_sectors": [], "recipient_countries": [], "recipient_kinds": [],
    "place_country": "IR", "place": "Zahedan", "place_admin1_name": "Sistan and Baluchestan", "place_admin2_name": None,
    "lat": 29.5, "lon": 60.8, "place_precision": "city", "source": "Wire", "url": None,
    "evidence": [{"text": "Protesters marched in Zahedan.", "start": 0, "end": 30}], "killed": None,
    "status": "reported", "confidence": 0.45,
}


def row(**changes):
    return acled.row({**BASE, **changes})


def test_acled_country_name_region_and_dates():
    r = row(acled_event_type="Protests", acled_sub_event_type="Peaceful protest")
    assert (r["country"], r["region"], r["iso"], r["iso3"]) == ("Iran", "Middle East", 364, "IRN")
    assert (r["event_date"], r["event_date_iso"], r["year"], r["time_precision"]) == ("06-05-2024", "2024-05-06", "2024", 1)
    assert r["fatalities"] == 0 and r["notes"] == "Protesters marched in Zahedan."


@pytest.mark.parametrize("event_type, sub, disorder", [
    ("Battles", "Armed clash", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Riots", "Mob violence", "Political violence"),
    ("Strategic developments", "Arrests", "Strategic developments"),
])
def test_acled_disorder_type(event_type, sub, disorder):
    assert row(acled_event_type=event_type, acled_sub_event_type=sub)["disorder_type"] == disorder


@pytest.mark.parametrize("event_type, actor1, inter1", [
    ("Protests", "Protesters (Iran)", 6),
    ("Riots", "Rioters (Iran)", 5),
    ("Violence against civilians", "Unidentified Armed Group (Iran)", 3),
])
def test_acled_unnamed_actor_as_acled_names_it(event_type, actor1, inter1):
    r = row(acled_event_type=event_type)
    assert (r["actor1"], r["inter1"], r["interaction"]) == (actor1, inter1, f"{inter1}0")


def test_acled_state_forces_at_home_and_abroad():
    home = row(acled_event_type="Protests", acled_sub_event_type="Protest with intervention",
               actors=["Iranian police"], actor_sectors=["COP"], actor_countries=["IRN"], actor_kinds=["military"],
               recipients=["protesters"], recipient_sectors=["CVL"], recipient_countries=["IRN"], recipient_kinds=["group"])
    assert (home["actor1"], home["inter1"], home["inter2"], home["interaction"]) == ("Police Forces of Iran", 1, 6, "16")
    abroad = row(acled_event_type="Explosions/Remote violence", actors=["American drones"], actor_sectors=["MIL"],
                 actor_countries=["USA"], recipients=["villagers"], recipient_sectors=["CVL"], recipient_countries=["IRN"])
    assert (abroad["actor1"], abroad["inter1"], abroad["inter2"]) == ("Military Forces of the United States", 8, 7)
    assert abroad["civilian_targeting"] == "Civilian targeting" and abroad["interaction"] == "78"


def test_acled_country_as_actor_is_its_government():
    r = row(acled_event_type="Strategic developments", actors=["Iran"], actor_sectors=[None],
            actor_countries=["IRN"], actor_kinds=["country"])
    assert (r["actor1"], r["inter1"]) == ("Government of Iran", 1)
