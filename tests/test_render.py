"""What reaches the terminal: untrusted text is shown as it is, and never acts on the terminal."""
import dataclasses
import io

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from eventwire.render import render_events, render_table, safe_text, visible

from .conftest import extract_valid

# An article title as a crawler may bring it: rich markup (a closing tag that breaks parsing, a
# link), terminal escapes (blink, an OSC 8 hyperlink, C1 CSI), a right-to-left override that
# reverses what follows on screen, a zero-width space, and a line break.
EVIL = ("Strike [/bold] on [link=https://evil.example]base[/link] \x1b[5mBLINK\x1b[0m "
        "\x1b]8;;https://evil.example\x07here\x1b]8;;\x07 \x9b31m \u202egnp.exe\u202c zero\u200bwidth\nend")


@pytest.mark.parametrize("text,expected", [
    ("Kharkiv", "Kharkiv"),
    ("Кривий Ріг — São Tomé, 北京", "Кривий Ріг — São Tomé, 北京"),
    ("a\x1b[31mred", "a<U+001B>[31mred"),
    ("\x9b31m", "<U+009B>31m"),  # C1 control: CSI in one byte
    ("abc\u202edef\u202c", "abc<U+202E>def<U+202C>"),
    ("\u2066isolate\u2069", "<U+2066>isolate<U+2069>"),
    ("zero\u200bwidth\u200d\ufeff", "zero<U+200B>width<U+200D><U+FEFF>"),
    ("two\nlines\r\tand\u2028more", "two lines  and more"),
    ("bell\x07 nul\x00 del\x7f", "bell<U+0007> nul<U+0000> del<U+007F>"),
])
def test_render_visible(text, expected):
    assert visible(text) == expected


@pytest.mark.parametrize("text", [EVIL, "[bold]", "[/]", "trailing backslash \\", "[link=x]y[/link]",
                                  "\\[escaped]", ":fire: [red]", "[[nested]]"])
def test_render_safe_text_is_shown_literally(text):
    console, out = _screen()
    table = Table()
    table.add_column("cell")
    table.add_row(safe_text(text))
    console.print(table, Text.assemble(("bold:", "bold"), " ", safe_text(text), " [/bold]"))
    output = out.getvalue()
    assert output.count(visible(text)) == 2, output


def _screen() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=600, emoji=False), out


def _assert_safe(output: str) -> None:
    assert "[/bold]" in output and "[link=https://evil.example]base[/link]" in output
    assert "<U+202E>gnp.exe<U+202C>" in output and "\u202e" not in output
    assert "zero<U+200B>width" in output and "<U+001B>[5mBLINK" in output
    # no escape from the data reaches the terminal: rich's own styles use none of these
    assert "\x1b[5m" not in output and "\x1b]8;" not in output and "\x9b" not in output


def test_render_events_shows_untrusted_text_literally():
    row = {"date_start": "2024-03-12", "type": "ASSAULT", "status": "reported", "actors": [EVIL],
           "recipients": ["[red]x[/red]"], "place": EVIL, "place_country": "IQ", "killed": 3,
           "title": EVIL, "url": None, "article_id": "a1"}
    out = io.StringIO()  # wide enough for three copies of the hostile text, uncut
    render_events([row], Console(file=out, force_terminal=True, width=2000, emoji=False))
    output = out.getvalue()
    _assert_safe(output)
    assert "[red]x[/red]" in output


@pytest.mark.parametrize("width", [80, 100, 140])
def test_render_events_fits_the_terminal_and_never_cuts_dates_or_tolls(width):
    row = {"date_start": "2024-03-12", "type": "ASSAULT", "status": "hypothetical",
           "actors": ["Unidentified armed group", "Popular Mobilization Forces"], "recipients": ["civilians"],
           "place": "Erbil International Airport", "place_country": "IQ", "killed": 1234,
           "title": "Rockets hit Erbil airport base housing coalition troops", "url": None, "article_id": "a1"}
    out = io.StringIO()
    render_events([row], Console(file=out, width=width, emoji=False))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    body = "\n".join(lines)
    assert "2024-03-12" in body and "1234" in body and "hypothetical" in body and "ASSAULT" in body
    assert ("article" in lines[2]) is (width >= 120) and ("recipients" in lines[2]) is (width >= 90)
    assert len(lines) == 6  # title, three lines of header, one row, the bottom: one line per event


def test_render_table_shows_untrusted_text_literally():
    ex = extract_valid("Police fired tear gas at protesters in Baghdad on Monday, officials said.",
                       published="2022-03-05")
    assert ex.actors and ex.places
    ex = dataclasses.replace(
        ex, article=dataclasses.replace(ex.article, title=EVIL, source=EVIL),
        actors=tuple(dataclasses.replace(a, name=EVIL) for a in ex.actors),
        places=tuple(dataclasses.replace(p, name=EVIL) for p in ex.places),
        warnings=(EVIL,))
    console, out = _screen()
    render_table(ex, "article.txt", console)
    _assert_safe(out.getvalue())
