"""The seed article scored by the maintainers' own check, section by section."""
import json
import subprocess
import sys

import pytest

from .conftest import ROOT, SCHEMA

import jsonschema

DONE = ["article", "entities", "places", "times", "quantities", "events", "quotes", "consistency"]


@pytest.fixture(scope="module")
def seed_output(shared, tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "seed.json"
    run = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract",
                          str(shared / "seed/nato-iraq-thehill.txt"), "--published", "2021-02-18",
                          "--format", "json"], capture_output=True, text=True, cwd=ROOT, check=True)
    out.write_text(run.stdout)
    jsonschema.validate(json.loads(run.stdout.splitlines()[0]), SCHEMA)
    return out


def _check(shared, output, section):
    return subprocess.run([sys.executable, str(shared / "tools/check_seed.py"),
                           str(shared / "seed/nato-iraq-thehill.expected.json"), str(output), section],
                          capture_output=True, text=True)


@pytest.mark.parametrize("section", DONE)
def test_seed_section_all_found(shared, seed_output, section):
    run = _check(shared, seed_output, section)
    assert run.returncode == 0, run.stdout
