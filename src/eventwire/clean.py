"""The clean stage: raw bytes -> the article's main text, title, source, date and language.

HTML goes through trafilatura (comments excluded); plain scraped text has its leading and
trailing boilerplate trimmed by general rules, and the removed lines are kept. Never raises:
a document that cannot be coded becomes a recorded rejection.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from importlib import resources

from .errors import reject
from .records import Article

# Bytes that never occur in text: NUL and most C0 controls. A share above this in the first
# 4 KB marks a binary file (PDF, image, archive); text files have none at all.
BINARY_CONTROL_SHARE = 0.01
# UTF-16 and UTF-32 are known by their byte order mark, before the binary check (their ASCII
# letters come with NUL bytes). UTF-32-LE's mark starts with UTF-16-LE's: it is tried first.
UNICODE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
                (codecs.BOM_UTF8, "utf-8-sig"))
# A page that is not valid UTF-8 is still read as UTF-8, its stray bytes replaced, while its
# broken sequences are at most this share of its non-ASCII ones. A UTF-8 page with a stray byte
# has nearly all of its accents valid (share near 0); Windows-1252 and Latin-1 text almost never
# forms a valid sequence by chance (an accented capital then a symbol from 0x80-0xBF), so its
# share is near 1. Half keeps as UTF-8 a page with one accent and one stray byte.
UTF8_STRAY_MAX_SHARE = 0.5
# Windows-1252: the legacy encoding of English-language pages, and what browsers read Latin-1
# as. charset-normalizer ranks near-equal guesses by chance on mostly-ASCII text (cp775 for
# "€2", UTF-16-BE for "café"), so this one wins whenever it finds it no mess at all.
LEGACY_DEFAULT = "cp1252"
# A trailing line this short, with no sentence ending, reads as a link or a menu item.
LINK_LINE_MAX_WORDS = 6
# A headline is one line of at most this many words, without a final full stop.
HEADLINE_MAX_WORDS = 25
# py3langid needs a little text to be sure; shorter articles (names not counted) are taken as English.
LANGUAGE_MIN_CHARS = 40
# How many of py3langid's ranked guesses may name the wanted language; 2 admits English read as
# its creoles (pcm) while German, Spanish and French articles still rank English nowhere near.
LANGUAGE_RANKS_TRUSTED = 2
# A text in no language whose words are this much numbers is a table ("Shr 45 cts vs 58 cts /
# Net 1.1 mln vs 829,000"): rejected as no prose rather than as a foreign language.
TABLE_NUMBER_SHARE = 0.3
# A boilerplate phrase followed in its line by this many more sentences of prose is a widget
# caught inside a paragraph ("...Share this video0:00:30 ... Among the measures being
# recommended ... On Sunday, police arrested 12 people ..."), not the start of a page's footer.
STORY_AFTER_BOILERPLATE_SENTENCES = 3



def _boilerplate_pattern() -> re.Pattern:
    lines = resources.files("eventwire.data").joinpath("boilerplate.txt").read_text(encoding="utf-8").splitlines()
    phrases = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return re.compile("(" + "|".join(phrases) + ")", re.IGNORECASE)


BOILERPLATE = _boilerplate_pattern()
SENTENCE_END = re.compile(r"[.!?][\u201d\"']?\s")
SELF_REFERENCE = re.compile(r"^(The [A-Z][\w.]*(?: [A-Z][\w.]*)*) has removed its comment", re.MULTILINE)
HTML_SNIFF = re.compile(r"<(!doctype html|html|head|body|div|p|article)\b", re.IGNORECASE)


def clean_document(draft):
    raw, options = draft.raw, draft.options
    content = raw.content
    data = content.encode("utf-8") if isinstance(content, str) else content
    # Dates: the container's or caller's own (raw), else the page's, else the fallback in options.
    base = dict(url=raw.url or options.url, source=raw.source or options.source, title=raw.title,
                published=raw.published)
    problem = _check_bytes(data, options.max_bytes)
    if problem:
        return draft.add(article=_rejected(data, problem, **_dated(base, options)))
    decoded = _decode(data)
    if decoded is None:
        return draft.add(article=_rejected(data, reject("encoding", "UTF-8, UTF-16/32 by byte order "
                                                        "mark, charset-normalizer's guesses"),
                                           **_dated(base, options)))
    text, encoding, replaced = decoded
    if replaced:
        draft = draft.warn(f"read as {encoding}, with {replaced} byte{'' if replaced == 1 else 's'} "
                           "that did not decode replaced with U+FFFD")
    is_html = raw.is_html if raw.is_html is not None else bool(HTML_SNIFF.search(text[:2048]))
    if is_html:
        body, meta, removed = _from_html(text)
        for key, value in meta.items():
            base[key] = base[key] or value
    else:
        body, removed = _trim_plain(text)
        title = _headline(body)
        base["title"] = base["title"] or title
        base["source"] = base["source"] or _self_reference("\n".join(removed))
    base = _dated(base, options)
    if not body.strip():
        return draft.add(article=_rejected(data, reject("no_text" if is_html else "empty",
                                                        "nothing but markup or boilerplate"), **base))
    language = _language(body, options.languages)
    article = Article(id=_hash(body), language=language, text=body, boilerplate=tuple(removed), **base)
    if language not in options.languages:
        rejection = (reject("no_prose", f"{_number_share(body):.0%} of its words are numbers")
                     if _number_share(body) >= TABLE_NUMBER_SHARE else reject("language", language))
        article = Article(**{**article.__dict__, "rejected": rejection})
    return draft.add(article=article)


def _number_share(text: str) -> float:
    words = text.split()
    return sum(any(c.isdigit() for c in w) for w in words) / len(words) if words else 0.0


def _rejected(data: bytes, rejection, **base) -> Article:
    return Article(id=hashlib.sha256(data).hexdigest()[:16], language=None, text="",
                   rejected=rejection, **base)


def _hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def _dated(base: dict, options) -> dict:
    """The fallback date (--published) only for documents that carry none of their own."""
    return {**base, "published": base["published"] or options.published}


def _check_bytes(data: bytes, limit: int):
    if not data.strip():
        return reject("empty")
    if len(data) > limit:
        return reject("too_large", str(len(data)), limit=limit)
    head, wide = data[:4096], _unicode_bom(data)
    codes = [ord(c) for c in head.decode(wide, "replace")] if wide else head
    controls = sum(1 for code in codes if code < 9 or 13 < code < 32)
    if controls / len(codes) > BINARY_CONTROL_SHARE:
        return reject("binary", f"{controls} control characters in the first {len(codes)}")
    return None


def _unicode_bom(data: bytes) -> str | None:
    return next((encoding for bom, encoding in UNICODE_BOMS if data.startswith(bom)), None)


def _decode(data: bytes) -> tuple[str, str, int] | None:
    """The text, the encoding it was read in and how many bytes of it were not in that encoding
    (each replaced with U+FFFD); None when no encoding fits."""
    # 1. A byte order mark says the encoding.
    encoding = _unicode_bom(data)
    if encoding:
        return _decode_as(data, encoding)
    # 2. UTF-8, whole or with a few stray bytes.
    text, _, strays = _decode_as(data, "utf-8")
    if not strays:
        return text, "utf-8", 0
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))  # each stray is a U+FFFD by now
    if strays / non_ascii <= UTF8_STRAY_MAX_SHARE:
        return text, "utf-8", strays
    # 3. A legacy encoding, as charset-normalizer finds it.
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    fits = any(LEGACY_DEFAULT in match.could_be_from_charset for match in matches)
    return _decode_as(data, LEGACY_DEFAULT if fits else matches[0].encoding)


def _decode_as(data: bytes, encoding: str) -> tuple[str, str, int]:
    text = data.decode(encoding, ESCAPE_BYTES)
    text, strays = STRAY.subn("\ufffd", text)
    return text, encoding, strays


def _escape_bytes(err: UnicodeDecodeError) -> tuple[str, int]:
    """surrogateescape for any byte, ASCII too: each byte that does not decode becomes one lone
    surrogate (which no decoded text holds otherwise), to be counted and replaced."""
    return "".join(chr(STRAY_BASE + byte) for byte in err.object[err.start:err.end]), err.end


ESCAPE_BYTES = "eventwire.escape_bytes"
STRAY_BASE = 0xDC00
STRAY = re.compile("[\udc00-\udcff]")
codecs.register_error(ESCAPE_BYTES, _escape_bytes)


def _from_html(html: str):
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if doc is None:
        return "", {}, []
    meta = {"title": doc.title, "source": doc.sitename, "published": doc.date, "url": doc.url}
    body = doc.text or ""
    if doc.title and not body.startswith(doc.title):
        body = f"{doc.title}\n\n{body}"
    return body, {k: v for k, v in meta.items() if v}, []


def _trim_plain(text: str):
    """Strip leading/trailing boilerplate lines; return the body and the removed lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    removed: list[str] = []
    while lines and _is_boilerplate(lines[-1]) and not _story_runs_on(lines[-1]):
        line = lines.pop()
        story, notice = _before_boilerplate(line)
        if notice:
            removed.insert(0, notice)
        if story:  # "... shot in the torso. Click here to read more. Copyright 2016 ...": the story stays
            lines.append(story)
            break
    while lines and _is_boilerplate(lines[0], leading=True):
        line = lines.pop(0)
        if line.strip():
            removed.append(line.strip())
    body = "\n".join(lines).strip()
    if not body and text.strip():  # a table of short lines (earnings, results) is all it has
        return text.strip(), []
    return body, removed


def _is_boilerplate(line: str, leading: bool = False) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    if BOILERPLATE.search(stripped):
        return True
    if leading:
        return False
    words = stripped.split()
    return len(words) <= LINK_LINE_MAX_WORDS and not stripped.endswith((".", "!", "?", "\u201d", '"'))


def _story_runs_on(line: str) -> bool:
    """The line's last boilerplate phrase is followed by sentences of the story: the line stays."""
    matches = list(BOILERPLATE.finditer(line))
    rest = line[matches[-1].end():] + " " if matches else ""
    return len(SENTENCE_END.findall(rest)) >= STORY_AFTER_BOILERPLATE_SENTENCES


def _before_boilerplate(line: str) -> tuple[str, str]:
    """A last line split into the story's sentences before its first boilerplate phrase and the
    notice from there on: wire copy often runs "Copyright ... All rights reserved" on at the end
    of its last paragraph, and the paragraph is the story."""
    stripped = line.strip()
    match = BOILERPLATE.search(stripped)
    ends = list(SENTENCE_END.finditer(stripped[:match.start()])) if match else []
    story = stripped[:ends[-1].end()].rstrip() if ends else ""
    return story, stripped[len(story):].strip()


def _headline(body: str) -> str | None:
    first = body.split("\n", 1)[0].strip()
    if first and len(first.split()) <= HEADLINE_MAX_WORDS and not first.endswith("."):
        return first
    return None


def _self_reference(boilerplate: str) -> str | None:
    match = SELF_REFERENCE.search(boilerplate)
    return match.group(1) if match else None


def _language(text: str, wanted: tuple[str, ...] = ("en",)) -> str:
    """The text's language; a wanted language ranked right behind the best guess wins, because
    short English news about West Africa reads to py3langid as Nigerian Pidgin (pcm) first."""
    # Names carry no language ("Vladimir Putin met Hosni Mubarak in Sochi" reads as Javanese):
    # the guess is made on the words that do not start with a capital.
    sample = " ".join(w for w in text[:5000].split() if not w[:1].isupper())
    if len(sample) < LANGUAGE_MIN_CHARS:
        return "en"
    import py3langid

    ranked = [lang for lang, _ in py3langid.rank(sample)[:LANGUAGE_RANKS_TRUSTED]]
    return next((lang for lang in ranked if lang in wanted), ranked[0])
