"""An event as a row of ACLED's data: the columns, names and codes ACLED users join on.

The columns are ACLED's, in the order of its codebook (../shared/eval-data/acled/
acled_codebook.csv, from the official acledR package), with `disorder_type` and
`civilian_targeting` where ACLED's current exports have them, and three columns of eventwire's
own at the end, `event_date_iso`, `status` (reported, claimed, planned ...) and `confidence`:

  data_id, event_id_no_cnty   empty: ACLED's own numbering
  iso, iso3, country, region  the event place's country as ACLED names it ("Iran", not ISO's "Iran,
                        Islamic Republic of") and ACLED's region (data/acled_countries.tsv)
  event_id_cnty         "<article id>:<event id>", unique and stable (not ACLED's numbering)
  event_date, year      the event's start date as the codebook writes it, dd-mm-yyyy
  time_precision        day 1, week 2, month 3 (ACLED's codes); empty for a year or a vague date
  disorder_type         Political violence; Demonstrations; "Political violence; Demonstrations"
                        (excessive force against protesters); Strategic developments
  event_type, sub_event_type   the event's ACLED view
  actor1, actor2        the first actor and the first recipient, a state's organs named as ACLED
                        names them ("Military Forces of Iraq", "Police Forces of Kenya",
                        "Government of Mali"; ACLED also gives the government's years, which
                        eventwire does not know); with no actor named, ACLED's names for the
                        unnamed: "Protesters (Kenya)", "Rioters (Kenya)", "Unidentified Armed
                        Group (Mali)" for violence, "Civilians (Mali)" for its victims
  assoc_actor_1, _2     the other actors and recipients ("; "-separated, as ACLED does)
  inter1, inter2        ACLED's actor types from the PLOVER sector: a state's military, police,
                        intelligence or government 1 (8 outside its own country), rebels 2,
                        parties, and armed groups of no known sector acting in violence, 3;
                        civilians and others 7 (protesters 6 in Protests, rioters 5 in
                        Riots), international bodies 8
  interaction           the two inter codes, lower first ("10" when there is no actor2)
  civilian_targeting    "Civilian targeting" where civilians were the target
  admin1, admin2        the names of the place's first- and second-level divisions (GeoNames'
                        names without their kind: "Borno", not "Borno State"); admin3 empty
  location, latitude, longitude, geo_precision   the event place; site/city 1, admin2 2,
                        admin1 3; empty for a country or region (ACLED has none)
  source, notes         the article's source (else its URL), every report's for a merged event;
                        the event's evidence sentences
  source_scale, timestamp, tags   empty: eventwire does not know a source's reach
  fatalities            killed, 0 when no number was reported, as ACLED codes it
  event_date_iso        the start date as YYYY-MM-DD, which no reader takes month-first
"""
from __future__ import annotations

from functools import lru_cache

from .data import read_table

COLUMNS = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
    "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "timestamp", "iso3", "event_date_iso", "status", "confidence",
)
NUMERIC = ("time_precision", "inter1", "inter2", "interaction", "iso", "latitude", "longitude",
           "geo_precision", "fatalities", "confidence")
OWN_COLUMNS = ("event_date_iso", "status", "confidence")  # eventwire's, not ACLED's
TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
GEO_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 3}
# ACLED's actor types by PLOVER sector; a state's organs outside their country are "External".
STATE_SECTORS = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}", "SPY": "Military Forces of {}",
                 "GOV": "Government of {}", "LEG": "Government of {}", "JUD": "Government of {}"}
INTER_BY_SECTOR = {"REB": 2, "PTY": 3, "OPP": 3, "IGO": 8, "UNO": 8, "NGO": 8}
STATE, EXTERNAL, MILITIA, RIOTERS, PROTESTERS, CIVILIANS = 1, 8, 3, 5, 6, 7
CROWD_INTER = {"Protests": PROTESTERS, "Riots": RIOTERS}  # civilians by ACLED event type
STATE_KINDS = {"country": "GOV", "government": "GOV", "military": "MIL"}  # an actor of no sector known
# Country names written with "the" after "Forces of" / "Government of".
THE_STARTS = ("United ", "Republic of", "Democratic Republic", "Central African", "Dominican", "Czech")
THE_COUNTRIES = {"Philippines", "Netherlands", "Bahamas", "Gambia", "Comoros", "Maldives", "Seychelles",
                 "Marshall Islands", "Solomon Islands", "Vatican City"}
VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")


@lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """ISO2 and ISO3 -> ACLED's name, region, numeric code and ISO3 (data/acled_countries.tsv)."""
    table = {}
    for row in read_table("acled_countries.tsv"):
        table[row["iso2"]] = table[row["iso3"]] = row
    return table


def row(event: dict) -> dict:
    """One event row of `Store.events` as a row of ACLED's columns."""
    place = countries().get(event["place_country"] or "")
    kind = event["acled_event_type"]
    date = event["date_start"] or ""
    actor1, inter1, assoc1 = _side(event["actors"], event["actor_sectors"], event["actor_countries"],
                                   event["actor_kinds"], kind, first=True, place=place)
    actor2, inter2, assoc2 = _side(event["recipients"], event["recipient_sectors"], event["recipient_countries"],
                                   event["recipient_kinds"], kind, first=False, place=place)
    return {
        "data_id": "", "event_id_no_cnty": "", "admin3": "", "source_scale": "", "timestamp": "",
        "iso": int(place["numeric"]) if place else "",
        "event_id_cnty": f"{event['article_id']}:{event['event_id']}",
        "event_date": f"{date[8:10]}-{date[5:7]}-{date[:4]}" if len(date) >= 10 else "",
        "year": date[:4],
        "time_precision": TIME_PRECISION.get(event["date_precision"], ""),
        "disorder_type": disorder_type(kind, event["acled_sub_event_type"]),
        "event_type": kind or "",
        "sub_event_type": event["acled_sub_event_type"] or "",
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if _targets_civilians(kind, inter2) else "",
        "region": place["region"] if place else "",
        "country": place["country"] if place else "",
        "admin1": event["place_admin1_name"] or "",
        "admin2": event["place_admin2_name"] or "",
        "location": event["place"] or "",
        "latitude": "" if event["lat"] is None else event["lat"],
        "longitude": "" if event["lon"] is None else event["lon"],
        "geo_precision": GEO_PRECISION.get(event["place_precision"], ""),
        "source": "; ".join(event.get("all_sources") or []) or event["source"] or event["url"] or "",
        "notes": " ".join(span["text"].strip() for span in event["evidence"]),
        "fatalities": event["killed"] or 0,
        "iso3": place["iso3"] if place else "",
        "event_date_iso": date[:10],
        "status": event["status"],
        "confidence": event["confidence"],
    }


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    if event_type in VIOLENCE:
        return "Political violence"
    if event_type == "Protests":
        return ("Political violence; Demonstrations" if sub_event_type == "Excessive force against protesters"
                else "Demonstrations")
    if event_type == "Riots":
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return ""


def _side(names: list, sectors: list, actor_countries: list, kinds: list, kind: str | None,
          first: bool, place: dict | None) -> tuple[str, int | str, str]:
    """(ACLED name of the side's first actor, its inter code, the others) of one side."""
    where = f" ({place['country']})" if place else ""
    if not names:
        if first and kind == "Protests":
            return f"Protesters{where}", PROTESTERS, ""
        if first and kind == "Riots":
            return f"Rioters{where}", RIOTERS, ""
        if first and kind in VIOLENCE:
            return f"Unidentified Armed Group{where}", MILITIA, ""
        return "", "", ""
    sector = sectors[0] if sectors else None
    if sector is None and kinds and kinds[0] in STATE_KINDS:  # "Kenya", "the Kenyan army"
        sector = STATE_KINDS[kinds[0]]
    country = actor_countries[0] if actor_countries else None
    home = countries().get(country or "")
    name, inter = names[0], INTER_BY_SECTOR.get(sector, "")
    if sector in STATE_SECTORS and home:
        name = STATE_SECTORS[sector].format(_with_article(home["country"]))
        abroad = place is not None and home["iso3"] != place["iso3"]
        inter = EXTERNAL if abroad else STATE
    elif inter == "":  # civilians, journalists, firms; or no sector known
        crowd = CROWD_INTER.get(kind or "")
        inter = crowd or (MILITIA if sector is None and kind in VIOLENCE and first else CIVILIANS)
    return name, inter, "; ".join(names[1:])


def _with_article(country: str) -> str:
    """ "the United States", "the Philippines", as ACLED writes them after "Forces of"."""
    return f"the {country}" if country.startswith(THE_STARTS) or country in THE_COUNTRIES else country


def _targets_civilians(event_type: str | None, inter2) -> bool:
    return event_type == "Violence against civilians" or (
        event_type == "Explosions/Remote violence" and inter2 == CIVILIANS)


def _interaction(inter1: int | str, inter2: int | str) -> str:
    if inter1 == "":
        return ""
    if inter2 == "":
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"
