"""The actors stage: entity mentions -> canonical actors with country, PLOVER sector and title.

`ActorFinder.__call__` (finder.py) finds the actors of one article in these steps:

1. The home country: the country the text names most (`finder.ActorFinder._country_counts`).
2. Country words and role nouns: `designators.find_designators` walks the tokens for "Iran's",
   "Hungarian and Romanian"; `finder.ActorFinder._roles` makes "Hungarian officials" Hungary's
   actor and claims its tokens; `_home_institutions` gives "the government" to the home country.
3. Named entities: each entity not inside a claimed role phrase (`_overridden`) is resolved
   (`_resolve`) against the dictionary (dictionary.py: names, aliases, demonyms, role nouns from
   data/) and merged with earlier mentions of the same actor.
4. More mentions: bare surnames after a full name (`_surnames`), "He"/"She" opening a sentence
   (`_pronouns`).
5. Countries and sectors: from an apposition or a title (`_described`), known office holders as
   of the article's year (`finder._known_people`), then names that carry a country word
   (`nationality.infer_countries`); these only fill a missing country.
6. Records: actors numbered in order of their first mention.
"""
from .finder import ActorFinder

__all__ = ["ActorFinder"]
