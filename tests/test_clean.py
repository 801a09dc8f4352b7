import codecs
import json
import zlib

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


@pytest.mark.parametrize("last, story, notice", [
    pytest.param("Police say the victim had been shot in the torso. Click here to read more from 5NEWS. "
                 "Copyright 2016 Nexstar Broadcasting, Inc. All rights reserved.",
                 "Police say the victim had been shot in the torso.",
                 "Click here to read more from 5NEWS. Copyright 2016 Nexstar Broadcasting, Inc. All rights reserved.",
                 id="notice-run-on-after-the-story"),
    pytest.param("Copyright 2016 Reuters. All rights reserved.", None,
                 "Copyright 2016 Reuters. All rights reserved.", id="notice-alone"),
])
def test_clean_keeps_the_story_a_notice_runs_on_from(last, story, notice):
    # a last paragraph that ends in a copyright notice is still the story: only the notice goes
    text = f"Man found shot dead in Fort Smith\n\nFORT SMITH, Ark. - A man was found dead on Tuesday.\n\n{last}"
    ex = eventwire.extract(text)
    assert ex.article.text.endswith(story or "A man was found dead on Tuesday.")
    assert "rights reserved" not in ex.article.text
    assert ex.article.boilerplate == (notice,)


def test_clean_keeps_the_story_after_a_widget_inside_its_last_paragraph():
    # a scraped page with its paragraphs run together: a video widget's "Share this video" sits
    # inside the last paragraph, and the story goes on after it; nothing of it may be lost
    text = ("Britain raises its terror threat level\n\nLONDON - Officials met on Monday. "
            "WATCH: The prime minister speaksShare this video0:00:30Direct link270p | 1.5MB"
            "Among the measures being recommended is a ban on unregistered SIM cards. "
            "Police launched further raids early Monday in east London. "
            "On Sunday, police arrested 12 people in connection with the attack. "
            "One of the men has since been released.")
    ex = eventwire.extract(text)
    assert "police arrested 12 people" in ex.article.text
    assert any(e.type == "COERCE" for e in ex.events)


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


# --- decoding -------------------------------------------------------------------------------

ACCENTED = ("Officials in Z\u00fcrich said on Tuesday that Jos\u00e9 Ramos-Horta met the mayor at a "
            "caf\u00e9 near the station, and that the talks about the flood relief went well.")


def test_clean_utf8_with_a_stray_byte_keeps_its_accents():
    """One stray byte no longer throws the page to Windows-1252 (which made 'cafÃ©' of it):
    it is replaced, and a warning says so."""
    middle = len(ACCENTED) // 2
    data = ACCENTED[:middle].encode() + b"\xff" + ACCENTED[middle:].encode()
    ex = eventwire.extract(data)
    validate(ex)
    assert ex.article.rejected is None
    assert "Z\u00fcrich" in ex.article.text and "Jos\u00e9" in ex.article.text
    assert "caf\u00e9" in ex.article.text and "\ufffd" in ex.article.text
    assert "read as utf-8, with 1 byte that did not decode replaced with U+FFFD" in ex.warnings


@pytest.mark.parametrize("encoding, text, expected", [
    ("cp1252", "The minister\u2019s caf\u00e9 talks ended on Friday, \u201cbadly\u201d, officials said, "
               "and tickets now cost \u20ac2 more.", ["minister\u2019s caf\u00e9", "\u201cbadly\u201d", "\u20ac2"]),
    ("latin-1", "The caf\u00e9 on the square in Cura\u00e7ao opened again on Tuesday after the floods, "
                "its owner said.", ["caf\u00e9", "Cura\u00e7ao"]),
])
def test_clean_legacy_encodings(encoding, text, expected):
    ex = eventwire.extract(text.encode(encoding))
    assert ex.article.rejected is None and not any("U+FFFD" in w for w in ex.warnings)
    for snippet in expected:
        assert snippet in ex.article.text


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
])
def test_clean_utf16_and_utf32_by_their_byte_order_mark(encoding, bom):
    """Their ASCII letters come with NUL bytes: they were taken for binary files."""
    ex = eventwire.extract(bom + ACCENTED.encode(encoding))
    validate(ex)
    assert ex.article.rejected is None and ex.article.text == ACCENTED


def test_clean_utf16_html_without_a_name_is_sniffed_as_html():
    page = f"<html><head><title>Relief</title></head><body><article><p>{ACCENTED}</p></article></body></html>"
    ex = eventwire.extract(codecs.BOM_UTF16_LE + page.encode("utf-16-le"))
    assert ex.article.rejected is None and "<p>" not in ex.article.text and "Jos\u00e9" in ex.article.text


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\n" + zlib.compress(ACCENTED.encode() * 20),
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
    + zlib.compress(bytes(range(256)) * 16),
    codecs.BOM_UTF16_LE + "PK\x03\x04\x00\x01\x02 ".encode("utf-16-le") * 300,  # controls, in UTF-16
])
def test_clean_binary_files_stay_binary(data):
    assert eventwire.extract(data).article.rejected.code == "binary"
