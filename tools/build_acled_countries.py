"""Write src/eventwire/data/acled_countries.tsv: each country as ACLED names it, and its region.

ACLED writes a country by its short English name ("Iran", "Russia", "Democratic Republic of
Congo"), not ISO's ("Iran, Islamic Republic of"), and files it under one of its regions. Facts
read: the countries and their UN M49 subregions as countrystatecity-countries (a pinned
dependency, ODbL) gives them; ISO codes from pycountry; ACLED's spellings and its grouping of
subregions into its regions from ACLED's public country and region lists (written here as the
two tables below). Run by hand when they change; the output is committed.

    python tools/build_acled_countries.py [OUT]
"""
from __future__ import annotations

import csv
import json
import sys
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "acled_countries.tsv"

# ACLED's regions by UN subregion; then the countries ACLED files elsewhere than their subregion.
REGIONS = {
    "Western Africa": "Western Africa", "Middle Africa": "Middle Africa", "Eastern Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa", "Northern Africa": "Northern Africa", "Western Asia": "Middle East",
    "Southern Asia": "South Asia", "Central Asia": "Caucasus and Central Asia",
    "South-Eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia",
    "Northern Europe": "Europe", "Western Europe": "Europe", "Southern Europe": "Europe", "Eastern Europe": "Europe",
    "Northern America": "North America", "Central America": "Central America", "Caribbean": "Caribbean",
    "South America": "South America", "Australia and New Zealand": "Oceania", "Melanesia": "Oceania",
    "Micronesia": "Oceania", "Polynesia": "Oceania", "": "Antarctica",
}
REGION_OF = {"AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia", "GE": "Caucasus and Central Asia",
             "IR": "Middle East", "CY": "Europe", "XK": "Europe", "MX": "Central America",
             "SS": "Eastern Africa"}
# ACLED's names where they differ from the short names below.
NAMES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast", "SZ": "eSwatini",
    "CV": "Cape Verde", "RU": "Russia", "SY": "Syria", "IR": "Iran", "BO": "Bolivia", "VE": "Venezuela",
    "TZ": "Tanzania", "KR": "South Korea", "KP": "North Korea", "LA": "Laos", "VN": "Vietnam", "MD": "Moldova",
    "CZ": "Czech Republic", "GB": "United Kingdom", "US": "United States", "PS": "Palestine", "TR": "Turkey",
    "TW": "Taiwan", "BN": "Brunei", "FM": "Micronesia", "MK": "North Macedonia", "TL": "East Timor",
    "VA": "Vatican City", "GM": "Gambia", "BS": "Bahamas", "XK": "Kosovo", "ST": "Sao Tome and Principe",
    "KN": "Saint Kitts and Nevis", "LC": "Saint Lucia", "VC": "Saint Vincent and the Grenadines",
    "SH": "Saint Helena, Ascension and Tristan da Cunha", "FK": "Falkland Islands", "MM": "Myanmar",
}


def rows():
    import pycountry

    data = json.loads(resources.files("countrystatecity_countries").joinpath("data", "countries.json").read_text())
    for country in sorted(data, key=lambda c: c["iso2"]):
        iso2 = country["iso2"]
        known = pycountry.countries.get(alpha_2=iso2)
        short = getattr(known, "common_name", None) or (known.name if known else country["name"])
        name = NAMES.get(iso2, short if "," not in short else country["name"])
        region = REGION_OF.get(iso2, REGIONS.get(country.get("subregion") or "", "Antarctica"))
        yield iso2, country["iso3"], country["numeric_code"], name, region


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    with open(out, "w", encoding="utf-8", newline="") as stream:
        stream.write("# Countries as ACLED names them, with ACLED's region. Built by tools/build_acled_countries.py\n"
                     "# from countrystatecity-countries (UN subregions, ODbL) and pycountry (ISO codes), with\n"
                     "# ACLED's own spellings and regions as facts; regenerate, don't edit.\n")
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
        writer.writerow(("iso2", "iso3", "numeric", "country", "region"))
        writer.writerows(rows())
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
