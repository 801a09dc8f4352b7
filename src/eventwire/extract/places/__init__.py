"""The places stage: toponyms -> GeoNames ids, coordinates, country, admin1 and precision.

`PlaceFinder.__call__` (finder.py) resolves the places of one article in these steps:

1. Candidate names: `finder.PlaceFinder.mentions` takes place entities, names after a locative
   preposition, and names the model gave another label or none that the gazetteer knows.
2. The home country: the country most named, directly or through an unambiguous state
   (`finder.PlaceFinder.home_country`).
3. Qualifiers: "Santa Ana, California" fixes every "Santa Ana" of the article
   (`finder.PlaceFinder._qualified`).
4. Each name resolved (`finder.PlaceFinder.resolve`), most specific kind first: airport, home
   state sharing a country's name, country, region, state or city, town, the name less its kind
   ("Hebei province"); namesakes ranked by the home country (`finder._rank`).
5. Records: mentions of one place merged into one record (`finder._merge`).

The candidates come from `gazetteer.load_gazetteer` (gazetteer.py: installed packages and
data/places_*.tsv, no downloads).
"""
from .finder import PlaceFinder

__all__ = ["PlaceFinder"]
