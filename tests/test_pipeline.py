import subprocess
import sys

import eventwire
from eventwire.pipeline import Pipeline

from .conftest import ROOT, validate


def test_pipeline_runs_stages_in_order():
    assert Pipeline().stage_names == ["clean", "parse", "actors", "places", "times", "quantities",
                                     "events", "quotes", "checks"]


def test_pipeline_output_validates_against_schema():
    ex = eventwire.extract("The army sent 600 soldiers to Garissa on Tuesday.", published="2024-04-30")
    data = validate(ex)
    assert data["schema"] == "eventwire/extraction@1"
    assert data["article"]["text"].startswith("The army sent")
    assert data["article"]["published"] == "2024-04-30"


def test_pipeline_rejects_empty_document():
    ex = eventwire.extract("   \n  ")
    validate(ex)
    assert ex.article.rejected.code == "empty"


def test_cli_missing_file_is_one_line_exit_2():
    run = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", "no/such/file.txt"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert "no/such/file.txt" in run.stderr and "Traceback" not in run.stderr


def test_pipeline_sentences_end_at_blank_lines_not_at_wrapped_lines():
    from eventwire.nlp import load_model

    doc = load_model()("Police clash with farmers in Madrid\n\nFarmers battled with police during a march\n"
                       "to demand a better price for milk, officials said on Tuesday.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Police clash with farmers in Madrid"
    assert sentences[1].startswith("Farmers battled") and sentences[1].endswith("on Tuesday.")
