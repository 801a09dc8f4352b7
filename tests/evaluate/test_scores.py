import subprocess
import sys

from eventwire.evaluate.scores import _shingles, check_floors

from ..conftest import ROOT


def test_scores_shingles_are_word_4grams():
    assert _shingles("A b c d e") == {("a", "b", "c", "d"), ("b", "c", "d", "e")}


def test_scores_check_floors_names_what_fell():
    assert check_floors({"x": 0.5, "y": 0.9}, {"x": 0.6, "y": 0.8}) == ["x = 0.500 is below its floor 0.600"]


def test_scores_eval_meets_pinned_floors(shared):
    """The CI gate: `eventwire eval` on ../shared/eval-data exits 0 only when no score fell."""
    run = subprocess.run([sys.executable, "-m", "eventwire.cli", "eval", "--data", str(shared / "eval-data")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr + run.stdout
    assert "extraction.f1" in run.stdout
