"""The times stage (first cut, to be completed)."""


def find_times(draft):
    return draft
