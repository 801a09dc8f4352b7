import pytest

from eventwire.extract.quotes import quote_spans

from ..conftest import extract_valid

HEADLINE = "Officials speak after talks\n\n"


def quotes_of(body):
    """(quote text, speaker name, cue) for each quote of a hand-built article."""
    ex = extract_valid(HEADLINE + body, published="2024-03-01")
    names = {a.id: a.name for a in ex.actors}
    for q in ex.quotes:  # the contract: a quote's text is the article's text at its offsets
        assert ex.article.text[q.start:q.end] == q.text
    return [(q.text, names.get(q.speaker), q.cue) for q in ex.quotes]


@pytest.mark.parametrize("body,text,speaker", [
    ("“We will not leave the city,” Prime Minister Anna Keller told reporters on Monday.",
     "We will not leave the city", "Anna Keller"),
    ('"The road is open again," Police chief Daniel Osei said.', "The road is open again", "Daniel Osei"),
    ("Foreign Minister Marta Lindqvist said: “Sweden stands ready to help the injured.”",
     "Sweden stands ready to help the injured.", "Marta Lindqvist"),
    ("Amnesty International said the arrests were “a blatant attempt to silence critics.”",
     "a blatant attempt to silence critics.", "Amnesty International"),
    ("According to Human Rights Watch, “at least 40 homes were burned to the ground.”",
     "at least 40 homes were burned to the ground.", "Human Rights Watch"),
    ("The State Department on Tuesday vowed “a firm response to any further attack.”",
     "a firm response to any further attack.", "State Department"),
])
def test_quotes_direct_and_partial_with_speaker(body, text, speaker):
    assert (text, speaker) in [(t, s) for t, s, _cue in quotes_of(body)]


def test_quotes_pronoun_after_named_speaker():
    body = ("Defence Minister Karim Haddad visited the base on Monday. “Our soldiers did their duty,” "
            "he said.")
    assert quotes_of(body) == [("Our soldiers did their duty", "Karim Haddad", "say")]


def test_quotes_partial_quote_belongs_to_subject_of_its_verb():
    body = ("A senior official told reporters that the Pentagon “welcomes the decision to send more "
            "trainers,” but would not give numbers.")
    [(text, speaker, cue)] = quotes_of(body)
    assert text.startswith("welcomes the decision") and speaker == "Pentagon" and cue == "tell"


def test_quotes_run_over_paragraph_break_with_nested_quote_inside():
    body = ("“The water came at night,” farmer Joseph Mwangi told reporters. “We lost everything.\n\n"
            "“My neighbour shouted ‘Run!’ and we ran,” he said.\n")
    found = quotes_of(body)
    assert [(t[:24], s) for t, s, _ in found] == [("The water came at night", "Joseph Mwangi"),
                                                  ("We lost everything.\n\n“My", "Joseph Mwangi")]
    assert found[1][0].endswith("and we ran")
    assert not any(t.startswith("Run") for t, _s, _c in found)


def test_quotes_second_quote_without_cue_continues_speaker():
    body = "“We came in peace,” Maria Lopez said. “We leave in fear.”"
    assert [s for _t, s, _c in quotes_of(body)] == ["Maria Lopez", "Maria Lopez"]


def test_quotes_organisation_named_by_common_noun():
    body = ("The World Food Programme warned of shortages. “Stocks will run out within weeks,” the "
            "agency said in a statement.")
    assert quotes_of(body) == [("Stocks will run out within weeks", "World Food Programme", "say")]


@pytest.mark.parametrize("body", [
    "NATO’s ministers met in Brussels and they’re expected to agree on the plan.",
    "The so-called “peace plan” was rejected by residents of the valley.",
    "Residents described the gunmen as “bandits” who raid villages at night.",
    "The film “Night Train” opened in Lagos on Friday.",
    "Soldiers patrolled the streets of Kabul on Monday.",
    "“This quote never ends and runs on.\n\nThe next paragraph is ordinary reporting.",
])
def test_quotes_nothing_found(body):
    assert quotes_of(body) == []


def test_quotes_long_quote_without_speaker_is_kept_with_no_speaker():
    body = "A banner at the march read “No more killings in our streets, no more silence.”"
    [(text, speaker, _cue)] = quotes_of(body)
    assert text.startswith("No more killings") and speaker is None


@pytest.mark.parametrize("text,spans", [
    ("He said “yes” and “no”.", ["yes", "no"]),
    ('She said "it is over" and left.', ["it is over"]),
    ("“One.\n\n“Two,” he said.", ["One. Two"]),
    ("“Unclosed\n\nplain paragraph “closed”", ["closed"]),
    ("They’re at NATO’s summit, O’Neill said.", []),
    ("He said 'yes' and ‘no’.", ["yes", "no"]),
    ("‘We don’t want war in Iran’s north,’ he said.", ["We don’t want war in Iran’s north"]),
    ("‘The soldiers’ families want answers,’ she said.", ["The soldiers’ families want answers"]),
    ("He called it 'a matter for the generals' and left.", ["a matter for the generals"]),
    ("He called it 'a matter for the generals' and said the soldiers' pay would rise.",
     ["a matter for the generals"]),
    ("The show is called ‘Night Train‘ in Lagos.", ["Night Train"]),
    ("The soldiers' wives said 'we want answers' today.", ["we want answers"]),
    ("'We like rock 'n' roll,' he said.", ["We like rock 'n' roll"]),
    ("Back in the ’80s, she said, ‘we had nothing’.", ["we had nothing"]),
    ("‘One.\n\n‘Two,’ he said.", ["One. Two"]),
    ("“I heard ‘Run!’ and ran,” he said.", ["I heard ‘Run!’ and ran"]),
    ("She said: ‘It is “a farce”, all of it.’", ["It is “a farce”, all of it."]),
    ("The '90s, O'Brien's rock 'n' roll, the farmers’ union.", []),
    ("‘Unclosed\n\nplain paragraph.", []),
])
def test_quotes_marks_paired(text, spans):
    assert [" ".join(text[s:e] for s, e in m.segments) for m in quote_spans(text)] == spans


@pytest.mark.parametrize("body,text,speaker", [
    ("Interior Minister Paula Brandt said: ‘We will not back down.’", "We will not back down.",
     "Paula Brandt"),
    ("'The bridge will reopen on Friday,' Mayor Tomas Herrera said.", "The bridge will reopen on Friday",
     "Tomas Herrera"),
    ("‘Nobody here has slept for days,’ aid worker Leila Farouk told reporters.",
     "Nobody here has slept for days", "Leila Farouk"),
    ("The Health Ministry called the report ‘a deliberate distortion of the facts’.",
     "a deliberate distortion of the facts", "Health Ministry"),
    ("‘We don’t want another war in Iran’s north,’ General Omar Rashidi said.",
     "We don’t want another war in Iran’s north", "Omar Rashidi"),
    ("‘The soldiers’ families deserve the truth,’ Senator Helen Marsh said.",
     "The soldiers’ families deserve the truth", "Helen Marsh"),
    ("'Our soldiers' families deserve the truth,' Senator Helen Marsh said.",
     "Our soldiers' families deserve the truth", "Helen Marsh"),
])
def test_quotes_single_marks_direct_and_partial_with_speaker(body, text, speaker):
    assert [(t, s) for t, s, _cue in quotes_of(body)] == [(text, speaker)]


def test_quotes_single_marks_pronoun_and_continuation():
    body = ("Defence Minister Karim Haddad visited the base on Monday. ‘Our soldiers did their duty,’ "
            "he said. ‘They will be home soon.’")
    assert quotes_of(body) == [("Our soldiers did their duty", "Karim Haddad", "say"),
                               ("They will be home soon.", "Karim Haddad", "say")]


def test_quotes_single_marks_run_over_paragraph_break_is_one_span():
    body = "‘The river rose at dawn.\n\n‘By noon the school was gone,’ teacher Samuel Otieno said."
    assert quotes_of(body) == [("The river rose at dawn.\n\n‘By noon the school was gone", "Samuel Otieno",
                                "say")]


def test_quotes_single_marks_around_a_nested_double_quote_make_one_quote():
    body = "Minister Paula Brandt said: ‘They called our plan “a farce”, but it is working.’"
    assert quotes_of(body) == [("They called our plan “a farce”, but it is working.", "Paula Brandt",
                                "say")]


@pytest.mark.parametrize("body", [
    "The band played rock 'n' roll all night in O'Connell Street.",
    "Music from the '90s filled the hall, and the soldiers' families danced.",
    "The soldiers’ families and the farmers’ union met Iran’s envoy in the ’80s hall.",
    "Officials don't expect the ministry's staff back before the veterans' march.",
    "She called it ‘chaos’ on Monday.",
    "‘This opening mark is never closed.\n\nThe next paragraph is ordinary reporting.",
])
def test_quotes_single_marks_nothing_found(body):
    assert quotes_of(body) == []


def test_quotes_support_events_whose_evidence_shares_the_sentence():
    from eventwire.extract.quotes import find_quotes
    from eventwire.options import Options
    from eventwire.pipeline import Draft, Pipeline
    from eventwire.records import Event, RawDocument, Span

    text = (HEADLINE + "Rebels shelled the town on Monday, “and they will pay for it,” Governor Ruth Amani "
            "said.\n\nMarkets reopened on Tuesday.")
    parsed = Pipeline(Options(), only=("clean", "parse", "actors"))
    draft = Draft(raw=RawDocument(text, "t"), options=Options())
    for _name, stage in parsed.stages:
        draft = stage(draft)
    at = draft.article.text.index("shelled")
    later = draft.article.text.index("reopened")
    events = (Event(id="e1", type="ASSAULT", evidence=(Span("shelled", at, at + 7),)),
              Event(id="e2", type="OTHER", evidence=(Span("reopened", later, later + 8),)))
    [quote] = find_quotes(draft.add(events=events)).quotes
    assert quote.supports == ("e1",)


WRAPPED = """Port workers end strike in Mombasa

    MOMBASA, March 1 - Dock workers at the port of Mombasa ended a
three-day strike on Friday after the port authority agreed to
review their pay, union officials said.
    "We have won what we came for and the ships will move again by
tomorrow morning," union leader Peter Otieno told reporters at the
port gate.
    Exporters said the strike had delayed shipments of tea and coffee
worth several million dollars to buyers in Europe and the Gulf.
"""


def test_quotes_across_a_hard_line_wrap():
    ex = extract_valid(WRAPPED, published="2024-03-01")
    names = {a.id: a.name for a in ex.actors}
    found = [(" ".join(q.text.split()), names.get(q.speaker)) for q in ex.quotes]
    assert found == [("We have won what we came for and the ships will move again by tomorrow morning",
                      "Peter Otieno")]
    assert all(ex.article.text[q.start:q.end] == q.text for q in ex.quotes)


def test_quotes_an_unclosed_mark_does_not_run_past_a_short_line_break():
    ex = extract_valid("Talks resume in Nairobi\n\nThe minister said the talks would resume. \"Soon\n"
                       "Reporters asked for a date.\nNone was given, officials said.\n", published="2024-03-01")
    assert not ex.quotes
