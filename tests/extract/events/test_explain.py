"""The rule trail: `Options(explain=True)` and `eventwire extract --explain`."""
import json
import subprocess
import sys

import jsonschema
import pytest

import eventwire
from eventwire import Options

from ...conftest import ROOT, SCHEMA, validate

ARTICLE = ROOT / "tests/articles/somalia-strike.txt"


def explained(text, published="2024-03-14"):
    return eventwire.extract(text, published=published, options=Options(explain=True))


def steps_of(extraction, event_id):
    trail = next(t for t in extraction.explanation.events if t.event == event_id)
    return trail.steps


def test_explain_leaves_the_events_as_they_are_and_only_adds_the_trail():
    text = ARTICLE.read_text()
    plain = eventwire.extract(text, published="2024-03-14")
    with_trail = explained(text)
    assert plain.explanation is None and "explanation" not in plain.to_dict()
    assert with_trail.events == plain.events and with_trail.actors == plain.actors
    data = validate(with_trail)
    assert [t["event"] for t in data["explanation"]["events"]] == [e.id for e in plain.events]


def test_explain_every_event_starts_at_its_trigger_and_names_each_role_place_and_date():
    ex = explained(ARTICLE.read_text())
    assert ex.events
    for event in ex.events:
        steps = steps_of(ex, event.id)
        assert steps[0].step == "trigger" and steps[0].rule.startswith("triggers.match")
        kinds = {s.step for s in steps}
        assert {"actor", "recipient", "status", "place"} <= kinds, event.id
        if event.actors:  # some step put each actor there, and says which rule
            named = [s for s in steps if s.step == "actor" and s.detail != "none"]
            assert named and all(s.rule and s.rule != "none found" for s in named)


def test_explain_names_the_rule_that_chose_the_actor_through_a_pronoun():
    ex = explained("Syria said on Monday that it would not accept the proposal from Turkey.")
    (event,) = [e for e in ex.events if e.type == "REJECT"]
    actor_steps = [s for s in steps_of(ex, event.id) if s.step == "actor"]
    assert any("'it'" in s.rule for s in actor_steps), actor_steps


def test_explain_shows_a_type_changed_by_a_coding_rule():
    ex = explained("Iran threatened on Tuesday to attack any ship that enters its waters.")
    threats = [e for e in ex.events if e.type == "THREATEN"]
    assert threats
    rules = [s for e in threats for s in steps_of(ex, e.id) if s.step in ("trigger", "type")]
    assert rules[0].detail.startswith("'threatened'") or any(s.rule == "rules.recode" for s in rules)


@pytest.mark.parametrize("text, word, rule", [
    pytest.param("The novelist called the review a vicious attack on her reputation.", "attack",
                 "context.describe", id="noun-tied-to-nothing"),
    pytest.param("Heavy rain hit western Kenya on Monday.", "hit", "lookalikes.natural_doer", id="nature-acts"),
    pytest.param("The Super Eagles beat Ghana 2-1 in Accra on Sunday.", "beat",
                 "lookalikes.match_result", id="match-result"),
])
def test_explain_records_each_dropped_word_with_its_rule(text, word, rule):
    ex = explained(text)
    dropped = {(d.text, d.rule) for d in ex.explanation.dropped}
    assert (word, rule) in dropped, dropped
    assert not any(e.evidence and word in e.evidence[0].text and e.type == "ASSAULT" for e in ex.events)


def test_explain_on_the_command_line_shows_the_trail_and_validates_as_json(tmp_path):
    run = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", str(ARTICLE), "--published",
                          "2024-03-14", "--explain"], capture_output=True, text=True, cwd=ROOT,
                         env={"COLUMNS": "80", "PATH": ""})
    assert run.returncode == 0, run.stderr
    assert "Why e1" in run.stdout and "Dropped event words" in run.stdout
    assert max(len(line) for line in run.stdout.splitlines()) <= 80
    run = subprocess.run([sys.executable, "-m", "eventwire.cli", "extract", str(ARTICLE), "--published",
                          "2024-03-14", "--explain", "--format", "json"], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    data = json.loads(run.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["explanation"]["events"][0]["steps"][0]["step"] == "trigger"
