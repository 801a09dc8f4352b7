"""Turn the real labelled event data in ../shared/eval-data into training records.

    python training/real_data.py --shared ../shared --out training/real

Writes ``real-train.jsonl`` and ``real-dev.jsonl`` into ``--out`` (default ``training/real/``).
The output is DERIVED DATA: it holds third-party sentences (FrameNet/GENEVA, WikiEvents news
articles, GVDB local news) whose copyright stays with their authors. Never commit it; it is
regenerated from ../shared by the training script whenever it is needed. Only the mapping tables
(src/eventwire/data/geneva_map.tsv, kairos_map.tsv) and this script belong to the project.
Attribution (for NOTICE): GENEVA (Parekh et al., ACL 2023; CC BY 3.0, derived from FrameNet,
Baker et al. 1998); WikiEvents (Li, Ji and Han, NAACL 2021; annotations MIT); GVDB (Pavlick et
al., EMNLP 2016; splits of Ebner et al., ACL 2020, Apache-2.0).

Each record has the corpus format of training/GUIDE.md plus ``origin`` ("geneva", "wikievents",
"gvdb"). Record ids say origin and split: ``geneva-train-00012``.

Splits. The copies in ../shared hold no train split of GENEVA or WikiEvents, so, as the data sets'
own order suggests, their first labelled split trains and their held-out split is for dev:
  * GENEVA: data/val.json -> real-train, data/test.json -> real-dev.
  * WikiEvents: dev.jsonl -> real-train, test.jsonl -> real-dev.
  * GVDB: only dev.json is here -> real-dev only.
No test split goes into real-train. Note that the test splits used as real-dev here are also
what ``eventwire eval`` may score on: choosing models on real-dev then tunes on those files.

Labels come from the mapping tables (type level; PLOVER v0.8 manual, ACLED categories, the data
sets' type definitions). A sentence is labelled by the PLOVER types of its events that map to a
political type (neither NONE nor SKIP):
  * one PLOVER type -> a record of that type; ACLED fields are set when its events agree on one
    ACLED pair (WikiEvents Conflict.Attack.DetonateExplode gets its Explosions/Remote violence
    sub-type from the device words in the sentence: suicide, grenade, IED/bomb/explosive; else
    none), else null;
  * several PLOVER types -> skipped (no reliable way to tell the main clause);
  * none, but a SKIP event -> skipped (could be either);
  * only NONE events, or (WikiEvents) no event at all -> a NONE candidate. NONE candidates whose
    text holds a conflict word (attack, troops, protest, sanction, ... see POLITICAL_WORDS) are
    dropped, since the annotation may simply not cover that event; then at most as many NONE
    records as event records are kept per origin and split, look-alike kinds (disaster, accident,
    crime, business, sport, attribution) first, the rest in a fixed hash order.
GVDB: its articles are US local news about ordinary criminal shootings (robberies, domestic and
street violence). ACLED codes political violence and demonstrations and leaves ordinary crime
with no armed group, state force or political target out, and GUIDE.md makes such crime NONE;
so one shooting sentence per article is emitted as NONE, kind "crime". Sentences that mention
police, officers or deputies (possible state force, which ACLED could code), gangs, terrorism,
militias, hate crimes or protests are left out rather than guessed.

Texts: 8-60 words (GUIDE.md); GENEVA tokens are joined back into plain text. ``killed``,
``injured`` and ``attackers_killed`` are always null: no source gives counts per sentence, so in
these records null means "not annotated", not "no death stated" -- do not train casualty
extraction on them. ``style`` is a rough heuristic (headline, wire dateline, quote, passive,
else active). Texts repeated across splits are kept only in real-train.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "src" / "eventwire" / "data"
POLITICAL = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
             "PROTEST SANCTION MOBILIZE COERCE ASSAULT").split()
KIND_ORDER = ["disaster", "accident", "crime", "business", "sport", "attribution", "history", "other"]
POLITICAL_WORDS = re.compile(
    r"\b(attack|bomb|kill|murder|assassin|shoot|shot|gun|fight|clash|battle|war|wars|warfare|troop|"
    r"soldier|army|armies|militar|militia|militant|rebel|insurgen|terror|guerrill|invad|invasion|"
    r"protest|demonstrat|rally|rallies|riot|strike|boycott|arrest|detain|prison|jail|sanction|"
    r"embargo|threat|warn|accus|condemn|negotiat|talks|treaty|treaties|accord|agreement|ceasefire|"
    r"truce|police|hostage|kidnap|abduct|missile|weapon|nuclear|chemical|biological|explos|"
    r"wound|injur|dead|died|death|casualt|siege|captur|seiz|raid|coup|revolt|revolution|"
    r"election|vote|minister|president|government|regime|diplomat|summit|aid|refugee|cease-?fire|"
    r"victim|suspect|blast|bleed|blood|bodies|torso|carnage|hurt|fled|flee|evacuat|security|"
    r"jihad|isis|islamic state|qaeda|taliban|ira|extremis|radical|gunm[ae]n|bomber|hijack|"
    r"sniper|massacre|genocide|occup|annex|deport|expel|curfew)",
    re.I)
CONTEXT_WORDS = re.compile(
    r"\b(state|states|country|countries|nation|nations|national|government|minist|official|"
    r"authorit|president|prime minister|congress|senate|parliament|party|forces|army|military|"
    r"police|troops|intelligence|UN|U\.N\.|NATO|IAEA|EU|treaty|convention|weapons?|nuclear|"
    r"missiles?|rebels?|militants?|militia|insurgents?|terroris\w*|regime|embassy|diplomat\w*|"
    r"Iran|Iraq|Israel|China|Chinese|Russia|Soviet|Korea|Libya|Syria|U\.S\.|United States|"
    r"American|Pakistan|India|Egypt|Sudan|Cuba|Taiwan|Japan|Afghanistan|Kazakhstan|Ukraine|"
    r"Colombia|Hamas|Palestin\w*|Qaeda|Taliban|Hezbollah|Islamist\w*)\b", re.I)
HISTORY = re.compile(r"\b(b\.\s?c\.|a\.\s?d\.|1[0-8]\d\d\b|19[0-8]\d\b|\d+(st|nd|rd|th) century|"
                     r"centuries|ancient|medieval|Roman|Ottoman|Byzantine)", re.I)
DISASTER_OK = re.compile(r"\b(wound|injur|dead|died|death|casualt|explos|kill)", re.I)
EXPLOSIVE_SUBS = [
    (re.compile(r"\bsuicide\b", re.I), "Suicide bomb"),
    (re.compile(r"\bgrenades?\b", re.I), "Grenade"),
    (re.compile(r"\b(IEDs?|improvised explosive|roadside bomb|car bomb|landmines?|mines?|"
                r"bombs?|bombings?|explosive devices?|explosives?|pipe bombs?|booby)\b", re.I),
     "Remote explosive/landmine/IED"),
]
GVDB_SHOOTING = re.compile(r"\b(shot|shooting|shootings|gunfire|opened fire|gunman|gunmen|"
                           r"fired|shots)\b", re.I)
GVDB_EXCLUDE = re.compile(r"\b(police|officers?|deputy|deputies|trooper|sheriff|swat|gangs?|"
                          r"terror\w*|militia|hate crime|extremis\w*|protest\w*|soldiers?|"
                          r"military|agents?)\b", re.I)


# GENEVA triggers that name a state, a capacity or a long war rather than report an event
# ("a deadly chemical", "offensive CW program", "chemical warfare", "the Iran-Iraq war"): such
# events count as SKIP whatever their type.
GENEVA_WEAK_TRIGGERS = {"deadly", "offensive", "warfare", "war", "wars", "conflict", "conflicts",
                        "attackers", "assailant", "assailants", "killer", "killers", "defense",
                        "defence", "lethal"}


def load_map(path: Path) -> dict[str, dict]:
    table = {}
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            kind = None
            if row["plover"] == "NONE":
                match = re.match(r"kind=(\w+)", row["note"] or "")
                kind = match.group(1) if match else "other"
            table[row["source_type"]] = {
                "plover": row["plover"],
                "acled": (row["acled_event"] or None, row["acled_sub"] or None),
                "kind": kind,
            }
    return table


def detok(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r"`\s*`|'\s*'", '"', text)
    text = re.sub(r"\s+([,.;:?!%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r"(\w)\s+'\s+(s|re|ve|ll|d|m)\b", r"\1'\2", text)
    text = re.sub(r"(\w)n\s+'\s+t\b", r"\1n't", text)
    text = re.sub(r"\b([A-Z])\.\s([A-Z])\.", r"\1.\2.", text)
    text = re.sub(r"(\d),\s(\d{3})\b", r"\1,\2", text)
    text = re.sub(r"(\w)\s+_\s+(\w)", r"\1_\2", text)
    text = re.sub(r"\s+-\s+-\s+", " -- ", text)
    text = re.sub(r"(\w)\s+-\s+(\w)", r"\1-\2", text)
    # attach straight double quotes: opening ones to the right, closing ones to the left
    out, opened = [], False
    for piece in re.split(r'(\s*"\s*)', text):
        if piece.strip() == '"':
            out.append(' "' if not opened else '" ')
            opened = not opened
        else:
            out.append(piece)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def style_of(text: str, headline: bool = False) -> str:
    if headline:
        return "headline"
    if re.match(r"^[A-Z][A-Z .'-]{2,}(,| \()[^-—]{0,40}[-—]", text):
        return "wire"
    if text[:1] in "\"“'`" or re.search(r"[\"”],? (he|she|they|it|\w+) (said|says|told)", text):
        return "quote"
    if re.search(r"\b(was|were|been|being)\s+\w+(ed|en)\b", text):
        return "passive"
    return "active"


def words_ok(text: str) -> bool:
    return 8 <= len(text.split()) <= 60


def record(origin: str, text: str, plover: str, acled=(None, None), kind=None,
           headline: bool = False) -> dict:
    return {"id": None, "text": text, "plover": plover, "acled_event": acled[0],
            "acled_sub": acled[1], "killed": None, "injured": None, "attackers_killed": None,
            "style": style_of(text, headline), "kind": kind if plover == "NONE" else None,
            "origin": origin}


def label(events: list[tuple[str, str]], table: dict, stats: collections.Counter):
    """events: (source_type, sentence text, weak trigger). Returns (plover, acled, kind) or None."""
    mapped = []
    for source_type, text, weak in events:
        row = table.get(source_type)
        if row is None:
            raise KeyError(f"event type {source_type!r} is missing from the mapping table")
        acled = row["acled"]
        if source_type == "Conflict.Attack.DetonateExplode":
            acled = (None, None)
            for pattern, sub in EXPLOSIVE_SUBS:
                if pattern.search(text):
                    acled = ("Explosions/Remote violence", sub)
                    break
        plover = "SKIP" if weak and row["plover"] in POLITICAL else row["plover"]
        mapped.append((plover, acled, row["kind"]))
    political = [m for m in mapped if m[0] in POLITICAL]
    if political:
        types = {m[0] for m in political}
        if len(types) > 1:
            stats["skipped: several PLOVER types"] += 1
            return None
        pairs = {m[1] for m in political if m[1] != (None, None)}
        acled = pairs.pop() if len(pairs) == 1 else (None, None)
        return political[0][0], acled, None
    if any(m[0] == "SKIP" for m in mapped):
        stats["skipped: ambiguous (SKIP) type only"] += 1
        return None
    kinds = [m[2] or "other" for m in mapped] or ["other"]
    return "NONE", (None, None), min(kinds, key=KIND_ORDER.index)


def none_allowed(rec: dict) -> bool:
    if rec["kind"] in ("disaster", "accident"):
        text = DISASTER_OK.sub("", rec["text"])
        return not POLITICAL_WORDS.search(text)
    return not POLITICAL_WORDS.search(rec["text"])


def stable(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def balance(events: list[dict], nones: list[dict], stats: collections.Counter) -> list[dict]:
    kept = [r for r in nones if none_allowed(r)]
    stats["NONE dropped: conflict word in text"] += len(nones) - len(kept)
    kept.sort(key=lambda r: (r["kind"] == "other", stable(r["text"])))
    stats["NONE dropped: over the cap"] += max(0, len(kept) - len(events))
    return events + kept[:len(events)]


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def geneva(root: Path, name: str, stats) -> list[dict]:
    table = load_map(DATA / "geneva_map.tsv")
    events, nones, seen = [], [], set()
    for window in read_jsonl(root / "geneva" / "data" / f"{name}.json"):
        text = detok(window["tokens"])
        if text in seen:
            continue
        seen.add(text)
        if not words_ok(text):
            stats["skipped: length"] += 1
            continue
        ordered = sorted(window["event_mentions"], key=lambda e: e["trigger"]["start"])
        got = label([(e["event_type"], text, e["trigger"]["text"].lower() in GENEVA_WEAK_TRIGGERS)
                     for e in ordered], table, stats)
        if got is None:
            continue
        if got[0] != "NONE" and HISTORY.search(text):
            stats["geneva: political record dropped as background history"] += 1
            continue
        if got[0] != "NONE" and not CONTEXT_WORDS.search(text):
            stats["geneva: political record dropped, no political actor/context word"] += 1
            continue
        rec = record("geneva", text, got[0], got[1], got[2])
        (nones if got[0] == "NONE" else events).append(rec)
    return balance(events, nones, stats)


def wikievents(root: Path, name: str, stats) -> list[dict]:
    table = load_map(DATA / "kairos_map.tsv")
    events, nones = [], []
    for doc in read_jsonl(root / "wikievents" / "data" / "wikievents" / f"{name}.jsonl"):
        by_sentence = collections.defaultdict(list)
        for event in doc["event_mentions"]:
            by_sentence[event["trigger"]["sent_idx"]].append(event)
        for idx, (tokens, text) in enumerate(doc["sentences"]):
            text = re.sub(r"\s+", " ", text).strip()
            if not words_ok(text):
                stats["skipped: length"] += 1
                continue
            found = sorted(by_sentence.get(idx, []), key=lambda e: e["trigger"]["start"])
            if found:
                got = label([(e["event_type"], text, False) for e in found], table, stats)
                if got is None:
                    continue
            else:
                got = ("NONE", (None, None), "other")
            rec = record("wikievents", text, got[0], got[1], got[2], headline=idx == 0)
            (nones if got[0] == "NONE" else events).append(rec)
    return balance(events, nones, stats)


def gvdb(root: Path, stats) -> list[dict]:
    out = []
    for doc in read_jsonl(root / "gvdb" / "splits" / "dev.json"):
        for idx, tokens in enumerate(doc["full_text"]):
            text = detok(tokens)
            if idx == 0:
                text = re.sub(r"\s*\|.*$", "", text).strip()
            if not words_ok(text) or not GVDB_SHOOTING.search(text):
                continue
            if GVDB_EXCLUDE.search(text):
                stats["gvdb: shooting sentence left out (police/gang/terror/...)"] += 1
                continue
            out.append(record("gvdb", text, "NONE", kind="crime", headline=idx == 0))
            break
    return out


def eval_root(shared: Path) -> Path:
    shared = Path(shared)
    return shared / "eval-data" if (shared / "eval-data").is_dir() else shared


def records(shared: Path, *, split: str | None = None,
            stats: collections.Counter | None = None) -> Iterator[dict]:
    """Yield the records of real-train (split="train"), real-dev ("dev") or both (None)."""
    root = eval_root(shared)
    stats = collections.Counter() if stats is None else stats
    plan = {
        "train": [("geneva", lambda: geneva(root, "val", stats)),
                  ("wikievents", lambda: wikievents(root, "dev", stats))],
        "dev": [("geneva", lambda: geneva(root, "test", stats)),
                ("wikievents", lambda: wikievents(root, "test", stats)),
                ("gvdb", lambda: gvdb(root, stats))],
    }
    train_texts = set()
    for name in ("train", "dev"):
        if split == "train" and name == "dev":
            return
        for origin, build in plan[name]:
            number = 0
            for rec in build():
                key = re.sub(r"\W+", " ", rec["text"].lower()).strip()
                if name == "train":
                    train_texts.add(key)
                elif key in train_texts:
                    stats["dev text also in train: dropped"] += 1
                    continue
                number += 1
                rec["id"] = f"{origin}-{name}-{number:05d}"
                if split in (None, name):
                    yield rec


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared",
                        help="the shared folder (holding eval-data/) or eval-data itself")
    parser.add_argument("--out", type=Path, default=HERE / "real",
                        help="output folder (derived data: never commit it)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    stats = collections.Counter()
    paths = {name: args.out / f"real-{name}.jsonl" for name in ("train", "dev")}
    handles = {name: path.open("w", encoding="utf-8") for name, path in paths.items()}
    counts = {name: collections.Counter() for name in paths}
    for rec in records(args.shared, stats=stats):
        name = rec["id"].split("-")[1]
        handles[name].write(json.dumps(rec, ensure_ascii=False) + "\n")
        counts[name]["origin " + rec["origin"]] += 1
        counts[name]["plover " + rec["plover"]] += 1
        counts[name]["acled_sub " + str(rec["acled_sub"])] += 1
    for name, handle in handles.items():
        handle.close()
        print(f"{paths[name]}: {counts[name].total() // 3} records")
        for key, value in sorted(counts[name].items()):
            print(f"  {key}: {value}")
    print("notes (both splits):")
    for key, value in sorted(stats.items()):
        print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
