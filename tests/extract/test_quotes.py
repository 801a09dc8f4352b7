import pytest

from eventwire.extract.quotes import quote_spans

from ..conftest import extract_valid

HEADLINE = "Officials speak after talks\n\n"


def quotes_of(body):
    """(quote text, speaker name, cue) for each quote of a hand-built article."""
    ex = extract_valid(HEADLINE + body, published="2024-03-01")
    names = {a.id: a.name for a in ex.actors}
    for q in ex.quotes:
        assert ex.article.text[q.start:q.start + 10] == q.text[:10]
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
    assert [(t[:22], s) for t, s, _ in found] == [("The water came at nigh", "Joseph Mwangi"),
                                                  ("We lost everything. My", "Joseph Mwangi")]
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
])
def test_quotes_marks_paired(text, spans):
    assert [" ".join(text[s:e] for s, e in m.segments) for m in quote_spans(text)] == spans


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
