import dataclasses
import subprocess
import sys

import pytest

import eventwire
from eventwire.draft import Draft
from eventwire.errors import EventwireError
from eventwire.pipeline import Pipeline, _stages, check_order
from eventwire.records import RawDocument

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


FIELDS = {f.name for f in dataclasses.fields(Draft)}
EXAMPLES = sorted((ROOT / "src/eventwire/examples").glob("*.txt")) + sorted((ROOT / "tests/articles").glob("*.txt"))


def test_pipeline_stages_read_and_set_only_what_they_declare():
    """Every stage, run on real articles, reads only the draft fields it requires and changes only
    those it assigns: the declarations that the pipeline's order check trusts are true."""
    reads: list[str] = []

    class Recording(Draft):
        def __getattribute__(self, name):
            # reads by the stages' code, not by Draft's own methods or dataclasses.replace
            caller = sys._getframe(1).f_code.co_filename
            if name in FIELDS and not caller.endswith(("draft.py", "dataclasses.py")):
                reads.append(name)
            return super().__getattribute__(name)

    pipeline = Pipeline()
    declared = {stage.name: stage for stage in _stages()}
    for path in EXAMPLES:
        draft = Recording(raw=RawDocument(content=path.read_bytes(), name=path.name), options=pipeline.options)
        for name, stage in pipeline.stages:
            reads.clear()
            after = stage(draft)
            read = set(reads) - {"options"}  # every stage may read the options
            changed = {f for f in FIELDS if getattr(after, f) is not getattr(draft, f)}
            assert read <= set(declared[name].requires), (path.name, name, read)
            assert changed <= set(declared[name].assigns), (path.name, name, changed)
            draft = after


def test_pipeline_refuses_a_stage_whose_input_no_earlier_stage_assigns():
    with pytest.raises(EventwireError, match="the stage 'events' needs article, doc, actors"):
        Pipeline(only=("events",))
    with pytest.raises(EventwireError, match=r"needs doc .*\(clean\)"):
        check_order([s for s in _stages() if s.name in ("clean", "places")])
    check_order(s for s in _stages() if s.name in ("clean", "parse", "places"))  # parse gives the doc
