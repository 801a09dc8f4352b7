"""Train the event-type classifier shipped in src/eventwire/classifier/weights/.

    python training/train.py [--shared ../shared] [--no-real] [--out src/eventwire/classifier/weights]

Trains on training/corpus/train-*.jsonl (written for eventwire, see GUIDE.md) plus, when
../shared is there, the real labelled data whose licences allow training (GENEVA, WikiEvents:
training/real_data.py maps their types to PLOVER and ACLED through data/geneva_map.tsv and
data/kairos_map.tsv). Prints the scores on the dev part (training/corpus/dev-*.jsonl, another
writer's) and, from the real data, on their dev splits. The test part (test-*.jsonl) is never
read here: `eventwire eval` scores it, and only that.

Deterministic: the same data gives the same weights (liblinear-free lbfgs, no shuffling).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.classifier.model import TypeModel, save_model  # noqa: E402
from eventwire.classifier.training import Labelled, fit, from_corpus, score  # noqa: E402

CORPUS = ROOT / "training" / "corpus"


def corpus(part: str) -> list[Labelled]:
    out = []
    for path in sorted(CORPUS.glob(f"{part}-*.jsonl")):
        out += [from_corpus(json.loads(line), path.stem) for line in path.read_text().splitlines() if line.strip()]
    return out


def real(shared: Path) -> tuple[list[Labelled], list[Labelled]]:
    """(train, dev) sentences of the real data sets, or nothing if the script or data is absent."""
    script = ROOT / "training" / "real_data.py"
    if not script.is_file() or not (shared / "eval-data").is_dir():
        return [], []
    spec = importlib.util.spec_from_file_location("real_data", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return ([from_corpus(r, r.get("origin", "real")) for r in module.records(shared, split="train")],
            [from_corpus(r, r.get("origin", "real")) for r in module.records(shared, split="dev")])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-real", action="store_true", help="train on the written corpus only")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "eventwire" / "classifier" / "weights")
    args = parser.parse_args()
    train, dev = corpus("train"), corpus("dev")
    real_train, real_dev = ([], []) if args.no_real else real(args.shared)
    print(f"training on {len(train)} written + {len(real_train)} real sentences", flush=True)
    bundle = fit(train + real_train, about={
        "trained_on": sorted({r.origin for r in train + real_train}),
        "script": "training/train.py"})
    model = TypeModel(bundle)
    print("dev (corpus, another writer):", json.dumps(score(model, dev)))
    if real_dev:
        print("dev (real data sets' dev splits):", json.dumps(score(model, real_dev)))
    path = save_model(bundle, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
