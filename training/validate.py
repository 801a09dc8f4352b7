"""Check a file of the training corpus against training/GUIDE.md and count its cells.

    python3 training/validate.py training/corpus/train-a.jsonl

Prints each problem with its line number, then the number of records per PLOVER type and per
ACLED sub-event type; exits 1 when any record is malformed.
"""

import collections
import csv
import json
import pathlib
import sys

PLOVER = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
          "PROTEST SANCTION MOBILIZE COERCE ASSAULT NONE").split()
STYLES = {"active", "passive", "nominal", "headline", "wire", "acled_note", "quote"}
KINDS = {"disaster", "accident", "crime", "sport", "business", "metaphor", "attribution",
         "history", "other"}
FIELDS = {"id", "text", "plover", "acled_event", "acled_sub", "killed", "injured",
          "attackers_killed", "style", "kind"}
CATEGORIES = pathlib.Path(__file__).resolve().parent.parent / "src/eventwire/data/acled_categories.tsv"


def acled_pairs():
    with CATEGORIES.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {(event, sub) for event, sub in rows}


def problems(record, pairs, seen):
    if set(record) != FIELDS:
        yield f"fields {sorted(set(record) ^ FIELDS)} missing or extra"
        return
    if record["id"] in seen:
        yield f"id {record['id']} repeated"
    if not isinstance(record["text"], str) or not 5 <= len(record["text"].split()) <= 80:
        yield "text must be a string of 5-80 words"
    if record["plover"] not in PLOVER:
        yield f"plover {record['plover']!r} is not a PLOVER type or NONE"
    pair = (record["acled_event"], record["acled_sub"])
    if pair != (None, None) and pair not in pairs:
        yield f"ACLED pair {pair} is not one of the codebook's 25 rows"
    if record["plover"] == "NONE" and pair != (None, None):
        yield "a NONE record has no ACLED type"
    for field in ("killed", "injured", "attackers_killed"):
        value = record[field]
        if not (value is None or value == "vague" and field != "attackers_killed"
                or isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            yield f"{field} must be a non-negative integer, null, or 'vague'"
    if record["style"] not in STYLES:
        yield f"style {record['style']!r} unknown"
    if (record["kind"] in KINDS) != (record["plover"] == "NONE"):
        yield "kind is set exactly on NONE records"


def main(path):
    pairs = acled_pairs()
    seen, bad = set(), 0
    by_plover, by_sub = collections.Counter(), collections.Counter()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                print(f"{path}:{number}: not JSON ({error})")
                bad += 1
                continue
            found = list(problems(record, pairs, seen)) if isinstance(record, dict) else ["not an object"]
            for problem in found:
                print(f"{path}:{number}: {problem}")
            bad += bool(found)
            if isinstance(record, dict):
                seen.add(record.get("id"))
                by_plover[record.get("plover")] += 1
                by_sub[record.get("acled_sub")] += 1
    print(f"{len(seen)} records, {bad} with problems")
    print("PLOVER:", ", ".join(f"{key} {count}" for key, count in sorted(by_plover.items(), key=str)))
    print("ACLED:", ", ".join(f"{key} {count}" for key, count in sorted(by_sub.items(), key=str)))
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
