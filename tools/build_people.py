"""Write src/eventwire/data/people.tsv, the office holders table, from the Phoenix dictionaries.

The Phoenix actor dictionaries (openeventdata/petrarch2, MIT; in ../shared/eval-data/actors/)
are read as a source of facts: who a person is (name and spellings), which state or body they
belong to, and in which years they held which kind of role. The table eventwire ships is its own
format, one row per person; the dictionaries themselves are not copied.

    python tools/build_people.py [ACTORS_DIR] [OUT]

Run by hand when the source changes; the output is committed (users have no ../shared).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

SOURCES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
HEADER = """\
# eventwire office holders: people in the news with the state or body they belong to.
# Facts read from the Phoenix actor dictionaries (openeventdata/petrarch2, MIT License,
# Copyright (c) 2014 Open Event Data Alliance) by tools/build_people.py; regenerate, don't edit.
# Columns: name (as usually written), country (ISO3, or UNO/EUR/IGO/NGO for bodies), sector
# (CAMEO role code of the person's latest role: GOV, MIL, ELI, OPP, JUD, LEG, ...), first and
# last (years of the roles listed), aliases (other spellings, | separated; a surname is kept
# only where everyone of that surname in the table belongs to one state).
"""
# Title words Phoenix writes into some spellings ("PRESIDENT_HOSNI_MUBARAK"): not names.
TITLES = {"PRESIDENT", "PRIME", "MINISTER", "KING", "QUEEN", "GENERAL", "GEN", "SECRETARY",
          "SHEIKH", "SHEIK", "PRINCE", "EMIR", "SULTAN", "FOREIGN", "DEFENSE", "DEFENCE", "LEADER",
          "CHAIRMAN", "CHANCELLOR", "PREMIER", "COLONEL", "COL", "DR", "MR", "MRS", "MS", "SIR",
          "AYATOLLAH", "POPE", "VICE", "SENATOR", "GOVERNOR", "AMBASSADOR", "MAYOR", "JUDGE",
          "GOV.", "SEN.", "REP.", "DR.", "GEN.", "COL.", "LT.", "CAPT.", "MR.", "MRS."}
ROLE = re.compile(r"\[([A-Z]{3})([A-Z]{0,6})(?:\s+[<>]?(\d{6,8})?-?(\d{6,8})?)?\s*\]")
# Words in some spellings that are not part of a name: "US_BILL_CLINTON", "THE_CLINTON_ADMINISTRATION".
NOT_NAMES = {"THE", "ADMINISTRATION", "GOVERNMENT", "US", "U.S.", "UN", "U.N.", "UNITED", "NATIONS",
             "STATES", "REGIME", "CABINET", "SECRETARY-GENERAL", "OFFICE"}
# Phoenix writes the IGO codes as IGO + body ("IGOUNO", "IGOEUR"): the body is the country.
BODIES = {"UNO", "EUR", "NGO", "NGM", "IGO"}


def _year(date: str) -> int | None:
    """YYMMDD (the dictionaries run to 2014 and births start in the 1900s) or YYYYMMDD."""
    if len(date) == 8:
        return int(date[:4])
    if len(date) != 6:
        return None  # a typo in the source ("2004017")
    yy = int(date[:2])
    return 2000 + yy if yy <= 20 else 1900 + yy


def _words(key: str) -> list[str]:
    return [w for w in key.strip().strip("+").split("_") if w]


def _name(words: list[str]) -> str:
    return " ".join(w.capitalize() if not w.startswith("MC") else "Mc" + w[2:].capitalize()
                    for w in words).replace(" Al ", " al-").replace(" Bin ", " bin ")


def read_people(path: Path) -> list[dict]:
    """Entries with dated roles: a person; entries coded on their own line are institutions."""
    people, entry = [], None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith(("\t", " ")) or line.lstrip().startswith("["):
            if entry is not None:
                for code, body, start, end in ROLE.findall(line):
                    entry["roles"].append((code, body, start, end))
            continue
        if line.startswith("+"):
            if entry is not None:
                entry["aliases"].append(_words(line))
            continue
        entry = {"words": _words(line.split("[", 1)[0]), "aliases": [], "roles": ROLE.findall(line)}
        people.append(entry)
    # a person's roles are dated; a state's institutions are not ("AFGHAN_NATIONAL_ARMY [AFGMIL]")
    return [p for p in people if any(_year(r[2] or r[3] or "0") for r in p["roles"]) and len(p["words"]) > 1]


def _country(roles) -> tuple[str, str]:
    """(country, sector) of the latest role: IGO roles name their body ("IGOUNO" -> UNO)."""
    # a role with a start and no end (">20070101") is still held when the source was written
    dated = sorted(roles, key=lambda r: (_year(r[3]) or (9999 if _year(r[2] or "0") else 0),
                                         _year(r[2] or "0") or 0))
    code, rest, _, _ = dated[-1]
    if code == "IGO":
        body = rest[:3]
        return (body if body in BODIES else "IGO"), "IGO"
    return code, rest[:3]


def _nationalities() -> set[str]:
    table = Path(__file__).parents[1] / "src/eventwire/data/demonyms.tsv"
    lines = [ln for ln in table.read_text(encoding="utf-8").splitlines()[1:] if ln and not ln.startswith("#")]
    return {w.upper() for ln in lines for w in ln.split("\t")[0].split()}


def rows(people: list[dict]) -> list[tuple]:
    # the countries of the people who bear each surname, and of those whom the source calls by a
    # title and that surname alone ("PRESIDENT_BUSH"): the famous bearer the news means
    surnames: dict[str, set[str]] = {}
    titled: dict[str, set[str]] = {}
    for person in people:
        country = _country(person["roles"])[0]
        surnames.setdefault(person["words"][-1], set()).add(country)
        for alias in person["aliases"]:
            bare = [w for w in alias if w not in TITLES]
            if len(bare) == 1 and len(alias) > 1:
                titled.setdefault(bare[0], set()).add(country)
    not_names = NOT_NAMES | _nationalities()
    out = {}
    for person in people:
        country, sector = _country(person["roles"])
        years = [y for r in person["roles"] for d in r[2:] if d for y in [_year(d)] if y] or [0]
        spellings = []
        for alias in person["aliases"]:
            if set(alias) & not_names:
                continue  # "US_BILL_CLINTON" is a description, not a spelling
            words = [w for w in alias if w not in TITLES]
            if not words or words == person["words"]:
                continue
            known_as = titled.get(words[0]) or surnames.get(words[0], set())
            if len(words) == 1 and (len(known_as) > 1 or len(words[0]) < 4):
                continue  # "MUBARAK", "BUSH" name one state's people; "ALI" does not
            spellings.append(_name(words))
        words = [w for w in person["words"] if w not in TITLES | NOT_NAMES] or person["words"]
        name = _name(words)
        out.setdefault(name, (name, country, sector, min(years), max(years),
                              "|".join(dict.fromkeys(s for s in spellings if s != name))))
    return sorted(out.values())


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else Path(__file__).parents[1] / "../shared/eval-data/actors"
    target = Path(argv[2]) if len(argv) > 2 else Path(__file__).parents[1] / "src/eventwire/data/people.tsv"
    people = [p for name in SOURCES for p in read_people(source / name)]
    table = rows(people)
    with open(target, "w", encoding="utf-8") as out:
        out.write(HEADER)
        out.write("name\tcountry\tsector\tfirst\tlast\taliases\n")
        for row in table:
            out.write("\t".join(str(v) for v in row) + "\n")
    print(f"{len(table)} people -> {target}")


if __name__ == "__main__":
    main(sys.argv)
