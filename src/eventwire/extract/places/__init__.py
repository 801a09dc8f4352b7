"""The places stage: toponyms -> GeoNames ids, coordinates, country, admin1/admin2 codes and
names, and precision.

`PlaceFinder.__call__` (finder.py) resolves the places of one article in one numbered cascade:

1. Candidate names: `finder.PlaceFinder.mentions` takes place entities, names after a locative
   preposition, and names the model gave another label or none that the gazetteer knows.
2. Names in a place's frame (`finder.PlaceFinder.framed`), whatever the model tagged them, where
   the gazetteer knows them: after a locative preposition ("near Bumbacari"), in "the village of
   X", before a word for a kind of place ("Karo district", "the Kisima area"), in a list with a
   place ("Nandurbar and Dhule"), and the division after a place and a comma ("Pandi, Bulacan",
   which must resolve to a division). Not acronyms, nor a name that qualifies a noun ("the
   Marburg virus"). A framed name only takes a small town of the article's own country.
3. The home country: the country most named, directly or through an unambiguous state
   (`finder.PlaceFinder.home_country`); and its first-level division most named by a name that
   no city bears (`finder.PlaceFinder.home_admin1`).
4. Qualifiers: "Santa Ana, California" fixes every "Santa Ana" of the article
   (`finder.PlaceFinder._qualified`, resolved within the home country).
5. Each name resolved (`finder.PlaceFinder.resolve`), most specific kind first: airport, home
   state sharing a country's name, country, region, then the best of the same-named divisions
   (first and second level), cities of 15,000 people or more, and (where neither a city nor a
   state bears the name) small towns of the home country or of one country only, and where no
   division or city of 100,000 bears it, the towns of the home division ("Palmer" in a story
   from Alaska); then the name less its kind ("Hebei province"). Namesakes are ranked by the home country, the home
   division, the kind (major city, state, city, district or town, alternate name) and
   population (`finder._rank`); a city of 100,000 or more wins over its own state's name.
6. The article's other places: a city read for a name that also names a first-level division
   holding other places of the article becomes that division ("Ontario" beside Toronto is the
   province, not the Californian city), unless the city lies in it
   (`finder.PlaceFinder._divisions_holding_others`).
7. Records: mentions of one place merged into one record (`finder._merge`), with the names of
   its first- and second-level divisions.

The candidates come from `gazetteer.load_gazetteer` (gazetteer.py: GeoNames through an on-disk
index built on first use, index.py; installed packages and data/ files, no downloads).
"""
from .finder import PlaceFinder

__all__ = ["PlaceFinder"]
