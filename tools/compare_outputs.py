"""Code a fixed list of texts and write each extraction@1 JSON, one per line, to compare builds.

Run by hand: `PYTHONPATH=src python tools/compare_outputs.py OUT.jsonl`, once on the build
before a change (e.g. a second checkout on PYTHONPATH) and once after, then `diff` the files or
pass both with `--diff A B`. A change meant to keep the output must leave the files identical.
"""
from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "nato-iraq-thehill.txt"
SEED_PUBLISHED = "2021-02-18"  # the seed article's date, as in the seed check
HELDOUT_PUBLISHED = "2000-01-01"  # the date eventwire eval codes the held-out sentences with
REUTERS = SHARED / "eval-data" / "corpus" / "reuters_sample.jsonl"
GEOVIRUS = SHARED / "eval-data" / "geoparsing" / "GeoVirus.xml"
REUTERS_LIMIT = 300  # the first articles of each corpus: enough variety, a few minutes in all
GEOVIRUS_LIMIT = 100


def texts() -> Iterator[tuple[str, str | bytes, str | None, bool | None]]:
    """(label, content, published, is_html) for every text compared."""
    if SEED.is_file():
        yield "seed", SEED.read_bytes(), SEED_PUBLISHED, None
    for path in sorted([*ROOT.glob("tests/articles/*.txt"), *ROOT.glob("tests/articles/*.html"),
                        *ROOT.glob("src/eventwire/examples/*")]):
        yield path.relative_to(ROOT).as_posix(), path.read_bytes(), None, None
    for path in sorted(ROOT.glob("tests/articles/heldout_events*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip():
                case = json.loads(line)
                yield f"{path.name}:{case['id']}", case["text"], HELDOUT_PUBLISHED, False
    if REUTERS.is_file():
        with REUTERS.open() as lines:
            for n, line in zip(range(REUTERS_LIMIT), lines):
                record = json.loads(line)
                yield f"reuters:{record['newid']}", record.get("body") or "", None, False
    if GEOVIRUS.is_file():
        for n, article in zip(range(GEOVIRUS_LIMIT), ET.parse(GEOVIRUS).getroot()):
            yield f"geovirus:{n}", article.findtext("text") or "", None, False


def code(out: Path) -> None:
    from eventwire.options import Options
    from eventwire.pipeline import Pipeline
    from eventwire.records import RawDocument

    pipelines: dict[str | None, Pipeline] = {}
    with out.open("w") as sink:
        for label, content, published, is_html in texts():
            pipeline = pipelines.setdefault(published, Pipeline(Options(published=published)))
            extraction = pipeline(RawDocument(content, label, is_html=is_html))
            record = extraction.to_dict()
            # The article id may hash the whole input; it is part of the output and stays.
            sink.write(json.dumps({"label": label, "out": record}, ensure_ascii=False, sort_keys=True) + "\n")


def diff(a: Path, b: Path) -> int:
    left = [json.loads(x) for x in a.read_text().splitlines()]
    right = [json.loads(x) for x in b.read_text().splitlines()]
    if [x["label"] for x in left] != [x["label"] for x in right]:
        print("the two files code different lists of texts")
        return 1
    differ = [x["label"] for x, y in zip(left, right) if x["out"] != y["out"]]
    print(f"{len(left)} texts, {len(left) - len(differ)} identical, {len(differ)} differ")
    for label in differ:
        print(f"  differs: {label}")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", help="where to write the JSON lines")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("A", "B"), help="compare two outputs")
    args = parser.parse_args()
    if args.diff:
        sys.exit(diff(*args.diff))
    if not args.out:
        parser.error("give OUT or --diff A B")
    code(args.out)


if __name__ == "__main__":
    main()
