import json

import pytest

import eventwire

from .conftest import validate

PLAIN = """Rebels seize border town in eastern Congo

Fighters of the M23 group took control of the town of Bunagana on Monday, local officials said.

Residents fled across the border into Uganda, the United Nations refugee agency reported.

Share this article
Most Popular
Load more
"""


def test_clean_trims_trailing_boilerplate_and_keeps_it():
    ex = eventwire.extract(PLAIN)
    data = validate(ex)
    assert "Most Popular" not in ex.article.text
    assert "refugee agency reported." in ex.article.text
    assert data["article"]["boilerplate"] == ["Share this article", "Most Popular", "Load more"]
    assert ex.article.title == "Rebels seize border town in eastern Congo"


def test_clean_keeps_body_that_has_no_boilerplate():
    text = "Police arrested 12 protesters in Nairobi on Friday, officials said."
    ex = eventwire.extract(text)
    assert ex.article.text == text
    assert ex.article.boilerplate == ()


def test_clean_html_uses_trafilatura_title_and_body():
    body = " ".join(["Troops were deployed to the northern province after clashes, the ministry said."] * 5)
    html = (f"<html><head><title>Troops deployed north</title></head><body><nav>Home News Sport</nav>"
            f"<article><h1>Troops deployed north</h1><p>{body}</p></article>"
            f"<footer>All rights reserved</footer></body></html>")
    ex = eventwire.extract(html.encode())
    validate(ex)
    assert "Troops were deployed" in ex.article.text
    assert "All rights reserved" not in ex.article.text


@pytest.mark.parametrize("content,code", [
    (b"", "empty"), (b" \n\t ", "empty"), (b"\x00\x01\x02\x03PK\x00\x00", "binary"),
    ("Die Bundeswehr schickt weitere Soldaten in den Irak, teilte das Ministerium am Donnerstag mit.",
     "language"),
    ("Qtr to March 31\nShr 12 cts vs 9 cts\nNet 4.2 mln vs 3.1 mln\nRevs 88.5 mln vs 71.0 mln\n"
     "Avg shrs 30.2 mln vs 29.8 mln", "no_prose"),
])
def test_clean_rejects_bad_input_with_a_reason(content, code):
    ex = eventwire.extract(content)
    validate(ex)
    assert ex.article.rejected.code == code
    assert ex.article.rejected.reason


def test_clean_decodes_windows_1252():
    ex = eventwire.extract("The minister\u2019s caf\u00e9 talks in Paris ended on Friday.".encode("cp1252"))
    assert "minister\u2019s caf\u00e9" in ex.article.text


def test_clean_seed_article_facts(shared):
    expected = json.loads((shared / "seed/nato-iraq-thehill.expected.json").read_text())
    ex = eventwire.extract((shared / "seed/nato-iraq-thehill.txt").read_bytes(), published="2021-02-18")
    validate(ex)
    assert ex.article.source == "The Hill"
    assert ex.article.title == expected["article"]["title"]
    text = " ".join(ex.article.text.replace("\u2019", "'").split())
    for snippet in expected["article"]["text_must_contain"]:
        assert snippet.replace("\u2019", "'") in text
    for snippet in expected["article"]["text_must_not_contain"]:
        assert snippet not in ex.article.text


def test_clean_keeps_a_text_made_only_of_short_lines():
    """An earnings table is no boilerplate: trimming must not leave nothing and call it empty."""
    from eventwire.clean import _trim_plain

    table = "Shr 1.10 dlrs vs 92 cts\nNet 12.6 mln vs 10.3 mln\nRevs 98.1 mln vs 87.0 mln"
    body, removed = _trim_plain(table)
    assert body == table and removed == []
