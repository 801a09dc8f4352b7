import json
from pathlib import Path

import jsonschema
import pytest

from eventwire.records import Source

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCHEMA = json.loads((ROOT / "src/eventwire/schema/extraction-1.schema.json").read_text())


def validate(extraction) -> dict:
    """The JSON form of an extraction, validated against the extraction@1 schema."""
    data = extraction.to_dict()
    jsonschema.validate(data, SCHEMA)
    return data


def extract_valid(text, published=None):
    """`eventwire.extract` whose output has been validated against the schema."""
    import eventwire

    ex = eventwire.extract(text, published=published)
    validate(ex)
    return ex


@pytest.fixture(scope="session")
def shared():
    if not SHARED.is_dir():
        pytest.skip("../shared (seed and eval data) is absent beside the checkout; CI has it")
    return SHARED


def src(name: str, extraction=None, key: str | None = None) -> Source:
    """A document's identity for the store, by hand: keyed by `name` unless `key` is given, its
    digest the article's text hash (the batch hashes the raw content instead)."""
    return Source(key=key or name, digest=extraction.article.id if extraction else None, name=name)
