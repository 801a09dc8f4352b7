"""The dedup scorer (evaluate/dedup.py): ECB+ files read with their action chains, and pairs of
articles counted as the issue asks (within a pool, among articles that code the event)."""
from eventwire.evaluate.dedup import _in_source, _pairs, read_ecb

ECB_XML = """<Document doc_name="9_1ecb.xml">
<token t_id="1" sentence="0" number="0">A</token>
<token t_id="2" sentence="0" number="1">bomb</token>
<token t_id="3" sentence="0" number="2">exploded</token>
<token t_id="4" sentence="0" number="3">.</token>
<token t_id="5" sentence="1" number="0">Police</token>
<token t_id="6" sentence="1" number="1">said</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="2"><token_anchor t_id="6"/></ACTION_REPORTING>
<HUMAN_PART_ORG m_id="3"><token_anchor t_id="5"/></HUMAN_PART_ORG>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="9"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2" note="HUM1"><source m_id="3"/><target m_id="8"/></CROSS_DOC_COREF>
</Relations>
</Document>"""


def test_dedup_scorer_reads_ecb_text_and_action_chains(tmp_path):
    path = tmp_path / "9_1ecb.xml"
    path.write_text(ECB_XML)
    text, offsets, chains = read_ecb(path)
    assert text == "A bomb exploded .\nPolice said\n"
    assert chains == {"ACT1": [text.index("exploded")]}  # actions only: the police are no action
    assert len(offsets) == 6


def test_dedup_scorer_counts_pairs_within_a_pool_among_articles_that_code_the_event():
    articles = [{"id": i, "story": s, "pool": p} for i, s, p in
                (("a", "x", 1), ("b", "x", 1), ("c", "y", 1), ("d", "x", 1), ("e", "z", 2))]
    groups = {"a": {"g1"}, "b": {"g1"}, "c": {"g1"}, "d": set(), "e": {"g1"}}  # d codes nothing
    scores = _pairs(articles, {}, lambda a, _events: groups[a["id"]], "t", lambda a, b: a["pool"] == b["pool"])
    # pairs in pool 1 among a, b, c: a-b same and merged; a-c, b-c apart but merged
    assert scores["t.precision"] == 1 / 3 and scores["t.recall"] == 1.0
    assert (scores["t.articles"], scores["t.pairs_same"], scores["t.pairs_apart"]) == (4, 1, 2)


def test_dedup_scorer_moves_evidence_to_the_source_text():
    source = "Police  said a bomb\nexploded."
    coded = "Police said a bomb exploded."
    (span,) = _in_source([{"start": 12, "end": 28}], coded, source)
    assert source[span["start"]:span["end"]] == "a bomb\nexploded."
