"""The places stage (first cut, to be completed)."""


class PlaceFinder:
    def __init__(self, options):
        self.options = options

    def __call__(self, draft):
        return draft
