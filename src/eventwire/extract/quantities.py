"""The quantities stage (first cut, to be completed)."""


def find_quantities(draft):
    return draft
