import json
import subprocess
from contextlib import contextmanager
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


@pytest.fixture
def read_only():
    """A function that makes a file or folder read-only for this process, for real: by its mode
    for a user; for root, whom modes do not stop, by the immutable attribute (chattr +i). Skips
    the test where neither holds. Everything is made writable again afterwards."""
    import os
    import shutil
    import subprocess

    undo = []

    def make(path: Path) -> Path:
        if os.geteuid() != 0:
            mode = path.stat().st_mode
            path.chmod(mode & ~0o222)
            undo.append(lambda: path.chmod(mode))
        else:
            done = shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)], capture_output=True)
            if not done or done.returncode != 0:
                pytest.skip("running as root, whom file modes do not stop, and chattr +i fails here: "
                            "no way to make a path read-only")
            undo.append(lambda: subprocess.run(["chattr", "-i", str(path)], check=True))
        assert not os.access(path, os.W_OK), f"{path} is still writable"
        return path

    yield make
    for step in reversed(undo):
        step()


@contextmanager
def small_disk(folder: Path, size: str):
    """A tmpfs of `size` mounted at `folder`, to fill a disk for real; skips the test where this
    machine does not let it mount one (it needs root and mount rights)."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root and mount rights) to fill a disk")
    try:
        yield folder
    finally:  # lazily: a connection the test left open must not keep the mount alive
        subprocess.run(["umount", "--lazy", str(folder)], capture_output=True)
