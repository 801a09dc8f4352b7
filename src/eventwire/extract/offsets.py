"""Character ranges indexed once, for "which ranges overlap this one?" and "which came last
before this offset?" in logarithmic time: the stages ask these per token, per quote or per
event, and a scan of every mention each time was quadratic in a long text."""
from __future__ import annotations

from bisect import bisect_left
from typing import Any, Iterable


class Ranges:
    """(start, end, item) triples, kept in the order given and sorted by start."""

    def __init__(self, triples: Iterable[tuple[int, int, Any]]):
        self.items = list(triples)
        order = sorted(range(len(self.items)), key=lambda k: (self.items[k][0], k))
        self.order = order  # positions in `items`, by start, then as given
        self.starts = [self.items[k][0] for k in order]
        self.longest = max((e - s for s, e, _ in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Positions in `items` (ascending) of the ranges with s < end and start < e."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        found = [k for k in self.order[lo:hi] if start < self.items[k][1]]
        return sorted(found)

    def inside(self, start: int, end: int) -> list[int]:
        """Positions in `items` (ascending) of the ranges with start <= s and e <= end."""
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end + 1)
        return sorted(k for k in self.order[lo:hi] if self.items[k][1] <= end)

    def last_before(self, offset: int) -> int | None:
        """Position in `items` of the range with the greatest (start, item) with start < offset."""
        hi = bisect_left(self.starts, offset)
        if not hi:
            return None
        top = self.starts[hi - 1]
        ties = [k for k in self.order[bisect_left(self.starts, top):hi]]
        return max(ties, key=lambda k: (self.items[k][2], k))


class TokenSets:
    """(token set, item) pairs, kept in the order given and indexed by token: "which touch these
    tokens?" costs the size of the question, not a pass over every pair."""

    def __init__(self, pairs: Iterable[tuple[set[int], Any]]):
        self.pairs = list(pairs)
        self.by_token: dict[int, list[int]] = {}
        firsts = []
        for k, (tokens, _) in enumerate(self.pairs):
            for i in tokens:
                self.by_token.setdefault(i, []).append(k)
            if tokens:
                firsts.append((min(tokens), k))
        firsts.sort()
        self.firsts = [f for f, _ in firsts]
        self.first_order = [k for _, k in firsts]

    def __iter__(self):
        return iter(self.pairs)

    def touching(self, tokens) -> list[tuple[set[int], Any]]:
        """The pairs whose set meets `tokens`, in the order given."""
        found = {k for i in tokens for k in self.by_token.get(i, ())}
        return [self.pairs[k] for k in sorted(found)]

    def starting_in(self, start: int, end: int) -> list[tuple[set[int], Any]]:
        """The pairs whose first token lies in [start, end), in the order given."""
        lo, hi = bisect_left(self.firsts, start), bisect_left(self.firsts, end)
        return [self.pairs[k] for k in sorted(self.first_order[lo:hi])]
