"""The actors stage (first cut, to be completed)."""


def ruler_patterns():
    return []


class ActorFinder:
    def __init__(self, options):
        self.options = options

    def __call__(self, draft):
        return draft
